use actix_web::{get, patch, post, web, HttpResponse};
use serde::Deserialize;
use serde_json::json;

use crate::app::groups::load_group;
use crate::app::meetups as uc;
use crate::db::repo::meetups::When;
use crate::domain::ids::MeetupId;
use crate::domain::meetup::MeetupInput;
use crate::error::AppError;
use crate::web::extract::ApiUser;
use crate::web::json::meetup_json;
use crate::web::State;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(create_meetup)
        .service(list_meetups)
        .service(get_meetup)
        .service(update_meetup)
        .service(cancel_meetup)
        .service(reinstate_meetup);
}

#[post("/groups/{slug}/meetups")]
async fn create_meetup(
    state: State,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
    body: web::Json<MeetupInput>,
) -> Result<HttpResponse, AppError> {
    let group = load_group(&state.db, &slug).await?;
    let row = uc::create_meetup(&state.db, &user, &group, &body).await?;
    Ok(HttpResponse::Created().json(meetup_json(&row, &state.settings.base_url)))
}

#[derive(Deserialize)]
struct ListQuery {
    when: Option<String>,
}

#[get("/groups/{slug}/meetups")]
async fn list_meetups(
    state: State,
    slug: web::Path<String>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let when = match query.when.as_deref() {
        None | Some("upcoming") => When::Upcoming,
        Some("past") => When::Past,
        Some(_) => return Err(AppError::validation("when", "error.when_invalid")),
    };
    let group = load_group(&state.db, &slug).await?;
    let rows = uc::meetups_of_group(&state.db, &group, when, 1000).await?;
    let base = &state.settings.base_url;
    let list: Vec<_> = rows.iter().map(|r| meetup_json(r, base)).collect();
    Ok(HttpResponse::Ok().json(json!({ "meetups": list })))
}

#[get("/meetups/{id}")]
async fn get_meetup(state: State, id: web::Path<MeetupId>) -> Result<HttpResponse, AppError> {
    let row = uc::load_meetup(&state.db, &id).await?;
    Ok(HttpResponse::Ok().json(meetup_json(&row, &state.settings.base_url)))
}

#[patch("/meetups/{id}")]
async fn update_meetup(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<MeetupId>,
    body: web::Json<MeetupInput>,
) -> Result<HttpResponse, AppError> {
    let row = uc::load_meetup(&state.db, &id).await?;
    let row = uc::update_meetup(&state.db, &state.settings, &user, &row, body.into_inner()).await?;
    Ok(HttpResponse::Ok().json(meetup_json(&row, &state.settings.base_url)))
}

#[post("/meetups/{id}/cancel")]
async fn cancel_meetup(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<MeetupId>,
) -> Result<HttpResponse, AppError> {
    let row = uc::load_meetup(&state.db, &id).await?;
    let row = uc::cancel_meetup(&state.db, &state.settings, &user, &row).await?;
    Ok(HttpResponse::Ok().json(meetup_json(&row, &state.settings.base_url)))
}

#[post("/meetups/{id}/reinstate")]
async fn reinstate_meetup(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<MeetupId>,
) -> Result<HttpResponse, AppError> {
    let row = uc::load_meetup(&state.db, &id).await?;
    let row = uc::reinstate_meetup(&state.db, &state.settings, &user, &row).await?;
    Ok(HttpResponse::Ok().json(meetup_json(&row, &state.settings.base_url)))
}
