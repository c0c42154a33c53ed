//! Meetup reports: one per meetup, addressed by a slug unique in the group.

use chrono::{Duration, NaiveDateTime, TimeZone};
use diesel::prelude::*;

use super::meetups::create_meetup;
use super::new_id;
use crate::db::models::{Group, Meetup, Report};
use crate::db::schema::{meetups, reports};
use crate::db::{now, DbConn};
use crate::domain::meetup::MeetupFields;
use crate::error::AppError;
use crate::reports::{slugify, PelicanDoc};

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

pub fn report_of_meetup(conn: &mut DbConn, meetup_id: &str) -> Result<Option<Report>, AppError> {
    Ok(reports::table
        .filter(reports::meetup_id.eq(meetup_id))
        .select(Report::as_select())
        .first(conn)
        .optional()?)
}

pub fn report_by_slug(
    conn: &mut DbConn,
    group_id: &str,
    slug: &str,
) -> Result<Option<Report>, AppError> {
    Ok(reports::table
        .filter(reports::group_id.eq(group_id))
        .filter(reports::slug.eq(slug))
        .select(Report::as_select())
        .first(conn)
        .optional()?)
}

/// Published reports of a group with their meetups, most recent meetup first.
pub fn published_reports(
    conn: &mut DbConn,
    group_id: &str,
) -> Result<Vec<(Report, Meetup)>, AppError> {
    Ok(reports::table
        .inner_join(meetups::table)
        .filter(reports::group_id.eq(group_id))
        .filter(reports::published.eq(true))
        .order(meetups::starts_at.desc())
        .select((Report::as_select(), Meetup::as_select()))
        .load(conn)?)
}

/// A slug free in the group: the wanted one, else with `-2`, `-3`… appended.
fn free_slug(
    conn: &mut DbConn,
    group_id: &str,
    wanted: &str,
    keep_for: Option<&str>,
) -> Result<String, AppError> {
    for n in 1.. {
        let candidate = if n == 1 {
            wanted.to_string()
        } else {
            format!("{wanted}-{n}")
        };
        match report_by_slug(conn, group_id, &candidate)? {
            Some(r) if Some(r.id.as_str()) != keep_for => continue,
            _ => return Ok(candidate),
        }
    }
    unreachable!("the loop returns")
}

/// Creates or updates the meetup's report; an existing report keeps its slug unless one is given.
pub fn save_report(
    conn: &mut DbConn,
    meetup: &Meetup,
    f: ReportFields,
) -> Result<Report, AppError> {
    conn.transaction(|conn| {
        let existing = report_of_meetup(conn, &meetup.id)?;
        let wanted = f.slug.clone().unwrap_or_else(|| {
            existing
                .as_ref()
                .map_or_else(|| slugify(&f.title), |r| r.slug.clone())
        });
        let slug = free_slug(
            conn,
            &meetup.group_id,
            &wanted,
            existing.as_ref().map(|r| r.id.as_str()),
        )?;
        let at = now();
        let published_at = match (&existing, f.published) {
            (Some(r), true) => r.published_at.or(Some(at)),
            (None, true) => Some(at),
            (_, false) => None,
        };
        let report = Report {
            id: existing.as_ref().map_or_else(new_id, |r| r.id.clone()),
            meetup_id: meetup.id.clone(),
            group_id: meetup.group_id.clone(),
            slug,
            title: f.title,
            body_markdown: f.body_markdown,
            published: f.published,
            published_at,
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
            diesel::update(reports::table.find(&report.id))
                .set((
                    reports::slug.eq(&report.slug),
                    reports::title.eq(&report.title),
                    reports::body_markdown.eq(&report.body_markdown),
                    reports::published.eq(report.published),
                    reports::published_at.eq(report.published_at),
                    reports::category.eq(&report.category),
                    reports::tags.eq(&report.tags),
                    reports::authors.eq(&report.authors),
                    reports::summary.eq(&report.summary),
                    reports::lang.eq(&report.lang),
                    reports::extra.eq(&report.extra),
                    reports::date_has_time.eq(report.date_has_time),
                    reports::updated_at.eq(at),
                ))
                .execute(conn)?;
        } else {
            diesel::insert_into(reports::table)
                .values(&report)
                .execute(conn)?;
        }
        // The meetup page links its report: its fingerprint must change.
        diesel::update(meetups::table.find(&meetup.id))
            .set(meetups::updated_at.eq(at))
            .execute(conn)?;
        Ok(report)
    })
}

/// Saves the text of the meetup's report; metadata from a Pelican import stays with it.
pub fn save_report_text(
    conn: &mut DbConn,
    meetup: &Meetup,
    title: String,
    body_markdown: String,
    published: bool,
) -> Result<Report, AppError> {
    let fields = match report_of_meetup(conn, &meetup.id)? {
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
    save_report(conn, meetup, fields)
}

/// Imports a Pelican article: the same slug again updates its report; otherwise the report goes
/// to the group's meetup on that local day, or to a past meetup created for it.
pub fn import_pelican(
    conn: &mut DbConn,
    group: &Group,
    doc: &PelicanDoc,
) -> Result<(Report, Meetup), AppError> {
    conn.transaction(|conn| {
        let tz = group.tz();
        let slug = doc.slug.clone().unwrap_or_else(|| slugify(&doc.title));
        let meetup = match report_by_slug(conn, &group.id, &slug)? {
            Some(r) => meetups::table
                .find(&r.meetup_id)
                .select(Meetup::as_select())
                .first(conn)?,
            None => {
                let day = doc.date.date();
                let local =
                    |t: NaiveDateTime| tz.from_local_datetime(&t).earliest().map(|d| d.naive_utc());
                let start = local(day.and_hms_opt(0, 0, 0).unwrap_or(doc.date))
                    .ok_or(AppError::validation("date", "error.datetime_invalid"))?;
                let same_day: Option<Meetup> = meetups::table
                    .filter(meetups::group_id.eq(&group.id))
                    .filter(meetups::starts_at.ge(start))
                    .filter(meetups::starts_at.lt(start + Duration::hours(24)))
                    .order(meetups::starts_at.asc())
                    .select(Meetup::as_select())
                    .first(conn)
                    .optional()?;
                match same_day {
                    Some(m) => m,
                    None => {
                        let wall = if doc.date_has_time {
                            doc.date
                        } else {
                            day.and_hms_opt(19, 0, 0).unwrap_or(doc.date)
                        };
                        let starts_at = local(wall)
                            .ok_or(AppError::validation("date", "error.datetime_invalid"))?;
                        create_meetup(
                            conn,
                            &group.id,
                            MeetupFields {
                                title: doc.title.clone(),
                                description: String::new(),
                                starts_at,
                                ends_at: starts_at + Duration::hours(2),
                                venue_id: None,
                                online_url: None,
                                capacity: None,
                                rsvp_deadline: None,
                            },
                        )?
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
    })
}
