//! Instants: stored and returned in UTC, read either with an offset or as local wall time in the
//! group's zone. A local time that does not exist or exists twice is refused, never guessed.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::FieldError;

pub fn parse_timezone(name: &str, field: &'static str) -> Result<Tz, FieldError> {
    name.trim()
        .parse::<Tz>()
        .map_err(|_| FieldError::new(field, "error-timezone_invalid"))
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
        .ok_or(FieldError::new(field, "error-datetime_invalid"))?;
    match tz.from_local_datetime(&local) {
        chrono::LocalResult::Single(at) => Ok(whole_seconds(at.with_timezone(&Utc).naive_utc())),
        chrono::LocalResult::None => Err(FieldError::new(field, "error-time_nonexistent")),
        chrono::LocalResult::Ambiguous(..) => Err(FieldError::new(field, "error-time_ambiguous")),
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

/// The local day whose digest is due at `at` for a group in `tz` sending at `hour` local time,
/// with the UTC window it covers: the 24 hours (23 or 25 across a clock change) before that
/// day's `hour`. A `hour` falling in a DST gap is taken at the first instant after it.
pub fn digest_window(
    at: NaiveDateTime,
    tz: Tz,
    hour: u32,
) -> (chrono::NaiveDate, NaiveDateTime, NaiveDateTime) {
    let local = to_local(at, tz);
    let boundary = |day: chrono::NaiveDate| {
        let mut wall = day
            .and_hms_opt(hour.min(23), 0, 0)
            .unwrap_or(day.and_time(Default::default()));
        // A gap is at most a few hours long: step forward until the wall time exists.
        for _ in 0..24 {
            if let Some(t) = tz.from_local_datetime(&wall).earliest() {
                return t.with_timezone(&Utc).naive_utc();
            }
            wall += chrono::Duration::minutes(15);
        }
        wall
    };
    let today = local.date();
    let day = if at >= boundary(today) {
        today
    } else {
        today.pred_opt().unwrap_or(today)
    };
    let from = boundary(day.pred_opt().unwrap_or(day));
    (day, from, boundary(day))
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
        assert_eq!(gap, FieldError::new("starts_at", "error-time_nonexistent"));
        let overlap = parse_instant("2026-10-25T02:30", paris(), "starts_at").unwrap_err();
        assert_eq!(
            overlap,
            FieldError::new("starts_at", "error-time_ambiguous")
        );
        assert!(parse_instant("tomorrow", paris(), "ends_at").is_err());
        assert!(parse_instant("2026-13-01T10:00", paris(), "ends_at").is_err());
    }

    #[test]
    fn timezones_are_iana_names() {
        assert!(parse_timezone("Europe/Paris", "timezone").is_ok());
        assert!(parse_timezone("Mars/Olympus", "timezone").is_err());
    }

    #[test]
    fn the_digest_covers_the_day_before_its_hour() {
        let paris: Tz = "Europe/Paris".parse().unwrap();
        let utc = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        // 08:00 in Paris is 07:00 UTC in winter.
        let (day, from, to) = digest_window(utc("2027-01-15 07:30"), paris, 8);
        assert_eq!(day.to_string(), "2027-01-15");
        assert_eq!(
            (from, to),
            (utc("2027-01-14 07:00"), utc("2027-01-15 07:00"))
        );
        let (day, _, to) = digest_window(utc("2027-01-15 06:59"), paris, 8);
        assert_eq!(
            (day.to_string(), to),
            ("2027-01-14".into(), utc("2027-01-14 07:00"))
        );
        // The night the clocks go forward, the window is 23 hours long.
        let (_, from, to) = digest_window(utc("2027-03-28 12:00"), paris, 8);
        assert_eq!(
            (from, to),
            (utc("2027-03-27 07:00"), utc("2027-03-28 06:00"))
        );
        // 02:30 does not exist that night in Paris: the digest goes at 03:00 (01:00 UTC).
        let (_, _, to) = digest_window(utc("2027-03-28 12:00"), paris, 2);
        assert_eq!(to, utc("2027-03-28 01:00"));
    }
}
