//! "Report a problem": a member tells the group's organisers, and only them, of something that
//! happened at a meetup or with one of its talks.

use chrono::Duration;

use super::access::Viewer;
use super::groups::organised_group;
use crate::config::Settings;
use crate::db::models::{Group, User};
use crate::db::repo::incident_reports::{self as repo, IncidentReport, ReportLine};
use crate::db::repo::meetups::{self, MeetupRow};
use crate::db::repo::{groups, talks};
use crate::db::{now, DbConn};
use crate::domain::conduct::{parse_report, within_report_limit};
use crate::domain::ids::{IncidentReportId, MeetupId, TalkId};
use crate::domain::talk::TalkStatus;
use crate::error::AppError;
use crate::mail;

/// What a report is about: the meetup, and one of its talks when it names one.
pub struct ReportSubject {
    pub row: MeetupRow,
    pub talk: Option<(TalkId, String)>,
}

/// The meetup (and talk) a report would be about, as `user` may see it: 404 for no such meetup
/// or no such talk in it (or a proposal that is not theirs), 403 for someone not in the group.
pub fn subject(
    conn: &mut DbConn,
    user: &User,
    meetup_id: &MeetupId,
    talk_id: Option<&TalkId>,
) -> Result<ReportSubject, AppError> {
    let row = meetups::meetup_place(conn, meetup_id)?.ok_or(AppError::NotFound)?;
    if groups::role_of(conn, &row.group.id, &user.id)?.is_none() {
        return Err(AppError::Forbidden);
    }
    let talk = match talk_id {
        None => None,
        Some(id) => {
            let talk = talks::talk_by_id(conn, id)?
                .filter(|t| t.meetup_id.as_ref() == Some(meetup_id))
                .filter(|t| t.status == TalkStatus::Accepted || t.proposer_id == user.id)
                .ok_or(AppError::NotFound)?;
            Some((talk.id, talk.title))
        }
    };
    Ok(ReportSubject { row, talk })
}

/// Records the report and mails it at once to each organiser (the reporter aside), naming the
/// reporter to them. At most `MAX_REPORTS_PER_HOUR` a member per group: the count is read
/// under the group's lock, so a burst cannot pass it (429 `rate_limited`).
#[tracing::instrument(skip_all, fields(meetup = %meetup_id))]
pub fn report(
    conn: &mut DbConn,
    settings: &Settings,
    user: &User,
    meetup_id: &MeetupId,
    talk_id: Option<&TalkId>,
    text: &str,
) -> Result<IncidentReportId, AppError> {
    let group_id = meetups::meetup_by_id(conn, meetup_id)?
        .ok_or(AppError::NotFound)?
        .group_id;
    groups::lock_group(conn, &group_id)?;
    let subject = subject(conn, user, meetup_id, talk_id)?;
    let body = parse_report(text).map_err(AppError::Validation)?;
    let at = now();
    let sent = repo::sent_since(conn, &group_id, &user.id, at - Duration::hours(1))?;
    if !within_report_limit(sent + 1) {
        return Err(AppError::RateLimited("error-report_rate_limited"));
    }
    let report = IncidentReport {
        id: IncidentReportId::random(),
        group_id,
        meetup_id: meetup_id.clone(),
        talk_id: subject.talk.as_ref().map(|(id, _)| id.clone()),
        reporter_id: user.id.clone(),
        body,
        created_at: at,
    };
    repo::insert(conn, &report)?;
    let talk = subject.talk.as_ref().map(|(_, title)| title.as_str());
    mail::incident_reports::reported(conn, settings, &report, &subject.row, talk, user)?;
    Ok(report.id)
}

/// The most reports organisers see listed.
pub const LISTED: i64 = 200;

/// The group's reports, newest first, for its organisers (404, then sign-in or 403).
pub fn reports_of_group(
    conn: &mut DbConn,
    viewer: &Viewer,
    slug: &str,
) -> Result<(Group, Vec<ReportLine>), AppError> {
    let group = organised_group(conn, viewer, slug)?;
    let reports = repo::reports_of_group(conn, &group.id, LISTED)?;
    Ok((group, reports))
}
