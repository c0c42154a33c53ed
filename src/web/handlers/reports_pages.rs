//! Report pages, the Pelican export and the Atom feed, and the organisers' editor.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};

use super::accounts_pages::see_other;
use super::groups::{load_group, role_in};
use super::groups_pages::{field_errors, organiser_group};
use super::reports::{atom, pelican_doc, report_path};
use super::rsvps_pages::{meetup_in_group, meetup_path};
use crate::db::models::{Group, Report};
use crate::db::repo::reports as repo;
use crate::db::repo::versions::Freshness;
use crate::db::repo::{meetups, rsvps, talks, versions};
use crate::db::DbConn;
use crate::domain::group::{parse_long_text, parse_text, GroupRole};
use crate::domain::talk::programme_text;
use crate::domain::time::to_local;
use crate::error::AppError;
use crate::i18n::long_datetime;
use crate::reports::{pelican, render_markdown};
use crate::views::components::FormErrors;
use crate::views::layout::{render, render_status};
use crate::views::reports::{editor_page, report_page, ReportForm, ReportPage};
use crate::views::FlashKind;
use crate::web::cache::html_page;
use crate::web::extract::{CsrfForm, Page};
use crate::web::{AppState, State};

pub fn configure(cfg: &mut web::ServiceConfig) {
    // The `.md` export before the page, or the page would take `x.md` for a slug.
    cfg.service(export_markdown)
        .service(report_feed)
        .service(show_report)
        .service(editor)
        .service(save);
}

/// A report this visitor may read: published, or a draft for the group's organisers.
async fn visible_report(
    state: &AppState,
    page: &Page,
    group: &Group,
    slug: &str,
) -> Result<Report, AppError> {
    let (g, s) = (group.id.clone(), slug.to_string());
    let report = state
        .db
        .run(move |conn| repo::report_by_slug(conn, &g, &s))
        .await?
        .ok_or(AppError::NotFound)?;
    if !report.published
        && role_in(state, group, page.user.as_ref()).await? != Some(GroupRole::Organiser)
    {
        return Err(AppError::NotFound);
    }
    Ok(report)
}

#[get("/groups/{slug}/reports/{report}.md")]
async fn export_markdown(
    state: State,
    page: Page,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, report_slug) = path.into_inner();
    let group = load_group(&state, &slug).await?;
    let report = visible_report(&state, &page, &group, &report_slug).await?;
    let m = report.meetup_id.clone();
    let meetup = state
        .db
        .run(move |conn| meetups::meetup_by_id(conn, &m))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok()
        .content_type("text/markdown; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            format!("inline; filename=\"{}.md\"", report.slug),
        ))
        .body(pelican::export(&pelican_doc(&report, &meetup, &group))))
}

#[get("/groups/{slug}/reports.atom")]
async fn report_feed(state: State, slug: web::Path<String>) -> Result<HttpResponse, AppError> {
    let group = load_group(&state, &slug).await?;
    let g = group.id.clone();
    let list = state
        .db
        .run(move |conn| repo::published_reports(conn, &g))
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("application/atom+xml; charset=utf-8")
        .body(atom(&state.settings, &group, &list)))
}

#[get("/groups/{slug}/reports/{report}")]
async fn show_report(
    state: State,
    mut page: Page,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, report_slug) = path.into_inner();
    // A long report is costly to render: anonymous readers share one rendering while neither
    // the report nor what it shows of its meetup changes.
    let key = page.shared_key("report-page");
    let (s, r) = (slug.clone(), report_slug.clone());
    let body = render_report(&state, &mut page, &slug, &report_slug);
    let stamp = move |conn: &mut DbConn, _| {
        let report = versions::report_stamp(conn, &s, &r)?
            .filter(|report| report.published)
            .ok_or(AppError::NotFound)?;
        let meetup =
            versions::meetup_stamp(conn, Some(&s), &report.meetup_id)?.ok_or(AppError::NotFound)?;
        Ok(Freshness {
            stamp: format!("{}|{}", report.stamp, meetup.stamp),
            until: None,
        })
    };
    html_page(&state, key, stamp, body).await
}

