//! The show-rate page: per meetup of a group, who was going at the start, who came, who was
//! new and how the waitlist moved, for its organisers and door helpers. Counts only.

use chrono::NaiveDateTime;

use super::access::Viewer;
use crate::db::models::Group;
use crate::db::repo::{groups, seat_moves, stats};
use crate::db::{now, DbConn};
use crate::domain::ids::MeetupId;
use crate::domain::stats::{figures, MeetupFigures, StatsRange};
use crate::domain::time::to_local;
use crate::error::AppError;

/// One meetup's line.
pub struct MeetupStats {
    pub id: MeetupId,
    pub title: String,
    pub starts_at: NaiveDateTime,
    pub figures: MeetupFigures,
}

pub struct GroupStats {
    pub group: Group,
    pub range: StatsRange,
    /// First first.
    pub meetups: Vec<MeetupStats>,
}

/// The figures of the group's meetups that start in the range given as `from`/`to`
/// (`YYYY-MM-DD` in the group's zone, empty for the twelve months up to today): 404 for no
/// such group, 401, 403 for anyone but its organisers and door helpers, 422 on a bad date.
#[tracing::instrument(skip(conn, viewer))]
pub fn group_stats(
    conn: &mut DbConn,
    viewer: &Viewer,
    slug: &str,
    from: &str,
    to: &str,
) -> Result<GroupStats, AppError> {
    let group = groups::group_by_slug(conn, slug)?.ok_or(AppError::NotFound)?;
    viewer.require_user()?;
    if !viewer.checks_in(&group.id) {
        return Err(AppError::Forbidden);
    }
    let tz = group.tz();
    let range = StatsRange::parse(from, to, to_local(now(), tz).date())?;
    let (start, end) = range.bounds(tz);
    let meetups = stats::meetups_between(conn, &group.id, start, end)?;
    let ids: Vec<MeetupId> = meetups.iter().map(|m| m.id.clone()).collect();
    let mut answers = stats::answers_to(conn, &ids)?;
    let moves = seat_moves::totals_by_meetup(conn, &ids)?;
    let first_going = stats::first_going(conn, &group.id)?;
    let meetups = meetups
        .into_iter()
        .map(|m| {
            let answers = answers.remove(&m.id).unwrap_or_default();
            let moved = moves.get(&m.id).copied().unwrap_or_default();
            MeetupStats {
                figures: figures(m.starts_at, &answers, &first_going, moved),
                id: m.id,
                title: m.title,
                starts_at: m.starts_at,
            }
        })
        .collect();
    Ok(GroupStats {
        group,
        range,
        meetups,
    })
}
