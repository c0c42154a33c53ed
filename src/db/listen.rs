//! PostgreSQL's commit signal: one connection per instance that `LISTEN`s on the channel every
//! writing transaction notifies (the `notify_commit` triggers of the migrations), on a thread
//! of its own.
//!
//! It speaks libpq directly through `pq-sys`, the driver diesel's connections already use, so
//! the listener reads the same URL with the same meaning (TLS modes, service files, passwords)
//! as the pool: diesel itself cannot wait for a notification without running a query.
//!
//! The listener moves an epoch forward on every notification and on every (re)connection, and
//! says whether it is connected: while it is not, nothing tells that the data is unchanged.

use std::ffi::{CStr, CString};
use std::os::raw::c_char;
use std::ptr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Weak};
use std::time::Duration;

use pq_sys::{
    ConnStatusType, ExecStatusType, PGconn, PQclear, PQconnectdbParams, PQconsumeInput,
    PQerrorMessage, PQexec, PQfinish, PQfreemem, PQgetCurrentTimeUSec, PQnotifies, PQresultStatus,
    PQsocket, PQsocketPoll, PQstatus,
};

/// The channel of the `notify_commit` triggers, fired by each changed row (see the
/// `notify_changed_rows` migration): a statement that changes nothing notifies nobody.
pub const CHANNEL: &str = "rendezvous_commits";
/// Tables whose writes notify nobody: no cached page or feed shows them (sign-in, tokens, limits,
/// mail queues). Every other table has the `notify_commit` trigger; a test holds the two lists
/// together, so a new table cannot be forgotten.
pub const UNSIGNALLED_TABLES: [&str; 19] = [
    "__diesel_schema_migrations",
    "api_tokens",
    "browser_sessions",
    "email_changes",
    // Answers waiting for their link hold no seat: no page shows them.
    "guest_answers",
    "incident_reports",
    // Invitations are on organisers' pages only, never cached.
    "invitation_optouts",
    "invitations",
    "login_failures",
    "mail_fanouts",
    "message_recipients",
    "organiser_events",
    "outbox",
    "password_reset_requests",
    "password_resets",
    // Counts for the organisers' stats page and digest, never cached.
    "seat_moves",
    // Webhooks and their deliveries are on organisers' pages only, never cached.
    "webhook_attempts",
    "webhook_deliveries",
    "webhooks",
];
/// The listener's `application_name`, by which an operator (or a test) can find its backend.
pub const APPLICATION_NAME: &CStr = c"rendezvous-listener";

/// How long the thread waits for the socket before looking whether it is still wanted.
const WAKE_EVERY: Duration = Duration::from_millis(500);
/// Waits between failed attempts to connect, doubling up to the last.
const RETRY_FIRST: Duration = Duration::from_millis(50);
const RETRY_LAST: Duration = Duration::from_secs(2);

/// What the listening thread shares with the readers of the data version.
#[derive(Default)]
pub struct Signal {
    connected: AtomicBool,
    epoch: AtomicU64,
}

impl Signal {
    /// The current epoch, or `None` while notifications may be missed.
    pub fn epoch(&self) -> Option<u64> {
        // Read the epoch first: a disconnection between the two reads then shows as `None`.
        let epoch = self.epoch.load(Ordering::Acquire);
        self.connected.load(Ordering::Acquire).then_some(epoch)
    }

    /// Something changed that no notification may have told yet (this instance's own commit).
    pub fn bump(&self) {
        self.epoch.fetch_add(1, Ordering::AcqRel);
    }

    fn set_connected(&self, connected: bool) {
        if connected {
            // Entries read before this connection may have missed a notification.
            self.bump();
        }
        self.connected.store(connected, Ordering::Release);
    }
}

/// Starts the listening thread for the database at `url`. It runs while `signal` has another
/// owner, reconnecting after any failure.
pub fn spawn(url: &str, signal: &Arc<Signal>) -> std::io::Result<()> {
    let url = CString::new(url).map_err(std::io::Error::other)?;
    let weak = Arc::downgrade(signal);
    std::thread::Builder::new()
        .name("pg-listener".into())
        .spawn(move || listen_while_wanted(&url, &weak))
        .map(|_| ())
}

