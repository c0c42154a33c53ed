//! Mail to many, off the request path. A new meetup's announcement and an organiser's message
//! are queued as one job (`mail_fanouts`, by `meetups::meetup_announced` and
//! `group_mail::organiser_message`) in the transaction of the change that causes them;
//! the worker expands each job into one outbox row per recipient, `BATCH` recipients per
//! transaction in user id order after the job's cursor, each under the same idempotency key
//! as when they were written with the request (`announce:{meetup}:{user}`,
//! `message:{message}:{user}`). A worker stopped half-way resumes after the last batch it
//! committed; a batch written again (its cursor lost) queues nothing twice, as the outbox
//! ignores a key it holds. Who gets the mail is decided at expansion: the members who want
//! announcements (or take the group's messages, among the message's recipients) then, each in
//! their language then; an account erased meanwhile has no membership left. Each mail is due
//! from the job's creation, as if written with the request: it goes in the same pass, and
//! jobs' mails go out in the order of the jobs.

use std::collections::HashMap;

use chrono::NaiveDateTime;

use super::group_mail::{message_to, Sent};
use super::meetups::{announce_series_to, announce_to};
use super::polls::{decided_to, poll_to, priority_voters};
use super::sponsors::Thanks;
use crate::config::Settings;
use crate::db::models::{Group, MailFanout, Poll, User};
use crate::db::repo::meetups::MeetupRow;
use crate::db::repo::{cohosts, fanouts, groups, meetups, polls, series, users};
use crate::db::{now, Db, DbConn};
use crate::domain::account::is_erased_email;
use crate::domain::ids::UserId;
use crate::domain::mail::MailKind;
use crate::error::AppError;

/// Recipients expanded per transaction.
pub const BATCH: i64 = 500;

/// What one batch did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Batch {
    /// Mails newly queued in the outbox.
    pub queued: usize,
    /// The job is finished.
    pub done: bool,
}

/// Expands the next batch (at most `size` recipients) of the oldest unfinished job, in the
/// caller's transaction, and moves the job's cursor past it; None when no job is waiting.
/// `at` is the worker's clock: a meetup that started by then is not announced any more.
#[tracing::instrument(skip_all)]
pub fn expand_batch(
    conn: &mut DbConn,
    settings: &Settings,
    at: NaiveDateTime,
    size: i64,
) -> Result<Option<Batch>, AppError> {
    let Some(job) = fanouts::next_pending(conn)? else {
        return Ok(None);
    };
    let after = job.cursor_user_id.as_ref();
    let expanded = match job.kind {
        MailKind::MeetupAnnounced => announcements(conn, settings, &job, after, at, size)?,
        MailKind::SeriesAnnounced => series_announcements(conn, settings, &job, after, at, size)?,
        MailKind::OrganiserMessage => messages(conn, settings, &job, after, size)?,
        MailKind::PollAnnounced => poll_announcements(conn, settings, &job, after, size)?,
        MailKind::PollDecided => poll_decisions(conn, settings, &job, after, at, size)?,
        // A job of another kind is never written; finish it rather than retry it forever.
        _ => None,
    };
    let (queued, cursor, done) = match expanded {
        Some((queued, last)) => {
            let done = last.is_none();
            (queued, last.or(job.cursor_user_id.clone()), done)
        }
        None => (0, job.cursor_user_id.clone(), true),
    };
    fanouts::advance(conn, &job.id, cursor.as_ref(), done.then(now))?;
    tracing::debug!(job = %job.id, kind = %job.kind, queued, done, "fan-out batch");
    Ok(Some(Batch { queued, done }))
}

/// Mails queued and the last recipient of a full batch (None when the batch was the last);
/// None when there is nothing to send any more.
type Expanded = Option<(usize, Option<UserId>)>;

/// Queues each mail of `recipients`; the last one when the batch was full (more may follow).
fn each(
    recipients: Vec<User>,
    size: i64,
    mut send: impl FnMut(&User) -> Result<bool, AppError>,
) -> Result<Expanded, AppError> {
    let mut queued = 0;
    for user in &recipients {
        if send(user)? {
            queued += 1;
        }
    }
    let full = i64::try_from(recipients.len()).unwrap_or(i64::MAX) >= size;
    let last = recipients.last().filter(|_| full).map(|u| u.id.clone());
    Ok(Some((queued, last)))
}

fn announcements(
    conn: &mut DbConn,
    settings: &Settings,
    job: &MailFanout,
    after: Option<&UserId>,
    at: NaiveDateTime,
    size: i64,
) -> Result<Expanded, AppError> {
    // Cancelled or started since it was created: nobody is told of it any more.
    let row = job_meetup(conn, job)?;
    let Some(row) = row.filter(|r| !r.meetup.is_cancelled() && r.meetup.starts_at > at) else {
        return Ok(None);
    };
    let thanks = Thanks::of(conn, &row.meetup.id)?;
    // A co-host group's job tells its members as members of that group.
    let via = (job.group_id != row.group.id)
        .then(|| groups::group_by_id(conn, &job.group_id))
        .transpose()?;
    let recipients = fanouts::announcement_batch(conn, &job.group_id, job.created_at, after, size)?;
    each(recipients, size, |user| {
        announce_to(
            conn,
            settings,
            (&row, via.as_ref()),
            &thanks,
            user,
            job.created_at,
        )
    })
}

/// The meetup an announcement job is about (a series' first occurrence for a series), if it
/// still exists.
fn job_meetup(conn: &mut DbConn, job: &MailFanout) -> Result<Option<MeetupRow>, AppError> {
    match &job.meetup_id {
        Some(id) => meetups::meetup_row(conn, id),
        None => Ok(None),
    }
}

