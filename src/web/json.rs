//! JSON shapes of the API contract.

use serde_json::{json, Value};

use crate::db::models::{Group, Venue};
use crate::db::repo::meetups::MeetupRow;
use crate::domain::time::format_utc;
use crate::urls::{group_calendar_url, group_url, meetup_calendar_url, meetup_url};

pub fn group_json(group: &Group, members_count: i64, base_url: &str) -> Value {
    json!({
        "id": group.id,
        "slug": group.slug,
        "name": group.name,
        "description": group.description,
        "timezone": group.timezone,
        "locale": group.locale,
        "links": group.link_list(),
        "members_count": members_count,
        "url": group_url(base_url, &group.slug),
        "ics_url": group_calendar_url(base_url, &group.slug),
    })
}

pub fn venue_json(venue: &Venue) -> Value {
    json!({
        "id": venue.id,
        "name": venue.name,
        "address": venue.address,
        "city": venue.city,
        "latitude": venue.latitude,
        "longitude": venue.longitude,
        "url": venue.url,
    })
}

pub fn meetup_json(row: &MeetupRow, base_url: &str) -> Value {
    let m = &row.meetup;
    json!({
        "id": m.id,
        "group_slug": row.group.slug,
        "title": m.title,
        "description": m.description,
        "starts_at": format_utc(m.starts_at),
        "ends_at": format_utc(m.ends_at),
        "timezone": row.group.timezone,
        "venue": row.venue.as_ref().map(venue_json),
        "online_url": m.online_url,
        "capacity": m.capacity,
        "rsvp_deadline": m.rsvp_deadline.map(format_utc),
        "going_count": row.counts.going_seats,
        "waitlist_count": row.counts.waitlisted,
        "status": m.status.as_str(),
        "sequence": m.sequence,
        "url": meetup_url(base_url, &row.group.slug, &m.id),
        "ics_url": meetup_calendar_url(base_url, &m.id),
    })
}
