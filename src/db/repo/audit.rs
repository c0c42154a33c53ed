//! The organisers' audit log (`audit_entries`).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::models::User;
use crate::db::schema::audit_entries;
use crate::db::DbConn;
use crate::domain::ids::{GroupId, UserId};
use crate::error::AppError;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = audit_entries)]
pub struct AuditEntry {
    pub id: String,
    pub group_id: GroupId,
    pub actor_id: Option<UserId>,
    pub action: String,
    pub target_kind: String,
    pub target_id: Option<String>,
    pub label: String,
    pub created_at: NaiveDateTime,
}

/// An entry with the accounts it names, as they are now.
#[derive(Debug, Clone)]
pub struct AuditRow {
    pub entry: AuditEntry,
    pub actor: Option<User>,
    /// The person aimed at, for entries about a user.
    pub target_user: Option<User>,
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn insert_entry(conn: &mut DbConn, entry: &AuditEntry) -> Result<(), AppError> {
    diesel::insert_into(audit_entries::table)
        .values(entry)
        .execute(conn)?;
    Ok(())
}

/// One page of the group's entries, newest first, and how many there are in all.
#[tracing::instrument(level = "debug", skip_all)]
pub fn entries_of_group(
    conn: &mut DbConn,
    group_id: &GroupId,
    offset: i64,
    limit: i64,
) -> Result<(Vec<AuditRow>, i64), AppError> {
    let total: i64 = audit_entries::table
        .filter(audit_entries::group_id.eq(group_id))
        .count()
        .get_result(conn)?;
    let entries: Vec<AuditEntry> = audit_entries::table
        .filter(audit_entries::group_id.eq(group_id))
        .order((audit_entries::created_at.desc(), audit_entries::id.desc()))
        .offset(offset)
        .limit(limit)
        .select(AuditEntry::as_select())
        .load(conn)?;
    let mut ids: Vec<UserId> = entries.iter().filter_map(|e| e.actor_id.clone()).collect();
    ids.extend(
        entries
            .iter()
            .filter(|e| e.target_kind == "user")
            .filter_map(|e| e.target_id.clone().map(UserId::from)),
    );
    let users = super::users::users_by_ids(conn, &ids)?;
    let find = |id: &str| users.iter().find(|u| u.id.as_str() == id).cloned();
    let rows = entries
        .into_iter()
        .map(|entry| AuditRow {
            actor: entry.actor_id.as_ref().and_then(|id| find(id.as_str())),
            target_user: match (&entry.target_kind[..], &entry.target_id) {
                ("user", Some(id)) => find(id),
                _ => None,
            },
            entry,
        })
        .collect();
    Ok((rows, total))
}
