//! What each change tells the group's webhooks: called by the use cases in `app/` inside the
//! transaction that makes the change, so a delivery is queued exactly when the change commits.
//! Each is keyed `{webhook}:{event}:{object}`, the object naming the version of what changed
//! (a meetup's sequence or update time), so writing it again queues nothing.

use chrono::NaiveDateTime;
use serde_json::{json, Value};

use crate::config::Settings;
use crate::db::models::{Group, Meetup, Poll, Report, Talk};
use crate::db::repo::meetups::{self, MeetupRow};
use crate::db::repo::webhooks;
use crate::db::{now, DbConn};
use crate::domain::ids::MeetupId;
use crate::domain::meetup::MeetupStatus;
use crate::domain::time::{format_utc, to_local};
use crate::domain::webhook::WebhookEvent;
use crate::error::AppError;
use crate::i18n::{long_datetime, t, tf};
use crate::urls::{group_url, meetup_url, poll_url, report_url};

/// Queues `event` about `object` to every webhook of `group` that wants it; how many.
fn queue(
    conn: &mut DbConn,
    settings: &Settings,
    group: &Group,
    event: WebhookEvent,
    object: &str,
    body: Value,
    message: String,
) -> Result<usize, AppError> {
    let hooks: Vec<_> = webhooks::webhooks_of_group(conn, &group.id)?
        .into_iter()
        .filter(|h| h.wants(event))
        .collect();
    if hooks.is_empty() {
        return Ok(0);
    }
    let at = now();
    let mut payload = json!({
        "event": event.as_str(),
        "occurred_at": format_utc(at),
        "group": {
            "slug": group.slug,
            "name": group.name,
            "url": group_url(&settings.base_url, &group.slug),
        },
        "text": message,
    });
    if let (Some(all), Value::Object(extra)) = (payload.as_object_mut(), body) {
        all.extend(extra);
    }
    let payload = payload.to_string();
    let mut queued = 0;
    for hook in hooks {
        let key = format!("{}:{}:{object}", hook.id, event.as_str());
        if webhooks::enqueue(conn, &hook.id, key, event, &payload, &message, at)? {
            queued += 1;
        }
    }
    Ok(queued)
}

fn meetup_json(settings: &Settings, row: &MeetupRow) -> Value {
    let m = &row.meetup;
    json!({
        "id": m.id,
        "title": m.title,
        "starts_at": format_utc(m.starts_at),
        "ends_at": format_utc(m.ends_at),
        "timezone": row.group.timezone.name(),
        "status": m.status.as_str(),
        "url": meetup_url(&settings.base_url, &row.group.slug, &m.id),
        "venue": row.venue.as_ref().map(|v| json!({
            "name": v.name,
            "address": v.address,
            "city": v.city,
            "latitude": v.latitude,
            "longitude": v.longitude,
        })),
        "online": m.online_url.is_some(),
        "capacity": m.capacity,
    })
}

/// "Ness Pub, Clermont-Ferrand", or "Online" for a meetup without a venue.
fn place(row: &MeetupRow) -> String {
    match &row.venue {
        Some(v) => match &v.city {
            Some(city) => format!("{}, {city}", v.name),
            None => v.name.clone(),
        },
        None => t(row.group.lang(), "webhook-online").to_string(),
    }
}

fn when(row: &MeetupRow, at: NaiveDateTime) -> String {
    long_datetime(row.group.lang(), to_local(at, row.group.tz()))
}

fn meetup_message(settings: &Settings, id: &str, row: &MeetupRow) -> String {
    let m = &row.meetup;
    let url = meetup_url(&settings.base_url, &row.group.slug, &m.id);
    tf(
        row.group.lang(),
        id,
        &[
            ("group", &row.group.name.as_str()),
            ("title", &m.title.as_str()),
            ("when", &when(row, m.starts_at)),
            ("place", &place(row)),
            ("url", &url),
        ],
    )
}

/// `meetup.created`, once per meetup.
pub fn meetup_created(
    conn: &mut DbConn,
    settings: &Settings,
    row: &MeetupRow,
) -> Result<usize, AppError> {
    let message = meetup_message(settings, "webhook-meetup_created", row);
    let body = json!({ "meetup": meetup_json(settings, row) });
    let object = row.meetup.id.to_string();
    queue(
        conn,
        settings,
        &row.group,
        WebhookEvent::MeetupCreated,
        &object,
        body,
        message,
    )
}

