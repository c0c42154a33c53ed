//! The show-rate page and its CSV, for organisers and door helpers.

use actix_web::http::StatusCode;
use actix_web::{get, web, HttpResponse};

use crate::app::stats::{self as uc, GroupStats};
use crate::domain::time::to_local;
use crate::error::AppError;
use crate::i18n::long_date;
use crate::urls::{group_path, meetup_path};
use crate::views::components::FormErrors;
use crate::views::stats::{rate_text, stats_page, StatsLine, StatsView};
use crate::web::extract::Page;
use crate::web::html::{render, render_status};
use crate::web::pages::field_errors;
use crate::web::stats_export::{csv_response, StatsQuery};
use crate::web::State;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(stats_csv).service(stats_form);
}

async fn read(
    state: &State,
    page: &Page,
    slug: String,
    from: String,
    to: String,
) -> Result<GroupStats, AppError> {
    let viewer = page.viewer.clone();
    state
        .db
        .run(move |conn| uc::group_stats(conn, &viewer, &slug, &from, &to))
        .await
}

/// The table and chart; a date that is no date shows the default range with the form kept.
#[get("/groups/{slug}/stats")]
async fn stats_form(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
    query: web::Query<StatsQuery>,
) -> Result<HttpResponse, AppError> {
    let (slug, q) = (slug.into_inner(), query.into_inner());
    let (stats, errors) =
        match read(&state, &page, slug.clone(), q.from.clone(), q.to.clone()).await {
            Ok(stats) => (stats, FormErrors::default()),
            Err(e) => {
                let errors = field_errors(&page, e, "from")?;
                let stats = read(&state, &page, slug, String::new(), String::new()).await?;
                (stats, errors)
            }
        };
    page.use_group_locale(stats.group.lang());
    let chrome = page.chrome();
    let tz = stats.group.tz();
    let lines: Vec<StatsLine> = stats
        .meetups
        .iter()
        .map(|m| {
            let f = &m.figures;
            StatsLine {
                title: m.title.clone(),
                path: meetup_path(&stats.group.slug, &m.id),
                when: long_date(page.lang, to_local(m.starts_at, tz)),
                going: f.going,
                checked_in: f.checked_in,
                show_rate: rate_text(&chrome, f.show_rate),
                first_timers: f.first_timers,
                returning: f.returning,
                waitlist: f.waitlist,
                released: f.released,
                promoted: f.promoted,
            }
        })
        .collect();
    let base = group_path(&stats.group.slug);
    let (from, to) = if errors.is_empty() {
        (stats.range.from.to_string(), stats.range.to.to_string())
    } else {
        (q.from.clone(), q.to.clone())
    };
    let csv_url = format!(
        "{base}/stats.csv?from={}&to={}",
        stats.range.from, stats.range.to
    );
    let view = StatsView {
        group_path: &base,
        group_name: &stats.group.name,
        from: &from,
        to: &to,
        csv_url: &csv_url,
        lines: &lines,
    };
    let markup = stats_page(&chrome, &view, &errors);
    Ok(if errors.is_empty() {
        render(markup)
    } else {
        render_status(StatusCode::UNPROCESSABLE_ENTITY, markup)
    })
}

/// The page's figures as CSV, for a signed-in browser.
#[get("/groups/{slug}/stats.csv")]
async fn stats_csv(
    state: State,
    page: Page,
    slug: web::Path<String>,
    query: web::Query<StatsQuery>,
) -> Result<HttpResponse, AppError> {
    let q = query.into_inner();
    let stats = read(&state, &page, slug.into_inner(), q.from, q.to).await?;
    Ok(csv_response(&stats))
}
