//! The iCalendar feeds: a group's meetups, one meetup, and a member's personal calendar.

use std::collections::HashSet;
use std::sync::Arc;

use chrono::Duration;
use chrono_tz::Tz;

use crate::config::Settings;
use crate::db::models::Meetup;
use crate::db::repo::meetups::{self, with_place, MeetupRow};
use crate::db::repo::{groups, talks, users};
use crate::db::{now, Db, DbConn};
use crate::domain::ids::MeetupId;
use crate::domain::privacy::online_url_visible;
use crate::domain::rsvp::RsvpStatus;
use crate::error::AppError;
use crate::i18n::programme_text;
use crate::ical::meetups::{feed, meetup_event};
use crate::ical::Event;

/// How far back feeds go: subscribers still see what happened recently.
pub const PAST_WINDOW_DAYS: i64 = 183;

/// Events for meetups, with their programmes loaded in one query; `online` says for which the
/// calendar's readers may see the online link.
fn events(
    conn: &mut DbConn,
    settings: &Settings,
    rows: &[MeetupRow],
    online: impl Fn(&Meetup) -> bool,
) -> Result<Vec<Event>, AppError> {
    let list: Vec<&Meetup> = rows.iter().map(|r| &r.meetup).collect();
    let programmes = talks::programmes(conn, &list)?;
    Ok(rows
        .iter()
        .map(|row| {
            let text = programmes
                .get(&row.meetup.id)
                .map(|p| programme_text(p, row.group.tz(), row.group.lang()));
            meetup_event(settings, row, text.as_deref(), online(&row.meetup))
        })
        .collect())
}

/// The feed of `list`: events with their programmes, under the name and zone `calendar` picks.
fn feed_of(
    conn: &mut DbConn,
    settings: &Settings,
    list: Vec<Meetup>,
    online: impl Fn(&Meetup) -> bool,
    calendar: impl FnOnce(&[MeetupRow]) -> (String, Tz),
) -> Result<String, AppError> {
    let rows = with_place(conn, list)?;
    let events = events(conn, settings, &rows, online)?;
    let (name, tz) = calendar(&rows);
    Ok(feed(&name, tz, &events))
}

/// Public feeds carry an online link only when its meetup makes it public.
fn public_link(m: &Meetup) -> bool {
    online_url_visible(m.online_url_visibility, false, false)
}

fn since() -> chrono::NaiveDateTime {
    now() - Duration::days(PAST_WINDOW_DAYS)
}

/// The group's meetups from the last six months on.
#[tracing::instrument(skip(db, settings))]
pub async fn group_feed(db: &Db, settings: &Arc<Settings>, slug: &str) -> Result<String, AppError> {
    let (slug, settings) = (slug.to_string(), settings.clone());
    db.run(move |conn| {
        let group = groups::group_by_slug(conn, &slug)?.ok_or(AppError::NotFound)?;
        let list = meetups::meetups_of_group_since(conn, &group.id, since())?;
        feed_of(conn, &settings, list, public_link, |_| {
            (group.name.clone(), group.tz())
        })
    })
    .await
}

/// Every group's meetups from the last six months on (at most
/// [`super::explore::CALENDAR_ENTRIES`]), cancelled ones kept as such.
#[tracing::instrument(skip(db, settings))]
pub async fn instance_feed(db: &Db, settings: &Arc<Settings>) -> Result<String, AppError> {
    let settings = settings.clone();
    db.run(move |conn| {
        let list = super::explore::calendar_meetups(conn, since())?;
        let name = format!("Rendezvous — {}", settings.host());
        feed_of(conn, &settings, list, public_link, |rows| {
            let tz = rows.first().map_or(chrono_tz::UTC, |r| r.group.tz());
            (name, tz)
        })
    })
    .await
}

#[tracing::instrument(skip(db, settings))]
pub async fn meetup_feed(
    db: &Db,
    settings: &Arc<Settings>,
    id: &MeetupId,
) -> Result<String, AppError> {
    let (id, settings) = (id.clone(), settings.clone());
    db.run(move |conn| {
        let meetup = meetups::meetup_by_id(conn, &id)?.ok_or(AppError::NotFound)?;
        feed_of(conn, &settings, vec![meetup], public_link, |rows| {
            (rows[0].group.name.clone(), rows[0].group.tz())
        })
    })
    .await
}

/// The meetups a member is going to or waiting for, addressed by their calendar secret.
#[tracing::instrument(skip_all)]
pub async fn personal_feed(
    db: &Db,
    settings: &Arc<Settings>,
    secret: &str,
) -> Result<String, AppError> {
    let (secret, settings) = (secret.to_string(), settings.clone());
    db.run(move |conn| {
        let user = users::user_by_calendar_secret(conn, &secret)?.ok_or(AppError::NotFound)?;
        let answers = meetups::answers_since(conn, &user.id, since())?;
        let going: HashSet<MeetupId> = answers
            .iter()
            .filter(|(_, status)| *status == RsvpStatus::Going)
            .map(|(m, _)| m.id.clone())
            .collect();
        let list = answers.into_iter().map(|(m, _)| m).collect();
        let online =
            |m: &Meetup| online_url_visible(m.online_url_visibility, going.contains(&m.id), false);
        feed_of(conn, &settings, list, online, |rows| {
            let tz = rows.first().map_or(chrono_tz::UTC, |r| r.group.tz());
            (format!("Rendezvous — {}", user.name), tz)
        })
    })
    .await
}
