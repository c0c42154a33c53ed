use diesel::prelude::*;

use super::{is_unique_violation, new_id};
use crate::db::models::{Group, Membership, User};
use crate::db::schema::{groups, memberships, users};
use crate::db::{now, DbConn};
use crate::domain::group::{GroupLink, GroupRole};
use crate::error::AppError;

pub struct GroupFields {
    pub name: String,
    pub description: String,
    pub timezone: String,
    pub locale: String,
    pub links: Vec<GroupLink>,
}

/// Creates the group with its creator as first organiser.
pub fn create_group(
    conn: &mut DbConn,
    slug: &str,
    fields: GroupFields,
    creator_id: &str,
) -> Result<Group, AppError> {
    conn.transaction(|conn| {
        let at = now();
        let group = Group {
            id: new_id(),
            slug: slug.to_string(),
            name: fields.name,
            description: fields.description,
            timezone: fields.timezone,
            locale: fields.locale,
            links: serde_json::to_string(&fields.links).unwrap_or_else(|_| "[]".into()),
            created_at: at,
            updated_at: at,
        };
        diesel::insert_into(groups::table)
            .values(&group)
            .execute(conn)
            .map_err(|e| {
                if is_unique_violation(&e) {
                    AppError::conflict("slug_taken")
                } else {
                    e.into()
                }
            })?;
        diesel::insert_into(memberships::table)
            .values(&Membership {
                group_id: group.id.clone(),
                user_id: creator_id.to_string(),
                role: GroupRole::Organiser.as_str().into(),
                joined_at: at,
            })
            .execute(conn)?;
        Ok(group)
    })
}

pub fn update_group(
    conn: &mut DbConn,
    group_id: &str,
    fields: GroupFields,
) -> Result<(), AppError> {
    diesel::update(groups::table.find(group_id))
        .set((
            groups::name.eq(fields.name),
            groups::description.eq(fields.description),
            groups::timezone.eq(fields.timezone),
            groups::locale.eq(fields.locale),
            groups::links.eq(serde_json::to_string(&fields.links).unwrap_or_else(|_| "[]".into())),
            groups::updated_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn group_by_slug(conn: &mut DbConn, slug: &str) -> Result<Option<Group>, AppError> {
    Ok(groups::table
        .filter(groups::slug.eq(slug))
        .select(Group::as_select())
        .first(conn)
        .optional()?)
}

pub fn group_by_id(conn: &mut DbConn, id: &str) -> Result<Group, AppError> {
    Ok(groups::table
        .find(id)
        .select(Group::as_select())
        .first(conn)?)
}

/// Every group with its member count, by name.
pub fn all_groups(conn: &mut DbConn) -> Result<Vec<(Group, i64)>, AppError> {
    let list: Vec<Group> = groups::table
        .order(groups::name.asc())
        .select(Group::as_select())
        .load(conn)?;
    let counts: Vec<(String, i64)> = memberships::table
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

pub fn members_count(conn: &mut DbConn, group_id: &str) -> Result<i64, AppError> {
    Ok(memberships::table
        .filter(memberships::group_id.eq(group_id))
        .count()
        .get_result(conn)?)
}

pub fn role_of(
    conn: &mut DbConn,
    group_id: &str,
    user_id: &str,
) -> Result<Option<GroupRole>, AppError> {
    let role: Option<String> = memberships::table
        .find((group_id, user_id))
        .select(memberships::role)
        .first(conn)
        .optional()?;
    Ok(role.as_deref().and_then(GroupRole::parse))
}

/// Joins as member unless already in; returns the role held. Safe to call twice at once.
pub fn join_group(conn: &mut DbConn, group_id: &str, user_id: &str) -> Result<GroupRole, AppError> {
    if let Some(role) = role_of(conn, group_id, user_id)? {
        return Ok(role);
    }
    let inserted = diesel::insert_into(memberships::table)
        .values(&Membership {
            group_id: group_id.into(),
            user_id: user_id.into(),
            role: GroupRole::Member.as_str().into(),
            joined_at: now(),
        })
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
    pub user_id: String,
    pub name: String,
    pub email: String,
    pub role: GroupRole,
}

/// Organisers first, then members by the date they joined.
pub fn members(conn: &mut DbConn, group_id: &str) -> Result<Vec<MemberRow>, AppError> {
    let rows: Vec<(Membership, User)> = memberships::table
        .inner_join(users::table)
        .filter(memberships::group_id.eq(group_id))
        .order((memberships::role.desc(), memberships::joined_at.asc()))
        .select((Membership::as_select(), User::as_select()))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(m, u)| MemberRow {
            user_id: u.id,
            name: u.name,
            email: u.email,
            role: GroupRole::parse(&m.role).unwrap_or(GroupRole::Member),
        })
        .collect())
}

/// Changes a member's role; the group always keeps at least one organiser.
pub fn set_role(
    conn: &mut DbConn,
    group_id: &str,
    user_id: &str,
    role: GroupRole,
) -> Result<(), AppError> {
    conn.transaction(|conn| {
        // Writing the group row first serialises concurrent role changes of this group.
        diesel::update(groups::table.find(group_id))
            .set(groups::updated_at.eq(groups::updated_at))
            .execute(conn)?;
        let current = role_of(conn, group_id, user_id)?.ok_or(AppError::NotFound)?;
        if current == GroupRole::Organiser && role == GroupRole::Member {
            let organisers: i64 = memberships::table
                .filter(memberships::group_id.eq(group_id))
                .filter(memberships::role.eq(GroupRole::Organiser.as_str()))
                .count()
                .get_result(conn)?;
            if organisers <= 1 {
                return Err(AppError::conflict("last_organiser"));
            }
        }
        diesel::update(memberships::table.find((group_id, user_id)))
            .set(memberships::role.eq(role.as_str()))
            .execute(conn)?;
        Ok(())
    })
}
