//! The group page's data, read in one checkout and one snapshot for whoever is looking.

use std::collections::HashMap;

use crate::db::models::{Group, Poll, Series};
use crate::db::repo::reports::{self, ReportLink};
use crate::db::repo::rsvps;
use crate::db::repo::series;
use crate::db::repo::sponsors::{self, PictureRef};
use crate::db::repo::{groups, polls};
use crate::db::DbConn;
use crate::domain::group::GroupRole;
use crate::domain::ids::MeetupId;
use crate::domain::rsvp::RsvpStatus;
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
    /// Polls still open, newest first.
    pub polls: Vec<Poll>,
    /// The signed-in viewer's answers to the upcoming meetups (none for visitors, whose page
    /// is shared).
    pub answers: HashMap<MeetupId, RsvpStatus>,
    /// The group's banner.
    pub banner: Option<PictureRef>,
}

#[tracing::instrument(skip(conn, viewer))]
pub fn page(conn: &mut DbConn, viewer: &Viewer, slug: &str) -> Result<GroupPage, AppError> {
    let group = groups::group_by_slug(conn, slug)?.ok_or(AppError::NotFound)?;
    let overview = overview(conn, &group.id, LISTED_MEETUPS)?;
    let answers = match viewer.user() {
        Some(user) => {
            let upcoming: Vec<&MeetupId> = overview.upcoming.iter().map(|r| &r.meetup.id).collect();
            rsvps::answers_to(conn, &user.id, &upcoming)?
        }
        None => HashMap::new(),
    };
    Ok(GroupPage {
        role: viewer.role_in(&group.id),
        overview,
        answers,
        reports: reports::report_links(conn, &group.id, LISTED_MEETUPS)?,
        suggestions: suggestions_seen_by(conn, viewer, &group)?,
        series: series::running_series(conn, &group.id)?,
        polls: polls::open_polls_of_group(conn, &group.id)?,
        banner: sponsors::banner_ref(conn, &group.id)?,
        group,
    })
}
