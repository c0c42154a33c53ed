//! iCalendar feeds: a group's meetups, one meetup, and a member's personal calendar.

use actix_web::http::header;
use actix_web::{get, web, HttpRequest, HttpResponse};
use chrono::Duration;
use chrono_tz::Tz;
use diesel::prelude::*;

use crate::config::Settings;
use crate::db::models::Meetup;
use crate::db::repo::meetups::{with_details, MeetupRow};
use crate::db::repo::{groups, talks, users, versions};
use crate::db::schema::{meetups, rsvps};
use crate::db::{now, DbConn};
use crate::domain::rsvp::RsvpStatus;
use crate::domain::talk::programme_text;
use crate::domain::token::hash_token;
use crate::error::AppError;
use crate::ical::meetups::{feed, meetup_event};
use crate::ical::Event;
use crate::web::cache::Rendered;
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

#[get("/groups/{slug}/calendar.ics")]
async fn group_feed(
    state: State,
    req: HttpRequest,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let settings = state.settings.clone();
    let slug = slug.into_inner();
    let s = slug.clone();
    let stamp = state
        .db
        .run(move |conn| {
            let at = now();
            versions::group_stamp(conn, &s, at, at - Duration::days(PAST_WINDOW_DAYS))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let (key, version) = (format!("group-feed:{}", stamp.group_id), stamp.stamp);
    if let Some(hit) = state.cache.get(&key, &version) {
        return Ok(calendar_response(&req, &format!("{slug}.ics"), hit));
    }
    let gid = stamp.group_id;
    let group = state
        .db
        .run(move |conn| groups::group_by_id(conn, &gid))
        .await?;
    let body = state
        .db
        .run(move |conn| {
            let since = now() - Duration::days(PAST_WINDOW_DAYS);
            let list: Vec<Meetup> = meetups::table
                .filter(meetups::group_id.eq(&group.id))
                .filter(meetups::ends_at.ge(since))
                .order((meetups::starts_at.asc(), meetups::id.asc()))
                .select(Meetup::as_select())
                .load(conn)?;
            let rows = with_details(conn, list)?;
            let events = events(conn, &settings, &rows)?;
            Ok(feed(&group.name, group.tz(), &events))
        })
        .await?;
    let rendered = state.cache.put(key, version, body);
    Ok(calendar_response(&req, &format!("{slug}.ics"), rendered))
}

#[get("/meetups/{id}.ics")]
async fn meetup_feed(
    state: State,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let settings = state.settings.clone();
    let id = id.into_inner();
    let m = id.clone();
    let version = state
        .db
        .run(move |conn| versions::meetup_stamp(conn, None, &m))
        .await?
        .ok_or(AppError::NotFound)?
        .stamp;
    let key = format!("meetup-feed:{id}");
    if let Some(hit) = state.cache.get(&key, &version) {
        return Ok(calendar_response(&req, &format!("{id}.ics"), hit));
    }
    let m = id.clone();
    let body = state
        .db
        .run(move |conn| {
            let meetup =
                crate::db::repo::meetups::meetup_by_id(conn, &m)?.ok_or(AppError::NotFound)?;
            let rows = with_details(conn, vec![meetup])?;
            let events = events(conn, &settings, &rows)?;
            let group = &rows[0].group;
            Ok(feed(&group.name, group.tz(), &events))
        })
        .await?;
    let rendered = state.cache.put(key, version, body);
    Ok(calendar_response(&req, &format!("{id}.ics"), rendered))
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
            let rows = with_details(conn, list)?;
            let events = events(conn, &settings, &rows)?;
            let tz: Tz = rows.first().map_or(chrono_tz::UTC, |r| r.group.tz());
            Ok(feed(&format!("Rendezvous — {}", user.name), tz, &events))
        })
        .await?;
    Ok(calendar_response(&req, "rendezvous.ics", uncached(body)))
}
