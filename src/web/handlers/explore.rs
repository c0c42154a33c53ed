//! Every group's meetups in one place: `/explore`, `/groups`, and the instance's calendar
//! (`/calendar.ics`) and reports feed (`/reports.atom`).

use actix_web::http::{header, StatusCode};
use actix_web::{get, web, HttpRequest, HttpResponse};
use serde::Deserialize;

use crate::app::calendars;
use crate::app::explore as uc;
use crate::db::now;
use crate::db::repo::meetups::MeetupRow;
use crate::domain::explore::parse_search;
use crate::domain::token::hash_token;
use crate::error::AppError;
use crate::i18n::{long_datetime, t, Lang};
use crate::reports::publish::instance_atom;
use crate::urls::group_path;
use crate::views::components::FormErrors;
use crate::views::explore::{explore_page, groups_page, ExploreForm, GroupEntry};
use crate::views::groups::MeetupItem;
use crate::web::extract::Page;
use crate::web::html::render_status;
use crate::web::pages::{field_errors, meetup_path};
use crate::web::panels::meetup_item;
use crate::web::State;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(explore)
        .service(groups)
        .service(instance_calendar)
        .service(instance_reports);
}

/// The venue's name and city, or "Online" for a meetup without a venue.
pub fn place(row: &MeetupRow, lang: Lang) -> String {
    match &row.venue {
        Some(v) => match &v.city {
            Some(city) => format!("{}, {city}", v.name),
            None => v.name.clone(),
        },
        None => t(lang, "meetups-online").to_string(),
    }
}

/// The search of `/explore` and `GET /api/v1/meetups`.
#[derive(Deserialize, Default)]
pub struct ExploreQuery {
    pub q: Option<String>,
    pub near: Option<String>,
    pub radius_km: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

#[get("/explore")]
async fn explore(
    state: State,
    page: Page,
    query: web::Query<ExploreQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let form = ExploreForm {
        q: query.q.clone().unwrap_or_default(),
        near: query.near.clone().unwrap_or_default(),
        radius_km: query.radius_km.clone().unwrap_or_default(),
    };
    let parsed = parse_search(
        query.q.as_deref(),
        query.near.as_deref(),
        query.radius_km.as_deref(),
        query.from.as_deref(),
        query.to.as_deref(),
    );
    let calendar_url = "/calendar.ics";
    let search = match parsed {
        Ok(search) => search,
        Err(fault) => {
            let errors = field_errors(&page, AppError::Validation(fault), "q")?;
            let markup = explore_page(&page.chrome(), &form, &[], &errors, calendar_url);
            return Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, markup));
        }
    };
    let found = state
        .db
        .run(move |conn| uc::search(conn, &search, now()))
        .await?;
    let items: Vec<MeetupItem> = found
        .iter()
        .map(|f| {
            let mut item = meetup_item(&f.row, page.lang, true);
            item.place = Some(place(&f.row, page.lang));
            item
        })
        .collect();
    let markup = explore_page(
        &page.chrome(),
        &form,
        &items,
        &FormErrors::default(),
        calendar_url,
    );
    Ok(render_status(StatusCode::OK, markup))
}

#[get("/groups")]
async fn groups(state: State, page: Page) -> Result<HttpResponse, AppError> {
    let list = state
        .db
        .run(move |conn| uc::groups_directory(conn, now()))
        .await?;
    let entries: Vec<GroupEntry> = list
        .into_iter()
        .map(|(group, members, next)| GroupEntry {
            path: group_path(&group.slug),
            name: group.name.clone(),
            members,
            next: next.map(|row| {
                let when = long_datetime(
                    page.lang,
                    crate::domain::time::to_local(row.meetup.starts_at, row.group.tz()),
                );
                (meetup_path(&row), format!("{}, {when}", row.meetup.title))
            }),
        })
        .collect();
    Ok(render_status(
        StatusCode::OK,
        groups_page(&page.chrome(), &entries),
    ))
}

/// A body with a strong ETag of itself: `If-None-Match` gets 304 without it.
fn tagged(req: &HttpRequest, content_type: &str, body: String) -> HttpResponse {
    let etag = format!("\"{}\"", &hash_token(&body)[..32]);
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
        .insert_header((header::CACHE_CONTROL, "max-age=300"));
    if fresh {
        response.finish()
    } else {
        response.content_type(content_type).body(body)
    }
}

/// Every group's meetups as one iCalendar feed.
#[get("/calendar.ics")]
async fn instance_calendar(state: State, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let body = calendars::instance_feed(&state.db, &state.settings).await?;
    Ok(tagged(&req, "text/calendar; charset=utf-8", body))
}

/// Every group's published reports as one Atom feed.
#[get("/reports.atom")]
async fn instance_reports(state: State, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let list = state.db.run(uc::latest_reports).await?;
    let body = instance_atom(&state.settings, &list);
    Ok(tagged(&req, "application/atom+xml; charset=utf-8", body))
}
