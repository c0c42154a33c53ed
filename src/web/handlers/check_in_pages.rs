//! The door on the HTML side: the check-in page organisers and helpers tick on a phone, walk-ins,
//! the printable sign-in sheet, and the page where members check themselves in.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use serde::Deserialize;

use crate::app::check_in::{self as uc, DoorList, SelfCheckIn};
use crate::db::now;
use crate::domain::check_in::{ticking_open, WalkIn};
use crate::domain::ids::{MeetupId, UserId};
use crate::error::AppError;
use crate::views::check_in::{
    door_page, self_check_in_page, sign_in_sheet, DoorView, WalkInInput, WalkInView,
};
use crate::views::components::FormErrors;
use crate::views::questions::AnswerColumns;
use crate::views::rsvp::PersonView;
use crate::views::FlashKind;
use crate::web::extract::{CsrfForm, Page};
use crate::web::html::{render, render_status};
use crate::web::pages::{
    field_errors, flash_outcome, meetup_for_page, meetup_path, meetup_submit, see_other,
};
use crate::web::panels::{person, when_text};
use crate::web::{AppState, State};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(door_form)
        .service(tick_submit)
        .service(walk_in_submit)
        .service(sign_in_sheet_page)
        .service(self_check_in_form)
        .service(self_check_in_submit);
}

/// The door's list in one checkout, with the page in the group's language.
async fn door_list(
    state: &AppState,
    page: &mut Page,
    slug: String,
    id: MeetupId,
) -> Result<DoorList, AppError> {
    let (viewer, settings) = (page.viewer.clone(), state.settings.clone());
    let door = state
        .db
        .run(move |conn| uc::door_list(conn, &settings, &viewer, &slug, &id))
        .await?;
    page.use_group_locale(door.row.group.lang());
    Ok(door)
}

/// What the door's views need of its list.
struct DoorData {
    going: Vec<PersonView>,
    walk_ins: Vec<WalkInView>,
    path: String,
    url: String,
    organiser: bool,
    open: bool,
}

fn door_data(state: &AppState, door: &DoorList) -> DoorData {
    let row = &door.row;
    DoorData {
        going: door.going.iter().cloned().map(person).collect(),
        walk_ins: door
            .walk_ins
            .iter()
            .map(|w| WalkInView {
                name: w.name.clone(),
                email: w.email.clone(),
            })
            .collect(),
        path: meetup_path(row),
        url: crate::urls::self_check_in_url(
            &state.settings.base_url,
            &row.group.slug,
            &row.meetup.id,
            &door.code,
        ),
        organiser: door.organiser,
        open: ticking_open(row.meetup.starts_at, now()),
    }
}

fn view<'a>(door: &'a DoorList, data: &'a DoorData, filter: &'a str) -> DoorView<'a> {
    DoorView {
        meetup_title: &door.row.meetup.title,
        meetup_id: &door.row.meetup.id,
        meetup_path: &data.path,
        self_check_in_url: &data.url,
        code: &door.code,
        organiser: data.organiser,
        open: data.open,
        going: &data.going,
        walk_ins: &data.walk_ins,
        filter,
    }
}

#[derive(Deserialize)]
struct DoorQuery {
    #[serde(default)]
    q: String,
}

#[get("/groups/{slug}/meetups/{id}/checkin")]
async fn door_form(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId)>,
    query: web::Query<DoorQuery>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let door = door_list(&state, &mut page, slug, id).await?;
    let data = door_data(&state, &door);
    Ok(render(door_page(
        &page.chrome(),
        &view(&door, &data, &query.q),
        &WalkInInput::default(),
        &FormErrors::default(),
    )))
}

#[derive(Deserialize)]
struct TickForm {
    #[serde(default)]
    member: String,
    #[serde(default)]
    came: String,
    /// The name filter the list was showing, kept after the tick.
    #[serde(default)]
    q: String,
}

/// Ticks how many of one party came, and goes back to the list where it was.
#[post("/groups/{slug}/meetups/{id}/checkin")]
async fn tick_submit(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId)>,
    CsrfForm(form): CsrfForm<TickForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let member = UserId::from(form.member.clone());
    let came = form
        .came
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::validation("came", "error-came_invalid"));
    let (row, result) = meetup_submit(&state, &mut page, &slug, &id, move |conn, row, user| {
        uc::set_party_came(conn, user, &row.meetup.id, &member, came?)
    })
    .await?;
    flash_outcome(&page, result, page.t("checkin-saved"))?;
    let query = serde_urlencoded::to_string([("q", form.q.as_str())]).unwrap_or_default();
    Ok(see_other(&format!(
        "{}/checkin?{query}#p-{}",
        meetup_path(&row),
        form.member
    )))
}

