use actix_web::http::header;
use actix_web::{delete, get, post, put, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::guest_rsvps::{self, GuestRsvp};
use crate::app::rsvps as uc;
use crate::domain::ids::{MeetupId, UserId};
use crate::domain::question::RepliesInput;
use crate::domain::rsvp::Answer;
use crate::error::AppError;
use crate::views::questions::AnswerColumns;
use crate::views::rsvp::attendees_csv_with;
use crate::web::extract::{client_ip, request_lang, ApiUser, ApiViewer, TokenOrSessionUser};
use crate::web::json::{AttendanceJson, AttendeeList, ErrorBody, RsvpJson};
use crate::web::panels::person;
use crate::web::State;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(put_rsvp)
        .service(delete_rsvp)
        .service(get_rsvp)
        .service(list_attendees)
        .service(attendees_csv)
        .service(set_attendance)
        .service(guest_rsvp)
        .service(confirm_guest_rsvp);
}

#[derive(Deserialize, ToSchema)]
struct GuestRsvpBody {
    /// The name to list: others see the first name only (organisers see it whole).
    #[serde(default)]
    name: String,
    /// Where the link that confirms the answer is mailed.
    #[serde(default)]
    email: String,
    /// Guests coming with you, 0 to 5.
    #[serde(default)]
    guests: i64,
    /// Also receive the group's mail (announcements): you join the group once confirmed.
    #[serde(default)]
    keep_informed: bool,
    /// Accepts the group's code of conduct: required when the group asks for it.
    #[serde(default)]
    accept_code_of_conduct: bool,
}

#[derive(serde::Serialize, ToSchema)]
struct GuestRsvpAccepted {
    /// Always `pending`: nothing is held until the mailed link is followed.
    status: &'static str,
}

/// Answers "I'm going" without an account (when the group allows it, the default): one mail to
/// `email` with a link that confirms the answer within 24 hours and before answers close. Until
/// then no seat is held; once confirmed, the answer takes a seat or joins the end of the
/// waitlist like any other. The answer is the same whether or not the address has an account
/// (an account's answer is then recorded for that account). Limited per address and per client
/// address, per hour, as password resets are.
#[utoipa::path(
    tag = "rsvps",
    params(("id" = String, Path)),
    security(()),
    request_body = GuestRsvpBody,
    responses(
        (status = 202, body = GuestRsvpAccepted),
        (status = 403, description = "`forbidden`: the group takes no answers without an account", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "`rsvp_closed`, `meetup_cancelled`", body = ErrorBody),
        (status = 422, description = "`validation_failed` on `name`, `email`, `guests` or `accept_code_of_conduct`", body = ErrorBody),
        (status = 429, description = "`rate_limited`", body = ErrorBody),
    )
)]
#[post("/meetups/{id}/guest-rsvp")]
async fn guest_rsvp(
    state: State,
    req: HttpRequest,
    id: web::Path<MeetupId>,
    body: web::Json<GuestRsvpBody>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let input = GuestRsvp {
        name: body.name,
        email: body.email,
        guests: body.guests,
        keep_informed: body.keep_informed,
        accepts_conduct: body.accept_code_of_conduct,
    };
    let (lang, ip) = (request_lang(&req), client_ip(&req));
    guest_rsvps::request(&state.db, &state.settings, &id, input, lang, &ip).await?;
    Ok(HttpResponse::Accepted().json(GuestRsvpAccepted { status: "pending" }))
}

/// Confirms an answer given without an account, with the token of the mailed link
/// (`/guest-rsvp/{token}`): going, or waitlisted at the end of the queue.
#[utoipa::path(
    tag = "rsvps",
    params(("token" = String, Path)),
    security(()),
    responses(
        (status = 200, body = RsvpJson),
        (status = 409, description = "`rsvp_closed`, `meetup_cancelled`", body = ErrorBody),
        (status = 410, description = "`link_expired`: used already, or not confirmed in time", body = ErrorBody),
    )
)]
#[post("/guest-rsvps/{token}/confirm")]
async fn confirm_guest_rsvp(
    state: State,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (outcome, _) = guest_rsvps::confirm(&state.db, &state.settings, &token).await?;
    Ok(HttpResponse::Ok().json(RsvpJson::new(
        &outcome.party,
        outcome.position,
        outcome.confirmed,
    )))
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
    /// Answers to the meetup's questions (`GET /meetups/{id}/questions`), by question id: a
    /// string for `text` and `choice` (one of its options), an array of options for `multi`,
    /// a boolean for `checkbox`; `null` or `""` clears one. Omitted: the answers given before
    /// are kept; questions not named keep theirs. "yes" needs every required question
    /// answered (422 `answers.<id>`).
    #[schema(value_type = Option<Object>)]
    answers: Option<std::collections::BTreeMap<String, serde_json::Value>>,
    /// The ids of the answers not to share with the host, even though their question is
    /// shared: the host link shows "not shared" instead. Omitted: unchanged; `[]`: share all.
    withheld: Option<Vec<String>>,
}

