//! What the show-rate page and its API share: the range asked for, and the figures as CSV.

use actix_web::http::header;
use actix_web::HttpResponse;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::app::stats::GroupStats;
use crate::domain::time::format_utc;
use crate::views::rsvp::neutral_cell;
use crate::views::stats::stats_csv;

#[derive(Deserialize, IntoParams)]
pub struct StatsQuery {
    /// First local day counted, `YYYY-MM-DD` (default: twelve months before `to`).
    #[serde(default)]
    pub from: String,
    /// Last local day counted, `YYYY-MM-DD` (default: today in the group's zone).
    #[serde(default)]
    pub to: String,
    /// `csv` for a CSV file (one row per meetup, a header row naming these fields).
    #[serde(default)]
    pub format: String,
}

/// The figures as a CSV attachment.
pub fn csv_response(stats: &GroupStats) -> HttpResponse {
    let rows: Vec<[String; 11]> = stats
        .meetups
        .iter()
        .map(|m| {
            let f = &m.figures;
            [
                m.id.to_string(),
                neutral_cell(&m.title),
                format_utc(m.starts_at),
                f.going.to_string(),
                f.checked_in.to_string(),
                f.show_rate.map_or(String::new(), |r| format!("{r:.3}")),
                f.first_timers.to_string(),
                f.returning.to_string(),
                f.waitlist.to_string(),
                f.released.to_string(),
                f.promoted.to_string(),
            ]
        })
        .collect();
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!(
                "attachment; filename=\"stats-{}-{}-{}.csv\"",
                stats.group.slug, stats.range.from, stats.range.to
            ),
        ))
        .body(stats_csv(&rows))
}
