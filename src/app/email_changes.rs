//! Changing one's e-mail address: it applies once the link mailed to the new address is
//! followed, and the old address hears of the request.

use std::sync::Arc;

use chrono::Duration;

use super::accounts::authenticate;
use crate::config::Settings;
use crate::db::models::User;
use crate::db::repo::{email_changes, users};
use crate::db::{now, Db};
use crate::domain::account::Email;
use crate::error::AppError;
use crate::mail;

/// How long the confirmation link works.
pub const LINK_HOURS: i64 = 24;

/// Asks to use `new_email`, given the password (checked and limited like a sign-in).
#[tracing::instrument(skip_all)]
pub async fn request(
    db: &Db,
    settings: &Arc<Settings>,
    user: &User,
    new_email: &str,
    password: &str,
    ip: &str,
) -> Result<(), AppError> {
    let email = Email::parse(new_email)?;
    if email.as_str() == user.email {
        return Err(AppError::validation("email", "error-email_same"));
    }
    authenticate(db, settings, &user.email, password, ip).await?;
    let (user, settings) = (user.clone(), settings.clone());
    db.transaction(move |conn| {
        if users::user_by_email(conn, email.as_str())?.is_some() {
            return Err(AppError::conflict("email_taken"));
        }
        let token = email_changes::create(conn, &user.id, email.as_str())?;
        mail::accounts::email_change(conn, &settings, &user, email.as_str(), &token)
    })
    .await
}

/// The address a link would set, if it can still be used (opening it changes nothing).
#[tracing::instrument(skip_all)]
pub async fn pending(db: &Db, token: &str) -> Result<Option<String>, AppError> {
    let token = token.to_string();
    let since = now() - Duration::hours(LINK_HOURS);
    db.run(move |conn| Ok(email_changes::pending(conn, &token, since)?.map(|(_, email)| email)))
        .await
}

/// Applies the change (410 `link_expired` once used or after a day; 409 `email_taken` when
/// someone took the address meanwhile).
#[tracing::instrument(skip_all)]
pub async fn confirm(db: &Db, token: &str) -> Result<User, AppError> {
    let token = token.to_string();
    let since = now() - Duration::hours(LINK_HOURS);
    db.transaction(move |conn| {
        let user_id =
            email_changes::apply(conn, &token, since)?.ok_or(AppError::Gone("link_expired"))?;
        users::user_by_id(conn, &user_id)?.ok_or(AppError::NotFound)
    })
    .await
}
