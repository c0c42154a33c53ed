//! "Still coming?": the reminder that asks members going to confirm their seat, and the release
//! of the seats not confirmed in time to the waitlist (see `domain::reconfirm`). Both run from
//! the mail worker at the time it is given, one transaction per meetup under its lock.

use chrono::NaiveDateTime;

use super::answer_links::{AnswerLink, LinkAction};
use super::letter::{stamp, Letter};
use super::unsubscribe::MailTopic;
use crate::config::Settings;
use crate::db::models::Meetup;
use crate::db::repo::meetups::{self, meetup_place};
use crate::db::repo::{outbox, rsvps, seat_moves, users};
use crate::db::DbConn;
use crate::domain::ids::{MeetupId, UserId};
use crate::domain::mail::MailKind;
use crate::domain::meetup::MeetupStatus;
use crate::domain::reconfirm::due_at;
use crate::domain::rsvp::{decide, rsvps_close_at, Answer, Party};
use crate::domain::time::to_local;
use crate::error::AppError;
use crate::i18n::{long_datetime, t, tf};

/// No meetup asks earlier than this before its start (see `domain::reconfirm`).
const LONGEST: chrono::Duration = chrono::Duration::days(31);

/// The key of the "Still coming?" sent to `user` when the meetup asked at `asked_at`: the
/// release reads it back to know the question reached them.
fn reconfirm_key(meetup: &MeetupId, user: &UserId, asked_at: NaiveDateTime) -> String {
    format!("reconfirm:{meetup}:{user}:{}", stamp(asked_at))
}

/// Meetups whose "Still coming?" is due at `at` and not asked yet.
#[tracing::instrument(skip_all)]
pub fn due_reconfirmations(
    conn: &mut DbConn,
    at: NaiveDateTime,
) -> Result<Vec<MeetupId>, AppError> {
    Ok(meetups::awaiting_reconfirmation(conn, at, at + LONGEST)?
        .into_iter()
        .filter(|(_, starts_at, before)| {
            due_at(*starts_at, before.as_deref()).is_some_and(|d| d <= at)
        })
        .map(|(id, _, _)| id)
        .collect())
}

/// Whether the meetup, read under its lock, asks now: on schedule, not started, due, and
/// not asked yet (another worker may have).
fn asks_now(meetup: &Meetup, at: NaiveDateTime) -> bool {
    meetup.status == MeetupStatus::Scheduled
        && at < meetup.starts_at
        && meetup.reconfirm_asked_at.is_none()
        && due_at(meetup.starts_at, meetup.reconfirm_before.as_deref()).is_some_and(|d| d <= at)
}

/// Asks every member going who accepts reminders "Still coming?", once per meetup (and again
/// after it moved); how many mails were queued.
#[tracing::instrument(skip_all, fields(kind = %MailKind::Reconfirmation, meetup = %meetup_id))]
pub fn ask(
    conn: &mut DbConn,
    settings: &Settings,
    meetup_id: &MeetupId,
    at: NaiveDateTime,
) -> Result<usize, AppError> {
    let meetup = meetups::lock_meetup(conn, meetup_id)?;
    if !asks_now(&meetup, at) {
        return Ok(0);
    }
    meetups::set_reconfirm_asked(conn, meetup_id, at)?;
    let Some(row) = meetup_place(conn, meetup_id)? else {
        return Ok(0);
    };
    let release = due_at(meetup.starts_at, meetup.auto_release_before.as_deref());
    let mut queued = 0;
    for (user, guests) in rsvps::reconfirm_recipients(conn, meetup_id)? {
        let lang = user.lang();
        let link = |action| AnswerLink::url(&meetup, &user.id, action, settings);
        let fewer = (guests > 0).then(|| {
            (
                t(lang, "mail-reconfirm-fewer_guests").to_string(),
                link(LinkAction::FewerGuests),
            )
        });
        let note = release.map(|d| {
            let deadline = long_datetime(lang, to_local(d, row.group.tz()));
            tf(
                lang,
                "mail-reconfirm-release_note",
                &[("deadline", &deadline)],
            )
        });
        let new = Letter::new(
            MailKind::Reconfirmation,
            reconfirm_key(meetup_id, &user.id, at),
            &user,
            &row,
            "mail-reconfirm",
        )
        .topic(MailTopic::Reminders)
        .going(true)
        .action((
            t(lang, "mail-reconfirm-yes").to_string(),
            link(LinkAction::Confirm),
        ))
        .links(fewer.into_iter().collect())
        .note(note)
        .send(conn, settings)?;
        queued += usize::from(new);
    }
    Ok(queued)
}

