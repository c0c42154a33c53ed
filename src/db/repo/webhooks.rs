//! Webhooks (`webhooks`), their outbox (`webhook_deliveries`) and its log (`webhook_attempts`).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{leases, new_id};
use crate::db::schema::{webhook_attempts, webhook_deliveries, webhooks};
use crate::db::DbConn;
use crate::domain::ids::{GroupId, UserId, WebhookId};
use crate::domain::webhook::{DeliveryStatus, WebhookEvent, WebhookFormat};
use crate::error::AppError;

#[derive(Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = webhooks)]
pub struct Webhook {
    pub id: WebhookId,
    pub group_id: GroupId,
    pub url: String,
    pub format: WebhookFormat,
    pub events: String,
    /// Signs generic deliveries; never shown after creation.
    pub secret: String,
    /// Write-only (Mastodon, Matrix): never shown, exported or logged.
    pub token: Option<String>,
    pub created_by: Option<UserId>,
    pub created_at: NaiveDateTime,
}

/// Written by hand so that logging a webhook cannot print its secret or token.
impl std::fmt::Debug for Webhook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Webhook")
            .field("id", &self.id)
            .field("group_id", &self.group_id)
            .field("format", &self.format)
            .field("events", &self.events)
            .finish_non_exhaustive()
    }
}

impl Webhook {
    pub fn event_list(&self) -> Vec<WebhookEvent> {
        self.events
            .split(',')
            .filter_map(WebhookEvent::parse)
            .collect()
    }

    pub fn wants(&self, event: WebhookEvent) -> bool {
        self.event_list().contains(&event)
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = webhook_deliveries)]
pub struct Delivery {
    pub id: String,
    pub webhook_id: WebhookId,
    pub idempotency_key: String,
    pub event: WebhookEvent,
    pub payload: String,
    pub message: String,
    pub status: DeliveryStatus,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub claimed_until: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub delivered_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = webhook_attempts)]
