//! Polls on a meetup's date and place: the answers, the options' limits, and which option wins.

use std::cmp::Ordering;

use chrono::NaiveDateTime;
use chrono_tz::Tz;

use super::group::{parse_long_text, parse_text};
use super::time::parse_instant;
use super::FieldError;

/// A member's answer to one option. Venues take only yes or no.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PollAnswer {
    Yes,
    IfNeedBe,
    No,
}

impl PollAnswer {
    /// `None` for a value this version does not know.
    pub fn parse(text: &str) -> Option<PollAnswer> {
        match text {
            "yes" => Some(PollAnswer::Yes),
            "if_need_be" => Some(PollAnswer::IfNeedBe),
            "no" => Some(PollAnswer::No),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PollAnswer::Yes => "yes",
            PollAnswer::IfNeedBe => "if_need_be",
            PollAnswer::No => "no",
        }
    }

    /// The catalogue key of the answer's name ("Yes", « Si besoin »).
    pub fn label_key(self) -> &'static str {
        match self {
            PollAnswer::Yes => "poll-yes",
            PollAnswer::IfNeedBe => "poll-if_need_be",
            PollAnswer::No => "poll-no",
        }
    }

    pub const ALL: [PollAnswer; 3] = [PollAnswer::Yes, PollAnswer::IfNeedBe, PollAnswer::No];
}

/// What an option offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionKind {
    Date,
    Venue,
}

impl OptionKind {
    pub fn parse(text: &str) -> Option<OptionKind> {
        match text {
            "date" => Some(OptionKind::Date),
            "venue" => Some(OptionKind::Venue),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            OptionKind::Date => "date",
            OptionKind::Venue => "venue",
        }
    }

    /// Whether a member may give `answer` to an option of this kind ("if need be" is for dates).
    pub fn takes(self, answer: PollAnswer) -> bool {
        self == OptionKind::Date || answer != PollAnswer::IfNeedBe
    }
}

pub const MIN_DATES: usize = 2;
pub const MAX_DATES: usize = 20;
pub const MAX_VENUES: usize = 10;
/// How long "yes" voters have the meetup to themselves by default, in hours.
pub const DEFAULT_PRIORITY_HOURS: i64 = 24;
/// The longest priority window, in hours (a week).
pub const MAX_PRIORITY_HOURS: i64 = 168;

/// The field naming the `i`-th date option in errors (`date_options[2]`).
pub const DATE_FIELDS: [&str; MAX_DATES] = [
    "date_options[0]",
    "date_options[1]",
    "date_options[2]",
    "date_options[3]",
    "date_options[4]",
    "date_options[5]",
    "date_options[6]",
    "date_options[7]",
    "date_options[8]",
    "date_options[9]",
    "date_options[10]",
    "date_options[11]",
    "date_options[12]",
    "date_options[13]",
    "date_options[14]",
    "date_options[15]",
    "date_options[16]",
    "date_options[17]",
    "date_options[18]",
    "date_options[19]",
];

/// The field naming the `i`-th venue option in errors (`venue_options[1]`).
pub const VENUE_FIELDS: [&str; MAX_VENUES] = [
    "venue_options[0]",
    "venue_options[1]",
    "venue_options[2]",
    "venue_options[3]",
    "venue_options[4]",
    "venue_options[5]",
    "venue_options[6]",
    "venue_options[7]",
    "venue_options[8]",
    "venue_options[9]",
];

/// What an organiser sends to open a poll.
#[derive(Debug, Default, Clone)]
pub struct PollInput {
    pub title: Option<String>,
    pub description: Option<String>,
    /// Local times in the group's zone (or with an offset).
    pub date_options: Vec<String>,
    /// Ids of the group's venues or of its open venue suggestions.
    pub venue_options: Vec<String>,
    pub closes_at: Option<String>,
    /// An upcoming meetup of the group (say a series occurrence) that closing the poll moves to
    /// the chosen date and venue, instead of making a new one.
    pub target_meetup_id: Option<String>,
}

/// A member's answers: option id → answer, for dates and for venues. Options left out have no
/// answer (a vote replaces the member's whole earlier vote).
#[derive(Debug, Default, Clone)]
pub struct VoteInput {
    pub dates: Vec<(String, String)>,
    pub venues: Vec<(String, String)>,
    /// The group's code of conduct, when it asks newcomers to accept it.
    pub accepts_conduct: bool,
}

/// What an organiser sends to close a poll.
#[derive(Debug, Default, Clone)]
pub struct CloseInput {
    /// The date chosen; the best one when absent.
    pub date_option: Option<String>,
    /// The venue chosen; the best one that anyone said "yes" to when absent.
    pub venue_option: Option<String>,
    pub capacity: Option<i64>,
    /// The meetup's title; the poll's when absent.
    pub title: Option<String>,
    /// How long "yes" voters have the meetup first, in hours (0 to 168, default 24).
    pub priority_hours: Option<i64>,
    /// Seat the "yes" voters of the chosen date at once, first come first served.
    pub auto_rsvp: bool,
}

