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
/// Changes asked per hour by one account, and to one address (by anyone).
pub const MAX_REQUESTS_PER_ACCOUNT: i64 = 3;
pub const MAX_REQUESTS_PER_ADDRESS: i64 = 3;

/// Asks to use `new_email`, given the password (checked and limited like a sign-in). At most
/// [`MAX_REQUESTS_PER_ACCOUNT`] changes an hour per account and [`MAX_REQUESTS_PER_ADDRESS`] to
/// one address (429 `rate_limited`), counted in the transaction that records the request, so a
/// burst cannot pass on one count.
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
        email_changes::lock_requests(conn)?;
        if users::user_by_email(conn, email.as_str())?.is_some() {
            return Err(AppError::conflict("email_taken"));
        }
        // Recorded, then counted with itself: over the limit, the transaction rolls it back.
        let token = email_changes::create(conn, &user.id, email.as_str())?;
        let since = now() - Duration::hours(1);
        let (by_account, by_address) =
            email_changes::recent_requests(conn, &user.id, email.as_str(), since)?;
        if by_account > MAX_REQUESTS_PER_ACCOUNT || by_address > MAX_REQUESTS_PER_ADDRESS {
            return Err(AppError::RateLimited("error-email_change_rate_limited"));
        }
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
