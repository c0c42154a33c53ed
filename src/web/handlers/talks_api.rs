use actix_web::{delete, get, patch, post, web, HttpResponse};
use serde_json::{json, Value};

use crate::app::talks::{self as uc, TalkView};
use crate::domain::ids::MeetupId;
use crate::domain::talk::{TalkInput, TalkPatch, TalkStatus};
use crate::domain::time::format_utc;
use crate::error::AppError;
use crate::web::extract::{ApiUser, MaybeApiUser};
use crate::web::State;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(propose_talk)
        .service(list_talks)
        .service(update_talk)
        .service(withdraw_talk);
}

/// `{id, meetup_id, title, abstract, duration_minutes, speaker_name, status, position}`, plus
/// `starts_at` for accepted talks.
pub fn talk_json(t: &TalkView) -> Value {
    let mut v = json!({
        "id": t.id,
        "meetup_id": t.meetup_id,
        "title": t.title,
        "abstract": t.abstract_text,
        "duration_minutes": t.duration_minutes,
        "speaker_name": t.speaker_name,
        "status": t.status.as_str(),
        "position": t.position,
    });
    if t.status == TalkStatus::Accepted {
        v["starts_at"] = json!(t.starts_at.map(format_utc));
    }
    v
}

#[post("/meetups/{id}/talks")]
async fn propose_talk(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<MeetupId>,
    body: web::Json<TalkInput>,
) -> Result<HttpResponse, AppError> {
    let talk = uc::propose_talk(&state.db, &user, &id, &body).await?;
    Ok(HttpResponse::Created().json(talk_json(&talk)))
}

#[get("/meetups/{id}/talks")]
async fn list_talks(
    state: State,
    MaybeApiUser(user): MaybeApiUser,
    id: web::Path<MeetupId>,
) -> Result<HttpResponse, AppError> {
    let talks = uc::meetup_talks(&state.db, user.as_ref(), &id).await?;
    let list: Vec<Value> = talks.talks.iter().map(talk_json).collect();
    Ok(HttpResponse::Ok().json(json!({ "talks": list })))
}

#[patch("/talks/{id}")]
async fn update_talk(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<String>,
    body: web::Json<TalkPatch>,
) -> Result<HttpResponse, AppError> {
    let talk = uc::update_talk(&state.db, &state.settings, &user, &id, &body).await?;
    Ok(HttpResponse::Ok().json(talk_json(&talk)))
}

#[delete("/talks/{id}")]
async fn withdraw_talk(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let talk = uc::withdraw_talk(&state.db, &state.settings, &user, &id).await?;
    Ok(HttpResponse::Ok().json(talk_json(&talk)))
}
