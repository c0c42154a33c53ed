use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::new_id;
use super::venues::{venue_by_id, venues_by_ids};
use crate::db::models::{Group, Meetup, Venue};
use crate::db::schema::{groups, meetups, rsvps};
use crate::db::{now, DbConn};
use crate::domain::meetup::{MeetupFields, MeetupStatus};
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

/// The venue must belong to the meetup's group.
fn check_venue(conn: &mut DbConn, group_id: &str, venue_id: Option<&str>) -> Result<(), AppError> {
    if let Some(id) = venue_id {
        match venue_by_id(conn, id)? {
            Some(v) if v.group_id == group_id => {}
            _ => return Err(AppError::validation("venue_id", "error.venue_invalid")),
        }
    }
    Ok(())
}

pub fn create_meetup(
    conn: &mut DbConn,
    group_id: &str,
    f: MeetupFields,
) -> Result<Meetup, AppError> {
    check_venue(conn, group_id, f.venue_id.as_deref())?;
    let at = now();
    let meetup = Meetup {
        id: new_id(),
        group_id: group_id.into(),
        title: f.title,
        description: f.description,
        starts_at: f.starts_at,
        ends_at: f.ends_at,
        venue_id: f.venue_id,
        online_url: f.online_url,
        capacity: f.capacity,
        rsvp_deadline: f.rsvp_deadline,
        status: MeetupStatus::Scheduled.as_str().into(),
        sequence: 0,
        created_at: at,
        updated_at: at,
    };
    diesel::insert_into(meetups::table)
        .values(&meetup)
        .execute(conn)?;
    Ok(meetup)
}

/// Takes this meetup's write lock for the rest of the transaction, so concurrent RSVPs and edits
/// of one meetup happen one after the other. On PostgreSQL the UPDATE locks the row (like
/// `SELECT … FOR UPDATE`); on SQLite a transaction whose first statement writes holds the
/// database's write lock from that point, as `BEGIN IMMEDIATE` would.
pub fn lock_meetup(conn: &mut DbConn, meetup_id: &str) -> Result<Meetup, AppError> {
    let touched = diesel::update(meetups::table.find(meetup_id))
        .set(meetups::sequence.eq(meetups::sequence))
        .execute(conn)?;
    if touched == 0 {
        return Err(AppError::NotFound);
    }
    Ok(meetups::table
        .find(meetup_id)
        .select(Meetup::as_select())
        .first(conn)?)
}

pub fn meetup_by_id(conn: &mut DbConn, id: &str) -> Result<Option<Meetup>, AppError> {
    Ok(meetups::table
        .find(id)
        .select(Meetup::as_select())
        .first(conn)
        .optional()?)
}

/// Seat counts of many meetups in one query.
pub fn seat_counts(
    conn: &mut DbConn,
    ids: &[String],
) -> Result<HashMap<String, SeatCounts>, AppError> {
    let mut counts: HashMap<String, SeatCounts> = HashMap::new();
    if ids.is_empty() {
        return Ok(counts);
    }
    let rows: Vec<(String, String, i64, Option<i64>)> = rsvps::table
        .filter(rsvps::meetup_id.eq_any(ids))
        .filter(rsvps::status.ne("not_going"))
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
        match status.as_str() {
            "going" => {
                c.going_people = people;
                c.going_seats = people + guests.unwrap_or(0);
            }
            "waitlisted" => c.waitlisted = people,
            _ => {}
        }
    }
    Ok(counts)
}

/// Attaches group, venue and counts to meetups with a fixed number of queries.
pub fn with_details(conn: &mut DbConn, list: Vec<Meetup>) -> Result<Vec<MeetupRow>, AppError> {
    let ids: Vec<String> = list.iter().map(|m| m.id.clone()).collect();
    let counts = seat_counts(conn, &ids)?;
    let mut rows = with_place(conn, list)?;
    for row in &mut rows {
        row.counts = counts.get(&row.meetup.id).copied().unwrap_or_default();
    }
    Ok(rows)
}

