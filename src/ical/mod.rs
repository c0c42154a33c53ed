//! iCalendar (RFC 5545) output built with the `ics` crate. The three things `ics` 0.5 gets wrong
//! are handled here, in one place: TEXT escaping ([`text`]), parameter quoting ([`param`]) and
//! line folding at 75 octets ([`refold`]). VTIMEZONE components are generated from chrono-tz.

pub mod add_links;
pub mod meetups;
mod timezone;

use std::collections::BTreeMap;

use chrono::{NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use ics::components::{Parameter, Property};
use ics::ICalendar;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Publish,
    Request,
    Cancel,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Publish => "PUBLISH",
            Method::Request => "REQUEST",
            Method::Cancel => "CANCEL",
        }
    }
}

pub struct Calendar<'a> {
    pub name: &'a str,
    pub timezone: Tz,
    pub method: Method,
}

#[derive(Debug, Clone)]
pub struct Event {
    pub uid: String,
    pub summary: String,
    pub description: String,
    /// UTC instants; written as wall time in `tz`.
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub tz: Tz,
    pub location: Option<String>,
    pub geo: Option<(f64, f64)>,
    pub url: String,
    pub sequence: i32,
    pub created: NaiveDateTime,
    pub last_modified: NaiveDateTime,
    pub cancelled: bool,
    pub organizer_name: String,
    pub organizer_email: String,
    /// (e-mail, name) of the invitee, for REQUEST/CANCEL mails.
    pub attendee: Option<(String, String)>,
}

/// A TEXT value: control characters dropped, then `\ ; , newline` escaped.
pub fn text(value: &str) -> String {
    let clean: String = value
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect();
    ics::escape_text(clean).into_owned()
}

/// A parameter value, always DQUOTE-quoted (it may hold `: ; ,`); DQUOTE itself cannot appear.
pub fn param(value: &str) -> String {
    let clean: String = value
        .chars()
        .filter(|c| *c != '"' && !c.is_control())
        .collect();
    format!("\"{clean}\"")
}

/// Calendar names: parsers keep the backslash of escapes in X-WR-CALNAME, so leave them out.
fn calendar_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if matches!(c, ',' | ';' | '\\') || c.is_control() {
                ' '
            } else {
                c
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Unfolds `ics`'s output and folds again so no physical line exceeds 75 octets, counting the
/// leading space of continuation lines, never inside a UTF-8 character; lines end with CRLF.
pub fn refold(content: &str) -> String {
    let unfolded = content.replace("\r\n ", "").replace("\r\n\t", "");
    let mut out = String::with_capacity(unfolded.len() + unfolded.len() / 60 * 3);
    for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        let mut rest = line;
        let mut limit = 75;
        loop {
            if rest.len() <= limit {
                out.push_str(rest);
                out.push_str("\r\n");
                break;
            }
            let mut cut = limit;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            out.push_str(&rest[..cut]);
            out.push_str("\r\n ");
            rest = &rest[cut..];
            limit = 74;
        }
    }
    out
}

fn utc_stamp(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

fn local_stamp(t: NaiveDateTime, tz: Tz) -> String {
    tz.from_utc_datetime(&t).format("%Y%m%dT%H%M%S").to_string()
}

fn prop<'a>(key: &'a str, value: String) -> Property<'a> {
    Property::new(key, value)
}

fn event_component(e: &Event, method: Method) -> ics::Event<'_> {
    // DTSTAMP is the event's last change, not the time of the request: an unchanged feed must
    // stay byte-identical so its ETag holds and calendar apps are not told of phantom updates.
    let mut ev = ics::Event::new(e.uid.clone(), utc_stamp(e.last_modified));
    let mut start = prop("DTSTART", local_stamp(e.starts_at, e.tz));
    start.add(Parameter::new("TZID", e.tz.name()));
    ev.push(start);
    let mut end = prop("DTEND", local_stamp(e.ends_at, e.tz));
    end.add(Parameter::new("TZID", e.tz.name()));
    ev.push(end);
    ev.push(prop("SUMMARY", text(&e.summary)));
    if !e.description.is_empty() {
        ev.push(prop("DESCRIPTION", text(&e.description)));
    }
    if let Some(location) = &e.location {
        ev.push(prop("LOCATION", text(location)));
    }
    if let Some((lat, lon)) = e.geo {
        ev.push(prop("GEO", format!("{lat:.6};{lon:.6}")));
    }
    let mut url = prop("URL", e.url.clone());
    url.add(Parameter::new("VALUE", "URI"));
    ev.push(url);
    ev.push(prop("SEQUENCE", e.sequence.to_string()));
    ev.push(prop("CREATED", utc_stamp(e.created)));
    ev.push(prop("LAST-MODIFIED", utc_stamp(e.last_modified)));
    let cancelled = e.cancelled || method == Method::Cancel;
    ev.push(prop(
        "STATUS",
        if cancelled { "CANCELLED" } else { "CONFIRMED" }.into(),
    ));
    ev.push(prop("TRANSP", "OPAQUE".into()));
    let mut organizer = prop("ORGANIZER", format!("mailto:{}", e.organizer_email));
    organizer.add(Parameter::new("CN", param(&e.organizer_name)));
    ev.push(organizer);
    if let Some((email, name)) = &e.attendee {
        let mut attendee = prop("ATTENDEE", format!("mailto:{email}"));
        attendee.add(Parameter::new("CN", param(name)));
        attendee.add(Parameter::new("ROLE", "REQ-PARTICIPANT"));
        attendee.add(Parameter::new(
            "PARTSTAT",
            if cancelled { "DECLINED" } else { "ACCEPTED" },
        ));
        attendee.add(Parameter::new("RSVP", "FALSE"));
        ev.push(attendee);
    }
    ev
}