#[derive(Deserialize)]
struct WalkInForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
}

/// Adds a walk-in; a refused one shows the page again with what was typed.
#[post("/groups/{slug}/meetups/{id}/walk-ins")]
async fn walk_in_submit(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId)>,
    CsrfForm(form): CsrfForm<WalkInForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let parsed = WalkIn::parse(&form.name, &form.email).map_err(AppError::Invalid);
    let (row, result) = meetup_submit(&state, &mut page, &slug, &id, move |conn, row, user| {
        uc::add_walk_in(conn, user, &row.meetup.id, parsed?)
    })
    .await?;
    let errors = match result {
        Ok(added) => {
            let text =
                crate::i18n::tf(page.lang, "checkin-walk_in_added", &[("name", &added.name)]);
            page.flash(FlashKind::Ok, &text);
            return Ok(see_other(&format!(
                "{}/checkin#walk-ins",
                meetup_path(&row)
            )));
        }
        Err(e) => field_errors(&page, e, "name")?,
    };
    let door = door_list(&state, &mut page, slug, id).await?;
    let data = door_data(&state, &door);
    let input = WalkInInput {
        name: form.name,
        email: form.email,
    };
    Ok(render_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        door_page(&page.chrome(), &view(&door, &data, ""), &input, &errors),
    ))
}

/// The printable list of who is coming, with the door code, for organisers and door helpers.
#[get("/groups/{slug}/meetups/{id}/sign-in-sheet")]
async fn sign_in_sheet_page(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let (viewer, settings) = (page.viewer.clone(), state.settings.clone());
    let sheet = state
        .db
        .run(move |conn| uc::sign_in_sheet(conn, &settings, &viewer, &slug, &id))
        .await?;
    page.use_group_locale(sheet.door.row.group.lang());
    let door = &sheet.door;
    let data = door_data(&state, door);
    let answers = AnswerColumns::new(
        page.lang,
        &sheet.questions,
        &sheet.replies,
        door.going.iter().map(|a| &a.user_id),
    );
    let when = when_text(&door.row, page.lang);
    let place = door.row.venue.as_ref().map(|v| v.name.clone());
    Ok(render(sign_in_sheet(
        &page.chrome(),
        &view(door, &data, ""),
        &answers,
        &when,
        place.as_deref(),
    )))
}

#[derive(Deserialize)]
struct CodeQuery {
    #[serde(default)]
    code: String,
}

/// Where the door's QR code leads: the code filled in, one button to check in.
#[get("/groups/{slug}/meetups/{id}/check-in")]
async fn self_check_in_form(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId)>,
    query: web::Query<CodeQuery>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let row = meetup_for_page(&state, &mut page, &slug, &id).await?;
    let action = crate::urls::self_check_in_path(&slug, &id);
    Ok(render(self_check_in_page(
        &page.chrome(),
        &row.meetup.title,
        &action,
        &query.code,
        &FormErrors::default(),
    )))
}

#[derive(Deserialize)]
struct CodeForm {
    #[serde(default)]
    code: String,
}

#[post("/groups/{slug}/meetups/{id}/check-in")]
async fn self_check_in_submit(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId)>,
    CsrfForm(form): CsrfForm<CodeForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let (code, settings) = (form.code.clone(), state.settings.clone());
    let (row, result) = meetup_submit(&state, &mut page, &slug, &id, move |conn, row, user| {
        uc::self_check_in(conn, &settings, user, &row.meetup.id, &code)
    })
    .await?;
    let error = match result {
        Ok(SelfCheckIn::CheckedIn) => {
            page.flash(FlashKind::Ok, page.t("selfcheckin-done"));
            return Ok(see_other(&meetup_path(&row)));
        }
        Ok(SelfCheckIn::WrongCode) => page.t("error-code_invalid").to_string(),
        Err(e @ (AppError::Conflict(..) | AppError::RateLimited(_))) => e.message(page.lang),
        Err(AppError::Forbidden) => page.t("selfcheckin-not_going").to_string(),
        Err(e) => return Err(e),
    };
    let action = crate::urls::self_check_in_path(&slug, &id);
    Ok(render_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        self_check_in_page(
            &page.chrome(),
            &row.meetup.title,
            &action,
            &form.code,
            &FormErrors::one("code", error),
        ),
    ))
}
