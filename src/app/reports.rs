//! Meetup reports: writing and publishing them, importing Pelican articles, and what report pages,
//! exports and feeds show.

use crate::config::Settings;
use crate::db::models::{Group, Meetup, Report};
use crate::db::repo::meetups::{self, MeetupRow};
use crate::db::repo::reports as repo;
use crate::db::repo::{rsvps, talks};
use crate::db::{now, Db, DbConn};
use crate::domain::account::is_erased_email;
use crate::domain::group::{parse_long_text, parse_text};
use crate::domain::ids::{GroupId, MeetupId, ReportId, UserId};
use crate::domain::report::{
    imported_meetup, listed_as_present, local_day_bounds, published_at, readable, slug_candidate,
    wanted_slug,
};
use crate::domain::time::to_local;
use crate::error::AppError;
use crate::i18n::{long_date, programme_lines, t};
use crate::reports::draft::{draft, DraftFacts};
use crate::reports::{pelican, slugify, PelicanDoc};
use crate::webhooks;

use super::access::{require_organiser, Viewer};
use super::audit;
use super::groups::{group_at, organised_meetup};
use super::rsvps::shown_to;

pub const MAX_TITLE: usize = 200;
pub const MAX_MARKDOWN: usize = 500_000;

/// What a report says besides its meetup; Pelican metadata rides along for faithful exports.
#[derive(Debug, Clone, Default)]
pub struct ReportFields {
    pub title: String,
    pub body_markdown: String,
    pub published: bool,
    /// Kept as given when set (imported Pelican slugs may have capitals); else from the title.
    pub slug: Option<String>,
    pub category: Option<String>,
    pub tags: Vec<String>,
    pub authors: Vec<String>,
    pub summary: Option<String>,
    pub lang: Option<String>,
    pub extra: Vec<(String, String)>,
    pub date_has_time: bool,
}

/// The meetup's report with its group if `viewer` may read it, else 404 (drafts included).
#[tracing::instrument(skip_all)]
pub fn visible_report(
    conn: &mut DbConn,
    viewer: &Viewer,
    meetup: &MeetupId,
) -> Result<(Report, Group), AppError> {
    let row = meetups::meetup_place(conn, meetup)?.ok_or(AppError::NotFound)?;
    let report = repo::report_of_meetup(conn, meetup)?.ok_or(AppError::NotFound)?;
    Ok((readable_to(report, &row.group.id, viewer)?, row.group))
}

/// The report, or 404 when `viewer` may not read it.
fn readable_to(report: Report, group: &GroupId, viewer: &Viewer) -> Result<Report, AppError> {
    if readable(report.published, viewer.organises(group)) {
        Ok(report)
    } else {
        Err(AppError::NotFound)
    }
}

/// A visible report of the group at `group_slug` with its meetup: a Pelican export.
#[tracing::instrument(skip_all)]
pub fn article(
    conn: &mut DbConn,
    viewer: &Viewer,
    group_slug: &str,
    report_slug: &str,
) -> Result<(Group, Report, Meetup), AppError> {
    let group = group_at(conn, group_slug)?;
    let report = repo::report_by_slug(conn, &group.id, report_slug)?.ok_or(AppError::NotFound)?;
    let meetup = meetups::meetup_by_id(conn, &report.meetup_id)?.ok_or(AppError::NotFound)?;
    let report = readable_to(report, &group.id, viewer)?;
    Ok((group, report, meetup))
}

/// Published reports of a group with their meetups, most recent meetup first.
#[tracing::instrument(skip_all)]
pub async fn published_reports(db: &Db, group: &Group) -> Result<Vec<(Report, Meetup)>, AppError> {
    let g = group.id.clone();
    db.run(move |conn| repo::published_reports(conn, &g, None))
        .await
}

/// Entries of a group's Atom feed: the most recent, as feed readers expect.
pub const FEED_ENTRIES: i64 = 50;

/// The group at `slug` with its most recent published reports: its Atom feed.
#[tracing::instrument(skip_all)]
pub fn feed(conn: &mut DbConn, slug: &str) -> Result<(Group, Vec<(Report, Meetup)>), AppError> {
    let group = group_at(conn, slug)?;
    let reports = repo::published_reports(conn, &group.id, Some(FEED_ENTRIES))?;
    Ok((group, reports))
}

/// What a report page shows of its meetup.
pub struct ReportContext {
    pub meetup: MeetupRow,
    /// Names of who came (see `domain::report::listed_as_present`), as the viewer may read them.
    pub attendees: Vec<String>,
}

