//! A stored report as the documents it is published in: a Pelican article and Atom entries.

use chrono::TimeZone;

use crate::config::Settings;
use crate::db::models::{Group, Meetup, Report};
use crate::domain::time::to_local;
use crate::reports::{render_atom, render_markdown, AtomEntry, AtomFeed, PelicanDoc};
use crate::urls::{group_url, report_url, reports_feed_url};

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

/// Atom feed of the group's published reports.
pub fn atom(settings: &Settings, group: &Group, list: &[(Report, Meetup)]) -> String {
    let base = &settings.base_url;
    let self_url = reports_feed_url(base, &group.slug);
    let html_url = group_url(base, &group.slug);
    let entries: Vec<AtomEntry> = list
        .iter()
        .map(|(r, m)| AtomEntry {
            id: report_url(base, &group.slug, &r.slug),
            title: r.title.clone(),
            url: report_url(base, &group.slug, &r.slug),
            published: r.published_at.unwrap_or(m.starts_at),
            updated: r.updated_at,
            summary: r.summary.clone(),
            content_html: render_markdown(&r.body_markdown),
            categories: r.category.iter().cloned().chain(r.tag_list()).collect(),
        })
        .collect();
    let updated = list
        .iter()
        .map(|(r, _)| r.updated_at)
        .max()
        .unwrap_or(group.updated_at);
    render_atom(
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

/// Atom feed of every group's published reports (`/reports.atom`), each entry under its
/// group's name.
pub fn instance_atom(settings: &Settings, list: &[(Report, Meetup, Group)]) -> String {
    let base = &settings.base_url;
    let self_url = format!("{base}/reports.atom");
    let html_url = format!("{base}/groups");
    let entries: Vec<AtomEntry> = list
        .iter()
        .map(|(r, m, g)| AtomEntry {
            id: report_url(base, &g.slug, &r.slug),
            title: format!("{} — {}", g.name, r.title),
            url: report_url(base, &g.slug, &r.slug),
            published: r.published_at.unwrap_or(m.starts_at),
            updated: r.updated_at,
            summary: r.summary.clone(),
            content_html: render_markdown(&r.body_markdown),
            categories: r.category.iter().cloned().chain(r.tag_list()).collect(),
        })
        .collect();
    let updated = list
        .iter()
        .map(|(r, _, _)| r.updated_at)
        .max()
        .unwrap_or_else(crate::db::now);
    let title = format!("Rendezvous — {}", settings.host());
    render_atom(
        &AtomFeed {
            id: &self_url,
            title: &title,
            self_url: &self_url,
            html_url: &html_url,
            updated,
            author_name: &title,
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
