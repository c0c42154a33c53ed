//! A meetup's schedule and its rules: end after start, capacity at least one, deadline before start.

use chrono::{Duration, NaiveDateTime};
use chrono_tz::Tz;

use super::group::{parse_long_text, parse_text, parse_web_url};
use super::ids::VenueId;
use super::privacy::OnlineUrlVisibility;
use super::reconfirm::{build_rules, SeatRules};
use super::time::parse_instant;
use super::{Faults, FieldError};

pub const MAX_CAPACITY: i64 = 100_000;

#[derive(Debug, Clone, PartialEq)]
pub struct MeetupFields {
    pub title: String,
    pub description: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub venue_id: Option<VenueId>,
    pub online_url: Option<String>,
    pub online_url_visibility: OnlineUrlVisibility,
    pub capacity: Option<i32>,
    pub rsvp_deadline: Option<NaiveDateTime>,
    pub seats: SeatRules,
}

impl MeetupFields {
    /// A change of time or place: calendars must be told (`SEQUENCE` goes up).
    pub fn reschedules(&self, before: &MeetupFields) -> bool {
        self.starts_at != before.starts_at
            || self.ends_at != before.ends_at
            || self.venue_id != before.venue_id
    }
}

/// A copy of `source` starting at `starts_at`: everything but the date, with the same length
/// and the RSVP deadline as long before the start.
pub fn duplicate(source: &MeetupFields, starts_at: NaiveDateTime) -> MeetupFields {
    MeetupFields {
        starts_at,
        ends_at: starts_at + (source.ends_at - source.starts_at),
        rsvp_deadline: source
            .rsvp_deadline
            .map(|d| starts_at - (source.starts_at - d)),
        ..source.clone()
    }
}

/// What a client sends to create or change a meetup; absent fields keep their value.
#[derive(Debug, Default)]
pub struct MeetupInput {
    pub title: Option<String>,
    pub description: Option<String>,
    pub starts_at: Option<String>,
    pub ends_at: Option<Option<String>>,
    pub venue_id: Option<Option<String>>,
    pub online_url: Option<Option<String>>,
    /// Who reads the online link: `going` (the default: members going, and organisers) or
    /// `public`.
    pub online_url_visibility: Option<String>,
    /// On creation: tell the group's members at once (the default), or not (announce later).
    pub announce: Option<bool>,
    pub capacity: Option<Option<i64>>,
    pub rsvp_deadline: Option<Option<String>>,
    /// `48h`: ask members going "Still coming?" that long before the start; null: never. On
    /// creation, the group's default when absent.
    pub reconfirm_before: Option<Option<String>>,
    /// `24h`: members who did not confirm by then give their seat to the waitlist; null: never.
    pub auto_release_before: Option<Option<String>>,
    /// On a change: the organiser's short word to those told of it ("ring at 'Bivouac'"),
    /// carried in the change notice and not kept on the meetup (see [`change_note`]).
    pub note: Option<String>,
}

/// The longest note an organiser may add to a change, in characters.
pub const MAX_NOTE: usize = 500;

/// An organiser's note to a change: trimmed, none when empty, refused on `note` when longer
/// than [`MAX_NOTE`].
pub fn change_note(text: Option<&str>) -> Result<Option<String>, FieldError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) if t.chars().count() > MAX_NOTE => {
            Err(FieldError::new("note", "error-text_too_long"))
        }
        t => Ok(t.map(str::to_string)),
    }
}

/// What a client sends to copy a meetup to another date.
#[derive(Debug, Default)]
pub struct DuplicateInput {
    /// The copy's start, local to the group's time zone (`2031-01-07T19:00`) or RFC 3339.
    pub starts_at: Option<String>,
    /// Tell the group's members at once (the default), or not (announce later).
    pub announce: Option<bool>,
}

