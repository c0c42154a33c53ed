//! A cheap answer to "has anything been committed since?", read on a connection of its own so
//! that cached pages and feeds can be served without reading the data they show.
//!
//! - SQLite: `PRAGMA data_version` on a connection that never writes changes whenever any other
//!   connection, of this process or another, commits. It is read in microseconds on the async
//!   worker itself: no blocking thread, no pool checkout.
//! - PostgreSQL: an epoch kept in memory, moved by the commit listener (`db::listen`) on every
//!   notification the writing transactions send, and by this instance's own writes (which must
//!   read back at once, before their notification arrives). Reading it costs no round trip;
//!   while the listener is disconnected there is no version, so every read checks the data.

use std::sync::{Arc, Mutex};

use diesel::connection::SimpleConnection;
use diesel::sqlite::SqliteConnection;
use diesel::{Connection, QueryableByName, RunQueryDsl};

use super::listen::{self, Signal};
use super::{counting, Backend, DbTarget, Meters};

pub enum DataVersionWatcher {
    Sqlite(Mutex<SqliteConnection>),
    Postgres(Arc<Signal>),
}

#[derive(QueryableByName)]
struct SqliteVersion {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    data_version: i64,
}

impl DataVersionWatcher {
    pub(crate) fn connect(
        target: &DbTarget,
        meters: &Meters,
    ) -> Result<DataVersionWatcher, diesel::ConnectionError> {
        match target.backend {
            Backend::Sqlite => {
                let mut conn = SqliteConnection::establish(&target.address)?;
                conn.set_instrumentation(counting(meters));
                // Read only, and never waiting for a lock: it answers `None` instead.
                conn.batch_execute("PRAGMA query_only = ON; PRAGMA busy_timeout = 0;")
                    .map_err(diesel::ConnectionError::CouldntSetupConfiguration)?;
                Ok(DataVersionWatcher::Sqlite(Mutex::new(conn)))
            }
            Backend::Postgres => {
                let signal = Arc::new(Signal::default());
                listen::spawn(&target.address, &signal).map_err(|e| {
                    diesel::ConnectionError::BadConnection(format!(
                        "cannot start the commit listener: {e}"
                    ))
                })?;
                Ok(DataVersionWatcher::Postgres(signal))
            }
        }
    }

    /// The current version, or `None` when it cannot be read right now.
    pub fn read(&self) -> Option<u64> {
        match self {
            DataVersionWatcher::Sqlite(conn) => {
                let mut conn = conn.lock().ok()?;
                diesel::sql_query("PRAGMA data_version")
                    .get_result::<SqliteVersion>(&mut *conn)
                    .ok()
                    .map(|v| v.data_version as u64)
            }
            DataVersionWatcher::Postgres(signal) => signal.epoch(),
        }
    }

    /// Whether PostgreSQL's commit listener is disconnected (the server may have restarted).
    pub fn listener_lost(&self) -> bool {
        matches!(self, DataVersionWatcher::Postgres(signal) if signal.epoch().is_none())
    }

    /// This instance committed a write: SQLite's version sees it, PostgreSQL's notification
    /// may not have arrived yet.
    pub fn wrote(&self) {
        if let DataVersionWatcher::Postgres(signal) = self {
            signal.bump();
        }
    }
}
