//! Answering a meetup, the waitlist, attendees and check-in.

use std::sync::Arc;

use crate::config::Settings;
use crate::db::models::{Group, Meetup, User};
use crate::db::repo::meetups::{self, MeetupRow};
use crate::db::repo::rsvps::{self, Attendee};
use crate::db::repo::{cohosts, groups, seat_moves, users};
use chrono::NaiveDateTime;

use crate::db::{now, Db, DbConn};
use crate::domain::account::is_erased_email;
use crate::domain::conduct::is_required;
use crate::domain::ids::{MeetupId, UserId};
use crate::domain::privacy::{listed, listed_name, names_visible, Standing};
use crate::domain::rsvp::{
    check_answer, decide, promote, Answer, Party, RsvpOutcome, RsvpRefusal, RsvpStatus, Snapshot,
};
use crate::error::AppError;
use crate::mail;
use crate::mail::answer_links::{AnswerLink, LinkAction};
use crate::mail::group_mail::{self, RsvpListeners};

use super::access::Viewer;
use super::admission;
use super::conduct::join_accepting;
use super::questions;
use crate::domain::question::RepliesInput;

/// Records a member's answer in one transaction holding the meetup's lock, so seats can never be
/// overbooked however many answers arrive at once; the member joins the group, and the
/// confirmation and promotion mails are queued in the same transaction.
#[tracing::instrument(skip_all, fields(meetup = %meetup_id))]
pub fn answer(
    conn: &mut DbConn,
    settings: &Settings,
    user: &UserId,
    meetup_id: &MeetupId,
    answer: Answer,
    accepts_conduct: bool,
) -> Result<RsvpOutcome, AppError> {
    let replies = RepliesInput::default();
    answer_replying(
        conn,
        settings,
        user,
        meetup_id,
        answer,
        accepts_conduct,
        &replies,
    )
}

/// [`answer`] with answers to the meetup's questions (`app::questions`): checked before the
/// meetup's lock (422 `answers.<id>`; a member going must answer every required question),
/// written in the same transaction.
pub fn answer_replying(
    conn: &mut DbConn,
    settings: &Settings,
    user: &UserId,
    meetup_id: &MeetupId,
    answer: Answer,
    accepts_conduct: bool,
    replies: &RepliesInput,
) -> Result<RsvpOutcome, AppError> {
    answer_joining(
        conn,
        settings,
        user,
        meetup_id,
        answer,
        Some(accepts_conduct),
        Some(replies),
    )
}

/// [`answer`], joining the group only with `joins` (whether the code of conduct is accepted),
/// with `replies` to the meetup's questions (`None`: not asked, as without an account):
/// someone who answered without an account comes to the meetup without becoming a member
/// (`app::guest_rsvps`), through the same queue.
pub(crate) fn answer_joining(
    conn: &mut DbConn,
    settings: &Settings,
    user: &UserId,
    meetup_id: &MeetupId,
    answer: Answer,
    joins: Option<bool>,
    replies: Option<&RepliesInput>,
) -> Result<RsvpOutcome, AppError> {
    let group = admission::admit_via(conn, admission::Via::Meetup(meetup_id), user)?;
    // Answers are checked before the lock; a meetup without questions reads one empty list.
    // Answers given elsewhere (without an account, by a poll) have no questions (`None`).
    let going = matches!(answer, Answer::Yes { .. });
    let pending = match replies {
        Some(r) => questions::check_replies(conn, meetup_id, user, r, going)?,
        None => None,
    };
    // Joining and what the mails need read only the group and the member: done before the
    // meetup's lock, which answers to the meetup queue on (a refusal below rolls it back).
    // A co-host group's member answers without joining the meetup's own group; a member
    // answers without joining again, unless the group asks them to accept its code of conduct.
    let role = groups::role_of(conn, &group.id, user)?;
    let joins = match (joins, role) {
        (Some(_), None) if cohosts::member_of_cohost(conn, meetup_id, user)? => None,
        (Some(_), Some(_))
            if !is_required(
                group.require_code_of_conduct,
                group.code_of_conduct_url.as_deref(),
            ) =>
        {
            None
        }
        (joins, _) => joins,
    };
    if let Some(accepts_conduct) = joins {
        let seat = matches!(answer, Answer::Yes { .. });
        join_accepting(conn, &group, user, accepts_conduct, seat)?;
    }
    let member = users::user_by_id(conn, user)?.ok_or(AppError::NotFound)?;
    let answerer = Answerer::read(conn, group, member)?;
    let (meetup, tally) = meetups::lock_meetup_tallied(conn, meetup_id)?;
    let snap = rsvps::answer_snapshot(conn, &meetup, tally, user)?;
    check_answer(closing(&meetup), now(), snap.party(user), answer)?;
    let outcome = record(conn, settings, meetup, answerer, answer, snap)?.0;
    questions::save_replies(conn, user, pending)?;
    Ok(outcome)
}

