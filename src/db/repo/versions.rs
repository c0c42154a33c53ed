//! Fingerprints of what a page or feed shows, read in a few cheap aggregate queries. Any write
//! that changes the output changes the fingerprint, so cached output is never served stale,
//! whichever app instance made the write.

use chrono::NaiveDateTime;
use diesel::dsl::{count_star, max};
use diesel::prelude::*;

use crate::db::schema::{groups, meetups, rsvps, talks, venue_suggestions, venue_votes, venues};
use crate::db::DbConn;
use crate::error::AppError;

type Stamp = (i64, Option<NaiveDateTime>);

fn group_parts(conn: &mut DbConn, group_id: &str) -> Result<String, AppError> {
    let updated: NaiveDateTime = groups::table
        .find(group_id)
        .select(groups::updated_at)
        .first(conn)?;
    let venues: Stamp = venues::table
        .filter(venues::group_id.eq(group_id))
        .select((count_star(), max(venues::created_at)))
        .first(conn)?;
    Ok(format!("g{updated:?}v{venues:?}"))
}

/// The group feed and group page: the group, its venues, its meetups in the window (and how many
/// are still to come at `now`: one ending moves it from upcoming to past), their talks.
pub fn group_version(
    conn: &mut DbConn,
    group_id: &str,
    since: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<String, AppError> {
    let group = group_parts(conn, group_id)?;
    let upcoming: i64 = meetups::table
        .filter(meetups::group_id.eq(group_id))
        .filter(meetups::ends_at.gt(now))
        .count()
        .get_result(conn)?;
    let in_window: Stamp = meetups::table
        .filter(meetups::group_id.eq(group_id))
        .filter(meetups::ends_at.ge(since))
        .select((count_star(), max(meetups::updated_at)))
        .first(conn)?;
    let all: Stamp = meetups::table
        .filter(meetups::group_id.eq(group_id))
        .select((count_star(), max(meetups::updated_at)))
        .first(conn)?;
    let programme: Stamp = talks::table
        .inner_join(meetups::table)
        .filter(meetups::group_id.eq(group_id))
        .select((count_star(), max(talks::updated_at)))
        .first(conn)?;
    Ok(format!(
        "{group}u{upcoming}w{in_window:?}a{all:?}t{programme:?}"
    ))
}

/// One meetup: itself, its group and venues, its RSVPs and talks.
pub fn meetup_version(conn: &mut DbConn, meetup_id: &str) -> Result<Option<String>, AppError> {
    let Some((group_id, updated)) = meetups::table
        .find(meetup_id)
        .select((meetups::group_id, meetups::updated_at))
        .first::<(String, NaiveDateTime)>(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let group = group_parts(conn, &group_id)?;
    let answers: Stamp = rsvps::table
        .filter(rsvps::meetup_id.eq(meetup_id))
        .select((count_star(), max(rsvps::updated_at)))
        .first(conn)?;
    let programme: Stamp = talks::table
        .filter(talks::meetup_id.eq(meetup_id))
        .select((count_star(), max(talks::updated_at)))
        .first(conn)?;
    Ok(Some(format!(
        "{group}m{updated:?}r{answers:?}t{programme:?}"
    )))
}

/// A group's venue suggestions and their votes.
pub fn suggestions_version(conn: &mut DbConn, group_id: &str) -> Result<String, AppError> {
    let suggestions: (i64, Option<NaiveDateTime>, Option<NaiveDateTime>) = venue_suggestions::table
        .filter(venue_suggestions::group_id.eq(group_id))
        .select((
            count_star(),
            max(venue_suggestions::created_at),
            max(venue_suggestions::decided_at),
        ))
        .first(conn)?;
    let votes: Stamp = venue_votes::table
        .inner_join(venue_suggestions::table)
        .filter(venue_suggestions::group_id.eq(group_id))
        .select((count_star(), max(venue_votes::created_at)))
        .first(conn)?;
    Ok(format!("{suggestions:?}{votes:?}"))
}
