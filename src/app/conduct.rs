//! A group's code of conduct: asked of members when they join or first answer a meetup.

use crate::db::models::Group;
use crate::db::repo::groups;
use crate::db::{now, DbConn};
use crate::domain::conduct::{acceptance, is_required, Acceptance, Standing};
use crate::domain::group::GroupRole;
use crate::domain::ids::{GroupId, UserId};
use crate::error::AppError;

/// Joins `user` to the group as member (idempotent), as `repo::groups::join_group` does, but
/// first asks for the code of conduct when the group requires it and they have not accepted it
/// yet: without `accepts`, 422 on `accept_code_of_conduct` and nothing changes; with it, the
/// acceptance is recorded with the time. `taking_part`: they ask for a seat, so even a member
/// is asked (a member who only declines is not). Run it in the transaction that writes.
pub fn join_accepting(
    conn: &mut DbConn,
    group: &Group,
    user_id: &UserId,
    accepts: bool,
    taking_part: bool,
) -> Result<GroupRole, AppError> {
    let group_id = &group.id;
    let required = is_required(
        group.require_code_of_conduct,
        group.code_of_conduct_url.as_deref(),
    );
    if !required {
        return groups::join_group(conn, group_id, user_id);
    }
    let current = groups::conduct_standing(conn, group_id, user_id)?;
    let asked = current.is_none() || taking_part;
    let standing = Standing {
        required: asked,
        organiser: matches!(current, Some((GroupRole::Organiser, _))),
        accepted: matches!(current, Some((_, Some(_)))),
    };
    let decision = acceptance(standing, accepts).map_err(AppError::Validation)?;
    let role = groups::join_group(conn, group_id, user_id)?;
    if decision == Acceptance::Record {
        groups::record_conduct_acceptance(conn, group_id, user_id, now())?;
    }
    Ok(role)
}

/// Whether answering a meetup of the group (`taking_part`: asking for a seat) would first ask
/// `user` to accept the code of conduct.
pub fn asks_acceptance(
    conn: &mut DbConn,
    group_id: &GroupId,
    user_id: &UserId,
    taking_part: bool,
) -> Result<bool, AppError> {
    let group = groups::group_by_id(conn, group_id)?;
    if !is_required(
        group.require_code_of_conduct,
        group.code_of_conduct_url.as_deref(),
    ) {
        return Ok(false);
    }
    let current = groups::conduct_standing(conn, group_id, user_id)?;
    let standing = Standing {
        required: current.is_none() || taking_part,
        organiser: matches!(current, Some((GroupRole::Organiser, _))),
        accepted: matches!(current, Some((_, Some(_)))),
    };
    Ok(acceptance(standing, false).is_err())
}
