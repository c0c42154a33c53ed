use std::collections::BTreeMap;

use actix_web::{get, post, put, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::polls::{self as uc, OptionView, PollView};
use crate::domain::ids::PollId;
use crate::domain::poll;
use crate::domain::time::{format_utc, local_input_value};
use crate::error::AppError;
use crate::urls::poll_url;
use crate::web::extract::{ApiUser, ApiViewer};
use crate::web::json::{ErrorBody, MeetupJson};
use crate::web::State;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_poll)
        .service(get_poll)
        .service(vote)
        .service(close_poll);
}

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct PollBody {
    title: Option<String>,
    description: Option<String>,
    /// 2 to 20 local times in the group's zone (`2027-01-12T19:00`), or with an offset.
    #[serde(default)]
    date_options: Vec<String>,
    /// 0 to 10 ids of the group's venues or of its open venue suggestions.
    #[serde(default)]
    venue_options: Vec<String>,
    /// When voting is meant to end (members who did not answer are reminded a day before).
    closes_at: Option<String>,
    /// An upcoming meetup of the group (say the next occurrence of a series) to move instead
    /// of making a new one: closing the poll changes its date (and venue), and those going are
    /// told as for any change.
    target_meetup_id: Option<String>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct VoteBody {
    /// Date option id → `yes`, `if_need_be` or `no`.
    #[serde(default)]
    dates: BTreeMap<String, String>,
    /// Venue option id → `yes` or `no`.
    #[serde(default)]
    venues: BTreeMap<String, String>,
    /// Needed to join a group that asks newcomers to accept its code of conduct.
    #[serde(default)]
    accept_code_of_conduct: bool,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct CloseBody {
    /// The chosen date option; the best one when absent.
    date_option: Option<String>,
    /// The chosen venue option; the best one anyone said "yes" to when absent.
    venue_option: Option<String>,
    capacity: Option<i64>,
    /// The meetup's title; the poll's when absent.
    title: Option<String>,
    /// How long "yes" voters of the chosen date have the meetup first (0 to 168, default 24).
    priority_hours: Option<i64>,
    /// RSVP the "yes" voters at once, in the order of their latest "yes" (default false).
    #[serde(default)]
    auto_rsvp: bool,
}

#[derive(Serialize, ToSchema)]
pub struct VoterJson {
    name: String,
    /// `yes`, `if_need_be` or `no`.
    answer: &'static str,
}

#[derive(Serialize, ToSchema)]
pub struct OptionJson {
    id: String,
    /// Date options: the start, UTC, and as the group's clock reads it.
    #[serde(skip_serializing_if = "Option::is_none")]
    starts_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    local: Option<String>,
    /// Venue options: the group's venue, or the open suggestion offered.
    #[serde(skip_serializing_if = "Option::is_none")]
    venue_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suggestion_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    address: Option<String>,
    yes: i64,
    if_need_be: i64,
    no: i64,
    /// The most "yes", then the most "if need be", then the earliest.
    best: bool,
    /// The caller's answer, if any.
    my_answer: Option<&'static str>,
    /// Named as attendees are: by the group's `attendee_visibility`, less those who keep out
    /// of lists (but to organisers); the caller always reads their own.
    voters: Vec<VoterJson>,
}

impl OptionJson {
    fn new(o: &OptionView, tz: chrono_tz::Tz) -> Self {
        let venue = o.option.kind == poll::OptionKind::Venue;
        OptionJson {
            id: o.option.id.to_string(),
            starts_at: o.option.starts_at.map(format_utc),
            local: o.option.starts_at.map(|t| local_input_value(t, tz)),
            venue_id: o.option.venue_id.as_ref().map(ToString::to_string),
            suggestion_id: o.option.suggestion_id.as_ref().map(ToString::to_string),
            name: venue.then(|| o.name.clone()),
            address: venue.then(|| o.address.clone()),
            yes: o.tally.yes,
            if_need_be: o.tally.if_need_be,
            no: o.tally.no,
            best: o.best,
            my_answer: o.my_answer.map(poll::PollAnswer::as_str),
            voters: o
                .voters
                .iter()
                .map(|(a, name)| VoterJson {
                    name: name.clone(),
                    answer: a.as_str(),
                })
                .collect(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct PollJson {
    id: String,
    group_slug: String,
    title: String,
    description: String,
    /// `open` or `closed`.
    status: &'static str,
    closes_at: Option<String>,
    closed_at: Option<String>,
    /// The meetup it became (or moved), once closed.
    meetup_id: Option<String>,
    /// The meetup closing it moves, when it moves one rather than making a new one.
    target_meetup_id: Option<String>,
    /// How many members answered.
    voters_count: usize,
    date_options: Vec<OptionJson>,
    venue_options: Vec<OptionJson>,
    url: String,
}

impl PollJson {
    pub fn new(v: &PollView, base_url: &str) -> Self {
        let tz = v.group.tz();
        let p = &v.poll;
        PollJson {
            id: p.id.to_string(),
            group_slug: v.group.slug.clone(),
            title: p.title.clone(),
            description: p.description.clone(),
            status: if p.is_closed() { "closed" } else { "open" },
            closes_at: p.closes_at.map(format_utc),
            closed_at: p.closed_at.map(format_utc),
            meetup_id: p.meetup_id.as_ref().map(ToString::to_string),
            target_meetup_id: p.target_meetup_id.as_ref().map(ToString::to_string),
            voters_count: v.voters,
            date_options: v.dates.iter().map(|o| OptionJson::new(o, tz)).collect(),
            venue_options: v.venues.iter().map(|o| OptionJson::new(o, tz)).collect(),
            url: poll_url(base_url, &v.group.slug, &p.id),
        }
    }
}

/// Opens a poll on the next meetup's date, and maybe its venue (organisers only). The group's
/// members who want announcements are told, with a link to the poll's page.
#[utoipa::path(
    tag = "polls",
    params(("slug" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 201, body = PollJson),
        (status = 403, body = ErrorBody),
        (status = 422, description = "`validation_failed` naming the option at fault (`date_options[1]`: a time a clock change skips or repeats)", body = ErrorBody),
    )
)]
#[post("/groups/{slug}/polls")]
async fn create_poll(
    state: State,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
    body: web::Json<PollBody>,
) -> Result<HttpResponse, AppError> {
    let b = body.into_inner();
    let input = poll::PollInput {
        title: b.title,
        description: b.description,
        date_options: b.date_options,
        venue_options: b.venue_options,
        closes_at: b.closes_at,
        target_meetup_id: b.target_meetup_id,
    };
    let (settings, slug) = (state.settings.clone(), slug.into_inner());
    let view = state
        .db
        .transaction(move |conn| uc::create_poll(conn, &settings, &user.id, &slug, &input))
        .await?;
    Ok(HttpResponse::Created().json(PollJson::new(&view, &state.settings.base_url)))
}

/// A poll with each option's answers.
#[utoipa::path(
    tag = "polls",
    params(("id" = String, Path)),
    security((), ("bearer" = [])),
    responses((status = 200, body = PollJson), (status = 404, body = ErrorBody))
)]
#[get("/polls/{id}")]
async fn get_poll(
    state: State,
    ApiViewer(viewer): ApiViewer,
    id: web::Path<PollId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let view = state
        .db
        .run(move |conn| uc::poll(conn, &viewer, &id))
        .await?;
    Ok(HttpResponse::Ok().json(PollJson::new(&view, &state.settings.base_url)))
}

/// Votes, or changes the caller's vote, while the poll is open: the answers sent replace the
/// earlier ones (the same again changes nothing). Voting joins the group, like an RSVP.
#[utoipa::path(
    tag = "polls",
    params(("id" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 200, body = PollJson),
        (status = 403, description = "`banned`", body = ErrorBody),
        (status = 409, description = "`poll_closed`", body = ErrorBody),
        (status = 422, description = "`validation_failed` on `dates`, `venues` or `accept_code_of_conduct`", body = ErrorBody),
    )
)]
#[put("/polls/{id}/vote")]
async fn vote(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<PollId>,
    body: web::Json<VoteBody>,
) -> Result<HttpResponse, AppError> {
    let b = body.into_inner();
    let input = poll::VoteInput {
        dates: b.dates.into_iter().collect(),
        venues: b.venues.into_iter().collect(),
        accepts_conduct: b.accept_code_of_conduct,
    };
    let id = id.into_inner();
    let view = state
        .db
        .transaction(move |conn| uc::vote(conn, &user.id, &id, &input))
        .await?;
    Ok(HttpResponse::Ok().json(PollJson::new(&view, &state.settings.base_url)))
}

