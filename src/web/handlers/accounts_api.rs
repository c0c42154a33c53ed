use actix_web::{delete, get, patch, post, web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::accounts::{self as uc, Registration};
use crate::app::privacy;
use crate::app::{email_changes, password_resets};
use crate::error::AppError;
use crate::web::extract::{bearer_token, client_ip, ApiUser};
use crate::web::json::{CalendarLink, ErrorBody, SignedIn, UserJson};
use crate::web::json_export::AccountExport;
use crate::web::json_input::ProfileChange;
use crate::web::State;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(register_api)
        .service(login_api)
        .service(logout_api)
        .service(request_password_reset)
        .service(confirm_password_reset)
        .service(me)
        .service(update_me)
        .service(export_me)
        .service(change_email)
        .service(confirm_email)
        .service(delete_me)
        .service(change_password)
        .service(end_all_sessions)
        .service(my_calendar)
        .service(rotate_calendar);
}

#[derive(Deserialize, ToSchema)]
struct RegisterBody {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    /// At least 10 characters.
    #[serde(default)]
    password: String,
    /// `fr` or `en`; the server's default language when absent.
    locale: Option<String>,
}

/// Creates an account and returns a bearer token for it.
#[utoipa::path(
    tag = "accounts",
    responses(
        (status = 201, body = SignedIn),
        (status = 409, description = "`email_taken`", body = ErrorBody),
    )
)]
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
    Ok(HttpResponse::Created().json(SignedIn {
        user: UserJson::new(&user),
        token,
    }))
}

#[derive(Deserialize, ToSchema)]
struct LoginBody {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

/// Signs in: a new bearer token. Ten failures for an account (thirty from an address) within
/// 15 minutes lock sign-in there until the window passes.
#[utoipa::path(
    tag = "accounts",
    responses(
        (status = 200, body = SignedIn),
        (status = 401, description = "`unauthorized`: wrong e-mail address or password", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many failed attempts", body = ErrorBody),
    )
)]
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
    Ok(HttpResponse::Ok().json(SignedIn {
        user: UserJson::new(&user),
        token,
    }))
}

#[derive(Deserialize, ToSchema)]
struct ResetRequestBody {
    #[serde(default)]
    email: String,
}

/// A request taken: what happens next, by mail.
#[derive(Serialize, ToSchema)]
struct ResetRequested {
    message: &'static str,
}

/// Mails a link to choose a new password (one use, one hour) if an account uses the address.
/// The answer is the same whether it does or not. At most 3 requests per address and 20 per
/// client address per hour.
#[utoipa::path(
    tag = "accounts",
    responses(
        (status = 202, body = ResetRequested),
        (status = 429, description = "`rate_limited`", body = ErrorBody),
    )
)]
#[post("/auth/password-reset")]
async fn request_password_reset(
    state: State,
    req: HttpRequest,
    body: web::Json<ResetRequestBody>,
) -> Result<HttpResponse, AppError> {
    password_resets::request(&state.db, &state.settings, &body.email, &client_ip(&req)).await?;
    Ok(HttpResponse::Accepted().json(ResetRequested {
        message: "If an account uses this address, a link to choose a new password is on its way.",
    }))
}

#[derive(Deserialize, ToSchema)]
struct ResetConfirmBody {
    /// The last part of the mailed link, `/password-reset/{token}`.
    #[serde(default)]
    token: String,
    #[serde(default)]
    password: String,
}

/// Sets the new password and signs in: every other session and token of the account ends, and
/// so does the link of a pending change of address.
#[utoipa::path(
    tag = "accounts",
    responses(
        (status = 200, body = SignedIn),
        (status = 410, description = "`link_expired`: used already, older than an hour, or the account is deleted", body = ErrorBody),
    )
)]
#[post("/auth/password-reset/confirm")]
async fn confirm_password_reset(
    state: State,
    body: web::Json<ResetConfirmBody>,
) -> Result<HttpResponse, AppError> {
    let user =
        password_resets::reset(&state.db, &state.settings, &body.token, &body.password).await?;
    let token = uc::create_api_token(&state.db, &user).await?;
    Ok(HttpResponse::Ok().json(SignedIn {
        user: UserJson::new(&user),
        token,
    }))
}

