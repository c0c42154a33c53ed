//! Organisers' invitations and the addresses that want none (see `app::invitations`).

use std::collections::HashSet;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{invitation_optouts, invitations, memberships, users};
use crate::db::DbConn;
use crate::domain::ids::{GroupId, InvitationId, MeetupId, UserId};
use crate::domain::token::hash_token;
use crate::error::AppError;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = invitations)]
pub struct Invitation {
    pub id: InvitationId,
    pub group_id: GroupId,
    pub meetup_id: Option<MeetupId>,
    pub email: String,
    pub invited_by: Option<UserId>,
    pub note: Option<String>,
    pub invited_at: NaiveDateTime,
    pub joined_at: Option<NaiveDateTime>,
}

/// The key an address is known by in `invitation_optouts` (its normalised form, hashed).
pub fn address_key(email: &str) -> String {
    hash_token(email)
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn insert(conn: &mut DbConn, invitation: &Invitation) -> Result<(), AppError> {
    diesel::insert_into(invitations::table)
        .values(invitation)
        .execute(conn)?;
    Ok(())
}

/// Invitations the group sent since `since` (its daily limit).
#[tracing::instrument(level = "debug", skip_all)]
pub fn sent_since(
    conn: &mut DbConn,
    group_id: &GroupId,
    since: NaiveDateTime,
) -> Result<i64, AppError> {
    Ok(invitations::table
        .filter(invitations::group_id.eq(group_id))
        .filter(invitations::invited_at.gt(since))
        .count()
        .get_result(conn)?)
}

/// The addresses among `emails` the group invited already to `meetup` (or to the group alone).
#[tracing::instrument(level = "debug", skip_all)]
pub fn invited_among(
    conn: &mut DbConn,
    group_id: &GroupId,
    meetup_id: Option<&MeetupId>,
    emails: &[&str],
) -> Result<HashSet<String>, AppError> {
    let query = invitations::table
        .filter(invitations::group_id.eq(group_id))
        .filter(invitations::email.eq_any(emails))
        .select(invitations::email)
        .into_boxed();
    let query = match meetup_id {
        Some(m) => query.filter(invitations::meetup_id.eq(m)),
        None => query.filter(invitations::meetup_id.is_null()),
    };
    Ok(query.load::<String>(conn)?.into_iter().collect())
}

/// The addresses among `emails` that belong to members of the group.
#[tracing::instrument(level = "debug", skip_all)]
pub fn members_among(
    conn: &mut DbConn,
    group_id: &GroupId,
    emails: &[&str],
) -> Result<HashSet<String>, AppError> {
    Ok(memberships::table
        .inner_join(users::table)
        .filter(memberships::group_id.eq(group_id))
        .filter(users::email.eq_any(emails))
        .select(users::email)
        .load::<String>(conn)?
        .into_iter()
        .collect())
}

/// The addresses among `emails` that asked for no invitations.
#[tracing::instrument(level = "debug", skip_all)]
pub fn opted_out_among(conn: &mut DbConn, emails: &[&str]) -> Result<HashSet<String>, AppError> {
    let keys: Vec<String> = emails.iter().map(|e| address_key(e)).collect();
    let out: HashSet<String> = invitation_optouts::table
        .filter(invitation_optouts::email_hash.eq_any(&keys))
        .select(invitation_optouts::email_hash)
        .load::<String>(conn)?
        .into_iter()
        .collect();
    Ok(emails
        .iter()
        .filter(|e| out.contains(&address_key(e)))
        .map(|e| (*e).to_string())
        .collect())
}

/// Records that the address with key `key` wants no invitations (idempotent). Deletes the
/// invitations to it nobody followed, which are of no use any more.
#[tracing::instrument(level = "debug", skip_all)]
pub fn opt_out(conn: &mut DbConn, key: &str, at: NaiveDateTime) -> Result<(), AppError> {
    let known: i64 = invitation_optouts::table
        .filter(invitation_optouts::email_hash.eq(key))
        .count()
        .get_result(conn)?;
    if known == 0 {
        diesel::insert_into(invitation_optouts::table)
            .values((
                invitation_optouts::email_hash.eq(key),
                invitation_optouts::created_at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(())
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn by_id(conn: &mut DbConn, id: &InvitationId) -> Result<Option<Invitation>, AppError> {
    Ok(invitations::table
        .find(id)
        .select(Invitation::as_select())
        .first(conn)
        .optional()?)
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn mark_joined(
    conn: &mut DbConn,
    id: &InvitationId,
    at: NaiveDateTime,
) -> Result<(), AppError> {
    diesel::update(
        invitations::table
            .find(id)
            .filter(invitations::joined_at.is_null()),
    )
    .set(invitations::joined_at.eq(at))
    .execute(conn)?;
    Ok(())
}

/// The group's invitations, newest first, each with whether its address is a member now or its
/// link was followed.
#[tracing::instrument(level = "debug", skip_all)]
pub fn of_group(
    conn: &mut DbConn,
    group_id: &GroupId,
    limit: i64,
) -> Result<Vec<(Invitation, bool)>, AppError> {
    let rows: Vec<Invitation> = invitations::table
        .filter(invitations::group_id.eq(group_id))
        .order((invitations::invited_at.desc(), invitations::email.asc()))
        .limit(limit)
        .select(Invitation::as_select())
        .load(conn)?;
    let emails: Vec<&str> = rows.iter().map(|r| r.email.as_str()).collect();
    let members = members_among(conn, group_id, &emails)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let joined = r.joined_at.is_some() || members.contains(&r.email);
            (r, joined)
        })
        .collect())
}

/// Deletes invitations nobody followed, sent before `before`, unless their address is a
/// member of the group (then the row says how they came); how many.
#[tracing::instrument(level = "debug", skip_all)]
pub fn purge(conn: &mut DbConn, before: NaiveDateTime) -> Result<usize, AppError> {
    let member_addresses = memberships::table
        .inner_join(users::table)
        .filter(memberships::group_id.eq(invitations::group_id))
        .filter(users::email.eq(invitations::email));
    Ok(diesel::delete(
        invitations::table
            .filter(invitations::invited_at.lt(before))
            .filter(invitations::joined_at.is_null())
            .filter(diesel::dsl::not(diesel::dsl::exists(member_addresses))),
    )
    .execute(conn)?)
}

/// Deletes every invitation to `email` (an account erased).
#[tracing::instrument(level = "debug", skip_all)]
pub fn delete_to(conn: &mut DbConn, email: &str) -> Result<usize, AppError> {
    Ok(diesel::delete(invitations::table.filter(invitations::email.eq(email))).execute(conn)?)
}
