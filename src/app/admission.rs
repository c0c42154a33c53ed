//! Who may come into a group: the check every way in asks (joining, answering a meetup on the
//! page, the API or a mailed link, proposing a talk, voting, suggesting a venue) of the
//! removals and bans organisers made (`app::bans`).
//!
//! The check runs inside the transaction of the write it guards, after the group is held
//! (`exclusions::hold_group`: a share lock on the group that a ban's exclusive lock waits for),
//! so a ban and an answer arriving together are ordered: the answer either lands before the ban
//! (and the ban releases it) or is refused.

use crate::db::models::Group;
use crate::db::repo::exclusions::{self, Exclusion};
use crate::db::{now, DbConn};
use crate::domain::ids::{GroupId, UserId};
use crate::error::AppError;

pub use crate::db::repo::exclusions::Via;

/// 403 `banned` when the group banned the user; a removed member who comes back by an explicit
/// act (joining, answering on the page or the API, proposing, voting, suggesting) is a member
/// again, and the removal is forgotten. Takes the group's share lock first: call it before any
/// meetup, talk or suggestion lock, in the transaction that writes.
pub fn admit(conn: &mut DbConn, group: &GroupId, user: &UserId) -> Result<(), AppError> {
    exclusions::hold_group(conn, group)?;
    admit_held(conn, group, user)
}

/// [`admit`] through a meetup, talk or suggestion of the group, as the first statement of the
/// transaction (see `exclusions::hold_group_of`); the group.
pub fn admit_via(conn: &mut DbConn, via: Via, user: &UserId) -> Result<Group, AppError> {
    let group = exclusions::hold_group_of(conn, via)?;
    admit_held(conn, &group.id, user)?;
    Ok(group)
}

/// The check of a signed link mailed to the user (`/r/{token}`), through the link's meetup:
/// 403 `banned` when the group banned them, 410 `link_expired` when an organiser removed them
/// and they did not come back by themselves (a link mailed to a member is no way back in once
/// they were removed). Holds the group first, like [`admit`]; the group.
pub fn admit_by_link_via(conn: &mut DbConn, via: Via, user: &UserId) -> Result<Group, AppError> {
    let group = exclusions::hold_group_of(conn, via)?;
    link_refusal(conn, &group.id, user)?;
    Ok(group)
}

/// [`admit`] for a caller already holding the group's lock (`groups::lock_group`).
pub fn admit_held(conn: &mut DbConn, group: &GroupId, user: &UserId) -> Result<(), AppError> {
    match exclusions::exclusion_of(conn, group, user)? {
        Some(e) if e.banned => Err(AppError::Banned),
        Some(_) => {
            exclusions::delete_exclusion(conn, group, user)?;
            Ok(())
        }
        None => Ok(()),
    }
}

/// What [`admit_by_link_via`] answers, without a lock: for showing the link's page.
pub fn link_refusal(conn: &mut DbConn, group: &GroupId, user: &UserId) -> Result<(), AppError> {
    match exclusions::exclusion_of(conn, group, user)? {
        Some(e) if e.banned => Err(AppError::Banned),
        Some(_) => Err(AppError::Gone("link_expired")),
        None => Ok(()),
    }
}

/// Records that an organiser removed the user (see [`link_refusal`]); a ban stays a ban.
pub fn record_removal(conn: &mut DbConn, group: &GroupId, user: &UserId) -> Result<(), AppError> {
    if let Some(e) = exclusions::exclusion_of(conn, group, user)? {
        if e.banned {
            return Ok(());
        }
    }
    exclusions::put_exclusion(
        conn,
        &Exclusion {
            group_id: group.clone(),
            user_id: user.clone(),
            banned: false,
            reason: String::new(),
            banned_by: None,
            created_at: now(),
        },
    )
}
