use actix_web::{get, post, put, web, HttpResponse};
use serde::Deserialize;
use serde_json::json;

use super::groups::{load_group, load_meetup, require_organiser, role_in};
use super::reports::{import_file, report_path};
use crate::db::repo::reports as repo;
use crate::domain::group::{parse_long_text, parse_text, GroupRole};
use crate::error::AppError;
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
    id: web::Path<String>,
    body: web::Json<ReportBody>,
) -> Result<HttpResponse, AppError> {
    let row = load_meetup(&state, &id).await?;
    require_organiser(&state, &row.group, &user).await?;
    let body = body.into_inner();
    let title = parse_text(
        body.title.as_deref().unwrap_or(&row.meetup.title),
        "title",
        200,
    )?;
    let markdown = parse_long_text(&body.body_markdown, "body_markdown", 500_000)?;
    let meetup = row.meetup.clone();
    let report = state
        .db
        .run_write(move |conn| {
            repo::save_report_text(conn, &meetup, title, markdown, body.published)
        })
        .await?;
    Ok(HttpResponse::Ok().json(json!({
        "slug": report.slug,
        "url": format!("{}{}", state.settings.base_url, report_path(&row.group, &report)),
        "published": report.published,
    })))
}

#[get("/meetups/{id}/report")]
async fn get_report(
    state: State,
    MaybeApiUser(user): MaybeApiUser,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let row = load_meetup(&state, &id).await?;
    let m = row.meetup.id.clone();
    let report = state
        .db
        .run(move |conn| repo::report_of_meetup(conn, &m))
        .await?
        .ok_or(AppError::NotFound)?;
    if !report.published
        && role_in(&state, &row.group, user.as_ref()).await? != Some(GroupRole::Organiser)
    {
        return Err(AppError::NotFound);
    }
    Ok(HttpResponse::Ok().json(json!({
        "meetup_id": report.meetup_id,
        "slug": report.slug,
        "title": report.title,
        "body_markdown": report.body_markdown,
        "body_html": crate::reports::render_markdown(&report.body_markdown),
        "published": report.published,
        "url": format!("{}{}", state.settings.base_url, report_path(&row.group, &report)),
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
    let group = load_group(&state, &slug).await?;
    require_organiser(&state, &group, &user).await?;
    let g = group.clone();
    let (report, meetup) = state
        .db
        .run_write(move |conn| import_file(conn, &g, &body))
        .await?;
    Ok(HttpResponse::Created().json(json!({
        "slug": report.slug,
        "meetup_id": meetup.id,
        "url": format!("{}{}", state.settings.base_url, report_path(&group, &report)),
    })))
}
