use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use serde_json::json;

use crate::app::accounts::{self as uc, Registration};
use crate::db::models::User;
use crate::error::AppError;
use crate::urls::personal_calendar_url;
use crate::web::extract::{bearer_token, client_ip, ApiUser};
use crate::web::State;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(register_api)
        .service(login_api)
        .service(logout_api)
        .service(me)
        .service(my_calendar)
        .service(rotate_calendar);
}

pub fn user_json(user: &User) -> serde_json::Value {
    json!({ "id": user.id, "email": user.email, "name": user.name, "locale": user.locale })
}

#[derive(Deserialize)]
struct RegisterBody {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
    locale: Option<String>,
}

#[post("/auth/register")]
async fn register_api(
    state: State,
    body: web::Json<RegisterBody>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let user = uc::register(
        &state.db,
        &state.settings,
        Registration {
            email: body.email,
            name: body.name,
            password: body.password,
            locale: body.locale,
        },
    )
    .await?;
    let token = uc::create_api_token(&state.db, &user).await?;
    Ok(HttpResponse::Created().json(json!({ "user": user_json(&user), "token": token })))
}

#[derive(Deserialize)]
struct LoginBody {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

#[post("/auth/login")]
async fn login_api(
    state: State,
    req: HttpRequest,
    body: web::Json<LoginBody>,
) -> Result<HttpResponse, AppError> {
    let user = uc::authenticate(
        &state.db,
        &state.settings,
        &body.email,
        &body.password,
        &client_ip(&req),
    )
    .await?;
    let token = uc::create_api_token(&state.db, &user).await?;
    Ok(HttpResponse::Ok().json(json!({ "user": user_json(&user), "token": token })))
}

#[post("/auth/logout")]
async fn logout_api(
    state: State,
    req: HttpRequest,
    _user: ApiUser,
) -> Result<HttpResponse, AppError> {
    let token = bearer_token(&req).ok_or(AppError::Unauthorized)?;
    uc::revoke_api_token(&state.db, token).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[get("/me")]
async fn me(ApiUser(user): ApiUser) -> HttpResponse {
    HttpResponse::Ok().json(user_json(&user))
}

#[get("/me/calendar")]
async fn my_calendar(state: State, ApiUser(user): ApiUser) -> HttpResponse {
    HttpResponse::Ok().json(json!({
        "url": personal_calendar_url(&state.settings.base_url, &user.calendar_secret)
    }))
}

#[post("/me/calendar/rotate")]
async fn rotate_calendar(state: State, ApiUser(user): ApiUser) -> Result<HttpResponse, AppError> {
    let secret = uc::rotate_calendar_secret(&state.db, &user).await?;
    Ok(HttpResponse::Ok()
        .json(json!({ "url": personal_calendar_url(&state.settings.base_url, &secret) })))
}
