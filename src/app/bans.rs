//! Bans: an organiser puts someone out of the group and keeps them out (the check every way in
//! asks is `app::admission`).

use chrono::NaiveDateTime;

use super::access::{require_organiser, Viewer};
use super::audit::{self, Target};
use super::groups::organised_group;
use super::rsvps::answer_locked;
use crate::config::Settings;
use crate::db::models::{Group, User};
use crate::db::repo::exclusions::{self, BanRow, Exclusion};
use crate::db::repo::{groups, meetups, users};
use crate::db::{now, DbConn};
use crate::domain::account::is_erased_email;
use crate::domain::group::GroupRole;
use crate::domain::ids::{GroupId, UserId};
use crate::domain::rsvp::Answer;
use crate::error::AppError;

/// The longest reason an organiser may give, in characters.
pub const REASON_MAX: usize = 500;

/// A ban as the organisers see it.
#[derive(Debug, Clone)]
pub struct Ban {
    pub user_id: UserId,
    pub reason: String,
    pub banned_by: Option<UserId>,
    pub created_at: NaiveDateTime,
}

impl From<Exclusion> for Ban {
    fn from(e: Exclusion) -> Self {
        Ban {
            user_id: e.user_id,
            reason: e.reason,
            banned_by: e.banned_by,
            created_at: e.created_at,
        }
    }
}

/// What [`ban`] did: `created` false when the user was banned already (nothing changed).
#[derive(Debug, Clone)]
pub struct BanOutcome {
    pub ban: Ban,
    pub created: bool,
    /// The banned account, for the audit log.
    pub user: User,
}

/// An organiser bans someone from the group, in one transaction under the group's lock: their
/// membership goes, their seats at upcoming meetups are released (the waitlist moves up, with
/// its mails), their proposals still waiting for a decision are withdrawn, and every way back
/// in answers 403 `banned`. The banned person is not mailed. 404 for no such account, 409
/// `cannot_ban_organiser` for an organiser (oneself included: demote first), 422 for a reason
/// over [`REASON_MAX`] characters. Banning again changes nothing.
#[tracing::instrument(skip_all)]
pub fn ban(
    conn: &mut DbConn,
    settings: &Settings,
    actor: &UserId,
    group: &GroupId,
    target: &UserId,
    reason: &str,
) -> Result<BanOutcome, AppError> {
    groups::lock_group(conn, group)?;
    require_organiser(conn, group, actor)?;
    let user = users::user_by_id(conn, target)?
        .filter(|u| !is_erased_email(&u.email))
        .ok_or(AppError::NotFound)?;
    if groups::role_of(conn, group, target)? == Some(GroupRole::Organiser) {
        return Err(AppError::conflict("cannot_ban_organiser"));
    }
    let reason = reason.trim().to_string();
    if reason.chars().count() > REASON_MAX {
        return Err(AppError::validation("reason", "error-ban_reason_too_long"));
    }
    if let Some(e) = exclusions::exclusion_of(conn, group, target)? {
        if e.banned {
            return Ok(BanOutcome {
                ban: e.into(),
                created: false,
                user,
            });
        }
    }
    let at = now();
    let exclusion = Exclusion {
        group_id: group.clone(),
        user_id: target.clone(),
        banned: true,
        reason,
        banned_by: Some(actor.clone()),
        created_at: at,
    };
    exclusions::put_exclusion(conn, &exclusion)?;
    groups::delete_membership(conn, group, target)?;
    // Their seats go to the waitlist, as when they answer no (organisers' notices and promotion
    // mails included; the banned person gets no mail of it).
    for (meetup, _) in meetups::answers_since(conn, target, at)? {
        if &meetup.group_id == group && meetup.starts_at > at {
            answer_locked(conn, settings, &meetup.id, target, Answer::No)?;
        }
    }
    exclusions::withdraw_open_proposals(conn, group, target)?;
    audit::record(
        conn,
        group,
        actor,
        "member_banned",
        Target::User(target, ""),
    )?;
    Ok(BanOutcome {
        ban: exclusion.into(),
        created: true,
        user,
    })
}

/// An organiser lifts a ban (404 when there is none). The person may join again by
/// themselves; the links mailed before the ban stay dead for the group.
#[tracing::instrument(skip_all)]
pub fn unban(
    conn: &mut DbConn,
    actor: &UserId,
    group: &GroupId,
    target: &UserId,
) -> Result<User, AppError> {
    groups::lock_group(conn, group)?;
    require_organiser(conn, group, actor)?;
    if !exclusions::lift_ban(conn, group, target)? {
        return Err(AppError::NotFound);
    }
    audit::record(conn, group, actor, "ban_lifted", Target::User(target, ""))?;
    users::user_by_id(conn, target)?.ok_or(AppError::NotFound)
}

/// The group's bans, newest first, for its organisers (403 for others, asked on the caller's
/// connection).
#[tracing::instrument(skip_all)]
pub fn bans(conn: &mut DbConn, actor: &UserId, group: &Group) -> Result<Vec<BanRow>, AppError> {
    require_organiser(conn, &group.id, actor)?;
    exclusions::bans_of_group(conn, &group.id)
}

/// The organisers' page of bans: the group at `slug` (404, sign-in, 403) and its bans.
#[tracing::instrument(skip_all)]
pub fn bans_page(
    conn: &mut DbConn,
    viewer: &Viewer,
    slug: &str,
) -> Result<(Group, Vec<BanRow>), AppError> {
    let group = organised_group(conn, viewer, slug)?;
    let bans = exclusions::bans_of_group(conn, &group.id)?;
    Ok((group, bans))
}

/// What the ban confirmation names: the group at `slug` (404, sign-in, 403) and the account
/// (404 for no such account).
#[tracing::instrument(skip_all)]
pub fn ban_form(
    conn: &mut DbConn,
    viewer: &Viewer,
    slug: &str,
    target: &UserId,
) -> Result<(Group, User), AppError> {
    let group = organised_group(conn, viewer, slug)?;
    let user = users::user_by_id(conn, target)?
        .filter(|u| !is_erased_email(&u.email))
        .ok_or(AppError::NotFound)?;
    Ok((group, user))
}
