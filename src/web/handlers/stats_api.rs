//! The show-rate figures over the API, as JSON or CSV.

use actix_web::{get, web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::stats::{self as uc, GroupStats};
use crate::domain::time::format_utc;
use crate::error::AppError;
use crate::urls::meetup_url;
use crate::web::extract::ApiCaller;
use crate::web::json::ErrorBody;
use crate::web::stats_export::{csv_response, StatsQuery};
use crate::web::State;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(group_stats);
}

/// One meetup's figures. Counts only: nobody is named.
#[derive(Serialize, ToSchema)]
struct MeetupStatsJson {
    meetup_id: String,
    title: String,
    /// RFC 3339 UTC.
    starts_at: String,
    url: String,
    /// Seats taken at the start (members going and their guests).
    going: i64,
    /// Of those, people checked in at the door.
    checked_in: i64,
    /// `checked_in / going` (0..1); `null` when nobody was checked in (check-in not used).
    show_rate: Option<f64>,
    /// Members going who were going to none of the group's earlier meetups.
    first_timers: i64,
    /// Members going who were going to an earlier one.
    returning: i64,
    /// Seats still on the waitlist at the start.
    waitlist: i64,
    /// Members who gave their seat back (by hand, by link or released automatically).
    released: i64,
    /// Waitlisted members who got a seat.
    promoted: i64,
}

#[derive(Serialize, ToSchema)]
struct GroupStatsJson {
    /// The first and last local days counted.
    from: String,
    to: String,
    /// Cancelled meetups left out, first first.
    meetups: Vec<MeetupStatsJson>,
}

fn lines(base_url: &str, stats: &GroupStats) -> Vec<MeetupStatsJson> {
    stats
        .meetups
        .iter()
        .map(|m| {
            let f = &m.figures;
            MeetupStatsJson {
                meetup_id: m.id.to_string(),
                title: m.title.clone(),
                starts_at: format_utc(m.starts_at),
                url: meetup_url(base_url, &stats.group.slug, &m.id),
                going: f.going,
                checked_in: f.checked_in,
                show_rate: f.show_rate.map(|r| (r * 1000.0).round() / 1000.0),
                first_timers: f.first_timers,
                returning: f.returning,
                waitlist: f.waitlist,
                released: f.released,
                promoted: f.promoted,
            }
        })
        .collect()
}

/// Per meetup of the group that started in the range: seats going at the start, people checked
/// in, show rate, first-timers and returning members, the waitlist at the start, seats released
/// and members promoted (organisers and door helpers). `format=csv` answers the same as CSV.
#[utoipa::path(
    tag = "groups",
    params(("slug" = String, Path), StatsQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The figures; CSV with `format=csv`", content(
            (GroupStatsJson = "application/json"),
            (String = "text/csv"),
        )),
        (status = 403, description = "`forbidden`: neither an organiser nor a door helper", body = ErrorBody),
        (status = 422, description = "`validation_failed` on `from` or `to`: not a date, or `from` after `to`", body = ErrorBody),
    )
)]
#[get("/groups/{slug}/stats")]
async fn group_stats(
    state: State,
    ApiCaller(viewer): ApiCaller,
    slug: web::Path<String>,
    query: web::Query<StatsQuery>,
) -> Result<HttpResponse, AppError> {
    let (slug, q) = (slug.into_inner(), query.into_inner());
    let (from, to) = (q.from.clone(), q.to.clone());
    let stats = state
        .db
        .run(move |conn| uc::group_stats(conn, &viewer, &slug, &from, &to))
        .await?;
    if q.format == "csv" {
        return Ok(csv_response(&stats));
    }
    Ok(HttpResponse::Ok().json(GroupStatsJson {
        from: stats.range.from.to_string(),
        to: stats.range.to.to_string(),
        meetups: lines(&state.settings.base_url, &stats),
    }))
}
