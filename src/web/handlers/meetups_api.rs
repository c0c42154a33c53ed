use actix_web::{delete, get, patch, post, web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::freshness;
use crate::app::meetups as uc;
use crate::db::repo::meetups::{MeetupRow, When};
use crate::domain::ids::MeetupId;
use crate::error::AppError;
use crate::web::cache::json_read;
use crate::web::extract::{ApiUser, ApiViewer};
use crate::web::json::{meetup_sponsor_list, ErrorBody, MeetupJson, MeetupList};
use crate::web::json_input::{DuplicateInput, MeetupInput};
use crate::web::State;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_meetup)
        .service(list_meetups)
        .service(get_meetup)
        .service(update_meetup)
        .service(cancel_meetup)
        .service(reinstate_meetup)
        .service(announce_meetup)
        .service(duplicate_meetup)
        .service(delete_meetup);
}

/// The meetup as its organisers see it (the online link included).
fn meetup_response(state: &State, row: &MeetupRow) -> MeetupJson {
    MeetupJson::new(row, &state.settings.base_url, uc::Private::all(row))
}

/// Schedules a meetup (organisers only). Times are local to the group's time zone
/// (`2030-12-03T19:00`); the end defaults to two hours after the start. A meetup to come is
/// announced to the group's members who want it, with one-click answers, unless
/// `"announce": false`.
#[utoipa::path(
    tag = "meetups",
    params(("slug" = String, Path)),
    security(("bearer" = [])),
    responses((status = 201, body = MeetupJson), (status = 403, body = ErrorBody))
)]
#[post("/groups/{slug}/meetups")]
async fn create_meetup(
    state: State,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
    body: web::Json<MeetupInput>,
) -> Result<HttpResponse, AppError> {
    let (settings, input) = (state.settings.clone(), body.into_inner().into());
    let row = state
        .db
        .transaction(move |conn| uc::create_meetup(conn, &settings, &user.id, &slug, &input))
        .await?;
    Ok(HttpResponse::Created().json(meetup_response(&state, &row)))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct ListQuery {
    /// `upcoming` (the default, soonest first) or `past` (latest first).
    when: Option<String>,
}

#[utoipa::path(
    tag = "meetups",
    params(("slug" = String, Path), ListQuery),
    security((), ("bearer" = [])),
    responses((status = 200, body = MeetupList))
)]
#[get("/groups/{slug}/meetups")]
async fn list_meetups(
    state: State,
    ApiViewer(viewer): ApiViewer,
    slug: web::Path<String>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let when = match query.when.as_deref() {
        None | Some("upcoming") => When::Upcoming,
        Some("past") => When::Past,
        Some(_) => return Err(AppError::validation("when", "error-when_invalid")),
    };
    // Anonymous callers (a group's website, scripts) all read the same list.
    let key = (!viewer.is_signed_in()).then(|| format!("api-group-meetups:{when:?}:{slug}"));
    let stamp = freshness::group_meetups(slug.to_string(), when);
    let body = async {
        let rows = uc::group_meetups_seen_by(&state.db, &viewer, &slug, when, 1000).await?;
        let meetups = rows
            .iter()
            .map(|(row, link)| MeetupJson::new(row, &state.settings.base_url, link.clone()))
            .collect();
        serde_json::to_string(&MeetupList { meetups })
            .map_err(|e| AppError::Internal(e.to_string()))
    };
    json_read(&state, key, stamp, body).await
}

/// The meetup; its online link only for members going (and organisers) unless it is public.
#[utoipa::path(
    tag = "meetups",
    params(("id" = String, Path)),
    security((), ("bearer" = [])),
    responses((status = 200, body = MeetupJson))
)]
#[get("/meetups/{id}")]
async fn get_meetup(
    state: State,
    ApiViewer(viewer): ApiViewer,
    id: web::Path<MeetupId>,
) -> Result<HttpResponse, AppError> {
    // Anonymous callers (apps, scripts) all read the same answer.
    let key = (!viewer.is_signed_in()).then(|| format!("api-meetup:{id}"));
    let stamp = freshness::meetup_read(id.clone());
    let body = async {
        let seen = uc::meetup_seen_by(&state.db, &viewer, &id).await?;
        let base_url = &state.settings.base_url;
        let mut json = MeetupJson::new(&seen.row, base_url, seen.private);
        json.sponsors = Some(meetup_sponsor_list(base_url, &seen.sponsors).sponsors);
        json.cohosts = Some(seen.cohosts.iter().map(Into::into).collect());
        serde_json::to_string(&json).map_err(|e| AppError::Internal(e.to_string()))
    };
    json_read(&state, key, stamp, body).await
}

