use chrono::NaiveDateTime;
use diesel::connection::SimpleConnection;
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

/// Marks the token used in the statement that checks it (of uses at once, one wins, and the
/// first statement of the others waits for it, on both backends) and sets the address; an
/// address taken meanwhile is `email_taken` (and the link stays usable: the transaction rolls
/// back).
#[tracing::instrument(level = "debug", skip_all)]
pub fn apply(
    conn: &mut DbConn,
    token: &str,
    since: NaiveDateTime,
) -> Result<Option<UserId>, AppError> {
    let hash = hash_token(token);
    let used = diesel::update(
        email_changes::table
            .filter(email_changes::token_hash.eq(&hash))
            .filter(email_changes::used_at.is_null())
            .filter(email_changes::created_at.gt(since)),
    )
    .set(email_changes::used_at.eq(now()))
    .execute(conn)?;
    if used == 0 {
        return Ok(None);
    }
    let (user_id, new_email): (UserId, String) = email_changes::table
        .find(&hash)
        .select((email_changes::user_id, email_changes::new_email))
        .first(conn)?;
    match diesel::update(users::table.find(&user_id))
        .set(users::email.eq(&new_email))
        .execute(conn)
    {
        Ok(_) => Ok(Some(user_id)),
        Err(e) if is_unique_violation(&e) => Err(AppError::conflict("email_taken")),
        Err(e) => Err(e.into()),
    }
}

/// Requests take turns between counting and recording, so a burst cannot pass on one count.
/// (On SQLite the recording insert itself takes the database's one write lock.)
#[tracing::instrument(level = "debug", skip_all)]
pub fn lock_requests(conn: &mut DbConn) -> Result<(), AppError> {
    if let DbConn::Pg(pg) = conn {
        pg.batch_execute("LOCK TABLE email_changes IN SHARE ROW EXCLUSIVE MODE")?;
    }
    Ok(())
}

/// Changes asked since `since`, by this account and to this address (whoever asked).
#[tracing::instrument(level = "debug", skip_all)]
pub fn recent_requests(
    conn: &mut DbConn,
    user_id: &UserId,
    new_email: &str,
    since: NaiveDateTime,
) -> Result<(i64, i64), AppError> {
    let recent = email_changes::table.filter(email_changes::created_at.gt(since));
    let by_account = recent
        .filter(email_changes::user_id.eq(user_id))
        .count()
        .get_result(conn)?;
    let by_address = recent
        .filter(email_changes::new_email.eq(new_email))
        .count()
        .get_result(conn)?;
    Ok((by_account, by_address))
}

/// Voids the account's pending changes: their links answer `link_expired` from now on.
#[tracing::instrument(level = "debug", skip_all)]
pub fn void_all_of(conn: &mut DbConn, user_id: &UserId) -> Result<(), AppError> {
    diesel::update(
        email_changes::table
            .filter(email_changes::user_id.eq(user_id))
            .filter(email_changes::used_at.is_null()),
    )
    .set(email_changes::used_at.eq(now()))
    .execute(conn)?;
    Ok(())
}

/// The account's changes still waiting for their link, as (new address, asked at), oldest first.
#[tracing::instrument(level = "debug", skip_all)]
pub fn pending_of(
    conn: &mut DbConn,
    user_id: &UserId,
    since: NaiveDateTime,
) -> Result<Vec<(String, NaiveDateTime)>, AppError> {
    Ok(email_changes::table
        .filter(email_changes::user_id.eq(user_id))
        .filter(email_changes::used_at.is_null())
        .filter(email_changes::created_at.gt(since))
        .order(email_changes::created_at.asc())
        .select((email_changes::new_email, email_changes::created_at))
        .load(conn)?)
}

/// Every change the account ever asked for goes (erasure).
#[tracing::instrument(level = "debug", skip_all)]
pub fn delete_all_of(conn: &mut DbConn, user_id: &UserId) -> Result<(), AppError> {
    diesel::delete(email_changes::table.filter(email_changes::user_id.eq(user_id)))
        .execute(conn)?;
    Ok(())
}
