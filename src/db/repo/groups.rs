use chrono_tz::Tz;
use diesel::prelude::*;

use super::is_unique_violation;
use crate::db::models::{Group, Membership, User};
use crate::db::schema::{groups, memberships, users};
use crate::db::text_columns::StoredTz;
use crate::db::{now, DbConn};
use crate::domain::account::Locale;
use crate::domain::group::GroupRole;
use crate::domain::ids::{GroupId, UserId};
use crate::domain::message::{NoticeMode, Subscription};
use crate::domain::privacy::AttendeeVisibility;
use crate::error::AppError;

/// What an edit writes: every column an organiser may change.
#[derive(AsChangeset)]
#[diesel(table_name = groups, treat_none_as_null = true)]
pub struct GroupFields {
    pub name: String,
    pub description: String,
    #[diesel(serialize_as = StoredTz)]
    pub timezone: Tz,
    pub locale: Locale,
    /// A JSON list of `domain::group::GroupLink`.
    pub links: String,
    pub attendee_visibility: AttendeeVisibility,
    pub code_of_conduct_url: Option<String>,
    pub incident_contact: Option<String>,
    pub require_code_of_conduct: bool,
    pub reconfirm_before: Option<String>,
    pub auto_release_before: Option<String>,
    pub guest_rsvps: bool,
}

