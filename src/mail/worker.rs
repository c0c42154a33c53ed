//! Delivers the outbox: expands mail to many into it (see [`super::fanout`]), claims due
//! messages, transactional ones first, sends them, retries failures with exponential backoff,
//! and prunes what was sent long ago. Safe to run in several instances at once.

use std::time::Duration;

use chrono::NaiveDateTime;

use super::fanout;
use super::follow_up::schedule_follow_ups;
use super::group_mail::schedule_digests;
use super::message::{build, CalendarPart, OutgoingMail};
use super::polls::schedule_poll_reminders;
use super::reconfirm::{ask, due_reconfirmations, due_releases, release_unconfirmed};
use super::reminders::{reminder_still_wanted, schedule_reminders};
use super::Mailer;
use crate::config::Settings;
use crate::db::models::OutboxMessage;
use crate::db::repo::{guest_answers, messages, outbox, personal_data, questions, users};
use crate::db::{Db, DbConn};
use crate::domain::account::ERASED_NAME;
use crate::domain::guest::KEPT_DAYS;
use crate::domain::mail::MailKind;
use crate::error::AppError;

const LEASE: chrono::Duration = chrono::Duration::minutes(5);
const RETENTION: chrono::Duration = chrono::Duration::days(30);
const POLL: Duration = Duration::from_secs(2);
const BUSY_PAUSE: Duration = Duration::from_millis(100);
const EVENT_RETENTION: chrono::Duration = chrono::Duration::days(3);

/// Wait before the next attempt after `attempts` failures: 5 s, 10 s, 20 s… capped at `max`.
pub fn backoff(attempts: i32, max: Duration) -> Duration {
    let exp = attempts.clamp(1, 20) as u32 - 1;
    Duration::from_secs(5u64.saturating_mul(1 << exp)).min(max)
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Delivery {
    pub reminders_queued: usize,
    /// "Still coming?" mails queued (see [`super::reconfirm`]).
    pub reconfirmations_queued: usize,
    /// Members whose unconfirmed seat went to the waitlist.
    pub seats_released: usize,
    pub digests_queued: usize,
    pub follow_ups_queued: usize,
    /// Mails queued by expanding announcements and organisers' messages.
    pub fanned_out: usize,
    /// Guests whose data was erased (see [`purge_guests`]).
    pub guests_purged: usize,
    /// Answers to RSVP questions deleted, `RSVP_ANSWERS_RETENTION` after their meetup.
    pub answers_purged: usize,
    pub sent: usize,
    pub failed: usize,
    pub skipped: usize,
    /// The pass did all it may (a full claim, or every fan-out batch it may run): more is
    /// likely waiting, and the next pass may follow at once.
    pub busy: bool,
}

/// How much one pass does: the defaults serve, tests make them small to see a pass stop
/// half-way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PassLimits {
    /// Outbox messages claimed and delivered.
    pub claim: i64,
    /// Recipients expanded per transaction of a fan-out job.
    pub fanout_batch: i64,
    /// Fan-out batches per pass, so that expanding a large group holds delivery up little.
    pub fanout_batches: usize,
}

impl Default for PassLimits {
    fn default() -> Self {
        PassLimits {
            claim: 50,
            fanout_batch: fanout::BATCH,
            fanout_batches: 10,
        }
    }
}

fn outgoing(settings: &Settings, m: &OutboxMessage) -> OutgoingMail {
    OutgoingMail {
        to_email: m.to_email.clone(),
        to_name: m.to_name.clone(),
        from: settings.mail_from.clone(),
        subject: m.subject.clone(),
        text: m.body_text.clone(),
        html: m.body_html.clone(),
        calendar: m.ics.clone().map(|ics| CalendarPart {
            method: match m.ics_method.as_deref() {
                Some("CANCEL") => "CANCEL",
                Some("PUBLISH") => "PUBLISH",
                _ => "REQUEST",
            },
            ics,
        }),
        unsubscribe_url: m.unsubscribe_url.clone(),
        reply_to: m.reply_to.clone(),
        message_id_domain: settings.host().to_string(),
    }
}

/// One pass: queue due reminders, digests and follow-ups, expand waiting announcements and
/// messages, then deliver what is due at `at`, transactional mail first. Tests drive it with
/// their own clock.
pub async fn run_once(
    db: &Db,
    mailer: &Mailer,
    settings: &Settings,
    at: NaiveDateTime,
) -> Result<Delivery, AppError> {
    run_pass(db, mailer, settings, at, PassLimits::default()).await
}

