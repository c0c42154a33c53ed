//! Storage: one connection type over SQLite and PostgreSQL, its pool and migrations.

pub mod data_version;
pub mod health;
pub mod listen;
pub mod models;
pub mod prepared;
pub mod repo;
pub mod schema;
pub mod text_columns;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use diesel::connection::InstrumentationEvent;

use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::r2d2::{self, ManageConnection};
use diesel::sqlite::SqliteConnection;
use diesel::{Connection, RunQueryDsl};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use data_version::DataVersionWatcher;
use health::{Reachability, Recent, SUSPICION_LASTS, WRITABILITY_HOLDS};

use crate::error::{connection_lost, AppError};

pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
pub const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Pg(PgConnection),
    Sqlite(SqliteConnection),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Where the database lives, decided by the URL scheme alone.
#[derive(Debug, Clone)]
pub struct DbTarget {
    pub backend: Backend,
    /// What the driver's `establish` takes: a file path for SQLite, the URL for PostgreSQL.
    pub address: String,
}

impl DbTarget {
    pub fn parse(url: &str) -> Result<DbTarget, String> {
        if let Some(path) = url.strip_prefix("sqlite://") {
            if path.is_empty() {
                return Err(
                    "DATABASE_URL sqlite:// needs a file path, e.g. sqlite://rendezvous.db".into(),
                );
            }
            return Ok(DbTarget {
                backend: Backend::Sqlite,
                address: path.to_string(),
            });
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(DbTarget {
                backend: Backend::Postgres,
                address: without_tls_on_loopback(url),
            });
        }
        Err(format!(
            "DATABASE_URL {:?} is not supported: use sqlite://FILE or postgres://USER@HOST/DB",
            redact(url)
        ))
    }

    fn connect(&self, meters: &Meters) -> Result<DbConn, diesel::ConnectionError> {
        match self.backend {
            Backend::Sqlite => {
                let mut conn = SqliteConnection::establish(&self.address)?;
                conn.set_instrumentation(counting(meters));
                // WAL lets readers run beside the one writer; busy_timeout (first, so that it
                // covers switching to WAL too) makes writers queue instead of failing when
                // another connection or process holds the lock. A page cache of 1 MiB per
                // connection, not 2: the pages read most are in the render cache, the file in
                // the system's.
                conn.batch_execute(
                    "PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; \
                     PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                     PRAGMA cache_size = -1024;",
                )
                .map_err(diesel::ConnectionError::CouldntSetupConfiguration)?;
                Ok(DbConn::Sqlite(conn))
            }
            Backend::Postgres => {
                init_tls();
                let mut conn = PgConnection::establish(&self.address)?;
                conn.set_instrumentation(counting(meters));
                Ok(DbConn::Pg(conn))
            }
        }
    }
}

/// A PostgreSQL URL whose only host is this machine's loopback and that names no `sslmode`,
/// with `sslmode=disable`: the traffic never leaves the machine, and TLS there cost about a fifth
/// of the CPU of an RSVP, both sides together (measured with the bench's RSVP load). Any other
/// URL as given, where libpq's default (TLS when the server offers it) applies.
fn without_tls_on_loopback(url: &str) -> String {
    let (head, query) = url.split_once('?').unwrap_or((url, ""));
    let rest = head.split_once("://").map_or("", |(_, rest)| rest);
    let authority = rest.split('/').next().unwrap_or("");
    let hosts = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = match hosts.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => hosts.split(':').next().unwrap_or(""),
    };
    let loopback = host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    let names_tls_or_host = query
        .split('&')
        .any(|p| p.starts_with("sslmode=") || p.starts_with("host=") || p.starts_with("hostaddr="));
    if !loopback || hosts.contains(',') || names_tls_or_host {
        return url.to_string();
    }
    let joiner = if query.is_empty() { '?' } else { '&' };
    format!("{url}{joiner}sslmode=disable")
}

/// Counts every statement (tests assert pages issue a fixed number of queries) and notices when
/// the server has closed the connection, so that the pool drops it instead of lending it again.
pub(crate) struct Counting {
    meters: Meters,
    closed: bool,
}

pub(crate) fn counting(meters: &Meters) -> Counting {
    Counting {
        meters: meters.clone(),
        closed: false,
    }
}

/// What every connection of one [`Db`] reports to it.
#[derive(Clone)]
pub(crate) struct Meters {
    queries: Arc<AtomicU64>,
    /// Set when a connection is found closed: its siblings may be dead too.
    lost: Recent<()>,
}

impl Default for Meters {
    fn default() -> Self {
        Meters {
            queries: Arc::default(),
            lost: Recent::new(SUSPICION_LASTS),
        }
    }
}

