//! The organisers' audit log: who did what to what and when, recorded in the transaction of
//! the action, listed to the group's organisers.

use super::access::Viewer;
use crate::db::models::Group;
use crate::db::repo::audit::{self, AuditEntry, AuditRow};
use crate::db::repo::groups;
use crate::db::{now, DbConn};
use crate::domain::ids::{GroupId, UserId};
use crate::domain::paging::Paging;
use crate::error::AppError;

/// What an entry is about: a meetup, talk, message, report or person, by id, with a short
/// label (a title; nothing for a person, whose name is read from the account when shown).
pub enum Target<'a> {
    Meetup(&'a str, &'a str),
    Talk(&'a str, &'a str),
    Message(&'a str, &'a str),
    Report(&'a str, &'a str),
    /// A person, and a label (the role set, for a role change).
    User(&'a UserId, &'a str),
}

/// Records `action` by `actor` in the group, inside the caller's transaction.
pub fn record(
    conn: &mut DbConn,
    group: &GroupId,
    actor: &UserId,
    action: &str,
    target: Target,
) -> Result<(), AppError> {
    let (kind, id, label) = match target {
        Target::Meetup(id, label) => ("meetup", id.to_string(), label),
        Target::Talk(id, label) => ("talk", id.to_string(), label),
        Target::Message(id, label) => ("message", id.to_string(), label),
        Target::Report(id, label) => ("report", id.to_string(), label),
        Target::User(id, label) => ("user", id.to_string(), label),
    };
    audit::insert_entry(
        conn,
        &AuditEntry {
            id: uuid::Uuid::new_v4().to_string(),
            group_id: group.clone(),
            actor_id: Some(actor.clone()),
            action: action.to_string(),
            target_kind: kind.to_string(),
            target_id: Some(id),
            label: label.chars().take(200).collect(),
            created_at: now(),
        },
    )
}

/// The most entries one page shows.
pub const PER_PAGE_MAX: i64 = 100;
pub const PER_PAGE_DEFAULT: i64 = 50;

/// One page of the log (pages count from 1).
pub struct AuditPage {
    pub entries: Vec<AuditRow>,
    pub paging: Paging,
    pub total: i64,
}

/// The group at `slug` and one page of its log, newest first, for its organisers (404, then
/// sign-in or 403).
#[tracing::instrument(skip_all)]
pub fn page(
    conn: &mut DbConn,
    viewer: &Viewer,
    slug: &str,
    page: Option<i64>,
    per_page: Option<i64>,
) -> Result<(Group, AuditPage), AppError> {
    let group = groups::group_by_slug(conn, slug)?.ok_or(AppError::NotFound)?;
    viewer.require_organiser(&group.id)?;
    let paging = Paging::new(page, per_page, PER_PAGE_DEFAULT, PER_PAGE_MAX);
    let (entries, total) =
        audit::entries_of_group(conn, &group.id, paging.offset(), paging.per_page)?;
    Ok((
        group,
        AuditPage {
            entries,
            paging,
            total,
        },
    ))
}