/// Changes a meetup (organisers only); absent fields keep their value. A new time or venue
/// bumps `sequence` and tells going and waitlisted members (the subject says what changed and
/// of which date; an optional `note` is carried in that mail, not kept); more seats promote the
/// waitlist.
#[utoipa::path(
    tag = "meetups",
    params(("id" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 200, body = MeetupJson),
        (status = 403, body = ErrorBody),
        (status = 409, description = "`capacity_below_going`", body = ErrorBody),
    )
)]
#[patch("/meetups/{id}")]
async fn update_meetup(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<MeetupId>,
    body: web::Json<MeetupInput>,
) -> Result<HttpResponse, AppError> {
    let (settings, input) = (state.settings.clone(), body.into_inner().into());
    let row = state
        .db
        .transaction(move |conn| uc::update_meetup(conn, &settings, &user.id, &id, &input))
        .await?;
    Ok(HttpResponse::Ok().json(meetup_response(&state, &row)))
}

/// Cancels (organisers only): RSVPs are kept, going and waitlisted members are told.
#[utoipa::path(
    tag = "meetups",
    params(("id" = String, Path)),
    security(("bearer" = [])),
    responses((status = 200, body = MeetupJson), (status = 403, body = ErrorBody))
)]
#[post("/meetups/{id}/cancel")]
async fn cancel_meetup(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<MeetupId>,
) -> Result<HttpResponse, AppError> {
    let settings = state.settings.clone();
    let row = state
        .db
        .transaction(move |conn| uc::cancel_meetup(conn, &settings, &user.id, &id))
        .await?;
    Ok(HttpResponse::Ok().json(meetup_response(&state, &row)))
}

/// Undoes a cancellation before the start (organisers only): RSVPs as they were, going and
/// waitlisted members are told, `sequence` grows.
#[utoipa::path(
    tag = "meetups",
    params(("id" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 200, body = MeetupJson),
        (status = 403, body = ErrorBody),
        (status = 409, description = "`meetup_started`", body = ErrorBody),
    )
)]
#[post("/meetups/{id}/reinstate")]
async fn reinstate_meetup(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<MeetupId>,
) -> Result<HttpResponse, AppError> {
    let settings = state.settings.clone();
    let row = state
        .db
        .transaction(move |conn| uc::reinstate_meetup(conn, &settings, &user.id, &id))
        .await?;
    Ok(HttpResponse::Ok().json(meetup_response(&state, &row)))
}

/// Announces a meetup created with `"announce": false`, once.
#[utoipa::path(
    tag = "meetups",
    params(("id" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 200, body = MeetupJson),
        (status = 403, body = ErrorBody),
        (status = 409, description = "`already_announced`, `meetup_cancelled`, `meetup_started`", body = ErrorBody),
    )
)]
#[post("/meetups/{id}/announce")]
async fn announce_meetup(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<MeetupId>,
) -> Result<HttpResponse, AppError> {
    let settings = state.settings.clone();
    let row = state
        .db
        .transaction(move |conn| uc::announce_meetup(conn, &settings, &user.id, &id))
        .await?;
    Ok(HttpResponse::Ok().json(meetup_response(&state, &row)))
}

/// Copies a meetup to another date (organisers only): same title, description, venue,
/// capacity, online link, length and RSVP deadline before the start; no RSVPs and no talks.
/// The copy is announced like a new meetup unless `"announce": false`.
#[utoipa::path(
    tag = "meetups",
    params(("id" = String, Path)),
    security(("bearer" = [])),
    request_body = DuplicateInput,
    responses(
        (status = 201, body = MeetupJson),
        (status = 403, body = ErrorBody),
        (status = 422, description = "`starts_at` missing or not a time", body = ErrorBody),
    )
)]
#[post("/meetups/{id}/duplicate")]
async fn duplicate_meetup(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<MeetupId>,
    body: web::Json<DuplicateInput>,
) -> Result<HttpResponse, AppError> {
    let (settings, input) = (state.settings.clone(), body.into_inner().into());
    let row = state
        .db
        .transaction(move |conn| uc::duplicate_meetup(conn, &settings, &user.id, &id, &input))
        .await?;
    Ok(HttpResponse::Created().json(meetup_response(&state, &row)))
}

/// Deletes a meetup nobody answered, proposed a talk for or reported on; otherwise it can only
/// be cancelled (organisers).
#[utoipa::path(
    tag = "meetups",
    params(("id" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "deleted"),
        (status = 403, body = ErrorBody),
        (status = 409, description = "`meetup_has_activity`", body = ErrorBody),
    )
)]
#[delete("/meetups/{id}")]
async fn delete_meetup(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<MeetupId>,
) -> Result<HttpResponse, AppError> {
    state
        .db
        .transaction(move |conn| uc::delete_meetup(conn, &user.id, &id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