fn listen_while_wanted(url: &CStr, signal: &Weak<Signal>) {
    let mut retry = RETRY_FIRST;
    while signal.strong_count() > 0 {
        match Listener::connect(url) {
            Ok(listener) => {
                retry = RETRY_FIRST;
                if let Some(s) = signal.upgrade() {
                    s.set_connected(true);
                }
                let lost = listener.relay(signal);
                if let Some(s) = signal.upgrade() {
                    s.set_connected(false);
                }
                if let Err(e) = lost {
                    tracing::warn!(error = %e, "commit listener lost its connection; reconnecting");
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "commit listener cannot connect");
                std::thread::sleep(retry);
                retry = (retry * 2).min(RETRY_LAST);
            }
        }
    }
}

/// One libpq connection in `LISTEN` mode.
struct Listener(*mut PGconn);

impl Drop for Listener {
    fn drop(&mut self) {
        // SAFETY: the pointer came from PQconnectdbParams and is finished exactly once.
        unsafe { PQfinish(self.0) }
    }
}

impl Listener {
    fn connect(url: &CStr) -> Result<Listener, String> {
        // Later keywords override what the URL (expanded from `dbname`) says; keepalives make a
        // silently vanished server show as a lost connection within about ten seconds.
        let settings: [(&CStr, &CStr); 6] = [
            (c"dbname", url),
            (c"application_name", APPLICATION_NAME),
            (c"keepalives", c"1"),
            (c"keepalives_idle", c"5"),
            (c"keepalives_interval", c"2"),
            (c"keepalives_count", c"2"),
        ];
        let mut keys: Vec<*const c_char> = settings.iter().map(|(k, _)| k.as_ptr()).collect();
        let mut values: Vec<*const c_char> = settings.iter().map(|(_, v)| v.as_ptr()).collect();
        keys.push(ptr::null());
        values.push(ptr::null());
        // SAFETY: both arrays are null-terminated and outlive the call.
        let conn = unsafe { PQconnectdbParams(keys.as_ptr(), values.as_ptr(), 1) };
        if conn.is_null() {
            return Err("out of memory".into());
        }
        let listener = Listener(conn);
        // SAFETY: `conn` is a live connection handle.
        if unsafe { PQstatus(conn) } != ConnStatusType::CONNECTION_OK {
            return Err(listener.error());
        }
        let listen = CString::new(format!("LISTEN {CHANNEL}")).map_err(|e| e.to_string())?;
        // SAFETY: live handle, NUL-terminated query; the result is cleared right after.
        let ok = unsafe {
            let result = PQexec(conn, listen.as_ptr());
            let ok = PQresultStatus(result) == ExecStatusType::PGRES_COMMAND_OK;
            PQclear(result);
            ok
        };
        if ok {
            Ok(listener)
        } else {
            Err(listener.error())
        }
    }

    fn error(&self) -> String {
        // SAFETY: libpq returns a NUL-terminated message owned by the connection.
        unsafe { CStr::from_ptr(PQerrorMessage(self.0)) }
            .to_string_lossy()
            .trim()
            .to_string()
    }

    /// Moves the epoch on every notification until the connection fails or nobody listens.
    fn relay(&self, signal: &Weak<Signal>) -> Result<(), String> {
        // SAFETY (whole function): `self.0` is a live handle for as long as `self` is.
        let socket = unsafe { PQsocket(self.0) };
        if socket < 0 {
            return Err(self.error());
        }
        loop {
            let until = unsafe { PQgetCurrentTimeUSec() } + WAKE_EVERY.as_micros() as i64;
            let ready = unsafe { PQsocketPoll(socket, 1, 0, until) };
            let Some(signal) = signal.upgrade() else {
                return Ok(());
            };
            if ready < 0 {
                return Err(std::io::Error::last_os_error().to_string());
            }
            if ready == 0 {
                continue;
            }
            if unsafe { PQconsumeInput(self.0) } == 0
                || unsafe { PQstatus(self.0) } != ConnStatusType::CONNECTION_OK
            {
                return Err(self.error());
            }
            let mut notified = false;
            loop {
                let notice = unsafe { PQnotifies(self.0) };
                if notice.is_null() {
                    break;
                }
                unsafe { PQfreemem(notice.cast()) };
                notified = true;
            }
            if notified {
                signal.bump();
            }
        }
    }
}
