//! Organisers' webhooks: the group's news posted to a chat or any receiver (`app::webhooks`).

use actix_web::{delete, get, post, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::webhooks::{self as uc, WebhookForm, LOG_LENGTH};
use crate::db::repo::webhooks::{LoggedAttempt, Webhook};
use crate::domain::ids::WebhookId;
use crate::domain::time::format_utc;
use crate::error::AppError;
use crate::web::extract::ApiUser;
use crate::web::json::ErrorBody;
use crate::web::State;
use crate::webhooks::address::clear;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_webhook)
        .service(list_webhooks)
        .service(delete_webhook)
        .service(list_attempts);
}

#[derive(Deserialize, ToSchema)]
struct WebhookInput {
    /// Where deliveries go: `https://` only. It must resolve to a public address (no private,
    /// loopback, link-local or cloud-metadata one). Mastodon: the instance's address
    /// (`https://mastodon.social`); Matrix: the room's send URL
    /// (`…/_matrix/client/v3/rooms/{room}/send/m.room.message`) with a `token`, or a bridge's
    /// webhook URL without one.
    url: String,
    /// `generic` (signed JSON), `discord`, `slack`, `matrix` or `mastodon`.
    format: String,
    /// Any of `meetup.created`, `meetup.changed`, `meetup.cancelled`, `talk.scheduled`,
    /// `report.published`, `poll.opened`.
    events: Vec<String>,
    /// Signs generic deliveries (HMAC-SHA256); generated when absent. At most 200 characters.
    #[serde(default)]
    secret: Option<String>,
    /// The access token Mastodon (required) or Matrix needs: write-only, never shown again.
    #[serde(default)]
    token: Option<String>,
}

/// A webhook as organisers see it: never its secret or token.
#[derive(Serialize, ToSchema)]
struct WebhookJson {
    id: String,
    url: String,
    format: String,
    events: Vec<String>,
    /// Whether a token was given (it is never shown).
    has_token: bool,
    /// RFC 3339 UTC.
    created_at: String,
}

impl From<&Webhook> for WebhookJson {
    fn from(h: &Webhook) -> Self {
        WebhookJson {
            id: h.id.to_string(),
            url: h.url.clone(),
            format: h.format.as_str().to_string(),
            events: h
                .event_list()
                .iter()
                .map(|e| e.as_str().to_string())
                .collect(),
            has_token: h.token.is_some(),
            created_at: format_utc(h.created_at),
        }
    }
}

/// The new webhook, with its signing secret: the one time it is shown.
#[derive(Serialize, ToSchema)]
struct CreatedWebhook {
    #[serde(flatten)]
    webhook: WebhookJson,
    /// The HMAC-SHA256 key of generic deliveries (given or generated): keep it, it is not
    /// shown again.
    secret: String,
}

#[derive(Serialize, ToSchema)]
struct WebhookList {
    webhooks: Vec<WebhookJson>,
}

/// One delivery attempt.
#[derive(Serialize, ToSchema)]
struct AttemptJson {
    delivery_id: String,
    event: String,
    /// RFC 3339 UTC.
    attempted_at: String,
    /// The receiver's HTTP status, `null` when none answered (refused address, timeout…).
    status_code: Option<i32>,
    /// Why the attempt failed, `null` when it succeeded.
    error: Option<String>,
    /// The delivery's state now: `pending` (to be retried), `delivered` or `failed`.
    delivery_status: String,
}

impl From<&LoggedAttempt> for AttemptJson {
    fn from(a: &LoggedAttempt) -> Self {
        AttemptJson {
            delivery_id: a.attempt.delivery_id.clone(),
            event: a.event.as_str().to_string(),
            attempted_at: format_utc(a.attempt.attempted_at),
            status_code: a.attempt.status_code,
            error: a.attempt.error.clone(),
            delivery_status: a.status.as_str().to_string(),
        }
    }
}

#[derive(Serialize, ToSchema)]
struct AttemptList {
    attempts: Vec<AttemptJson>,
}