/// A title (required unless `base` has one) and a description, as meetups and series take
/// them: sent, kept from `base`, or (description only) empty.
pub(crate) fn title_and_description(
    faults: &mut Faults,
    (title, description): (Option<&str>, Option<&str>),
    base: Option<(&str, &str)>,
) -> (Option<String>, Option<String>) {
    let title = faults.take(match (title, base) {
        (Some(t), _) => parse_text(t, "title", 200),
        (None, Some((b, _))) => Ok(b.to_string()),
        (None, None) => Err(FieldError::new("title", "error-required")),
    });
    let description = faults.take(match (description, base) {
        (Some(d), _) => parse_long_text(d, "description", 20_000),
        (None, Some((_, b))) => Ok(b.to_string()),
        (None, None) => Ok(String::new()),
    });
    (title, description)
}

/// Applies `input` to `base` (None when creating) and checks the result as a whole: every
/// field at fault is reported, in the form's order.
pub fn build_meetup(
    base: Option<&MeetupFields>,
    input: &MeetupInput,
    tz: Tz,
) -> Result<MeetupFields, Vec<FieldError>> {
    build_meetup_with(base, input, tz, &SeatRules::default())
}

/// [`build_meetup`], a new meetup taking the group's `defaults` for what `input` leaves out.
pub fn build_meetup_with(
    base: Option<&MeetupFields>,
    input: &MeetupInput,
    tz: Tz,
    defaults: &SeatRules,
) -> Result<MeetupFields, Vec<FieldError>> {
    let mut faults = Faults::default();
    let (title, description) = title_and_description(
        &mut faults,
        (input.title.as_deref(), input.description.as_deref()),
        base.map(|b| (b.title.as_str(), b.description.as_str())),
    );
    let starts_at = faults.take(match (&input.starts_at, base) {
        (Some(s), _) => parse_instant(s, tz, "starts_at"),
        (None, Some(b)) => Ok(b.starts_at),
        (None, None) => Err(FieldError::new("starts_at", "error-required")),
    });
    let ends_at = faults
        .take(match (&input.ends_at, base) {
            (Some(Some(e)), _) if !e.trim().is_empty() => parse_instant(e, tz, "ends_at").map(Some),
            // Moving the start moves the end with it, keeping the duration.
            (None, Some(b)) => Ok(starts_at.map(|s| b.ends_at + (s - b.starts_at))),
            _ => Ok(starts_at.map(|s| s + Duration::hours(2))),
        })
        .flatten();
    let venue_id = match (&input.venue_id, base) {
        (Some(v), _) => v
            .as_deref()
            .filter(|v| !v.trim().is_empty())
            .map(VenueId::from),
        (None, Some(b)) => b.venue_id.clone(),
        (None, None) => None,
    };
    let online_url = faults.take(match (&input.online_url, base) {
        (Some(Some(u)), _) if !u.trim().is_empty() => parse_web_url(u, "online_url").map(Some),
        (Some(_), _) => Ok(None),
        (None, b) => Ok(b.and_then(|b| b.online_url.clone())),
    });
    let online_url_visibility = faults.take(match (&input.online_url_visibility, base) {
        (Some(v), _) => OnlineUrlVisibility::parse(v.trim()).ok_or(FieldError::new(
            "online_url_visibility",
            "error-online_url_visibility_invalid",
        )),
        (None, Some(b)) => Ok(b.online_url_visibility),
        (None, None) => Ok(OnlineUrlVisibility::default()),
    });
    let capacity = faults.take(match (&input.capacity, base) {
        (Some(Some(c)), _) if (1..=MAX_CAPACITY).contains(c) => Ok(Some(*c as i32)),
        (Some(Some(_)), _) => Err(FieldError::new("capacity", "error-capacity_invalid")),
        (Some(None), _) => Ok(None),
        (None, b) => Ok(b.and_then(|b| b.capacity)),
    });
    let rsvp_deadline = faults.take(match (&input.rsvp_deadline, base) {
        (Some(Some(d)), _) if !d.trim().is_empty() => {
            parse_instant(d, tz, "rsvp_deadline").map(Some)
        }
        (Some(_), _) => Ok(None),
        (None, b) => Ok(b.and_then(|b| b.rsvp_deadline)),
    });
    let seats = build_rules(
        &mut faults,
        (
            input.reconfirm_before.as_ref().map(Option::as_deref),
            input.auto_release_before.as_ref().map(Option::as_deref),
        ),
        base.map_or(defaults, |b| &b.seats),
    );
    if let (Some(start), Some(end)) = (starts_at, ends_at) {
        if end <= start {
            faults.push(FieldError::new("ends_at", "error-ends_before_start"));
        }
        if rsvp_deadline.flatten().is_some_and(|d| d > start) {
            faults.push(FieldError::new(
                "rsvp_deadline",
                "error-deadline_after_start",
            ));
        }
    }
    let fields = (|| {
        Some(MeetupFields {
            title: title?,
            description: description?,
            starts_at: starts_at?,
            ends_at: ends_at?,
            venue_id,
            online_url: online_url?,
            online_url_visibility: online_url_visibility?,
            capacity: capacity?,
            rsvp_deadline: rsvp_deadline?,
            seats: seats?,
        })
    })();
    faults.finish(fields)
}

