use actix_web::{get, post, put, web, HttpResponse};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::reports as uc;
use crate::domain::ids::MeetupId;
use crate::error::AppError;
use crate::urls::report_url;
use crate::web::extract::{ApiUser, ApiViewer};
use crate::web::json::{ErrorBody, ReportImported, ReportJson, ReportSaved};
use crate::web::State;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(put_report)
        .service(get_report)
        .service(report_draft)
        .service(import_report);
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct DraftParams {
    /// `markdown` (the default): the report's text; `pelican`: the same as a Pelican article,
    /// with its `Title`, `Date`, `Category`, `Tags` and `Slug` header.
    format: Option<String>,
}

/// The report the meetup writes itself (organisers only), in the group's language: date, place
/// and how many came (a count: published text is read by anyone and outlives accounts; the
/// report page names who came to those who may read names), the programme with its materials,
/// and empty sections to complete. Save it with `PUT /meetups/{id}/report`.
#[utoipa::path(
    tag = "reports",
    params(("id" = String, Path), DraftParams),
    security(("bearer" = [])),
    responses(
        (status = 200, content_type = "text/markdown", body = String),
        (status = 403, body = ErrorBody),
        (status = 422, description = "unknown `format`", body = ErrorBody),
    )
)]
#[get("/meetups/{id}/report/draft")]
async fn report_draft(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<MeetupId>,
    params: web::Query<DraftParams>,
) -> Result<HttpResponse, AppError> {
    let pelican = match params.format.as_deref() {
        None | Some("") | Some("markdown") => false,
        Some("pelican") => true,
        Some(_) => return Err(AppError::validation("format", "error-format_invalid")),
    };
    let id = id.into_inner();
    let draft = state
        .db
        .run(move |conn| uc::report_draft(conn, &user.id, &id))
        .await?;
    let body = if pelican {
        crate::reports::pelican::export(&draft.pelican)
    } else {
        draft.markdown
    };
    Ok(HttpResponse::Ok()
        .content_type("text/markdown; charset=utf-8")
        .body(body))
}

#[derive(Deserialize, ToSchema)]
struct ReportBody {
    /// Defaults to the meetup's title.
    title: Option<String>,
    /// Markdown; rendered sanitised.
    #[serde(default)]
    body_markdown: String,
    #[serde(default)]
    published: bool,
}

/// Writes the meetup's report (organisers only); a draft until `published`.
#[utoipa::path(
    tag = "reports",
    params(("id" = String, Path)),
    security(("bearer" = [])),
    responses((status = 200, body = ReportSaved), (status = 403, body = ErrorBody))
)]
#[put("/meetups/{id}/report")]
async fn put_report(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<MeetupId>,
    body: web::Json<ReportBody>,
) -> Result<HttpResponse, AppError> {
    let (id, body) = (id.into_inner(), body.into_inner());
    let settings = state.settings.clone();
    let (report, group) = state
        .db
        .transaction(move |conn| {
            let title = body.title.as_deref();
            uc::write_report(
                conn,
                &settings,
                &user.id,
                &id,
                title,
                &body.body_markdown,
                body.published,
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(ReportSaved {
        url: report_url(&state.settings.base_url, &group.slug, &report.slug),
        slug: report.slug,
        published: report.published,
    }))
}

/// The published report; drafts for organisers only.
#[utoipa::path(
    tag = "reports",
    params(("id" = String, Path)),
    security((), ("bearer" = [])),
    responses((status = 200, body = ReportJson))
)]
#[get("/meetups/{id}/report")]
async fn get_report(
    state: State,
    ApiViewer(viewer): ApiViewer,
    id: web::Path<MeetupId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let (report, group) = state
        .db
        .run(move |conn| uc::visible_report(conn, &viewer, &id))
        .await?;
    Ok(HttpResponse::Ok().json(ReportJson::new(
        &report,
        &group.slug,
        &state.settings.base_url,
    )))
}

/// Imports one Pelican Markdown file (`Title:`, `Date:`… header, blank line, body) as a
/// published report, with its meetup (organisers only). Errors name the header field or line.
#[utoipa::path(
    tag = "reports",
    params(("slug" = String, Path)),
    request_body(content = String, content_type = "text/markdown"),
    security(("bearer" = [])),
    responses(
        (status = 201, body = ReportImported),
        (status = 403, body = ErrorBody),
        (status = 409, description = "`slug_taken`: a report with this slug exists", body = ErrorBody),
    )
)]
#[post("/groups/{slug}/reports/import")]
async fn import_report(
    state: State,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let (group, settings) = (slug.clone(), state.settings.clone());
    let (report, meetup) = state
        .db
        .transaction(move |conn| uc::import_article_as(conn, &settings, &user.id, &group, &body))
        .await?;
    Ok(HttpResponse::Created().json(ReportImported {
        url: report_url(&state.settings.base_url, &slug, &report.slug),
        slug: report.slug,
        meetup_id: meetup.id.to_string(),
    }))
}