/// Closes the poll on a date (and venue), organisers only: answers 201 with the meetup made, as
/// `POST /api/v1/groups/{slug}/meetups` makes it (a suggested venue is accepted). Those who said
/// "yes" to that date hear of it first; everyone else after `priority_hours`. A poll opened on
/// a `target_meetup_id` moves that meetup instead (a change: those going are told) and answers
/// it, with the same 201.
#[utoipa::path(
    tag = "polls",
    params(("id" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 201, body = MeetupJson),
        (status = 403, body = ErrorBody),
        (status = 409, description = "`poll_closed`: closed already", body = ErrorBody),
        (status = 422, description = "`validation_failed` on `date_option`, `venue_option`, `capacity` or `priority_hours`", body = ErrorBody),
    )
)]
#[post("/polls/{id}/close")]
async fn close_poll(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<PollId>,
    body: web::Json<CloseBody>,
) -> Result<HttpResponse, AppError> {
    let b = body.into_inner();
    let input = poll::CloseInput {
        date_option: b.date_option,
        venue_option: b.venue_option,
        capacity: b.capacity,
        title: b.title,
        priority_hours: b.priority_hours,
        auto_rsvp: b.auto_rsvp,
    };
    let (id, settings) = (id.into_inner(), state.settings.clone());
    let closed = state
        .db
        .transaction(move |conn| uc::close(conn, &settings, &user.id, &id, &input))
        .await?;
    let row = &closed.meetup;
    Ok(HttpResponse::Created().json(MeetupJson::new(
        row,
        &state.settings.base_url,
        crate::app::meetups::Private::all(row),
    )))
}