/// Revokes the bearer token of this request.
#[utoipa::path(tag = "accounts", security(("bearer" = [])), responses((status = 204)))]
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

/// Signs out everywhere: every browser session and API token of the account stops working,
/// this one included, and so does the link of a pending change of address.
#[utoipa::path(tag = "accounts", security(("bearer" = [])), responses((status = 204)))]
#[delete("/me/sessions")]
async fn end_all_sessions(state: State, ApiUser(user): ApiUser) -> Result<HttpResponse, AppError> {
    uc::end_all_sessions(&state.db, &user).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(tag = "accounts", security(("bearer" = [])), responses((status = 200, body = UserJson)))]
#[get("/me")]
async fn me(ApiUser(user): ApiUser) -> HttpResponse {
    HttpResponse::Ok().json(UserJson::new(&user))
}

/// Changes the profile; absent fields keep their value.
#[utoipa::path(tag = "accounts", security(("bearer" = [])), responses((status = 200, body = UserJson)))]
#[patch("/me")]
async fn update_me(
    state: State,
    ApiUser(user): ApiUser,
    body: web::Json<ProfileChange>,
) -> Result<HttpResponse, AppError> {
    let user = uc::update_profile(&state.db, &user, body.into_inner().into()).await?;
    Ok(HttpResponse::Ok().json(UserJson::new(&user)))
}

#[derive(Deserialize, ToSchema)]
struct EmailChange {
    #[serde(default)]
    email: String,
    /// The current password.
    #[serde(default)]
    password: String,
}

/// Asks to use a new address: a confirmation link goes to it (one use, 24 hours) and a notice
/// to the current one; nothing changes until the link is followed. At most 3 requests per
/// account and 3 to one address (whoever asks) per hour.
#[utoipa::path(
    tag = "accounts",
    security(("bearer" = [])),
    responses(
        (status = 202, body = ResetRequested),
        (status = 401, description = "`unauthorized`: wrong password", body = ErrorBody),
        (status = 409, description = "`email_taken`", body = ErrorBody),
        (status = 429, description = "`rate_limited`", body = ErrorBody),
    )
)]
#[post("/me/email")]
async fn change_email(
    state: State,
    req: HttpRequest,
    ApiUser(user): ApiUser,
    body: web::Json<EmailChange>,
) -> Result<HttpResponse, AppError> {
    email_changes::request(
        &state.db,
        &state.settings,
        &user,
        &body.email,
        &body.password,
        &client_ip(&req),
    )
    .await?;
    Ok(HttpResponse::Accepted().json(ResetRequested {
        message: "A confirmation link is on its way to the new address.",
    }))
}

#[derive(Deserialize, ToSchema)]
struct EmailConfirm {
    /// The last part of the mailed link, `/email-change/{token}`.
    #[serde(default)]
    token: String,
}

/// Applies a change of address from its mailed link.
#[utoipa::path(
    tag = "accounts",
    responses(
        (status = 200, body = UserJson),
        (status = 409, description = "`email_taken`: someone took the address meanwhile", body = ErrorBody),
        (status = 410, description = "`link_expired`: used already, older than 24 hours, voided by a password reset, a new password or signing out everywhere, or the account is deleted", body = ErrorBody),
    )
)]
#[post("/me/email/confirm")]
async fn confirm_email(
    state: State,
    body: web::Json<EmailConfirm>,
) -> Result<HttpResponse, AppError> {
    let user = email_changes::confirm(&state.db, &body.token).await?;
    Ok(HttpResponse::Ok().json(UserJson::new(&user)))
}

