use chrono::NaiveDateTime;
use diesel::dsl::count_star;
use diesel::prelude::*;

use crate::db::models::{GroupMessage, OrganiserEvent, User};
use crate::db::schema::{
    group_messages, meetup_cohosts, memberships, message_recipients, organiser_events, rsvps, users,
};
use crate::db::DbConn;
use crate::domain::cohost::CohostStatus;
use crate::domain::ids::{GroupId, MeetupId, MessageId, UserId};
use crate::domain::message::Audience;
use crate::domain::rsvp::RsvpStatus;
use crate::error::AppError;

/// The memberships in the groups hosting `$meetup`: `$group`, its own, and those that accepted
/// to co-host it (see `app::cohosts`).
macro_rules! host_memberships {
    ($group:expr, $meetup:expr) => {
        memberships::table.filter(
            memberships::group_id
                .eq($group)
                .or(memberships::group_id.eq_any(
                    meetup_cohosts::table
                        .filter(meetup_cohosts::meetup_id.eq($meetup))
                        .filter(meetup_cohosts::status.eq(CohostStatus::Accepted.as_str()))
                        .select(meetup_cohosts::group_id),
                )),
        )
    };
}
pub(crate) use host_memberships;

/// Who takes an organiser's message about a meetup: someone who belongs to one of the groups
/// hosting it (its own, or a co-host that accepted) and lets each of those they belong to send
/// them messages (turning messages off in one of them is enough to stop them: the one-click
/// link of the mail, which names one of them, always works). Each person once.
macro_rules! meetup_message_takers {
    ($group:expr, $meetup:expr) => {
        users::id
            .eq_any(host_memberships!($group, $meetup).select(memberships::user_id))
            .and(diesel::dsl::not(
                users::id.eq_any(
                    host_memberships!($group, $meetup)
                        .filter(memberships::messages.eq(false))
                        .select(memberships::user_id),
                ),
            ))
    };
}
pub(crate) use meetup_message_takers;

/// Who takes a message in `audience`: for the whole group (`AllMembers`), its members who take
/// its organisers' messages; for a meetup's participants (going, waitlisted, attended), those
/// answering so who belong to the meetup's group or to a group co-hosting it, as
/// [`meetup_message_takers`] says. By name.
#[tracing::instrument(level = "debug", skip_all)]
pub fn audience_members(
    conn: &mut DbConn,
    group_id: &GroupId,
    meetup_id: Option<&MeetupId>,
    audience: Audience,
) -> Result<Vec<User>, AppError> {
    let (status, meetup_id) = match (audience, meetup_id) {
        (Audience::AllMembers, _) => {
            return Ok(memberships::table
                .inner_join(users::table)
                .filter(memberships::group_id.eq(group_id))
                .filter(memberships::messages.eq(true))
                .order(users::name.asc())
                .select(User::as_select())
                .load(conn)?)
        }
        // Without a meetup, only the whole group can be meant.
        (_, None) => return Ok(Vec::new()),
        (Audience::Attended, Some(meetup_id)) => {
            let came = rsvps::table
                .filter(rsvps::meetup_id.eq(meetup_id))
                .filter(rsvps::attended.eq(true))
                .select(rsvps::user_id);
            return Ok(users::table
                .filter(users::id.eq_any(came))
                .filter(meetup_message_takers!(group_id, meetup_id))
                .order(users::name.asc())
                .select(User::as_select())
                .load(conn)?);
        }
        (Audience::Going, Some(meetup_id)) => (RsvpStatus::Going, meetup_id),
        (Audience::Waitlisted, Some(meetup_id)) => (RsvpStatus::Waitlisted, meetup_id),
    };
    let answered = rsvps::table
        .filter(rsvps::meetup_id.eq(meetup_id))
        .filter(rsvps::status.eq(status))
        .select(rsvps::user_id);
    Ok(users::table
        .filter(users::id.eq_any(answered))
        .filter(meetup_message_takers!(group_id, meetup_id))
        .order(users::name.asc())
        .select(User::as_select())
        .load(conn)?)
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