/// What an answer's mails need besides the meetup, read before its lock.
pub(crate) struct Answerer {
    group: Group,
    member: User,
    listeners: RsvpListeners,
}

impl Answerer {
    pub(crate) fn read(conn: &mut DbConn, group: Group, member: User) -> Result<Self, AppError> {
        let listeners = group_mail::rsvp_listeners(conn, &group.id)?;
        Ok(Self {
            group,
            member,
            listeners,
        })
    }
}

/// "I'm going" from a signed-out visitor, carried out once they signed in: an answer already
/// given (going with guests, or waiting) stays as it was; otherwise yes, alone, as [`answer`].
#[tracing::instrument(skip_all, fields(meetup = %meetup_id))]
pub fn going_after_sign_in(
    conn: &mut DbConn,
    settings: &Settings,
    user: &UserId,
    meetup_id: &MeetupId,
) -> Result<RsvpOutcome, AppError> {
    match rsvps::own_rsvp(conn, meetup_id, user)? {
        Some((party, position)) if party.status != RsvpStatus::NotGoing => Ok(RsvpOutcome {
            confirmed: rsvps::is_confirmed(conn, meetup_id, user)?,
            party,
            position,
            changed: false,
            promoted: Vec::new(),
        }),
        _ => answer(
            conn,
            settings,
            user,
            meetup_id,
            Answer::Yes { guests: 0 },
            false,
        ),
    }
}

/// What a signed one-click link (`/r/{token}`) is about: the answer, the meetup, the member
/// and their RSVP. 403 when this server did not sign it, 410 `link_expired` once the account
/// is deleted; opening it changes nothing.
#[tracing::instrument(skip_all)]
pub async fn answer_link(
    db: &Db,
    settings: &Settings,
    token: &str,
) -> Result<(AnswerLink, MeetupRow, User, Option<Party>), AppError> {
    let link = AnswerLink::verify(&settings.secret_key, token).ok_or(AppError::Forbidden)?;
    let (m, u) = (link.meetup_id.clone(), link.user_id.clone());
    let (row, user, party) = db
        .run(move |conn| {
            let row = meetups::meetup_place(conn, &m)?.ok_or(AppError::NotFound)?;
            let user = users::user_by_id(conn, &u)?.ok_or(AppError::NotFound)?;
            if is_erased_email(&user.email) {
                return Err(AppError::Gone("link_expired"));
            }
            admission::link_refusal(conn, &row.group.id, &user.id)?;
            let party = rsvps::own_rsvp(conn, &m, &u)?.map(|(p, _)| p);
            Ok((row, user, party))
        })
        .await?;
    Ok((link, row, user, party))
}

