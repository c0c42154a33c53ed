use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::models::{Meetup, Rsvp, User};
use crate::db::prepared::Prepared;
use crate::db::repo::meetups::SeatTally;
use crate::db::schema::{meetups, rsvps, users};
use crate::db::{now, DbConn};
use crate::domain::check_in::{AttendanceRecord, PartyCame, MAX_CODE_FAILURES};
use crate::domain::ids::{GroupId, MeetupId, UserId};
use crate::domain::meetup::MeetupStatus;
use crate::domain::rsvp::{Party, RsvpStatus, Snapshot, MAX_PROMOTED_BY_ONE_ANSWER};
use crate::error::AppError;

fn party(r: &Rsvp) -> Party {
    Party {
        user_id: r.user_id.clone(),
        status: r.status,
        guests: r.guests,
        waitlist_seq: r.waitlist_seq,
    }
}

/// The meetup's going and waitlisted parties (when capacity changes, the whole queue may move).
#[tracing::instrument(level = "debug", skip_all)]
pub fn snapshot(conn: &mut DbConn, meetup: &Meetup) -> Result<Snapshot, AppError> {
    let rows: Vec<Rsvp> = rsvps::table
        .filter(rsvps::meetup_id.eq(&meetup.id))
        .filter(rsvps::status.ne(RsvpStatus::NotGoing))
        .select(Rsvp::as_select())
        .load(conn)?;
    Ok(Snapshot::new(
        meetup.capacity,
        rows.iter().map(party).collect(),
    ))
}

/// What one member's answer needs, read cheaply however large the meetup: the member's row and
/// the head of the waitlist, with the seats taken and the last waitlist number as the meetup's
/// locked row keeps them (`tally`).
#[tracing::instrument(level = "debug", skip_all)]
pub fn answer_snapshot(
    conn: &mut DbConn,
    meetup: &Meetup,
    tally: SeatTally,
    member: &UserId,
) -> Result<Snapshot, AppError> {
    // The member's row and the head of the waitlist in one statement, each half on its own
    // index (the primary key; status and waitlist order), so neither reads the whole meetup.
    // Compound selects are not part of the backend-generic connection, and a selection's type
    // names its backend: the same query, written once, built for each.
    macro_rules! own_and_head {
        () => {
            rsvps::table
                .filter(rsvps::meetup_id.eq(&meetup.id))
                .filter(rsvps::user_id.eq(member))
                .select(Rsvp::as_select())
                .union_all(
                    rsvps::table
                        .filter(rsvps::meetup_id.eq(&meetup.id))
                        .filter(rsvps::status.eq(RsvpStatus::Waitlisted))
                        .filter(rsvps::user_id.ne(member))
                        .order((rsvps::waitlist_seq.asc(), rsvps::user_id.asc()))
                        .limit(MAX_PROMOTED_BY_ONE_ANSWER + 1)
                        .select(Rsvp::as_select()),
                )
        };
    }
    let mut rows: Vec<Rsvp> = match conn {
        DbConn::Pg(pg) => own_and_head!().load(pg)?,
        DbConn::Sqlite(sqlite) => own_and_head!().load(sqlite)?,
    };
    let own = rows
        .iter()
        .position(|r| &r.user_id == member)
        .map(|i| rows.swap_remove(i));
    rows.sort_by(|a, b| (a.waitlist_seq, &a.user_id).cmp(&(b.waitlist_seq, &b.user_id)));
    let head = rows;
    let own_seats = own
        .as_ref()
        .filter(|r| r.status == RsvpStatus::Going)
        .map_or(0, |r| 1 + i64::from(r.guests));
    let mut snap = Snapshot::new(
        meetup.capacity,
        own.iter().chain(head.iter()).map(party).collect(),
    );
    snap.other_going_seats = tally.seats_taken - own_seats;
    snap.max_seq = tally.last_waitlist_seq;
    Ok(snap)
}

