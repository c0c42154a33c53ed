//! The durable outbox: mail written with the change that causes it, claimed and sent by workers.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{leases, new_id};
use crate::db::models::{OutboxMessage, OutboxStatus};
use crate::db::prepared::Prepared;
use crate::db::schema::outbox;
use crate::db::{now, DbConn};
use crate::domain::account::is_erased_email;
use crate::domain::ids::{MeetupId, UserId};
use crate::domain::mail::MailKind;
use crate::error::AppError;

pub struct NewMail {
    pub idempotency_key: String,
    pub kind: MailKind,
    pub user_id: Option<UserId>,
    pub meetup_id: Option<MeetupId>,
    pub to_email: String,
    pub to_name: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub ics: Option<String>,
    pub ics_method: Option<&'static str>,
    pub unsubscribe_url: Option<String>,
    /// Where replies go, when not to the instance's sender address.
    pub reply_to: Option<String>,
    /// Due from then; now when None. Mail written by the worker for an earlier change (see
    /// `mail::fanout`) is due from that change, so that it goes in the same pass and in order.
    pub due_at: Option<NaiveDateTime>,
}

/// Transactional mail: claimed before any bulk mail that is due.
pub const TRANSACTIONAL: i32 = 0;
/// Mail to many at once, which may wait behind transactional mail.
pub const BULK: i32 = 1;

/// Delivery order of a kind of mail: an answer's confirmation, a promotion, a reminder, an
/// account's link or a notice about a meetup one attends goes out before announcements,
/// organisers' messages, digests and follow-ups, so that a 10,000-member announcement never
/// delays them.
pub fn priority(kind: MailKind) -> i32 {
    match kind {
        MailKind::MeetupAnnounced
        | MailKind::SeriesAnnounced
        | MailKind::OrganiserMessage
        | MailKind::OrganiserDigest
        | MailKind::FollowUp
        | MailKind::PollAnnounced
        | MailKind::PollReminder
        | MailKind::PollDecided
        | MailKind::Invitation => BULK,
        MailKind::RsvpGoing
        | MailKind::RsvpWaitlisted
        | MailKind::Promoted
        | MailKind::Reminder
        | MailKind::Reconfirmation
        | MailKind::SeatReleased
        | MailKind::GuestAnswerConfirm
        | MailKind::GroupWelcome
        | MailKind::MeetupChanged
        | MailKind::MeetupCancelled
        | MailKind::MeetupReinstated
        | MailKind::TalkAccepted
        | MailKind::TalkRejected
        | MailKind::TalkMoved
        | MailKind::VenueAccepted
        | MailKind::PasswordReset
        | MailKind::EmailChangeConfirm
        | MailKind::EmailChangeNotice
        | MailKind::TalkProposed
        | MailKind::SuggestionMade
        | MailKind::RsvpChanged
        | MailKind::IncidentReported
        | MailKind::PollPriority
        | MailKind::CohostInvited => TRANSACTIONAL,
    }
}

/// Of these idempotency keys, those of mails delivered by `at`.
#[tracing::instrument(level = "debug", skip_all)]
pub fn delivered_keys(
    conn: &mut DbConn,
    keys: &[String],
    at: NaiveDateTime,
) -> Result<Vec<String>, AppError> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    Ok(outbox::table
        .filter(outbox::idempotency_key.eq_any(keys))
        .filter(outbox::status.eq(OutboxStatus::Sent))
        .filter(outbox::sent_at.le(at))
        .select(outbox::idempotency_key)
        .load(conn)?)
}

/// The members told of their seat at `meetup` (a going confirmation or a promotion) by a mail
/// queued at or after `since`.
#[tracing::instrument(level = "debug", skip_all)]
pub fn seat_told_since(
    conn: &mut DbConn,
    meetup: &MeetupId,
    since: NaiveDateTime,
) -> Result<Vec<UserId>, AppError> {
    let users: Vec<Option<UserId>> = outbox::table
        .filter(outbox::meetup_id.eq(meetup))
        .filter(outbox::kind.eq_any([MailKind::RsvpGoing, MailKind::Promoted]))
        .filter(outbox::created_at.ge(since))
        .select(outbox::user_id)
        .load(conn)?;
    Ok(users.into_iter().flatten().collect())
}

/// Whether a mail with this idempotency key was already queued.
#[tracing::instrument(level = "debug", skip_all)]
pub fn has_key(conn: &mut DbConn, key: &str) -> Result<bool, AppError> {
    Ok(diesel::select(diesel::dsl::exists(
        outbox::table.filter(outbox::idempotency_key.eq(key)),
    ))
    .get_result(conn)?)
}

