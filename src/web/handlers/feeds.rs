//! iCalendar feeds: a group's meetups, one meetup, and a member's personal calendar.

use actix_web::http::header;
use actix_web::{get, web, HttpRequest, HttpResponse};
use chrono::{Duration, NaiveDateTime};
use chrono_tz::Tz;
use diesel::prelude::*;

use crate::config::Settings;
use crate::db::models::Meetup;
use crate::db::repo::meetups::{with_place, MeetupRow};
use crate::db::repo::versions::Freshness;
use crate::db::repo::{groups, talks, users, versions};
use crate::db::schema::{meetups, rsvps};
use crate::db::{now, DbConn};
use crate::domain::rsvp::RsvpStatus;
use crate::domain::talk::programme_text;
use crate::domain::token::hash_token;
use crate::error::AppError;
use crate::ical::meetups::{feed, meetup_event};
use crate::ical::Event;
use crate::web::cache::{cached, Rendered};
use crate::web::State;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(group_feed)
        .service(meetup_feed)
        .service(personal_feed);
}

/// How far back feeds go: subscribers still see what happened recently.
const PAST_WINDOW_DAYS: i64 = 183;

/// Events for meetups, with their programmes loaded in one query.
fn events(
    conn: &mut DbConn,
    settings: &Settings,
    rows: &[MeetupRow],
) -> Result<Vec<Event>, AppError> {
    let list: Vec<&Meetup> = rows.iter().map(|r| &r.meetup).collect();
    let programmes = talks::programmes(conn, &list)?;
    Ok(rows
        .iter()
        .map(|row| {
            let text = programmes
                .get(&row.meetup.id)
                .map(|p| programme_text(p, row.group.tz(), row.group.lang()));
            meetup_event(settings, row, text.as_deref())
        })
        .collect())
}

/// `text/calendar` with a strong ETag of the body: `If-None-Match` gets 304 without a body.
fn calendar_response(req: &HttpRequest, filename: &str, rendered: Rendered) -> HttpResponse {
    let etag = rendered.etag;
    let fresh = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let mut response = if fresh {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    response
        .insert_header((header::ETAG, etag))
        .insert_header((header::CACHE_CONTROL, "max-age=300"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("inline; filename=\"{filename}\""),
        ));
    if fresh {
        return response.finish();
    }
    response
        .content_type("text/calendar; charset=utf-8")
        .body(rendered.body)
}

/// A personal feed is read by one calendar app: not worth keeping, but served the same way.
fn uncached(body: String) -> Rendered {
    Rendered {
        etag: format!("\"{}\"", &hash_token(&body)[..32]),
        body: body.into(),
    }
}

/// The feed of `list`: events with their programmes, under the name and zone `calendar` picks.
fn feed_of(
    conn: &mut DbConn,
    settings: &Settings,
    list: Vec<Meetup>,
    calendar: impl FnOnce(&[MeetupRow]) -> (String, Tz),
) -> Result<String, AppError> {
    let rows = with_place(conn, list)?;
    let events = events(conn, settings, &rows)?;
    let (name, tz) = calendar(&rows);
    Ok(feed(&name, tz, &events))
}

/// Serves the feed under `key` from the cache while `stamp` says it is fresh, else renders it
/// (`render` runs on the database pool).
async fn cached_feed(
    state: &State,
    req: &HttpRequest,
    (key, filename): (String, String),
    stamp: impl FnOnce(&mut DbConn, NaiveDateTime) -> Result<Freshness, AppError> + Send + 'static,
    render: impl FnOnce(&mut DbConn, &Settings) -> Result<String, AppError> + Send + 'static,
) -> Result<HttpResponse, AppError> {
    let settings = state.settings.clone();
    let body = state.db.run(move |conn| render(conn, &settings));
    let rendered = cached(state, key, stamp, body).await?;
    Ok(calendar_response(req, &filename, rendered))
}

#[get("/groups/{slug}/calendar.ics")]
async fn group_feed(
    state: State,
    req: HttpRequest,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let key = (format!("group-feed:{slug}"), format!("{slug}.ics"));
    let s = slug.clone();
    let stamp = move |conn: &mut DbConn, at| {
        let window = Duration::days(PAST_WINDOW_DAYS);
        versions::group_stamp(conn, &s, at, window)?.ok_or(AppError::NotFound)
    };
    cached_feed(&state, &req, key, stamp, move |conn, settings| {
        let group = groups::group_by_slug(conn, &slug)?.ok_or(AppError::NotFound)?;
        let list: Vec<Meetup> = meetups::table
            .filter(meetups::group_id.eq(&group.id))
            .filter(meetups::ends_at.ge(now() - Duration::days(PAST_WINDOW_DAYS)))
            .order((meetups::starts_at.asc(), meetups::id.asc()))
            .select(Meetup::as_select())
            .load(conn)?;
        feed_of(conn, settings, list, |_| (group.name.clone(), group.tz()))
    })
    .await
}

#[get("/meetups/{id}.ics")]
async fn meetup_feed(
    state: State,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let key = (format!("meetup-feed:{id}"), format!("{id}.ics"));
    let m = id.clone();
    let stamp = move |conn: &mut DbConn, _| {
        let stamp = versions::meetup_stamp(conn, None, &m)?.ok_or(AppError::NotFound)?;
        Ok(Freshness {
            stamp: stamp.stamp,
            until: None,
        })
    };
    cached_feed(&state, &req, key, stamp, move |conn, settings| {
        let meetup =
            crate::db::repo::meetups::meetup_by_id(conn, &id)?.ok_or(AppError::NotFound)?;
        feed_of(conn, settings, vec![meetup], |rows| {
            (rows[0].group.name.clone(), rows[0].group.tz())
        })
    })
    .await
}

#[get("/calendar/{secret}.ics")]
async fn personal_feed(
    state: State,
    req: HttpRequest,
    secret: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let settings = state.settings.clone();
    let secret = secret.into_inner();
    let body = state
        .db
        .run(move |conn| {
            let user = users::user_by_calendar_secret(conn, &secret)?.ok_or(AppError::NotFound)?;
            let since = now() - Duration::days(PAST_WINDOW_DAYS);
            let list: Vec<Meetup> = meetups::table
                .inner_join(rsvps::table)
                .filter(rsvps::user_id.eq(&user.id))
                .filter(
                    rsvps::status
                        .eq_any([RsvpStatus::Going.as_str(), RsvpStatus::Waitlisted.as_str()]),
                )
                .filter(meetups::ends_at.ge(since))
                .order((meetups::starts_at.asc(), meetups::id.asc()))
                .select(Meetup::as_select())
                .load(conn)?;
            feed_of(conn, &settings, list, |rows| {
                let tz = rows.first().map_or(chrono_tz::UTC, |r| r.group.tz());
                (format!("Rendezvous — {}", user.name), tz)
            })
        })
        .await?;
    Ok(calendar_response(&req, "rendezvous.ics", uncached(body)))
}
