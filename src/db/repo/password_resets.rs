use chrono::NaiveDateTime;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use super::new_id;
use crate::db::schema::{password_reset_requests, password_resets};
use crate::db::{now, DbConn};
use crate::domain::ids::UserId;
use crate::domain::token::{hash_token, random_hex};
use crate::error::AppError;

/// Requests take turns between counting and recording, so a burst cannot pass on one count.
#[tracing::instrument(level = "debug", skip_all)]
pub fn lock_requests(conn: &mut DbConn) -> Result<(), AppError> {
    if let DbConn::Pg(pg) = conn {
        pg.batch_execute("LOCK TABLE password_reset_requests IN SHARE ROW EXCLUSIVE MODE")?;
    }
    Ok(())
}

/// What a request asked for: each purpose counts against its own limits.
pub const RESET: &str = "reset";
pub const GUEST_RSVP: &str = "guest_rsvp";

/// Records a request for `purpose` ([`RESET`], [`GUEST_RSVP`]) and returns how many there were
/// for it since `since` (this one included), for the address and for the client address; older
/// requests of everyone are pruned.
#[tracing::instrument(level = "debug", skip_all)]
pub fn record_request(
    conn: &mut DbConn,
    purpose: &str,
    email: &str,
    ip: &str,
    since: NaiveDateTime,
) -> Result<(i64, i64), AppError> {
    diesel::delete(
        password_reset_requests::table.filter(password_reset_requests::requested_at.lt(since)),
    )
    .execute(conn)?;
    diesel::insert_into(password_reset_requests::table)
        .values((
            password_reset_requests::id.eq(new_id()),
            password_reset_requests::email.eq(email),
            password_reset_requests::ip.eq(ip),
            password_reset_requests::requested_at.eq(now()),
            password_reset_requests::purpose.eq(purpose),
        ))
        .execute(conn)?;
    let mine = password_reset_requests::table.filter(password_reset_requests::purpose.eq(purpose));
    let by_email = mine
        .filter(password_reset_requests::email.eq(email))
        .count()
        .get_result(conn)?;
    let by_ip = mine
        .filter(password_reset_requests::ip.eq(ip))
        .count()
        .get_result(conn)?;
    Ok((by_email, by_ip))
}

/// A new reset link's token for the user (returned once, stored hashed).
#[tracing::instrument(level = "debug", skip_all)]
pub fn create(conn: &mut DbConn, user_id: &UserId) -> Result<String, AppError> {
    let token = random_hex(32);
    diesel::insert_into(password_resets::table)
        .values((
            password_resets::token_hash.eq(hash_token(&token)),
            password_resets::user_id.eq(user_id),
            password_resets::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(token)
}

/// The account a token resets, if it is unused and was made after `since`.
#[tracing::instrument(level = "debug", skip_all)]
pub fn usable(
    conn: &mut DbConn,
    token: &str,
    since: NaiveDateTime,
) -> Result<Option<UserId>, AppError> {
    Ok(password_resets::table
        .filter(password_resets::token_hash.eq(hash_token(token)))
        .filter(password_resets::used_at.is_null())
        .filter(password_resets::created_at.gt(since))
        .select(password_resets::user_id)
        .first::<UserId>(conn)
        .optional()?)
}

/// Marks the token used, in the same statement that checks it is usable: of two concurrent
/// uses, one wins. Returns the account it resets.
#[tracing::instrument(level = "debug", skip_all)]
pub fn consume(
    conn: &mut DbConn,
    token: &str,
    since: NaiveDateTime,
) -> Result<Option<UserId>, AppError> {
    let hash = hash_token(token);
    let used = diesel::update(
        password_resets::table
            .filter(password_resets::token_hash.eq(&hash))
            .filter(password_resets::used_at.is_null())
            .filter(password_resets::created_at.gt(since)),
    )
    .set(password_resets::used_at.eq(now()))
    .execute(conn)?;
    if used == 0 {
        return Ok(None);
    }
    Ok(password_resets::table
        .find(&hash)
        .select(password_resets::user_id)
        .first::<UserId>(conn)
        .optional()?)
}

/// A reset makes the account's other links useless too.
#[tracing::instrument(level = "debug", skip_all)]
pub fn use_all_of(conn: &mut DbConn, user_id: &UserId) -> Result<(), AppError> {
    diesel::update(
        password_resets::table
            .filter(password_resets::user_id.eq(user_id))
            .filter(password_resets::used_at.is_null()),
    )
    .set(password_resets::used_at.eq(now()))
    .execute(conn)?;
    Ok(())
}
