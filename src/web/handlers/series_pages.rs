//! A series' page, and the organisers' forms on it: edit the series, skip a date, end the
//! series (the last two asked first).

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use serde::Deserialize;

use crate::app::series::{self as uc, SeriesView};
use crate::db::models::Venue;
use crate::db::repo::venues;
use crate::db::{now, DbConn};
use crate::domain::ids::{SeriesId, UserId};
use crate::domain::privacy::OnlineUrlVisibility;
use crate::domain::series::SeriesInput;
use crate::domain::time::to_local;
use crate::error::AppError;
use crate::i18n::rule_in_words;
use crate::urls::{group_path, series_path};
use crate::views::components::FormErrors;
use crate::views::groups::MeetupItem;
use crate::views::series::{
    series_confirm_page, series_edit_page, series_page, SeriesConfirm, SeriesEditPage, SeriesForm,
    SeriesPage,
};
use crate::views::FlashKind;
use crate::web::extract::{CsrfForm, Empty, Page};
use crate::web::html::{render, render_status};
use crate::web::pages::{field_errors, flash_outcome, see_other, visibility};
use crate::web::panels::meetup_item;
use crate::web::{AppState, State};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(show)
        .service(edit_form)
        .service(edit_submit)
        .service(skip_form)
        .service(skip)
        .service(end_form)
        .service(end);
}

/// The series under `/groups/{slug}/series/{id}`: 404 when it is another group's.
fn series_at(conn: &mut DbConn, slug: &str, id: &SeriesId) -> Result<SeriesView, AppError> {
    let view = uc::view(conn, id)?;
    if view.group.slug != slug {
        return Err(AppError::NotFound);
    }
    Ok(view)
}

/// An organiser's button on the series' page, in one checkout: the series as
/// [`series_at`] finds it, then `work` in one transaction, its outcome flashed.
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
    let (_, result) = series_write(state, page, (slug.clone(), id.clone()), work).await?;
    flash_outcome(page, result, page.t(done))?;
    Ok(see_other(&series_path(&slug, &id)))
}

/// The series as [`series_at`] finds it, then `work` by the signed-in user in one
/// transaction, in one checkout; the page takes the group's language, and the outcome comes
/// back to be shown.
async fn series_write<T, W>(
    state: &AppState,
    page: &mut Page,
    (slug, id): (String, SeriesId),
    work: W,
) -> Result<(SeriesView, Result<T, AppError>), AppError>
where
    W: FnOnce(&mut DbConn, &UserId, &SeriesId) -> Result<T, AppError> + Send + 'static,
    T: Send + 'static,
{
    let viewer = page.viewer.clone();
    // 404 for no such series, then sign-in; the use case decides whether the member may.
    let read = move |conn: &mut DbConn| {
        let view = series_at(conn, &slug, &id)?;
        Ok((view, viewer.require_user()?.id.clone()))
    };
    let work = move |conn: &mut DbConn, (view, user): &(SeriesView, UserId)| {
        work(conn, user, &view.series.id)
    };
    let ((view, _), result) = state.db.read_then_transaction(read, work).await?;
    page.use_group_locale(view.group.lang());
    Ok((view, result))
}

/// The series for one of its organisers' pages, with the group's venues, in one checkout:
/// 404 for no such series, then sign-in and 403 for others.
async fn organised_series(
    state: &AppState,
    page: &mut Page,
    (slug, id): (String, SeriesId),
) -> Result<(SeriesView, Vec<Venue>), AppError> {
    let (view, venues) = state
        .db
        .run(move |conn| {
            let view = series_at(conn, &slug, &id)?;
            let venues = venues::venues_of_group(conn, &view.group.id)?;
            Ok((view, venues))
        })
        .await?;
    page.use_group_locale(view.group.lang());
    page.viewer.require_organiser(&view.group.id)?;
    Ok((view, venues))
}

/// The form showing the series as it is.
fn series_form_values(view: &SeriesView) -> SeriesForm {
    let s = &view.series;
    SeriesForm {
        title: s.title.clone(),
        description: s.description.clone(),
        start_time: s.dtstart.format("%H:%M").to_string(),
        duration_minutes: s.duration_minutes.to_string(),
        venue_id: s.venue_id.clone().map(String::from).unwrap_or_default(),
        capacity: s.capacity.map(|c| c.to_string()).unwrap_or_default(),
        online_url: s.online_url.clone().unwrap_or_default(),
        online_url_public: (s.online_url_visibility == OnlineUrlVisibility::Public)
            .then(|| "on".into()),
        rsvp_deadline_before: s
            .rsvp_deadline_minutes
            .map(|m| {
                crate::domain::duration::duration_label(std::time::Duration::from_secs(
                    u64::try_from(m).unwrap_or(0) * 60,
                ))
            })
            .unwrap_or_default(),
    }
}

/// The form's strings as `PATCH /api/v1/series/{id}` takes them: the same rules judge both.
/// A number that is not one is sent as out of range, for the rule to name its field.
fn series_form_input(form: &SeriesForm) -> SeriesInput {
    let number = |text: &str| match text.trim() {
        "" => None,
        t => Some(t.parse::<i64>().unwrap_or(-1)),
    };
    SeriesInput {
        title: Some(form.title.clone()),
        description: Some(form.description.clone()),
        rule: None,
        start_time: Some(form.start_time.clone()),
        starts_on: None,
        duration_minutes: number(&form.duration_minutes),
        venue_id: Some(form.venue_id.clone()),
        capacity: number(&form.capacity),
        online_url: Some(form.online_url.clone()),
        online_url_visibility: Some(visibility(form.online_url_public.is_some()).into()),
        rsvp_deadline_before: Some(form.rsvp_deadline_before.clone()),
        horizon: None,
    }
}

