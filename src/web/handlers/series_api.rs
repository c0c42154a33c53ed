//! Recurring meetups over the API: start a series, read it, skip a date, end it.

use actix_web::{get, patch, post, web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::access::Viewer;
use crate::app::groups::load_group;
use crate::app::meetups::online_urls;
use crate::app::series::{self as uc, SeriesView};
use crate::db::now;
use crate::domain::ids::SeriesId;
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

/// The series as `viewer` may see it: online links only where they are for them.
async fn series_for(
    state: &State,
    view: &SeriesView,
    viewer: &Viewer,
) -> Result<SeriesJson, AppError> {
    let next = view.upcoming(now());
    let links = online_urls(&state.db, &next, viewer).await?;
    let organiser = viewer.organises(&view.group.id);
    Ok(SeriesJson::new(
        view,
        &state.settings.base_url,
        &next,
        links,
        organiser,
    ))
}

/// Starts a series (organisers only): an RFC 5545 rule read in the group's time zone at
/// `start_time`. Its next `horizon` occurrences (default 3) exist at once as meetups, each
/// announced like a new meetup, and are topped up as time goes by; `#{n}` in the title numbers
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
    let user = viewer.require_user()?;
    let group = load_group(&state.db, &slug).await?;
    let input = body.into_inner().into();
    let view = uc::create_series(&state.db, &state.settings, user, &group, &input).await?;
    Ok(HttpResponse::Created().json(series_for(&state, &view, &viewer).await?))
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
    let view = uc::load_series(&state.db, &id).await?;
    Ok(HttpResponse::Ok().json(series_for(&state, &view, &viewer).await?))
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
    let user = viewer.require_user()?;
    let view = uc::load_series(&state.db, &id).await?;
    let view = uc::update_series(
        &state.db,
        &state.settings,
        user,
        &view,
        body.into_inner().into(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(series_for(&state, &view, &viewer).await?))
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
    let user = viewer.require_user()?;
    let view = uc::load_series(&state.db, &id).await?;
    let view = uc::skip_date(
        &state.db,
        &state.settings,
        user,
        &view,
        body.date.as_deref(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(series_for(&state, &view, &viewer).await?))
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
    let user = viewer.require_user()?;
    let view = uc::load_series(&state.db, &id).await?;
    let view = uc::end_series(&state.db, user, &view).await?;
    Ok(HttpResponse::Ok().json(series_for(&state, &view, &viewer).await?))
}
