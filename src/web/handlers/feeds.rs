//! iCalendar feeds: a group's meetups, one meetup, and a member's personal calendar.

use actix_web::http::header;
use actix_web::{get, web, HttpRequest, HttpResponse};
use std::future::Future;

use crate::app::calendars as uc;
use crate::app::freshness::{self, Stamp};
use crate::domain::ids::MeetupId;
use crate::domain::token::hash_token;
use crate::error::AppError;
use crate::web::cache::{cached, cached_in, Rendered};
use crate::web::State;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(group_feed)
        .service(meetup_feed)
        .service(personal_feed);
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

/// Serves the feed under `key` from the cache while `stamp` says it is fresh, else renders it.
async fn cached_feed(
    state: &State,
    req: &HttpRequest,
    (key, filename): (String, String),
    stamp: impl Stamp + 'static,
    body: impl Future<Output = Result<String, AppError>>,
) -> Result<HttpResponse, AppError> {
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
    let stamp = freshness::group_feed(slug.clone());
    let body = uc::group_feed(&state.db, &state.settings, &slug);
    cached_feed(&state, &req, key, stamp, body).await
}

#[get("/meetups/{id}.ics")]
async fn meetup_feed(
    state: State,
    req: HttpRequest,
    id: web::Path<MeetupId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let key = (format!("meetup-feed:{id}"), format!("{id}.ics"));
    let stamp = freshness::meetup_feed(id.clone());
    let body = uc::meetup_feed(&state.db, &state.settings, &id);
    cached_feed(&state, &req, key, stamp, body).await
}

#[get("/calendar/{secret}.ics")]
async fn personal_feed(
    state: State,
    req: HttpRequest,
    secret: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let secret = secret.into_inner();
    // Keyed by a hash: the secret itself stays out of the cache.
    let key = format!("personal-feed:{}", hash_token(&secret));
    let stamp = freshness::personal_feed(secret.clone());
    let body = uc::personal_feed(&state.db, &state.settings, &secret);
    let rendered = cached_in(&state, &state.personal_cache, key, stamp, body).await?;
    Ok(calendar_response(&req, "rendezvous.ics", rendered))
}
