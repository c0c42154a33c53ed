//! Organisers' webhooks: add one (its URL already cleared or refused by
//! `webhooks::address::clear`, which resolves it outside any transaction), list them with
//! their delivery log, delete one. What each change tells them is `webhooks::events`.

use super::access::{require_organiser, Viewer};
use super::groups::{group_at, organised_group};
use crate::db::models::Group;
use crate::db::repo::groups;
use crate::db::repo::webhooks::{self, LoggedAttempt, Webhook};
use crate::db::{now, DbConn};
use crate::domain::ids::{UserId, WebhookId};
use crate::domain::token::random_hex;
use crate::domain::webhook::{parse_input, WebhookFormat, PER_GROUP};
use crate::error::AppError;
use crate::webhooks::address::Refusal;

/// A webhook with its latest attempts, newest first.
pub type WebhookLog = (Webhook, Vec<LoggedAttempt>);

/// Attempts shown per webhook in its log.
pub const LOG_LENGTH: i64 = 20;

/// A webhook as an organiser submits it.
#[derive(Debug, Clone, Default)]
pub struct WebhookForm {
    pub url: String,
    pub format: String,
    pub events: Vec<String>,
    pub secret: Option<String>,
    pub token: Option<String>,
}

/// Organisers add a webhook to the group at `slug`: 404, then 403, then the form's faults
/// (422), the URL's refusal (`refusal`: where it resolved, checked by the caller) included.
/// The secret is generated when none is given; the caller shows it once.
#[tracing::instrument(skip_all, fields(group = %slug))]
pub fn create(
    conn: &mut DbConn,
    user: &UserId,
    slug: &str,
    form: &WebhookForm,
    refusal: Option<Refusal>,
    allow_plain_http: bool,
) -> Result<(Group, Webhook), AppError> {
    let group = group_at(conn, slug)?;
    // The lock keeps the count exact under parallel requests.
    groups::lock_group(conn, &group.id)?;
    require_organiser(conn, &group.id, user)?;
    let input = parse_input(
        &form.url,
        &form.format,
        &form.events,
        form.secret.as_deref(),
        form.token.as_deref(),
        allow_plain_http,
    )
    .map_err(AppError::Validation)?;
    match refusal {
        None => {}
        Some(Refusal::Scheme) => return Err(AppError::validation("url", "error-webhook_url")),
        Some(Refusal::Unresolved(_)) => {
            return Err(AppError::validation("url", "error-webhook_url_unresolved"))
        }
        Some(Refusal::Private(_)) => {
            return Err(AppError::validation("url", "error-webhook_url_private"))
        }
    }
    if webhooks::count_of_group(conn, &group.id)? >= PER_GROUP {
        return Err(AppError::validation("url", "error-webhook_too_many"));
    }
    let events: Vec<&str> = input.events.iter().map(|e| e.as_str()).collect();
    let hook = Webhook {
        id: WebhookId::random(),
        group_id: group.id.clone(),
        url: input.url.to_string(),
        format: input.format,
        events: events.join(","),
        secret: input.secret.unwrap_or_else(|| random_hex(24)),
        // Only the formats that send one keep it.
        token: input.token.filter(|_| {
            matches!(
                input.format,
                WebhookFormat::Mastodon | WebhookFormat::Matrix
            )
        }),
        created_by: Some(user.clone()),
        created_at: now(),
    };
    webhooks::insert_webhook(conn, &hook)?;
    Ok((group, hook))
}

/// The group's webhooks (organisers only).
#[tracing::instrument(skip_all, fields(group = %slug))]
pub fn list(conn: &mut DbConn, user: &UserId, slug: &str) -> Result<Vec<Webhook>, AppError> {
    let group = group_at(conn, slug)?;
    require_organiser(conn, &group.id, user)?;
    webhooks::webhooks_of_group(conn, &group.id)
}

/// The organisers' page: the group, each webhook with its latest attempts.
#[tracing::instrument(skip_all, fields(group = %slug))]
pub fn page(
    conn: &mut DbConn,
    viewer: &Viewer,
    slug: &str,
) -> Result<(Group, Vec<WebhookLog>), AppError> {
    let group = organised_group(conn, viewer, slug)?;
    let mut hooks = Vec::new();
    for hook in webhooks::webhooks_of_group(conn, &group.id)? {
        let log = webhooks::attempts_of(conn, &hook.id, LOG_LENGTH)?;
        hooks.push((hook, log));
    }
    Ok((group, hooks))
}

/// A webhook's latest attempts, newest first (organisers only; 404 for another group's).
#[tracing::instrument(skip_all, fields(group = %slug))]
pub fn attempts(
    conn: &mut DbConn,
    user: &UserId,
    slug: &str,
    id: &WebhookId,
    limit: i64,
) -> Result<Vec<LoggedAttempt>, AppError> {
    let group = group_at(conn, slug)?;
    require_organiser(conn, &group.id, user)?;
    if !webhooks::webhooks_of_group(conn, &group.id)?
        .iter()
        .any(|h| &h.id == id)
    {
        return Err(AppError::NotFound);
    }
    webhooks::attempts_of(conn, id, limit)
}

/// Organisers delete a webhook: what it had waiting is never sent (404 for none in the group).
#[tracing::instrument(skip_all, fields(group = %slug))]
pub fn delete(
    conn: &mut DbConn,
    user: &UserId,
    slug: &str,
    id: &WebhookId,
) -> Result<Group, AppError> {
    let group = group_at(conn, slug)?;
    require_organiser(conn, &group.id, user)?;
    if !webhooks::delete_webhook(conn, &group.id, id)? {
        return Err(AppError::NotFound);
    }
    Ok(group)
}
