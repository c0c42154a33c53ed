//! Delivers the webhook outbox: claims due deliveries (exactly once across instances, as the
//! mail outbox), clears each URL's address ([`super::address`]), sends the request with no
//! redirect followed and a 5-second limit, logs the attempt and retries failures with backoff.

use std::time::Duration;

use chrono::NaiveDateTime;

use super::address::clear;
use super::format::{outgoing, Parts};
use crate::config::Settings;
use crate::db::repo::webhooks::{self, Delivery, Webhook};
use crate::db::Db;
use crate::domain::webhook::{backoff, DeliveryStatus, MAX_ATTEMPTS, TIMEOUT};
use crate::error::AppError;

/// Longer than a pass can take ([`CLAIM`] requests of at most [`TIMEOUT`] each), so that no
/// other worker takes a row this one is still sending.
const LEASE: chrono::Duration = chrono::Duration::minutes(5);
const CLAIM: i64 = 20;
const POLL: Duration = Duration::from_secs(2);
const RETENTION: chrono::Duration = chrono::Duration::days(30);

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Pass {
    pub delivered: usize,
    pub failed: usize,
    /// A full claim: more may be waiting.
    pub busy: bool,
}

/// One pass as if at `at`: claims what is due and sends it. Tests drive it with their clock.
pub async fn run_once(db: &Db, settings: &Settings, at: NaiveDateTime) -> Result<Pass, AppError> {
    let claimed = db
        .run_write(move |conn| webhooks::claim_due(conn, at, at + LEASE, CLAIM))
        .await?;
    let mut pass = Pass {
        busy: claimed.len() as i64 >= CLAIM,
        ..Pass::default()
    };
    // Side by side: one slow receiver does not hold the others up for its 5 seconds.
    let sends = claimed.into_iter().map(|(delivery, hook)| async move {
        let answer = send(settings, &hook, &delivery, at).await;
        (delivery, hook, answer)
    });
    for (delivery, hook, answer) in futures_util::future::join_all(sends).await {
        let (code, error) = match answer {
            Ok(code) if (200..300).contains(&code) => (Some(code), None),
            Ok(code) => (Some(code), Some(format!("HTTP {code}"))),
            Err(error) => (None, Some(error)),
        };
        let outcome = match (&error, delivery.attempts + 1 >= MAX_ATTEMPTS) {
            (None, _) => DeliveryStatus::Delivered,
            (Some(_), false) => DeliveryStatus::Pending,
            (Some(_), true) => DeliveryStatus::Failed,
        };
        let retry_at =
            at + chrono::Duration::from_std(backoff(delivery.attempts + 1)).unwrap_or(LEASE);
        if let Some(error) = &error {
            // The webhook's id only: its URL and token are secrets.
            tracing::warn!(webhook = %hook.id, event = delivery.event.as_str(), %error, "webhook delivery failed");
            pass.failed += 1;
        } else {
            pass.delivered += 1;
        }
        db.run_write(move |conn| {
            webhooks::record_attempt(
                conn,
                &delivery,
                at,
                code.map(i32::from),
                error.as_deref(),
                outcome,
                retry_at,
            )
        })
        .await?;
    }
    Ok(pass)
}

/// Sends one delivery; the answer's status code, or why there was none.
async fn send(
    settings: &Settings,
    hook: &Webhook,
    delivery: &Delivery,
    at: NaiveDateTime,
) -> Result<u16, String> {
    let cleared = clear(settings, &hook.url)
        .await
        .map_err(|r| r.to_string())?;
    let request = outgoing(&Parts {
        format: hook.format,
        url: &cleared.url,
        secret: &hook.secret,
        token: hook.token.as_deref(),
        key: &delivery.idempotency_key,
        event: delivery.event.as_str(),
        payload: &delivery.payload,
        message: &delivery.message,
        timestamp: at.and_utc().timestamp(),
    });
    let mut client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .timeout(TIMEOUT)
        .connect_timeout(TIMEOUT)
        .user_agent(concat!(
            "rendezvous/",
            env!("CARGO_PKG_VERSION"),
            " (webhooks)"
        ));
    if let Some(domain) = &cleared.domain {
        // Connect to the address just checked, whatever the name resolves to now.
        client = client.resolve(domain, cleared.addr);
    }
    let client = client.build().map_err(|e| e.without_url().to_string())?;
    let mut builder = if request.put {
        client.put(request.url)
    } else {
        client.post(request.url)
    };
    for (name, value) in request.headers {
        builder = builder.header(name, value);
    }
    match builder.body(request.body).send().await {
        Ok(response) => Ok(response.status().as_u16()),
        // Without the URL: it may hold the webhook's secret.
        Err(e) if e.is_timeout() => Err("timed out".into()),
        Err(e) if e.is_connect() => Err("could not connect".into()),
        Err(e) => Err(e.without_url().to_string()),
    }
}

/// The background loop started by `serve` (or `rendezvous worker`) beside the mail worker, so
/// that a slow receiver never holds mail up.
pub async fn run(db: Db, settings: Settings) {
    let mut ticks: u64 = 0;
    loop {
        let at = crate::db::now();
        let busy = match run_once(&db, &settings, at).await {
            Ok(pass) => pass.busy,
            Err(e) => {
                tracing::error!(error = %e, "webhook worker pass failed");
                false
            }
        };
        ticks += 1;
        if ticks % 1800 == 0 {
            let _ = db
                .run_write(move |conn| webhooks::prune(conn, at - RETENTION))
                .await;
        }
        if !busy {
            tokio::time::sleep(POLL).await;
        }
    }
}
