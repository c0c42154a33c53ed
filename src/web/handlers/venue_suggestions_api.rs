use actix_web::{delete, get, post, put, web, HttpResponse};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::app::groups::load_group;
use crate::app::venue_suggestions::{self as uc, SuggestionView};
use crate::domain::time::format_utc;
use crate::domain::venue_suggestion::SuggestionInput;
use crate::error::AppError;
use crate::web::extract::{ApiUser, MaybeApiUser};
use crate::web::State;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(suggest_venue)
        .service(list_suggestions)
        .service(vote)
        .service(unvote)
        .service(accept)
        .service(decline);
}

/// `{id, name, address, url, note, meetup_id, votes, status, venue_id, suggester_name,
/// created_at, decided_at}`, plus `voted_by_me` for signed-in callers.
pub fn suggestion_json(s: &SuggestionView) -> Value {
    let mut v = json!({
        "id": s.id,
        "name": s.name,
        "address": s.address,
        "url": s.url,
        "note": s.note,
        "meetup_id": s.meetup_id,
        "votes": s.votes,
        "status": s.status.as_str(),
        "venue_id": s.venue_id,
        "suggester_name": s.suggester_name,
        "created_at": format_utc(s.created_at),
        "decided_at": s.decided_at.map(format_utc),
    });
    if let Some(mine) = s.voted_by_me {
        v["voted_by_me"] = json!(mine);
    }
    v
}

#[post("/groups/{slug}/venue-suggestions")]
async fn suggest_venue(
    state: State,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
    body: web::Json<SuggestionInput>,
) -> Result<HttpResponse, AppError> {
    let group = load_group(&state.db, &slug).await?;
    let s = uc::suggest_venue(&state.db, &user, &group, &body).await?;
    Ok(HttpResponse::Created().json(suggestion_json(&s)))
}

#[get("/groups/{slug}/venue-suggestions")]
async fn list_suggestions(
    state: State,
    MaybeApiUser(user): MaybeApiUser,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let group = load_group(&state.db, &slug).await?;
    let list = uc::group_suggestions(&state.db, user.as_ref(), &group).await?;
    let suggestions: Vec<Value> = list.suggestions.iter().map(suggestion_json).collect();
    Ok(HttpResponse::Ok().json(json!({ "suggestions": suggestions })))
}

#[put("/venue-suggestions/{id}/vote")]
async fn vote(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let votes = uc::vote(&state.db, &user, &id).await?;
    Ok(HttpResponse::Ok().json(json!({ "votes": votes, "voted_by_me": true })))
}

#[delete("/venue-suggestions/{id}/vote")]
async fn unvote(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let votes = uc::unvote(&state.db, &user, &id).await?;
    Ok(HttpResponse::Ok().json(json!({ "votes": votes, "voted_by_me": false })))
}

#[derive(Debug, Default, Deserialize)]
struct AcceptBody {
    meetup_id: Option<String>,
}

#[post("/venue-suggestions/{id}/accept")]
async fn accept(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    // The body is optional: none means "the meetup it was suggested for, if any".
    let body: AcceptBody = if body.iter().all(u8::is_ascii_whitespace) {
        AcceptBody::default()
    } else {
        serde_json::from_slice(&body).map_err(|e| AppError::InvalidJson(e.to_string()))?
    };
    let meetup_id = body.meetup_id;
    let accepted = uc::accept_suggestion(&state.db, &state.settings, &user, &id, meetup_id).await?;
    let mut v = suggestion_json(&accepted.suggestion);
    v["venue_id"] = json!(accepted.venue.id);
    Ok(HttpResponse::Ok().json(v))
}

#[post("/venue-suggestions/{id}/decline")]
async fn decline(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let s = uc::decline_suggestion(&state.db, &user, &id).await?;
    Ok(HttpResponse::Ok().json(suggestion_json(&s)))
}
