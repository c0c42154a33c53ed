//! Who is asking: a [`Viewer`], resolved once per request together with the session or token
//! lookup, and the access rules asked of it.
//!
//! Reads use the viewer's roles as they were when the request started. A write asks again on
//! the connection of its own transaction ([`require_organiser`]), so a role lost meanwhile
//! cannot slip through between the check and the write.

use crate::db::models::User;
use crate::db::repo::{groups, users};
use crate::db::{Db, DbConn};
use crate::domain::group::GroupRole;
use crate::domain::ids::{GroupId, UserId};
use crate::domain::privacy::Standing;
use crate::error::AppError;

use super::accounts::user_of_session;

/// Anonymous, or a signed-in user with their role in each group they belong to.
#[derive(Debug, Clone, Default)]
pub struct Viewer {
    user: Option<User>,
    roles: Vec<(GroupId, GroupRole)>,
}

impl Viewer {
    pub fn anonymous() -> Viewer {
        Viewer::default()
    }

    /// The user with their memberships, read on the caller's connection.
    pub fn of_user(conn: &mut DbConn, user: User) -> Result<Viewer, AppError> {
        let roles = groups::roles_of_user(conn, &user.id)?;
        Ok(Viewer {
            user: Some(user),
            roles,
        })
    }

    /// The viewer of a browser session key (anonymous when it is unknown or expired).
    pub fn of_session(conn: &mut DbConn, key: &str) -> Result<Viewer, AppError> {
        match user_of_session(conn, key)? {
            Some(user) => Viewer::of_user(conn, user),
            None => Ok(Viewer::anonymous()),
        }
    }

    /// The viewer of an API token; `None` when no account has it.
    pub fn of_api_token(conn: &mut DbConn, token: &str) -> Result<Option<Viewer>, AppError> {
        users::user_by_api_token(conn, token)?
            .map(|user| Viewer::of_user(conn, user))
            .transpose()
    }

    pub fn user(&self) -> Option<&User> {
        self.user.as_ref()
    }

    pub fn user_id(&self) -> Option<&UserId> {
        self.user.as_ref().map(|u| &u.id)
    }

    pub fn is_signed_in(&self) -> bool {
        self.user.is_some()
    }

    pub fn require_user(&self) -> Result<&User, AppError> {
        self.user.as_ref().ok_or(AppError::Unauthorized)
    }

    /// The role held in the group when the request started.
    pub fn role_in(&self, group: &GroupId) -> Option<GroupRole> {
        self.roles
            .iter()
            .find(|(g, _)| g == group)
            .map(|(_, role)| *role)
    }

    pub fn organises(&self, group: &GroupId) -> bool {
        self.role_in(group) == Some(GroupRole::Organiser)
    }

    /// Whether the viewer organises the group or helps at its door.
    pub fn checks_in(&self, group: &GroupId) -> bool {
        self.role_in(group).is_some_and(GroupRole::checks_in)
    }

    /// Where the viewer stands in the group, for the privacy rules.
    pub fn standing_in(&self, group: &GroupId) -> Standing {
        let role = self.role_in(group);
        Standing {
            member: role.is_some(),
            organiser: role == Some(GroupRole::Organiser),
        }
    }

    /// 401 for anonymous callers, 403 for those who do not organise the group, as their roles
    /// were when the request started: for what is only shown (a write asks again, below).
    pub fn require_organiser(&self, group: &GroupId) -> Result<&User, AppError> {
        let user = self.require_user()?;
        if self.organises(group) {
            Ok(user)
        } else {
            Err(AppError::Forbidden)
        }
    }
}

/// Whether the user organises the group, on the caller's connection (inside its transaction).
pub fn organises(conn: &mut DbConn, group: &GroupId, user: &UserId) -> Result<bool, AppError> {
    Ok(groups::role_of(conn, group, user)? == Some(GroupRole::Organiser))
}

/// 403 unless the user organises the group, on the caller's connection.
pub fn require_organiser(
    conn: &mut DbConn,
    group: &GroupId,
    user: &UserId,
) -> Result<(), AppError> {
    if organises(conn, group, user)? {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// 403 unless the user organises the group or helps at its door, on the caller's connection.
pub fn require_door_keeper(
    conn: &mut DbConn,
    group: &GroupId,
    user: &UserId,
) -> Result<(), AppError> {
    match groups::role_of(conn, group, user)? {
        Some(role) if role.checks_in() => Ok(()),
        _ => Err(AppError::Forbidden),
    }
}

/// The viewer of a browser session key, in one checkout (user and memberships).
#[tracing::instrument(skip_all)]
pub async fn session_viewer(db: &Db, key: String) -> Result<Viewer, AppError> {
    db.run(move |conn| Viewer::of_session(conn, &key)).await
}

/// The viewer of an API token, in one checkout; `None` when no account has it.
#[tracing::instrument(skip_all)]
pub async fn token_viewer(db: &Db, token: String) -> Result<Option<Viewer>, AppError> {
    db.run(move |conn| Viewer::of_api_token(conn, &token)).await
}
