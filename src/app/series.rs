//! Recurring meetups: start a series, keep its next occurrences in existence as time goes by,
//! skip a date, end it.

use std::sync::Arc;
use std::time::Duration;

use chrono::{NaiveDate, NaiveDateTime};

use crate::config::Settings;
use crate::db::models::{Group, Meetup, Series};
use crate::db::repo::meetups::{self, MeetupRow};
use crate::db::repo::{groups, rsvps, series as repo};
use crate::db::{now, Db, DbConn};
use crate::domain::ids::{MeetupId, SeriesId, UserId};
use crate::domain::meetup::{MeetupFields, MeetupStatus};
use crate::domain::rsvp::RsvpStatus;
use crate::domain::series::{
    anchor, build_series, check_has_dates, dates, is_occurrence, local_to_utc, occurrence_fields,
    SeriesFields, SeriesInput,
};
use crate::domain::time::to_local;
use crate::error::AppError;
use crate::mail;

use super::access::{require_organiser, Viewer};
use super::meetups::{announce_in, change_meetup, change_status, check_venue, private_in, Private};

/// A series with its group and every occurrence made so far, in the series' order (cancelled
/// and past ones too).
#[derive(Debug, Clone)]
pub struct SeriesView {
    pub series: Series,
    pub group: Group,
    pub occurrences: Vec<MeetupRow>,
}

impl SeriesView {
    /// The occurrences still to come after `at` and not cancelled.
    pub fn upcoming(&self, at: NaiveDateTime) -> Vec<MeetupRow> {
        self.occurrences
            .iter()
            .filter(|r| r.meetup.starts_at > at && r.meetup.status == MeetupStatus::Scheduled)
            .cloned()
            .collect()
    }
}

/// The signed-in viewer's answers to the series' meetups still to come (none for visitors),
/// on the caller's connection: "You're going" in its list.
pub fn answers_seen_by(
    conn: &mut DbConn,
    viewer: &Viewer,
    view: &SeriesView,
) -> Result<std::collections::HashMap<MeetupId, RsvpStatus>, AppError> {
    let Some(user) = viewer.user() else {
        return Ok(Default::default());
    };
    let at = now();
    let upcoming: Vec<&MeetupId> = view
        .occurrences
        .iter()
        .filter(|r| r.meetup.starts_at > at)
        .map(|r| &r.meetup.id)
        .collect();
    rsvps::answers_to(conn, &user.id, &upcoming)
}

/// How often running series are topped up.
const TOP_UP_EVERY: Duration = Duration::from_secs(60);

/// Organisers start a series in the group at `slug` (404 for no such group, 403 for others,
/// then the input's faults): its first `horizon` occurrences exist at once, announced to the
/// members together, in one mail each.
#[tracing::instrument(skip_all, fields(group = %slug))]
pub fn create_series(
    conn: &mut DbConn,
    user: &UserId,
    slug: &str,
    input: &SeriesInput,
) -> Result<SeriesView, AppError> {
    let group = groups::group_by_slug(conn, slug)?.ok_or(AppError::NotFound)?;
    let at = now();
    let series = new_series(&group, input, at);
    require_organiser(conn, &group.id, user)?;
    let series = series?;
    check_venue(conn, &group.id, series.venue_id.as_ref())?;
    repo::insert_series(conn, &series)?;
    // Its first dates go to members in one mail, rather than one mail per date.
    let made = make_missing(conn, &series, &group, at)?;
    for row in &made {
        meetups::set_announced(conn, &row.meetup.id)?;
    }
    if let Some(first) = made.first() {
        mail::meetups::series_announced(conn, &series, &first.meetup.id)?;
    }
    view(conn, &series.id)
}

