//! RSVP form and organisers' check-in on the HTML meetup page.

use actix_web::{get, post, web, HttpResponse};
use serde::Deserialize;

use crate::app::rsvps as uc;
use crate::db::repo::meetups::MeetupRow;
use crate::domain::ids::{MeetupId, UserId};
use crate::domain::rsvp::Answer;
use crate::error::AppError;
use crate::views::rsvp::{checkin_page, sign_in_sheet, PersonView};
use crate::views::FlashKind;
use crate::web::extract::{CsrfForm, Page};
use crate::web::html::render;
use crate::web::pages::{answered_text, flash_outcome, meetup_path, meetup_submit, see_other};
use crate::web::panels::{person, when_text};
use crate::web::{AppState, State};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(rsvp_submit)
        .service(checkin_form)
        .service(checkin_submit)
        .service(sign_in_sheet_page);
}

#[derive(Deserialize)]
struct RsvpForm {
    #[serde(default)]
    answer: String,
    #[serde(default)]
    guests: String,
    /// The code of conduct's box, ticked.
    #[serde(default)]
    accept_code_of_conduct: Option<String>,
}

#[post("/groups/{slug}/meetups/{id}/rsvp")]
async fn rsvp_submit(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId)>,
    CsrfForm(form): CsrfForm<RsvpForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let guests = form.guests.trim().parse::<i64>().ok().or(Some(0));
    let parsed = Answer::parse(&form.answer, guests);
    let accepts = form.accept_code_of_conduct.is_some();
    let settings = state.settings.clone();
    let (row, result) = meetup_submit(&state, &mut page, &slug, &id, move |conn, row, user| {
        uc::answer(conn, &settings, user, &row.meetup.id, parsed?, accepts)
    })
    .await?;
    let target = meetup_path(&row);
    let done = match &result {
        Ok(outcome) => answered_text(page.lang, outcome),
        Err(_) => String::new(),
    };
    flash_outcome(&page, result, &done)?;
    Ok(see_other(&format!("{target}#rsvp")))
}

#[get("/groups/{slug}/meetups/{id}/checkin")]
async fn checkin_form(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let (row, going) = check_in_sheet(&state, &mut page, slug, id).await?;
    Ok(render(checkin_page(
        &page.chrome(),
        &row.meetup.title,
        &row.meetup.id,
        &meetup_path(&row),
        &going,
    )))
}

#[post("/groups/{slug}/meetups/{id}/checkin")]
async fn checkin_submit(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId)>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    // Repeated `attended=` fields: parse as pairs (serde_urlencoded has no Vec support).
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_bytes(&body).map_err(|e| AppError::InvalidForm(e.to_string()))?;
    let token = pairs
        .iter()
        .find(|(k, _)| k == "csrf_token")
        .map(|(_, v)| v.as_str())
        .unwrap_or("");
    crate::web::extract::verify_csrf(&page.session, token)?;
    let came: Vec<UserId> = pairs
        .into_iter()
        .filter(|(k, _)| k == "attended")
        .map(|(_, v)| UserId::from(v))
        .collect();
    let (row, result) = meetup_submit(&state, &mut page, &slug, &id, move |conn, row, user| {
        uc::check_in(conn, user, &row.meetup.id, &came)
    })
    .await?;
    result?;
    page.flash(FlashKind::Ok, page.t("checkin-saved"));
    Ok(see_other(&meetup_path(&row)))
}

/// The meetup and who is going to it, for its organisers, in one checkout, with the page in the
/// group's language.
async fn check_in_sheet(
    state: &AppState,
    page: &mut Page,
    slug: String,
    id: MeetupId,
) -> Result<(MeetupRow, Vec<PersonView>), AppError> {
    let viewer = page.viewer.clone();
    let (row, going) = state
        .db
        .run(move |conn| uc::check_in_sheet(conn, &viewer, &slug, &id))
        .await?;
    page.use_group_locale(row.group.lang());
    Ok((row, going.into_iter().map(person).collect()))
}

/// The printable list of who is coming, for the door.
#[get("/groups/{slug}/meetups/{id}/sign-in-sheet")]
async fn sign_in_sheet_page(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let (row, going) = check_in_sheet(&state, &mut page, slug, id).await?;
    let m = &row.meetup;
    let when = when_text(&row, page.lang);
    let place = row.venue.as_ref().map(|v| v.name.clone());
    Ok(render(sign_in_sheet(
        &page.chrome(),
        &m.title,
        &when,
        place.as_deref(),
        &meetup_path(&row),
        &going,
    )))
}
