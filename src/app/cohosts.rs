//! Co-hosting a meetup with another group (see `domain::cohost`): the meetup's organisers ask,
//! the invited group's organisers accept or decline, either group leaves before the start.
//! Each step locks the meetup and asks for the caller's role inside its transaction.
//!
//! A co-host group's member answers the meetup without joining the meetup's own group: the
//! meetup is theirs too (one queue, one capacity), and the own group's bans still apply.

use crate::config::Settings;
use crate::db::models::{Group, Meetup};
use crate::db::repo::cohosts::{self, Cohost};
use crate::db::repo::meetups::MeetupRow;
use crate::db::repo::{fanouts, groups, meetups};
use crate::db::{now, DbConn};
use crate::domain::cohost::{answer, may_invite, still_open, CohostRefusal, CohostStatus};
use crate::domain::ids::{MeetupId, UserId};
use crate::error::AppError;
use crate::mail;

use super::access::{organises, Viewer};

impl From<CohostRefusal> for AppError {
    fn from(r: CohostRefusal) -> Self {
        match r {
            CohostRefusal::OwnGroup => AppError::validation("group_slug", "error-cohost_own_group"),
            CohostRefusal::AlreadyAsked => AppError::conflict("cohost_already_asked"),
            CohostRefusal::NotPending => AppError::conflict("cohost_not_pending"),
            CohostRefusal::Over => AppError::conflict("meetup_started"),
        }
    }
}

/// Whether `user` organises the meetup: its own group's organiser, or an organiser of a group
/// that accepted to co-host it. Asked on the caller's connection, inside the write's
/// transaction.
pub fn organises_meetup(
    conn: &mut DbConn,
    meetup: &Meetup,
    user: &UserId,
) -> Result<bool, AppError> {
    Ok(organises(conn, &meetup.group_id, user)?
        || cohosts::organises_cohost(conn, &meetup.id, user)?)
}