/// Queues a message unless one with the same idempotency key exists; returns whether it was new.
/// Nothing is ever queued to an erased account (see `domain::account::erased_email`).
#[tracing::instrument(level = "debug", skip_all, fields(kind = %mail.kind))]
pub fn enqueue(conn: &mut DbConn, mail: NewMail) -> Result<bool, AppError> {
    if is_erased_email(&mail.to_email) {
        return Ok(false);
    }
    let at = now();
    let row = OutboxMessage {
        id: new_id(),
        idempotency_key: mail.idempotency_key,
        kind: mail.kind,
        user_id: mail.user_id,
        meetup_id: mail.meetup_id,
        to_email: mail.to_email,
        to_name: mail.to_name,
        subject: mail.subject,
        body_text: mail.body_text,
        body_html: mail.body_html,
        ics: mail.ics,
        ics_method: mail.ics_method.map(str::to_string),
        unsubscribe_url: mail.unsubscribe_url,
        status: OutboxStatus::Pending,
        attempts: 0,
        next_attempt_at: mail.due_at.unwrap_or(at),
        claimed_until: None,
        last_error: None,
        created_at: at,
        sent_at: None,
        priority: priority(mail.kind),
        reply_to: mail.reply_to,
    };
    // ON CONFLICT DO NOTHING: a duplicate must not abort the caller's transaction (PostgreSQL would).
    let inserted: Vec<String> = on_inner!(conn, |c| Prepared(
        diesel::insert_into(outbox::table)
            .values(&row)
            .on_conflict(outbox::idempotency_key)
            .do_nothing()
            .returning(outbox::id),
    )
    .load(c))?;
    Ok(inserted.len() == 1)
}

/// Claims up to `limit` due messages until `lease_until`, transactional mail first (see
/// [`priority`]; `outbox_due` on (status, priority, next_attempt_at) serves the order), then
/// the longest waiting. On PostgreSQL `SKIP LOCKED` lets several workers claim side by side
/// without taking the same row; SQLite has a single writer anyway.
#[tracing::instrument(level = "debug", skip_all)]
pub fn claim_due(
    conn: &mut DbConn,
    at: NaiveDateTime,
    lease_until: NaiveDateTime,
    limit: i64,
) -> Result<Vec<OutboxMessage>, AppError> {
    let ids = leases::claim_due_ids(
        conn,
        "outbox",
        "priority, next_attempt_at",
        at,
        lease_until,
        limit,
    )?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(outbox::table
        .filter(outbox::id.eq_any(&ids))
        .order((outbox::priority.asc(), outbox::next_attempt_at.asc()))
        .select(OutboxMessage::as_select())
        .load(conn)?)
}

/// Marks delivered messages sent (the worker marks them several at a time).
#[tracing::instrument(level = "debug", skip_all)]
pub fn mark_sent(conn: &mut DbConn, ids: &[String], at: NaiveDateTime) -> Result<(), AppError> {
    diesel::update(outbox::table.filter(outbox::id.eq_any(ids)))
        .set((
            outbox::status.eq(OutboxStatus::Sent),
            outbox::sent_at.eq(at),
            outbox::claimed_until.eq(None::<NaiveDateTime>),
            outbox::attempts.eq(outbox::attempts + 1),
        ))
        .execute(conn)?;
    Ok(())
}

/// Keeps the message for a later attempt and remembers why this one failed.
#[tracing::instrument(level = "debug", skip_all)]
pub fn mark_failed(
    conn: &mut DbConn,
    id: &str,
    retry_at: NaiveDateTime,
    error: &str,
) -> Result<(), AppError> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::next_attempt_at.eq(retry_at),
            outbox::claimed_until.eq(None::<NaiveDateTime>),
            outbox::last_error.eq(error),
        ))
        .execute(conn)?;
    Ok(())
}

/// A message that must no longer go out (meetup cancelled, member said no since…).
#[tracing::instrument(level = "debug", skip_all)]
pub fn mark_skipped(conn: &mut DbConn, id: &str, reason: &str) -> Result<(), AppError> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::status.eq(OutboxStatus::Skipped),
            outbox::claimed_until.eq(None::<NaiveDateTime>),
            outbox::last_error.eq(reason),
        ))
        .execute(conn)?;
    Ok(())
}

/// Deletes sent and skipped messages older than `before`; pending ones are never pruned.
#[tracing::instrument(level = "debug", skip_all)]
pub fn prune(conn: &mut DbConn, before: NaiveDateTime) -> Result<usize, AppError> {
    Ok(diesel::delete(
        outbox::table
            .filter(outbox::status.ne(OutboxStatus::Pending))
            .filter(outbox::created_at.lt(before)),
    )
    .execute(conn)?)
}

