//! Check-in at the door: the list organisers and door helpers tick, members checking
//! themselves in with the door code, and walk-ins.

use std::collections::HashMap;

use chrono::NaiveDateTime;

use crate::config::Settings;
use crate::db::models::WalkInRow;
use crate::db::repo::meetups::{self, MeetupRow};
use crate::db::repo::rsvps::{self, Attendee};
use crate::db::repo::{groups, walk_ins};
use crate::db::{now, DbConn};
use crate::domain::check_in::{
    code_matches, door_code, self_check_in_open, ticking_open, AttendanceCounts, PartyCame, WalkIn,
    HISTORY_KEPT, MAX_CODE_FAILURES,
};
use crate::domain::ids::{MeetupId, UserId, WalkInId};
use crate::domain::question::{Question, Replies};
use crate::domain::rsvp::RsvpStatus;
use crate::error::AppError;

use super::access::{require_door_keeper, Viewer};
use super::attendance::attendance_of;

/// What the door sees: the meetup, everyone going, the walk-ins, and the self check-in code.
pub struct DoorList {
    pub row: MeetupRow,
    pub going: Vec<Attendee>,
    pub walk_ins: Vec<WalkInRow>,
    pub code: String,
    /// Whether the viewer organises the meetup (its group's or a co-host group's organisers),
    /// rather than only helping at the door: they see addresses and answers.
    pub organiser: bool,
}

/// The meetup `id` of the group at `slug` and who is coming, for its organisers and door
/// helpers (check-in page, sign-in sheet): 404 for no such meetup in the group, then 401 for
/// anonymous viewers, then 403.
#[tracing::instrument(skip(conn, settings, viewer))]
pub fn door_list(
    conn: &mut DbConn,
    settings: &Settings,
    viewer: &Viewer,
    slug: &str,
    id: &MeetupId,
) -> Result<DoorList, AppError> {
    let row = meetups::meetup_row(conn, id)?
        .filter(|row| row.group.slug == slug)
        .ok_or(AppError::NotFound)?;
    let user = viewer.require_user()?;
    // A co-host group's organisers run the door too.
    let organiser = viewer.organises(&row.group.id)
        || crate::db::repo::cohosts::organises_cohost(conn, id, &user.id)?;
    if !organiser && !viewer.checks_in(&row.group.id) {
        return Err(AppError::Forbidden);
    }
    let going = rsvps::attendees(conn, id)?.0;
    let walk_ins = walk_ins::of_meetup(conn, id)?;
    let code = door_code(&settings.secret_key, id);
    Ok(DoorList {
        row,
        going,
        walk_ins,
        code,
        organiser,
    })
}

/// The printable sign-in sheet: the door's list and, for the group's organisers, the meetup's
/// questions with everyone's answers, withheld ones included, as in the organisers' CSV (door
/// helpers see names only). One connection, like the door's list.
pub struct SignInSheet {
    pub door: DoorList,
    pub questions: Vec<Question>,
    pub replies: HashMap<UserId, Replies>,
}

/// [`door_list`] with the answers for organisers: 404, 401 then 403 as there.
#[tracing::instrument(skip(conn, settings, viewer))]
pub fn sign_in_sheet(
    conn: &mut DbConn,
    settings: &Settings,
    viewer: &Viewer,
    slug: &str,
    id: &MeetupId,
) -> Result<SignInSheet, AppError> {
    let door = door_list(conn, settings, viewer, slug, id)?;
    let (questions, replies) = if door.organiser {
        super::questions::answers_for_organisers(conn, id)?
    } else {
        (Vec::new(), HashMap::new())
    };
    Ok(SignInSheet {
        door,
        questions,
        replies,
    })
}

/// The meetup, for a write at its door by `user`: 404, then 403 for anyone but its organisers
/// and door helpers, then 409 `checkin_closed` before the doors open.
fn door_of(conn: &mut DbConn, user: &UserId, id: &MeetupId) -> Result<(), AppError> {
    let meetup = meetups::meetup_by_id(conn, id)?.ok_or(AppError::NotFound)?;
    // A co-host group's organisers run the door too.
    if !crate::db::repo::cohosts::organises_cohost(conn, id, user)? {
        require_door_keeper(conn, &meetup.group_id, user)?;
    }
    if !ticking_open(meetup.starts_at, now()) {
        return Err(AppError::conflict("checkin_closed"));
    }
    Ok(())
}

/// Ticks one member in or out, with their whole party.
#[tracing::instrument(skip_all, fields(meetup = %meetup_id))]
pub fn set_attendance(
    conn: &mut DbConn,
    user: &UserId,
    meetup_id: &MeetupId,
    member_id: &UserId,
    attended: bool,
) -> Result<(), AppError> {
    door_of(conn, user, meetup_id)?;
    let guests = party_guests(conn, meetup_id, member_id)?;
    rsvps::set_attendance(
        conn,
        meetup_id,
        member_id,
        PartyCame::all_or_none(attended, guests),
    )
}

/// Ticks how many of a member's party came ("2 of 3 came"); 422 `came` beyond the party.
#[tracing::instrument(skip_all, fields(meetup = %meetup_id))]
pub fn set_party_came(
    conn: &mut DbConn,
    user: &UserId,
    meetup_id: &MeetupId,
    member_id: &UserId,
    came: i64,
) -> Result<PartyCame, AppError> {
    door_of(conn, user, meetup_id)?;
    let guests = party_guests(conn, meetup_id, member_id)?;
    let came = PartyCame::parse(came, guests)?;
    rsvps::set_attendance(conn, meetup_id, member_id, came)?;
    Ok(came)
}

