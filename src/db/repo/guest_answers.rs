//! Answers without an account waiting for their mailed link (see `app::guest_rsvps`).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{guest_answers, memberships, rsvps, users};
use crate::db::{now, DbConn};
use crate::domain::ids::{MeetupId, UserId};
use crate::domain::token::{hash_token, random_hex};
use crate::error::AppError;

/// An answer waiting for its link: it holds no seat.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = guest_answers)]
pub struct GuestAnswer {
    pub meetup_id: MeetupId,
    pub user_id: UserId,
    pub guests: i32,
    /// The guest asked for the group's mail (they join it once the answer is confirmed).
    pub keep_informed: bool,
    pub expires_at: NaiveDateTime,
}

/// Records the answer and returns its link's token (returned once, stored hashed).
#[tracing::instrument(level = "debug", skip_all)]
pub fn create(conn: &mut DbConn, answer: &GuestAnswer) -> Result<String, AppError> {
    let token = random_hex(32);
    diesel::insert_into(guest_answers::table)
        .values((
            guest_answers::token_hash.eq(hash_token(&token)),
            guest_answers::meetup_id.eq(&answer.meetup_id),
            guest_answers::user_id.eq(&answer.user_id),
            guest_answers::guests.eq(answer.guests),
            guest_answers::keep_informed.eq(answer.keep_informed),
            guest_answers::created_at.eq(now()),
            guest_answers::expires_at.eq(answer.expires_at),
        ))
        .execute(conn)?;
    Ok(token)
}

/// The answer a token stands for while it is unused and has not expired at `at`.
#[tracing::instrument(level = "debug", skip_all)]
pub fn usable(
    conn: &mut DbConn,
    token: &str,
    at: NaiveDateTime,
) -> Result<Option<GuestAnswer>, AppError> {
    Ok(guest_answers::table
        .find(hash_token(token))
        .filter(guest_answers::used_at.is_null())
        .filter(guest_answers::expires_at.gt(at))
        .select(GuestAnswer::as_select())
        .first(conn)
        .optional()?)
}

/// Marks the token used in the statement that checks it is usable, so of two clicks one wins;
/// the answer it stands for.
#[tracing::instrument(level = "debug", skip_all)]
pub fn consume(
    conn: &mut DbConn,
    token: &str,
    at: NaiveDateTime,
) -> Result<Option<GuestAnswer>, AppError> {
    let hash = hash_token(token);
    let used = diesel::update(
        guest_answers::table
            .find(&hash)
            .filter(guest_answers::used_at.is_null())
            .filter(guest_answers::expires_at.gt(at)),
    )
    .set(guest_answers::used_at.eq(at))
    .execute(conn)?;
    if used == 0 {
        return Ok(None);
    }
    Ok(guest_answers::table
        .find(&hash)
        .select(GuestAnswer::as_select())
        .first(conn)
        .optional()?)
}

/// Guests with nothing left to come to: no answer to a meetup that started after `before`, no
/// link still waiting, no group whose mail they asked for.
#[tracing::instrument(level = "debug", skip_all)]
pub fn purgeable_guests(
    conn: &mut DbConn,
    before: NaiveDateTime,
    at: NaiveDateTime,
) -> Result<Vec<UserId>, AppError> {
    use crate::db::schema::meetups;
    let recent = rsvps::table
        .inner_join(meetups::table)
        .filter(meetups::starts_at.gt(before))
        .select(rsvps::user_id);
    let waiting = guest_answers::table
        .filter(guest_answers::used_at.is_null())
        .filter(guest_answers::expires_at.gt(at))
        .select(guest_answers::user_id);
    let members = memberships::table.select(memberships::user_id);
    Ok(users::table
        .filter(users::guest.eq(true))
        .filter(users::id.ne_all(recent))
        .filter(users::id.ne_all(waiting))
        .filter(users::id.ne_all(members))
        .select(users::id)
        .load(conn)?)
}
