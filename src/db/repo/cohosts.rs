//! Groups co-hosting a meetup (`meetup_cohosts`): the invitations, their answers, and the
//! meetups a group shares with others.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::models::{Group, User};
use crate::db::schema::{groups, meetup_cohosts, meetups, memberships, users};
use crate::db::DbConn;
use crate::domain::cohost::CohostStatus;
use crate::domain::group::GroupRole;
use crate::domain::ids::{GroupId, MeetupId, UserId};
use crate::domain::meetup::MeetupStatus;
use crate::error::AppError;

/// A group asked to co-host a meetup, with where it stands.
#[derive(Debug, Clone)]
pub struct Cohost {
    pub group: Group,
    pub status: CohostStatus,
}

/// The status of `group`'s invitation to co-host `meetup`, if it was asked.
pub fn status_of(
    conn: &mut DbConn,
    meetup: &MeetupId,
    group: &GroupId,
) -> Result<Option<CohostStatus>, AppError> {
    let status: Option<String> = meetup_cohosts::table
        .filter(meetup_cohosts::meetup_id.eq(meetup))
        .filter(meetup_cohosts::group_id.eq(group))
        .select(meetup_cohosts::status)
        .first(conn)
        .optional()?;
    Ok(status.and_then(|s| CohostStatus::parse(&s)))
}

/// Asks `group` (again, after a decline) to co-host `meetup`: pending.
pub fn put_invitation(
    conn: &mut DbConn,
    meetup: &MeetupId,
    group: &GroupId,
    by: &UserId,
    at: NaiveDateTime,
) -> Result<(), AppError> {
    diesel::delete(
        meetup_cohosts::table
            .filter(meetup_cohosts::meetup_id.eq(meetup))
            .filter(meetup_cohosts::group_id.eq(group)),
    )
    .execute(conn)?;
    diesel::insert_into(meetup_cohosts::table)
        .values((
            meetup_cohosts::meetup_id.eq(meetup),
            meetup_cohosts::group_id.eq(group),
            meetup_cohosts::status.eq(CohostStatus::Pending.as_str()),
            meetup_cohosts::invited_by.eq(Some(by)),
            meetup_cohosts::created_at.eq(at),
            meetup_cohosts::updated_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn set_status(
    conn: &mut DbConn,
    meetup: &MeetupId,
    group: &GroupId,
    status: CohostStatus,
    at: NaiveDateTime,
) -> Result<(), AppError> {
    diesel::update(
        meetup_cohosts::table
            .filter(meetup_cohosts::meetup_id.eq(meetup))
            .filter(meetup_cohosts::group_id.eq(group)),
    )
    .set((
        meetup_cohosts::status.eq(status.as_str()),
        meetup_cohosts::updated_at.eq(at),
    ))
    .execute(conn)?;
    Ok(())
}

/// Whether a row was removed.
pub fn delete(conn: &mut DbConn, meetup: &MeetupId, group: &GroupId) -> Result<bool, AppError> {
    let n = diesel::delete(
        meetup_cohosts::table
            .filter(meetup_cohosts::meetup_id.eq(meetup))
            .filter(meetup_cohosts::group_id.eq(group)),
    )
    .execute(conn)?;
    Ok(n > 0)
}

/// Every group asked to co-host `meetup`, by name.
pub fn cohosts_of(conn: &mut DbConn, meetup: &MeetupId) -> Result<Vec<Cohost>, AppError> {
    let rows: Vec<(Group, String)> = meetup_cohosts::table
        .inner_join(groups::table.on(groups::id.eq(meetup_cohosts::group_id)))
        .filter(meetup_cohosts::meetup_id.eq(meetup))
        .order(groups::name.asc())
        .select((Group::as_select(), meetup_cohosts::status))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(group, s)| CohostStatus::parse(&s).map(|status| Cohost { group, status }))
        .collect())
}

/// The groups that accepted to co-host `meetup`.
pub fn accepted_groups(conn: &mut DbConn, meetup: &MeetupId) -> Result<Vec<GroupId>, AppError> {
    Ok(meetup_cohosts::table
        .filter(meetup_cohosts::meetup_id.eq(meetup))
        .filter(meetup_cohosts::status.eq(CohostStatus::Accepted.as_str()))
        .select(meetup_cohosts::group_id)
        .load::<String>(conn)?
        .into_iter()
        .map(GroupId::from)
        .collect())
}

/// Whether `user` organises a group that accepted to co-host `meetup`.
pub fn organises_cohost(
    conn: &mut DbConn,
    meetup: &MeetupId,
    user: &UserId,
) -> Result<bool, AppError> {
    cohost_role_at_least(conn, meetup, user, true)
}

/// Whether `user` belongs to a group that accepted to co-host `meetup`.
pub fn member_of_cohost(
    conn: &mut DbConn,
    meetup: &MeetupId,
    user: &UserId,
) -> Result<bool, AppError> {
    cohost_role_at_least(conn, meetup, user, false)
}

fn cohost_role_at_least(
    conn: &mut DbConn,
    meetup: &MeetupId,
    user: &UserId,
    organiser: bool,
) -> Result<bool, AppError> {
    let roles: Vec<GroupRole> = memberships::table
        .inner_join(meetup_cohosts::table.on(meetup_cohosts::group_id.eq(memberships::group_id)))
        .filter(meetup_cohosts::meetup_id.eq(meetup))
        .filter(meetup_cohosts::status.eq(CohostStatus::Accepted.as_str()))
        .filter(memberships::user_id.eq(user))
        .select(memberships::role)
        .load(conn)?;
    Ok(if organiser {
        roles.contains(&GroupRole::Organiser)
    } else {
        !roles.is_empty()
    })
}

/// The meetups `group` was asked to co-host and has not answered, soonest first, with the
/// group that asks.
pub fn pending_for(
    conn: &mut DbConn,
    group: &GroupId,
    at: NaiveDateTime,
) -> Result<Vec<(MeetupId, String, NaiveDateTime, Group)>, AppError> {
    upcoming_for(conn, group, CohostStatus::Pending, at)
}

/// The meetups to come (not cancelled) that `group` co-hosts, soonest first, with the group
/// whose meetup it is.
pub fn accepted_for(
    conn: &mut DbConn,
    group: &GroupId,
    at: NaiveDateTime,
) -> Result<Vec<(MeetupId, String, NaiveDateTime, Group)>, AppError> {
    upcoming_for(conn, group, CohostStatus::Accepted, at)
}

fn upcoming_for(
    conn: &mut DbConn,
    group: &GroupId,
    status: CohostStatus,
    at: NaiveDateTime,
) -> Result<Vec<(MeetupId, String, NaiveDateTime, Group)>, AppError> {
    let rows: Vec<(String, String, NaiveDateTime, Group)> = meetup_cohosts::table
        .inner_join(meetups::table.on(meetups::id.eq(meetup_cohosts::meetup_id)))
        .inner_join(groups::table.on(groups::id.eq(meetups::group_id)))
        .filter(meetup_cohosts::group_id.eq(group))
        .filter(meetup_cohosts::status.eq(status.as_str()))
        .filter(meetups::starts_at.gt(at))
        .filter(meetups::status.eq(MeetupStatus::Scheduled))
        .order(meetups::starts_at.asc())
        .select((
            meetups::id,
            meetups::title,
            meetups::starts_at,
            Group::as_select(),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, title, starts, g)| (MeetupId::from(id), title, starts, g))
        .collect())
}