impl diesel::connection::Instrumentation for Counting {
    fn on_connection_event(&mut self, event: InstrumentationEvent<'_>) {
        match event {
            InstrumentationEvent::StartQuery { query, .. } => {
                self.meters.queries.fetch_add(1, Ordering::Relaxed);
                // `RUST_LOG=rendezvous::sql=trace` lists every statement: how a request's
                // round trips are counted and read.
                tracing::trace!(target: "rendezvous::sql", "{query}");
            }
            InstrumentationEvent::FinishQuery {
                error: Some(error), ..
            } if connection_lost(error) => {
                self.closed = true;
                self.meters.lost.set(());
            }
            _ => {}
        }
    }
}

fn closed(conn: &mut DbConn) -> bool {
    let instrumentation = match conn {
        DbConn::Pg(c) => c.instrumentation(),
        DbConn::Sqlite(c) => c.instrumentation(),
    };
    instrumentation
        .downcast_ref::<Counting>()
        .is_some_and(|c| c.closed)
}

/// Hides a password in a URL before it is logged.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..s + 3], user, &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// r2d2 manager that picks the driver by scheme and applies SQLite pragmas on every connection.
pub struct DbManager {
    target: DbTarget,
    meters: Meters,
    reachability: Reachability,
}

impl ManageConnection for DbManager {
    type Connection = DbConn;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<DbConn, Self::Error> {
        let attempt = self.target.connect(&self.meters);
        self.reachability.record(&attempt);
        attempt.map_err(diesel::r2d2::Error::ConnectionError)
    }

    fn is_valid(&self, conn: &mut DbConn) -> Result<(), Self::Error> {
        conn.batch_execute("SELECT 1")
            .map_err(diesel::r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut DbConn) -> bool {
        closed(conn)
            || match conn {
                DbConn::Pg(c) => diesel::r2d2::R2D2Connection::is_broken(c),
                DbConn::Sqlite(c) => diesel::r2d2::R2D2Connection::is_broken(c),
            }
    }
}

pub type Pool = r2d2::Pool<DbManager>;

/// Initialises OpenSSL (which libpq uses for TLS) without its exit handler: that handler frees
/// OpenSSL's state while pool threads may still be closing TLS connections, and the process
/// then dies of a segmentation fault on its way out. Call before any PostgreSQL connection.
pub fn init_tls() {
    openssl_sys::init();
}

/// The application's handle on the database.
#[derive(Clone)]
pub struct Db {
    pub pool: Pool,
    pub backend: Backend,
    /// SQLite has one writer: writers of this process queue here instead of in SQLite's busy
    /// handler, which sleeps and retries (milliseconds lost per conflict under load).
    writer: Arc<std::sync::Mutex<()>>,
    watcher: Arc<DataVersionWatcher>,
    meters: Meters,
    /// Connections taken from the pool: tests assert a page render takes one.
    checkouts: Arc<AtomicU64>,
    reachability: Reachability,
    /// The last writability probe's answer (see [`Db::ping`]).
    writability: Recent<bool>,
    /// Whether this handle's commits move the data version at once (see [`Db::background`]).
    announces_writes: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum DbSetupError {
    #[error("{0}")]
    Url(String),
    #[error("cannot connect to the database: {0}")]
    Connect(#[from] diesel::ConnectionError),
    #[error("cannot run migrations: {0}")]
    Migrate(String),
    #[error("cannot build the connection pool: {0}")]
    Pool(String),
    #[error("the database {0} cannot be written to: check the permissions of the file and of its folder (SQLite), or that the server is not a read-only standby (PostgreSQL)")]
    ReadOnly(String),
}

impl Db {
    /// Connects once directly (so a failure reports its true cause), migrates, then pools.
    pub fn connect_and_migrate(url: &str, pool_size: u32) -> Result<Db, DbSetupError> {
        let target = DbTarget::parse(url).map_err(DbSetupError::Url)?;
        let meters = Meters::default();
        let mut conn = target.connect(&meters)?;
        // Otherwise a migrated database would start, say it is healthy, and fail every write.
        if !health::writable(&mut conn).map_err(|e| DbSetupError::Migrate(e.to_string()))? {
            return Err(DbSetupError::ReadOnly(redact(url)));
        }
        run_migrations(&mut conn)?;
        drop(conn);
        let backend = target.backend;
        let watcher = Arc::new(DataVersionWatcher::connect(&target, &meters)?);
        let reachability = Reachability::default();
        let pool = r2d2::Pool::builder()
            .max_size(pool_size.max(1))
            // Checking each checkout would cost a round trip per request. A connection found
            // closed is dropped instead, and its siblings checked while one may be (`Db::run`).
            .test_on_check_out(false)
            .connection_timeout(health::CHECKOUT_TIMEOUT)
            .build(DbManager {
                target,
                meters: meters.clone(),
                reachability: reachability.clone(),
            })
            .map_err(|e| DbSetupError::Pool(e.to_string()))?;
        Ok(Db {
            pool,
            backend,
            writer: Default::default(),
            watcher,
            meters,
            checkouts: Default::default(),
            reachability,
            writability: Recent::new(WRITABILITY_HOLDS),
            announces_writes: true,
        })
    }

    /// The same database for background work (mail, series, webhooks): its commits reach the
    /// cache by their notification, as another instance's do. No reader waits to see them at
    /// once, and the worker's passes every few seconds, most of which change nothing, would
    /// otherwise have every cached page read its fingerprint again after each (PostgreSQL).
    pub fn background(&self) -> Db {
        Db {
            announces_writes: false,
            ..self.clone()
        }
    }

    /// A number that changes whenever anything is committed to the database, by any connection
    /// of any process; `None` when it cannot be read right now (see `db::data_version`).
    pub fn data_version(&self) -> Option<u64> {
        self.watcher.read()
    }

    /// Runs blocking diesel work on the blocking thread pool.
    pub async fn run<T, F>(&self, work: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConn) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let (pool, reachability) = (self.pool.clone(), self.reachability.clone());
        self.checkouts.fetch_add(1, Ordering::Relaxed);
        // A server restart closes every connection at once: the commit listener notices first.
        let validate = self.meters.lost.get().is_some() || self.watcher.listener_lost();
        // The work runs on another thread: its query spans belong under the caller's use case.
        let span = tracing::Span::current();
        let done = tokio::task::spawn_blocking(move || {
            let _entered = span.enter();
            let mut conn = health::checkout(&pool, &reachability, validate)?;
            work(&mut conn)
        })
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
        if let Err(AppError::Unavailable(_)) = done {
            // Perhaps the database no longer takes writes: the next health check finds out.
            self.writability.forget();
        }
        done
    }

    /// Like [`Db::run`], for work that writes: on SQLite, one writer of this process at a time.
    pub async fn run_write<T, F>(&self, work: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConn) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let writer = (self.backend == Backend::Sqlite).then(|| self.writer.clone());
        let watcher = self.announces_writes.then(|| self.watcher.clone());
        self.run(move |conn| {
            let _turn = writer
                .as_ref()
                .map(|w| w.lock().unwrap_or_else(|e| e.into_inner()));
            let written = work(conn);
            // Even a failure may have committed part of the work.
            if let Some(watcher) = watcher {
                watcher.wrote();
            }
            written
        })
        .await
    }

