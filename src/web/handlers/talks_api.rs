use actix_web::{delete, get, patch, post, put, web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::talks::{self as uc, PoolQuery};
use crate::db::DbConn;
use crate::domain::ids::{MeetupId, TalkId};
use crate::domain::talk::{PoolSort, TalkAction, TalkStatus};
use crate::error::AppError;
use crate::web::extract::{ApiUser, ApiViewer};
use crate::web::json::{ErrorBody, TalkJson, TalkList, VotesJson};
use crate::web::json_input::{TalkInput, TalkLink, TalkPatch};
use crate::web::State;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(propose_talk)
        .service(list_talks)
        .service(get_talk)
        .service(update_talk)
        .service(withdraw_talk)
        .service(propose_pool_talk)
        .service(list_pool)
        .service(vote)
        .service(unvote)
        .service(set_links);
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
    let (settings, input) = (state.settings.clone(), body.into_inner().into());
    let talk = state
        .db
        .transaction(move |conn| uc::propose_talk(conn, &settings, &user, &id, &input))
        .await?;
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
    ApiViewer(viewer): ApiViewer,
    id: web::Path<MeetupId>,
) -> Result<HttpResponse, AppError> {
    let talks = uc::meetup_talks(&state.db, &viewer, &id).await?;
    let talks = talks.talks.iter().map(TalkJson::new).collect();
    Ok(HttpResponse::Ok().json(TalkList { talks }))
}

/// One talk, as the viewer may see it (404 when they may not).
#[utoipa::path(
    tag = "talks",
    params(("id" = String, Path)),
    security((), ("bearer" = [])),
    responses((status = 200, body = TalkJson), (status = 404, body = ErrorBody))
)]
#[get("/talks/{id}")]
async fn get_talk(
    state: State,
    ApiViewer(viewer): ApiViewer,
    id: web::Path<TalkId>,
) -> Result<HttpResponse, AppError> {
    let talk = uc::talk(&state.db, &viewer, &id).await?;
    Ok(HttpResponse::Ok().json(TalkJson::new(&talk)))
}

/// The proposer edits a talk while it is proposed; organisers decide (`status`: `accepted`,
/// `rejected`, or `proposed` to reopen), order the programme (`position`), and with
/// `meetup_id` schedule a pool talk into an upcoming meetup of its group or move it to another
/// one (the old programme closes up; both meetups' calendar entries change; the speaker is
/// told).
#[utoipa::path(
    tag = "talks",
    params(("id" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 200, body = TalkJson),
        (status = 403, body = ErrorBody),
        (status = 409, description = "`already_decided`", body = ErrorBody),
        (status = 422, description = "e.g. `meetup_id` not an upcoming meetup of the group", body = ErrorBody),
    )
)]
#[patch("/talks/{id}")]
async fn update_talk(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<TalkId>,
    body: web::Json<TalkPatch>,
) -> Result<HttpResponse, AppError> {
    let patch = body.into_inner().into();
    let settings = state.settings.clone();
    let update = move |conn: &mut DbConn| uc::update(conn, &settings, &user, &id, &patch);
    let talk = state.db.transaction(update).await?;
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
    id: web::Path<TalkId>,
) -> Result<HttpResponse, AppError> {
    let settings = state.settings.clone();
    let withdraw =
        move |conn: &mut DbConn| uc::act(conn, &settings, &user, &id, vec![TalkAction::Withdraw]);
    let talk = state.db.transaction(withdraw).await?;
    Ok(HttpResponse::Ok().json(TalkJson::new(&talk)))
}

