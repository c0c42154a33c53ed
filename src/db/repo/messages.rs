use chrono::NaiveDateTime;
use diesel::dsl::count_star;
use diesel::prelude::*;

use crate::db::models::{GroupMessage, OrganiserEvent, User};
use crate::db::schema::{
    group_messages, memberships, message_recipients, organiser_events, rsvps, users,
};
use crate::db::DbConn;
use crate::domain::ids::{GroupId, MeetupId, MessageId, UserId};
use crate::domain::message::Audience;
use crate::domain::rsvp::RsvpStatus;
use crate::error::AppError;

/// Members of the group in `audience` (of `meetup` for going, waitlisted and attended) who
/// take organisers' messages from it.
#[tracing::instrument(level = "debug", skip_all)]
pub fn audience_members(
    conn: &mut DbConn,
    group_id: &GroupId,
    meetup_id: Option<&MeetupId>,
    audience: Audience,
) -> Result<Vec<User>, AppError> {
    let members = memberships::table
        .inner_join(users::table)
        .filter(memberships::group_id.eq(group_id))
        .filter(memberships::messages.eq(true))
        .order(users::name.asc())
        .select(User::as_select());
    let status = match audience {
        Audience::AllMembers => return Ok(members.load(conn)?),
        // Without a meetup, only the whole group can be meant.
        _ if meetup_id.is_none() => return Ok(Vec::new()),
        Audience::Attended => {
            let came = rsvps::table
                .filter(rsvps::meetup_id.nullable().eq(meetup_id))
                .filter(rsvps::attended.eq(true))
                .select(rsvps::user_id);
            return Ok(members.filter(users::id.eq_any(came)).load(conn)?);
        }
        Audience::Going => RsvpStatus::Going,
        Audience::Waitlisted => RsvpStatus::Waitlisted,
    };
    let answered = rsvps::table
        .filter(rsvps::meetup_id.nullable().eq(meetup_id))
        .filter(rsvps::status.eq(status))
        .select(rsvps::user_id);
    Ok(members.filter(users::id.eq_any(answered)).load(conn)?)
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn insert_message(
    conn: &mut DbConn,
    message: &GroupMessage,
    recipients: &[UserId],
) -> Result<(), AppError> {
    diesel::insert_into(group_messages::table)
        .values(message)
        .execute(conn)?;
    // A few statements whatever the audience (the worker writes the mails: `mail::fanout`);
    // 500 rows of two values each stay under every backend's limit on bound values.
    for chunk in recipients.chunks(500) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|user| {
                (
                    message_recipients::message_id.eq(&message.id),
                    message_recipients::user_id.eq(user),
                )
            })
            .collect();
        on_inner!(conn, |c| diesel::insert_into(message_recipients::table)
            .values(&rows)
            .execute(c)?);
    }
    Ok(())
}

/// How many messages the group sent since `since`.
#[tracing::instrument(level = "debug", skip_all)]
pub fn sent_since(
    conn: &mut DbConn,
    group_id: &GroupId,
    since: NaiveDateTime,
) -> Result<i64, AppError> {
    Ok(group_messages::table
        .filter(group_messages::group_id.eq(group_id))
        .filter(group_messages::sent_at.gt(since))
        .select(count_star())
        .get_result(conn)?)
}

/// The messages about a meetup (`Some`) or to the whole group (`None`), newest first; only
/// those sent to `recipient` when given.
#[tracing::instrument(level = "debug", skip_all)]
pub fn messages(
    conn: &mut DbConn,
    group_id: &GroupId,
    meetup_id: Option<&MeetupId>,
    recipient: Option<&UserId>,
) -> Result<Vec<GroupMessage>, AppError> {
    let sent: Vec<GroupMessage> = match meetup_id {
        Some(m) => group_messages::table
            .filter(group_messages::group_id.eq(group_id))
            .filter(group_messages::meetup_id.eq(m))
            .order((group_messages::sent_at.desc(), group_messages::id.desc()))
            .select(GroupMessage::as_select())
            .load(conn)?,
        None => group_messages::table
            .filter(group_messages::group_id.eq(group_id))
            .filter(group_messages::meetup_id.is_null())
            .order((group_messages::sent_at.desc(), group_messages::id.desc()))
            .select(GroupMessage::as_select())
            .load(conn)?,
    };
    let Some(user) = recipient else {
        return Ok(sent);
    };
    let ids: Vec<&str> = sent.iter().map(|m| m.id.as_str()).collect();
    let theirs: Vec<MessageId> = message_recipients::table
        .filter(message_recipients::user_id.eq(user))
        .filter(message_recipients::message_id.eq_any(ids))
        .select(message_recipients::message_id)
        .load(conn)?;
    Ok(sent
        .into_iter()
        .filter(|m| theirs.contains(&m.id))
        .collect())
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn insert_event(conn: &mut DbConn, event: &OrganiserEvent) -> Result<(), AppError> {
    diesel::insert_into(organiser_events::table)
        .values(event)
        .execute(conn)?;
    Ok(())
}

/// The group's events in `[from, to)`, oldest first.
#[tracing::instrument(level = "debug", skip_all)]
pub fn events_between(
    conn: &mut DbConn,
    group_id: &GroupId,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> Result<Vec<OrganiserEvent>, AppError> {
    Ok(organiser_events::table
        .filter(organiser_events::group_id.eq(group_id))
        .filter(organiser_events::happened_at.ge(from))
        .filter(organiser_events::happened_at.lt(to))
        .order((
            organiser_events::happened_at.asc(),
            organiser_events::id.asc(),
        ))
        .select(OrganiserEvent::as_select())
        .load(conn)?)
}

/// Events no digest will list any more.
#[tracing::instrument(level = "debug", skip_all)]
pub fn prune_events(conn: &mut DbConn, before: NaiveDateTime) -> Result<usize, AppError> {
    Ok(
        diesel::delete(organiser_events::table.filter(organiser_events::happened_at.lt(before)))
            .execute(conn)?,
    )
}
