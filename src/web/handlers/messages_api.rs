use actix_web::{get, post, web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::messages::{self as uc, About, Draft, Scope};
use crate::db::models::User;
use crate::domain::ids::MeetupId;
use crate::error::AppError;
use crate::web::extract::ApiUser;
use crate::web::json::{ErrorBody, MessageJson, MessageList, MessageSent};
use crate::web::State;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(write_to_meetup)
        .service(meetup_messages)
        .service(write_to_group)
        .service(group_messages);
}

/// A message from the organisers. Plain text: links become clickable in the mail's HTML part.
#[derive(Deserialize, ToSchema)]
struct MessageInput {
    /// `going`, `waitlisted`, `attended` or `all_members`; required for a meetup's message,
    /// `all_members` (or absent) for the group's.
    audience: Option<String>,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    body: String,
    /// Replies go to the sending organiser's address unless this is true.
    #[serde(default)]
    no_replies: bool,
}

impl From<MessageInput> for Draft {
    fn from(m: MessageInput) -> Self {
        Draft {
            audience: m.audience,
            subject: m.subject,
            body: m.body,
            no_replies: m.no_replies,
        }
    }
}

async fn send(
    state: &State,
    author: User,
    about: About,
    draft: Draft,
) -> Result<HttpResponse, AppError> {
    let settings = state.settings.clone();
    let m = state
        .db
        .transaction(move |conn| uc::send(conn, &settings, &author, &about, &draft))
        .await?;
    Ok(HttpResponse::Created().json(MessageSent {
        id: m.id.to_string(),
        recipients: m.recipients,
    }))
}

async fn list(state: &State, user: User, about: About) -> Result<HttpResponse, AppError> {
    let list = state
        .db
        .run(move |conn| {
            let scope = Scope::of(conn, &about)?;
            uc::sent_messages(conn, &user.id, &scope)
        })
        .await?;
    let messages = list.iter().map(MessageJson::new).collect();
    Ok(HttpResponse::Ok().json(MessageList { messages }))
}

/// Writes to a meetup's participants: one mail to each member of the audience who takes the
/// group's messages. Organisers only (of a co-hosted meetup, the co-host groups' too); at most
/// `MESSAGES_PER_DAY` messages a group. For a co-hosted meetup, the participants of the
/// co-host groups are in the audience too, each person once; someone who turned messages off
/// in one of the hosting groups they belong to is left out.
#[utoipa::path(
    tag = "messages",
    params(("id" = String, Path)),
    request_body = MessageInput,
    security(("bearer" = [])),
    responses(
        (status = 201, body = MessageSent),
        (status = 403, body = ErrorBody),
        (status = 422, description = "`audience`, `subject` or `body`", body = ErrorBody),
        (status = 429, description = "the group's messages for the day are used up", body = ErrorBody),
    )
)]
#[post("/meetups/{id}/messages")]
async fn write_to_meetup(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<MeetupId>,
    body: web::Json<MessageInput>,
) -> Result<HttpResponse, AppError> {
    send(
        &state,
        user,
        About::Meetup(id.into_inner()),
        body.into_inner().into(),
    )
    .await
}

/// The messages about a meetup, newest first: all of them for organisers, those sent to them
/// for members.
#[utoipa::path(
    tag = "messages",
    params(("id" = String, Path)),
    security(("bearer" = [])),
    responses((status = 200, body = MessageList))
)]
#[get("/meetups/{id}/messages")]
async fn meetup_messages(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<MeetupId>,
) -> Result<HttpResponse, AppError> {
    list(&state, user, About::Meetup(id.into_inner())).await
}

/// Writes to every member of the group who takes its messages. Organisers only; at most
/// `MESSAGES_PER_DAY` messages a group.
#[utoipa::path(
    tag = "messages",
    params(("slug" = String, Path)),
    request_body = MessageInput,
    security(("bearer" = [])),
    responses(
        (status = 201, body = MessageSent),
        (status = 403, body = ErrorBody),
        (status = 422, description = "`subject` or `body`", body = ErrorBody),
        (status = 429, description = "the group's messages for the day are used up", body = ErrorBody),
    )
)]
#[post("/groups/{slug}/messages")]
async fn write_to_group(
    state: State,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
    body: web::Json<MessageInput>,
) -> Result<HttpResponse, AppError> {
    send(
        &state,
        user,
        About::Group(slug.into_inner()),
        body.into_inner().into(),
    )
    .await
}

/// The messages to the whole group, newest first: all of them for organisers, those sent to
/// them for members.
#[utoipa::path(
    tag = "messages",
    params(("slug" = String, Path)),
    security(("bearer" = [])),
    responses((status = 200, body = MessageList))
)]
#[get("/groups/{slug}/messages")]
async fn group_messages(
    state: State,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    list(&state, user, About::Group(slug.into_inner())).await
}
