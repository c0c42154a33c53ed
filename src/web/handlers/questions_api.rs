//! RSVP questions (a meetup's, a group's default set) and the meetup's host link.

use actix_web::{delete, get, post, put, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::questions as uc;
use crate::domain::ids::MeetupId;
use crate::domain::question::{Question, QuestionInput};
use crate::domain::time::format_utc;
use crate::error::AppError;
use crate::web::extract::ApiUser;
use crate::web::json::ErrorBody;
use crate::web::State;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_meetup_questions)
        .service(put_meetup_questions)
        .service(get_group_questions)
        .service(put_group_questions)
        .service(create_host_link)
        .service(revoke_host_link);
}

/// One question asked with the RSVP.
#[derive(Deserialize, ToSchema)]
pub struct QuestionBody {
    /// The id of a question the set already has, to keep it (and its answers); omitted or
    /// unknown: a new question.
    id: Option<String>,
    /// What is asked (1 to 200 characters), e.g. "Name on your ID".
    #[serde(default)]
    label: String,
    /// `text`, `choice` (one option), `multi` (any options) or `checkbox` (a box; required
    /// means it must be ticked).
    #[serde(default)]
    kind: String,
    /// For `choice` and `multi`: 1 to 30 distinct options (ignored for the others).
    #[serde(default)]
    options: Vec<String>,
    /// Members answering "yes" must answer it (422 `answers.<id>` otherwise).
    #[serde(default)]
    required: bool,
    /// The answer is shown to the host (the host link) unless the member withholds it.
    #[serde(default)]
    share_with_host: bool,
}

impl From<QuestionBody> for QuestionInput {
    fn from(b: QuestionBody) -> Self {
        QuestionInput {
            id: b.id,
            label: b.label,
            kind: b.kind,
            options: b.options,
            required: b.required,
            share_with_host: b.share_with_host,
        }
    }
}

/// A question as asked.
#[derive(Serialize, ToSchema)]
pub struct QuestionJson {
    id: String,
    label: String,
    /// `text`, `choice`, `multi` or `checkbox`.
    kind: String,
    options: Vec<String>,
    required: bool,
    share_with_host: bool,
}

impl From<Question> for QuestionJson {
    fn from(q: Question) -> Self {
        QuestionJson {
            id: q.id.to_string(),
            label: q.label,
            kind: q.kind.as_str().into(),
            options: q.options,
            required: q.required,
            share_with_host: q.share_with_host,
        }
    }
}

fn list(questions: Vec<Question>) -> HttpResponse {
    let list: Vec<QuestionJson> = questions.into_iter().map(Into::into).collect();
    HttpResponse::Ok().json(list)
}

/// The questions the meetup asks with its RSVP, in order. Answers are given with
/// `PUT /meetups/{id}/rsvp` (`answers`, `withheld`).
#[utoipa::path(
    tag = "rsvps",
    params(("id" = String, Path)),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = Vec<QuestionJson>),
        (status = 404, body = ErrorBody),
    )
)]
#[get("/meetups/{id}/questions")]
async fn get_meetup_questions(
    state: State,
    id: web::Path<MeetupId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let questions = state
        .db
        .run(move |conn| uc::meetup_questions(conn, &id))
        .await?;
    Ok(list(questions))
}

/// Replaces the meetup's questions (organisers): at most 20. A question sent with the `id`
/// of one already asked keeps its answers; questions left out are deleted with theirs.
#[utoipa::path(
    tag = "rsvps",
    params(("id" = String, Path)),
    security(("bearer" = [])),
    request_body = Vec<QuestionBody>,
    responses(
        (status = 200, body = Vec<QuestionJson>),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, description = "`validation_failed` on `label`, `kind`, `options` or `questions` (too many)", body = ErrorBody),
    )
)]
#[put("/meetups/{id}/questions")]
async fn put_meetup_questions(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<MeetupId>,
    body: web::Json<Vec<QuestionBody>>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let input: Vec<QuestionInput> = body.into_inner().into_iter().map(Into::into).collect();
    let questions = state
        .db
        .transaction(move |conn| uc::set_meetup_questions(conn, &user.id, &id, input))
        .await?;
    Ok(list(questions))
}

/// The group's default questions, copied to each meetup created after (series occurrences
/// too).
#[utoipa::path(
    tag = "groups",
    params(("slug" = String, Path)),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = Vec<QuestionJson>),
        (status = 404, body = ErrorBody),
    )
)]
#[get("/groups/{slug}/questions")]
async fn get_group_questions(
    state: State,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let questions = state
        .db
        .run(move |conn| uc::group_questions(conn, &slug))
        .await?;
    Ok(list(questions))
}

/// Replaces the group's default questions (organisers); meetups already made keep theirs.
#[utoipa::path(
    tag = "groups",
    params(("slug" = String, Path)),
    security(("bearer" = [])),
    request_body = Vec<QuestionBody>,
    responses(
        (status = 200, body = Vec<QuestionJson>),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, description = "`validation_failed` on `label`, `kind`, `options` or `questions`", body = ErrorBody),
    )
)]
#[put("/groups/{slug}/questions")]
async fn put_group_questions(
    state: State,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
    body: web::Json<Vec<QuestionBody>>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let input: Vec<QuestionInput> = body.into_inner().into_iter().map(Into::into).collect();
    let questions = state
        .db
        .transaction(move |conn| uc::set_group_questions(conn, &user.id, &slug, input))
        .await?;
    Ok(list(questions))
}

/// A host link just made.
#[derive(Serialize, ToSchema)]
pub struct HostLinkJson {
    /// Shows who is going and the answers they share with the host, in HTML (`.csv` appended,
    /// or `?format=csv`: as CSV). Shown this once; 404 once revoked or expired.
    url: String,
    /// The end of the meetup.
    expires_at: String,
}

/// Makes the meetup's host link (organisers), for a venue's security desk: the names of the
/// members going and their answers to questions shared with the host, "not shared" where a
/// member withheld one, nothing else. A new link replaces the previous one. It stops at the
/// end of the meetup, when revoked, and when its maker no longer organises the group.
#[utoipa::path(
    tag = "rsvps",
    params(("id" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 201, body = HostLinkJson),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "`meetup_ended`", body = ErrorBody),
    )
)]
#[post("/meetups/{id}/host-link")]
async fn create_host_link(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<MeetupId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let settings = state.settings.clone();
    let link = state
        .db
        .transaction(move |conn| uc::create_host_link(conn, &settings, &user.id, &id))
        .await?;
    Ok(HttpResponse::Created().json(HostLinkJson {
        url: link.url,
        expires_at: format_utc(link.expires_at),
    }))
}

/// Revokes the meetup's host link (organisers): it answers 404 from now on.
#[utoipa::path(
    tag = "rsvps",
    params(("id" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 204),
        (status = 403, body = ErrorBody),
        (status = 404, description = "`not_found`: no such meetup, or no link to revoke", body = ErrorBody),
    )
)]
#[delete("/meetups/{id}/host-link")]
async fn revoke_host_link(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<MeetupId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    state
        .db
        .transaction(move |conn| uc::revoke_host_link(conn, &user.id, &id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
