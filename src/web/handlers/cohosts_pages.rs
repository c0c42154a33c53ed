//! The organisers' co-hosting pages (`app::cohosts`): a group's, with other groups'
//! invitations, accepted or declined with a button, and the meetups it co-hosts, left with a
//! button; a meetup's, where its group's organisers ask another group and withdraw.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};

use crate::app::cohosts as uc;
use crate::domain::ids::MeetupId;
use crate::domain::time::to_local;
use crate::error::AppError;
use crate::i18n::{long_datetime, tf};
use crate::urls::{group_path, meetup_path};
use crate::views::cohosts::{
    cohosts_page, meetup_cohosts_page, CohostForm, CohostItem, InvitationItem, MeetupCohostsPage,
};
use crate::views::components::FormErrors;
use crate::views::FlashKind;
use crate::web::extract::{CsrfForm, Empty, Page};
use crate::web::html::render_status;
use crate::web::pages::{
    field_errors, flash_outcome, organiser_meetup_submit, organiser_submit, see_other,
};
use crate::web::{AppState, State};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(cohosts_list)
        .service(cohosting_accept)
        .service(cohosting_decline)
        .service(cohosting_leave)
        .service(meetup_cohosts_form)
        .service(meetup_cohosts_invite)
        .service(meetup_cohosts_withdraw);
}

#[get("/groups/{slug}/cohosts")]
async fn cohosts_list(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (viewer, slug) = (page.viewer.clone(), slug.into_inner());
    let read = state
        .db
        .run(move |conn| uc::invitations(conn, &viewer, &slug))
        .await?;
    let group = read.group;
    page.use_group_locale(group.lang());
    let items = |list: Vec<uc::Invitation>| -> Vec<InvitationItem> {
        list.into_iter()
            .map(|inv| InvitationItem {
                meetup_id: inv.meetup_id.to_string(),
                meetup_path: meetup_path(&inv.from.slug, &inv.meetup_id),
                when: long_datetime(page.lang, to_local(inv.starts_at, inv.from.tz())),
                title: inv.title,
                from_name: inv.from.name,
            })
            .collect()
    };
    let (invitations, cohosted) = (items(read.invitations), items(read.cohosted));
    Ok(render_status(
        StatusCode::OK,
        cohosts_page(
            &page.chrome(),
            &group_path(&group.slug),
            &group.name,
            &invitations,
            &cohosted,
        ),
    ))
}

async fn respond(
    state: State,
    mut page: Page,
    path: (String, MeetupId),
    accept: bool,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path;
    let (group, result) = organiser_submit(&state, &mut page, &slug, move |conn, group, user| {
        uc::respond(conn, user, &id, &group.slug, accept)
    })
    .await?;
    result?;
    let done = if accept {
        "cohosts-accepted"
    } else {
        "cohosts-declined"
    };
    page.flash(FlashKind::Ok, page.t(done));
    Ok(see_other(&format!("{}/cohosts", group_path(&group.slug))))
}

#[post("/groups/{slug}/cohosts/{id}/accept")]
async fn cohosting_accept(
    state: State,
    page: Page,
    path: web::Path<(String, MeetupId)>,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    respond(state, page, path.into_inner(), true).await
}

#[post("/groups/{slug}/cohosts/{id}/decline")]
async fn cohosting_decline(
    state: State,
    page: Page,
    path: web::Path<(String, MeetupId)>,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    respond(state, page, path.into_inner(), false).await
}

/// The co-host group leaves a meetup it co-hosts, before the start.
#[post("/groups/{slug}/cohosts/{id}/leave")]
async fn cohosting_leave(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId)>,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let (group, result) = organiser_submit(&state, &mut page, &slug, move |conn, group, user| {
        uc::leave(conn, user, &id, &group.slug)
    })
    .await?;
    flash_outcome(&page, result, page.t("cohosts-left"))?;
    Ok(see_other(&format!("{}/cohosts", group_path(&group.slug))))
}

fn meetup_cohosts_path(slug: &str, id: &MeetupId) -> String {
    format!("{}/cohosts", meetup_path(slug, id))
}

/// The meetup's co-hosting page, read in one checkout, with the form as sent and its errors.
async fn render_meetup_cohosts(
    state: &AppState,
    page: &mut Page,
    slug: &str,
    id: &MeetupId,
    form: &CohostForm,
    errors: &FormErrors,
) -> Result<maud::Markup, AppError> {
    let (viewer, s, i) = (page.viewer.clone(), slug.to_string(), id.clone());
    let read = state
        .db
        .run(move |conn| uc::meetup_cohosting(conn, &viewer, &s, &i))
        .await?;
    let row = &read.row;
    page.use_group_locale(row.group.lang());
    let cohosts: Vec<CohostItem> = read
        .cohosts
        .iter()
        .map(|c| CohostItem {
            slug: c.slug.clone(),
            name: c.name.clone(),
            path: group_path(&c.slug),
            status: c.status,
        })
        .collect();
    let path = meetup_path(&row.group.slug, &row.meetup.id);
    Ok(meetup_cohosts_page(
        &page.chrome(),
        &MeetupCohostsPage {
            meetup_title: &row.meetup.title,
            meetup_path: &path,
            cohosts: &cohosts,
            choices: &read.choices,
            open: read.open,
        },
        form,
        errors,
    ))
}

#[get("/groups/{slug}/meetups/{id}/cohosts")]
async fn meetup_cohosts_form(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let form = CohostForm::default();
    let markup =
        render_meetup_cohosts(&state, &mut page, &slug, &id, &form, &FormErrors::default()).await?;
    Ok(render_status(StatusCode::OK, markup))
}

/// Asks the group chosen to co-host the meetup; a refusal shows the form again, the reason
/// beside the field (422).
#[post("/groups/{slug}/meetups/{id}/cohosts")]
async fn meetup_cohosts_invite(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId)>,
    CsrfForm(form): CsrfForm<CohostForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let (settings, asked) = (state.settings.clone(), form.group_slug.clone());
    let (group, row, done) =
        organiser_meetup_submit(&state, &mut page, &slug, &id, move |conn, row, user| {
            uc::invite(conn, &settings, user, &row.meetup.id, &asked)
        })
        .await?;
    match done {
        Ok(views) => {
            let asked = form.group_slug.trim();
            let name = views
                .iter()
                .find(|c| c.slug == asked)
                .map_or(asked, |c| c.name.as_str());
            page.flash(
                FlashKind::Ok,
                &tf(page.lang, "cohosts-invited", &[("group", &name)]),
            );
            Ok(see_other(&meetup_cohosts_path(&group.slug, &row.meetup.id)))
        }
        Err(e) => {
            let errors = field_errors(&page, e, "group_slug")?;
            let markup =
                render_meetup_cohosts(&state, &mut page, &slug, &id, &form, &errors).await?;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, markup))
        }
    }
}

/// The meetup's group withdraws its invitation to the group `other`, or ends its co-hosting,
/// before the start.
#[post("/groups/{slug}/meetups/{id}/cohosts/{other}/withdraw")]
async fn meetup_cohosts_withdraw(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId, String)>,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let (slug, id, other) = path.into_inner();
    let (group, row, result) =
        organiser_meetup_submit(&state, &mut page, &slug, &id, move |conn, row, user| {
            uc::leave(conn, user, &row.meetup.id, &other)
        })
        .await?;
    flash_outcome(&page, result, page.t("cohosts-withdrawn"))?;
    Ok(see_other(&meetup_cohosts_path(&group.slug, &row.meetup.id)))
}