/// Ticks the whole list at once: exactly the members in `came` attended, with their parties.
#[tracing::instrument(skip_all, fields(meetup = %meetup_id))]
pub fn check_in(
    conn: &mut DbConn,
    user: &UserId,
    meetup_id: &MeetupId,
    came: &[UserId],
) -> Result<(), AppError> {
    door_of(conn, user, meetup_id)?;
    let (going, _) = rsvps::attendees(conn, meetup_id)?;
    for a in going {
        let attended = came.contains(&a.user_id);
        if attended != a.attended {
            let party = PartyCame::all_or_none(attended, a.guests);
            rsvps::set_attendance(conn, meetup_id, &a.user_id, party)?;
        }
    }
    Ok(())
}

/// Adds someone who came without an RSVP: over capacity, flagged as a walk-in.
#[tracing::instrument(skip_all, fields(meetup = %meetup_id))]
pub fn add_walk_in(
    conn: &mut DbConn,
    user: &UserId,
    meetup_id: &MeetupId,
    walk_in: WalkIn,
) -> Result<WalkInRow, AppError> {
    door_of(conn, user, meetup_id)?;
    let row = WalkInRow {
        id: WalkInId::random(),
        meetup_id: meetup_id.clone(),
        name: walk_in.name,
        email: walk_in.email.map(|e| e.as_str().to_string()),
        created_at: now(),
    };
    walk_ins::insert(conn, &row)?;
    Ok(row)
}

fn party_guests(conn: &mut DbConn, meetup_id: &MeetupId, member: &UserId) -> Result<i32, AppError> {
    match rsvps::door_rsvp(conn, meetup_id, member)? {
        Some((rsvp, _)) if rsvp.status != RsvpStatus::NotGoing => Ok(rsvp.guests),
        _ => Err(AppError::NotFound),
    }
}

/// How a self check-in went; a wrong code is an outcome, not an error, so that the
/// transaction that counted it commits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SelfCheckIn {
    CheckedIn,
    WrongCode,
}

/// A going member checks in with the door code, from two hours before the start to the end:
/// 404, 409 `meetup_cancelled` or `checkin_closed`, 403 for anyone not going, 429 after
/// `MAX_CODE_FAILURES` wrong codes, then the code. The member's row is locked while the wrong
/// codes are counted, so a burst of tries is counted exactly.
#[tracing::instrument(skip_all, fields(meetup = %meetup_id))]
pub fn self_check_in(
    conn: &mut DbConn,
    settings: &Settings,
    user: &UserId,
    meetup_id: &MeetupId,
    code: &str,
) -> Result<SelfCheckIn, AppError> {
    let meetup = meetups::meetup_by_id(conn, meetup_id)?.ok_or(AppError::NotFound)?;
    if meetup.is_cancelled() {
        return Err(AppError::conflict("meetup_cancelled"));
    }
    if !self_check_in_open(meetup.starts_at, meetup.ends_at, now()) {
        return Err(AppError::conflict("checkin_closed"));
    }
    let (rsvp, failures) = match rsvps::door_rsvp(conn, meetup_id, user)? {
        Some((rsvp, failures)) if rsvp.status == RsvpStatus::Going => (rsvp, failures),
        _ => return Err(AppError::Forbidden),
    };
    if failures >= MAX_CODE_FAILURES {
        return Err(AppError::RateLimited("error-checkin_rate_limited"));
    }
    if !code_matches(&door_code(&settings.secret_key, meetup_id), code) {
        return if rsvps::count_code_failure(conn, meetup_id, user)? {
            Ok(SelfCheckIn::WrongCode)
        } else {
            Err(AppError::RateLimited("error-checkin_rate_limited"))
        };
    }
    if !rsvp.attended {
        let party = PartyCame::all_or_none(true, rsvp.guests);
        rsvps::set_attendance(conn, meetup_id, user, party)?;
    }
    Ok(SelfCheckIn::CheckedIn)
}

/// A member's attendance in one group over the last [`HISTORY_KEPT`], from `since`.
pub struct Attendance {
    pub counts: AttendanceCounts,
    pub since: NaiveDateTime,
}

/// The member's attendance history in the group at `slug`, for its organisers and the member
/// themself: 404 for no such group, 401, 403 for anyone else, then 404 for no such member.
#[tracing::instrument(skip(conn, viewer))]
pub fn attendance(
    conn: &mut DbConn,
    viewer: &Viewer,
    slug: &str,
    member: &UserId,
) -> Result<Attendance, AppError> {
    let group = groups::group_by_slug(conn, slug)?.ok_or(AppError::NotFound)?;
    let user = viewer.require_user()?;
    if user.id != *member && !viewer.organises(&group.id) {
        return Err(AppError::Forbidden);
    }
    if groups::role_of(conn, &group.id, member)?.is_none() {
        return Err(AppError::NotFound);
    }
    let at = now();
    let counts = attendance_of(conn, &group.id, std::slice::from_ref(member), at)?
        .remove(member)
        .unwrap_or_default();
    Ok(Attendance {
        counts,
        since: at - HISTORY_KEPT,
    })
}
