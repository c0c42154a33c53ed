use actix_web::{delete, get, put, web, HttpResponse};
use serde::Deserialize;
use serde_json::json;

use crate::app::groups::is_organiser;
use crate::app::meetups::load_meetup;
use crate::app::rsvps as uc;
use crate::domain::ids::{MeetupId, UserId};
use crate::domain::rsvp::{Answer, Party, RsvpOutcome, RsvpStatus};
use crate::error::AppError;
use crate::web::extract::{ApiUser, MaybeApiUser};
use crate::web::State;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(put_rsvp)
        .service(delete_rsvp)
        .service(get_rsvp)
        .service(list_attendees)
        .service(set_attendance);
}

fn rsvp_json(party: &Party, position: Option<usize>) -> serde_json::Value {
    let going_or_waiting = party.status != RsvpStatus::NotGoing;
    json!({
        "status": party.status.as_str(),
        "guests": if going_or_waiting { party.guests } else { 0 },
        "waitlist_position": position,
    })
}

fn outcome_json(o: &RsvpOutcome) -> serde_json::Value {
    rsvp_json(&o.party, o.position)
}

#[derive(Deserialize)]
struct RsvpBody {
    #[serde(default)]
    answer: String,
    guests: Option<i64>,
}

#[put("/meetups/{id}/rsvp")]
async fn put_rsvp(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<MeetupId>,
    body: web::Json<RsvpBody>,
) -> Result<HttpResponse, AppError> {
    let parsed = Answer::parse(&body.answer, body.guests)?;
    let outcome = uc::answer(&state.db, &state.settings, &user, &id, parsed).await?;
    Ok(HttpResponse::Ok().json(outcome_json(&outcome)))
}

#[delete("/meetups/{id}/rsvp")]
async fn delete_rsvp(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<MeetupId>,
) -> Result<HttpResponse, AppError> {
    let outcome = uc::answer(&state.db, &state.settings, &user, &id, Answer::No).await?;
    Ok(HttpResponse::Ok().json(outcome_json(&outcome)))
}

#[get("/meetups/{id}/rsvp")]
async fn get_rsvp(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<MeetupId>,
) -> Result<HttpResponse, AppError> {
    let (party, position) = uc::own_rsvp(&state.db, &user, &id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok().json(rsvp_json(&party, position)))
}

#[get("/meetups/{id}/attendees")]
async fn list_attendees(
    state: State,
    MaybeApiUser(user): MaybeApiUser,
    id: web::Path<MeetupId>,
) -> Result<HttpResponse, AppError> {
    let row = load_meetup(&state.db, &id).await?;
    let organiser = is_organiser(&state.db, &row.group, user.as_ref()).await?;
    let (going, waitlist) = uc::attendees(&state.db, &row.meetup.id).await?;
    let with_email = |mut v: serde_json::Value, email: &str| {
        if organiser {
            v["email"] = json!(email);
        }
        v
    };
    let going: Vec<_> = going
        .iter()
        .map(|a| with_email(json!({ "user_id": a.user_id, "name": a.name, "guests": a.guests, "attended": a.attended }), &a.email))
        .collect();
    let waitlist: Vec<_> = waitlist
        .iter()
        .map(|a| with_email(json!({ "user_id": a.user_id, "name": a.name, "guests": a.guests, "position": a.position }), &a.email))
        .collect();
    Ok(HttpResponse::Ok().json(json!({ "going": going, "waitlist": waitlist })))
}

#[derive(Deserialize)]
struct AttendanceBody {
    attended: bool,
}

#[put("/meetups/{id}/attendance/{user_id}")]
async fn set_attendance(
    state: State,
    ApiUser(user): ApiUser,
    path: web::Path<(MeetupId, UserId)>,
    body: web::Json<AttendanceBody>,
) -> Result<HttpResponse, AppError> {
    let (meetup_id, member_id) = path.into_inner();
    let row = load_meetup(&state.db, &meetup_id).await?;
    let attended = body.attended;
    uc::set_attendance(&state.db, &user, &row, &member_id, attended).await?;
    Ok(HttpResponse::Ok().json(json!({ "user_id": member_id, "attended": attended })))
}