/// The whole VCALENDAR text: properties, one VTIMEZONE per zone used, the events. `today` only
/// picks the year an empty calendar's VTIMEZONE describes.
pub fn render(calendar: &Calendar, events: &[Event], today: NaiveDateTime) -> String {
    let mut cal = ICalendar::new("2.0", "-//rendezvous//rendezvous//EN");
    let name = calendar_name(calendar.name);
    cal.push(prop("CALSCALE", "GREGORIAN".into()));
    cal.push(prop("METHOD", calendar.method.as_str().into()));
    cal.push(prop("X-WR-CALNAME", name.clone()));
    cal.push(prop("NAME", name));
    cal.push(prop("X-WR-TIMEZONE", calendar.timezone.name().into()));
    let mut refresh = prop("REFRESH-INTERVAL", "PT1H".into());
    refresh.add(Parameter::new("VALUE", "DURATION"));
    cal.push(refresh);
    cal.push(prop("X-PUBLISHED-TTL", "PT1H".into()));

    // Years each zone must describe: those of its events (or of now for an empty calendar).
    let mut zones: BTreeMap<&str, (Tz, i32, i32)> = BTreeMap::new();
    let mut cover = |tz: Tz, t: NaiveDateTime| {
        use chrono::Datelike;
        let year = t.year();
        let entry = zones.entry(tz.name()).or_insert((tz, year, year));
        entry.1 = entry.1.min(year);
        entry.2 = entry.2.max(year);
    };
    if events.is_empty() {
        cover(calendar.timezone, today);
    }
    for e in events {
        cover(e.tz, e.starts_at);
        cover(e.tz, e.ends_at);
    }
    for (tz, first, last) in zones.values() {
        cal.add_component(timezone::vtimezone(*tz, *first, *last));
    }
    for e in events {
        cal.add_event(event_component(e, calendar.method));
    }
    refold(&cal.to_string())
}

/// `webcal://` form of a feed URL, which calendar apps open as a subscription.
pub fn webcal_url(url: &str) -> String {
    match url.split_once("://") {
        Some((_, rest)) => format!("webcal://{rest}"),
        None => url.to_string(),
    }
}

