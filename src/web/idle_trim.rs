//! Gives memory freed after a burst of requests back to the system once the burst is over.
//!
//! glibc keeps freed memory in its arenas for reuse: after a load peak an idle instance would
//! stay at its peak footprint. Trimming only once requests stopped keeps `malloc_trim` (which
//! locks the arenas while it walks them) off the busy path.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;

/// Requests started since the process began: the idle watch compares it between ticks.
static STARTED: AtomicU64 = AtomicU64::new(0);

/// How long without a new request counts as idle.
const QUIET: Duration = Duration::from_secs(1);

pub async fn count_requests(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    STARTED.fetch_add(1, Ordering::Relaxed);
    next.call(req).await
}

/// Trims once after each busy period, when a whole [`QUIET`] tick saw no new request.
pub async fn trim_when_idle() {
    let mut seen = STARTED.load(Ordering::Relaxed);
    let mut trimmed = true;
    loop {
        tokio::time::sleep(QUIET).await;
        let now = STARTED.load(Ordering::Relaxed);
        if now != seen {
            (seen, trimmed) = (now, false);
        } else if !trimmed {
            trim();
            trimmed = true;
        }
    }
}

fn trim() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages of the allocator's arenas to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}
