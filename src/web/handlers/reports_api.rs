use actix_web::{get, post, put, web, HttpResponse};
use serde::Deserialize;
use serde_json::json;

use crate::app::groups::load_group;
use crate::app::meetups::load_meetup;
use crate::app::reports as uc;
use crate::domain::ids::MeetupId;
use crate::error::AppError;
use crate::urls::report_url;
use crate::web::extract::{ApiUser, MaybeApiUser};
use crate::web::State;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(put_report)
        .service(get_report)
        .service(import_report);
}

#[derive(Deserialize)]
struct ReportBody {
    title: Option<String>,
    #[serde(default)]
    body_markdown: String,
    #[serde(default)]
    published: bool,
}

#[put("/meetups/{id}/report")]
async fn put_report(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<MeetupId>,
    body: web::Json<ReportBody>,
) -> Result<HttpResponse, AppError> {
    let row = load_meetup(&state.db, &id).await?;
    let body = body.into_inner();
    let report = uc::write_report(
        &state.db,
        &user,
        &row,
        body.title.as_deref(),
        &body.body_markdown,
        body.published,
    )
    .await?;
    Ok(HttpResponse::Ok().json(json!({
        "slug": report.slug,
        "url": report_url(&state.settings.base_url, &row.group.slug, &report.slug),
        "published": report.published,
    })))
}

#[get("/meetups/{id}/report")]
async fn get_report(
    state: State,
    MaybeApiUser(user): MaybeApiUser,
    id: web::Path<MeetupId>,
) -> Result<HttpResponse, AppError> {
    let row = load_meetup(&state.db, &id).await?;
    let report = uc::visible_report_of_meetup(&state.db, &row, user.as_ref()).await?;
    Ok(HttpResponse::Ok().json(json!({
        "meetup_id": report.meetup_id,
        "slug": report.slug,
        "title": report.title,
        "body_markdown": report.body_markdown,
        "body_html": crate::reports::render_markdown(&report.body_markdown),
        "published": report.published,
        "url": report_url(&state.settings.base_url, &row.group.slug, &report.slug),
    })))
}

/// A Pelican Markdown file as the body (`text/markdown`).
#[post("/groups/{slug}/reports/import")]
async fn import_report(
    state: State,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let group = load_group(&state.db, &slug).await?;
    let (report, meetup) = uc::import_article_as(&state.db, &user, &group, body.to_vec()).await?;
    Ok(HttpResponse::Created().json(json!({
        "slug": report.slug,
        "meetup_id": meetup.id,
        "url": report_url(&state.settings.base_url, &group.slug, &report.slug),
    })))
}
