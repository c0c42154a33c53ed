//! Mail to many, queued as one job with the change that causes it (see `mail::fanout`): the
//! jobs, and the recipients of each batch, in user id order after the job's cursor.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::new_id;
use crate::db::models::{GroupMessage, MailFanout, User};
use crate::db::repo::messages::{host_memberships, meetup_message_takers};
use crate::db::schema::{mail_fanouts, meetup_cohosts, memberships, message_recipients, users};
use crate::db::{now, DbConn};
use crate::domain::cohost::CohostStatus;
use crate::domain::ids::{GroupId, MeetupId, MessageId, SeriesId, UserId};
use crate::domain::mail::MailKind;
use crate::error::AppError;

/// Queues the announcement of a new meetup to its group: `announce:{meetup}`, once.
pub fn queue_announcement(
    conn: &mut DbConn,
    group_id: &GroupId,
    meetup_id: &MeetupId,
) -> Result<bool, AppError> {
    insert(
        conn,
        &new_job(
            MailKind::MeetupAnnounced,
            format!("announce:{meetup_id}"),
            group_id,
            Some(meetup_id),
        ),
    )
}

/// Queues the announcement of a co-hosted meetup to the co-host group's members:
/// `announce:{meetup}:cohost:{group}`, once. Each member's mail keeps the key of the meetup's
/// own announcement (`announce:{meetup}:{user}`), so someone in both groups gets one.
pub fn queue_cohost_announcement(
    conn: &mut DbConn,
    group_id: &GroupId,
    meetup_id: &MeetupId,
) -> Result<bool, AppError> {
    insert(
        conn,
        &new_job(
            MailKind::MeetupAnnounced,
            format!("announce:{meetup_id}:cohost:{group_id}"),
            group_id,
            Some(meetup_id),
        ),
    )
}

/// Queues the announcement of a new series, whose first occurrence is `first`: the dates made
/// with the series go in one mail per member, `announce-series:{series}`, once.
pub fn queue_series_announcement(
    conn: &mut DbConn,
    group_id: &GroupId,
    series_id: &SeriesId,
    first: &MeetupId,
) -> Result<bool, AppError> {
    insert(
        conn,
        &new_job(
            MailKind::SeriesAnnounced,
            format!("announce-series:{series_id}"),
            group_id,
            Some(first),
        ),
    )
}

/// Queues an organiser's message to its recipients (recorded with it in `message_recipients`):
/// `message:{message}`, once.
pub fn queue_message(conn: &mut DbConn, message: &GroupMessage) -> Result<bool, AppError> {
    let job = MailFanout {
        message_id: Some(message.id.clone()),
        ..new_job(
            MailKind::OrganiserMessage,
            format!("message:{}", message.id),
            &message.group_id,
            message.meetup_id.as_ref(),
        )
    };
    insert(conn, &job)
}

/// A job of `kind` for the members of `group_id`, queued once under `key`, about `meetup_id`
/// when it is a meetup's; not expanded yet.
pub fn new_job(
    kind: MailKind,
    key: String,
    group_id: &GroupId,
    meetup_id: Option<&MeetupId>,
) -> MailFanout {
    MailFanout {
        id: new_id(),
        idempotency_key: key,
        kind,
        group_id: group_id.clone(),
        meetup_id: meetup_id.cloned(),
        message_id: None,
        cursor_user_id: None,
        created_at: now(),
        done_at: None,
        poll_id: None,
    }
}

/// Queues the job unless one with the same idempotency key exists; returns whether it was new.
#[tracing::instrument(level = "debug", skip_all, fields(kind = %job.kind))]
pub fn insert(conn: &mut DbConn, job: &MailFanout) -> Result<bool, AppError> {
    // ON CONFLICT DO NOTHING: a duplicate must not abort the caller's transaction (PostgreSQL would).
    let inserted = on_inner!(conn, |c| diesel::insert_into(mail_fanouts::table)
        .values(job)
        .on_conflict(mail_fanouts::idempotency_key)
        .do_nothing()
        .execute(c)?);
    Ok(inserted == 1)
}

