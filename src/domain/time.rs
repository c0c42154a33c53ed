//! Instants: stored and returned in UTC, read either with an offset or as local wall time in the
//! group's zone. A local time that does not exist or exists twice is refused, never guessed.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::FieldError;

pub fn parse_timezone(name: &str, field: &'static str) -> Result<Tz, FieldError> {
    name.trim()
        .parse::<Tz>()
        .map_err(|_| FieldError::new(field, "error.timezone_invalid"))
}

const LOCAL_FORMATS: [&str; 4] = [
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
];

/// RFC 3339 with an offset is taken as given; `YYYY-MM-DDTHH:MM` is read in `tz`.
pub fn parse_instant(text: &str, tz: Tz, field: &'static str) -> Result<NaiveDateTime, FieldError> {
    let text = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Ok(whole_seconds(at.with_timezone(&Utc).naive_utc()));
    }
    let local = LOCAL_FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        .ok_or(FieldError::new(field, "error.datetime_invalid"))?;
    match tz.from_local_datetime(&local) {
        chrono::LocalResult::Single(at) => Ok(whole_seconds(at.with_timezone(&Utc).naive_utc())),
        chrono::LocalResult::None => Err(FieldError::new(field, "error.time_nonexistent")),
        chrono::LocalResult::Ambiguous(..) => Err(FieldError::new(field, "error.time_ambiguous")),
    }
}

fn whole_seconds(t: NaiveDateTime) -> NaiveDateTime {
    use chrono::Timelike;
    t.with_nanosecond(0).unwrap_or(t)
}

/// `2026-12-03T18:00:00Z`
pub fn format_utc(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Wall-clock time in `tz` of a UTC instant.
pub fn to_local(t: NaiveDateTime, tz: Tz) -> NaiveDateTime {
    tz.from_utc_datetime(&t).naive_local()
}

/// Value for an `<input type="datetime-local">`.
pub fn local_input_value(t: NaiveDateTime, tz: Tz) -> String {
    to_local(t, tz).format("%Y-%m-%dT%H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paris() -> Tz {
        "Europe/Paris".parse().unwrap()
    }

    #[test]
    fn local_time_is_read_in_group_zone() {
        let t = parse_instant("2026-12-03T19:00", paris(), "starts_at").unwrap();
        assert_eq!(format_utc(t), "2026-12-03T18:00:00Z");
        let summer = parse_instant("2026-07-01T19:00", paris(), "starts_at").unwrap();
        assert_eq!(format_utc(summer), "2026-07-01T17:00:00Z");
        assert_eq!(local_input_value(t, paris()), "2026-12-03T19:00");
    }

    #[test]
    fn offsets_are_taken_as_given() {
        let t = parse_instant("2026-12-03T19:00:00-05:00", paris(), "starts_at").unwrap();
        assert_eq!(format_utc(t), "2026-12-04T00:00:00Z");
        let z = parse_instant("2026-12-03T18:00:00Z", paris(), "starts_at").unwrap();
        assert_eq!(format_utc(z), "2026-12-03T18:00:00Z");
    }

    #[test]
    fn gaps_and_overlaps_are_refused() {
        let gap = parse_instant("2026-03-29T02:30", paris(), "starts_at").unwrap_err();
        assert_eq!(gap, FieldError::new("starts_at", "error.time_nonexistent"));
        let overlap = parse_instant("2026-10-25T02:30", paris(), "starts_at").unwrap_err();
        assert_eq!(
            overlap,
            FieldError::new("starts_at", "error.time_ambiguous")
        );
        assert!(parse_instant("tomorrow", paris(), "ends_at").is_err());
        assert!(parse_instant("2026-13-01T10:00", paris(), "ends_at").is_err());
    }

    #[test]
    fn timezones_are_iana_names() {
        assert!(parse_timezone("Europe/Paris", "timezone").is_ok());
        assert!(parse_timezone("Mars/Olympus", "timezone").is_err());
    }
}
