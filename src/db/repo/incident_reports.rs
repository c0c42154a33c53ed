//! Members' reports of a problem to their group's organisers.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::models::User;
use crate::db::schema::{incident_reports, memberships, users};
use crate::db::DbConn;
use crate::domain::group::GroupRole;
use crate::domain::ids::{GroupId, IncidentReportId, MeetupId, TalkId, UserId};
use crate::error::AppError;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = incident_reports)]
pub struct IncidentReport {
    pub id: IncidentReportId,
    pub group_id: GroupId,
    pub meetup_id: MeetupId,
    pub talk_id: Option<TalkId>,
    pub reporter_id: UserId,
    pub body: String,
    pub created_at: NaiveDateTime,
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn insert(conn: &mut DbConn, report: &IncidentReport) -> Result<(), AppError> {
    diesel::insert_into(incident_reports::table)
        .values(report)
        .execute(conn)?;
    Ok(())
}

/// How many reports `reporter` sent to the group's organisers since `since`.
#[tracing::instrument(level = "debug", skip_all)]
pub fn sent_since(
    conn: &mut DbConn,
    group_id: &GroupId,
    reporter: &UserId,
    since: NaiveDateTime,
) -> Result<i64, AppError> {
    Ok(incident_reports::table
        .filter(incident_reports::group_id.eq(group_id))
        .filter(incident_reports::reporter_id.eq(reporter))
        .filter(incident_reports::created_at.gt(since))
        .count()
        .get_result(conn)?)
}

/// The group's organisers, whatever their notice choices (a report is never held back).
#[tracing::instrument(level = "debug", skip_all)]
pub fn organisers(conn: &mut DbConn, group_id: &GroupId) -> Result<Vec<User>, AppError> {
    Ok(memberships::table
        .inner_join(users::table)
        .filter(memberships::group_id.eq(group_id))
        .filter(memberships::role.eq(GroupRole::Organiser))
        .order(users::id.asc())
        .select(User::as_select())
        .load(conn)?)
}

/// A report as organisers list it: who sent it, about which meetup and talk.
#[derive(Debug, Clone, Queryable)]
pub struct ReportLine {
    pub id: IncidentReportId,
    pub meetup_id: MeetupId,
    pub meetup_title: String,
    pub talk_title: Option<String>,
    pub reporter_name: String,
    pub reporter_email: String,
    pub body: String,
    pub created_at: NaiveDateTime,
}

/// The group's reports, newest first, at most `limit`.
#[tracing::instrument(level = "debug", skip_all)]
pub fn reports_of_group(
    conn: &mut DbConn,
    group_id: &GroupId,
    limit: i64,
) -> Result<Vec<ReportLine>, AppError> {
    use crate::db::schema::{meetups, talks};
    Ok(incident_reports::table
        .inner_join(users::table)
        .inner_join(meetups::table)
        .left_join(talks::table.on(incident_reports::talk_id.eq(talks::id.nullable())))
        .filter(incident_reports::group_id.eq(group_id))
        .order((
            incident_reports::created_at.desc(),
            incident_reports::id.asc(),
        ))
        .limit(limit)
        .select((
            incident_reports::id,
            incident_reports::meetup_id,
            meetups::title,
            talks::title.nullable(),
            users::name,
            users::email,
            incident_reports::body,
            incident_reports::created_at,
        ))
        .load(conn)?)
}