/// A new series' dates made with it (those made by a top-up since are announced on their own),
/// less those cancelled or started since.
fn series_announcements(
    conn: &mut DbConn,
    settings: &Settings,
    job: &MailFanout,
    after: Option<&UserId>,
    at: NaiveDateTime,
    size: i64,
) -> Result<Expanded, AppError> {
    let Some(id) = job_meetup(conn, job)?.and_then(|r| r.meetup.series_id) else {
        return Ok(None);
    };
    let Some(series) = series::series_by_id(conn, &id)? else {
        return Ok(None);
    };
    let made = series::occurrences(conn, &id)?
        .into_iter()
        .filter(|m| m.created_at <= job.created_at && !m.is_cancelled() && m.starts_at > at)
        .collect();
    let rows = meetups::with_details(conn, made)?;
    if rows.is_empty() {
        return Ok(None);
    }
    let recipients = fanouts::announcement_batch(conn, &job.group_id, job.created_at, after, size)?;
    each(recipients, size, |user| {
        announce_series_to(conn, settings, &series, &rows, user, job.created_at)
    })
}

fn messages(
    conn: &mut DbConn,
    settings: &Settings,
    job: &MailFanout,
    after: Option<&UserId>,
    size: i64,
) -> Result<Expanded, AppError> {
    let Some(message) = job
        .message_id
        .as_ref()
        .map(|id| fanouts::message_by_id(conn, id))
        .transpose()?
        .flatten()
    else {
        return Ok(None);
    };
    let group = groups::group_by_id(conn, &job.group_id)?;
    let row = match &message.meetup_id {
        Some(id) => match meetups::meetup_row(conn, id)? {
            Some(row) => Some(row),
            None => return Ok(None),
        },
        None => None,
    };
    // The account stays when its owner leaves (only its name is erased): the group's name
    // stands in should the row ever be gone.
    let author = match &message.author_id {
        Some(id) => users::user_by_id(conn, id)?,
        None => None,
    };
    let author_name = author.as_ref().map_or(group.name.as_str(), |u| &u.name);
    // Replies go to the author while they have an address (not once their account is erased).
    let reply_to = author
        .as_ref()
        .filter(|u| message.replies && !is_erased_email(&u.email))
        .map(|u| u.email.as_str());
    let meetup_id = message.meetup_id.as_ref();
    let recipients = fanouts::message_batch(conn, &message.id, &group.id, meetup_id, after, size)?;
    // About a meetup, a member of a co-host group only is told why by their own group, and
    // stops its messages with the mail's link.
    let mut member_of: HashMap<UserId, Group> = HashMap::new();
    if let Some(meetup_id) = meetup_id {
        let ids: Vec<UserId> = recipients.iter().map(|u| u.id.clone()).collect();
        for (user, host) in cohosts::host_groups_of(conn, &group.id, meetup_id, &ids)? {
            let own = host.id == group.id;
            if own || !member_of.contains_key(&user) {
                member_of.insert(user, host);
            }
        }
    }
    let sent = Sent {
        author_name,
        reply_to,
        message: &message,
        due_at: job.created_at,
    };
    each(recipients, size, |user| {
        let theirs = member_of.get(&user.id).unwrap_or(&group);
        message_to(conn, settings, &group, theirs, row.as_ref(), &sent, user)
    })
}

/// The poll a job is about, if it still exists.
fn job_poll(conn: &mut DbConn, job: &MailFanout) -> Result<Option<Poll>, AppError> {
    match &job.poll_id {
        Some(id) => polls::poll_by_id(conn, id),
        None => Ok(None),
    }
}

/// A new poll, to the members who want announcements, while it is open.
fn poll_announcements(
    conn: &mut DbConn,
    settings: &Settings,
    job: &MailFanout,
    after: Option<&UserId>,
    size: i64,
) -> Result<Expanded, AppError> {
    let Some(poll) = job_poll(conn, job)?.filter(|p| !p.is_closed()) else {
        return Ok(None);
    };
    let recipients = fanouts::announcement_batch(conn, &job.group_id, job.created_at, after, size)?;
    each(recipients, size, |user| {
        poll_to(conn, settings, &poll, user, false, Some(job.created_at))
    })
}

/// The meetup a poll became, to the members who want announcements but for those who said
/// "yes" to its date (they had it first), due when the priority window ends.
fn poll_decisions(
    conn: &mut DbConn,
    settings: &Settings,
    job: &MailFanout,
    after: Option<&UserId>,
    at: NaiveDateTime,
    size: i64,
) -> Result<Expanded, AppError> {
    let Some(poll) = job_poll(conn, job)? else {
        return Ok(None);
    };
    let row = job_meetup(conn, job)?;
    let Some(row) = row.filter(|r| !r.meetup.is_cancelled() && r.meetup.starts_at > at) else {
        return Ok(None);
    };
    let priority = priority_voters(conn, &poll)?;
    let thanks = Thanks::of(conn, &row.meetup.id)?;
    let recipients = fanouts::announcement_batch(conn, &job.group_id, job.created_at, after, size)?;
    each(recipients, size, |user| {
        decided_to(conn, settings, &poll, &priority, &row, &thanks, user)
    })
}

/// Expands waiting jobs, one transaction per batch of `size` recipients, at most `batches`
/// batches; the mails queued and whether the budget ran out (more may be waiting).
pub async fn expand(
    db: &Db,
    settings: &Settings,
    at: NaiveDateTime,
    size: i64,
    batches: usize,
) -> Result<(usize, bool), AppError> {
    let mut queued = 0;
    for _ in 0..batches {
        let s = settings.clone();
        match db
            .transaction(move |conn| expand_batch(conn, &s, at, size))
            .await?
        {
            Some(batch) => queued += batch.queued,
            None => return Ok((queued, false)),
        }
    }
    Ok((queued, true))
}