/// The organisers of `group`, to be told of an invitation.
pub fn organisers_of(conn: &mut DbConn, group: &GroupId) -> Result<Vec<User>, AppError> {
    Ok(memberships::table
        .inner_join(users::table)
        .filter(memberships::group_id.eq(group))
        .filter(memberships::role.eq(GroupRole::Organiser))
        .order(users::id.asc())
        .select(User::as_select())
        .load(conn)?)
}

/// For each of `users`, the groups hosting `meetup` they belong to: `group` (its own) and those
/// that accepted to co-host it.
pub fn host_groups_of(
    conn: &mut DbConn,
    group: &GroupId,
    meetup: &MeetupId,
    users: &[UserId],
) -> Result<Vec<(UserId, Group)>, AppError> {
    let mut found = Vec::new();
    // 500 ids a statement stay under every backend's limit on bound values.
    for chunk in users.chunks(500) {
        let rows: Vec<(String, Group)> =
            crate::db::repo::messages::host_memberships!(group, meetup)
                .inner_join(groups::table)
                .filter(memberships::user_id.eq_any(chunk))
                .order(groups::name.asc())
                .select((memberships::user_id, Group::as_select()))
                .load(conn)?;
        found.extend(rows.into_iter().map(|(u, g)| (UserId::from(u), g)));
    }
    Ok(found)
}