/// The series `input` describes, starting from `at`, or what is at fault in it.
fn new_series(group: &Group, input: &SeriesInput, at: NaiveDateTime) -> Result<Series, AppError> {
    let fields = build_series(None, input).map_err(AppError::Invalid)?;
    let tz = group.tz();
    let dtstart = anchor(to_local(at, tz), fields.start_time, fields.starts_on);
    check_has_dates(&fields.rule, dtstart, tz).map_err(AppError::Validation)?;
    Ok(Series {
        id: SeriesId::random(),
        group_id: group.id.clone(),
        title: fields.title,
        description: fields.description,
        rule: fields.rule,
        dtstart,
        duration_minutes: fields.duration_minutes,
        venue_id: fields.venue_id,
        capacity: fields.capacity,
        online_url: fields.online_url,
        online_url_visibility: fields.online_url_visibility,
        rsvp_deadline_minutes: fields.rsvp_deadline_minutes,
        horizon: fields.horizon,
        ended_at: None,
        created_at: at,
        updated_at: at,
    })
}

/// The series and its occurrences, or 404, on the caller's connection.
pub fn view(conn: &mut DbConn, id: &SeriesId) -> Result<SeriesView, AppError> {
    let series = repo::series_by_id(conn, id)?.ok_or(AppError::NotFound)?;
    let group = groups::group_by_id(conn, &series.group_id)?;
    let made = repo::occurrences(conn, id)?;
    let occurrences = meetups::with_details(conn, made)?;
    Ok(SeriesView {
        series,
        group,
        occurrences,
    })
}

/// A series as one viewer sees it: its occurrences to come, each with its online link as the
/// viewer may read it, and whether the viewer organises its group.
pub struct SeriesSeen {
    pub view: SeriesView,
    pub next: Vec<MeetupRow>,
    pub links: Vec<Private>,
    pub organiser: bool,
}

/// `view` as `viewer` sees it, on the caller's connection.
pub fn seen_by(
    conn: &mut DbConn,
    viewer: &Viewer,
    view: SeriesView,
) -> Result<SeriesSeen, AppError> {
    let next = view.upcoming(now());
    let links = private_in(conn, &next, viewer)?;
    let organiser = viewer.organises(&view.group.id);
    Ok(SeriesSeen {
        view,
        next,
        links,
        organiser,
    })
}

fn template(s: &Series) -> SeriesFields {
    SeriesFields {
        starts_on: None,
        title: s.title.clone(),
        description: s.description.clone(),
        rule: s.rule.clone(),
        start_time: s.dtstart.time(),
        duration_minutes: s.duration_minutes,
        venue_id: s.venue_id.clone(),
        capacity: s.capacity,
        online_url: s.online_url.clone(),
        online_url_visibility: s.online_url_visibility,
        rsvp_deadline_minutes: s.rsvp_deadline_minutes,
        horizon: s.horizon,
    }
}

/// [`make_missing`], each new date announced on its own as a new meetup is; how many were
/// made.
fn top_up(
    conn: &mut DbConn,
    settings: &Settings,
    series: &Series,
    group: &Group,
    at: NaiveDateTime,
) -> Result<usize, AppError> {
    let made = make_missing(conn, series, group, at)?;
    for row in &made {
        announce_in(conn, settings, row)?;
    }
    Ok(made.len())
}

/// Makes the occurrences missing for `horizon` of them to be ahead of `at`: the rule's next
/// dates that have no meetup yet, past skipped dates and times a clock change skips or repeats,
/// numbered on from the last one made. The caller holds the series' lock (or has just created
/// it); the unique index on (series, number) backs that. Nobody is told here.
fn make_missing(
    conn: &mut DbConn,
    series: &Series,
    group: &Group,
    at: NaiveDateTime,
) -> Result<Vec<MeetupRow>, AppError> {
    let mut made = Vec::new();
    if series.ended_at.is_some() {
        return Ok(made);
    }
    let missing = i64::from(series.horizon) - repo::upcoming_count(conn, &series.id, at)?;
    if missing <= 0 {
        return Ok(made);
    }
    let last = repo::last_number(conn, &series.id)?.unwrap_or(0);
    let tz = group.tz();
    let mut taken = repo::skipped_days(conn, &series.id)?;
    taken.extend(
        repo::occurrences(conn, &series.id)?
            .iter()
            .map(|m| to_local(m.starts_at, tz).date()),
    );
    let template = template(series);
    for local in dates(&series.rule, series.dtstart, tz) {
        if made.len() as i64 >= missing {
            break;
        }
        if taken.contains(&local.date()) {
            continue;
        }
        let Some(starts_at) = local_to_utc(local, tz).filter(|s| *s > at) else {
            continue;
        };
        let number = last + 1 + made.len() as i32;
        // Like a single meetup, an occurrence takes the group's "Still coming?" rules.
        let fields = MeetupFields {
            seats: group.seat_rules(),
            ..occurrence_fields(&template, number, starts_at)
        };
        let meetup = meetups::create_occurrence(conn, &group.id, fields, &series.id, number)?;
        made.push(meetups::meetup_row(conn, &meetup.id)?.ok_or(AppError::NotFound)?);
    }
    Ok(made)
}