/// Why a change to a meetup is refused as a whole (a conflict, not a bad field).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetupRefusal {
    CapacityBelowGoing,
}

impl MeetupRefusal {
    pub fn code(self) -> &'static str {
        match self {
            MeetupRefusal::CapacityBelowGoing => "capacity_below_going",
        }
    }
}

/// A capacity may not drop below the seats already taken (nobody going loses a seat).
pub fn check_capacity(capacity: Option<i32>, seats_taken: i64) -> Result<(), MeetupRefusal> {
    match capacity {
        Some(c) if i64::from(c) < seats_taken => Err(MeetupRefusal::CapacityBelowGoing),
        _ => Ok(()),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetupStatus {
    Scheduled,
    Cancelled,
}

impl MeetupStatus {
    pub fn parse(text: &str) -> Option<MeetupStatus> {
        match text {
            "scheduled" => Some(MeetupStatus::Scheduled),
            "cancelled" => Some(MeetupStatus::Cancelled),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            MeetupStatus::Scheduled => "scheduled",
            MeetupStatus::Cancelled => "cancelled",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_duplicate_keeps_length_and_deadline_before_the_start() {
        let at = |d: u32, h: u32| {
            chrono::NaiveDate::from_ymd_opt(2030, 12, d)
                .unwrap()
                .and_hms_opt(h, 0, 0)
                .unwrap()
        };
        let source = MeetupFields {
            title: "Apéro".into(),
            description: String::new(),
            starts_at: at(3, 18),
            ends_at: at(3, 21),
            venue_id: Some("v".into()),
            online_url: None,
            online_url_visibility: OnlineUrlVisibility::default(),
            capacity: Some(20),
            rsvp_deadline: Some(at(2, 18)),
            seats: Default::default(),
        };
        let copy = duplicate(&source, at(10, 18));
        assert_eq!(
            (copy.ends_at, copy.rsvp_deadline),
            (at(10, 21), Some(at(9, 18)))
        );
        assert_eq!(
            (copy.title, copy.venue_id, copy.capacity),
            (source.title, source.venue_id, source.capacity)
        );
    }

    #[test]
    fn capacity_holds_the_seats_taken() {
        assert_eq!(check_capacity(Some(10), 10), Ok(()));
        assert_eq!(check_capacity(None, 500), Ok(()));
        assert_eq!(
            check_capacity(Some(9), 10),
            Err(MeetupRefusal::CapacityBelowGoing)
        );
    }

    #[test]
    fn statuses_parse_only_known_values() {
        assert_eq!(
            MeetupStatus::parse("cancelled"),
            Some(MeetupStatus::Cancelled)
        );
        assert_eq!(MeetupStatus::parse("Cancelled"), None);
    }
    use crate::domain::time::format_utc;

    fn paris() -> Tz {
        "Europe/Paris".parse().unwrap()
    }

    fn input(starts: &str) -> MeetupInput {
        MeetupInput {
            title: Some("Meetup".into()),
            starts_at: Some(starts.into()),
            ..Default::default()
        }
    }

    #[test]
    fn a_change_note_is_trimmed_and_bounded() {
        assert_eq!(change_note(None), Ok(None));
        assert_eq!(change_note(Some("  ")), Ok(None));
        assert_eq!(
            change_note(Some(" Sonnez à « Bivouac » ")),
            Ok(Some("Sonnez à « Bivouac »".into()))
        );
        let long = "é".repeat(MAX_NOTE + 1);
        assert_eq!(change_note(Some(&long)).unwrap_err().field, "note");
        assert!(change_note(Some(&long[..MAX_NOTE * 2])).is_ok());
    }

    #[test]
    fn defaults_to_two_hours() {
        let m = build_meetup(None, &input("2026-12-03T19:00"), paris()).unwrap();
        assert_eq!(format_utc(m.starts_at), "2026-12-03T18:00:00Z");
        assert_eq!(format_utc(m.ends_at), "2026-12-03T20:00:00Z");
    }

    #[test]
    fn rules_name_their_field() {
        let mut i = input("2026-12-03T19:00");
        i.ends_at = Some(Some("2026-12-03T18:00".into()));
        assert_eq!(
            build_meetup(None, &i, paris()).unwrap_err()[0].field,
            "ends_at"
        );
        let mut i = input("2026-12-03T19:00");
        i.capacity = Some(Some(0));
        assert_eq!(
            build_meetup(None, &i, paris()).unwrap_err()[0].field,
            "capacity"
        );
        let mut i = input("2026-12-03T19:00");
        i.rsvp_deadline = Some(Some("2026-12-03T19:30".into()));
        assert_eq!(
            build_meetup(None, &i, paris()).unwrap_err()[0].field,
            "rsvp_deadline"
        );
        let mut i = input("2026-12-03T19:00");
        i.title = Some("  ".into());
        assert_eq!(
            build_meetup(None, &i, paris()).unwrap_err()[0].field,
            "title"
        );
        let all_wrong = MeetupInput {
            title: Some(" ".into()),
            starts_at: Some("demain".into()),
            capacity: Some(Some(0)),
            online_url: Some(Some("javascript:alert(1)".into())),
            ..Default::default()
        };
        let fields: Vec<_> = build_meetup(None, &all_wrong, paris())
            .unwrap_err()
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            ["title", "starts_at", "online_url", "capacity"],
            "every fault at once"
        );
    }

    #[test]
    fn moving_the_start_keeps_the_duration_and_counts_as_reschedule() {
        let base = build_meetup(None, &input("2026-12-03T19:00"), paris()).unwrap();
        let moved = build_meetup(
            Some(&base),
            &MeetupInput {
                starts_at: Some("2026-12-10T19:00".into()),
                ..Default::default()
            },
            paris(),
        )
        .unwrap();
        assert_eq!(format_utc(moved.ends_at), "2026-12-10T20:00:00Z");
        assert!(moved.reschedules(&base));
        let retitled = build_meetup(
            Some(&base),
            &MeetupInput {
                title: Some("New".into()),
                ..Default::default()
            },
            paris(),
        )
        .unwrap();
        assert!(!retitled.reschedules(&base));
        let cleared = build_meetup(
            Some(&MeetupFields {
                capacity: Some(5),
                ..base.clone()
            }),
            &MeetupInput {
                capacity: Some(None),
                ..Default::default()
            },
            paris(),
        )
        .unwrap();
        assert_eq!(cleared.capacity, None);
    }
}