/// Proposes a talk to the group's pool, for no meetup yet (anyone signed in; they join the
/// group). Organisers later schedule it into a meetup with `PATCH /talks/{id}`.
#[utoipa::path(
    tag = "talks",
    params(("slug" = String, Path)),
    security(("bearer" = [])),
    responses((status = 201, body = TalkJson), (status = 422, body = ErrorBody))
)]
#[post("/groups/{slug}/talks")]
async fn propose_pool_talk(
    state: State,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
    body: web::Json<TalkInput>,
) -> Result<HttpResponse, AppError> {
    let (settings, input) = (state.settings.clone(), body.into_inner().into());
    let propose =
        move |conn: &mut DbConn| uc::propose_pool_talk(conn, &settings, &user, &slug, &input);
    let talk = state.db.transaction(propose).await?;
    Ok(HttpResponse::Created().json(TalkJson::new(&talk)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct PoolParams {
    /// `proposed`, `accepted`, `rejected` or `withdrawn`; all visible talks when absent.
    status: Option<String>,
    /// `votes` (most voted first, the default) or `recent` (newest first).
    sort: Option<String>,
}

impl PoolParams {
    fn query(&self) -> Result<PoolQuery, AppError> {
        let status = match self.status.as_deref() {
            None | Some("") => None,
            Some(s) => Some(
                TalkStatus::parse(s)
                    .ok_or_else(|| AppError::validation("status", "error-talk_status_invalid"))?,
            ),
        };
        let sort = match self.sort.as_deref() {
            None | Some("") | Some("votes") => PoolSort::Votes,
            Some("recent") => PoolSort::Recent,
            Some(_) => return Err(AppError::validation("sort", "error-sort_invalid")),
        };
        Ok(PoolQuery { status, sort })
    }
}

/// The group's talks, in its pool or in a meetup: members see proposed and accepted ones,
/// everyone accepted ones, proposers their own, organisers all.
#[utoipa::path(
    tag = "talks",
    params(("slug" = String, Path), PoolParams),
    security((), ("bearer" = [])),
    responses((status = 200, body = TalkList), (status = 422, body = ErrorBody))
)]
#[get("/groups/{slug}/talks")]
async fn list_pool(
    state: State,
    ApiViewer(viewer): ApiViewer,
    slug: web::Path<String>,
    params: web::Query<PoolParams>,
) -> Result<HttpResponse, AppError> {
    let query = params.query()?;
    let pool = uc::group_talks(&state.db, &viewer, &slug, &query).await?;
    let talks = pool.talks.iter().map(TalkJson::new).collect();
    Ok(HttpResponse::Ok().json(TalkList { talks }))
}

/// One vote per member for a proposed or accepted talk; voting again changes nothing.
#[utoipa::path(
    tag = "talks",
    params(("id" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 200, body = VotesJson),
        (status = 409, description = "`already_decided`: rejected or withdrawn", body = ErrorBody),
    )
)]
#[put("/talks/{id}/vote")]
async fn vote(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<TalkId>,
) -> Result<HttpResponse, AppError> {
    let votes = state
        .db
        .transaction(move |conn| uc::add_vote(conn, &user.id, &id))
        .await?;
    Ok(HttpResponse::Ok().json(VotesJson {
        votes,
        voted_by_me: true,
    }))
}

/// Takes one's vote back (no vote: nothing changes).
#[utoipa::path(
    tag = "talks",
    params(("id" = String, Path)),
    security(("bearer" = [])),
    responses((status = 200, body = VotesJson), (status = 409, body = ErrorBody))
)]
#[delete("/talks/{id}/vote")]
async fn unvote(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<TalkId>,
) -> Result<HttpResponse, AppError> {
    let votes = state
        .db
        .transaction(move |conn| uc::remove_vote(conn, &user.id, &id))
        .await?;
    Ok(HttpResponse::Ok().json(VotesJson {
        votes,
        voted_by_me: false,
    }))
}

/// Replaces the talk's materials: its proposer or an organiser, while the talk is proposed or
/// accepted. `http` and `https` addresses only; at most 10.
#[utoipa::path(
    tag = "talks",
    params(("id" = String, Path)),
    security(("bearer" = [])),
    request_body = Vec<TalkLink>,
    responses(
        (status = 200, body = TalkJson),
        (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
#[put("/talks/{id}/links")]
async fn set_links(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<TalkId>,
    body: web::Json<Vec<TalkLink>>,
) -> Result<HttpResponse, AppError> {
    let links: Vec<_> = body.into_inner().into_iter().map(Into::into).collect();
    let talk = state
        .db
        .transaction(move |conn| uc::set_links(conn, &user, &id, &links))
        .await?;
    Ok(HttpResponse::Ok().json(TalkJson::new(&talk)))
}
