//! What the show-rate page counts: the group's meetups in a range and their answers.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::dsl::min;
use diesel::prelude::*;

use crate::db::models::Meetup;
use crate::db::schema::{meetups, rsvps};
use crate::db::DbConn;
use crate::domain::ids::{GroupId, MeetupId, UserId};
use crate::domain::meetup::MeetupStatus;
use crate::domain::rsvp::RsvpStatus;
use crate::domain::stats::AnswerAtStart;
use crate::error::AppError;

/// The group's meetups (cancelled ones left out) starting in `from..to`, first first.
#[tracing::instrument(level = "debug", skip_all)]
pub fn meetups_between(
    conn: &mut DbConn,
    group_id: &GroupId,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> Result<Vec<Meetup>, AppError> {
    Ok(meetups::table
        .filter(meetups::group_id.eq(group_id))
        .filter(meetups::status.eq(MeetupStatus::Scheduled))
        .filter(meetups::starts_at.ge(from))
        .filter(meetups::starts_at.lt(to))
        .order((meetups::starts_at.asc(), meetups::id.asc()))
        .select(Meetup::as_select())
        .load(conn)?)
}

/// The answers to `meetups`, going or waiting, by meetup.
#[tracing::instrument(level = "debug", skip_all)]
pub fn answers_to(
    conn: &mut DbConn,
    meetups: &[MeetupId],
) -> Result<HashMap<MeetupId, Vec<AnswerAtStart>>, AppError> {
    let mut by_meetup: HashMap<MeetupId, Vec<AnswerAtStart>> = HashMap::new();
    if meetups.is_empty() {
        return Ok(by_meetup);
    }
    let rows: Vec<(MeetupId, UserId, RsvpStatus, i32, bool, i32)> = rsvps::table
        .filter(rsvps::meetup_id.eq_any(meetups))
        .filter(rsvps::status.ne(RsvpStatus::NotGoing))
        .select((
            rsvps::meetup_id,
            rsvps::user_id,
            rsvps::status,
            rsvps::guests,
            rsvps::attended,
            rsvps::guests_came,
        ))
        .load(conn)?;
    for (meetup, user_id, status, guests, attended, guests_came) in rows {
        by_meetup.entry(meetup).or_default().push(AnswerAtStart {
            user_id,
            status,
            guests,
            attended,
            guests_came,
        });
    }
    Ok(by_meetup)
}

/// For each member who was ever going to one of the group's meetups (cancelled ones left
/// out), the start of the first.
#[tracing::instrument(level = "debug", skip_all)]
pub fn first_going(
    conn: &mut DbConn,
    group_id: &GroupId,
) -> Result<HashMap<UserId, NaiveDateTime>, AppError> {
    let rows: Vec<(UserId, Option<NaiveDateTime>)> = rsvps::table
        .inner_join(meetups::table)
        .filter(meetups::group_id.eq(group_id))
        .filter(meetups::status.eq(MeetupStatus::Scheduled))
        .filter(rsvps::status.eq(RsvpStatus::Going))
        .group_by(rsvps::user_id)
        .select((rsvps::user_id, min(meetups::starts_at)))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(user, first)| first.map(|t| (user, t)))
        .collect())
}
