//! `GET /api/v1/meetups`: upcoming meetups of every group, searched (`app::explore`).

use actix_web::{get, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::explore as uc;
use crate::db::now;
use crate::domain::explore::parse_search;
use crate::domain::time::format_utc;
use crate::error::AppError;
use crate::i18n::t;
use crate::urls::meetup_url;
use crate::web::json::ErrorBody;
use crate::web::State;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(search_meetups);
}

#[derive(Deserialize, IntoParams)]
struct SearchParams {
    /// Words of the title, the group's name or the venue's city (case and accents aside).
    q: Option<String>,
    /// `lat,lon` in degrees: only meetups at a venue with coordinates within `radius_km`.
    near: Option<String>,
    /// Kilometres around `near` (default 25, at most 20,000).
    radius_km: Option<String>,
    /// From this day (`YYYY-MM-DD`, UTC) or RFC 3339 instant; never before now.
    from: Option<String>,
    /// Before this day or instant.
    to: Option<String>,
}

#[derive(Serialize, ToSchema)]
struct FoundVenue {
    name: String,
    address: String,
    city: Option<String>,
    latitude: Option<f64>,
    longitude: Option<f64>,
}

#[derive(Serialize, ToSchema)]
struct FoundMeetup {
    id: String,
    group_slug: String,
    group_name: String,
    title: String,
    /// RFC 3339 UTC.
    starts_at: String,
    ends_at: String,
    timezone: String,
    url: String,
    /// The venue's name and city, or "Online" (in the group's language) without a venue.
    place: String,
    venue: Option<FoundVenue>,
    online: bool,
    /// From `near`, when given.
    distance_km: Option<f64>,
}

#[derive(Serialize, ToSchema)]
struct FoundList {
    meetups: Vec<FoundMeetup>,
}

/// Upcoming meetups of every group on the instance, soonest first (at most 100): cancelled and
/// past ones are left out; `q` matches title, group and city; `near` keeps those whose venue
/// is within `radius_km` (online-only meetups have no place to be near).
#[utoipa::path(
    tag = "meetups",
    params(SearchParams),
    responses(
        (status = 200, body = FoundList),
        (status = 422, description = "`validation_failed`: `q`, `near`, `radius_km`, `from` or `to`", body = ErrorBody),
    )
)]
#[get("/meetups")]
async fn search_meetups(
    state: State,
    query: web::Query<SearchParams>,
) -> Result<HttpResponse, AppError> {
    let q = query.into_inner();
    let search = parse_search(
        q.q.as_deref(),
        q.near.as_deref(),
        q.radius_km.as_deref(),
        q.from.as_deref(),
        q.to.as_deref(),
    )
    .map_err(AppError::Validation)?;
    let found = state
        .db
        .run(move |conn| uc::search(conn, &search, now()))
        .await?;
    let base = &state.settings.base_url;
    let meetups = found
        .iter()
        .map(|f| {
            let (m, g) = (&f.row.meetup, &f.row.group);
            FoundMeetup {
                id: m.id.to_string(),
                group_slug: g.slug.clone(),
                group_name: g.name.clone(),
                title: m.title.clone(),
                starts_at: format_utc(m.starts_at),
                ends_at: format_utc(m.ends_at),
                timezone: g.timezone.name().to_string(),
                url: meetup_url(base, &g.slug, &m.id),
                place: match &f.row.venue {
                    Some(v) => match &v.city {
                        Some(city) => format!("{}, {city}", v.name),
                        None => v.name.clone(),
                    },
                    None => t(g.lang(), "meetups-online").to_string(),
                },
                venue: f.row.venue.as_ref().map(|v| FoundVenue {
                    name: v.name.clone(),
                    address: v.address.clone(),
                    city: v.city.clone(),
                    latitude: v.latitude,
                    longitude: v.longitude,
                }),
                online: f.row.venue.is_none() || m.online_url.is_some(),
                distance_km: f.distance_km.map(|d| (d * 10.0).round() / 10.0),
            }
        })
        .collect();
    Ok(HttpResponse::Ok().json(FoundList { meetups }))
}