/// Inserts a new group; a slug already in use is `slug_taken`.
#[tracing::instrument(level = "debug", skip_all)]
pub fn insert_group(conn: &mut DbConn, group: &Group) -> Result<(), AppError> {
    diesel::insert_into(groups::table)
        .values(group.clone())
        .execute(conn)
        .map_err(|e| {
            if is_unique_violation(&e) {
                AppError::conflict("slug_taken")
            } else {
                e.into()
            }
        })?;
    Ok(())
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn insert_membership(conn: &mut DbConn, membership: &Membership) -> Result<(), AppError> {
    diesel::insert_into(memberships::table)
        .values(membership)
        .execute(conn)?;
    Ok(())
}

/// Takes the group's write lock for the rest of the transaction: on PostgreSQL the UPDATE locks
/// the row; on SQLite a first write holds the database's write lock. 404 for no such group.
#[tracing::instrument(level = "debug", skip_all)]
pub fn lock_group(conn: &mut DbConn, group_id: &GroupId) -> Result<(), AppError> {
    let touched = diesel::update(groups::table.find(group_id))
        .set(groups::updated_at.eq(groups::updated_at))
        .execute(conn)?;
    if touched == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn update_group(
    conn: &mut DbConn,
    group_id: &GroupId,
    fields: GroupFields,
) -> Result<(), AppError> {
    diesel::update(groups::table.find(group_id))
        .set((fields, groups::updated_at.eq(now())))
        .execute(conn)?;
    Ok(())
}

/// The sites that may frame the group's embeddable list (space-separated; empty: any).
#[tracing::instrument(level = "debug", skip_all)]
pub fn set_embed_origins(
    conn: &mut DbConn,
    group_id: &GroupId,
    origins: &str,
) -> Result<(), AppError> {
    diesel::update(groups::table.find(group_id))
        .set((
            groups::embed_origins.eq(origins),
            groups::updated_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn group_by_slug(conn: &mut DbConn, slug: &str) -> Result<Option<Group>, AppError> {
    Ok(groups::table
        .filter(groups::slug.eq(slug))
        .select(Group::as_select())
        .first(conn)
        .optional()?)
}

/// Every group's slug and name, up to `limit`, oldest first.
#[tracing::instrument(level = "debug", skip_all)]
pub fn slugs_and_names(conn: &mut DbConn, limit: i64) -> Result<Vec<(String, String)>, AppError> {
    Ok(groups::table
        .order((groups::created_at.asc(), groups::id.asc()))
        .select((groups::slug, groups::name))
        .limit(limit)
        .load(conn)?)
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn group_by_id(conn: &mut DbConn, id: &GroupId) -> Result<Group, AppError> {
    Ok(groups::table
        .find(id)
        .select(Group::as_select())
        .first(conn)?)
}

/// The groups a person belongs to, by name, with their membership (role and mail choices).
#[tracing::instrument(level = "debug", skip_all)]
pub fn groups_of_user(
    conn: &mut DbConn,
    user_id: &UserId,
) -> Result<Vec<(Group, Membership)>, AppError> {
    Ok(groups::table
        .inner_join(memberships::table)
        .filter(memberships::user_id.eq(user_id))
        .order(groups::name.asc())
        .select((Group::as_select(), Membership::as_select()))
        .load(conn)?)
}

/// Leaves the group; `false` when the person was not in it.
#[tracing::instrument(level = "debug", skip_all)]
pub fn delete_membership(
    conn: &mut DbConn,
    group_id: &GroupId,
    user_id: &UserId,
) -> Result<bool, AppError> {
    let deleted = diesel::delete(
        memberships::table
            .filter(memberships::group_id.eq(group_id))
            .filter(memberships::user_id.eq(user_id)),
    )
    .execute(conn)?;
    Ok(deleted > 0)
}

/// A member's mail choices for the group; `None`: not a member.
#[tracing::instrument(level = "debug", skip_all)]
pub fn subscription_of(
    conn: &mut DbConn,
    group_id: &GroupId,
    user_id: &UserId,
) -> Result<Option<Subscription>, AppError> {
    let membership: Option<Membership> = memberships::table
        .filter(memberships::group_id.eq(group_id))
        .filter(memberships::user_id.eq(user_id))
        .select(Membership::as_select())
        .first(conn)
        .optional()?;
    Ok(membership.map(|m| m.subscription()))
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn set_subscription(
    conn: &mut DbConn,
    group_id: &GroupId,
    user_id: &UserId,
    s: Subscription,
) -> Result<(), AppError> {
    diesel::update(
        memberships::table
            .filter(memberships::group_id.eq(group_id))
            .filter(memberships::user_id.eq(user_id)),
    )
    .set((
        memberships::announcements.eq(s.announcements),
        memberships::messages.eq(s.messages),
        memberships::proposal_notices.eq(s.organiser_notices),
        memberships::rsvp_notices.eq(s.rsvp_notices),
        memberships::follow_ups.eq(s.follow_ups),
    ))
    .execute(conn)?;
    Ok(())
}

/// Members of the group who turned its follow-up mails off.
#[tracing::instrument(level = "debug", skip_all)]
pub fn without_follow_ups(conn: &mut DbConn, group_id: &GroupId) -> Result<Vec<UserId>, AppError> {
    Ok(memberships::table
        .filter(memberships::group_id.eq(group_id))
        .filter(memberships::follow_ups.eq(false))
        .select(memberships::user_id)
        .load(conn)?)
}

/// Which of an organiser's choices a notice follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    /// Talk proposals and venue suggestions.
    Proposals,
    Rsvps,
}

/// The group's organisers who hear of `kind` at all, with how.
#[tracing::instrument(level = "debug", skip_all)]
pub fn organisers_listening(
    conn: &mut DbConn,
    group_id: &GroupId,
    kind: NoticeKind,
) -> Result<Vec<(User, NoticeMode)>, AppError> {
    let organisers = memberships::table
        .inner_join(users::table)
        .filter(memberships::group_id.eq(group_id))
        .filter(memberships::role.eq(GroupRole::Organiser));
    Ok(match kind {
        NoticeKind::Proposals => organisers
            .filter(memberships::proposal_notices.ne(NoticeMode::Off))
            .select((User::as_select(), memberships::proposal_notices))
            .load(conn)?,
        NoticeKind::Rsvps => organisers
            .filter(memberships::rsvp_notices.ne(NoticeMode::Off))
            .select((User::as_select(), memberships::rsvp_notices))
            .load(conn)?,
    })
}

/// Organisers taking a daily digest, with their group and choices, by group.
#[tracing::instrument(level = "debug", skip_all)]
pub fn digest_readers(conn: &mut DbConn) -> Result<Vec<(Group, User, Membership)>, AppError> {
    let digest = NoticeMode::Digest;
    Ok(memberships::table
        .inner_join(users::table)
        .inner_join(groups::table)
        .filter(memberships::role.eq(GroupRole::Organiser))
        .filter(
            memberships::proposal_notices
                .eq(digest)
                .or(memberships::rsvp_notices.eq(digest)),
        )
        .order(groups::id.asc())
        .select((
            Group::as_select(),
            User::as_select(),
            Membership::as_select(),
        ))
        .load(conn)?)
}

/// The members who want to hear of the group's new meetups.
#[tracing::instrument(level = "debug", skip_all)]
pub fn announcement_recipients(
    conn: &mut DbConn,
    group_id: &GroupId,
) -> Result<Vec<User>, AppError> {
    Ok(memberships::table
        .inner_join(users::table)
        .filter(memberships::group_id.eq(group_id))
        .filter(memberships::announcements.eq(true))
        .select(User::as_select())
        .load(conn)?)
}

/// Every group with its member count, by name.
#[tracing::instrument(level = "debug", skip_all)]
pub fn all_groups(conn: &mut DbConn) -> Result<Vec<(Group, i64)>, AppError> {
    let list: Vec<Group> = groups::table
        .order(groups::name.asc())
        .select(Group::as_select())
        .load(conn)?;
    let counts: Vec<(GroupId, i64)> = memberships::table
        .group_by(memberships::group_id)
        .select((memberships::group_id, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(list
        .into_iter()
        .map(|g| {
            let n = counts
                .iter()
                .find(|(id, _)| *id == g.id)
                .map_or(0, |(_, n)| *n);
            (g, n)
        })
        .collect())
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn members_count(conn: &mut DbConn, group_id: &GroupId) -> Result<i64, AppError> {
    Ok(memberships::table
        .filter(memberships::group_id.eq(group_id))
        .count()
        .get_result(conn)?)
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn role_of(
    conn: &mut DbConn,
    group_id: &GroupId,
    user_id: &UserId,
) -> Result<Option<GroupRole>, AppError> {
    Ok(memberships::table
        .find((group_id, user_id))
        .select(memberships::role)
        .first(conn)
        .optional()?)
}

/// Every group the user belongs to, with their role there.
#[tracing::instrument(level = "debug", skip_all)]
pub fn roles_of_user(
    conn: &mut DbConn,
    user_id: &UserId,
) -> Result<Vec<(GroupId, GroupRole)>, AppError> {
    Ok(memberships::table
        .filter(memberships::user_id.eq(user_id))
        .select((memberships::group_id, memberships::role))
        .load(conn)?)
}

/// Joins as member unless already in; returns the role held. Safe to call twice at once.
#[tracing::instrument(level = "debug", skip_all)]
pub fn join_group(
    conn: &mut DbConn,
    group_id: &GroupId,
    user_id: &UserId,
) -> Result<GroupRole, AppError> {
    if let Some(role) = role_of(conn, group_id, user_id)? {
        return Ok(role);
    }
    let inserted = diesel::insert_into(memberships::table)
        .values(&Membership::new(
            group_id.clone(),
            user_id.clone(),
            GroupRole::Member,
            now(),
        ))
        .execute(conn);
    match inserted {
        Ok(_) => Ok(GroupRole::Member),
        Err(e) if is_unique_violation(&e) => {
            Ok(role_of(conn, group_id, user_id)?.unwrap_or(GroupRole::Member))
        }
        Err(e) => Err(e.into()),
    }
}

pub struct MemberRow {
    pub user_id: UserId,
    pub name: String,
    pub email: String,
    pub role: GroupRole,
    pub hide_from_lists: bool,
    /// When they accepted the group's code of conduct (for organisers' eyes).
    pub code_of_conduct_accepted_at: Option<chrono::NaiveDateTime>,
}

/// One page of the group's members, organisers first, then by the date they joined (and id,
/// so pages never overlap), without those who keep out of lists unless `with_hidden`; with how
/// many there are in all.
#[tracing::instrument(level = "debug", skip_all)]
pub fn members(
    conn: &mut DbConn,
    group_id: &GroupId,
    with_hidden: bool,
    offset: i64,
    limit: i64,
) -> Result<(Vec<MemberRow>, i64), AppError> {
    // Hidden members are kept when `with_hidden`, as `hide_from_lists` is then false or true.
    let listed = users::hide_from_lists
        .eq(false)
        .or(users::hide_from_lists.eq(with_hidden));
    let total: i64 = memberships::table
        .inner_join(users::table)
        .filter(memberships::group_id.eq(group_id))
        .filter(listed)
        .count()
        .get_result(conn)?;
    let rows: Vec<(Membership, User)> = memberships::table
        .inner_join(users::table)
        .filter(memberships::group_id.eq(group_id))
        .filter(listed)
        .order((
            memberships::role.desc(),
            memberships::joined_at.asc(),
            users::id.asc(),
        ))
        .offset(offset)
        .limit(limit)
        .select((Membership::as_select(), User::as_select()))
        .load(conn)?;
    let rows = rows
        .into_iter()
        .map(|(m, u)| MemberRow {
            user_id: u.id,
            name: u.name,
            email: u.email,
            role: m.role,
            hide_from_lists: u.hide_from_lists,
            code_of_conduct_accepted_at: m.code_of_conduct_accepted_at,
        })
        .collect();
    Ok((rows, total))
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn organisers_count(conn: &mut DbConn, group_id: &GroupId) -> Result<i64, AppError> {
    Ok(memberships::table
        .filter(memberships::group_id.eq(group_id))
        .filter(memberships::role.eq(GroupRole::Organiser))
        .count()
        .get_result(conn)?)
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn update_role(
    conn: &mut DbConn,
    group_id: &GroupId,
    user_id: &UserId,
    role: GroupRole,
) -> Result<(), AppError> {
    diesel::update(memberships::table.find((group_id, user_id)))
        .set(memberships::role.eq(role))
        .execute(conn)?;
    Ok(())
}

/// The member's role and when they accepted the group's code of conduct; `None`: not a member.
#[tracing::instrument(level = "debug", skip_all)]
pub fn conduct_standing(
    conn: &mut DbConn,
    group_id: &GroupId,
    user_id: &UserId,
) -> Result<Option<(GroupRole, Option<chrono::NaiveDateTime>)>, AppError> {
    Ok(memberships::table
        .find((group_id, user_id))
        .select((memberships::role, memberships::code_of_conduct_accepted_at))
        .first(conn)
        .optional()?)
}

/// Records that the member accepted the group's code of conduct at `at` (the first time only).
#[tracing::instrument(level = "debug", skip_all)]
pub fn record_conduct_acceptance(
    conn: &mut DbConn,
    group_id: &GroupId,
    user_id: &UserId,
    at: chrono::NaiveDateTime,
) -> Result<(), AppError> {
    diesel::update(
        memberships::table
            .find((group_id, user_id))
            .filter(memberships::code_of_conduct_accepted_at.is_null()),
    )
    .set(memberships::code_of_conduct_accepted_at.eq(Some(at)))
    .execute(conn)?;
    Ok(())
}
