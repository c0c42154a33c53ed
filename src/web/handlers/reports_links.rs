//! Links from meetup and group pages to meetup reports (filled in by the reports feature).

use crate::db::repo::meetups::MeetupRow;
use crate::error::AppError;
use crate::web::AppState;

/// (title, path) of the meetup's report, when there is one this viewer may see.
pub async fn meetup_report(
    _state: &AppState,
    _row: &MeetupRow,
    _organiser: bool,
) -> Result<Option<(String, String)>, AppError> {
    Ok(None)
}
