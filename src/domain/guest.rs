//! Answering a meetup without an account: how long the mailed link waits, how a guest is named
//! in lists.

use chrono::{Duration, NaiveDateTime};

use super::rsvp::rsvps_close_at;

/// How long an answer waits for its link to be followed, at most.
pub const LINK_HOURS: i64 = 24;

/// How long after a meetup a guest's data is kept (unless they made an account).
pub const KEPT_DAYS: i64 = 30;

/// Until when an answer given at `at` may be confirmed: a day, and never once answers close.
pub fn answer_expiry(
    at: NaiveDateTime,
    starts_at: NaiveDateTime,
    deadline: Option<NaiveDateTime>,
) -> NaiveDateTime {
    (at + Duration::hours(LINK_HOURS)).min(rsvps_close_at(starts_at, deadline))
}

/// How a guest appears in lists: their first name alone ("Ada" for "Ada Lovelace").
pub fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(day: u32, hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, day)
            .and_then(|d| d.and_hms_opt(hour, 0, 0))
            .unwrap_or_default()
    }

    #[test]
    fn a_link_waits_a_day_or_until_answers_close() {
        assert_eq!(answer_expiry(at(1, 10), at(20, 18), None), at(2, 10));
        assert_eq!(answer_expiry(at(1, 10), at(1, 18), None), at(1, 18));
        assert_eq!(
            answer_expiry(at(1, 10), at(3, 18), Some(at(1, 12))),
            at(1, 12)
        );
    }

    #[test]
    fn guests_are_listed_by_first_name() {
        assert_eq!(first_name("Ada Lovelace"), "Ada");
        assert_eq!(first_name("  Grace  Hopper "), "Grace");
        assert_eq!(first_name("Linus"), "Linus");
    }
}