/// 1-based place in the queue of a waitlisted party (counted, not loaded).
#[tracing::instrument(level = "debug", skip_all)]
pub fn queue_position(
    conn: &mut DbConn,
    meetup_id: &MeetupId,
    p: &Party,
) -> Result<Option<usize>, AppError> {
    let (Some(seq), RsvpStatus::Waitlisted) = (p.waitlist_seq, p.status) else {
        return Ok(None);
    };
    let ahead: i64 = rsvps::table
        .filter(rsvps::meetup_id.eq(meetup_id))
        .filter(rsvps::status.eq(RsvpStatus::Waitlisted))
        .filter(
            rsvps::waitlist_seq.lt(seq).or(rsvps::waitlist_seq
                .eq(seq)
                .and(rsvps::user_id.lt(&p.user_id))),
        )
        .count()
        .get_result(conn)?;
    Ok(Some(ahead as usize + 1))
}

/// Writes a party's new state; the caller holds the meetup's lock, so read-then-write is safe.
#[tracing::instrument(level = "debug", skip_all)]
pub fn save_party(conn: &mut DbConn, meetup_id: &MeetupId, p: &Party) -> Result<(), AppError> {
    let at = now();
    let row = rsvps::table.find((meetup_id, &p.user_id));
    let values = (
        rsvps::status.eq(p.status),
        rsvps::guests.eq(p.guests),
        rsvps::waitlist_seq.eq(p.waitlist_seq),
        rsvps::updated_at.eq(at),
    );
    // A confirmation is of a seat held: whoever leaves it is asked again once back.
    let going = p.status == RsvpStatus::Going;
    let updated: Vec<UserId> = if going {
        Prepared(diesel::update(row).set(values).returning(rsvps::user_id)).load(conn)?
    } else {
        let cleared = (values, rsvps::confirmed_at.eq(None::<NaiveDateTime>));
        Prepared(diesel::update(row).set(cleared).returning(rsvps::user_id)).load(conn)?
    };
    if updated.is_empty() {
        let new = Rsvp {
            meetup_id: meetup_id.clone(),
            user_id: p.user_id.clone(),
            status: p.status,
            guests: p.guests,
            waitlist_seq: p.waitlist_seq,
            attended: false,
            created_at: at,
            updated_at: at,
            attendance_changed_at: None,
            confirmed_at: None,
            guests_came: 0,
        };
        Prepared(
            diesel::insert_into(rsvps::table)
                .values(&new)
                .returning(rsvps::user_id),
        )
        .load::<UserId>(conn)?;
    }
    Ok(())
}

/// The member's answers to those of `meetups` they answered.
#[tracing::instrument(level = "debug", skip_all)]
pub fn answers_to(
    conn: &mut DbConn,
    user_id: &UserId,
    meetups: &[&MeetupId],
) -> Result<HashMap<MeetupId, RsvpStatus>, AppError> {
    if meetups.is_empty() {
        return Ok(HashMap::new());
    }
    let ids: Vec<&str> = meetups.iter().map(|id| id.as_str()).collect();
    let rows: Vec<Rsvp> = rsvps::table
        .filter(rsvps::user_id.eq(user_id))
        .filter(rsvps::meetup_id.eq_any(&ids))
        .select(Rsvp::as_select())
        .load(conn)?;
    Ok(rows.into_iter().map(|r| (r.meetup_id, r.status)).collect())
}

/// Marks the members' seats confirmed at `at`, those going and not confirmed yet.
#[tracing::instrument(level = "debug", skip_all)]
pub fn confirm(
    conn: &mut DbConn,
    meetup_id: &MeetupId,
    members: &[UserId],
    at: NaiveDateTime,
) -> Result<usize, AppError> {
    if members.is_empty() {
        return Ok(0);
    }
    Ok(diesel::update(
        rsvps::table
            .filter(rsvps::meetup_id.eq(meetup_id))
            .filter(rsvps::user_id.eq_any(members))
            .filter(rsvps::status.eq(RsvpStatus::Going))
            .filter(rsvps::confirmed_at.is_null()),
    )
    .set(rsvps::confirmed_at.eq(at))
    .execute(conn)?)
}

/// Forgets every confirmation of the meetup (it moved: members are asked again).
#[tracing::instrument(level = "debug", skip_all)]
pub fn clear_confirmations(conn: &mut DbConn, meetup_id: &MeetupId) -> Result<(), AppError> {
    diesel::update(
        rsvps::table
            .filter(rsvps::meetup_id.eq(meetup_id))
            .filter(rsvps::confirmed_at.is_not_null()),
    )
    .set(rsvps::confirmed_at.eq(None::<NaiveDateTime>))
    .execute(conn)?;
    Ok(())
}