/// Adds a webhook to the group (organisers only). Each event it asks for is then delivered
/// once: written with the change that causes it and sent by the worker, retried with backoff
/// (5 s, 10 s, 20 s… up to an hour, 12 attempts). `generic` posts the event as JSON with
/// `X-Rendezvous-Timestamp` and `X-Rendezvous-Signature: sha256=HMAC(secret,
/// "{timestamp}.{body}")`; `discord`, `slack` and `matrix` post a message in the group's
/// language, `mastodon` a public status. Requests go only to public addresses over https,
/// with a 5-second limit and no redirect followed.
#[utoipa::path(
    tag = "groups",
    params(("slug" = String, Path)),
    security(("bearer" = [])),
    request_body = WebhookInput,
    responses(
        (status = 201, description = "added; `secret` is shown this once", body = CreatedWebhook),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, description = "`validation_failed`: `url` (not https, does not resolve, or a private address), `format`, `events`, `secret`, `token` (required for mastodon)", body = ErrorBody),
    )
)]
#[post("/groups/{slug}/webhooks")]
async fn create_webhook(
    state: State,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
    body: web::Json<WebhookInput>,
) -> Result<HttpResponse, AppError> {
    let (slug, input) = (slug.into_inner(), body.into_inner());
    // Resolved here, outside the transaction: DNS may take its time.
    let refusal = clear(&state.settings, &input.url).await.err();
    let form = WebhookForm {
        url: input.url,
        format: input.format,
        events: input.events,
        secret: input.secret,
        token: input.token,
    };
    let allow = state.settings.webhook_allow_private;
    let (_, hook) = state
        .db
        .transaction(move |conn| uc::create(conn, &user.id, &slug, &form, refusal, allow))
        .await?;
    Ok(HttpResponse::Created().json(CreatedWebhook {
        webhook: WebhookJson::from(&hook),
        secret: hook.secret.clone(),
    }))
}

/// The group's webhooks, oldest first (organisers only); secrets and tokens are never shown.
#[utoipa::path(
    tag = "groups",
    params(("slug" = String, Path)),
    security(("bearer" = [])),
    responses((status = 200, body = WebhookList), (status = 403, body = ErrorBody))
)]
#[get("/groups/{slug}/webhooks")]
async fn list_webhooks(
    state: State,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let hooks = state
        .db
        .run(move |conn| uc::list(conn, &user.id, &slug))
        .await?;
    Ok(HttpResponse::Ok().json(WebhookList {
        webhooks: hooks.iter().map(WebhookJson::from).collect(),
    }))
}

/// Deletes a webhook (organisers only); what it had waiting is not sent.
#[utoipa::path(
    tag = "groups",
    params(("slug" = String, Path), ("id" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "deleted"),
        (status = 403, body = ErrorBody),
        (status = 404, description = "no such group, or no such webhook in it", body = ErrorBody),
    )
)]
#[delete("/groups/{slug}/webhooks/{id}")]
async fn delete_webhook(
    state: State,
    ApiUser(user): ApiUser,
    path: web::Path<(String, WebhookId)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    state
        .db
        .transaction(move |conn| uc::delete(conn, &user.id, &slug, &id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The webhook's delivery log: its latest 20 attempts, newest first, with the receiver's
/// status code or why none answered (organisers only).
#[utoipa::path(
    tag = "groups",
    params(("slug" = String, Path), ("id" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 200, body = AttemptList),
        (status = 403, body = ErrorBody),
        (status = 404, description = "no such group, or no such webhook in it", body = ErrorBody),
    )
)]
#[get("/groups/{slug}/webhooks/{id}/attempts")]
async fn list_attempts(
    state: State,
    ApiUser(user): ApiUser,
    path: web::Path<(String, WebhookId)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let log = state
        .db
        .run(move |conn| uc::attempts(conn, &user.id, &slug, &id, LOG_LENGTH))
        .await?;
    Ok(HttpResponse::Ok().json(AttemptList {
        attempts: log.iter().map(AttemptJson::from).collect(),
    }))
}
