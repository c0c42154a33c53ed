//! Meetup reports: one per meetup, addressed by a slug unique in the group.

use diesel::prelude::*;

use crate::db::models::{Group, Meetup, Report};
use crate::db::schema::{groups, meetups, reports};
use crate::db::DbConn;
use crate::domain::ids::{GroupId, MeetupId};
use crate::error::AppError;

#[tracing::instrument(level = "debug", skip_all)]
pub fn report_of_meetup(
    conn: &mut DbConn,
    meetup_id: &MeetupId,
) -> Result<Option<Report>, AppError> {
    Ok(reports::table
        .filter(reports::meetup_id.eq(meetup_id))
        .select(Report::as_select())
        .first(conn)
        .optional()?)
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn report_by_slug(
    conn: &mut DbConn,
    group_id: &GroupId,
    slug: &str,
) -> Result<Option<Report>, AppError> {
    Ok(reports::table
        .filter(reports::group_id.eq(group_id))
        .filter(reports::slug.eq(slug))
        .select(Report::as_select())
        .first(conn)
        .optional()?)
}

/// Published reports of a group with their meetups, most recent meetup first.
#[tracing::instrument(level = "debug", skip_all)]
pub fn published_reports(
    conn: &mut DbConn,
    group_id: &GroupId,
    limit: Option<i64>,
) -> Result<Vec<(Report, Meetup)>, AppError> {
    Ok(reports::table
        .inner_join(meetups::table)
        .filter(reports::group_id.eq(group_id))
        .filter(reports::published.eq(true))
        .order((meetups::starts_at.desc(), reports::id.asc()))
        .limit(limit.unwrap_or(i64::MAX))
        .select((Report::as_select(), Meetup::as_select()))
        .load(conn)?)
}

/// The most recent published reports of every group, with their meetups and groups.
#[tracing::instrument(level = "debug", skip_all)]
pub fn published_everywhere(
    conn: &mut DbConn,
    limit: i64,
) -> Result<Vec<(Report, Meetup, Group)>, AppError> {
    Ok(reports::table
        .inner_join(meetups::table.inner_join(groups::table))
        .filter(reports::published.eq(true))
        .order((meetups::starts_at.desc(), reports::id.asc()))
        .limit(limit)
        .select((Report::as_select(), Meetup::as_select(), Group::as_select()))
        .load(conn)?)
}

/// A link to a published report: what a list shows of it, without its text.
#[derive(Queryable)]
pub struct ReportLink {
    pub title: String,
    pub slug: String,
    pub starts_at: chrono::NaiveDateTime,
}

/// The `limit` most recent published reports of a group, as links.
#[tracing::instrument(level = "debug", skip_all)]
pub fn report_links(
    conn: &mut DbConn,
    group_id: &GroupId,
    limit: i64,
) -> Result<Vec<ReportLink>, AppError> {
    Ok(reports::table
        .inner_join(meetups::table)
        .filter(reports::group_id.eq(group_id))
        .filter(reports::published.eq(true))
        .order((meetups::starts_at.desc(), reports::id.asc()))
        .limit(limit)
        .select((reports::title, reports::slug, meetups::starts_at))
        .load(conn)?)
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn insert_report(conn: &mut DbConn, report: &Report) -> Result<(), AppError> {
    diesel::insert_into(reports::table)
        .values(report)
        .execute(conn)?;
    Ok(())
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn update_report(conn: &mut DbConn, report: &Report) -> Result<(), AppError> {
    diesel::update(reports::table.find(&report.id))
        .set(report)
        .execute(conn)?;
    Ok(())
}