/// Meetups whose release of unconfirmed seats is due at `at` and not done yet.
#[tracing::instrument(skip_all)]
pub fn due_releases(conn: &mut DbConn, at: NaiveDateTime) -> Result<Vec<MeetupId>, AppError> {
    Ok(meetups::awaiting_release(conn, at, at + LONGEST)?
        .into_iter()
        .filter(|(_, starts_at, before)| {
            due_at(*starts_at, before.as_deref()).is_some_and(|d| d <= at)
        })
        .map(|(id, _, _)| id)
        .collect())
}

/// Gives the seats of members going who were asked "Still coming?" (the mail delivered by
/// `at`) and have not confirmed nor answered since to the waitlist, first in line first; tells
/// each of them how to get back in line, and those promoted. Once per meetup (and again after
/// it moved); the members released.
#[tracing::instrument(skip_all, fields(kind = %MailKind::SeatReleased, meetup = %meetup_id))]
pub fn release_unconfirmed(
    conn: &mut DbConn,
    settings: &Settings,
    meetup_id: &MeetupId,
    at: NaiveDateTime,
) -> Result<usize, AppError> {
    let meetup = meetups::lock_meetup(conn, meetup_id)?;
    let due = due_at(meetup.starts_at, meetup.auto_release_before.as_deref());
    let Some(asked_at) = meetup.reconfirm_asked_at else {
        return Ok(0);
    };
    if meetup.status != MeetupStatus::Scheduled
        || at >= meetup.starts_at
        || meetup.auto_released_at.is_some()
        || due.is_none_or(|d| d > at)
    {
        return Ok(0);
    }
    meetups::set_auto_released(conn, meetup_id, at)?;
    let unconfirmed = rsvps::unconfirmed_going(conn, meetup_id)?;
    let keys: Vec<String> = unconfirmed
        .iter()
        .map(|p| reconfirm_key(meetup_id, &p.user_id, asked_at))
        .collect();
    // Only those the question reached: not those who turned reminders off, nor those whose
    // mail bounced or is still on its way.
    let delivered = outbox::delivered_keys(conn, &keys, at)?;
    let released: Vec<UserId> = unconfirmed
        .into_iter()
        .zip(keys)
        .filter(|(_, key)| delivered.contains(key))
        .map(|(p, _)| p.user_id)
        .collect();
    if released.is_empty() {
        return Ok(0);
    }
    let mut snap = rsvps::snapshot(conn, &meetup)?;
    let mut promoted: Vec<Party> = Vec::new();
    for user in &released {
        promoted.extend(decide(&mut snap, user, Answer::No)?.promoted);
    }
    for p in snap.parties.iter().filter(|p| {
        released.contains(&p.user_id) || promoted.iter().any(|q| q.user_id == p.user_id)
    }) {
        rsvps::save_party(conn, meetup_id, p)?;
    }
    seat_moves::record(conn, meetup_id, released.len(), promoted.len(), at)?;
    let ids: Vec<UserId> = promoted.iter().map(|p| p.user_id.clone()).collect();
    rsvps::confirm(conn, meetup_id, &ids, at)?;
    let Some(row) = meetup_place(conn, meetup_id)? else {
        return Ok(released.len());
    };
    for user in users::users_by_ids(conn, &released)? {
        let lang = user.lang();
        let rejoin = (at < rsvps_close_at(meetup.starts_at, meetup.rsvp_deadline)).then(|| {
            (
                t(lang, "mail-released-rejoin").to_string(),
                AnswerLink::url(&meetup, &user.id, LinkAction::Going, settings),
            )
        });
        let key = format!("released:{meetup_id}:{}:{}", user.id, stamp(asked_at));
        Letter::new(MailKind::SeatReleased, key, &user, &row, "mail-released")
            .links(rejoin.into_iter().collect())
            .send(conn, settings)?;
    }
    super::rsvps::promoted(conn, settings, &row, &promoted, at)?;
    Ok(released.len())
}
