//! Meetups as iCalendar events: feeds and the invitations attached to mails.

use chrono_tz::Tz;

use super::{render, Calendar, Event, Method};
use crate::config::Settings;
use crate::db::models::{User, Venue};
use crate::db::repo::meetups::MeetupRow;
use crate::urls::meetup_url;

/// One meetup as an event. `programme` is the accepted talks as plain text, when there are any;
/// `online`: whoever reads this calendar may see the online link (see `domain::privacy`).
pub fn meetup_event(
    settings: &Settings,
    row: &MeetupRow,
    programme: Option<&str>,
    online: bool,
) -> Event {
    let m = &row.meetup;
    let url = meetup_url(&settings.base_url, &row.group.slug, &m.id);
    let mut description = m.description.trim().to_string();
    if let Some(p) = programme.filter(|p| !p.trim().is_empty()) {
        if !description.is_empty() {
            description.push_str("\n\n");
        }
        description.push_str(p.trim());
    }
    if !description.is_empty() {
        description.push_str("\n\n");
    }
    description.push_str(&url);
    Event {
        uid: format!("{}@{}", m.id, settings.host()),
        summary: m.title.clone(),
        description,
        starts_at: m.starts_at,
        ends_at: m.ends_at,
        tz: row.group.tz(),
        location: row
            .venue
            .as_ref()
            .map(Venue::full_address)
            .or_else(|| m.online_url.clone().filter(|_| online)),
        geo: row.venue.as_ref().and_then(|v| v.latitude.zip(v.longitude)),
        url,
        sequence: m.sequence,
        created: m.created_at,
        last_modified: m.updated_at,
        cancelled: m.is_cancelled(),
        organizer_name: row.group.name.clone(),
        organizer_email: organizer_email(settings),
        attendee: None,
    }
}

fn organizer_email(settings: &Settings) -> String {
    let from = &settings.mail_from;
    match (from.find('<'), from.rfind('>')) {
        (Some(a), Some(b)) if a < b => from[a + 1..b].to_string(),
        _ => from.trim().to_string(),
    }
}

/// A feed of many meetups (group or personal calendar).
pub fn feed(name: &str, tz: Tz, events: &[Event]) -> String {
    let calendar = Calendar {
        name,
        timezone: tz,
        method: Method::Publish,
    };
    render(&calendar, events, crate::db::now())
}

/// The meetup as an invitation for one member (`method` REQUEST or CANCEL).
pub fn invitation(
    settings: &Settings,
    row: &MeetupRow,
    method: &str,
    user: &User,
    online: bool,
    entry: Option<&str>,
) -> Option<String> {
    let method = match method {
        "CANCEL" => Method::Cancel,
        _ => Method::Request,
    };
    let mut event = meetup_event(settings, row, None, online);
    if let Some(entry) = entry {
        event.description.push_str("\n\n");
        event.description.push_str(entry);
    }
    event.attendee = Some((user.email.clone(), user.name.clone()));
    let calendar = Calendar {
        name: &row.group.name,
        timezone: row.group.tz(),
        method,
    };
    Some(render(&calendar, &[event], crate::db::now()))
}
