//! Every group's meetups in one place: the search of `/explore` and `GET /api/v1/meetups`,
//! the directory of groups, and the instance's calendar and reports feed.

use chrono::NaiveDateTime;

use crate::db::models::{Group, Meetup, Report};
use crate::db::repo::meetups::{self, MeetupRow};
use crate::db::repo::{groups, reports};
use crate::db::DbConn;
use crate::domain::explore::{distance_km, fold, Search};
use crate::error::AppError;

/// Upcoming meetups a search looks through; a result lists at most [`RESULTS`].
const SCANNED: i64 = 2_000;
pub const RESULTS: usize = 100;
/// Reports in the instance's feed.
pub const FEED_ENTRIES: i64 = 50;
/// Meetups in the instance's calendar (upcoming and recent).
pub const CALENDAR_ENTRIES: i64 = 1_000;

/// A meetup found, with its distance from the point searched near, if any.
pub struct Found {
    pub row: MeetupRow,
    pub distance_km: Option<f64>,
}

/// Upcoming scheduled meetups of every group matching `search`, soonest first: cancelled and
/// past ones are left out; with a point, only meetups at a venue with coordinates within the
/// radius (online-only meetups have none).
#[tracing::instrument(skip(conn))]
pub fn search(
    conn: &mut DbConn,
    search: &Search,
    at: NaiveDateTime,
) -> Result<Vec<Found>, AppError> {
    let since = search.from.map_or(at, |from| from.max(at));
    let rows = meetups::upcoming_meetups(conn, at, SCANNED)?;
    Ok(rows
        .into_iter()
        .filter(|r| r.meetup.starts_at >= since)
        .filter(|r| search.to.is_none_or(|to| r.meetup.starts_at < to))
        .filter(|r| {
            search.text.as_deref().is_none_or(|text| {
                let city = r
                    .venue
                    .as_ref()
                    .and_then(|v| v.city.as_deref())
                    .unwrap_or("");
                [r.meetup.title.as_str(), r.group.name.as_str(), city]
                    .iter()
                    .any(|field| fold(field).contains(text))
            })
        })
        .filter_map(|row| match search.near {
            None => Some(Found {
                row,
                distance_km: None,
            }),
            Some((point, radius)) => {
                let venue = row.venue.as_ref()?;
                let d = distance_km(point, (venue.latitude?, venue.longitude?));
                (d <= radius).then_some(Found {
                    row,
                    distance_km: Some(d),
                })
            }
        })
        .take(RESULTS)
        .collect())
}

/// Every group with its member count and next meetup, by name.
#[tracing::instrument(skip(conn))]
pub fn groups_directory(
    conn: &mut DbConn,
    at: NaiveDateTime,
) -> Result<Vec<(Group, i64, Option<MeetupRow>)>, AppError> {
    let mut upcoming = meetups::upcoming_meetups(conn, at, SCANNED)?;
    upcoming.retain(|r| r.meetup.starts_at > at);
    let mut list: Vec<(Group, i64, Option<MeetupRow>)> = groups::all_groups(conn)?
        .into_iter()
        .map(|(group, members)| {
            let next = upcoming.iter().find(|r| r.group.id == group.id).cloned();
            (group, members, next)
        })
        .collect();
    list.sort_by_key(|(g, _, _)| fold(&g.name));
    Ok(list)
}

/// Meetups of every group from `since` on, for the instance's calendar.
#[tracing::instrument(skip(conn))]
pub fn calendar_meetups(conn: &mut DbConn, since: NaiveDateTime) -> Result<Vec<Meetup>, AppError> {
    meetups::all_meetups_since(conn, since, CALENDAR_ENTRIES)
}

/// The latest published reports of every group.
#[tracing::instrument(skip(conn))]
pub fn latest_reports(conn: &mut DbConn) -> Result<Vec<(Report, Meetup, Group)>, AppError> {
    reports::published_everywhere(conn, FEED_ENTRIES)
}