/// `meetup.changed`, once per version of the meetup (its last update).
pub fn meetup_changed(
    conn: &mut DbConn,
    settings: &Settings,
    meetup: &Meetup,
) -> Result<usize, AppError> {
    let row = meetups::meetup_row(conn, &meetup.id)?.ok_or(AppError::NotFound)?;
    let message = meetup_message(settings, "webhook-meetup_changed", &row);
    let body = json!({ "meetup": meetup_json(settings, &row) });
    let object = format!(
        "{}:{}",
        meetup.id,
        meetup.updated_at.and_utc().timestamp_micros()
    );
    queue(
        conn,
        settings,
        &row.group,
        WebhookEvent::MeetupChanged,
        &object,
        body,
        message,
    )
}

/// `meetup.cancelled`, once per cancellation (a meetup reinstated and cancelled again is told
/// again: its sequence grew).
pub fn meetup_cancelled(
    conn: &mut DbConn,
    settings: &Settings,
    id: &MeetupId,
) -> Result<usize, AppError> {
    let row = meetups::meetup_row(conn, id)?.ok_or(AppError::NotFound)?;
    if row.meetup.status != MeetupStatus::Cancelled {
        return Ok(0);
    }
    let message = meetup_message(settings, "webhook-meetup_cancelled", &row);
    let body = json!({ "meetup": meetup_json(settings, &row) });
    let object = format!("{}:{}", id, row.meetup.sequence);
    queue(
        conn,
        settings,
        &row.group,
        WebhookEvent::MeetupCancelled,
        &object,
        body,
        message,
    )
}

/// `talk.scheduled`: an accepted talk is in a meetup's programme; once per talk and meetup.
pub fn talk_scheduled(
    conn: &mut DbConn,
    settings: &Settings,
    talk: &Talk,
    meetup: &MeetupId,
) -> Result<usize, AppError> {
    let row = meetups::meetup_row(conn, meetup)?.ok_or(AppError::NotFound)?;
    let url = meetup_url(&settings.base_url, &row.group.slug, &row.meetup.id);
    let message = tf(
        row.group.lang(),
        "webhook-talk_scheduled",
        &[
            ("title", &talk.title.as_str()),
            ("meetup", &row.meetup.title.as_str()),
            ("when", &when(&row, row.meetup.starts_at)),
            ("url", &url),
        ],
    );
    let body = json!({
        "talk": {
            "id": talk.id,
            "title": talk.title,
            "speaker_name": talk.speaker_name,
            "duration_minutes": talk.duration_minutes,
        },
        "meetup": meetup_json(settings, &row),
    });
    let object = format!("{}:{}", talk.id, meetup);
    queue(
        conn,
        settings,
        &row.group,
        WebhookEvent::TalkScheduled,
        &object,
        body,
        message,
    )
}

/// `report.published`, once per report.
pub fn report_published(
    conn: &mut DbConn,
    settings: &Settings,
    report: &Report,
) -> Result<usize, AppError> {
    let row = meetups::meetup_row(conn, &report.meetup_id)?.ok_or(AppError::NotFound)?;
    let url = report_url(&settings.base_url, &row.group.slug, &report.slug);
    let message = tf(
        row.group.lang(),
        "webhook-report_published",
        &[
            ("group", &row.group.name.as_str()),
            ("title", &report.title.as_str()),
            ("url", &url),
        ],
    );
    let body = json!({
        "report": {
            "id": report.id,
            "title": report.title,
            "slug": report.slug,
            "url": url,
            "published_at": report.published_at.map(format_utc),
        },
        "meetup": meetup_json(settings, &row),
    });
    queue(
        conn,
        settings,
        &row.group,
        WebhookEvent::ReportPublished,
        report.id.as_str(),
        body,
        message,
    )
}

/// `poll.opened`, once per poll: the group's members are asked to vote.
pub fn poll_opened(
    conn: &mut DbConn,
    settings: &Settings,
    group: &Group,
    poll: &Poll,
) -> Result<usize, AppError> {
    let url = poll_url(&settings.base_url, &group.slug, &poll.id);
    let message = tf(
        group.lang(),
        "webhook-poll_opened",
        &[
            ("group", &group.name.as_str()),
            ("title", &poll.title.as_str()),
            ("url", &url),
        ],
    );
    let body = json!({
        "poll": {
            "id": poll.id,
            "title": poll.title,
            "description": poll.description,
            "closes_at": poll.closes_at.map(format_utc),
            "url": url,
        },
    });
    queue(
        conn,
        settings,
        group,
        WebhookEvent::PollOpened,
        poll.id.as_str(),
        body,
        message,
    )
}
