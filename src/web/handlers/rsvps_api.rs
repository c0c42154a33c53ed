use actix_web::http::header;
use actix_web::{delete, get, put, web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::rsvps as uc;
use crate::domain::ids::{MeetupId, UserId};
use crate::domain::rsvp::Answer;
use crate::error::AppError;
use crate::views::rsvp::attendees_csv as attendees_csv_text;
use crate::web::extract::{ApiUser, ApiViewer, TokenOrSessionUser};
use crate::web::json::{AttendanceJson, AttendeeList, ErrorBody, RsvpJson};
use crate::web::panels::person;
use crate::web::State;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(put_rsvp)
        .service(delete_rsvp)
        .service(get_rsvp)
        .service(list_attendees)
        .service(attendees_csv)
        .service(set_attendance);
}

#[derive(Deserialize, ToSchema)]
struct RsvpBody {
    /// `yes` or `no`.
    #[serde(default)]
    answer: String,
    /// Guests coming with you, 0 to 5.
    guests: Option<i64>,
    /// Accepts the group's code of conduct: required (422 on `accept_code_of_conduct`
    /// otherwise) when the group asks for it and the member has not accepted it yet.
    #[serde(default)]
    accept_code_of_conduct: bool,
}

/// Answers a meetup: going when seats remain (guests included), else waitlisted, first come
/// first served.
#[utoipa::path(
    tag = "rsvps",
    params(("id" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 200, body = RsvpJson),
        (status = 409, description = "`rsvp_closed` (after the deadline or the start; after the deadline `no` and fewer guests are still taken until the start), `meetup_cancelled`, `capacity_exceeded` (more guests than free seats; the RSVP is unchanged)", body = ErrorBody),
        (status = 422, description = "`validation_failed` on `accept_code_of_conduct`: the group asks members to accept its code of conduct; on `guests`: the party is larger than the meetup's capacity, so it could never get a seat", body = ErrorBody),
    )
)]
#[put("/meetups/{id}/rsvp")]
async fn put_rsvp(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<MeetupId>,
    body: web::Json<RsvpBody>,
) -> Result<HttpResponse, AppError> {
    let parsed = Answer::parse(&body.answer, body.guests)?;
    let accepts = body.accept_code_of_conduct;
    let settings = state.settings.clone();
    let outcome = state
        .db
        .transaction(move |conn| uc::answer(conn, &settings, &user.id, &id, parsed, accepts))
        .await?;
    Ok(HttpResponse::Ok().json(RsvpJson::new(
        &outcome.party,
        outcome.position,
        outcome.confirmed,
    )))
}

/// Same as answering `no`: the seat goes to the first of the waitlist. Taken until the meetup
/// starts, after the RSVP deadline too.
#[utoipa::path(
    tag = "rsvps",
    params(("id" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 200, body = RsvpJson),
        (status = 409, description = "`rsvp_closed` (once the meetup has started), `meetup_cancelled`", body = ErrorBody),
    )
)]
#[delete("/meetups/{id}/rsvp")]
async fn delete_rsvp(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<MeetupId>,
) -> Result<HttpResponse, AppError> {
    let settings = state.settings.clone();
    let outcome = state
        .db
        .transaction(move |conn| uc::answer(conn, &settings, &user.id, &id, Answer::No, false))
        .await?;
    Ok(HttpResponse::Ok().json(RsvpJson::new(
        &outcome.party,
        outcome.position,
        outcome.confirmed,
    )))
}

#[utoipa::path(tag = "rsvps", params(("id" = String, Path)), security(("bearer" = [])), responses((status = 200, body = RsvpJson)))]
#[get("/meetups/{id}/rsvp")]
async fn get_rsvp(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<MeetupId>,
) -> Result<HttpResponse, AppError> {
    let (party, position, confirmed) = uc::own_rsvp(&state.db, &user, &id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok().json(RsvpJson::new(&party, position, confirmed)))
}

/// Who is going and who waits. Names are for the group's signed-in members unless the group
/// makes them public (others get empty lists and `names_hidden`; the meetup's counts stay);
/// members who keep out of lists appear to organisers only, as do e-mail addresses.
#[utoipa::path(
    tag = "rsvps",
    params(("id" = String, Path)),
    security((), ("bearer" = [])),
    responses((status = 200, body = AttendeeList))
)]
#[get("/meetups/{id}/attendees")]
async fn list_attendees(
    state: State,
    ApiViewer(viewer): ApiViewer,
    id: web::Path<MeetupId>,
) -> Result<HttpResponse, AppError> {
    let shown = uc::visible_attendees(&state.db, &viewer, &id).await?;
    Ok(HttpResponse::Ok().json(AttendeeList::new(&shown)))
}

/// The going members as CSV, one row each (name, e-mail, guests, checked in), for organisers;
/// with a bearer token or a signed-in browser. Cells that a spreadsheet would run as a formula
/// start with an apostrophe.
#[utoipa::path(
    tag = "rsvps",
    params(("id" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 200, content_type = "text/csv", body = String),
        (status = 403, body = ErrorBody),
    )
)]
#[get("/meetups/{id}/attendees.csv")]
async fn attendees_csv(
    state: State,
    TokenOrSessionUser(user): TokenOrSessionUser,
    id: web::Path<MeetupId>,
) -> Result<HttpResponse, AppError> {
    let (organiser, meetup) = (user.id.clone(), id.clone());
    let going = state
        .db
        .run(move |conn| uc::going_for_organiser(conn, &organiser, &meetup))
        .await?;
    let going: Vec<_> = going.into_iter().map(person).collect();
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"attendees-{id}.csv\""),
        ))
        .body(attendees_csv_text(user.lang(), &going)))
}

#[derive(Deserialize, ToSchema)]
struct AttendanceBody {
    attended: bool,
}

/// Checks a going member in (or out) with their whole party, from two hours before the start
/// (organisers and door helpers).
#[utoipa::path(
    tag = "rsvps",
    params(("id" = String, Path), ("user_id" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 200, body = AttendanceJson),
        (status = 403, body = ErrorBody),
        (status = 409, description = "`checkin_closed`", body = ErrorBody),
    )
)]
#[put("/meetups/{id}/attendance/{user_id}")]
async fn set_attendance(
    state: State,
    ApiUser(user): ApiUser,
    path: web::Path<(MeetupId, UserId)>,
    body: web::Json<AttendanceBody>,
) -> Result<HttpResponse, AppError> {
    let (meetup_id, member_id) = path.into_inner();
    let attended = body.attended;
    let member = member_id.clone();
    state
        .db
        .transaction(move |conn| {
            crate::app::check_in::set_attendance(conn, &user.id, &meetup_id, &member, attended)
        })
        .await?;
    Ok(HttpResponse::Ok().json(AttendanceJson {
        user_id: member_id.to_string(),
        attended,
    }))
}