/// Answers through a signed link, by the rules of [`answer`]. Saying yes again changes
/// nothing (guests and place in the queue are kept); the link stops working when RSVPs close.
/// "Yes, I'm coming" confirms the seat of a member going (409 `not_going` for others);
/// "Fewer guests" takes `guests`, fewer than the party has (422 on `guests` otherwise).
#[tracing::instrument(skip_all)]
pub async fn answer_by_link(
    db: &Db,
    settings: &Arc<Settings>,
    token: &str,
    accepts_conduct: bool,
    guests: Option<i64>,
) -> Result<(RsvpOutcome, MeetupRow), AppError> {
    let link = AnswerLink::verify(&settings.secret_key, token).ok_or(AppError::Forbidden)?;
    if now() > link.expires {
        return Err(RsvpRefusal::Closed.into());
    }
    let settings = settings.clone();
    db.transaction(move |conn| {
        // A deleted account's links are dead: the account is read under a lock its deletion
        // takes first, so a deletion under way finishes before (or starts after) this answer.
        let user = users::lock_user(conn, &link.user_id, false)?.ok_or(AppError::NotFound)?;
        if is_erased_email(&user.email) {
            return Err(AppError::Gone("link_expired"));
        }
        let group = admission::admit_by_link_via(
            conn,
            admission::Via::Meetup(&link.meetup_id),
            &link.user_id,
        )?;
        // A blind "I'm going" is no answer to a required question (422 `answers.<id>`: the
        // page opens the form instead), checked before the lock.
        if link.action == LinkAction::Going {
            let none = RepliesInput::default();
            questions::check_replies(conn, &link.meetup_id, &link.user_id, &none, true)?;
        }
        let (meetup, tally) = meetups::lock_meetup_tallied(conn, &link.meetup_id)?;
        let snap = rsvps::answer_snapshot(conn, &meetup, tally, &link.user_id)?;
        let current = snap.party(&link.user_id).cloned();
        let held = current
            .as_ref()
            .filter(|p| p.status != RsvpStatus::NotGoing);
        let answer = match (link.action, held) {
            (LinkAction::Release, _) => Answer::No,
            (LinkAction::Going, Some(p)) => Answer::Yes { guests: p.guests },
            (LinkAction::Going, None) => Answer::Yes { guests: 0 },
            (LinkAction::Confirm, Some(p)) if p.status == RsvpStatus::Going => {
                check_answer(
                    closing(&meetup),
                    now(),
                    held,
                    Answer::Yes { guests: p.guests },
                )?;
                let outcome = confirm_seat(conn, &meetup, p.clone())?;
                let row = meetups::meetup_place(conn, &meetup.id)?.ok_or(AppError::NotFound)?;
                return Ok((outcome, row));
            }
            (LinkAction::FewerGuests, Some(p)) if p.status == RsvpStatus::Going => match guests {
                Some(g) if (0..i64::from(p.guests)).contains(&g) => {
                    Answer::Yes { guests: g as i32 }
                }
                _ => return Err(AppError::validation("guests", "error-guests_invalid")),
            },
            (LinkAction::Confirm | LinkAction::FewerGuests, _) => {
                return Err(AppError::conflict("not_going"))
            }
        };
        check_answer(closing(&meetup), now(), current.as_ref(), answer)?;
        let seat = matches!(answer, Answer::Yes { .. });
        join_accepting(conn, &group, &link.user_id, accepts_conduct, seat)?;
        let answerer = Answerer::read(conn, group, user)?;
        record(conn, &settings, meetup, answerer, answer, snap)
    })
    .await
}

/// "Still coming?" answered yes by a member going: confirmed once (again changes nothing).
fn confirm_seat(conn: &mut DbConn, meetup: &Meetup, party: Party) -> Result<RsvpOutcome, AppError> {
    let changed = rsvps::confirm(
        conn,
        &meetup.id,
        std::slice::from_ref(&party.user_id),
        now(),
    )? > 0;
    Ok(RsvpOutcome {
        party,
        position: None,
        changed,
        promoted: Vec::new(),
        confirmed: true,
    })
}

/// After "Still coming?" went out, whoever answers or is promoted holds a confirmed seat: they
/// chose it since.
fn confirm_newcomers(
    conn: &mut DbConn,
    meetup: &Meetup,
    members: &[UserId],
) -> Result<(), AppError> {
    if meetup.reconfirm_asked_at.is_some() {
        rsvps::confirm(conn, &meetup.id, members, now())?;
    }
    Ok(())
}

/// What decides whether a meetup still takes answers.
fn closing(meetup: &Meetup) -> (bool, NaiveDateTime, Option<NaiveDateTime>) {
    (
        meetup.is_cancelled(),
        meetup.starts_at,
        meetup.rsvp_deadline,
    )
}