/// [`run_once`] within `limits`.
pub async fn run_pass(
    db: &Db,
    mailer: &Mailer,
    settings: &Settings,
    at: NaiveDateTime,
    limits: PassLimits,
) -> Result<Delivery, AppError> {
    pass(db, mailer, settings, at, limits, true).await
}

/// [`run_pass`], looking for what the clock made due only with `queue`.
async fn pass(
    db: &Db,
    mailer: &Mailer,
    settings: &Settings,
    at: NaiveDateTime,
    limits: PassLimits,
    queue: bool,
) -> Result<Delivery, AppError> {
    let mut report = if queue {
        queue_due(db, settings, at).await?
    } else {
        Delivery::default()
    };
    deliver(db, mailer, settings, at, limits, &mut report).await?;
    Ok(report)
}

/// The part of a pass that the clock makes due: reminders, "Still coming?", seats released,
/// digests and follow-ups queued, data kept no longer purged.
async fn queue_due(db: &Db, settings: &Settings, at: NaiveDateTime) -> Result<Delivery, AppError> {
    let mut report = Delivery::default();
    // Before the reminders: a reminder due with "Still coming?" is not sent besides it.
    for id in db.run(move |conn| due_reconfirmations(conn, at)).await? {
        let s = settings.clone();
        report.reconfirmations_queued += db.transaction(move |conn| ask(conn, &s, &id, at)).await?;
    }
    for id in db.run(move |conn| due_releases(conn, at)).await? {
        let s = settings.clone();
        report.seats_released += db
            .transaction(move |conn| release_unconfirmed(conn, &s, &id, at))
            .await?;
    }
    let s = settings.clone();
    report.reminders_queued = db
        .transaction(move |conn| schedule_reminders(conn, &s, at))
        .await?;
    let s = settings.clone();
    report.reminders_queued += db
        .transaction(move |conn| schedule_poll_reminders(conn, &s, at))
        .await?;
    let s = settings.clone();
    report.digests_queued = db
        .transaction(move |conn| schedule_digests(conn, &s, at))
        .await?;
    let s = settings.clone();
    report.follow_ups_queued = db
        .transaction(move |conn| schedule_follow_ups(conn, &s, at))
        .await?;
    report.guests_purged = db.transaction(move |conn| purge_guests(conn, at)).await?;
    // Invitations nobody followed are personal data of people who asked for nothing.
    let unfollowed = at - chrono::Duration::days(crate::domain::invitation::KEPT_DAYS);
    db.transaction(move |conn| crate::db::repo::invitations::purge(conn, unfollowed))
        .await?;
    let kept = chrono::Duration::from_std(settings.rsvp_answers_retention)
        .unwrap_or(chrono::Duration::days(30));
    report.answers_purged = db
        .run_write(move |conn| questions::purge_answers(conn, at - kept))
        .await?;
    Ok(report)
}

/// The part of a pass that moves mail: expands waiting announcements and messages, then
/// delivers what is due, transactional mail first.
async fn deliver(
    db: &Db,
    mailer: &Mailer,
    settings: &Settings,
    at: NaiveDateTime,
    limits: PassLimits,
    report: &mut Delivery,
) -> Result<(), AppError> {
    let (fanned_out, more) =
        fanout::expand(db, settings, at, limits.fanout_batch, limits.fanout_batches).await?;
    report.fanned_out = fanned_out;
    let claim = limits.claim;
    let claimed = db
        .run_write(move |conn| outbox::claim_due(conn, at, at + LEASE, claim))
        .await?;
    report.busy = more || i64::try_from(claimed.len()).unwrap_or(i64::MAX) >= claim;
    let mut sent = Vec::new();
    let result = send_claimed(db, mailer, settings, at, claimed, report, &mut sent).await;
    // Whatever stopped the pass, what went out is marked: it would go out again once its
    // lease ended.
    let marked = mark_sent(db, std::mem::take(&mut sent), at).await;
    result.and(marked)
}

/// Sent mail is marked in one statement for up to this many: one write (and, on PostgreSQL,
/// one commit waiting for the disk) per mail was as many transactions as the answers that
/// queued them. A crash between a send and its mark sends it again after its lease, as
/// before, now for at most this many.
const MARKED_TOGETHER: usize = 10;

