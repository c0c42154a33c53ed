//! Who an organiser put out of a group: removals and bans (`group_exclusions`).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::models::{Group, User};
use crate::db::schema::{
    group_exclusions, groups, meetups, polls, talks, users, venue_suggestions,
};
use crate::db::{now, DbConn};
use crate::domain::ids::{GroupId, MeetupId, PollId, SuggestionId, TalkId, UserId};
use crate::domain::talk::TalkStatus;
use crate::error::AppError;

/// One row: a removal (`banned` false) or a ban.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = group_exclusions)]
pub struct Exclusion {
    pub group_id: GroupId,
    pub user_id: UserId,
    pub banned: bool,
    pub reason: String,
    pub banned_by: Option<UserId>,
    pub created_at: NaiveDateTime,
}

/// A ban with the banned account, for the organisers' list.
#[derive(Debug, Clone)]
pub struct BanRow {
    pub ban: Exclusion,
    pub user: User,
    /// Who banned, when the account still exists.
    pub banned_by: Option<User>,
}

/// Holds the group's row until the transaction ends, so that a ban (which takes the group's
/// lock, `groups::lock_group`) cannot slip between the check of an exclusion and the write it
/// guards. Taken before any meetup, talk or suggestion lock. PostgreSQL: a share lock, so
/// answers to the group's meetups do not wait for each other. SQLite: the transaction's first
/// statement is a write, taking the one writer's lock at once (a transaction that reads first
/// cannot always upgrade when another process writes).
#[tracing::instrument(level = "debug", skip_all)]
pub fn hold_group(conn: &mut DbConn, group_id: &GroupId) -> Result<(), AppError> {
    let held = match conn {
        DbConn::Pg(pg) => groups::table
            .find(group_id)
            .select(groups::id)
            .for_share()
            .first::<GroupId>(pg)
            .optional()?
            .is_some(),
        DbConn::Sqlite(_) => {
            diesel::update(groups::table.find(group_id))
                .set(groups::updated_at.eq(groups::updated_at))
                .execute(conn)?
                > 0
        }
    };
    if held {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// What a write reaches its group through.
pub enum Via<'a> {
    Meetup(&'a MeetupId),
    Talk(&'a TalkId),
    Suggestion(&'a SuggestionId),
    Poll(&'a PollId),
}

/// [`hold_group`] of the group of a meetup, talk or suggestion (404 for none), in one statement
/// (the first of the transaction on SQLite); the group, read with its lock so that mail queued
/// later in the transaction need not read it again under the meetup's.
#[tracing::instrument(level = "debug", skip_all)]
pub fn hold_group_of(conn: &mut DbConn, via: Via) -> Result<Group, AppError> {
    // The same lock as `hold_group`, reached through the row's group (a subquery).
    macro_rules! hold_where {
        ($filter:expr) => {
            match conn {
                DbConn::Pg(pg) => groups::table
                    .filter($filter)
                    .select(Group::as_select())
                    .for_share()
                    .first::<Group>(pg)
                    .optional()?,
                DbConn::Sqlite(sqlite) => diesel::update(groups::table.filter($filter))
                    .set(groups::updated_at.eq(groups::updated_at))
                    .returning(Group::as_returning())
                    .get_result::<Group>(sqlite)
                    .optional()?,
            }
        };
    }
    let group = match via {
        Via::Meetup(id) => {
            hold_where!(groups::id.eq_any(meetups::table.find(id).select(meetups::group_id)))
        }
        Via::Talk(id) => {
            hold_where!(groups::id.eq_any(talks::table.find(id).select(talks::group_id)))
        }
        Via::Poll(id) => {
            hold_where!(groups::id.eq_any(polls::table.find(id).select(polls::group_id)))
        }
        Via::Suggestion(id) => hold_where!(groups::id.eq_any(
            venue_suggestions::table
                .find(id)
                .select(venue_suggestions::group_id)
        )),
    };
    group.ok_or(AppError::NotFound)
}

/// The user's exclusion from the group, if any.
#[tracing::instrument(level = "debug", skip_all)]
pub fn exclusion_of(
    conn: &mut DbConn,
    group_id: &GroupId,
    user_id: &UserId,
) -> Result<Option<Exclusion>, AppError> {
    Ok(group_exclusions::table
        .find((group_id, user_id))
        .select(Exclusion::as_select())
        .first(conn)
        .optional()?)
}

/// Records the exclusion, replacing any earlier one of the user in the group.
#[tracing::instrument(level = "debug", skip_all)]
pub fn put_exclusion(conn: &mut DbConn, exclusion: &Exclusion) -> Result<(), AppError> {
    delete_exclusion(conn, &exclusion.group_id, &exclusion.user_id)?;
    diesel::insert_into(group_exclusions::table)
        .values(exclusion)
        .execute(conn)?;
    Ok(())
}

/// Forgets the user's exclusion from the group; whether there was one.
#[tracing::instrument(level = "debug", skip_all)]
pub fn delete_exclusion(
    conn: &mut DbConn,
    group_id: &GroupId,
    user_id: &UserId,
) -> Result<bool, AppError> {
    let deleted =
        diesel::delete(group_exclusions::table.find((group_id, user_id))).execute(conn)?;
    Ok(deleted > 0)
}

/// A lifted ban stays as a removal (see the table's comment); whether there was a ban.
#[tracing::instrument(level = "debug", skip_all)]
pub fn lift_ban(conn: &mut DbConn, group_id: &GroupId, user_id: &UserId) -> Result<bool, AppError> {
    let lifted = diesel::update(
        group_exclusions::table
            .find((group_id, user_id))
            .filter(group_exclusions::banned.eq(true)),
    )
    .set((
        group_exclusions::banned.eq(false),
        group_exclusions::created_at.eq(now()),
    ))
    .execute(conn)?;
    Ok(lifted > 0)
}

/// The group's bans, newest first, with the accounts named.
#[tracing::instrument(level = "debug", skip_all)]
pub fn bans_of_group(conn: &mut DbConn, group_id: &GroupId) -> Result<Vec<BanRow>, AppError> {
    let rows: Vec<(Exclusion, User)> = group_exclusions::table
        .inner_join(users::table)
        .filter(group_exclusions::group_id.eq(group_id))
        .filter(group_exclusions::banned.eq(true))
        .order((
            group_exclusions::created_at.desc(),
            group_exclusions::user_id.asc(),
        ))
        .select((Exclusion::as_select(), User::as_select()))
        .load(conn)?;
    let by_ids: Vec<UserId> = rows
        .iter()
        .filter_map(|(b, _)| b.banned_by.clone())
        .collect();
    let by = super::users::users_by_ids(conn, &by_ids)?;
    Ok(rows
        .into_iter()
        .map(|(ban, user)| {
            let banned_by = ban
                .banned_by
                .as_ref()
                .and_then(|id| by.iter().find(|u| &u.id == id).cloned());
            BanRow {
                ban,
                user,
                banned_by,
            }
        })
        .collect())
}

/// Withdraws the user's proposals to the group still waiting for a decision; how many.
#[tracing::instrument(level = "debug", skip_all)]
pub fn withdraw_open_proposals(
    conn: &mut DbConn,
    group_id: &GroupId,
    user_id: &UserId,
) -> Result<usize, AppError> {
    Ok(diesel::update(
        talks::table
            .filter(talks::group_id.eq(group_id))
            .filter(talks::proposer_id.eq(user_id))
            .filter(talks::status.eq(TalkStatus::Proposed)),
    )
    .set((
        talks::status.eq(TalkStatus::Withdrawn),
        talks::updated_at.eq(now()),
    ))
    .execute(conn)?)
}