/// The edit form with the dates the change would reach; 422 when it comes back with errors.
fn edit_page(
    page: &Page,
    view: &SeriesView,
    venues: &[Venue],
    form: &SeriesForm,
    errors: &FormErrors,
) -> HttpResponse {
    let preview = uc::preview(view, now())
        .iter()
        .map(|(row, follows)| (meetup_item(row, page.lang, false), *follows))
        .collect();
    let p = SeriesEditPage {
        title: &view.series.title,
        path: series_path(&view.group.slug, &view.series.id),
        timezone: view.group.tz().name(),
        venues,
        preview,
    };
    let markup = series_edit_page(&page.chrome(), &p, form, errors);
    if errors.is_empty() {
        render(markup)
    } else {
        render_status(StatusCode::UNPROCESSABLE_ENTITY, markup)
    }
}

#[get("/groups/{slug}/series/{id}/edit")]
async fn edit_form(
    state: State,
    mut page: Page,
    path: web::Path<(String, SeriesId)>,
) -> Result<HttpResponse, AppError> {
    let (view, venues) = organised_series(&state, &mut page, path.into_inner()).await?;
    let form = series_form_values(&view);
    Ok(edit_page(
        &page,
        &view,
        &venues,
        &form,
        &FormErrors::default(),
    ))
}

#[post("/groups/{slug}/series/{id}/edit")]
async fn edit_submit(
    state: State,
    mut page: Page,
    path: web::Path<(String, SeriesId)>,
    CsrfForm(form): CsrfForm<SeriesForm>,
) -> Result<HttpResponse, AppError> {
    let (settings, input) = (state.settings.clone(), series_form_input(&form));
    let update = move |conn: &mut DbConn, user: &UserId, series: &SeriesId| {
        uc::update_series(conn, &settings, user, series, &input)
    };
    let path = path.into_inner();
    let (_, result) = series_write(&state, &mut page, path.clone(), update).await?;
    match result {
        Ok(view) => {
            page.flash(FlashKind::Ok, page.t("series-edited_flash"));
            Ok(see_other(&series_path(&view.group.slug, &view.series.id)))
        }
        Err(e) => {
            let errors = field_errors(&page, e, "capacity")?;
            let (view, venues) = organised_series(&state, &mut page, path).await?;
            Ok(edit_page(&page, &view, &venues, &form, &errors))
        }
    }
}

#[derive(Deserialize)]
struct SkipQuery {
    date: Option<String>,
}

/// "Skip this date?": the meetup of that date and how many going or waitlisted will be told.
#[get("/groups/{slug}/series/{id}/skip")]
async fn skip_form(
    state: State,
    mut page: Page,
    path: web::Path<(String, SeriesId)>,
    query: web::Query<SkipQuery>,
) -> Result<HttpResponse, AppError> {
    let (view, _) = organised_series(&state, &mut page, path.into_inner()).await?;
    let date = query.into_inner().date.unwrap_or_default();
    let tz = view.group.tz();
    let row = view
        .upcoming(now())
        .into_iter()
        .find(|r| to_local(r.meetup.starts_at, tz).date().to_string() == date.trim());
    let what = SeriesConfirm::Skip {
        going: row.as_ref().map_or(0, |r| r.counts.going_people),
        waitlisted: row.as_ref().map_or(0, |r| r.counts.waitlisted),
        meetup: row.as_ref().map(|r| meetup_item(r, page.lang, false)),
        date,
    };
    Ok(confirm_page(&page, &view, &what))
}

/// "End the series?": the meetups already made stay, with how many are going to them.
#[get("/groups/{slug}/series/{id}/end")]
async fn end_form(
    state: State,
    mut page: Page,
    path: web::Path<(String, SeriesId)>,
) -> Result<HttpResponse, AppError> {
    let (view, _) = organised_series(&state, &mut page, path.into_inner()).await?;
    let next = view.upcoming(now());
    let what = SeriesConfirm::End {
        dates: next.len(),
        going: next.iter().map(|r| r.counts.going_people).sum(),
    };
    Ok(confirm_page(&page, &view, &what))
}

fn confirm_page(page: &Page, view: &SeriesView, what: &SeriesConfirm) -> HttpResponse {
    let path = series_path(&view.group.slug, &view.series.id);
    render(series_confirm_page(
        &page.chrome(),
        &view.series.title,
        &path,
        what,
    ))
}

#[get("/groups/{slug}/series/{id}")]
async fn show(
    state: State,
    mut page: Page,
    path: web::Path<(String, SeriesId)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let viewer = page.viewer.clone();
    // One checkout: the series and the viewer's answers to its dates.
    let (view, answers) = state
        .db
        .run(move |conn| {
            let view = series_at(conn, &slug, &id)?;
            let answers = uc::answers_seen_by(conn, &viewer, &view)?;
            Ok((view, answers))
        })
        .await?;
    page.use_group_locale(view.group.lang());
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
                let item = MeetupItem {
                    answer: answers.get(&r.meetup.id).copied(),
                    ..meetup_item(r, page.lang, false)
                };
                (item, date)
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