async fn mark_sent(db: &Db, ids: Vec<String>, at: NaiveDateTime) -> Result<(), AppError> {
    if ids.is_empty() {
        return Ok(());
    }
    db.run_write(move |conn| outbox::mark_sent(conn, &ids, at))
        .await
}

async fn send_claimed(
    db: &Db,
    mailer: &Mailer,
    settings: &Settings,
    at: NaiveDateTime,
    claimed: Vec<OutboxMessage>,
    report: &mut Delivery,
    sent: &mut Vec<String>,
) -> Result<(), AppError> {
    for message in claimed {
        let id = message.id.clone();
        if matches!(message.kind, MailKind::Reminder | MailKind::Reconfirmation) {
            let (meetup, user) = (
                message.meetup_id.clone().unwrap_or_default(),
                message.user_id.clone().unwrap_or_default(),
            );
            let wanted = db
                .run(move |conn| reminder_still_wanted(conn, &meetup, &user, at))
                .await?;
            if !wanted {
                db.run_write(move |conn| outbox::mark_skipped(conn, &id, "no longer relevant"))
                    .await?;
                report.skipped += 1;
                continue;
            }
        }
        let result = match build(&outgoing(settings, &message)) {
            Ok(email) => mailer.send(&message.id, &email).await,
            Err(e) => Err(e.0),
        };
        match result {
            Ok(()) => {
                sent.push(id);
                report.sent += 1;
                if sent.len() >= MARKED_TOGETHER {
                    mark_sent(db, std::mem::take(sent), at).await?;
                }
            }
            Err(error) => {
                let wait = backoff(message.attempts + 1, settings.mail_retry_max);
                let retry_at = at + chrono::Duration::from_std(wait).unwrap_or(LEASE);
                tracing::warn!(id = %message.id, kind = %message.kind, %error, retry_in = ?wait, "mail delivery failed");
                db.run_write(move |conn| outbox::mark_failed(conn, &id, retry_at, &error))
                    .await?;
                report.failed += 1;
            }
        }
    }
    Ok(())
}

/// Erases guests (people who answered without an account) [`KEPT_DAYS`] after their last
/// meetup, unless they made an account or asked for a group's mail since; one transaction, each
/// guest under the lock an answer by link takes.
fn purge_guests(conn: &mut DbConn, at: NaiveDateTime) -> Result<usize, AppError> {
    let ids = guest_answers::purgeable_guests(conn, at - chrono::Duration::days(KEPT_DAYS), at)?;
    for id in &ids {
        if let Some(user) = users::lock_user(conn, id, true)? {
            personal_data::erase(conn, &user, ERASED_NAME)?;
        }
    }
    Ok(ids.len())
}

/// The background loop started by `serve` (or `rendezvous worker`).
pub async fn run(db: Db, mailer: Mailer, settings: Settings) {
    let mut ticks: u64 = 0;
    let mut queued_at: Option<std::time::Instant> = None;
    loop {
        let at = crate::db::now();
        // While mail waits, passes follow each other closely; what the clock makes due is
        // looked for once a poll interval, not in each of them (a dozen transactions a pass).
        let queue = queued_at.is_none_or(|t| t.elapsed() >= POLL);
        if queue {
            queued_at = Some(std::time::Instant::now());
        }
        let busy = match pass(&db, &mailer, &settings, at, PassLimits::default(), queue).await {
            Ok(report) => report.busy,
            Err(e) => {
                tracing::error!(error = %e, "mail worker pass failed");
                false
            }
        };
        ticks += 1;
        if ticks % 1800 == 0 {
            let _ = db
                .run_write(move |conn| outbox::prune(conn, at - RETENTION))
                .await;
            // A digest covers one day: older events will not be listed again.
            let _ = db
                .run_write(move |conn| messages::prune_events(conn, at - EVENT_RETENTION))
                .await;
        }
        // A large announcement goes out at hundreds a second, not one claim per poll, yet
        // leaves room between passes: on SQLite the worker shares the one writer with requests
        // (without the pause, answers fell by 15 % while mail was waiting).
        tokio::time::sleep(if busy { BUSY_PAUSE } else { POLL }).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_then_caps() {
        let max = Duration::from_secs(900);
        assert_eq!(backoff(1, max), Duration::from_secs(5));
        assert_eq!(backoff(2, max), Duration::from_secs(10));
        assert_eq!(backoff(5, max), Duration::from_secs(80));
        assert_eq!(backoff(12, max), max);
        assert_eq!(backoff(1000, max), max);
    }
}
