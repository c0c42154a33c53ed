//! The show-rate page's figures: per meetup, who was going at the start, who came, who was
//! new, and how the waitlist moved. Counts only: nobody is named.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::ids::UserId;
use super::rsvp::RsvpStatus;
use super::FieldError;

/// Without `from`, the page covers this much before `to`.
pub const DEFAULT_SPAN: Duration = Duration::days(365);

/// The local days whose meetups are counted, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatsRange {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl StatsRange {
    /// `from` and `to` as `YYYY-MM-DD` (empty for the default): by default the twelve months
    /// up to `today`. 422 on the field that is no date, or on `from` after `to`.
    pub fn parse(from: &str, to: &str, today: NaiveDate) -> Result<StatsRange, FieldError> {
        let day = |text: &str, field| {
            NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
                .map_err(|_| FieldError::new(field, "error-date_invalid"))
        };
        let to = match to.trim() {
            "" => today,
            text => day(text, "to")?,
        };
        let from = match from.trim() {
            "" => to - DEFAULT_SPAN,
            text => day(text, "from")?,
        };
        if from > to {
            return Err(FieldError::new("from", "error-range_invalid"));
        }
        Ok(StatsRange { from, to })
    }

    /// The UTC instants `[from 00:00, the day after to 00:00)` in `tz`.
    pub fn bounds(&self, tz: Tz) -> (NaiveDateTime, NaiveDateTime) {
        let start = |day: NaiveDate| {
            let midnight = day.and_time(Default::default());
            tz.from_local_datetime(&midnight)
                .earliest()
                .map_or(midnight, |t| t.with_timezone(&Utc).naive_utc())
        };
        (start(self.from), start(self.to + Duration::days(1)))
    }
}

/// One answer to a meetup as it stood at the start (answers close then).
#[derive(Debug, Clone)]
pub struct AnswerAtStart {
    pub user_id: UserId,
    pub status: RsvpStatus,
    pub guests: i32,
    pub attended: bool,
    pub guests_came: i32,
}

/// One meetup's figures.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct MeetupFigures {
    /// Seats taken at the start: members going and their guests.
    pub going: i64,
    /// Of those, people checked in at the door.
    pub checked_in: i64,
    /// `checked_in / going`, when the meetup used check-in (nobody ticked: unknown).
    pub show_rate: Option<f64>,
    /// Members going who were going to none of the group's earlier meetups.
    pub first_timers: i64,
    /// Members going who were going to an earlier one.
    pub returning: i64,
    /// Seats still waiting at the start: waitlisted members and their guests.
    pub waitlist: i64,
    /// Members who gave their seat back (the automatic release included).
    pub released: i64,
    /// Waitlisted members who got a seat.
    pub promoted: i64,
}

/// The figures of a meetup that starts at `starts_at`, from its answers, the start of the first
/// meetup each member was going to, and the seats released and promoted there.
pub fn figures(
    starts_at: NaiveDateTime,
    answers: &[AnswerAtStart],
    first_going: &HashMap<UserId, NaiveDateTime>,
    (released, promoted): (i64, i64),
) -> MeetupFigures {
    let mut f = MeetupFigures {
        released,
        promoted,
        ..MeetupFigures::default()
    };
    for a in answers {
        let seats = 1 + i64::from(a.guests.max(0));
        match a.status {
            RsvpStatus::Going => {
                f.going += seats;
                if a.attended {
                    f.checked_in += 1 + i64::from(a.guests_came.clamp(0, a.guests.max(0)));
                }
                if first_going.get(&a.user_id).is_some_and(|t| *t < starts_at) {
                    f.returning += 1;
                } else {
                    f.first_timers += 1;
                }
            }
            RsvpStatus::Waitlisted => f.waitlist += seats,
            RsvpStatus::NotGoing => {}
        }
    }
    if f.checked_in > 0 && f.going > 0 {
        f.show_rate = Some(f.checked_in as f64 / f.going as f64);
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn answer(user: &str, status: RsvpStatus, guests: i32, came: Option<i32>) -> AnswerAtStart {
        AnswerAtStart {
            user_id: UserId::from(user),
            status,
            guests,
            attended: came.is_some(),
            guests_came: came.unwrap_or(0),
        }
    }

    #[test]
    fn counts_seats_people_who_came_and_newcomers() {
        let start = at("2030-01-10 19:00");
        let answers = [
            answer("a", RsvpStatus::Going, 2, Some(1)),
            answer("b", RsvpStatus::Going, 0, None),
            answer("c", RsvpStatus::Waitlisted, 1, None),
            answer("d", RsvpStatus::NotGoing, 0, None),
        ];
        let first: HashMap<UserId, NaiveDateTime> = [
            (UserId::from("a"), at("2029-12-10 19:00")),
            (UserId::from("b"), start),
        ]
        .into();
        let f = figures(start, &answers, &first, (1, 2));
        assert_eq!(
            (
                f.going,
                f.checked_in,
                f.first_timers,
                f.returning,
                f.waitlist
            ),
            (4, 2, 1, 1, 2)
        );
        assert_eq!((f.released, f.promoted), (1, 2));
        assert_eq!(f.show_rate, Some(0.5));
    }

    #[test]
    fn no_show_rate_without_check_in() {
        let answers = [answer("a", RsvpStatus::Going, 0, None)];
        let f = figures(at("2030-01-10 19:00"), &answers, &HashMap::new(), (0, 0));
        assert_eq!((f.going, f.show_rate, f.first_timers), (1, None, 1));
    }

    #[test]
    fn a_range_defaults_to_a_year_and_refuses_backwards() {
        let today = NaiveDate::from_ymd_opt(2030, 6, 1).unwrap();
        let r = StatsRange::parse("", "", today).unwrap();
        assert_eq!((r.from, r.to), (today - DEFAULT_SPAN, today));
        assert_eq!(
            StatsRange::parse("2030-07-01", "2030-06-01", today)
                .unwrap_err()
                .field,
            "from"
        );
        assert_eq!(
            StatsRange::parse("", "June", today).unwrap_err().field,
            "to"
        );
        let r = StatsRange::parse("2030-06-01", "2030-06-01", today).unwrap();
        let (from, to) = r.bounds(chrono_tz::Europe::Paris);
        assert_eq!((from, to), (at("2030-05-31 22:00"), at("2030-06-01 22:00")));
    }
}
