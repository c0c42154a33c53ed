//! Every query lives here, one module per resource; functions are named for what they return.

/// Runs the same diesel expression on whichever backend the connection is (for what
/// `MultiConnection` cannot pass through, such as `ON CONFLICT`).
macro_rules! on_inner {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::db::DbConn::Pg($c) => $body,
            $crate::db::DbConn::Sqlite($c) => $body,
        }
    };
}

pub mod audit;
pub mod cohosts;
pub mod email_changes;
pub mod exclusions;
pub mod fanouts;
pub mod groups;
pub mod guest_answers;
pub mod incident_reports;
pub mod invitations;
pub mod leases;
pub mod meetups;
pub mod messages;
pub mod outbox;
pub mod password_resets;
pub mod personal_data;
pub mod polls;
pub mod questions;
pub mod reports;
pub mod rsvps;
pub mod seat_moves;
pub mod series;
pub mod sponsors;
pub mod stats;
pub mod talks;
pub mod users;
pub mod venue_suggestions;
pub mod venues;
pub mod versions;
pub mod walk_ins;
pub mod webhooks;

/// True when a diesel error is a unique-constraint violation (e.g. a taken e-mail or slug).
pub fn is_unique_violation(e: &diesel::result::Error) -> bool {
    matches!(
        e,
        diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)
    )
}

pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}
