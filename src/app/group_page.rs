//! The group page's data, read in one checkout and one snapshot for whoever is looking.

use crate::db::models::{Group, Series};
use crate::db::repo::groups;
use crate::db::repo::reports::{self, ReportLink};
use crate::db::repo::series;
use crate::db::DbConn;
use crate::domain::group::GroupRole;
use crate::error::AppError;

use super::access::Viewer;
use super::groups::{overview, GroupOverview};
use super::venue_suggestions::{suggestions_seen_by, GroupSuggestions};

/// Meetups in each list of the group page, and reports in its list (the Atom feed and each
/// report's page have the rest): the page costs the same whatever the group's age.
const LISTED_MEETUPS: i64 = 200;

pub struct GroupPage {
    pub group: Group,
    pub role: Option<GroupRole>,
    pub overview: GroupOverview,
    /// Published reports, most recent meetup first.
    pub reports: Vec<ReportLink>,
    pub suggestions: GroupSuggestions,
    /// The series still running, with their rules.
    pub series: Vec<Series>,
}

#[tracing::instrument(skip(conn, viewer))]
pub fn page(conn: &mut DbConn, viewer: &Viewer, slug: &str) -> Result<GroupPage, AppError> {
    let group = groups::group_by_slug(conn, slug)?.ok_or(AppError::NotFound)?;
    Ok(GroupPage {
        role: viewer.role_in(&group.id),
        overview: overview(conn, &group.id, LISTED_MEETUPS)?,
        reports: reports::report_links(conn, &group.id, LISTED_MEETUPS)?,
        suggestions: suggestions_seen_by(conn, viewer, &group)?,
        series: series::running_series(conn, &group.id)?,
        group,
    })
}