/// The mails an account was sent or is due, newest first: (kind, address, subject, status,
/// queued at, sent at), for its export.
#[allow(clippy::type_complexity)]
#[tracing::instrument(level = "debug", skip_all)]
pub fn mails_to(
    conn: &mut DbConn,
    user_id: &UserId,
    email: &str,
) -> Result<
    Vec<(
        MailKind,
        String,
        String,
        OutboxStatus,
        NaiveDateTime,
        Option<NaiveDateTime>,
    )>,
    AppError,
> {
    Ok(outbox::table
        .filter(outbox::user_id.eq(user_id).or(outbox::to_email.eq(email)))
        .order(outbox::created_at.desc())
        .select((
            outbox::kind,
            outbox::to_email,
            outbox::subject,
            outbox::status,
            outbox::created_at,
            outbox::sent_at,
        ))
        .load(conn)?)
}

/// Erasure: every mail to the account goes, sent or not, whatever address it went to.
#[tracing::instrument(level = "debug", skip_all)]
pub fn delete_to(conn: &mut DbConn, user_id: &UserId, email: &str) -> Result<usize, AppError> {
    Ok(diesel::delete(
        outbox::table.filter(outbox::user_id.eq(user_id).or(outbox::to_email.eq(email))),
    )
    .execute(conn)?)
}

#[derive(Queryable)]
struct MentionRow {
    id: String,
    subject: String,
    body_text: String,
    body_html: String,
}

/// Erasure: mails to others that name the person (a notice or digest to organisers, "Léa
/// proposed a talk") keep their idempotency key, so nothing is sent twice, but each `needles`
/// text (the name, the address; the HTML part also HTML-escaped) becomes `replacement`.
#[tracing::instrument(level = "debug", skip_all)]
pub fn blank_mentions(
    conn: &mut DbConn,
    needles: &[&str],
    replacement: &str,
) -> Result<usize, AppError> {
    let needles: Vec<(String, String)> = needles
        .iter()
        .filter(|n| !n.is_empty())
        .map(|n| (n.to_string(), escape_html(n)))
        .collect();
    let mut blanked = 0;
    for (needle, escaped) in &needles {
        let pattern = |n: &str| format!("%{}%", escape_like(n));
        let rows: Vec<MentionRow> = outbox::table
            .filter(
                outbox::subject
                    .like(pattern(needle))
                    .escape('\\')
                    .or(outbox::body_text.like(pattern(needle)).escape('\\'))
                    .or(outbox::body_html.like(pattern(escaped)).escape('\\')),
            )
            .select((
                outbox::id,
                outbox::subject,
                outbox::body_text,
                outbox::body_html,
            ))
            .load(conn)?;
        for row in rows {
            // LIKE may match more loosely (case, on SQLite) than the exact text replaced here.
            let subject = replace_whole(&row.subject, needle, replacement);
            let text = replace_whole(&row.body_text, needle, replacement);
            let html = replace_whole(&row.body_html, escaped, replacement);
            if (&subject, &text, &html) == (&row.subject, &row.body_text, &row.body_html) {
                continue;
            }
            diesel::update(outbox::table.find(&row.id))
                .set((
                    outbox::subject.eq(subject),
                    outbox::body_text.eq(text),
                    outbox::body_html.eq(html),
                ))
                .execute(conn)?;
            blanked += 1;
        }
    }
    Ok(blanked)
}

/// `needle` replaced where it stands as a whole (not inside a longer word: "Ann" stays in
/// "Annual").
fn replace_whole(haystack: &str, needle: &str, replacement: &str) -> String {
    let mut out = String::with_capacity(haystack.len());
    let mut rest = haystack;
    while let Some(at) = rest.find(needle) {
        let (before, after) = (&rest[..at], &rest[at + needle.len()..]);
        let joined = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
        let glued_before = joined(before.chars().next_back()) && joined(needle.chars().next());
        let glued_after = joined(after.chars().next()) && joined(needle.chars().next_back());
        let whole = !glued_before && !glued_after;
        out.push_str(before);
        out.push_str(if whole { replacement } else { needle });
        rest = after;
    }
    out.push_str(rest);
    out
}

fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::replace_whole;

    #[test]
    fn only_whole_mentions_are_replaced() {
        assert_eq!(
            replace_whole("Ann, Annual report by Ann.", "Ann", "—"),
            "—, Annual report by —."
        );
        assert_eq!(
            replace_whole("Mail ann@example.org!", "ann@example.org", "—"),
            "Mail —!"
        );
        assert_eq!(replace_whole("nothing", "Léa", "—"), "nothing");
    }
}