/// The oldest unfinished job, locked until the caller's transaction ends. On PostgreSQL `SKIP
/// LOCKED` lets another worker take the next job meanwhile instead of waiting; SQLite has a
/// single writer anyway.
#[tracing::instrument(level = "debug", skip_all)]
pub fn next_pending(conn: &mut DbConn) -> Result<Option<MailFanout>, AppError> {
    // The select fixes its backend: one statement per connection type.
    macro_rules! pending {
        () => {
            mail_fanouts::table
                .filter(mail_fanouts::done_at.is_null())
                .order((mail_fanouts::created_at.asc(), mail_fanouts::id.asc()))
                .select(MailFanout::as_select())
        };
    }
    Ok(match conn {
        DbConn::Pg(c) => pending!().for_update().skip_locked().first(c).optional()?,
        DbConn::Sqlite(c) => pending!().first(c).optional()?,
    })
}

/// Moves the job's cursor after a batch; `done_at` once nothing is left to expand.
#[tracing::instrument(level = "debug", skip_all)]
pub fn advance(
    conn: &mut DbConn,
    id: &str,
    cursor: Option<&UserId>,
    done_at: Option<NaiveDateTime>,
) -> Result<(), AppError> {
    diesel::update(mail_fanouts::table.find(id))
        .set((
            mail_fanouts::cursor_user_id.eq(cursor),
            mail_fanouts::done_at.eq(done_at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Ids sort after the empty text: no cursor starts from the first recipient.
fn after_cursor(after: Option<&UserId>) -> &str {
    after.map_or("", UserId::as_str)
}

/// Up to `limit` members of the group who joined by `announced_at` and want its announcements
/// now, after `after` in user id order (an erased account has no membership left).
#[tracing::instrument(level = "debug", skip_all)]
pub fn announcement_batch(
    conn: &mut DbConn,
    group_id: &GroupId,
    announced_at: NaiveDateTime,
    after: Option<&UserId>,
    limit: i64,
) -> Result<Vec<User>, AppError> {
    Ok(memberships::table
        .inner_join(users::table)
        .filter(memberships::group_id.eq(group_id))
        .filter(memberships::announcements.eq(true))
        // Those who join later find the meetup on the group's page, not in a pile of mail.
        .filter(memberships::joined_at.le(announced_at))
        .filter(memberships::user_id.gt(after_cursor(after)))
        .order(memberships::user_id.asc())
        .limit(limit)
        .select(User::as_select())
        .load(conn)?)
}

/// Up to `limit` of the message's recipients, after `after` in user id order, who still take
/// it: for a message to the group, its members who take its messages; for one about a meetup,
/// who still belongs to a group hosting it and takes messages from each such group they
/// belong to (see `messages::meetup_message_takers`).
#[tracing::instrument(level = "debug", skip_all)]
pub fn message_batch(
    conn: &mut DbConn,
    message_id: &MessageId,
    group_id: &GroupId,
    meetup_id: Option<&MeetupId>,
    after: Option<&UserId>,
    limit: i64,
) -> Result<Vec<User>, AppError> {
    let recipients = message_recipients::table
        .inner_join(users::table)
        .filter(message_recipients::message_id.eq(message_id))
        .filter(message_recipients::user_id.gt(after_cursor(after)))
        .order(message_recipients::user_id.asc())
        .limit(limit)
        .select(User::as_select());
    Ok(match meetup_id {
        Some(meetup_id) => recipients
            .filter(meetup_message_takers!(group_id, meetup_id))
            .load(conn)?,
        None => {
            let taking = memberships::table
                .filter(memberships::group_id.eq(group_id))
                .filter(memberships::messages.eq(true))
                .select(memberships::user_id);
            recipients
                .filter(message_recipients::user_id.eq_any(taking))
                .load(conn)?
        }
    })
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn message_by_id(conn: &mut DbConn, id: &MessageId) -> Result<Option<GroupMessage>, AppError> {
    use crate::db::schema::group_messages;
    Ok(group_messages::table
        .find(id)
        .select(GroupMessage::as_select())
        .first(conn)
        .optional()?)
}