/// Answers a meetup: going when seats remain (guests included), else waitlisted, first come
/// first served. Answers to the meetup's questions go with it and may be changed until RSVPs
/// close.
#[utoipa::path(
    tag = "rsvps",
    params(("id" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 200, body = RsvpJson),
        (status = 409, description = "`rsvp_closed` (after the deadline or the start; after the deadline `no` and fewer guests are still taken until the start), `meetup_cancelled`, `capacity_exceeded` (more guests than free seats; the RSVP is unchanged)", body = ErrorBody),
        (status = 422, description = "`validation_failed` on `accept_code_of_conduct`: the group asks members to accept its code of conduct; on `guests`: the party is larger than the meetup's capacity, so it could never get a seat; on `answers.<question id>`: a required question unanswered (for \"yes\") or a value its question does not take (an unknown option); on `answers` or `withheld`: an id the meetup does not ask", body = ErrorBody),
    )
)]
#[put("/meetups/{id}/rsvp")]
async fn put_rsvp(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<MeetupId>,
    body: web::Json<RsvpBody>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let parsed = Answer::parse(&body.answer, body.guests)?;
    let accepts = body.accept_code_of_conduct;
    let replies = RepliesInput {
        values: body.answers,
        withheld: body.withheld,
    };
    let settings = state.settings.clone();
    let outcome = state
        .db
        .transaction(move |conn| {
            uc::answer_replying(conn, &settings, &user.id, &id, parsed, accepts, &replies)
        })
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

/// The member's RSVP with their answers to the meetup's questions.
#[derive(serde::Serialize, ToSchema)]
struct OwnRsvpJson {
    #[serde(flatten)]
    rsvp: RsvpJson,
    /// Answers by question id, as sent.
    #[schema(value_type = Object)]
    answers: std::collections::BTreeMap<String, serde_json::Value>,
    /// The ids of the answers withheld from the host.
    withheld: Vec<String>,
}

/// The member's own RSVP (404 when they never answered), with their answers.
#[utoipa::path(tag = "rsvps", params(("id" = String, Path)), security(("bearer" = [])), responses((status = 200, body = OwnRsvpJson)))]
#[get("/meetups/{id}/rsvp")]
async fn get_rsvp(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<MeetupId>,
) -> Result<HttpResponse, AppError> {
    let (party, position, confirmed) = uc::own_rsvp(&state.db, &user, &id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (m, u) = (id.into_inner(), user.id.clone());
    let (_, replies) = state
        .db
        .run(move |conn| crate::app::questions::own_replies(conn, &m, &u))
        .await?;
    let withheld = replies
        .iter()
        .filter(|(_, (_, w))| *w)
        .map(|(q, _)| q.to_string())
        .collect();
    let answers = replies
        .into_iter()
        .map(|(q, (v, _))| (q.to_string(), v))
        .collect();
    Ok(HttpResponse::Ok().json(OwnRsvpJson {
        rsvp: RsvpJson::new(&party, position, confirmed),
        answers,
        withheld,
    }))
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

/// The going members as CSV, one row each (name, e-mail, guests, checked in, then one column
/// for each of the meetup's questions with every answer, shared or not), for organisers;
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
    let (going, questions, replies) = state
        .db
        .run(move |conn| {
            let going = uc::going_for_organiser(conn, &organiser, &meetup)?;
            let (questions, replies) =
                crate::app::questions::answers_for_organisers(conn, &meetup)?;
            Ok((going, questions, replies))
        })
        .await?;
    let lang = user.lang();
    let answers = AnswerColumns::new(lang, &questions, &replies, going.iter().map(|a| &a.user_id));
    let going: Vec<_> = going.into_iter().map(person).collect();
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"attendees-{id}.csv\""),
        ))
        .body(attendees_csv_with(
            lang,
            &going,
            &answers.header,
            &answers.rows,
        )))
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
