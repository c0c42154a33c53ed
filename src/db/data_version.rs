//! A cheap answer to "has anything been committed since?", read on a connection of its own so
//! that cached pages and feeds can be served without reading the data they show.
//!
//! - SQLite: `PRAGMA data_version` on a connection that never writes changes whenever any other
//!   connection, of this process or another, commits. It is read in microseconds on the async
//!   worker itself: no blocking thread, no pool checkout.
//! - PostgreSQL: `pg_current_snapshot()`. Two equal snapshots mean no transaction committed in
//!   between anywhere on the server: one still running at the first would have left the list of
//!   those in progress, one started since would have moved its upper bound. One round trip, on
//!   a connection kept apart from the pool (no checkout ping), reconnected after any failure.

use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};

use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::sqlite::SqliteConnection;
use diesel::{Connection, QueryableByName, RunQueryDsl};

use super::{counting, Backend, DbTarget};

pub enum DataVersionWatcher {
    Sqlite(Mutex<SqliteConnection>),
    Postgres {
        url: String,
        conn: Mutex<Option<PgConnection>>,
        queries: Arc<AtomicU64>,
    },
}

#[derive(QueryableByName)]
struct SqliteVersion {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    data_version: i64,
}

#[derive(QueryableByName)]
struct PgSnapshot {
    #[diesel(sql_type = diesel::sql_types::Text)]
    snapshot: String,
}

impl DataVersionWatcher {
    pub fn connect(
        target: &DbTarget,
        queries: &Arc<AtomicU64>,
    ) -> Result<DataVersionWatcher, diesel::ConnectionError> {
        match target.backend {
            Backend::Sqlite => {
                let mut conn = SqliteConnection::establish(&target.address)?;
                conn.set_instrumentation(counting(queries));
                // Read only, and never waiting for a lock: it answers `None` instead.
                conn.batch_execute("PRAGMA query_only = ON; PRAGMA busy_timeout = 0;")
                    .map_err(diesel::ConnectionError::CouldntSetupConfiguration)?;
                Ok(DataVersionWatcher::Sqlite(Mutex::new(conn)))
            }
            Backend::Postgres => Ok(DataVersionWatcher::Postgres {
                url: target.address.clone(),
                conn: Mutex::new(None),
                queries: queries.clone(),
            }),
        }
    }

    /// Whether reading the version blocks on the network (and belongs on a blocking thread).
    pub fn is_remote(&self) -> bool {
        matches!(self, DataVersionWatcher::Postgres { .. })
    }

    /// The current version, or `None` when it cannot be read right now.
    pub fn read(&self) -> Option<String> {
        match self {
            DataVersionWatcher::Sqlite(conn) => {
                let mut conn = conn.lock().ok()?;
                diesel::sql_query("PRAGMA data_version")
                    .get_result::<SqliteVersion>(&mut *conn)
                    .ok()
                    .map(|v| v.data_version.to_string())
            }
            DataVersionWatcher::Postgres { url, conn, queries } => {
                let mut slot = conn.lock().ok()?;
                if slot.is_none() {
                    let mut fresh = PgConnection::establish(url).ok()?;
                    fresh.set_instrumentation(counting(queries));
                    *slot = Some(fresh);
                }
                let read = diesel::sql_query("SELECT pg_current_snapshot()::text AS snapshot")
                    .get_result::<PgSnapshot>(slot.as_mut()?);
                match read {
                    Ok(v) => Some(v.snapshot),
                    Err(_) => {
                        *slot = None;
                        None
                    }
                }
            }
        }
    }
}
