//! The group's list for other sites: the embeddable page, `upcoming.json`, and the organisers'
//! choice of the sites that may frame it.

use chrono::NaiveDateTime;

use super::access::require_organiser;
use super::groups::group_at;
use crate::db::models::Group;
use crate::db::repo::groups;
use crate::db::repo::meetups::{self, MeetupRow, When};
use crate::db::DbConn;
use crate::domain::embed::parse_origins;
use crate::domain::ids::UserId;
use crate::domain::meetup::MeetupStatus;
use crate::error::AppError;

/// Meetups the list shows at most.
pub const LISTED: i64 = 20;

/// The group at `slug` and its upcoming meetups, soonest first, cancelled ones left out: one
/// checkout, for anyone.
#[tracing::instrument(skip(conn))]
pub fn upcoming(
    conn: &mut DbConn,
    slug: &str,
    at: NaiveDateTime,
) -> Result<(Group, Vec<MeetupRow>), AppError> {
    let group = group_at(conn, slug)?;
    let rows = meetups::meetups_of_group(conn, &group.id, When::Upcoming, at, LISTED)?
        .into_iter()
        .filter(|r| r.meetup.status == MeetupStatus::Scheduled && r.meetup.starts_at > at)
        .collect();
    Ok((group, rows))
}

/// Organisers set the sites that may frame the list (none: any); returns them as stored.
#[tracing::instrument(skip(conn, user, text))]
pub fn set_origins(
    conn: &mut DbConn,
    user: &UserId,
    slug: &str,
    text: &str,
) -> Result<(Group, String), AppError> {
    let group = group_at(conn, slug)?;
    require_organiser(conn, &group.id, user)?;
    let origins = parse_origins(text).map_err(AppError::Validation)?;
    groups::set_embed_origins(conn, &group.id, &origins)?;
    Ok((group, origins))
}
