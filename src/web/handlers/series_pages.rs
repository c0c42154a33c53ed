//! A series' page, and the organisers' forms on it: skip a date, end the series.

use actix_web::{get, post, web, HttpResponse};
use serde::Deserialize;

use crate::app::series::{self as uc, SeriesView};
use crate::db::{now, DbConn};
use crate::domain::ids::{SeriesId, UserId};
use crate::domain::time::to_local;
use crate::error::AppError;
use crate::i18n::rule_in_words;
use crate::urls::{group_path, series_path};
use crate::views::series::{series_page, SeriesPage};
use crate::web::extract::{CsrfForm, Empty, Page};
use crate::web::html::render;
use crate::web::pages::{flash_outcome, see_other};
use crate::web::panels::meetup_item;
use crate::web::{AppState, State};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(show).service(skip).service(end);
}

/// The series under `/groups/{slug}/series/{id}`: 404 when it is another group's.
fn series_at(conn: &mut DbConn, slug: &str, id: &SeriesId) -> Result<SeriesView, AppError> {
    let view = uc::view(conn, id)?;
    if view.group.slug != slug {
        return Err(AppError::NotFound);
    }
    Ok(view)
}

/// The series under `/groups/{slug}/series/{id}`, with the page in its group's language.
async fn series_for_page(
    state: &AppState,
    page: &mut Page,
    slug: &str,
    id: &SeriesId,
) -> Result<SeriesView, AppError> {
    let (slug, id) = (slug.to_string(), id.clone());
    let view = state
        .db
        .run(move |conn| series_at(conn, &slug, &id))
        .await?;
    page.use_group_locale(view.group.lang());
    Ok(view)
}

/// An organiser's button on the series' page, in one checkout: the series as
/// [`series_for_page`] finds it, then `work` in one transaction, its outcome flashed.
async fn series_submit<T, W>(
    state: &AppState,
    page: &mut Page,
    (slug, id): (String, SeriesId),
    done: &str,
    work: W,
) -> Result<HttpResponse, AppError>
where
    W: FnOnce(&mut DbConn, &UserId, &SeriesId) -> Result<T, AppError> + Send + 'static,
    T: Send + 'static,
{
    let (viewer, at, series) = (page.viewer.clone(), slug.clone(), id.clone());
    // 404 for no such series, then sign-in; the use case decides whether the member may.
    let read = move |conn: &mut DbConn| {
        let view = series_at(conn, &at, &series)?;
        Ok((view, viewer.require_user()?.id.clone()))
    };
    let work = move |conn: &mut DbConn, (view, user): &(SeriesView, UserId)| {
        work(conn, user, &view.series.id)
    };
    let ((view, _), result) = state.db.read_then_transaction(read, work).await?;
    page.use_group_locale(view.group.lang());
    flash_outcome(page, result, page.t(done))?;
    Ok(see_other(&series_path(&slug, &id)))
}

#[get("/groups/{slug}/series/{id}")]
async fn show(
    state: State,
    mut page: Page,
    path: web::Path<(String, SeriesId)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let view = series_for_page(&state, &mut page, &slug, &id).await?;
    let organiser = page.viewer.organises(&view.group.id);
    let (tz, at) = (view.group.tz(), now());
    let (upcoming, past): (Vec<_>, Vec<_>) = view
        .occurrences
        .iter()
        .partition(|r| r.meetup.starts_at > at);
    let s = &view.series;
    let p = SeriesPage {
        title: &s.title,
        group_name: &view.group.name,
        group_path: group_path(&view.group.slug),
        path: series_path(&view.group.slug, &s.id),
        rule: rule_in_words(page.lang, &s.rule, s.dtstart),
        ended: s.ended_at.is_some(),
        organiser,
        upcoming: upcoming
            .into_iter()
            .map(|r| {
                let date = (!r.meetup.is_cancelled())
                    .then(|| to_local(r.meetup.starts_at, tz).date().to_string());
                (meetup_item(r, page.lang, false), date)
            })
            .collect(),
        past: past
            .into_iter()
            .rev()
            .map(|r| meetup_item(r, page.lang, false))
            .collect(),
    };
    Ok(render(series_page(&page.chrome(), &p)))
}

#[derive(Deserialize)]
struct SkipForm {
    date: Option<String>,
}

#[post("/groups/{slug}/series/{id}/skip")]
async fn skip(
    state: State,
    mut page: Page,
    path: web::Path<(String, SeriesId)>,
    CsrfForm(form): CsrfForm<SkipForm>,
) -> Result<HttpResponse, AppError> {
    let settings = state.settings.clone();
    let skip = move |conn: &mut DbConn, user: &UserId, series: &SeriesId| {
        uc::skip_date(conn, &settings, user, series, form.date.as_deref())
    };
    let path = path.into_inner();
    series_submit(&state, &mut page, path, "series-skipped_flash", skip).await
}

#[post("/groups/{slug}/series/{id}/end")]
async fn end(
    state: State,
    mut page: Page,
    path: web::Path<(String, SeriesId)>,
    _: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let end =
        |conn: &mut DbConn, user: &UserId, series: &SeriesId| uc::end_series(conn, user, series);
    let path = path.into_inner();
    series_submit(&state, &mut page, path, "series-ended_flash", end).await
}
