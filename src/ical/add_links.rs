//! "Add to Google Calendar" and "Add to Outlook.com" links: the web calendars' own URL forms
//! for a new event, filled in from the meetup (times in UTC, so no zone can be misread).

use chrono::NaiveDateTime;

/// What the event says; `details` usually carries the meetup's page.
pub struct NewEvent<'a> {
    pub title: &'a str,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub details: &'a str,
    pub location: &'a str,
}

fn query(pairs: &[(&str, &str)]) -> String {
    serde_urlencoded::to_string(pairs).unwrap_or_default()
}

pub fn google_calendar_url(e: &NewEvent) -> String {
    let stamp = |t: NaiveDateTime| t.format("%Y%m%dT%H%M%SZ").to_string();
    let dates = format!("{}/{}", stamp(e.starts_at), stamp(e.ends_at));
    let q = query(&[
        ("action", "TEMPLATE"),
        ("text", e.title),
        ("dates", &dates),
        ("details", e.details),
        ("location", e.location),
    ]);
    format!("https://calendar.google.com/calendar/render?{q}")
}

pub fn outlook_url(e: &NewEvent) -> String {
    let stamp = |t: NaiveDateTime| t.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let q = query(&[
        ("path", "/calendar/action/compose"),
        ("rru", "addevent"),
        ("subject", e.title),
        ("startdt", &stamp(e.starts_at)),
        ("enddt", &stamp(e.ends_at)),
        ("body", e.details),
        ("location", e.location),
    ]);
    format!("https://outlook.live.com/calendar/0/deeplink/compose?{q}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_carry_utc_times_and_escaped_text() {
        let at = |h| {
            chrono::NaiveDate::from_ymd_opt(2030, 12, 3)
                .unwrap()
                .and_hms_opt(h, 0, 0)
                .unwrap()
        };
        let e = NewEvent {
            title: "Apéro & talks",
            starts_at: at(18),
            ends_at: at(20),
            details: "https://example.org/m",
            location: "Ness Pub, Clermont",
        };
        let google = google_calendar_url(&e);
        assert!(
            google.contains("dates=20301203T180000Z%2F20301203T200000Z"),
            "{google}"
        );
        assert!(google.contains("text=Ap%C3%A9ro+%26+talks"), "{google}");
        let outlook = outlook_url(&e);
        assert!(
            outlook.contains("startdt=2030-12-03T18%3A00%3A00Z"),
            "{outlook}"
        );
        assert!(
            outlook.contains("location=Ness+Pub%2C+Clermont"),
            "{outlook}"
        );
    }
}