/// Tops up every running series as of `at`, each in its own transaction under its lock, so
/// instances sharing a database make each occurrence once. Returns how many were made.
#[tracing::instrument(skip_all)]
pub async fn top_up_all(
    db: &Db,
    settings: &Arc<Settings>,
    at: NaiveDateTime,
) -> Result<usize, AppError> {
    // Read first, lock only where an occurrence is missing: most passes write nothing.
    let ids = db
        .run(move |conn| repo::series_short_of_horizon(conn, at))
        .await?;
    let mut made = 0;
    for id in ids {
        let settings = settings.clone();
        made += db
            .transaction(move |conn| {
                let series = repo::lock_series(conn, &id)?;
                let group = groups::group_by_id(conn, &series.group_id)?;
                top_up(conn, &settings, &series, &group, at)
            })
            .await?;
    }
    Ok(made)
}

/// The loop that keeps series topped up, beside the mail worker.
pub async fn keep_topped_up(db: Db, settings: Settings) {
    let settings = Arc::new(settings);
    loop {
        if let Err(e) = top_up_all(&db, &settings, now()).await {
            tracing::error!(error = %e, "series top-up failed");
        }
        tokio::time::sleep(TOP_UP_EVERY).await;
    }
}

/// Takes one date out of the series: its occurrence, if made, is cancelled (members going or
/// waitlisted are told, feeds say `STATUS:CANCELLED`), and the series goes on.
#[tracing::instrument(skip_all, fields(series = %id))]
pub fn skip_date(
    conn: &mut DbConn,
    settings: &Settings,
    user: &UserId,
    id: &SeriesId,
    date: Option<&str>,
) -> Result<SeriesView, AppError> {
    let series = repo::lock_series(conn, id)?;
    require_organiser(conn, &series.group_id, user)?;
    let day = date
        .and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok())
        .ok_or_else(|| AppError::validation("date", "error-date_invalid"))?;
    let group = groups::group_by_id(conn, &series.group_id)?;
    let tz = group.tz();
    if !is_occurrence(&series.rule, series.dtstart, tz, day) {
        return Err(AppError::validation("date", "error-skip_not_an_occurrence"));
    }
    repo::skip_day(conn, id, day)?;
    let at = now();
    let made = repo::occurrences(conn, id)?
        .into_iter()
        .find(|m| to_local(m.starts_at, tz).date() == day);
    if let Some(meetup) = made {
        if meetup.starts_at <= at {
            return Err(AppError::conflict("meetup_started"));
        }
        change_status(conn, settings, &meetup.id, MeetupStatus::Cancelled)?;
    }
    top_up(conn, settings, &series, &group, at)?;
    view(conn, id)
}