/// A report's page: its group, the report if `viewer` may read it, and what it shows of its
/// meetup, in one checkout.
pub struct ReportPage {
    pub group: Group,
    pub report: Report,
    pub context: ReportContext,
}

#[tracing::instrument(skip(conn, viewer))]
pub fn report_page(
    conn: &mut DbConn,
    viewer: &Viewer,
    group_slug: &str,
    report_slug: &str,
) -> Result<ReportPage, AppError> {
    let group = group_at(conn, group_slug)?;
    let report = repo::report_by_slug(conn, &group.id, report_slug)?.ok_or(AppError::NotFound)?;
    let report = readable_to(report, &group.id, viewer)?;
    let context = report_context(conn, &report, viewer)?;
    Ok(ReportPage {
        group,
        report,
        context,
    })
}

fn report_context(
    conn: &mut DbConn,
    report: &Report,
    viewer: &Viewer,
) -> Result<ReportContext, AppError> {
    let row = meetups::meetup_place(conn, &report.meetup_id)?.ok_or(AppError::NotFound)?;
    let (going, _) = rsvps::attendees(conn, &report.meetup_id)?;
    let anyone_checked_in = going.iter().any(|a| a.attended);
    // Names as on the meetup page, read now: for the group's members unless the group says
    // otherwise, without those who keep out of lists, and deleted accounts gone.
    let standing = viewer.standing_in(&row.group.id);
    let attendees = shown_to(&row.group, standing, going)
        .into_iter()
        .filter(|a| listed_as_present(a.attended, anyone_checked_in))
        .filter(|a| !is_erased_email(&a.email))
        .map(|a| a.name)
        .collect();
    Ok(ReportContext {
        meetup: row,
        attendees,
    })
}

/// The report a meetup writes itself, for its organisers: Markdown in the group's language, and
/// the same as a Pelican article.
pub struct ReportDraft {
    pub markdown: String,
    pub pelican: PelicanDoc,
}

/// The draft of the meetup's report, for its organisers (404, then 403).
#[tracing::instrument(skip(conn, user))]
pub fn report_draft(
    conn: &mut DbConn,
    user: &UserId,
    meetup: &MeetupId,
) -> Result<ReportDraft, AppError> {
    let row = meetups::meetup_row(conn, meetup)?.ok_or(AppError::NotFound)?;
    let m = &row.meetup;
    require_organiser(conn, &m.group_id, user)?;
    let programme = talks::programme(conn, m)?;
    let going = rsvps::attendees(conn, &m.id)?.0;
    let anyone_checked_in = going.iter().any(|a| a.attended);
    let came: Vec<_> = going
        .into_iter()
        .filter(|a| listed_as_present(a.attended, anyone_checked_in))
        .collect();
    // The draft is meant to be published, and published text is read by anyone and outlives
    // accounts: it counts who came, guests too; the report page names members to those who
    // may read names.
    let count = came
        .iter()
        .map(|a| 1 + usize::try_from(a.guests).unwrap_or(0))
        .sum();
    let (group, meetup, lang) = (&row.group, m, row.group.lang());
    let local = to_local(meetup.starts_at, group.tz());
    let place = match (&row.venue, &meetup.online_url) {
        (Some(v), _) => Some(v.full_address()),
        (None, Some(_)) => Some(t(lang, "reports-draft-online").to_string()),
        (None, None) => None,
    };
    let lines = programme_lines(&programme, group.tz(), lang);
    let markdown = draft(&DraftFacts {
        lang,
        date: long_date(lang, local),
        place,
        count,
        programme: lines
            .into_iter()
            .zip(&programme)
            .map(|(line, talk)| (line, talk.links.as_slice()))
            .collect(),
        sponsors: crate::db::repo::sponsors::sponsors_of_meetup(conn, &m.id)?
            .into_iter()
            .map(|s| ((s.sponsor.sponsor.name, s.sponsor.sponsor.url), s.role))
            .collect(),
    });
    let pelican = PelicanDoc {
        title: meetup.title.clone(),
        date: local,
        date_has_time: false,
        modified: None,
        category: Some(group.name.clone()),
        slug: Some(format!("{}-{}", local.date(), slugify(&meetup.title))),
        tags: vec!["Meetup".into(), group.name.clone()],
        authors: Vec::new(),
        summary: None,
        lang: Some(group.locale.code().into()),
        extra: Vec::new(),
        body: markdown.clone(),
    };
    Ok(ReportDraft { markdown, pelican })
}