/// The priority window's length, checked.
pub fn priority_hours(hours: Option<i64>) -> Result<i64, FieldError> {
    match hours.unwrap_or(DEFAULT_PRIORITY_HOURS) {
        h @ 0..=MAX_PRIORITY_HOURS => Ok(h),
        _ => Err(FieldError::new(
            "priority_hours",
            "error-poll_priority_hours",
        )),
    }
}

/// The poll's title and description.
pub fn poll_text(
    title: Option<&str>,
    description: Option<&str>,
) -> Result<(String, String), FieldError> {
    let title = parse_text(
        title.ok_or(FieldError::new("title", "error-required"))?,
        "title",
        200,
    )?;
    let description = parse_long_text(description.unwrap_or(""), "description", 20_000)?;
    Ok((title, description))
}

/// The date options, each a time in the group's zone (or with an offset): 2 to 20 of them, each
/// existing exactly once on its day (a time a clock change skips or repeats is refused, naming
/// that option), none twice.
pub fn date_options(inputs: &[String], tz: Tz) -> Result<Vec<NaiveDateTime>, FieldError> {
    if inputs.len() < MIN_DATES || inputs.len() > MAX_DATES {
        return Err(FieldError::new("date_options", "error-poll_dates_count"));
    }
    let mut dates: Vec<NaiveDateTime> = Vec::with_capacity(inputs.len());
    for (text, field) in inputs.iter().zip(DATE_FIELDS) {
        let at = parse_instant(text, tz, field)?;
        if dates.contains(&at) {
            return Err(FieldError::new(field, "error-poll_option_twice"));
        }
        dates.push(at);
    }
    Ok(dates)
}

/// How many members gave each answer to one option.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub yes: i64,
    pub if_need_be: i64,
    pub no: i64,
}

impl Tally {
    pub fn add(&mut self, answer: PollAnswer) {
        match answer {
            PollAnswer::Yes => self.yes += 1,
            PollAnswer::IfNeedBe => self.if_need_be += 1,
            PollAnswer::No => self.no += 1,
        }
    }
}

/// The better of two options first: the most "yes", then the most "if need be", then the
/// earliest (for dates; for venues, the first offered).
pub fn ranking(a: (Tally, NaiveDateTime), b: (Tally, NaiveDateTime)) -> Ordering {
    b.0.yes
        .cmp(&a.0.yes)
        .then(b.0.if_need_be.cmp(&a.0.if_need_be))
        .then(a.1.cmp(&b.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paris() -> Tz {
        "Europe/Paris".parse().unwrap()
    }

    #[test]
    fn dates_are_counted_and_each_must_exist_once() {
        let one = vec!["2027-01-12T19:00".to_string()];
        assert_eq!(
            date_options(&one, paris()).unwrap_err().field,
            "date_options"
        );
        let gap = vec![
            "2027-01-12T19:00".to_string(),
            "2027-03-28T02:30".to_string(),
        ];
        assert_eq!(
            date_options(&gap, paris()).unwrap_err(),
            FieldError::new("date_options[1]", "error-time_nonexistent")
        );
        let overlap = vec![
            "2027-10-31T02:30".to_string(),
            "2027-01-12T19:00".to_string(),
        ];
        assert_eq!(
            date_options(&overlap, paris()).unwrap_err().field,
            "date_options[0]"
        );
        let twice = vec![
            "2027-01-12T19:00".to_string(),
            "2027-01-12T18:00:00Z".to_string(),
        ];
        assert_eq!(
            date_options(&twice, paris()).unwrap_err().key,
            "error-poll_option_twice"
        );
        let ok = vec![
            "2027-01-12T19:00".to_string(),
            "2027-01-19T19:00".to_string(),
        ];
        assert_eq!(date_options(&ok, paris()).unwrap().len(), 2);
    }

    #[test]
    fn most_yes_wins_then_if_need_be_then_earliest() {
        let t = |yes, if_need_be| Tally {
            yes,
            if_need_be,
            no: 0,
        };
        let early = NaiveDateTime::parse_from_str("2027-01-12 18:00", "%Y-%m-%d %H:%M").unwrap();
        let late = NaiveDateTime::parse_from_str("2027-01-19 18:00", "%Y-%m-%d %H:%M").unwrap();
        assert_eq!(ranking((t(2, 0), late), (t(1, 5), early)), Ordering::Less);
        assert_eq!(
            ranking((t(2, 0), early), (t(2, 1), late)),
            Ordering::Greater
        );
        assert_eq!(ranking((t(2, 1), early), (t(2, 1), late)), Ordering::Less);
    }

    #[test]
    fn venues_take_no_if_need_be() {
        assert!(!OptionKind::Venue.takes(PollAnswer::IfNeedBe));
        assert!(OptionKind::Date.takes(PollAnswer::IfNeedBe));
        for a in PollAnswer::ALL {
            assert_eq!(PollAnswer::parse(a.as_str()), Some(a));
        }
    }
}