/// Changes a series' template: its occurrences to come that nobody edited one by one follow
/// (a new time or place bumps their `sequence` and tells who is going or waitlisted, as any
/// meetup change does); past ones never change. Absent fields keep their value.
#[tracing::instrument(skip_all, fields(series = %id))]
pub fn update_series(
    conn: &mut DbConn,
    settings: &Settings,
    user: &UserId,
    id: &SeriesId,
    input: &SeriesInput,
) -> Result<SeriesView, AppError> {
    let before = repo::lock_series(conn, id)?;
    require_organiser(conn, &before.group_id, user)?;
    let group = groups::group_by_id(conn, &before.group_id)?;
    let old = template(&before);
    let new = build_series(Some(&old), input).map_err(AppError::Invalid)?;
    check_venue(conn, &group.id, new.venue_id.as_ref())?;
    let tz = group.tz();
    let at = now();
    // A new rule counts from now; the old rule's meetups to come that nobody edited and
    // that the new rule does not keep are cancelled, their members told.
    let dtstart = if new.rule == old.rule {
        before.dtstart.date().and_time(new.start_time)
    } else {
        anchor(to_local(at, tz), new.start_time, None)
    };
    check_has_dates(&new.rule, dtstart, tz).map_err(AppError::Validation)?;
    for meetup in repo::occurrences(conn, id)? {
        let Some(number) = meetup.series_number else {
            continue;
        };
        if !follows(&old, &meetup, at) {
            continue;
        }
        // The series does not set the seat rules: an occurrence keeps its own.
        let seats = meetup.fields().seats;
        let day = to_local(meetup.starts_at, tz).date();
        if !is_occurrence(&new.rule, dtstart, tz, day) {
            change_status(conn, settings, &meetup.id, MeetupStatus::Cancelled)?;
            continue;
        }
        let starts_at = local_to_utc(day.and_time(new.start_time), tz).unwrap_or(meetup.starts_at);
        let fields = MeetupFields {
            seats,
            ..occurrence_fields(&new, number, starts_at)
        };
        if fields != meetup.fields() {
            change_meetup(conn, settings, meetup, fields)?;
        }
    }
    let after = Series {
        title: new.title.clone(),
        description: new.description.clone(),
        rule: new.rule.clone(),
        dtstart,
        duration_minutes: new.duration_minutes,
        venue_id: new.venue_id.clone(),
        capacity: new.capacity,
        online_url: new.online_url.clone(),
        online_url_visibility: new.online_url_visibility,
        rsvp_deadline_minutes: new.rsvp_deadline_minutes,
        horizon: new.horizon,
        updated_at: at,
        ..before
    };
    repo::update_series(conn, &after)?;
    top_up(conn, settings, &after, &group, at)?;
    view(conn, id)
}

/// Whether a change of the series `template` would reach `meetup` as of `at`: an occurrence
/// to come, scheduled, that nobody edited by hand (its fields are still the template's, seat
/// rules aside, which an occurrence keeps as its own).
fn follows(template: &SeriesFields, meetup: &Meetup, at: NaiveDateTime) -> bool {
    let Some(number) = meetup.series_number else {
        return false;
    };
    let fields = meetup.fields();
    let untouched = fields
        == MeetupFields {
            seats: fields.seats.clone(),
            ..occurrence_fields(template, number, meetup.starts_at)
        };
    untouched && meetup.starts_at > at && meetup.status == MeetupStatus::Scheduled
}

/// The occurrences to come of `view` as of `at`, each with whether a change of the series
/// reaches it (see [`update_series`]) or leaves it alone, edited by hand.
pub fn preview(view: &SeriesView, at: NaiveDateTime) -> Vec<(MeetupRow, bool)> {
    let template = template(&view.series);
    view.upcoming(at)
        .into_iter()
        .map(|row| {
            let follows = follows(&template, &row.meetup, at);
            (row, follows)
        })
        .collect()
}

/// Stops the series: no new occurrences; those made stay unless cancelled one by one.
#[tracing::instrument(skip_all, fields(series = %id))]
pub fn end_series(conn: &mut DbConn, user: &UserId, id: &SeriesId) -> Result<SeriesView, AppError> {
    let series = repo::lock_series(conn, id)?;
    require_organiser(conn, &series.group_id, user)?;
    if series.ended_at.is_none() {
        repo::end_series(conn, id, now())?;
    }
    view(conn, id)
}
