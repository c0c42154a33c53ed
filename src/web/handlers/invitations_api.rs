//! Organisers inviting addresses to their group, and the list of who was invited.

use actix_web::{get, post, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::groups::group_at;
use crate::app::invitations::{self as uc, Request};
use crate::domain::ids::MeetupId;
use crate::domain::time::format_utc;
use crate::error::AppError;
use crate::web::extract::ApiUser;
use crate::web::json::ErrorBody;
use crate::web::State;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(invite).service(list);
}

/// Addresses to invite, with a meetup to name and a note from the organiser.
#[derive(Deserialize, ToSchema)]
struct InvitationInput {
    /// Up to 200 addresses (an entry may hold several, separated by commas or new lines).
    emails: Vec<String>,
    /// A meetup of the group the mail invites to, with its own "I'm going".
    meetup_id: Option<String>,
    /// A few words from the organiser, shown in the mail (at most 1000 characters).
    note: Option<String>,
}

/// What became of one address.
#[derive(Serialize, ToSchema)]
struct InvitationOutcome {
    email: String,
    /// `invited`, `already_member`, `unsubscribed`, `already_invited` or `invalid`.
    outcome: &'static str,
}

#[derive(Serialize, ToSchema)]
struct InvitationOutcomes {
    invitations: Vec<InvitationOutcome>,
}

/// One invitation sent.
#[derive(Serialize, ToSchema)]
struct InvitationJson {
    id: String,
    email: String,
    meetup_id: Option<String>,
    invited_at: String,
    /// The address is a member's now, or the invitation's link was followed.
    joined: bool,
}

#[derive(Serialize, ToSchema)]
struct InvitationList {
    invitations: Vec<InvitationJson>,
}

/// Invites addresses to the group: one mail each (in the group's language) with a one-click
/// "Join the group" (and "I'm going" when a meetup is named); nobody becomes a member without
/// following it. An address that is a member's, asked for no invitations, or was invited to the
/// same group and meetup before gets no mail. Organisers only; at most `INVITATIONS_PER_DAY`
/// invitations a group in 24 hours (a request that would pass it sends none).
#[utoipa::path(
    tag = "invitations",
    params(("slug" = String, Path)),
    request_body = InvitationInput,
    security(("bearer" = [])),
    responses(
        (status = 201, body = InvitationOutcomes),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, description = "`emails` (none, or more than 200), `meetup_id` or `note`", body = ErrorBody),
        (status = 429, description = "the group's invitations for the day are used up", body = ErrorBody),
    )
)]
#[post("/groups/{slug}/invitations")]
async fn invite(
    state: State,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
    body: web::Json<InvitationInput>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let request = Request {
        emails: body.emails,
        meetup_id: body.meetup_id.map(MeetupId::from),
        note: body.note,
    };
    let settings = state.settings.clone();
    let sent = state
        .db
        .transaction(move |conn| uc::invite(conn, &settings, &user, &slug, &request))
        .await?;
    let invitations = sent
        .into_iter()
        .map(|s| InvitationOutcome {
            email: s.email,
            outcome: s.outcome.as_str(),
        })
        .collect();
    Ok(HttpResponse::Created().json(InvitationOutcomes { invitations }))
}

/// The group's invitations, newest first, with whether each address joined. Organisers only.
#[utoipa::path(
    tag = "invitations",
    params(("slug" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 200, body = InvitationList),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
    )
)]
#[get("/groups/{slug}/invitations")]
async fn list(
    state: State,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let rows = state
        .db
        .run(move |conn| {
            let group = group_at(conn, &slug)?;
            uc::list(conn, &user.id, &group)
        })
        .await?;
    let invitations = rows
        .into_iter()
        .map(|(i, joined)| InvitationJson {
            id: i.id.to_string(),
            email: i.email,
            meetup_id: i.meetup_id.map(|m| m.to_string()),
            invited_at: format_utc(i.invited_at),
            joined,
        })
        .collect();
    Ok(HttpResponse::Ok().json(InvitationList { invitations }))
}