pub struct Attempt {
    pub id: String,
    pub delivery_id: String,
    pub webhook_id: WebhookId,
    pub attempted_at: NaiveDateTime,
    pub status_code: Option<i32>,
    pub error: Option<String>,
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn insert_webhook(conn: &mut DbConn, hook: &Webhook) -> Result<(), AppError> {
    diesel::insert_into(webhooks::table)
        .values(hook)
        .execute(conn)?;
    Ok(())
}

/// The group's webhooks, oldest first.
#[tracing::instrument(level = "debug", skip_all)]
pub fn webhooks_of_group(conn: &mut DbConn, group: &GroupId) -> Result<Vec<Webhook>, AppError> {
    Ok(webhooks::table
        .filter(webhooks::group_id.eq(group))
        .order((webhooks::created_at.asc(), webhooks::id.asc()))
        .select(Webhook::as_select())
        .load(conn)?)
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn count_of_group(conn: &mut DbConn, group: &GroupId) -> Result<i64, AppError> {
    Ok(webhooks::table
        .filter(webhooks::group_id.eq(group))
        .count()
        .get_result(conn)?)
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn delete_webhook(
    conn: &mut DbConn,
    group: &GroupId,
    id: &WebhookId,
) -> Result<bool, AppError> {
    Ok(diesel::delete(
        webhooks::table
            .filter(webhooks::id.eq(id))
            .filter(webhooks::group_id.eq(group)),
    )
    .execute(conn)?
        > 0)
}

/// Queues a delivery unless one with its idempotency key exists; returns whether it was new.
#[tracing::instrument(level = "debug", skip_all, fields(event = %event.as_str()))]
pub fn enqueue(
    conn: &mut DbConn,
    webhook: &WebhookId,
    key: String,
    event: WebhookEvent,
    payload: &str,
    message: &str,
    at: NaiveDateTime,
) -> Result<bool, AppError> {
    let row = Delivery {
        id: new_id(),
        webhook_id: webhook.clone(),
        idempotency_key: key,
        event,
        payload: payload.to_string(),
        message: message.to_string(),
        status: DeliveryStatus::Pending,
        attempts: 0,
        next_attempt_at: at,
        claimed_until: None,
        created_at: at,
        delivered_at: None,
    };
    // ON CONFLICT DO NOTHING: a duplicate must not abort the caller's transaction (PostgreSQL
    // would).
    let inserted = on_inner!(conn, |c| diesel::insert_into(webhook_deliveries::table)
        .values(&row)
        .on_conflict(webhook_deliveries::idempotency_key)
        .do_nothing()
        .execute(c)?);
    Ok(inserted == 1)
}

/// Claims up to `limit` due deliveries until `lease_until`, the longest waiting first, with
/// their webhooks. As for mail (`outbox::claim_due`): `SKIP LOCKED` on PostgreSQL lets several
/// workers claim side by side without taking the same row; SQLite has a single writer.
#[tracing::instrument(level = "debug", skip_all)]
pub fn claim_due(
    conn: &mut DbConn,
    at: NaiveDateTime,
    lease_until: NaiveDateTime,
    limit: i64,
) -> Result<Vec<(Delivery, Webhook)>, AppError> {
    let ids = leases::claim_due_ids(
        conn,
        "webhook_deliveries",
        "next_attempt_at",
        at,
        lease_until,
        limit,
    )?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(webhook_deliveries::table
        .inner_join(webhooks::table)
        .filter(webhook_deliveries::id.eq_any(&ids))
        .order(webhook_deliveries::next_attempt_at.asc())
        .select((Delivery::as_select(), Webhook::as_select()))
        .load(conn)?)
}

/// Logs one attempt and settles the delivery: delivered, due again at `retry_at`, or given up
/// (`retry_at` None after a failure).
#[tracing::instrument(level = "debug", skip_all)]
pub fn record_attempt(
    conn: &mut DbConn,
    delivery: &Delivery,
    at: NaiveDateTime,
    status_code: Option<i32>,
    error: Option<&str>,
    outcome: DeliveryStatus,
    retry_at: NaiveDateTime,
) -> Result<(), AppError> {
    diesel::insert_into(webhook_attempts::table)
        .values(&Attempt {
            id: new_id(),
            delivery_id: delivery.id.clone(),
            webhook_id: delivery.webhook_id.clone(),
            attempted_at: at,
            status_code,
            error: error.map(str::to_string),
        })
        .execute(conn)?;
    diesel::update(webhook_deliveries::table.find(&delivery.id))
        .set((
            webhook_deliveries::status.eq(outcome),
            webhook_deliveries::attempts.eq(webhook_deliveries::attempts + 1),
            webhook_deliveries::next_attempt_at.eq(retry_at),
            webhook_deliveries::claimed_until.eq(None::<NaiveDateTime>),
            webhook_deliveries::delivered_at
                .eq((outcome == DeliveryStatus::Delivered).then_some(at)),
        ))
        .execute(conn)?;
    Ok(())
}

/// One line of a webhook's log: the attempt, its event and delivery's state.
#[derive(Debug, Clone)]
pub struct LoggedAttempt {
    pub attempt: Attempt,
    pub event: WebhookEvent,
    pub status: DeliveryStatus,
}

/// The latest `limit` attempts of a webhook, newest first.
#[tracing::instrument(level = "debug", skip_all)]
pub fn attempts_of(
    conn: &mut DbConn,
    webhook: &WebhookId,
    limit: i64,
) -> Result<Vec<LoggedAttempt>, AppError> {
    let rows: Vec<(Attempt, WebhookEvent, DeliveryStatus)> = webhook_attempts::table
        .inner_join(webhook_deliveries::table)
        .filter(webhook_attempts::webhook_id.eq(webhook))
        .order((
            webhook_attempts::attempted_at.desc(),
            webhook_attempts::id.desc(),
        ))
        .limit(limit)
        .select((
            Attempt::as_select(),
            webhook_deliveries::event,
            webhook_deliveries::status,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(attempt, event, status)| LoggedAttempt {
            attempt,
            event,
            status,
        })
        .collect())
}

/// Deletes settled deliveries (their attempts with them) queued before `before`.
#[tracing::instrument(level = "debug", skip_all)]
pub fn prune(conn: &mut DbConn, before: NaiveDateTime) -> Result<usize, AppError> {
    Ok(diesel::delete(
        webhook_deliveries::table
            .filter(webhook_deliveries::status.ne(DeliveryStatus::Pending))
            .filter(webhook_deliveries::created_at.lt(before)),
    )
    .execute(conn)?)
}
