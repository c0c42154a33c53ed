//! Recurring meetups over the API: start a series, read it, skip a date, end it.

use actix_web::{get, patch, post, web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::access::Viewer;
use crate::app::series::{self as uc, SeriesSeen, SeriesView};
use crate::db::DbConn;
use crate::domain::ids::{SeriesId, UserId};
use crate::error::AppError;
use crate::web::extract::{ApiCaller, ApiViewer};
use crate::web::json::{ErrorBody, SeriesJson};
use crate::web::json_input::SeriesInput;
use crate::web::State;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_series)
        .service(get_series)
        .service(update_series)
        .service(skip_date)
        .service(end_series);
}

/// The series as the caller sees it: online links only where they are for them.
fn series_json(state: &State, seen: &SeriesSeen) -> SeriesJson {
    let (view, links) = (&seen.view, seen.links.clone());
    SeriesJson::new(
        view,
        &state.settings.base_url,
        &seen.next,
        links,
        seen.organiser,
    )
}

/// Runs the write `change` by the caller in one transaction, answering the series as they see
/// it afterwards.
async fn write<F>(state: &State, viewer: Viewer, change: F) -> Result<SeriesJson, AppError>
where
    F: FnOnce(&mut DbConn, &UserId) -> Result<SeriesView, AppError> + Send + 'static,
{
    let user = viewer.require_user()?.id.clone();
    let seen = state
        .db
        .transaction(move |conn| {
            let view = change(conn, &user)?;
            uc::seen_by(conn, &viewer, view)
        })
        .await?;
    Ok(series_json(state, &seen))
}

/// Starts a series (organisers only): an RFC 5545 rule read in the group's time zone at
/// `start_time`. Its next `horizon` occurrences (default 3) exist at once as meetups, announced
/// to the members in one mail each listing them (with one-click answers per date), and are
/// topped up as time goes by, each new date announced like a new meetup; `#{n}` in the title numbers
/// them. An occurrence whose local time a clock change skips or repeats is not scheduled.
#[utoipa::path(
    tag = "series",
    params(("slug" = String, Path)),
    security(("bearer" = [])),
    request_body = SeriesInput,
    responses(
        (status = 201, body = SeriesJson),
        (status = 403, body = ErrorBody),
        (status = 422, description = "a field at fault, e.g. `rule` invalid or with no occurrence to come", body = ErrorBody),
    )
)]
#[post("/groups/{slug}/series")]
async fn create_series(
    state: State,
    ApiCaller(viewer): ApiCaller,
    slug: web::Path<String>,
    body: web::Json<SeriesInput>,
) -> Result<HttpResponse, AppError> {
    let input = body.into_inner().into();
    let json = write(&state, viewer, move |conn, user| {
        uc::create_series(conn, user, &slug, &input)
    })
    .await?;
    Ok(HttpResponse::Created().json(json))
}

/// A series and its occurrences to come.
#[utoipa::path(
    tag = "series",
    params(("id" = String, Path)),
    security((), ("bearer" = [])),
    responses((status = 200, body = SeriesJson), (status = 404, body = ErrorBody))
)]
#[get("/series/{id}")]
async fn get_series(
    state: State,
    ApiViewer(viewer): ApiViewer,
    id: web::Path<SeriesId>,
) -> Result<HttpResponse, AppError> {
    let seen = state
        .db
        .run(move |conn| {
            let view = uc::view(conn, &id)?;
            uc::seen_by(conn, &viewer, view)
        })
        .await?;
    Ok(HttpResponse::Ok().json(series_json(&state, &seen)))
}

/// Changes a series (organisers only); absent fields keep their value. Its occurrences to come
/// that were not edited one by one follow: a new time or venue bumps their `sequence` and tells
/// going and waitlisted members, as any meetup change does. Past occurrences never change. A
/// new rule counts from today: the occurrences to come it does not keep are cancelled (their
/// members told) and its own dates are scheduled, numbered on.
#[utoipa::path(
    tag = "series",
    params(("id" = String, Path)),
    security(("bearer" = [])),
    request_body = SeriesInput,
    responses(
        (status = 200, body = SeriesJson),
        (status = 403, body = ErrorBody),
        (status = 409, description = "`capacity_below_going` for an occurrence", body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
#[patch("/series/{id}")]
async fn update_series(
    state: State,
    ApiCaller(viewer): ApiCaller,
    id: web::Path<SeriesId>,
    body: web::Json<SeriesInput>,
) -> Result<HttpResponse, AppError> {
    let (settings, input) = (state.settings.clone(), body.into_inner().into());
    let json = write(&state, viewer, move |conn, user| {
        uc::update_series(conn, &settings, user, &id, &input)
    })
    .await?;
    Ok(HttpResponse::Ok().json(json))
}

#[derive(Debug, Deserialize, ToSchema)]
struct SkipInput {
    /// A local date of the series: `2027-02-09`.
    date: Option<String>,
}

/// Takes one date out of a series (organisers only): its meetup, if made, is cancelled (going
/// and waitlisted members are told; feeds show it cancelled) and the series goes on.
#[utoipa::path(
    tag = "series",
    params(("id" = String, Path)),
    security(("bearer" = [])),
    request_body = SkipInput,
    responses(
        (status = 200, body = SeriesJson),
        (status = 403, body = ErrorBody),
        (status = 409, description = "`meetup_started`", body = ErrorBody),
        (status = 422, description = "`date` is not a date of the series", body = ErrorBody),
    )
)]
#[post("/series/{id}/skip")]
async fn skip_date(
    state: State,
    ApiCaller(viewer): ApiCaller,
    id: web::Path<SeriesId>,
    body: web::Json<SkipInput>,
) -> Result<HttpResponse, AppError> {
    let (settings, date) = (state.settings.clone(), body.into_inner().date);
    let json = write(&state, viewer, move |conn, user| {
        uc::skip_date(conn, &settings, user, &id, date.as_deref())
    })
    .await?;
    Ok(HttpResponse::Ok().json(json))
}

/// Ends a series (organisers only): no new occurrences; those already made stay.
#[utoipa::path(
    tag = "series",
    params(("id" = String, Path)),
    security(("bearer" = [])),
    responses((status = 200, body = SeriesJson), (status = 403, body = ErrorBody))
)]
#[post("/series/{id}/end")]
async fn end_series(
    state: State,
    ApiCaller(viewer): ApiCaller,
    id: web::Path<SeriesId>,
) -> Result<HttpResponse, AppError> {
    let json = write(&state, viewer, move |conn, user| {
        uc::end_series(conn, user, &id)
    })
    .await?;
    Ok(HttpResponse::Ok().json(json))
}
