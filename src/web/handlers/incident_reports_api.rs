use actix_web::{get, post, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::incident_reports as uc;
use crate::domain::ids::{MeetupId, TalkId};
use crate::domain::time::format_utc;
use crate::error::AppError;
use crate::web::extract::{ApiUser, ApiViewer};
use crate::web::json::ErrorBody;
use crate::web::State;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(report_to_organisers).service(list_reports);
}

/// A problem at a meetup, or with one of its talks, told to the group's organisers.
#[derive(Deserialize, ToSchema)]
struct ReportInput {
    /// What happened: plain text, 4,000 characters at most.
    #[serde(default)]
    text: String,
    /// One of the meetup's talks (accepted, or the caller's own), when the report is about it.
    talk_id: Option<String>,
}

#[derive(Serialize, ToSchema)]
struct ReportAccepted {
    id: String,
}

/// Tells the group's organisers (and only them) of a problem: each gets a mail at once, naming
/// the reporter. For the group's members; 5 reports an hour per member and group.
#[utoipa::path(
    tag = "incidents",
    params(("id" = String, Path)),
    request_body = ReportInput,
    security(("bearer" = [])),
    responses(
        (status = 202, body = ReportAccepted),
        (status = 403, description = "`forbidden`: not a member of the meetup's group", body = ErrorBody),
        (status = 422, description = "`validation_failed` on `text` (empty or too long)", body = ErrorBody),
        (status = 429, description = "`rate_limited`: 5 reports in the last hour to this group", body = ErrorBody),
    )
)]
#[post("/meetups/{id}/reports-to-organisers")]
async fn report_to_organisers(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<MeetupId>,
    body: web::Json<ReportInput>,
) -> Result<HttpResponse, AppError> {
    let (id, body) = (id.into_inner(), body.into_inner());
    let talk = body.talk_id.map(TalkId::from);
    let settings = state.settings.clone();
    let report = state
        .db
        .transaction(move |conn| uc::report(conn, &settings, &user, &id, talk.as_ref(), &body.text))
        .await?;
    Ok(HttpResponse::Accepted().json(ReportAccepted {
        id: report.to_string(),
    }))
}

/// A report as organisers read it.
#[derive(Serialize, ToSchema)]
struct IncidentReportJson {
    id: String,
    meetup_id: String,
    meetup_title: String,
    talk_title: Option<String>,
    reporter_name: String,
    reporter_email: String,
    text: String,
    /// RFC 3339.
    created_at: String,
}

#[derive(Serialize, ToSchema)]
struct ReportList {
    reports: Vec<IncidentReportJson>,
}

/// The reports the group's members sent its organisers, newest first (the last 200); for the
/// group's organisers.
#[utoipa::path(
    tag = "incidents",
    params(("slug" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 200, body = ReportList),
        (status = 403, description = "`forbidden`: not an organiser of the group", body = ErrorBody),
    )
)]
#[get("/groups/{slug}/incident-reports")]
async fn list_reports(
    state: State,
    ApiViewer(viewer): ApiViewer,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let (_, lines) = state
        .db
        .run(move |conn| uc::reports_of_group(conn, &viewer, &slug))
        .await?;
    let reports = lines
        .into_iter()
        .map(|r| IncidentReportJson {
            id: r.id.to_string(),
            meetup_id: r.meetup_id.to_string(),
            meetup_title: r.meetup_title,
            talk_title: r.talk_title,
            reporter_name: r.reporter_name,
            reporter_email: r.reporter_email,
            text: r.body,
            created_at: format_utc(r.created_at),
        })
        .collect();
    Ok(HttpResponse::Ok().json(ReportList { reports }))
}
