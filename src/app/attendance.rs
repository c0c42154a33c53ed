//! Members' attendance history: how often they came to the meetups they were going to.

use std::collections::HashMap;

use chrono::NaiveDateTime;

use crate::db::repo::rsvps;
use crate::db::DbConn;
use crate::domain::check_in::{tally, AttendanceCounts, AttendanceRecord, HISTORY_KEPT};
use crate::domain::ids::{GroupId, UserId};
use crate::error::AppError;

/// The attendance of each of `members` in the group over the last [`HISTORY_KEPT`] before `at`.
pub fn attendance_of(
    conn: &mut DbConn,
    group: &GroupId,
    members: &[UserId],
    at: NaiveDateTime,
) -> Result<HashMap<UserId, AttendanceCounts>, AppError> {
    let mut records: HashMap<UserId, Vec<AttendanceRecord>> = HashMap::new();
    for (user, record) in rsvps::attendance_records(conn, group, members, at - HISTORY_KEPT, at)? {
        records.entry(user).or_default().push(record);
    }
    Ok(records
        .into_iter()
        .map(|(user, records)| (user, tally(&records)))
        .collect())
}
