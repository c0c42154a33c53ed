//! Leasing due rows of a queue (the mail outbox, webhook deliveries) to one worker at a time.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text, Timestamp};

use crate::db::DbConn;
use crate::error::AppError;

#[derive(QueryableByName)]
struct ClaimedId {
    #[diesel(sql_type = Text)]
    id: String,
}

/// Leases up to `limit` pending rows of `table` due at `at` until `lease_until`, in `order`, and
/// returns their ids. On PostgreSQL `SKIP LOCKED` lets several instances claim side by side
/// without waiting on each other; SQLite has one writer, so its claim is already exclusive.
/// `table` and `order` are constants of the caller, never input.
pub fn claim_due_ids(
    conn: &mut DbConn,
    table: &'static str,
    order: &'static str,
    at: NaiveDateTime,
    lease_until: NaiveDateTime,
    limit: i64,
) -> Result<Vec<String>, AppError> {
    let ids: Vec<ClaimedId> = match conn {
        DbConn::Pg(c) => diesel::sql_query(format!(
            "UPDATE {table} SET claimed_until = $1 WHERE id IN (\
               SELECT id FROM {table} WHERE status = 'pending' AND next_attempt_at <= $2 \
               AND (claimed_until IS NULL OR claimed_until < $2) \
               ORDER BY {order} LIMIT $3 FOR UPDATE SKIP LOCKED) RETURNING id"
        ))
        .bind::<Timestamp, _>(lease_until)
        .bind::<Timestamp, _>(at)
        .bind::<BigInt, _>(limit)
        .load(c)?,
        DbConn::Sqlite(c) => diesel::sql_query(format!(
            "UPDATE {table} SET claimed_until = ? WHERE id IN (\
               SELECT id FROM {table} WHERE status = 'pending' AND next_attempt_at <= ? \
               AND (claimed_until IS NULL OR claimed_until < ?) \
               ORDER BY {order} LIMIT ?) RETURNING id"
        ))
        .bind::<Timestamp, _>(lease_until)
        .bind::<Timestamp, _>(at)
        .bind::<Timestamp, _>(at)
        .bind::<BigInt, _>(limit)
        .load(c)?,
    };
    Ok(ids.into_iter().map(|r| r.id).collect())
}
