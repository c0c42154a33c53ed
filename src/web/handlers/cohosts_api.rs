//! Co-hosting a meetup with another group (`app::cohosts`).

use actix_web::{delete, post, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::cohosts as uc;
use crate::domain::ids::MeetupId;
use crate::error::AppError;
use crate::web::extract::ApiUser;
use crate::web::json::{CohostJson, ErrorBody};
use crate::web::State;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(invite_cohost)
        .service(accept_cohosting)
        .service(decline_cohosting)
        .service(leave_cohosting);
}

#[derive(Deserialize, ToSchema)]
struct CohostInput {
    /// The slug of the group asked to co-host.
    group_slug: String,
}

#[derive(Serialize, ToSchema)]
struct CohostList {
    cohosts: Vec<CohostJson>,
}

fn list(views: &[uc::CohostView]) -> CohostList {
    CohostList {
        cohosts: views.iter().map(Into::into).collect(),
    }
}

/// Asks another group to co-host the meetup (organisers of the meetup's group). The group's
/// organisers are mailed and see the invitation on `/groups/{slug}/cohosts`; once they accept,
/// the meetup shows on both groups' pages, meetup lists, calendars and embeds, is announced to
/// the co-host's members (once per person across both groups), and its organisers check in and
/// message attendees. It stays one meetup: one capacity, one waitlist. A co-host group's
/// member answers without joining the meetup's own group.
#[utoipa::path(
    tag = "meetups",
    params(("id" = String, Path)),
    security(("bearer" = [])),
    request_body = CohostInput,
    responses(
        (status = 201, description = "asked; every co-host of the meetup", body = CohostList),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "`cohost_already_asked`, or `meetup_started` (started or cancelled)", body = ErrorBody),
        (status = 422, description = "`validation_failed`, `group_slug`: unknown, or the meetup's own group", body = ErrorBody),
    )
)]
#[post("/meetups/{id}/cohosts")]
async fn invite_cohost(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<MeetupId>,
    body: web::Json<CohostInput>,
) -> Result<HttpResponse, AppError> {
    let (settings, id, slug) = (
        state.settings.clone(),
        id.into_inner(),
        body.into_inner().group_slug,
    );
    let views = state
        .db
        .transaction(move |conn| uc::invite(conn, &settings, &user.id, &id, &slug))
        .await?;
    Ok(HttpResponse::Created().json(list(&views)))
}

async fn respond(
    state: State,
    user: crate::db::models::User,
    path: (MeetupId, String),
    accept: bool,
) -> Result<HttpResponse, AppError> {
    let (id, slug) = path;
    let views = state
        .db
        .transaction(move |conn| uc::respond(conn, &user.id, &id, &slug, accept))
        .await?;
    Ok(HttpResponse::Ok().json(list(&views)))
}

/// Accepts the invitation of the group `slug` to co-host the meetup (organisers of that group).
#[utoipa::path(
    tag = "meetups",
    params(("id" = String, Path), ("slug" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "every co-host of the meetup", body = CohostList),
        (status = 403, body = ErrorBody),
        (status = 404, description = "the group was not asked", body = ErrorBody),
        (status = 409, description = "`cohost_not_pending`, or `meetup_started`", body = ErrorBody),
    )
)]
#[post("/meetups/{id}/cohosts/{slug}/accept")]
async fn accept_cohosting(
    state: State,
    ApiUser(user): ApiUser,
    path: web::Path<(MeetupId, String)>,
) -> Result<HttpResponse, AppError> {
    respond(state, user, path.into_inner(), true).await
}

/// Declines the invitation of the group `slug` to co-host the meetup (organisers of that
/// group); the meetup's group may ask again.
#[utoipa::path(
    tag = "meetups",
    params(("id" = String, Path), ("slug" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "every co-host of the meetup", body = CohostList),
        (status = 403, body = ErrorBody),
        (status = 404, description = "the group was not asked", body = ErrorBody),
        (status = 409, description = "`cohost_not_pending`, or `meetup_started`", body = ErrorBody),
    )
)]
#[post("/meetups/{id}/cohosts/{slug}/decline")]
async fn decline_cohosting(
    state: State,
    ApiUser(user): ApiUser,
    path: web::Path<(MeetupId, String)>,
) -> Result<HttpResponse, AppError> {
    respond(state, user, path.into_inner(), false).await
}

/// Ends the co-hosting of the group `slug` before the meetup starts: organisers of that group
/// (leaving) or of the meetup's group (withdrawing). Answers given by the group's members stay.
#[utoipa::path(
    tag = "meetups",
    params(("id" = String, Path), ("slug" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "the group no longer co-hosts it"),
        (status = 403, body = ErrorBody),
        (status = 404, description = "the group was not asked", body = ErrorBody),
        (status = 409, description = "`meetup_started`", body = ErrorBody),
    )
)]
#[delete("/meetups/{id}/cohosts/{slug}")]
async fn leave_cohosting(
    state: State,
    ApiUser(user): ApiUser,
    path: web::Path<(MeetupId, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, slug) = path.into_inner();
    state
        .db
        .transaction(move |conn| uc::leave(conn, &user.id, &id, &slug))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