/// What the report editor opens with: the meetup's report, or else the one it writes itself.
pub enum EditorStart {
    Report(Report),
    Draft(ReportDraft),
}

/// The report editor's read for the organiser's meetup `id` of the group at `slug`, in the
/// order of answers of organiser pages (404, sign-in or 403, 404).
#[tracing::instrument(skip(conn, viewer))]
pub fn editor(
    conn: &mut DbConn,
    viewer: &Viewer,
    slug: &str,
    id: &MeetupId,
) -> Result<(MeetupRow, EditorStart), AppError> {
    let (_, row) = organised_meetup(conn, viewer, slug, id)?;
    let start = match repo::report_of_meetup(conn, id)? {
        Some(report) => EditorStart::Report(report),
        None => EditorStart::Draft(report_draft(conn, &viewer.require_user()?.id, id)?),
    };
    Ok((row, start))
}

/// Organisers write the meetup's report (`title` absent: the meetup's); metadata from a Pelican
/// import stays with it. Returns the report and its meetup's group (404, then 403, then 422).
#[tracing::instrument(skip(conn, user, title, body_markdown))]
pub fn write_report(
    conn: &mut DbConn,
    settings: &Settings,
    user: &UserId,
    meetup: &MeetupId,
    title: Option<&str>,
    body_markdown: &str,
    published: bool,
) -> Result<(Report, Group), AppError> {
    let row = meetups::meetup_place(conn, meetup)?.ok_or(AppError::NotFound)?;
    let meetup = &row.meetup;
    let title = parse_text(title.unwrap_or(&meetup.title), "title", MAX_TITLE);
    let body_markdown = parse_long_text(body_markdown, "body_markdown", MAX_MARKDOWN);
    require_organiser(conn, &meetup.group_id, user)?;
    let (title, body_markdown) = (title?, body_markdown?);
    let existing = repo::report_of_meetup(conn, &meetup.id)?;
    let was_published = existing.as_ref().is_some_and(|r| r.published);
    let fields = match existing {
        Some(r) => ReportFields {
            title,
            body_markdown,
            published,
            slug: None,
            category: r.category.clone(),
            tags: r.tag_list(),
            authors: r.author_list(),
            summary: r.summary.clone(),
            lang: r.lang.clone(),
            extra: r.extra_pairs(),
            date_has_time: r.date_has_time,
        },
        None => ReportFields {
            title,
            body_markdown,
            published,
            date_has_time: true,
            ..Default::default()
        },
    };
    let report = save_report(conn, meetup, fields)?;
    if report.published && !was_published {
        let target = audit::Target::Report(report.id.as_str(), &report.title);
        audit::record(conn, &meetup.group_id, user, "report_published", target)?;
        webhooks::events::report_published(conn, settings, &report)?;
    }
    Ok((report, row.group))
}

/// A slug free in the group: the wanted one, else with `-2`, `-3`… appended.
fn free_slug(
    conn: &mut DbConn,
    group_id: &GroupId,
    wanted: &str,
    keep_for: Option<&str>,
) -> Result<String, AppError> {
    for n in 1.. {
        let candidate = slug_candidate(wanted, n);
        match repo::report_by_slug(conn, group_id, &candidate)? {
            Some(r) if Some(r.id.as_str()) != keep_for => continue,
            _ => return Ok(candidate),
        }
    }
    unreachable!("the loop returns")
}

/// Creates or updates the meetup's report, inside the caller's transaction.
fn save_report(conn: &mut DbConn, meetup: &Meetup, f: ReportFields) -> Result<Report, AppError> {
    let existing = repo::report_of_meetup(conn, &meetup.id)?;
    let wanted = wanted_slug(
        f.slug.clone(),
        existing.as_ref().map(|r| r.slug.as_str()),
        || slugify(&f.title),
    );
    let slug = free_slug(
        conn,
        &meetup.group_id,
        &wanted,
        existing.as_ref().map(|r| r.id.as_str()),
    )?;
    let at = now();
    let report = Report {
        id: existing
            .as_ref()
            .map_or_else(ReportId::random, |r| r.id.clone()),
        meetup_id: meetup.id.clone(),
        group_id: meetup.group_id.clone(),
        slug,
        title: f.title,
        body_markdown: f.body_markdown,
        published: f.published,
        published_at: published_at(
            existing.as_ref().and_then(|r| r.published_at),
            existing.is_some(),
            f.published,
            at,
        ),
        category: f.category,
        tags: serde_json::to_string(&f.tags).unwrap_or_else(|_| "[]".into()),
        authors: serde_json::to_string(&f.authors).unwrap_or_else(|_| "[]".into()),
        summary: f.summary,
        lang: f.lang,
        extra: serde_json::to_string(&f.extra).unwrap_or_else(|_| "[]".into()),
        date_has_time: f.date_has_time,
        created_at: existing.as_ref().map_or(at, |r| r.created_at),
        updated_at: at,
    };
    if existing.is_some() {
        repo::update_report(conn, &report)?;
    } else {
        repo::insert_report(conn, &report)?;
    }
    // The meetup page links its report: its fingerprint must change.
    meetups::touch_meetup(conn, &meetup.id, at)?;
    Ok(report)
}

