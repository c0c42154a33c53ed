//! Knowing fast when the database is gone or cannot be written, so requests fail in a second
//! (load balancers then route around) instead of queueing for the whole checkout timeout.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use diesel::r2d2::{self, ManageConnection, PooledConnection};
use diesel::RunQueryDsl;

use super::DbConn;
use crate::error::AppError;

/// How long a request may wait for a connection while the database is reachable: under a
/// burst, every connection can be busy for a while.
pub const CHECKOUT_TIMEOUT: Duration = Duration::from_secs(10);
/// Waits are cut into steps this long, so a wait notices the database going away.
const CHECKOUT_STEP: Duration = Duration::from_millis(250);

/// Whether the last attempt to open a connection worked: a circuit that the first failure
/// opens and the first success (the pool keeps trying in the background) closes.
#[derive(Clone)]
pub struct Reachability(Arc<AtomicBool>);

impl Default for Reachability {
    fn default() -> Self {
        Reachability(Arc::new(AtomicBool::new(true)))
    }
}

impl Reachability {
    pub fn record<T, E>(&self, attempt: &Result<T, E>) {
        self.0.store(attempt.is_ok(), Ordering::Relaxed);
    }

    fn reachable(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// A value that holds for a while after it was set, then reads as unset.
#[derive(Clone)]
pub struct Recent<T> {
    value: Arc<Mutex<Option<(Instant, T)>>>,
    holds: Duration,
}

impl<T: Copy> Recent<T> {
    pub fn new(holds: Duration) -> Self {
        Recent {
            value: Arc::default(),
            holds,
        }
    }

    pub fn get(&self) -> Option<T> {
        let last = *self.value.lock().ok()?;
        last.and_then(|(at, value)| (at.elapsed() < self.holds).then_some(value))
    }

    pub fn set(&self, value: T) {
        if let Ok(mut last) = self.value.lock() {
            *last = Some((Instant::now(), value));
        }
    }

    pub fn forget(&self) {
        if let Ok(mut last) = self.value.lock() {
            *last = None;
        }
    }
}

/// How long a writability probe's answer stands: probing takes the write lock.
pub const WRITABILITY_HOLDS: Duration = Duration::from_secs(5);

/// How long after a connection was found closed every checkout is checked first: its siblings
/// may be dead too.
pub const SUSPICION_LASTS: Duration = Duration::from_secs(30);

/// Whether the connection still answers (it may have been cut since it was checked out).
pub fn alive(conn: &mut DbConn) -> Result<(), diesel::result::Error> {
    diesel::sql_query("SELECT 1").execute(conn).map(|_| ())
}

/// A pooled connection; 503 `unavailable` after the checkout timeout, or within a step when
/// connections cannot be opened at all. With `validate`, a connection that no longer answers
/// is dropped (its instrumentation marks it closed) and another one taken.
pub fn checkout<M>(
    pool: &r2d2::Pool<M>,
    reachability: &Reachability,
    validate: bool,
) -> Result<PooledConnection<M>, AppError>
where
    M: ManageConnection<Connection = DbConn>,
{
    let deadline = Instant::now() + CHECKOUT_TIMEOUT;
    loop {
        match pool.get_timeout(CHECKOUT_STEP) {
            Ok(mut conn) => {
                if !validate || alive(&mut conn).is_ok() {
                    return Ok(conn);
                }
                if Instant::now() >= deadline {
                    return Err(AppError::Unavailable("no live connection".into()));
                }
            }
            Err(e) if !reachability.reachable() || Instant::now() >= deadline => {
                return Err(AppError::Unavailable(e.to_string()));
            }
            Err(_) => {}
        }
    }
}

/// Whether this connection can write: a read-only SQLite file (or folder) opens without
/// complaint and only fails at the first write; a PostgreSQL standby refuses writes too.
pub fn writable(conn: &mut DbConn) -> Result<bool, diesel::result::Error> {
    match conn {
        DbConn::Sqlite(c) => {
            // IMMEDIATE takes the write lock before reading anything: a deferred transaction
            // that read the schema while another instance migrated would be refused at once
            // ("database is locked") instead of waiting its turn.
            let probe = c.immediate_transaction(|c| {
                diesel::sql_query("CREATE TABLE rendezvous_write_probe (x INTEGER)").execute(c)?;
                Err::<(), _>(diesel::result::Error::RollbackTransaction)
            });
            match probe {
                Err(diesel::result::Error::RollbackTransaction) => Ok(true),
                Err(diesel::result::Error::DatabaseError(_, info))
                    if info.message().contains("readonly") =>
                {
                    Ok(false)
                }
                Err(e) => Err(e),
                Ok(()) => Ok(true),
            }
        }
        DbConn::Pg(c) => {
            #[derive(diesel::QueryableByName)]
            struct ReadOnly {
                #[diesel(sql_type = diesel::sql_types::Bool)]
                read_only: bool,
            }
            let row: ReadOnly = diesel::sql_query(
                "SELECT pg_is_in_recovery() OR current_setting('transaction_read_only') = 'on' \
                 AS read_only",
            )
            .get_result(c)?;
            Ok(!row.read_only)
        }
    }
}