/// Everything the account owns or said: profile, memberships, RSVPs, talks, venue suggestions
/// and votes, mail preferences, messages received, pending changes of address and the mails
/// sent or due to it.
#[utoipa::path(tag = "accounts", security(("bearer" = [])), responses((status = 200, body = AccountExport)))]
#[get("/me/export")]
async fn export_me(state: State, ApiUser(user): ApiUser) -> Result<HttpResponse, AppError> {
    let export = privacy::export(&state.db, &user).await?;
    Ok(HttpResponse::Ok().json(AccountExport::from(export)))
}

#[derive(Deserialize, ToSchema)]
struct DeleteAccount {
    #[serde(default)]
    password: String,
}

/// Deletes the account: seats at upcoming meetups go to the waitlist (with its mails),
/// proposed talks are withdrawn (accepted ones stay under the speaker's name), votes and
/// memberships go, so do its mails, pending links and sign-in records, and mails to others no
/// longer name it; the e-mail address is freed; past meetups keep their counts. Every link
/// mailed to the account answers 410 `link_expired` from then on, and no mail goes to it.
#[utoipa::path(
    tag = "accounts",
    security(("bearer" = [])),
    responses(
        (status = 204),
        (status = 401, description = "`unauthorized`: wrong password", body = ErrorBody),
        (status = 409, description = "`last_organiser`: hand your groups over first", body = ErrorBody),
        (status = 429, description = "`rate_limited`", body = ErrorBody),
    )
)]
#[delete("/me")]
async fn delete_me(
    state: State,
    req: HttpRequest,
    ApiUser(user): ApiUser,
    body: web::Json<DeleteAccount>,
) -> Result<HttpResponse, AppError> {
    privacy::delete_account(
        &state.db,
        &state.settings,
        &user,
        &body.password,
        &client_ip(&req),
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Deserialize, ToSchema)]
struct PasswordChange {
    #[serde(default)]
    current_password: String,
    /// At least 10 characters.
    #[serde(default)]
    password: String,
}

/// Changes the password, given the current one (checked and limited like a sign-in). Every
/// other session and token of the account ends, and so does the link of a pending change of
/// address; this token stays.
#[utoipa::path(
    tag = "accounts",
    security(("bearer" = [])),
    responses(
        (status = 200, body = UserJson),
        (status = 401, description = "`unauthorized`: the current password is wrong", body = ErrorBody),
        (status = 429, description = "`rate_limited`", body = ErrorBody),
    )
)]
#[post("/me/password")]
async fn change_password(
    state: State,
    req: HttpRequest,
    ApiUser(user): ApiUser,
    body: web::Json<PasswordChange>,
) -> Result<HttpResponse, AppError> {
    let keep = bearer_token(&req).unwrap_or_default();
    uc::change_password(
        &state.db,
        &state.settings,
        &user,
        &body.current_password,
        &body.password,
        &client_ip(&req),
        keep,
    )
    .await?;
    Ok(HttpResponse::Ok().json(UserJson::new(&user)))
}

/// The secret address of your personal iCal feed (the meetups you go to).
#[utoipa::path(tag = "calendars", security(("bearer" = [])), responses((status = 200, body = CalendarLink)))]
#[get("/me/calendar")]
async fn my_calendar(state: State, ApiUser(user): ApiUser) -> HttpResponse {
    HttpResponse::Ok().json(CalendarLink::new(
        &state.settings.base_url,
        &user.calendar_secret,
    ))
}

/// A new secret address for the personal feed; the old one stops working.
#[utoipa::path(tag = "calendars", security(("bearer" = [])), responses((status = 200, body = CalendarLink)))]
#[post("/me/calendar/rotate")]
async fn rotate_calendar(state: State, ApiUser(user): ApiUser) -> Result<HttpResponse, AppError> {
    let secret = uc::rotate_calendar_secret(&state.db, &user).await?;
    Ok(HttpResponse::Ok().json(CalendarLink::new(&state.settings.base_url, &secret)))
}