/// Takes the meetup's lock, records an answer, promotes from the waitlist when a seat frees
/// up, and queues the mails: the rules of [`answer`] without its checks of the deadline and
/// membership (an account being deleted releases its seats whatever the date).
pub(crate) fn answer_locked(
    conn: &mut DbConn,
    settings: &Settings,
    meetup_id: &MeetupId,
    user_id: &UserId,
    answer: Answer,
) -> Result<RsvpOutcome, AppError> {
    let (meetup, tally) = meetups::lock_meetup_tallied(conn, meetup_id)?;
    let snap = rsvps::answer_snapshot(conn, &meetup, tally, user_id)?;
    let group = groups::group_by_id(conn, &meetup.group_id)?;
    let member = users::user_by_id(conn, user_id)?.ok_or(AppError::NotFound)?;
    let answerer = Answerer::read(conn, group, member)?;
    Ok(record(conn, settings, meetup, answerer, answer, snap)?.0)
}

/// [`answer_locked`] on what the caller read of the meetup's answers; the outcome and the
/// meetup with its place, as the mails used it.
fn record(
    conn: &mut DbConn,
    settings: &Settings,
    meetup: Meetup,
    answerer: Answerer,
    answer: Answer,
    mut snap: Snapshot,
) -> Result<(RsvpOutcome, MeetupRow), AppError> {
    let (m, u) = (&meetup.id, &answerer.member.id);
    let was_going = snap.party(u).is_some_and(|p| p.status == RsvpStatus::Going);
    let decision = decide(&mut snap, u, answer)?;
    for p in decision.changed.iter().chain(&decision.promoted) {
        rsvps::save_party(conn, m, p)?;
    }
    let released = was_going
        && decision
            .changed
            .as_ref()
            .is_some_and(|p| p.status != RsvpStatus::Going);
    seat_moves::record(
        conn,
        m,
        usize::from(released),
        decision.promoted.len(),
        now(),
    )?;
    let party = snap
        .party(u)
        .cloned()
        .unwrap_or_else(|| Party::not_going(u));
    let moved: Vec<UserId> = std::iter::once(u.clone())
        .chain(decision.promoted.iter().map(|p| p.user_id.clone()))
        .collect();
    confirm_newcomers(conn, &meetup, &moved)?;
    // Seats are confirmed only while "Still coming?" is out (a move clears both), and then
    // whoever is going was confirmed by the link or just above: no need to read it back.
    let confirmed = party.status == RsvpStatus::Going && meetup.reconfirm_asked_at.is_some();
    let outcome = RsvpOutcome {
        position: rsvps::queue_position(conn, m, &party)?,
        changed: decision.changed.is_some(),
        party,
        promoted: decision.promoted,
        confirmed,
    };
    let row = meetups::placed(conn, meetup, answerer.group)?;
    mail::rsvps::rsvp_answered(
        conn,
        settings,
        &row,
        &answerer.member,
        &outcome,
        now(),
        answerer.listeners,
    )?;
    Ok((outcome, row))
}

/// After seats were freed or added: promotes from the head of the queue, inside the caller's
/// transaction (which holds the meetup's lock).
pub(crate) fn promote_waitlist(conn: &mut DbConn, meetup: &Meetup) -> Result<Vec<Party>, AppError> {
    let mut snap = rsvps::snapshot(conn, meetup)?;
    let promoted = promote(&mut snap);
    for p in &promoted {
        rsvps::save_party(conn, &meetup.id, p)?;
    }
    seat_moves::record(conn, &meetup.id, 0, promoted.len(), now())?;
    let ids: Vec<UserId> = promoted.iter().map(|p| p.user_id.clone()).collect();
    confirm_newcomers(conn, meetup, &ids)?;
    Ok(promoted)
}

/// The member's RSVP, waitlist position and whether the seat is confirmed, if they answered
/// (404 for no such meetup).
#[tracing::instrument(skip_all)]
pub async fn own_rsvp(
    db: &Db,
    user: &User,
    meetup_id: &MeetupId,
) -> Result<Option<(Party, Option<usize>, bool)>, AppError> {
    let (m, u) = (meetup_id.clone(), user.id.clone());
    db.run(move |conn| {
        let Some((party, position)) = rsvps::own_rsvp(conn, &m, &u)? else {
            return Ok(None);
        };
        let confirmed = rsvps::is_confirmed(conn, &m, &u)?;
        Ok(Some((party, position, confirmed)))
    })
    .await
}

