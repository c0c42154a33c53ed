//! The organisers' co-hosting page: other groups' invitations, accepted or declined with a
//! button (`app::cohosts`).

use actix_web::{get, post, web, HttpResponse};

use crate::app::cohosts as uc;
use crate::domain::ids::MeetupId;
use crate::domain::time::to_local;
use crate::error::AppError;
use crate::i18n::long_datetime;
use crate::urls::{group_path, meetup_path};
use crate::views::cohosts::{cohosts_page, InvitationItem};
use crate::views::FlashKind;
use crate::web::extract::{CsrfForm, Empty, Page};
use crate::web::html::render_status;
use crate::web::pages::{organiser_submit, see_other};
use crate::web::State;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(cohosts_list)
        .service(cohosting_accept)
        .service(cohosting_decline);
}

#[get("/groups/{slug}/cohosts")]
async fn cohosts_list(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (viewer, slug) = (page.viewer.clone(), slug.into_inner());
    let (group, list) = state
        .db
        .run(move |conn| uc::invitations(conn, &viewer, &slug))
        .await?;
    page.use_group_locale(group.lang());
    let items: Vec<InvitationItem> = list
        .into_iter()
        .map(|inv| InvitationItem {
            meetup_id: inv.meetup_id.to_string(),
            meetup_path: meetup_path(&inv.from.slug, &inv.meetup_id),
            when: long_datetime(page.lang, to_local(inv.starts_at, inv.from.tz())),
            title: inv.title,
            from_name: inv.from.name,
        })
        .collect();
    Ok(render_status(
        actix_web::http::StatusCode::OK,
        cohosts_page(
            &page.chrome(),
            &group_path(&group.slug),
            &group.name,
            &items,
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
