//! "Forgot your password?": a link by mail, one use within the hour, that signs the owner in
//! (and through a sign-in lock: the owner is who reads the mail).

use std::sync::Arc;

use chrono::Duration;

use super::accounts::{blocking, FAILURE_WINDOW_MINUTES};
use crate::config::Settings;
use crate::db::models::User;
use crate::db::repo::{email_changes, password_resets, users};
use crate::db::{now, Db};
use crate::domain::account::check_password;
use crate::domain::password::hash_password;
use crate::error::AppError;
use crate::mail;

/// How long a link works.
pub const LINK_MINUTES: i64 = 60;
/// Requests per hour for one address, and from one client address.
pub const MAX_REQUESTS_PER_ADDRESS: i64 = 3;
pub const MAX_REQUESTS_PER_IP: i64 = 20;

/// Mails a link to the account of `email`, if there is one: the answer is the same either way,
/// so it tells nobody which addresses have an account.
#[tracing::instrument(skip_all)]
pub async fn request(
    db: &Db,
    settings: &Arc<Settings>,
    email: &str,
    ip: &str,
) -> Result<(), AppError> {
    let email = email.trim().to_lowercase();
    let (settings, ip) = (settings.clone(), ip.to_string());
    db.transaction(move |conn| {
        password_resets::lock_requests(conn)?;
        let since = now() - Duration::hours(1);
        let (by_address, by_ip) =
            password_resets::record_request(conn, password_resets::RESET, &email, &ip, since)?;
        if by_address > MAX_REQUESTS_PER_ADDRESS || by_ip > MAX_REQUESTS_PER_IP {
            return Err(AppError::RateLimited("error-reset_rate_limited"));
        }
        if let Some(user) = users::user_by_email(conn, &email)? {
            let token = password_resets::create(conn, &user.id)?;
            mail::accounts::password_reset(conn, &settings, &user, &token)?;
        }
        Ok(())
    })
    .await
}

/// Whether a link can still be used; opening it changes nothing (mail scanners open links).
#[tracing::instrument(skip_all)]
pub async fn is_usable(db: &Db, token: &str) -> Result<bool, AppError> {
    let token = token.to_string();
    let since = now() - Duration::minutes(LINK_MINUTES);
    db.run(move |conn| Ok(password_resets::usable(conn, &token, since)?.is_some()))
        .await
}

/// Sets the new password through a link (410 `link_expired` once used or after the hour):
/// every other link (reset or pending e-mail change), session and API token of the account
/// stops working, and a sign-in lock on the account is lifted.
#[tracing::instrument(skip_all)]
pub async fn reset(
    db: &Db,
    settings: &Settings,
    token: &str,
    password: &str,
) -> Result<User, AppError> {
    check_password(password)?;
    let (cost, password) = (settings.argon2, password.to_string());
    let hash = blocking(move || hash_password(&password, cost))
        .await?
        .map_err(AppError::Internal)?;
    let token = token.to_string();
    db.transaction(move |conn| {
        let since = now() - Duration::minutes(LINK_MINUTES);
        let user_id =
            password_resets::consume(conn, &token, since)?.ok_or(AppError::Gone("link_expired"))?;
        users::set_password_hash(conn, &user_id, &hash)?;
        password_resets::use_all_of(conn, &user_id)?;
        email_changes::void_all_of(conn, &user_id)?;
        users::delete_all_sessions(conn, &user_id)?;
        let user = users::user_by_id(conn, &user_id)?.ok_or(AppError::NotFound)?;
        let window = now() - Duration::minutes(FAILURE_WINDOW_MINUTES);
        users::clear_login_failures(conn, &user.email, window)?;
        Ok(user)
    })
    .await
}
