use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::is_unique_violation;
use crate::db::schema::{email_changes, users};
use crate::db::{now, DbConn};
use crate::domain::ids::UserId;
use crate::domain::token::{hash_token, random_hex};
use crate::error::AppError;

/// A pending change to `new_email`; the token (returned once) goes in the mailed link.
#[tracing::instrument(level = "debug", skip_all)]
pub fn create(conn: &mut DbConn, user_id: &UserId, new_email: &str) -> Result<String, AppError> {
    let token = random_hex(32);
    diesel::insert_into(email_changes::table)
        .values((
            email_changes::token_hash.eq(hash_token(&token)),
            email_changes::user_id.eq(user_id),
            email_changes::new_email.eq(new_email),
            email_changes::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(token)
}

/// The new address a token would set, if it is unused and was made after `since`.
#[tracing::instrument(level = "debug", skip_all)]
pub fn pending(
    conn: &mut DbConn,
    token: &str,
    since: NaiveDateTime,
) -> Result<Option<(UserId, String)>, AppError> {
    Ok(email_changes::table
        .filter(email_changes::token_hash.eq(hash_token(token)))
        .filter(email_changes::used_at.is_null())
        .filter(email_changes::created_at.gt(since))
        .select((email_changes::user_id, email_changes::new_email))
        .first(conn)
        .optional()?)
}

/// Marks the token used in the statement that checks it (one use wins) and sets the address;
/// an address taken meanwhile is `email_taken`.
#[tracing::instrument(level = "debug", skip_all)]
pub fn apply(
    conn: &mut DbConn,
    token: &str,
    since: NaiveDateTime,
) -> Result<Option<UserId>, AppError> {
    let Some((user_id, new_email)) = pending(conn, token, since)? else {
        return Ok(None);
    };
    let used = diesel::update(
        email_changes::table
            .filter(email_changes::token_hash.eq(hash_token(token)))
            .filter(email_changes::used_at.is_null()),
    )
    .set(email_changes::used_at.eq(now()))
    .execute(conn)?;
    if used == 0 {
        return Ok(None);
    }
    match diesel::update(users::table.find(&user_id))
        .set(users::email.eq(&new_email))
        .execute(conn)
    {
        Ok(_) => Ok(Some(user_id)),
        Err(e) if is_unique_violation(&e) => Err(AppError::conflict("email_taken")),
        Err(e) => Err(e.into()),
    }
}