/// Imports one Pelican article into the group (HTTP import and command line alike): the same slug
/// again updates its report; otherwise the report goes to the group's meetup on that local day, or
/// to a past meetup created for it.
#[tracing::instrument(skip_all, fields(group = %group.slug))]
pub async fn import_article(
    db: &Db,
    group: &Group,
    bytes: Vec<u8>,
) -> Result<(Report, Meetup), AppError> {
    let (group, doc) = (group.clone(), parse_article(&bytes));
    db.transaction(move |conn| import_doc(conn, &group, &doc?))
        .await
}

/// [`import_article`] for organisers of the group at `slug`, on the caller's connection (in
/// the import's transaction): 404, then 403, then the file's faults.
#[tracing::instrument(skip(conn, user, bytes))]
pub fn import_article_as(
    conn: &mut DbConn,
    settings: &Settings,
    user: &UserId,
    slug: &str,
    bytes: &[u8],
) -> Result<(Report, Meetup), AppError> {
    let group = group_at(conn, slug)?;
    require_organiser(conn, &group.id, user)?;
    let doc = parse_article(bytes)?;
    let slug = doc.slug.clone().unwrap_or_else(|| slugify(&doc.title));
    let was_published = repo::report_by_slug(conn, &group.id, &slug)?.is_some_and(|r| r.published);
    let (report, meetup) = import_doc(conn, &group, &doc)?;
    if !was_published {
        let target = audit::Target::Report(report.id.as_str(), &report.title);
        audit::record(conn, &group.id, user, "report_published", target)?;
        webhooks::events::report_published(conn, settings, &report)?;
    }
    Ok((report, meetup))
}

/// The Pelican article in `bytes`, or the field at fault.
fn parse_article(bytes: &[u8]) -> Result<PelicanDoc, AppError> {
    pelican::parse(bytes).map_err(|e| {
        AppError::validation(
            e.field,
            match e.field {
                "title" => "error-report_title",
                "date" => "error-report_date",
                _ => "error-report_file",
            },
        )
    })
}

fn import_doc(
    conn: &mut DbConn,
    group: &Group,
    doc: &PelicanDoc,
) -> Result<(Report, Meetup), AppError> {
    let tz = group.tz();
    let invalid_date = || AppError::validation("date", "error-datetime_invalid");
    let slug = doc.slug.clone().unwrap_or_else(|| slugify(&doc.title));
    let meetup = match repo::report_by_slug(conn, &group.id, &slug)? {
        Some(r) => meetups::meetup_by_id(conn, &r.meetup_id)?.ok_or(AppError::NotFound)?,
        None => {
            let (from, until) = local_day_bounds(doc.date.date(), tz).ok_or_else(invalid_date)?;
            match meetups::first_meetup_between(conn, &group.id, from, until)? {
                Some(m) => m,
                None => {
                    let fields = imported_meetup(&doc.title, doc.date, doc.date_has_time, tz)
                        .ok_or_else(invalid_date)?;
                    meetups::create_meetup(conn, &group.id, fields)?
                }
            }
        }
    };
    let report = save_report(
        conn,
        &meetup,
        ReportFields {
            title: doc.title.clone(),
            body_markdown: doc.body.clone(),
            published: true,
            slug: Some(slug),
            category: doc.category.clone(),
            tags: doc.tags.clone(),
            authors: doc.authors.clone(),
            summary: doc.summary.clone(),
            lang: doc.lang.clone(),
            // `Modified` has no column of its own: it travels with the other header pairs.
            extra: doc
                .modified
                .iter()
                .map(|m| ("Modified".to_string(), m.clone()))
                .chain(doc.extra.iter().cloned())
                .collect(),
            date_has_time: doc.date_has_time,
        },
    )?;
    Ok((report, meetup))
}