/// Whether the member's seat is confirmed.
#[tracing::instrument(level = "debug", skip_all)]
pub fn is_confirmed(
    conn: &mut DbConn,
    meetup_id: &MeetupId,
    user_id: &UserId,
) -> Result<bool, AppError> {
    let at: Option<Option<NaiveDateTime>> = rsvps::table
        .find((meetup_id, user_id))
        .filter(rsvps::status.eq(RsvpStatus::Going))
        .select(rsvps::confirmed_at)
        .first(conn)
        .optional()?;
    Ok(at.flatten().is_some())
}

/// Members going who have not confirmed, with their party, in the order they answered.
#[tracing::instrument(level = "debug", skip_all)]
pub fn unconfirmed_going(conn: &mut DbConn, meetup_id: &MeetupId) -> Result<Vec<Party>, AppError> {
    let rows: Vec<Rsvp> = rsvps::table
        .filter(rsvps::meetup_id.eq(meetup_id))
        .filter(rsvps::status.eq(RsvpStatus::Going))
        .filter(rsvps::confirmed_at.is_null())
        .order((rsvps::created_at.asc(), rsvps::user_id.asc()))
        .select(Rsvp::as_select())
        .load(conn)?;
    Ok(rows.iter().map(party).collect())
}

/// The member's RSVP and waitlist position, if they answered.
#[tracing::instrument(level = "debug", skip_all)]
pub fn own_rsvp(
    conn: &mut DbConn,
    meetup_id: &MeetupId,
    user_id: &UserId,
) -> Result<Option<(Party, Option<usize>)>, AppError> {
    if super::meetups::meetup_by_id(conn, meetup_id)?.is_none() {
        return Err(AppError::NotFound);
    }
    let own: Option<Rsvp> = rsvps::table
        .find((meetup_id, user_id))
        .select(Rsvp::as_select())
        .first(conn)
        .optional()?;
    match own.as_ref().map(party) {
        Some(p) => {
            let position = queue_position(conn, meetup_id, &p)?;
            Ok(Some((p, position)))
        }
        None => Ok(None),
    }
}

#[derive(Debug, Clone)]
pub struct Attendee {
    pub user_id: UserId,
    /// Going and confirmed (see `domain::reconfirm`).
    pub confirmed: bool,
    pub name: String,
    pub email: String,
    pub guests: i32,
    pub attended: bool,
    /// How many of the guests came, ticked at the door.
    pub guests_came: i32,
    pub position: Option<usize>,
    /// The member keeps out of lists but the organisers'.
    pub hide_from_lists: bool,
    /// Answered without an account (see `domain::privacy::listed_name`).
    pub guest: bool,
}