    /// Runs `work` in one transaction, on a writer's turn (see [`Db::run_write`]): every use
    /// case that changes something goes through here, so its writes and mails commit together.
    pub async fn transaction<T, F>(&self, work: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConn) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        self.run_write(move |conn| conn.transaction(work)).await
    }

    /// A form's one trip to the database: `read` finds what its answer is shown in (the group,
    /// for its language and time zone), then `work` runs in one transaction on the same
    /// connection. A refusal of `work` comes back beside what was read, so that the form can say
    /// why in the group's language; a failure of `read` (no such group, not allowed) is the answer.
    pub async fn read_then_transaction<C, T, R, W>(
        &self,
        read: R,
        work: W,
    ) -> Result<(C, Result<T, AppError>), AppError>
    where
        R: FnOnce(&mut DbConn) -> Result<C, AppError> + Send + 'static,
        W: FnOnce(&mut DbConn, &C) -> Result<T, AppError> + Send + 'static,
        C: Send + 'static,
        T: Send + 'static,
    {
        self.run_write(move |conn| {
            let context = read(conn)?;
            let done = conn.transaction(|conn| work(conn, &context));
            Ok((context, done))
        })
        .await
    }

    /// Statements run so far through this handle's connections.
    pub fn query_count(&self) -> u64 {
        self.meters.queries.load(Ordering::Relaxed)
    }

    /// Connections checked out of the pool so far by [`Db::run`] and the calls built on it.
    pub fn checkout_count(&self) -> u64 {
        self.checkouts.load(Ordering::Relaxed)
    }

    /// Whether the database answers (`Err`) and accepts writes (`Ok(false)` when not). It is
    /// asked on every call whether it answers, and at most every few seconds (or after a write
    /// failed for want of it) whether it takes writes, which takes the write lock.
    pub async fn ping(&self) -> Result<bool, AppError> {
        if let Some(writable) = self.writability.get() {
            self.run(|conn| Ok(health::alive(conn)?)).await?;
            return Ok(writable);
        }
        let writable = self.run_write(|conn| Ok(health::writable(conn)?)).await?;
        self.writability.set(writable);
        Ok(writable)
    }
}

/// Any fixed number: every instance of rendezvous asks PostgreSQL for the same advisory lock.
const MIGRATION_LOCK: i64 = 0x7264_765f_6d69_6772;

