use actix_web::{delete, get, post, put, web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::venue_suggestions as uc;
use crate::domain::ids::SuggestionId;
use crate::error::AppError;
use crate::web::extract::{ApiUser, ApiViewer};
use crate::web::json::{ErrorBody, SuggestionJson, SuggestionList, VotesJson};
use crate::web::json_input::SuggestionInput;
use crate::web::State;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(suggest_venue)
        .service(list_suggestions)
        .service(vote)
        .service(unvote)
        .service(accept)
        .service(decline);
}

/// Suggests a venue to the group, optionally for one meetup (anyone signed in).
#[utoipa::path(
    tag = "venue suggestions",
    params(("slug" = String, Path)),
    security(("bearer" = [])),
    responses((status = 201, body = SuggestionJson))
)]
#[post("/groups/{slug}/venue-suggestions")]
async fn suggest_venue(
    state: State,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
    body: web::Json<SuggestionInput>,
) -> Result<HttpResponse, AppError> {
    let (slug, input) = (slug.into_inner(), body.into_inner().into());
    let settings = state.settings.clone();
    let s = state
        .db
        .transaction(move |conn| uc::suggest(conn, &settings, &user, &slug, &input))
        .await?;
    Ok(HttpResponse::Created().json(SuggestionJson::new(&s)))
}

/// Open suggestions by votes, then decided ones. Suggesters are named as attendees are (see
/// `suggester_name`).
#[utoipa::path(
    tag = "venue suggestions",
    params(("slug" = String, Path)),
    security((), ("bearer" = [])),
    responses((status = 200, body = SuggestionList))
)]
#[get("/groups/{slug}/venue-suggestions")]
async fn list_suggestions(
    state: State,
    ApiViewer(viewer): ApiViewer,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let list = state
        .db
        .run(move |conn| uc::group_suggestions(conn, &viewer, &slug))
        .await?;
    let suggestions = list.suggestions.iter().map(SuggestionJson::new).collect();
    Ok(HttpResponse::Ok().json(SuggestionList { suggestions }))
}

/// One vote per member; voting again changes nothing.
#[utoipa::path(
    tag = "venue suggestions",
    params(("id" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 200, body = VotesJson),
        (status = 409, description = "`poll_closed`: the suggestion is decided", body = ErrorBody),
    )
)]
#[put("/venue-suggestions/{id}/vote")]
async fn vote(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<SuggestionId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let votes = state
        .db
        .transaction(move |conn| uc::add_vote(conn, &user.id, &id))
        .await?;
    Ok(HttpResponse::Ok().json(VotesJson {
        votes,
        voted_by_me: true,
    }))
}

#[utoipa::path(
    tag = "venue suggestions",
    params(("id" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 200, body = VotesJson),
        (status = 409, description = "`poll_closed`", body = ErrorBody),
    )
)]
#[delete("/venue-suggestions/{id}/vote")]
async fn unvote(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<SuggestionId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let votes = state
        .db
        .transaction(move |conn| uc::remove_vote(conn, &user.id, &id))
        .await?;
    Ok(HttpResponse::Ok().json(VotesJson {
        votes,
        voted_by_me: false,
    }))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
struct AcceptBody {
    /// The meetup that gets this venue; by default the one it was suggested for, if any.
    meetup_id: Option<String>,
}

/// Accepts a suggestion (organisers only): it becomes one of the group's venues and, with a
/// meetup, that meetup's venue (a change its attendees are told about). The body is optional.
#[utoipa::path(
    tag = "venue suggestions",
    params(("id" = String, Path)),
    request_body(content = Option<AcceptBody>, content_type = "application/json"),
    security(("bearer" = [])),
    responses(
        (status = 200, body = SuggestionJson),
        (status = 403, body = ErrorBody),
        (status = 409, description = "`already_decided`", body = ErrorBody),
    )
)]
#[post("/venue-suggestions/{id}/accept")]
async fn accept(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<SuggestionId>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    // The body is optional: none means "the meetup it was suggested for, if any".
    let body: AcceptBody = if body.iter().all(u8::is_ascii_whitespace) {
        AcceptBody::default()
    } else {
        serde_json::from_slice(&body).map_err(|e| AppError::InvalidJson(e.to_string()))?
    };
    let (id, meetup_id, settings) = (id.into_inner(), body.meetup_id, state.settings.clone());
    let accepted = state
        .db
        .transaction(move |conn| uc::accept(conn, &settings, &user.id, &id, meetup_id))
        .await?;
    let mut json = SuggestionJson::new(&accepted.suggestion);
    json.venue_id = Some(accepted.venue.id.into());
    Ok(HttpResponse::Ok().json(json))
}

#[utoipa::path(
    tag = "venue suggestions",
    params(("id" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 200, body = SuggestionJson),
        (status = 403, body = ErrorBody),
        (status = 409, description = "`already_decided`", body = ErrorBody),
    )
)]
#[post("/venue-suggestions/{id}/decline")]
async fn decline(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<SuggestionId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let s = state
        .db
        .transaction(move |conn| uc::decline(conn, &user.id, &id))
        .await?;
    Ok(HttpResponse::Ok().json(SuggestionJson::new(&s)))
}
