//! A member's report of a problem, to each of the group's organisers at once.

use super::letter::Letter;
use crate::config::Settings;
use crate::db::models::User;
use crate::db::repo::incident_reports::{organisers, IncidentReport};
use crate::db::repo::meetups::MeetupRow;
use crate::db::DbConn;
use crate::domain::mail::MailKind;
use crate::error::AppError;

/// Queues the report for every organiser but the reporter, in each one's language, under
/// `incident:{report}:{organiser}`. The reporter is named (with their address, to answer
/// them) in these mails only.
#[tracing::instrument(skip_all, fields(kind = %MailKind::IncidentReported, report = %report.id))]
pub fn reported(
    conn: &mut DbConn,
    settings: &Settings,
    report: &IncidentReport,
    row: &MeetupRow,
    talk: Option<&str>,
    reporter: &User,
) -> Result<(), AppError> {
    for organiser in organisers(conn, &report.group_id)? {
        if organiser.id == reporter.id {
            continue;
        }
        let key = format!("incident:{}:{}", report.id, organiser.id);
        let mut args = vec![
            ("reporter", reporter.name.clone().into()),
            ("email", reporter.email.clone().into()),
        ];
        let mut letter = Letter::new(
            MailKind::IncidentReported,
            key,
            &organiser,
            row,
            "mail-incident_report",
        );
        if let Some(talk) = talk {
            args.push(("talk", talk.to_string().into()));
            letter = letter.intro("mail-incident_report-intro_talk");
        }
        letter
            .args(args)
            .message(Some(report.body.clone()))
            .send(conn, settings)?;
    }
    Ok(())
}