/// Going members by the time they answered, then the waitlist in order with positions 1..n.
#[tracing::instrument(level = "debug", skip_all)]
pub fn attendees(
    conn: &mut DbConn,
    meetup_id: &MeetupId,
) -> Result<(Vec<Attendee>, Vec<Attendee>), AppError> {
    // Only what a list shows: a large meetup's page reads every row, and decoding whole
    // accounts (and their dates, text on SQLite) cost more than the query.
    type Row = (RsvpStatus, Option<i64>, Attendee);
    // Status, waitlist number, guests, attended, guests who came, confirmed; the account's id,
    // name, address, whether it keeps out of lists, whether it is a guest's.
    type Columns = (RsvpStatus, Option<i64>, i32, bool, i32, bool);
    type Account = (UserId, String, String, bool, bool);
    let rows: Vec<(Columns, Account)> = rsvps::table
        .inner_join(users::table)
        .filter(rsvps::meetup_id.eq(meetup_id))
        .filter(rsvps::status.ne(RsvpStatus::NotGoing))
        .order((
            rsvps::waitlist_seq.asc(),
            rsvps::updated_at.asc(),
            rsvps::user_id.asc(),
        ))
        .select((
            (
                rsvps::status,
                rsvps::waitlist_seq,
                rsvps::guests,
                rsvps::attended,
                rsvps::guests_came,
                rsvps::confirmed_at.is_not_null(),
            ),
            (
                users::id,
                users::name,
                users::email,
                users::hide_from_lists,
                users::guest,
            ),
        ))
        .load(conn)?;
    let (going, mut waiting): (Vec<Row>, Vec<Row>) = rows
        .into_iter()
        .map(|(columns, account)| {
            let (status, seq, guests, attended, guests_came, confirmed) = columns;
            let (user_id, name, email, hide_from_lists, guest) = account;
            let attendee = Attendee {
                user_id,
                confirmed,
                name,
                email,
                guests,
                attended,
                guests_came: guests_came.min(guests),
                position: None,
                hide_from_lists,
                guest,
            };
            (status, seq, attendee)
        })
        .partition(|(status, _, _)| *status == RsvpStatus::Going);
    let going = going.into_iter().map(|(_, _, a)| a).collect();
    // NULLs sort first on PostgreSQL and last on SQLite: order the queue here, the same everywhere.
    waiting.sort_by(|(_, a_seq, a), (_, b_seq, b)| (a_seq, &a.user_id).cmp(&(b_seq, &b.user_id)));
    let waitlist = waiting
        .into_iter()
        .enumerate()
        .map(|(i, (_, _, a))| Attendee {
            position: Some(i + 1),
            ..a
        })
        .collect();
    Ok((going, waitlist))
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn set_attendance(
    conn: &mut DbConn,
    meetup_id: &MeetupId,
    user_id: &UserId,
    came: PartyCame,
) -> Result<(), AppError> {
    let n = diesel::update(
        rsvps::table
            .find((meetup_id, user_id))
            .filter(rsvps::status.ne(RsvpStatus::NotGoing)),
    )
    .set((
        rsvps::attended.eq(came.attended),
        rsvps::guests_came.eq(came.guests_came),
        rsvps::attendance_changed_at.eq(now()),
    ))
    .execute(conn)?;
    if n == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// Counts one wrong self check-in code against the member, unless they already tried
/// `MAX_CODE_FAILURES`: whether it was counted. One conditional update, so that concurrent
/// tries are counted exactly.
#[tracing::instrument(level = "debug", skip_all)]
pub fn count_code_failure(
    conn: &mut DbConn,
    meetup_id: &MeetupId,
    user_id: &UserId,
) -> Result<bool, AppError> {
    let n = diesel::update(
        rsvps::table
            .find((meetup_id, user_id))
            .filter(rsvps::check_in_failures.lt(MAX_CODE_FAILURES)),
    )
    .set(rsvps::check_in_failures.eq(rsvps::check_in_failures + 1))
    .execute(conn)?;
    Ok(n == 1)
}

/// The member's RSVP and the wrong codes they tried, read under a row lock where the backend
/// has them (PostgreSQL), so that a check-in and concurrent wrong codes are counted in order.
#[tracing::instrument(level = "debug", skip_all)]
pub fn door_rsvp(
    conn: &mut DbConn,
    meetup_id: &MeetupId,
    user_id: &UserId,
) -> Result<Option<(Rsvp, i32)>, AppError> {
    let query = rsvps::table.find((meetup_id, user_id));
    let columns = (Rsvp::as_select(), rsvps::check_in_failures);
    Ok(match conn {
        DbConn::Pg(c) => query.select(columns).for_update().first(c).optional()?,
        DbConn::Sqlite(c) => query
            .select((Rsvp::as_select(), rsvps::check_in_failures))
            .first(c)
            .optional()?,
    })
}

/// Members going or waitlisted who accept notices.
#[tracing::instrument(level = "debug", skip_all)]
pub fn notice_recipients(
    conn: &mut DbConn,
    meetup_id: &MeetupId,
) -> Result<Vec<(User, RsvpStatus)>, AppError> {
    Ok(rsvps::table
        .inner_join(users::table)
        .filter(rsvps::meetup_id.eq(meetup_id))
        .filter(rsvps::status.ne(RsvpStatus::NotGoing))
        .filter(users::mail_notices.eq(true))
        .select((User::as_select(), rsvps::status))
        .load(conn)?)
}

/// Of `meetups`, those the user is going to.
#[tracing::instrument(level = "debug", skip_all)]
pub fn going_among(
    conn: &mut DbConn,
    user_id: &UserId,
    meetups: &[MeetupId],
) -> Result<Vec<MeetupId>, AppError> {
    Ok(rsvps::table
        .filter(rsvps::user_id.eq(user_id))
        .filter(rsvps::meetup_id.eq_any(meetups))
        .filter(rsvps::status.eq(RsvpStatus::Going))
        .select(rsvps::meetup_id)
        .load(conn)?)
}

/// Members going who accept reminders.
#[tracing::instrument(level = "debug", skip_all)]
pub fn reminder_recipients(conn: &mut DbConn, meetup_id: &MeetupId) -> Result<Vec<User>, AppError> {
    Ok(rsvps::table
        .inner_join(users::table)
        .filter(rsvps::meetup_id.eq(meetup_id))
        .filter(rsvps::status.eq(RsvpStatus::Going))
        .filter(users::mail_reminders.eq(true))
        .select(User::as_select())
        .load(conn)?)
}

/// Members going who accept reminders, with their guests: whom "Still coming?" asks.
#[tracing::instrument(level = "debug", skip_all)]
pub fn reconfirm_recipients(
    conn: &mut DbConn,
    meetup_id: &MeetupId,
) -> Result<Vec<(User, i32)>, AppError> {
    Ok(rsvps::table
        .inner_join(users::table)
        .filter(rsvps::meetup_id.eq(meetup_id))
        .filter(rsvps::status.eq(RsvpStatus::Going))
        .filter(users::mail_reminders.eq(true))
        .select((User::as_select(), rsvps::guests))
        .load(conn)?)
}

/// Members going to the meetup, with whether they were checked in.
#[tracing::instrument(level = "debug", skip_all)]
pub fn going_with_attendance(
    conn: &mut DbConn,
    meetup_id: &MeetupId,
) -> Result<Vec<(User, bool)>, AppError> {
    Ok(rsvps::table
        .inner_join(users::table)
        .filter(rsvps::meetup_id.eq(meetup_id))
        .filter(rsvps::status.eq(RsvpStatus::Going))
        .order(rsvps::created_at.asc())
        .select((User::as_select(), rsvps::attended))
        .load(conn)?)
}

/// A member's answer to a meetup and whether they accept reminders, if they answered.
#[tracing::instrument(level = "debug", skip_all)]
pub fn answer_and_reminders(
    conn: &mut DbConn,
    meetup_id: &MeetupId,
    user_id: &UserId,
) -> Result<Option<(RsvpStatus, bool)>, AppError> {
    Ok(rsvps::table
        .inner_join(users::table)
        .filter(rsvps::meetup_id.eq(meetup_id))
        .filter(rsvps::user_id.eq(user_id))
        .select((rsvps::status, users::mail_reminders))
        .first(conn)
        .optional()?)
}

/// The members' answers to the group's meetups that started in `since..=until` (cancelled ones
/// left out), as their history counts them.
#[tracing::instrument(level = "debug", skip_all)]
pub fn attendance_records(
    conn: &mut DbConn,
    group_id: &GroupId,
    members: &[UserId],
    since: NaiveDateTime,
    until: NaiveDateTime,
) -> Result<Vec<(UserId, AttendanceRecord)>, AppError> {
    if members.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(
        UserId,
        MeetupId,
        NaiveDateTime,
        RsvpStatus,
        bool,
        NaiveDateTime,
        NaiveDateTime,
    )> = rsvps::table
        .inner_join(meetups::table)
        .filter(meetups::group_id.eq(group_id))
        .filter(meetups::status.eq(MeetupStatus::Scheduled))
        .filter(meetups::starts_at.ge(since))
        .filter(meetups::starts_at.le(until))
        .filter(rsvps::user_id.eq_any(members))
        .select((
            rsvps::user_id,
            meetups::id,
            meetups::starts_at,
            rsvps::status,
            rsvps::attended,
            rsvps::created_at,
            rsvps::updated_at,
        ))
        .load(conn)?;
    let ids: Vec<&MeetupId> = rows.iter().map(|r| &r.1).collect();
    let checked: Vec<MeetupId> = if ids.is_empty() {
        Vec::new()
    } else {
        rsvps::table
            .filter(rsvps::meetup_id.eq_any(ids))
            .filter(rsvps::attended.eq(true))
            .select(rsvps::meetup_id)
            .distinct()
            .load(conn)?
    };
    Ok(rows
        .into_iter()
        .map(|(user, meetup, starts_at, status, attended, first, last)| {
            let record = AttendanceRecord {
                starts_at,
                going: status == RsvpStatus::Going,
                attended,
                check_in_used: checked.contains(&meetup),
                first_answered_at: first,
                last_answered_at: last,
            };
            (user, record)
        })
        .collect())
}
