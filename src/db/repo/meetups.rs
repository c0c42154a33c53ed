use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::venues::venues_by_ids;
use crate::db::models::{Group, Meetup, Venue};
use crate::db::schema::{groups, mail_fanouts, meetup_cohosts, meetups, reports, rsvps, talks};
use crate::db::{now, DbConn};
use crate::domain::cohost::CohostStatus;
use crate::domain::ids::{GroupId, MeetupId, SeriesId, UserId, VenueId};
use crate::domain::meetup::{MeetupFields, MeetupStatus};
use crate::domain::rsvp::RsvpStatus;
use crate::error::AppError;

/// A meetup with what every view of it shows: its group, venue and seat counts.
#[derive(Debug, Clone)]
pub struct MeetupRow {
    pub meetup: Meetup,
    pub group: Group,
    pub venue: Option<Venue>,
    pub counts: SeatCounts,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SeatCounts {
    /// Seats taken: members going plus their guests.
    pub going_seats: i64,
    pub going_people: i64,
    pub waitlisted: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Upcoming,
    Past,
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn create_meetup(
    conn: &mut DbConn,
    group_id: &GroupId,
    f: MeetupFields,
) -> Result<Meetup, AppError> {
    insert_meetup(conn, new_meetup(group_id, f))
}

/// Occurrence `number` of a series, which the unique index on both makes one of a kind.
pub fn create_occurrence(
    conn: &mut DbConn,
    group_id: &GroupId,
    f: MeetupFields,
    series_id: &SeriesId,
    number: i32,
) -> Result<Meetup, AppError> {
    let meetup = Meetup {
        series_id: Some(series_id.clone()),
        series_number: Some(number),
        ..new_meetup(group_id, f)
    };
    insert_meetup(conn, meetup)
}

fn new_meetup(group_id: &GroupId, f: MeetupFields) -> Meetup {
    let at = now();
    Meetup {
        id: MeetupId::random(),
        group_id: group_id.clone(),
        title: f.title,
        description: f.description,
        starts_at: f.starts_at,
        ends_at: f.ends_at,
        venue_id: f.venue_id,
        online_url: f.online_url,
        online_url_visibility: f.online_url_visibility,
        announced_at: None,
        capacity: f.capacity,
        rsvp_deadline: f.rsvp_deadline,
        status: MeetupStatus::Scheduled,
        sequence: 0,
        created_at: at,
        updated_at: at,
        series_id: None,
        series_number: None,
        reconfirm_before: f.seats.reconfirm_before,
        auto_release_before: f.seats.auto_release_before,
        reconfirm_asked_at: None,
        auto_released_at: None,
    }
}

fn insert_meetup(conn: &mut DbConn, meetup: Meetup) -> Result<Meetup, AppError> {
    diesel::insert_into(meetups::table)
        .values(&meetup)
        .execute(conn)?;
    // A new meetup (series occurrences too) asks the group's default RSVP questions.
    super::questions::copy_group_defaults(conn, &meetup.group_id, &meetup.id, meetup.created_at)?;
    Ok(meetup)
}

/// Forgets that the meetup asked "Still coming?" and released seats: the mail worker asks again.
#[tracing::instrument(level = "debug", skip_all)]
pub fn restart_reconfirmation(conn: &mut DbConn, meetup_id: &MeetupId) -> Result<(), AppError> {
    diesel::update(meetups::table.find(meetup_id))
        .set((
            meetups::reconfirm_asked_at.eq(None::<NaiveDateTime>),
            meetups::auto_released_at.eq(None::<NaiveDateTime>),
        ))
        .execute(conn)?;
    Ok(())
}

/// The seats a meetup's answers take and the last waitlist number it gave, kept on its row by
/// the `tally_seats` triggers in each answer's transaction (see the `meetup_seat_tally`
/// migration).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Queryable)]
pub struct SeatTally {
    pub seats_taken: i64,
    pub last_waitlist_seq: i64,
}

type TallyColumns = (meetups::seats_taken, meetups::last_waitlist_seq);
const TALLY: TallyColumns = (meetups::seats_taken, meetups::last_waitlist_seq);

/// Takes this meetup's write lock for the rest of the transaction, so concurrent RSVPs and edits
/// of one meetup happen one after the other (404 when there is none). On PostgreSQL `FOR NO KEY
/// UPDATE` locks the row (as an UPDATE would, without writing it or signalling a change); on
/// SQLite a transaction whose first statement writes holds the database's write lock from that
/// point, as `BEGIN IMMEDIATE` would.
#[tracing::instrument(level = "debug", skip_all)]
pub fn lock_meetup(conn: &mut DbConn, meetup_id: &MeetupId) -> Result<Meetup, AppError> {
    Ok(lock_meetup_tallied(conn, meetup_id)?.0)
}

/// [`lock_meetup`], with its seats as the last answer before this lock left them: the row read
/// after the lock is granted is the latest (PostgreSQL reads it again once the holder before
/// committed), as SQLite's one writer reads it.
#[tracing::instrument(level = "debug", skip_all)]
pub fn lock_meetup_tallied(
    conn: &mut DbConn,
    meetup_id: &MeetupId,
) -> Result<(Meetup, SeatTally), AppError> {
    // One statement, with the row read back: answers to one meetup queue on this lock until
    // they commit, so every round trip counts.
    let row: Option<(Meetup, SeatTally)> = match conn {
        DbConn::Pg(pg) => meetups::table
            .find(meetup_id)
            .select((Meetup::as_select(), TALLY))
            .for_no_key_update()
            .first(pg)
            .optional()?,
        DbConn::Sqlite(sqlite) => diesel::update(meetups::table.find(meetup_id))
            .set(meetups::sequence.eq(meetups::sequence))
            .returning((Meetup::as_returning(), TALLY))
            .get_result(sqlite)
            .optional()?,
    };
    row.ok_or(AppError::NotFound)
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn meetup_by_id(conn: &mut DbConn, id: &MeetupId) -> Result<Option<Meetup>, AppError> {
    Ok(meetups::table
        .find(id)
        .select(Meetup::as_select())
        .first(conn)
        .optional()?)
}

/// Seat counts of many meetups in one query.
#[tracing::instrument(level = "debug", skip_all)]
pub fn seat_counts(
    conn: &mut DbConn,
    ids: &[MeetupId],
) -> Result<HashMap<MeetupId, SeatCounts>, AppError> {
    let mut counts: HashMap<MeetupId, SeatCounts> = HashMap::new();
    if ids.is_empty() {
        return Ok(counts);
    }
    let rows: Vec<(MeetupId, RsvpStatus, i64, Option<i64>)> = rsvps::table
        .filter(rsvps::meetup_id.eq_any(ids))
        .filter(rsvps::status.ne(RsvpStatus::NotGoing))
        .group_by((rsvps::meetup_id, rsvps::status))
        .select((
            rsvps::meetup_id,
            rsvps::status,
            diesel::dsl::count_star(),
            diesel::dsl::sum(rsvps::guests),
        ))
        .load(conn)?;
    for (meetup_id, status, people, guests) in rows {
        let c = counts.entry(meetup_id).or_default();
        match status {
            RsvpStatus::Going => {
                c.going_people = people;
                c.going_seats = people + guests.unwrap_or(0);
            }
            RsvpStatus::Waitlisted => c.waitlisted = people,
            RsvpStatus::NotGoing => {}
        }
    }
    Ok(counts)
}

/// Attaches group, venue and counts to meetups with a fixed number of queries.
#[tracing::instrument(level = "debug", skip_all)]
pub fn with_details(conn: &mut DbConn, list: Vec<Meetup>) -> Result<Vec<MeetupRow>, AppError> {
    let ids: Vec<MeetupId> = list.iter().map(|m| m.id.clone()).collect();
    let counts = seat_counts(conn, &ids)?;
    let mut rows = with_place(conn, list)?;
    for row in &mut rows {
        row.counts = counts.get(&row.meetup.id).copied().unwrap_or_default();
    }
    Ok(rows)
}

/// Attaches group and venue only, with counts left at zero: for e-mails and calendars, which
/// never show seats (counting them reads every answer of a popular meetup).
#[tracing::instrument(level = "debug", skip_all)]
pub fn with_place(conn: &mut DbConn, list: Vec<Meetup>) -> Result<Vec<MeetupRow>, AppError> {
    let mut group_ids: Vec<GroupId> = list.iter().map(|m| m.group_id.clone()).collect();
    group_ids.sort();
    group_ids.dedup();
    let groups: Vec<Group> = if group_ids.is_empty() {
        Vec::new()
    } else {
        groups::table
            .filter(groups::id.eq_any(&group_ids))
            .select(Group::as_select())
            .load(conn)?
    };
    let venue_ids: Vec<VenueId> = list.iter().filter_map(|m| m.venue_id.clone()).collect();
    let venues = venues_by_ids(conn, &venue_ids)?;
    list.into_iter()
        .map(|meetup| {
            let group = groups
                .iter()
                .find(|g| g.id == meetup.group_id)
                .cloned()
                .ok_or(AppError::NotFound)?;
            let venue = meetup
                .venue_id
                .as_ref()
                .and_then(|id| venues.iter().find(|v| &v.id == id).cloned());
            Ok(MeetupRow {
                meetup,
                group,
                venue,
                counts: SeatCounts::default(),
            })
        })
        .collect()
}

/// A meetup with the group its caller already holds: only the venue is read, if it has one.
#[tracing::instrument(level = "debug", skip_all)]
pub fn placed(conn: &mut DbConn, meetup: Meetup, group: Group) -> Result<MeetupRow, AppError> {
    let venue = match &meetup.venue_id {
        Some(id) => venues_by_ids(conn, std::slice::from_ref(id))?.pop(),
        None => None,
    };
    Ok(MeetupRow {
        meetup,
        group,
        venue,
        counts: SeatCounts::default(),
    })
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn meetup_row(conn: &mut DbConn, id: &MeetupId) -> Result<Option<MeetupRow>, AppError> {
    match meetup_by_id(conn, id)? {
        Some(m) => Ok(with_details(conn, vec![m])?.pop()),
        None => Ok(None),
    }
}

/// A meetup with its group and venue, without counts (see [`with_place`]).
#[tracing::instrument(level = "debug", skip_all)]
pub fn meetup_place(conn: &mut DbConn, id: &MeetupId) -> Result<Option<MeetupRow>, AppError> {
    match meetup_by_id(conn, id)? {
        Some(m) => Ok(with_place(conn, vec![m])?.pop()),
        None => Ok(None),
    }
}

/// Upcoming meetups soonest first; past ones most recent first (co-hosted ones included).
#[tracing::instrument(level = "debug", skip_all)]
pub fn meetups_of_group(
    conn: &mut DbConn,
    group_id: &GroupId,
    when: When,
    at: NaiveDateTime,
    limit: i64,
) -> Result<Vec<MeetupRow>, AppError> {
    // The group's own meetups and those it co-hosts, read apart and merged: together in one
    // `OR` no index gives them in date order, and a group with years of past meetups would
    // have every one of them read and sorted for the first page.
    let cohosted = || {
        meetup_cohosts::table
            .filter(meetup_cohosts::group_id.eq(group_id))
            .filter(meetup_cohosts::status.eq(CohostStatus::Accepted.as_str()))
            .select(meetup_cohosts::meetup_id)
    };
    macro_rules! first {
        ($scope:expr) => {
            match when {
                When::Upcoming => meetups::table
                    .filter($scope)
                    .filter(meetups::ends_at.gt(at))
                    .order(meetups::starts_at.asc())
                    .select(Meetup::as_select())
                    .limit(limit)
                    .load(conn)?,
                When::Past => meetups::table
                    .filter($scope)
                    .filter(meetups::ends_at.le(at))
                    .order(meetups::starts_at.desc())
                    .select(Meetup::as_select())
                    .limit(limit)
                    .load(conn)?,
            }
        };
    }
    let mut list: Vec<Meetup> = first!(meetups::group_id.eq(group_id));
    let others: Vec<Meetup> = first!(meetups::id.eq_any(cohosted()));
    // A group never co-hosts its own meetups (`app::cohosts::invite`), so the two never overlap.
    if !others.is_empty() {
        list.extend(others);
        list.sort_by(|a, b| match when {
            When::Upcoming => a.starts_at.cmp(&b.starts_at),
            When::Past => b.starts_at.cmp(&a.starts_at),
        });
        list.truncate(usize::try_from(limit).unwrap_or(0));
    }
    with_details(conn, list)
}

/// Upcoming scheduled meetups of every group, soonest first (home page).
#[tracing::instrument(level = "debug", skip_all)]
pub fn upcoming_meetups(
    conn: &mut DbConn,
    at: NaiveDateTime,
    limit: i64,
) -> Result<Vec<MeetupRow>, AppError> {
    let list = meetups::table
        .filter(meetups::ends_at.gt(at))
        .filter(meetups::status.eq(MeetupStatus::Scheduled))
        .order(meetups::starts_at.asc())
        .limit(limit)
        .select(Meetup::as_select())
        .load(conn)?;
    with_details(conn, list)
}

/// Meetups of every group ending after `since`, cancelled ones too, soonest first, at most
/// `limit` (the instance's calendar).
#[tracing::instrument(level = "debug", skip_all)]
pub fn all_meetups_since(
    conn: &mut DbConn,
    since: NaiveDateTime,
    limit: i64,
) -> Result<Vec<Meetup>, AppError> {
    Ok(meetups::table
        .filter(meetups::ends_at.ge(since))
        .order((meetups::starts_at.asc(), meetups::id.asc()))
        .limit(limit)
        .select(Meetup::as_select())
        .load(conn)?)
}

/// Seats taken by members going and their guests.
#[tracing::instrument(level = "debug", skip_all)]
pub fn going_seats(conn: &mut DbConn, meetup_id: &MeetupId) -> Result<i64, AppError> {
    Ok(seat_counts(conn, std::slice::from_ref(meetup_id))?
        .get(meetup_id)
        .map_or(0, |c| c.going_seats))
}

/// Records that the meetup's members were told of it.
#[tracing::instrument(level = "debug", skip_all)]
pub fn set_announced(conn: &mut DbConn, meetup_id: &MeetupId) -> Result<(), AppError> {
    diesel::update(meetups::table.find(meetup_id))
        .set(meetups::announced_at.eq(now()))
        .execute(conn)?;
    Ok(())
}

/// Writes a meetup's fields, sequence and change time (the caller holds its lock).
#[tracing::instrument(level = "debug", skip_all)]
pub fn update_meetup(conn: &mut DbConn, after: &Meetup) -> Result<(), AppError> {
    diesel::update(meetups::table.find(&after.id))
        .set(after)
        .execute(conn)?;
    Ok(())
}

/// A change calendar apps must pick up (RFC 5545 SEQUENCE), made now.
#[tracing::instrument(level = "debug", skip_all)]
pub fn bump_sequence(
    conn: &mut DbConn,
    meetup_id: &MeetupId,
    at: NaiveDateTime,
) -> Result<(), AppError> {
    diesel::update(meetups::table.find(meetup_id))
        .set((
            meetups::sequence.eq(meetups::sequence + 1),
            meetups::updated_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Marks the meetup changed now (pages that show something of it must be rendered again).
#[tracing::instrument(level = "debug", skip_all)]
pub fn touch_meetup(
    conn: &mut DbConn,
    meetup_id: &MeetupId,
    at: NaiveDateTime,
) -> Result<(), AppError> {
    diesel::update(meetups::table.find(meetup_id))
        .set(meetups::updated_at.eq(at))
        .execute(conn)?;
    Ok(())
}

/// The group's next meetup to come after `at`, not cancelled.
#[tracing::instrument(level = "debug", skip_all)]
pub fn next_scheduled(
    conn: &mut DbConn,
    group_id: &GroupId,
    at: NaiveDateTime,
) -> Result<Option<Meetup>, AppError> {
    Ok(meetups::table
        .filter(meetups::group_id.eq(group_id))
        .filter(meetups::starts_at.gt(at))
        .filter(meetups::status.eq(MeetupStatus::Scheduled))
        .order((meetups::starts_at.asc(), meetups::id.asc()))
        .select(Meetup::as_select())
        .first(conn)
        .optional()?)
}

/// The group's first meetup starting in `[from, until)`.
#[tracing::instrument(level = "debug", skip_all)]
pub fn first_meetup_between(
    conn: &mut DbConn,
    group_id: &GroupId,
    from: NaiveDateTime,
    until: NaiveDateTime,
) -> Result<Option<Meetup>, AppError> {
    Ok(meetups::table
        .filter(meetups::group_id.eq(group_id))
        .filter(meetups::starts_at.ge(from))
        .filter(meetups::starts_at.lt(until))
        .order(meetups::starts_at.asc())
        .select(Meetup::as_select())
        .first(conn)
        .optional()?)
}

/// Scheduled meetups starting in `(from, until]`, with their start (reminders).
#[tracing::instrument(level = "debug", skip_all)]
pub fn scheduled_starting_between(
    conn: &mut DbConn,
    from: NaiveDateTime,
    until: NaiveDateTime,
) -> Result<Vec<(MeetupId, NaiveDateTime)>, AppError> {
    Ok(meetups::table
        .filter(meetups::status.eq(MeetupStatus::Scheduled))
        .filter(meetups::starts_at.gt(from))
        .filter(meetups::starts_at.le(until))
        .select((meetups::id, meetups::starts_at))
        .load(conn)?)
}

/// Meetups on schedule starting in `(from, until]` that ask "Still coming?" and have not yet,
/// with when they start and how long before.
#[tracing::instrument(level = "debug", skip_all)]
pub fn awaiting_reconfirmation(
    conn: &mut DbConn,
    from: NaiveDateTime,
    until: NaiveDateTime,
) -> Result<Vec<(MeetupId, NaiveDateTime, Option<String>)>, AppError> {
    Ok(meetups::table
        .filter(meetups::status.eq(MeetupStatus::Scheduled))
        .filter(meetups::starts_at.gt(from))
        .filter(meetups::starts_at.le(until))
        .filter(meetups::reconfirm_before.is_not_null())
        .filter(meetups::reconfirm_asked_at.is_null())
        .select((meetups::id, meetups::starts_at, meetups::reconfirm_before))
        .load(conn)?)
}

/// Meetups on schedule starting in `(from, until]` that asked "Still coming?", release
/// unconfirmed seats and have not yet, with when they start and how long before.
#[tracing::instrument(level = "debug", skip_all)]
pub fn awaiting_release(
    conn: &mut DbConn,
    from: NaiveDateTime,
    until: NaiveDateTime,
) -> Result<Vec<(MeetupId, NaiveDateTime, Option<String>)>, AppError> {
    Ok(meetups::table
        .filter(meetups::status.eq(MeetupStatus::Scheduled))
        .filter(meetups::starts_at.gt(from))
        .filter(meetups::starts_at.le(until))
        .filter(meetups::auto_release_before.is_not_null())
        .filter(meetups::reconfirm_asked_at.is_not_null())
        .filter(meetups::auto_released_at.is_null())
        .select((
            meetups::id,
            meetups::starts_at,
            meetups::auto_release_before,
        ))
        .load(conn)?)
}

/// Records that the meetup asked "Still coming?" at `at`.
#[tracing::instrument(level = "debug", skip_all)]
pub fn set_reconfirm_asked(
    conn: &mut DbConn,
    meetup_id: &MeetupId,
    at: NaiveDateTime,
) -> Result<(), AppError> {
    diesel::update(meetups::table.find(meetup_id))
        .set(meetups::reconfirm_asked_at.eq(at))
        .execute(conn)?;
    Ok(())
}

/// Records that the meetup gave its unconfirmed seats to the waitlist at `at`.
#[tracing::instrument(level = "debug", skip_all)]
pub fn set_auto_released(
    conn: &mut DbConn,
    meetup_id: &MeetupId,
    at: NaiveDateTime,
) -> Result<(), AppError> {
    diesel::update(meetups::table.find(meetup_id))
        .set(meetups::auto_released_at.eq(at))
        .execute(conn)?;
    Ok(())
}

/// Meetups on schedule that ended in `(from, until]` and have had no follow-up yet.
#[tracing::instrument(level = "debug", skip_all)]
pub fn ended_without_follow_up(
    conn: &mut DbConn,
    from: NaiveDateTime,
    until: NaiveDateTime,
) -> Result<Vec<MeetupId>, AppError> {
    Ok(meetups::table
        .filter(meetups::status.eq(MeetupStatus::Scheduled))
        .filter(meetups::ends_at.gt(from))
        .filter(meetups::ends_at.le(until))
        .filter(meetups::followed_up_at.is_null())
        .select(meetups::id)
        .load(conn)?)
}

/// Marks the meetup followed up; false when another worker did it first.
#[tracing::instrument(level = "debug", skip_all)]
pub fn mark_followed_up(
    conn: &mut DbConn,
    meetup_id: &MeetupId,
    at: NaiveDateTime,
) -> Result<bool, AppError> {
    let updated = diesel::update(
        meetups::table
            .find(meetup_id)
            .filter(meetups::followed_up_at.is_null()),
    )
    .set(meetups::followed_up_at.eq(at))
    .execute(conn)?;
    Ok(updated == 1)
}

/// A meetup's status and start, if it exists.
#[tracing::instrument(level = "debug", skip_all)]
pub fn status_and_start(
    conn: &mut DbConn,
    meetup_id: &MeetupId,
) -> Result<Option<(MeetupStatus, NaiveDateTime)>, AppError> {
    Ok(meetups::table
        .find(meetup_id)
        .select((meetups::status, meetups::starts_at))
        .first(conn)
        .optional()?)
}

/// Every meetup the group hosts or co-hosts ending after `since`, in calendar order (the
/// group's feed).
#[tracing::instrument(level = "debug", skip_all)]
pub fn meetups_of_group_since(
    conn: &mut DbConn,
    group_id: &GroupId,
    since: NaiveDateTime,
) -> Result<Vec<Meetup>, AppError> {
    Ok(meetups::table
        .filter(
            meetups::group_id.eq(group_id).or(meetups::id.eq_any(
                meetup_cohosts::table
                    .filter(meetup_cohosts::group_id.eq(group_id))
                    .filter(meetup_cohosts::status.eq(CohostStatus::Accepted.as_str()))
                    .select(meetup_cohosts::meetup_id),
            )),
        )
        .filter(meetups::ends_at.ge(since))
        .order((meetups::starts_at.asc(), meetups::id.asc()))
        .select(Meetup::as_select())
        .load(conn)?)
}

/// The meetups a member is going to or waiting for, ending after `since`, soonest first, with
/// the answer (the personal feed, `/account`).
#[tracing::instrument(level = "debug", skip_all)]
pub fn answers_since(
    conn: &mut DbConn,
    user_id: &UserId,
    since: NaiveDateTime,
) -> Result<Vec<(Meetup, RsvpStatus)>, AppError> {
    Ok(meetups::table
        .inner_join(rsvps::table)
        .filter(rsvps::user_id.eq(user_id))
        .filter(rsvps::status.eq_any([RsvpStatus::Going, RsvpStatus::Waitlisted]))
        .filter(meetups::ends_at.ge(since))
        .order((meetups::starts_at.asc(), meetups::id.asc()))
        .select((Meetup::as_select(), rsvps::status))
        .load(conn)?)
}

/// [`answers_since`] with the groups and venues, for pages.
#[tracing::instrument(level = "debug", skip_all)]
pub fn upcoming_answers_of(
    conn: &mut DbConn,
    user_id: &UserId,
    at: NaiveDateTime,
) -> Result<Vec<(MeetupRow, RsvpStatus)>, AppError> {
    let answers = answers_since(conn, user_id, at)?;
    let statuses: HashMap<MeetupId, RsvpStatus> =
        answers.iter().map(|(m, s)| (m.id.clone(), *s)).collect();
    let rows = with_place(conn, answers.into_iter().map(|(m, _)| m).collect())?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let status = statuses[&row.meetup.id];
            (row, status)
        })
        .collect())
}

/// Whether anything was said about the meetup: an answer other than "no", a talk, a report.
#[tracing::instrument(level = "debug", skip_all)]
pub fn has_activity(conn: &mut DbConn, id: &MeetupId) -> Result<bool, AppError> {
    let answers = rsvps::table
        .filter(rsvps::meetup_id.eq(id))
        .filter(rsvps::status.ne(RsvpStatus::NotGoing));
    let talks = talks::table.filter(talks::meetup_id.eq(id));
    let report = reports::table.filter(reports::meetup_id.eq(id));
    Ok(diesel::select(
        diesel::dsl::exists(answers)
            .or(diesel::dsl::exists(talks))
            .or(diesel::dsl::exists(report)),
    )
    .get_result(conn)?)
}

/// Deletes the meetup and, through the schema, what hangs on it (answers, queued mails).
#[tracing::instrument(level = "debug", skip_all)]
pub fn delete_meetup(conn: &mut DbConn, id: &MeetupId) -> Result<(), AppError> {
    // Its announcement's expansion first, waiting for a batch the mail worker holds: that batch
    // holds the job and then checks the meetup for each letter, so deleting the meetup first
    // (which takes its row, then the job's through the cascade) met it in the other order, and
    // PostgreSQL ended one of the two as a deadlock.
    diesel::delete(mail_fanouts::table.filter(mail_fanouts::meetup_id.eq(id))).execute(conn)?;
    diesel::delete(meetups::table.find(id)).execute(conn)?;
    Ok(())
}
