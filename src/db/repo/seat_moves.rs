//! Seats given back and waitlist promotions, counted as they happen (the show-rate page and the
//! organisers' digest): counts only, nobody named.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::dsl::sum;
use diesel::prelude::*;

use crate::db::schema::{meetups, seat_moves};
use crate::db::DbConn;
use crate::domain::ids::{GroupId, MeetupId, SeatMoveId};
use crate::error::AppError;

/// Counts `released` seats given back and `promoted` members promoted by one change, in the
/// caller's transaction (the one that moved them); nothing when nothing moved.
#[tracing::instrument(level = "debug", skip_all)]
pub fn record(
    conn: &mut DbConn,
    meetup_id: &MeetupId,
    released: usize,
    promoted: usize,
    at: NaiveDateTime,
) -> Result<(), AppError> {
    if released == 0 && promoted == 0 {
        return Ok(());
    }
    let count = |n: usize| i32::try_from(n).unwrap_or(i32::MAX);
    diesel::insert_into(seat_moves::table)
        .values((
            seat_moves::id.eq(SeatMoveId::random()),
            seat_moves::meetup_id.eq(meetup_id),
            seat_moves::released.eq(count(released)),
            seat_moves::promoted.eq(count(promoted)),
            seat_moves::happened_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Seats released and members promoted at each of `meetups` (those with none left out).
#[tracing::instrument(level = "debug", skip_all)]
pub fn totals_by_meetup(
    conn: &mut DbConn,
    meetups: &[MeetupId],
) -> Result<HashMap<MeetupId, (i64, i64)>, AppError> {
    if meetups.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(MeetupId, i32, i32)> = seat_moves::table
        .filter(seat_moves::meetup_id.eq_any(meetups))
        .select((
            seat_moves::meetup_id,
            seat_moves::released,
            seat_moves::promoted,
        ))
        .load(conn)?;
    let mut totals: HashMap<MeetupId, (i64, i64)> = HashMap::new();
    for (meetup, released, promoted) in rows {
        let t = totals.entry(meetup).or_default();
        t.0 += i64::from(released);
        t.1 += i64::from(promoted);
    }
    Ok(totals)
}

/// Seats released and members promoted at the group's meetups in `from..to`.
#[tracing::instrument(level = "debug", skip_all)]
pub fn group_totals_between(
    conn: &mut DbConn,
    group_id: &GroupId,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> Result<(i64, i64), AppError> {
    let (released, promoted): (Option<i64>, Option<i64>) = seat_moves::table
        .inner_join(meetups::table)
        .filter(meetups::group_id.eq(group_id))
        .filter(seat_moves::happened_at.ge(from))
        .filter(seat_moves::happened_at.lt(to))
        .select((sum(seat_moves::released), sum(seat_moves::promoted)))
        .first(conn)?;
    Ok((released.unwrap_or(0), promoted.unwrap_or(0)))
}
