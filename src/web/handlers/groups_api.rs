use actix_web::{get, patch, post, put, web, HttpResponse};
use serde::Deserialize;
use serde_json::json;

use crate::app::groups::{self as uc, GroupInput, VenueInput, VenuePatch};
use crate::domain::ids::UserId;
use crate::error::AppError;
use crate::web::extract::{ApiUser, MaybeApiUser};
use crate::web::json::{group_json, venue_json};
use crate::web::State;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(create_group)
        .service(list_groups)
        .service(get_group)
        .service(update_group)
        .service(join_group)
        .service(list_members)
        .service(set_member_role)
        .service(create_venue)
        .service(list_venues)
        .service(update_venue);
}

async fn group_response(
    state: &State,
    group: &crate::db::models::Group,
    status: actix_web::http::StatusCode,
) -> Result<HttpResponse, AppError> {
    let count = uc::members_count(&state.db, group).await?;
    Ok(HttpResponse::build(status).json(group_json(group, count, &state.settings.base_url)))
}

#[post("/groups")]
async fn create_group(
    state: State,
    ApiUser(user): ApiUser,
    body: web::Json<GroupInput>,
) -> Result<HttpResponse, AppError> {
    let group = uc::create_group(&state.db, &user, &body).await?;
    group_response(&state, &group, actix_web::http::StatusCode::CREATED).await
}

#[get("/groups")]
async fn list_groups(state: State) -> Result<HttpResponse, AppError> {
    let list = uc::all_groups(&state.db).await?;
    let base = &state.settings.base_url;
    let groups: Vec<_> = list.iter().map(|(g, n)| group_json(g, *n, base)).collect();
    Ok(HttpResponse::Ok().json(json!({ "groups": groups })))
}

#[get("/groups/{slug}")]
async fn get_group(state: State, slug: web::Path<String>) -> Result<HttpResponse, AppError> {
    let group = uc::load_group(&state.db, &slug).await?;
    group_response(&state, &group, actix_web::http::StatusCode::OK).await
}

#[patch("/groups/{slug}")]
async fn update_group(
    state: State,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
    body: web::Json<serde_json::Value>,
) -> Result<HttpResponse, AppError> {
    let group = uc::load_group(&state.db, &slug).await?;
    // Absent fields keep their value: merge the patch over the current group.
    let mut current = json!({
        "slug": group.slug, "name": group.name, "description": group.description,
        "timezone": group.timezone, "locale": group.locale, "links": group.link_list(),
    });
    if let (Some(target), Some(patch)) = (current.as_object_mut(), body.as_object()) {
        for (k, v) in patch {
            if k != "slug" {
                target.insert(k.clone(), v.clone());
            }
        }
    }
    let input: GroupInput =
        serde_json::from_value(current).map_err(|e| AppError::InvalidJson(e.to_string()))?;
    uc::update_group(&state.db, &user, &group, &input).await?;
    let group = uc::load_group(&state.db, &slug).await?;
    group_response(&state, &group, actix_web::http::StatusCode::OK).await
}

#[post("/groups/{slug}/members")]
async fn join_group(
    state: State,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let group = uc::load_group(&state.db, &slug).await?;
    let role = uc::join_group(&state.db, &group, &user).await?;
    Ok(HttpResponse::Ok().json(json!({ "role": role.as_str() })))
}

#[get("/groups/{slug}/members")]
async fn list_members(
    state: State,
    MaybeApiUser(user): MaybeApiUser,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let group = uc::load_group(&state.db, &slug).await?;
    let organiser = uc::is_organiser(&state.db, &group, user.as_ref()).await?;
    let rows = uc::members(&state.db, &group).await?;
    let members: Vec<_> = rows
        .iter()
        .map(|m| {
            let mut v = json!({ "user_id": m.user_id, "name": m.name, "role": m.role.as_str() });
            if organiser {
                v["email"] = json!(m.email);
            }
            v
        })
        .collect();
    Ok(HttpResponse::Ok().json(json!({ "members": members })))
}

#[derive(Deserialize)]
struct RoleBody {
    #[serde(default)]
    role: String,
}

#[put("/groups/{slug}/members/{user_id}")]
async fn set_member_role(
    state: State,
    ApiUser(user): ApiUser,
    path: web::Path<(String, UserId)>,
    body: web::Json<RoleBody>,
) -> Result<HttpResponse, AppError> {
    let (slug, member_id) = path.into_inner();
    let group = uc::load_group(&state.db, &slug).await?;
    let role = uc::set_member_role(&state.db, &user, &group, &member_id, &body.role).await?;
    Ok(HttpResponse::Ok().json(json!({ "user_id": member_id, "role": role.as_str() })))
}

#[post("/groups/{slug}/venues")]
async fn create_venue(
    state: State,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
    body: web::Json<VenueInput>,
) -> Result<HttpResponse, AppError> {
    let group = uc::load_group(&state.db, &slug).await?;
    let venue = uc::create_venue(&state.db, &user, &group, &body).await?;
    Ok(HttpResponse::Created().json(venue_json(&venue)))
}

#[get("/groups/{slug}/venues")]
async fn list_venues(state: State, slug: web::Path<String>) -> Result<HttpResponse, AppError> {
    let group = uc::load_group(&state.db, &slug).await?;
    let list = uc::venues_of_group(&state.db, &group).await?;
    let venues: Vec<_> = list.iter().map(venue_json).collect();
    Ok(HttpResponse::Ok().json(json!({ "venues": venues })))
}

#[patch("/venues/{id}")]
async fn update_venue(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<String>,
    body: web::Json<VenuePatch>,
) -> Result<HttpResponse, AppError> {
    let updated = uc::update_venue(&state.db, &user, &id, body.into_inner()).await?;
    Ok(HttpResponse::Ok().json(venue_json(&updated)))
}