/// Google Calendar's page that subscribes to a feed (`cid` takes its `webcal://` address): how a
/// phone without a calendar app that opens `webcal://` subscribes.
pub fn google_calendar_url(url: &str) -> String {
    let query = serde_urlencoded::to_string([("cid", webcal_url(url))]).unwrap_or_default();
    format!("https://calendar.google.com/calendar/r?{query}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn google_calendar_subscribes_by_the_webcal_address() {
        assert_eq!(
            google_calendar_url("https://example.org/calendar/abc.ics"),
            "https://calendar.google.com/calendar/r?cid=webcal%3A%2F%2Fexample.org%2Fcalendar%2Fabc.ics"
        );
    }
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    fn event(summary: &str, description: &str, start: NaiveDateTime) -> Event {
        Event {
            uid: "abc@rendezvous.test".into(),
            summary: summary.into(),
            description: description.into(),
            starts_at: start,
            ends_at: start + chrono::Duration::hours(2),
            tz: chrono_tz::Europe::Paris,
            location: Some("Ness Pub, 2 rue X; Clermont".into()),
            geo: Some((45.7772, 3.087)),
            url: "https://rendezvous.test/m".into(),
            sequence: 2,
            created: start,
            last_modified: start,
            cancelled: false,
            organizer_name: "Django, Auvergne; \"club\"".into(),
            organizer_email: "noreply@rendezvous.test".into(),
            attendee: None,
        }
    }

    fn unfold(s: &str) -> String {
        s.replace("\r\n ", "")
    }

    #[test]
    fn text_is_escaped_and_params_quoted() {
        assert_eq!(text("a,b;c\\d\ne\r\nf\u{7}"), "a\\,b\\;c\\\\d\\ne\\nf");
        assert_eq!(
            param("Django, Auvergne; \"club\""),
            "\"Django, Auvergne; club\""
        );
        assert_eq!(calendar_name("Rust; Lyon, \\o/"), "Rust Lyon o/");
    }

    #[test]
    fn lines_are_folded_at_75_octets_without_splitting_characters() {
        let long = "Réunion très attendue 🎉 — café, thé; échanges \\ et démos ".repeat(60);
        let cal = Calendar {
            name: "DjangAuvergne",
            timezone: chrono_tz::Europe::Paris,
            method: Method::Publish,
        };
        let out = render(
            &cal,
            &[event(&long, &long, at(2026, 12, 3, 18))],
            at(2026, 11, 24, 10),
        );
        for line in out.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        assert!(out.ends_with("\r\n"));
        assert!(!out.replace("\r\n", "").contains('\n'), "bare LF");
        let unfolded = unfold(&out);
        assert!(unfolded.contains(&format!("SUMMARY:{}", text(&long))));
        assert!(unfolded.contains("ORGANIZER;CN=\"Django, Auvergne; club\":mailto:"));
    }

    #[test]
    fn events_carry_local_times_and_paris_rules() {
        let cal = Calendar {
            name: "G",
            timezone: chrono_tz::Europe::Paris,
            method: Method::Publish,
        };
        let before = event("Before", "", at(2026, 3, 28, 18));
        let after = event("After", "", at(2026, 3, 30, 17));
        let out = unfold(&render(&cal, &[before, after], at(2026, 1, 1, 0)));
        assert!(out.contains("DTSTART;TZID=Europe/Paris:20260328T190000"));
        assert!(out.contains("DTSTART;TZID=Europe/Paris:20260330T190000"));
        assert!(out.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Paris"));
        assert!(
            out.contains(
                "DTSTART:20260329T020000\r\nTZNAME:CEST\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200"
            ),
            "{out}"
        );
        assert!(
            out.contains(
                "DTSTART:20261025T030000\r\nTZNAME:CET\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100"
            ),
            "{out}"
        );
        assert!(out.contains("REFRESH-INTERVAL;VALUE=DURATION:PT1H"));
        assert!(out.contains("GEO:45.777200;3.087000"));
        assert!(out.contains("STATUS:CONFIRMED"));
        assert!(out.contains("SEQUENCE:2"));
    }

    #[test]
    fn cancel_method_marks_events_cancelled() {
        let cal = Calendar {
            name: "G",
            timezone: chrono_tz::Asia::Kolkata,
            method: Method::Cancel,
        };
        let mut e = event("X", "", at(2026, 5, 1, 10));
        e.tz = chrono_tz::Asia::Kolkata;
        e.attendee = Some(("zoe@example.org".into(), "Zoë".into()));
        let out = unfold(&render(&cal, &[e], at(2026, 1, 1, 0)));
        assert!(out.contains("METHOD:CANCEL"));
        assert!(out.contains("STATUS:CANCELLED"));
        assert!(out.contains("ATTENDEE;CN=\"Zoë\";PARTSTAT=DECLINED"));
        assert_eq!(out.matches("BEGIN:STANDARD").count(), 1);
        assert!(!out.contains("BEGIN:DAYLIGHT"));
        assert!(out.contains("TZOFFSETTO:+0530"));
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// Any content folds to physical lines of at most 75 octets and unfolds back unchanged
        /// (content lines start with a property name, never with the space or tab of a fold).
        #[test]
        fn folding_bounds_lines_and_unfolds_back(lines in prop::collection::vec("[^\r\n\t ][^\r\n]{0,300}", 1..6)) {
            let content = lines.join("\r\n");
            let folded = refold(&content);
            for line in folded.split("\r\n") {
                prop_assert!(line.len() <= 75, "{} octets: {:?}", line.len(), line);
            }
            prop_assert_eq!(folded.replace("\r\n ", ""), format!("{content}\r\n"));
        }

        /// Escaped text holds no control character but the escaped newline's letters.
        #[test]
        fn text_values_carry_no_control_characters(value in any::<String>()) {
            let escaped = text(&value);
            prop_assert!(!escaped.chars().any(|c| c.is_control() && c != '\t'), "{:?}", escaped);
        }
    }
}
