//! Registration and sign-in, shared by the JSON API and the HTML pages.

use std::sync::OnceLock;

use actix_web::web;
use chrono::Duration;

use crate::db::models::User;
use crate::db::now;
use crate::db::repo::users::{self, NewAccount};
use crate::domain::account::{check_password, parse_name, Email, Locale};
use crate::domain::password::{hash_password, verify_password};
use crate::error::AppError;
use crate::web::AppState;

/// Failed sign-ins tolerated per account and per client address within the window.
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 10;
pub const MAX_FAILURES_PER_IP: i64 = 30;
pub const FAILURE_WINDOW_MINUTES: i64 = 15;

pub struct Registration {
    pub email: String,
    pub name: String,
    pub password: String,
    pub locale: Option<String>,
}

pub async fn register(state: &AppState, form: Registration) -> Result<User, AppError> {
    let email = Email::parse(&form.email)?;
    let name = parse_name(&form.name)?;
    check_password(&form.password)?;
    let locale = match form
        .locale
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        Some(l) => Locale::parse_field(l, "locale")?,
        None => Locale::parse(&state.settings.default_locale).unwrap_or_default(),
    };
    let cost = state.settings.argon2;
    let password = form.password;
    let hash = web::block(move || hash_password(&password, cost))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(AppError::Internal)?;
    state
        .db
        .run_write(move |conn| {
            users::create_user(
                conn,
                NewAccount {
                    email: &email,
                    name: &name,
                    password_hash: &hash,
                    locale,
                },
            )
        })
        .await
}

/// Checks credentials; too many recent failures for the account or the address → 429.
pub async fn authenticate(
    state: &AppState,
    email: &str,
    password: &str,
    ip: &str,
) -> Result<User, AppError> {
    let email = email.trim().to_lowercase();
    let since = now() - Duration::minutes(FAILURE_WINDOW_MINUTES);
    let (e, i) = (email.clone(), ip.to_string());
    let (by_account, by_ip) = state
        .db
        .run(move |conn| users::recent_login_failures(conn, &e, &i, since))
        .await?;
    if by_account >= MAX_FAILURES_PER_ACCOUNT || by_ip >= MAX_FAILURES_PER_IP {
        return Err(AppError::RateLimited);
    }
    let e = email.clone();
    let user = state
        .db
        .run(move |conn| users::user_by_email(conn, &e))
        .await?;
    // Unknown accounts still cost one hash check, so timing does not tell which e-mails exist.
    let stored = user
        .as_ref()
        .map(|u| u.password_hash.clone())
        .unwrap_or_else(|| dummy_hash(state).to_string());
    let password = password.to_string();
    let valid = web::block(move || verify_password(&password, &stored))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    match user {
        Some(user) if valid => {
            let e = email.clone();
            state
                .db
                .run_write(move |conn| users::clear_login_failures(conn, &e, since))
                .await?;
            Ok(user)
        }
        _ => {
            let ip = ip.to_string();
            state
                .db
                .run_write(move |conn| users::record_login_failure(conn, &email, &ip))
                .await?;
            Err(AppError::Unauthorized)
        }
    }
}

fn dummy_hash(state: &AppState) -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        hash_password("not a real password", state.settings.argon2).unwrap_or_default()
    })
}