/// Runs pending migrations, one instance at a time: instances started together (a rolling
/// deploy) wait for the first to finish, then find nothing left to do.
pub fn run_migrations(conn: &mut DbConn) -> Result<(), DbSetupError> {
    type MigrationError = Box<dyn std::error::Error + Send + Sync>;
    let result: Result<(), MigrationError> = match conn {
        // One write transaction around the whole run: SQLite's write lock is the turn.
        DbConn::Sqlite(c) => c.immediate_transaction(|c| {
            c.run_pending_migrations(SQLITE_MIGRATIONS)?;
            Ok(())
        }),
        // A session lock, so that it also covers each migration's own transaction; it ends
        // with the connection if this process dies half-way.
        DbConn::Pg(c) => diesel::select(pg_advisory_lock(MIGRATION_LOCK))
            .execute(c)
            .map_err(MigrationError::from)
            .and_then(|_| {
                let run = c.run_pending_migrations(POSTGRES_MIGRATIONS).map(|_| ());
                diesel::select(pg_advisory_unlock(MIGRATION_LOCK)).execute(c)?;
                run
            }),
    };
    result.map_err(|e| DbSetupError::Migrate(e.to_string()))
}

diesel::define_sql_function!(fn pg_advisory_lock(key: diesel::sql_types::BigInt));
diesel::define_sql_function!(fn pg_advisory_unlock(key: diesel::sql_types::BigInt) -> diesel::sql_types::Bool);

/// Current instant, truncated to microseconds so both backends store it identically.
pub fn now() -> chrono::NaiveDateTime {
    truncate_micros(chrono::Utc::now().naive_utc())
}

pub fn truncate_micros(t: chrono::NaiveDateTime) -> chrono::NaiveDateTime {
    use chrono::Timelike;
    let nanos = t.nanosecond() / 1000 * 1000;
    t.with_nanosecond(nanos).unwrap_or(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_scheme_picks_backend() {
        assert_eq!(
            DbTarget::parse("sqlite://rendezvous.db").unwrap().address,
            "rendezvous.db"
        );
        assert_eq!(
            DbTarget::parse("sqlite:///tmp/x.db").unwrap().address,
            "/tmp/x.db"
        );
        assert_eq!(
            DbTarget::parse("postgres://u@h/db").unwrap().backend,
            Backend::Postgres
        );
        let err = DbTarget::parse("mysql://root:secret@h/db").unwrap_err();
        assert!(
            err.contains("sqlite://") && err.contains("postgres://"),
            "{err}"
        );
        assert!(!err.contains("secret"), "{err}");
    }

    #[test]
    fn sqlite_connections_keep_a_small_page_cache_in_wal() {
        #[derive(diesel::QueryableByName)]
        struct Setting {
            #[diesel(sql_type = diesel::sql_types::Text)]
            value: String,
        }
        let dir = std::env::temp_dir().join(format!("rdv-pragmas-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite://{}", dir.join("pragmas.db").display());
        let db = Db::connect_and_migrate(&url, 1).unwrap();
        let mut pooled = db.pool.get().unwrap();
        let DbConn::Sqlite(conn) = &mut *pooled else {
            panic!("a sqlite:// URL gives SQLite connections")
        };
        let mut read = |pragma: &str| {
            let sql = format!("SELECT CAST(\"{pragma}\" AS TEXT) AS value FROM pragma_{pragma}");
            diesel::sql_query(sql)
                .get_result::<Setting>(conn)
                .unwrap()
                .value
        };
        assert_eq!(read("cache_size"), "-1024");
        assert_eq!(read("journal_mode"), "wal");
        assert_eq!(read("foreign_keys"), "1");
        drop(pooled);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn loopback_postgres_goes_without_tls_unless_asked() {
        let address = |url| DbTarget::parse(url).unwrap().address;
        assert_eq!(
            address("postgres://u@127.0.0.1:5432/db"),
            "postgres://u@127.0.0.1:5432/db?sslmode=disable"
        );
        assert_eq!(
            address("postgresql://u:p@localhost/db?connect_timeout=5"),
            "postgresql://u:p@localhost/db?connect_timeout=5&sslmode=disable"
        );
        assert_eq!(
            address("postgres://u@[::1]:5432/db"),
            "postgres://u@[::1]:5432/db?sslmode=disable"
        );
        for kept in [
            "postgres://u@127.0.0.1/db?sslmode=require",
            "postgres://u@db.example.org/db",
            "postgres://u@127.0.0.1,db.example.org/db",
            "postgres://u@localhost/db?host=/var/run/postgresql",
            "postgres://u@127.example.org/db",
        ] {
            assert_eq!(address(kept), kept);
        }
    }
}