async fn render_report(
    state: &AppState,
    page: &mut Page,
    slug: &str,
    report_slug: &str,
) -> Result<String, AppError> {
    let group = load_group(state, slug).await?;
    page.use_group_locale(group.lang());
    let report = visible_report(state, page, &group, report_slug).await?;
    let m = report.meetup_id.clone();
    let (row, programme, (going, _)) = state
        .db
        .run(move |conn| {
            let row = meetups::meetup_place(conn, &m)?.ok_or(AppError::NotFound)?;
            let programme = talks::programmes(conn, &[&row.meetup])?
                .remove(&row.meetup.id)
                .unwrap_or_default();
            let people = rsvps::attendees(conn, &m)?;
            Ok((row, programme, people))
        })
        .await?;
    // Who came: those checked in, if anyone was; else those who said they would.
    let checked_in = going.iter().any(|a| a.attended);
    let attendees = going
        .iter()
        .filter(|a| a.attended || !checked_in)
        .map(|a| a.name.clone())
        .collect();
    let tz = group.tz();
    let view = ReportPage {
        title: &report.title,
        group_name: &group.name,
        group_path: format!("/groups/{}", group.slug),
        meetup_path: meetup_path(&row),
        when: long_datetime(page.lang, to_local(row.meetup.starts_at, tz)),
        place: row
            .venue
            .as_ref()
            .map(|v| format!("{}, {}", v.name, v.address)),
        programme: programme_text(&programme, tz, page.lang)
            .lines()
            .map(str::to_string)
            .filter(|l| !l.is_empty())
            .collect(),
        attendees,
        body_html: render_markdown(&report.body_markdown),
        published: report.published,
        export_path: format!("{}.md", report_path(&group, &report)),
    };
    Ok(report_page(&page.chrome(), &view).into_string())
}

#[get("/groups/{slug}/meetups/{id}/report")]
async fn editor(
    state: State,
    mut page: Page,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    organiser_group(&state, &mut page, &slug).await?;
    let row = meetup_in_group(&state, &slug, &id).await?;
    let m = row.meetup.id.clone();
    let existing = state
        .db
        .run(move |conn| repo::report_of_meetup(conn, &m))
        .await?;
    let form = match existing {
        Some(r) => ReportForm {
            title: r.title,
            body_markdown: r.body_markdown,
            published: r.published.then(|| "on".into()),
            preview: None,
        },
        None => ReportForm {
            title: row.meetup.title.clone(),
            ..Default::default()
        },
    };
    let action = format!("{}/report", meetup_path(&row));
    Ok(render(editor_page(
        &page.chrome(),
        &action,
        &form,
        &FormErrors::default(),
        None,
    )))
}

#[post("/groups/{slug}/meetups/{id}/report")]
async fn save(
    state: State,
    mut page: Page,
    path: web::Path<(String, String)>,
    CsrfForm(form): CsrfForm<ReportForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let group = organiser_group(&state, &mut page, &slug).await?;
    let row = meetup_in_group(&state, &slug, &id).await?;
    let action = format!("{}/report", meetup_path(&row));
    if form.preview.is_some() {
        let html = render_markdown(&form.body_markdown);
        return Ok(render(editor_page(
            &page.chrome(),
            &action,
            &form,
            &FormErrors::default(),
            Some(&html),
        )));
    }
    let text = parse_text(&form.title, "title", 200).and_then(|title| {
        Ok((
            title,
            parse_long_text(&form.body_markdown, "body_markdown", 500_000)?,
        ))
    });
    let result = match text {
        Ok((title, markdown)) => {
            let (meetup, published) = (row.meetup.clone(), form.published.is_some());
            state
                .db
                .run_write(move |conn| {
                    repo::save_report_text(conn, &meetup, title, markdown, published)
                })
                .await
        }
        Err(e) => Err(e.into()),
    };
    match result {
        Ok(report) => {
            page.flash(FlashKind::Ok, page.t("reports.saved"));
            Ok(see_other(&report_path(&group, &report)))
        }
        Err(e) => {
            let errors = field_errors(&page, e, "title")?;
            Ok(render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                editor_page(&page.chrome(), &action, &form, &errors, None),
            ))
        }
    }
}
