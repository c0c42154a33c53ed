use actix_web::{delete, get, patch, post, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::talks as uc;
use crate::domain::ids::MeetupId;
use crate::domain::talk::{TalkInput, TalkPatch};
use crate::error::AppError;
use crate::web::extract::{ApiUser, MaybeApiUser};
use crate::web::json::{ErrorBody, TalkJson, TalkList};
use crate::web::State;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(propose_talk)
        .service(list_talks)
        .service(update_talk)
        .service(withdraw_talk);
}

/// Proposes a talk for a meetup (anyone signed in).
#[utoipa::path(
    tag = "talks",
    params(("id" = String, Path)),
    security(("bearer" = [])),
    responses((status = 201, body = TalkJson))
)]
#[post("/meetups/{id}/talks")]
async fn propose_talk(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<MeetupId>,
    body: web::Json<TalkInput>,
) -> Result<HttpResponse, AppError> {
    let talk = uc::propose_talk(&state.db, &state.settings, &user, &id, &body).await?;
    Ok(HttpResponse::Created().json(TalkJson::new(&talk)))
}

/// The programme in order, then proposals: everyone sees accepted talks, proposers their own,
/// organisers all.
#[utoipa::path(
    tag = "talks",
    params(("id" = String, Path)),
    security((), ("bearer" = [])),
    responses((status = 200, body = TalkList))
)]
#[get("/meetups/{id}/talks")]
async fn list_talks(
    state: State,
    MaybeApiUser(user): MaybeApiUser,
    id: web::Path<MeetupId>,
) -> Result<HttpResponse, AppError> {
    let talks = uc::meetup_talks(&state.db, user.as_ref(), &id).await?;
    let talks = talks.talks.iter().map(TalkJson::new).collect();
    Ok(HttpResponse::Ok().json(TalkList { talks }))
}

/// The proposer edits a talk while it is proposed; organisers decide (`status`: `accepted`,
/// `rejected`, or `proposed` to reopen) and order the programme (`position`).
#[utoipa::path(
    tag = "talks",
    params(("id" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 200, body = TalkJson),
        (status = 403, body = ErrorBody),
        (status = 409, description = "`already_decided`", body = ErrorBody),
    )
)]
#[patch("/talks/{id}")]
async fn update_talk(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<String>,
    body: web::Json<TalkPatch>,
) -> Result<HttpResponse, AppError> {
    let talk = uc::update_talk(&state.db, &state.settings, &user, &id, &body).await?;
    Ok(HttpResponse::Ok().json(TalkJson::new(&talk)))
}

/// Withdraws a talk: its proposer, or any organiser of the meetup's group. The programme closes
/// up behind it.
#[utoipa::path(
    tag = "talks",
    params(("id" = String, Path)),
    security(("bearer" = [])),
    responses((status = 200, body = TalkJson), (status = 403, body = ErrorBody))
)]
#[delete("/talks/{id}")]
async fn withdraw_talk(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let talk = uc::withdraw_talk(&state.db, &state.settings, &user, &id).await?;
    Ok(HttpResponse::Ok().json(TalkJson::new(&talk)))
}