/// 403 unless [`organises_meetup`].
pub fn require_meetup_organiser(
    conn: &mut DbConn,
    meetup: &Meetup,
    user: &UserId,
) -> Result<(), AppError> {
    if organises_meetup(conn, meetup, user)? {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// A co-host as a viewer sees it.
#[derive(Debug, Clone)]
pub struct CohostView {
    pub slug: String,
    pub name: String,
    pub status: CohostStatus,
}

/// The meetup's co-hosts the viewer may see: accepted ones for everyone, pending and declined
/// ones for the organisers of the meetup's group and of the group asked.
pub fn cohosts_seen_by(
    conn: &mut DbConn,
    viewer: &Viewer,
    meetup: &Meetup,
) -> Result<Vec<CohostView>, AppError> {
    let all = cohosts::cohosts_of(conn, &meetup.id)?;
    Ok(view(all, |c| {
        c.status == CohostStatus::Accepted
            || viewer.organises(&meetup.group_id)
            || viewer.organises(&c.group.id)
    }))
}

fn view(all: Vec<Cohost>, shown: impl Fn(&Cohost) -> bool) -> Vec<CohostView> {
    all.into_iter()
        .filter(|c| shown(c))
        .map(|c| CohostView {
            slug: c.group.slug,
            name: c.group.name,
            status: c.status,
        })
        .collect()
}

fn every_cohost(conn: &mut DbConn, meetup: &MeetupId) -> Result<Vec<CohostView>, AppError> {
    Ok(view(cohosts::cohosts_of(conn, meetup)?, |_| true))
}

fn group_named(conn: &mut DbConn, slug: &str) -> Result<Group, AppError> {
    groups::group_by_slug(conn, slug)?.ok_or(AppError::NotFound)
}

fn open(meetup: &Meetup) -> Result<(), AppError> {
    if still_open(meetup.starts_at, meetup.is_cancelled(), now()) {
        Ok(())
    } else {
        Err(CohostRefusal::Over.into())
    }
}

/// An organiser of the meetup's own group asks the group at `slug` to co-host it: 404 for an
/// unknown meetup, 403, then 422 `group_slug` (unknown or the meetup's own group), 409 when the
/// meetup started or the group was already asked. The group's organisers are mailed. Returns
/// every co-host (the caller organises the meetup).
#[tracing::instrument(skip_all, fields(meetup = %id))]
pub fn invite(
    conn: &mut DbConn,
    settings: &Settings,
    user: &UserId,
    id: &MeetupId,
    slug: &str,
) -> Result<Vec<CohostView>, AppError> {
    let meetup = meetups::lock_meetup(conn, id)?;
    super::access::require_organiser(conn, &meetup.group_id, user)?;
    let group = groups::group_by_slug(conn, slug.trim())?
        .ok_or_else(|| AppError::validation("group_slug", "error-cohost_group_unknown"))?;
    let current = cohosts::status_of(conn, id, &group.id)?;
    may_invite(group.id == meetup.group_id, current)?;
    open(&meetup)?;
    let at = now();
    cohosts::put_invitation(conn, id, &group.id, user, at)?;
    let row = meetups::meetup_place(conn, id)?.ok_or(AppError::NotFound)?;
    mail::cohosts::invited(conn, settings, &row, &group, at)?;
    every_cohost(conn, id)
}

/// An organiser of the group at `slug` answers its invitation to co-host the meetup: 404 when
/// it was not asked, 403 for anyone else, 409 when it was answered or the meetup started.
/// Accepting a meetup already announced tells the group's members who want announcements
/// (those who also belong to the meetup's group got it already: one mail per person).
#[tracing::instrument(skip_all, fields(meetup = %id, group = %slug))]
pub fn respond(
    conn: &mut DbConn,
    user: &UserId,
    id: &MeetupId,
    slug: &str,
    accept: bool,
) -> Result<Vec<CohostView>, AppError> {
    let group = group_named(conn, slug)?;
    let meetup = meetups::lock_meetup(conn, id)?;
    let current = cohosts::status_of(conn, id, &group.id)?.ok_or(AppError::NotFound)?;
    super::access::require_organiser(conn, &group.id, user)?;
    let next = answer(current, accept)?;
    open(&meetup)?;
    cohosts::set_status(conn, id, &group.id, next, now())?;
    if next == CohostStatus::Accepted && meetup.announced_at.is_some() {
        fanouts::queue_cohost_announcement(conn, &group.id, id)?;
    }
    every_cohost(conn, id)
}

/// The meetup's group (to withdraw an invitation or end the co-hosting) or the co-host group
/// (to leave) ends the co-hosting of the group at `slug`: 404 when it was not asked, 403 for
/// anyone who organises neither, 409 once the meetup started.
#[tracing::instrument(skip_all, fields(meetup = %id, group = %slug))]
pub fn leave(conn: &mut DbConn, user: &UserId, id: &MeetupId, slug: &str) -> Result<(), AppError> {
    let group = group_named(conn, slug)?;
    let meetup = meetups::lock_meetup(conn, id)?;
    if cohosts::status_of(conn, id, &group.id)?.is_none() {
        return Err(AppError::NotFound);
    }
    if !(organises(conn, &meetup.group_id, user)? || organises(conn, &group.id, user)?) {
        return Err(AppError::Forbidden);
    }
    open(&meetup)?;
    cohosts::delete(conn, id, &group.id)?;
    Ok(())
}

/// Queues the announcement of the meetup to each group co-hosting it (with the meetup's own
/// announcement: see `app::meetups::announce_in`).
pub(crate) fn announce_to_cohosts(conn: &mut DbConn, id: &MeetupId) -> Result<(), AppError> {
    for group in cohosts::accepted_groups(conn, id)? {
        fanouts::queue_cohost_announcement(conn, &group, id)?;
    }
    Ok(())
}

/// An invitation waiting for the group's organisers.
#[derive(Debug, Clone)]
pub struct Invitation {
    pub meetup_id: MeetupId,
    pub title: String,
    pub starts_at: chrono::NaiveDateTime,
    pub from: Group,
}

/// The group's co-hosting page: the invitations waiting for it, and the meetups to come it
/// co-hosts (which it may leave).
pub struct GroupCohosting {
    pub group: Group,
    pub invitations: Vec<Invitation>,
    pub cohosted: Vec<Invitation>,
}

/// The co-hosting page of the group at `slug` (its organisers only).
pub fn invitations(
    conn: &mut DbConn,
    viewer: &Viewer,
    slug: &str,
) -> Result<GroupCohosting, AppError> {
    let group = group_named(conn, slug)?;
    viewer.require_organiser(&group.id)?;
    let at = now();
    let listed = |rows: Vec<(MeetupId, String, chrono::NaiveDateTime, Group)>| {
        rows.into_iter()
            .map(|(meetup_id, title, starts_at, from)| Invitation {
                meetup_id,
                title,
                starts_at,
                from,
            })
            .collect()
    };
    let invitations = listed(cohosts::pending_for(conn, &group.id, at)?);
    let cohosted = listed(cohosts::accepted_for(conn, &group.id, at)?);
    Ok(GroupCohosting {
        group,
        invitations,
        cohosted,
    })
}

/// How many groups the invitation form offers at most.
const CHOICES: i64 = 500;

/// A meetup's co-hosting page, for its group's organisers.
pub struct MeetupCohosting {
    pub row: MeetupRow,
    /// Every group asked, with where it stands.
    pub cohosts: Vec<CohostView>,
    /// The groups of the instance it may still ask, as (slug, name), by name.
    pub choices: Vec<(String, String)>,
    /// Not started nor cancelled: groups may still be asked, or leave.
    pub open: bool,
}

/// The meetup `id` of the group at `slug`, its co-hosts and the groups it may ask: 404 for no
/// such group, sign-in or 403 (organisers of the meetup's group), 404 for no such meetup in it.
pub fn meetup_cohosting(
    conn: &mut DbConn,
    viewer: &Viewer,
    slug: &str,
    id: &MeetupId,
) -> Result<MeetupCohosting, AppError> {
    let (group, row) = super::groups::organised_meetup(conn, viewer, slug, id)?;
    let cohosts = every_cohost(conn, id)?;
    let asked = |slug: &str| {
        cohosts
            .iter()
            .any(|c| c.slug == slug && c.status != CohostStatus::Declined)
    };
    let mut choices: Vec<(String, String)> = groups::slugs_and_names(conn, CHOICES)?
        .into_iter()
        .filter(|(slug, _)| *slug != group.slug && !asked(slug))
        .collect();
    choices.sort_by_key(|(_, name)| name.to_lowercase());
    let m = &row.meetup;
    let open = still_open(m.starts_at, m.is_cancelled(), now());
    Ok(MeetupCohosting {
        row,
        cohosts,
        choices,
        open,
    })
}