/// Attaches group and venue only, with counts left at zero: for e-mails and calendars, which
/// never show seats (counting them reads every answer of a popular meetup).
pub fn with_place(conn: &mut DbConn, list: Vec<Meetup>) -> Result<Vec<MeetupRow>, AppError> {
    let mut group_ids: Vec<String> = list.iter().map(|m| m.group_id.clone()).collect();
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
    let venue_ids: Vec<String> = list.iter().filter_map(|m| m.venue_id.clone()).collect();
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

pub fn meetup_row(conn: &mut DbConn, id: &str) -> Result<Option<MeetupRow>, AppError> {
    match meetup_by_id(conn, id)? {
        Some(m) => Ok(with_details(conn, vec![m])?.pop()),
        None => Ok(None),
    }
}

/// A meetup with its group and venue, without counts (see [`with_place`]).
pub fn meetup_place(conn: &mut DbConn, id: &str) -> Result<Option<MeetupRow>, AppError> {
    match meetup_by_id(conn, id)? {
        Some(m) => Ok(with_place(conn, vec![m])?.pop()),
        None => Ok(None),
    }
}

/// Upcoming meetups soonest first; past ones most recent first.
pub fn meetups_of_group(
    conn: &mut DbConn,
    group_id: &str,
    when: When,
    at: NaiveDateTime,
    limit: i64,
) -> Result<Vec<MeetupRow>, AppError> {
    let query = meetups::table
        .filter(meetups::group_id.eq(group_id))
        .select(Meetup::as_select())
        .limit(limit);
    let list = match when {
        When::Upcoming => query
            .filter(meetups::ends_at.gt(at))
            .order(meetups::starts_at.asc())
            .load(conn)?,
        When::Past => query
            .filter(meetups::ends_at.le(at))
            .order(meetups::starts_at.desc())
            .load(conn)?,
    };
    with_details(conn, list)
}

/// Upcoming scheduled meetups of every group, soonest first (home page).
pub fn upcoming_meetups(
    conn: &mut DbConn,
    at: NaiveDateTime,
    limit: i64,
) -> Result<Vec<MeetupRow>, AppError> {
    let list = meetups::table
        .filter(meetups::ends_at.gt(at))
        .filter(meetups::status.eq(MeetupStatus::Scheduled.as_str()))
        .order(meetups::starts_at.asc())
        .limit(limit)
        .select(Meetup::as_select())
        .load(conn)?;
    with_details(conn, list)
}

#[derive(Debug, Clone)]
pub struct MeetupUpdate {
    pub before: Meetup,
    pub after: Meetup,
    pub rescheduled: bool,
}

/// Applies `change` to the locked meetup. Moving it (time or venue) bumps `sequence`; capacity
/// may not drop below the seats already taken.
pub fn update_meetup(
    conn: &mut DbConn,
    meetup_id: &str,
    change: impl FnOnce(&Meetup) -> Result<MeetupFields, AppError>,
    after_update: impl FnOnce(&mut DbConn, &MeetupUpdate) -> Result<(), AppError>,
) -> Result<MeetupUpdate, AppError> {
    conn.transaction(|conn| {
        let before = lock_meetup(conn, meetup_id)?;
        let fields = change(&before)?;
        check_venue(conn, &before.group_id, fields.venue_id.as_deref())?;
        if let Some(capacity) = fields.capacity {
            let taken = seat_counts(conn, std::slice::from_ref(&before.id))?
                .get(&before.id)
                .map_or(0, |c| c.going_seats);
            if i64::from(capacity) < taken {
                return Err(AppError::conflict("capacity_below_going"));
            }
        }
        let rescheduled = fields.reschedules(&before.fields());
        let sequence = before.sequence + i32::from(rescheduled);
        let updated_at = now();
        diesel::update(meetups::table.find(meetup_id))
            .set((
                meetups::title.eq(&fields.title),
                meetups::description.eq(&fields.description),
                meetups::starts_at.eq(fields.starts_at),
                meetups::ends_at.eq(fields.ends_at),
                meetups::venue_id.eq(&fields.venue_id),
                meetups::online_url.eq(&fields.online_url),
                meetups::capacity.eq(fields.capacity),
                meetups::rsvp_deadline.eq(fields.rsvp_deadline),
                meetups::sequence.eq(sequence),
                meetups::updated_at.eq(updated_at),
            ))
            .execute(conn)?;
        let after = Meetup {
            title: fields.title,
            description: fields.description,
            starts_at: fields.starts_at,
            ends_at: fields.ends_at,
            venue_id: fields.venue_id,
            online_url: fields.online_url,
            capacity: fields.capacity,
            rsvp_deadline: fields.rsvp_deadline,
            sequence,
            updated_at,
            ..before.clone()
        };
        let update = MeetupUpdate {
            before,
            after,
            rescheduled,
        };
        after_update(conn, &update)?;
        Ok(update)
    })
}

/// Cancels the meetup (RSVPs are kept); cancelling twice changes nothing.
pub fn cancel_meetup(
    conn: &mut DbConn,
    meetup_id: &str,
    after_cancel: impl FnOnce(&mut DbConn, &Meetup) -> Result<(), AppError>,
) -> Result<Meetup, AppError> {
    conn.transaction(|conn| {
        let meetup = lock_meetup(conn, meetup_id)?;
        if meetup.is_cancelled() {
            return Ok(meetup);
        }
        let updated_at = now();
        // Calendars only replace an event whose SEQUENCE went up.
        let sequence = meetup.sequence + 1;
        diesel::update(meetups::table.find(meetup_id))
            .set((
                meetups::status.eq(MeetupStatus::Cancelled.as_str()),
                meetups::sequence.eq(sequence),
                meetups::updated_at.eq(updated_at),
            ))
            .execute(conn)?;
        let cancelled = Meetup {
            status: MeetupStatus::Cancelled.as_str().into(),
            sequence,
            updated_at,
            ..meetup
        };
        after_cancel(conn, &cancelled)?;
        Ok(cancelled)
    })
}