/// Who is coming, as the viewer may see it: names for the group's members (or everyone when
/// the group says so), without those who keep out of lists unless the viewer organises.
pub struct VisibleAttendees {
    pub going: Vec<Attendee>,
    pub waitlist: Vec<Attendee>,
    /// The viewer sees counts only.
    pub names_hidden: bool,
    pub viewer: Standing,
}

/// Keeps of `list` what `viewer` may read (see [`VisibleAttendees`]).
pub(crate) fn shown_to(group: &Group, viewer: Standing, list: Vec<Attendee>) -> Vec<Attendee> {
    if !names_visible(group.attendee_visibility, viewer) {
        return Vec::new();
    }
    list.into_iter()
        .filter(|a| listed(a.hide_from_lists, viewer))
        .map(|a| Attendee {
            name: listed_name(&a.name, a.guest, viewer).to_string(),
            ..a
        })
        .collect()
}

/// Who is coming as `viewer` may see it, on the caller's connection.
pub(crate) fn attendees_seen_by(
    conn: &mut DbConn,
    row: &MeetupRow,
    viewer: &Viewer,
) -> Result<VisibleAttendees, AppError> {
    let standing = viewer.standing_in(&row.group.id);
    let (going, waitlist) = rsvps::attendees(conn, &row.meetup.id)?;
    Ok(VisibleAttendees {
        going: shown_to(&row.group, standing, going),
        waitlist: shown_to(&row.group, standing, waitlist),
        names_hidden: !names_visible(row.group.attendee_visibility, standing),
        viewer: standing,
    })
}

/// Who is coming to the meetup as `viewer` may see it, in one checkout (404 for no meetup).
#[tracing::instrument(skip_all)]
pub async fn visible_attendees(
    db: &Db,
    viewer: &Viewer,
    meetup_id: &MeetupId,
) -> Result<VisibleAttendees, AppError> {
    let (id, viewer) = (meetup_id.clone(), viewer.clone());
    db.run(move |conn| {
        let row = meetups::meetup_row(conn, &id)?.ok_or(AppError::NotFound)?;
        attendees_seen_by(conn, &row, &viewer)
    })
    .await
}

/// Everyone going to the meetup, for its organisers (404, then 403): the list of attendees
/// to download.
#[tracing::instrument(skip(conn))]
pub fn going_for_organiser(
    conn: &mut DbConn,
    user: &UserId,
    id: &MeetupId,
) -> Result<Vec<Attendee>, AppError> {
    let meetup = meetups::meetup_by_id(conn, id)?.ok_or(AppError::NotFound)?;
    super::cohosts::require_meetup_organiser(conn, &meetup, user)?;
    Ok(rsvps::attendees(conn, id)?.0)
}

/// Who is coming, and the viewer's own answer: the meetup page's RSVP section.
pub struct MeetupRsvps {
    pub attendees: VisibleAttendees,
    pub own: Option<(Party, Option<usize>)>,
    /// The meetup's questions and the signed-in viewer's answers (none for visitors).
    pub questions: (
        Vec<crate::domain::question::Question>,
        crate::domain::question::Replies,
    ),
}

/// The meetup page's RSVP section as `viewer` sees it, on the caller's connection.
pub(crate) fn rsvps_seen_by(
    conn: &mut DbConn,
    row: &MeetupRow,
    viewer: &Viewer,
) -> Result<MeetupRsvps, AppError> {
    let attendees = attendees_seen_by(conn, row, viewer)?;
    let (own, questions) = match viewer.user_id() {
        Some(u) => (
            rsvps::own_rsvp(conn, &row.meetup.id, u)?,
            questions::own_replies(conn, &row.meetup.id, u)?,
        ),
        None => (None, Default::default()),
    };
    Ok(MeetupRsvps {
        attendees,
        own,
        questions,
    })
}
