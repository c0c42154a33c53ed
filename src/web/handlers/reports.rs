//! Meetup reports: use cases shared by the API, the pages and the CLI (import, export, Atom).

use chrono::TimeZone;

use crate::config::Settings;
use crate::db::models::{Group, Meetup, Report};
use crate::db::repo::reports as repo;
use crate::db::DbConn;
use crate::domain::time::to_local;
use crate::error::AppError;
use crate::reports::{self, pelican, AtomEntry, AtomFeed, PelicanDoc};

pub fn report_path(group: &Group, report: &Report) -> String {
    format!("/groups/{}/reports/{}", group.slug, report.slug)
}

/// The report as a Pelican article: header values as imported, the date in the group's time.
pub fn pelican_doc(report: &Report, meetup: &Meetup, group: &Group) -> PelicanDoc {
    let mut extra = report.extra_pairs();
    let modified = extra
        .iter()
        .position(|(k, _)| k == "Modified")
        .map(|i| extra.remove(i).1);
    PelicanDoc {
        title: report.title.clone(),
        date: to_local(meetup.starts_at, group.tz()),
        date_has_time: report.date_has_time,
        modified,
        category: report.category.clone(),
        slug: Some(report.slug.clone()),
        tags: report.tag_list(),
        authors: report.author_list(),
        summary: report.summary.clone(),
        lang: report.lang.clone(),
        extra,
        body: report.body_markdown.clone(),
    }
}

/// Parses and imports one Pelican file into the group (HTTP import and CLI alike).
pub fn import_file(
    conn: &mut DbConn,
    group: &Group,
    bytes: &[u8],
) -> Result<(Report, Meetup), AppError> {
    let doc = pelican::parse(bytes).map_err(|e| {
        AppError::validation(
            e.field,
            match e.field {
                "title" => "error.report_title",
                "date" => "error.report_date",
                _ => "error.report_file",
            },
        )
    })?;
    repo::import_pelican(conn, group, &doc)
}

/// Atom feed of the group's published reports.
pub fn atom(settings: &Settings, group: &Group, list: &[(Report, Meetup)]) -> String {
    let base = &settings.base_url;
    let self_url = format!("{base}/groups/{}/reports.atom", group.slug);
    let html_url = format!("{base}/groups/{}", group.slug);
    let entries: Vec<AtomEntry> = list
        .iter()
        .map(|(r, m)| AtomEntry {
            id: format!("{base}{}", report_path(group, r)),
            title: r.title.clone(),
            url: format!("{base}{}", report_path(group, r)),
            published: r.published_at.unwrap_or(m.starts_at),
            updated: r.updated_at,
            summary: r.summary.clone(),
            content_html: reports::render_markdown(&r.body_markdown),
            categories: r.category.iter().cloned().chain(r.tag_list()).collect(),
        })
        .collect();
    let updated = list
        .iter()
        .map(|(r, _)| r.updated_at)
        .max()
        .unwrap_or(group.updated_at);
    reports::render_atom(
        &AtomFeed {
            id: &self_url,
            title: &group.name,
            self_url: &self_url,
            html_url: &html_url,
            updated,
            author_name: &group.name,
        },
        &entries,
    )
}

/// `YYYY-MM-DD` of a meetup in its group's zone (file names of exported articles).
pub fn local_day(meetup: &Meetup, group: &Group) -> String {
    group
        .tz()
        .from_utc_datetime(&meetup.starts_at)
        .format("%Y-%m-%d")
        .to_string()
}
