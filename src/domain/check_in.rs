//! Check-in at the door: when it is open, the meetup's self check-in code, how a party is
//! counted, and who may come in without an RSVP.

use chrono::{Duration, NaiveDateTime};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::account::{parse_name, Email};
use super::ids::MeetupId;
use super::token::constant_time_eq;
use super::FieldError;

/// Doors open this long before the start: ticking and self check-in begin then.
pub const OPENS_BEFORE: Duration = Duration::hours(2);

/// Wrong codes a member may try for one meetup; then self check-in answers 429 and the door
/// ticks them in. A guess among 32⁶ codes in so few tries is hopeless.
pub const MAX_CODE_FAILURES: i32 = 5;

/// Letters and digits nobody misreads on a screen at the door (no 0/O, 1/I).
const CODE_ALPHABET: &[u8; 32] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const CODE_LENGTH: usize = 6;

/// Whether organisers and helpers may tick people in at `at`: from two hours before the start
/// on (and afterwards, to record who came).
pub fn ticking_open(starts_at: NaiveDateTime, at: NaiveDateTime) -> bool {
    at >= starts_at - OPENS_BEFORE
}

/// Whether members may check themselves in at `at`: from two hours before the start to the end.
pub fn self_check_in_open(
    starts_at: NaiveDateTime,
    ends_at: NaiveDateTime,
    at: NaiveDateTime,
) -> bool {
    ticking_open(starts_at, at) && at <= ends_at
}

/// The meetup's door code: derived from the server's secret, so it needs no storage, is the same
/// on every instance and cannot be guessed from the meetup's id.
pub fn door_code(secret: &str, meetup: &MeetupId) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(format!("check-in:{}", meetup.as_str()).as_bytes());
    mac.finalize().into_bytes()[..CODE_LENGTH]
        .iter()
        .map(|b| char::from(CODE_ALPHABET[usize::from(b % 32)]))
        .collect()
}

/// Whether `typed` is the door code, read as people type it: any case, spaces and dashes ignored.
pub fn code_matches(code: &str, typed: &str) -> bool {
    let typed: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect();
    constant_time_eq(code, &typed)
}

/// How many of a party came, as ticked at the door ("2 of 3 came"): the member and their guests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartyCame {
    pub attended: bool,
    pub guests_came: i32,
}

impl PartyCame {
    /// `came` people of a party of `1 + guests`; 422 `came` beyond the party.
    pub fn parse(came: i64, guests: i32) -> Result<PartyCame, FieldError> {
        if came < 0 || came > i64::from(guests) + 1 {
            return Err(FieldError::new("came", "error-came_invalid"));
        }
        Ok(PartyCame {
            attended: came > 0,
            guests_came: i32::try_from(came).unwrap_or(0).saturating_sub(1).max(0),
        })
    }

    /// The whole party, or nobody: a member's own tick.
    pub fn all_or_none(attended: bool, guests: i32) -> PartyCame {
        PartyCame {
            attended,
            guests_came: if attended { guests } else { 0 },
        }
    }

    pub fn count(self) -> i32 {
        if self.attended {
            1 + self.guests_came
        } else {
            0
        }
    }
}

/// Someone who came without an RSVP: a name, and an address when they give one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkIn {
    pub name: String,
    pub email: Option<Email>,
}

impl WalkIn {
    pub fn parse(name: &str, email: &str) -> Result<WalkIn, Vec<FieldError>> {
        let name = parse_name(name);
        let email = match email.trim() {
            "" => Ok(None),
            text => Email::parse(text).map(Some),
        };
        match (name, email) {
            (Ok(name), Ok(email)) => Ok(WalkIn { name, email }),
            (name, email) => Err(name.err().into_iter().chain(email.err()).collect()),
        }
    }
}

/// How long attendance counts in a member's history: meetups that started longer ago are left
/// out of every count (a query window, so nothing needs purging).
pub const HISTORY_KEPT: Duration = Duration::days(365);
/// A seat given back this close to the start is a late release.
pub const LATE_RELEASE: Duration = Duration::hours(24);

/// One meetup of a member's history, as it stood at its start.
#[derive(Debug, Clone)]
pub struct AttendanceRecord {
    pub starts_at: NaiveDateTime,
    /// Going when the meetup started (answers close at the start).
    pub going: bool,
    pub attended: bool,
    /// Somebody was checked in at this meetup: without check-in, nobody is a no-show.
    pub check_in_used: bool,
    pub first_answered_at: NaiveDateTime,
    pub last_answered_at: NaiveDateTime,
}

/// A member's attendance over [`HISTORY_KEPT`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AttendanceCounts {
    pub going: i64,
    pub attended: i64,
    /// Going at the start of a meetup that used check-in, and not checked in.
    pub no_shows: i64,
    /// Answered "no" in the last 24 hours before the start, after an earlier answer.
    pub late_releases: i64,
}

pub fn tally(records: &[AttendanceRecord]) -> AttendanceCounts {
    let mut counts = AttendanceCounts::default();
    for r in records {
        if r.going {
            counts.going += 1;
            if r.attended {
                counts.attended += 1;
            } else if r.check_in_used {
                counts.no_shows += 1;
            }
        } else if r.last_answered_at > r.first_answered_at
            && r.last_answered_at >= r.starts_at - LATE_RELEASE
            && r.last_answered_at <= r.starts_at
        {
            counts.late_releases += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: u32, m: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2030, 12, 3)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    #[test]
    fn doors_open_two_hours_before_the_start_until_the_end() {
        let (start, end) = (at(19, 0), at(21, 0));
        assert!(!self_check_in_open(start, end, at(16, 59)));
        assert!(self_check_in_open(start, end, at(17, 0)));
        assert!(self_check_in_open(start, end, at(21, 0)));
        assert!(!self_check_in_open(start, end, at(21, 1)));
        assert!(!ticking_open(start, at(16, 0)));
        assert!(
            ticking_open(start, at(23, 0)),
            "organisers record afterwards"
        );
    }

    #[test]
    fn the_code_is_short_stable_and_secret() {
        let code = door_code("secret", &MeetupId::from("m1"));
        assert_eq!(code.len(), 6);
        assert_eq!(code, door_code("secret", &MeetupId::from("m1")));
        assert_ne!(code, door_code("other", &MeetupId::from("m1")));
        assert_ne!(code, door_code("secret", &MeetupId::from("m2")));
        assert!(code.bytes().all(|b| CODE_ALPHABET.contains(&b)));
        let typed = format!(" {}-{} ", &code[..3], &code[3..]).to_lowercase();
        assert!(code_matches(&code, &typed));
        assert!(!code_matches(&code, "AAAAAA"));
        assert!(!code_matches(&code, ""));
    }

    #[test]
    fn a_party_is_counted_member_first() {
        assert_eq!(
            PartyCame::parse(2, 2),
            Ok(PartyCame {
                attended: true,
                guests_came: 1
            })
        );
        assert_eq!(PartyCame::parse(0, 2).map(PartyCame::count), Ok(0));
        assert_eq!(PartyCame::parse(3, 2).map(PartyCame::count), Ok(3));
        assert!(PartyCame::parse(4, 2).is_err());
        assert!(PartyCame::parse(-1, 2).is_err());
        assert_eq!(PartyCame::all_or_none(true, 2).count(), 3);
    }

    #[test]
    fn history_counts_no_shows_only_where_check_in_was_used() {
        let record = |going, attended, used, answered: u32| AttendanceRecord {
            starts_at: at(19, 0),
            going,
            attended,
            check_in_used: used,
            first_answered_at: at(1, 0),
            last_answered_at: at(answered, 0),
        };
        let counts = tally(&[
            record(true, true, true, 1),
            record(true, false, true, 1),
            record(true, false, false, 1),
            record(false, false, true, 18),
            record(false, false, true, 1),
        ]);
        assert_eq!(
            counts,
            AttendanceCounts {
                going: 3,
                attended: 1,
                no_shows: 1,
                late_releases: 1
            }
        );
    }

    #[test]
    fn a_walk_in_needs_a_name_and_may_give_an_address() {
        assert!(WalkIn::parse("Ada", "").unwrap().email.is_none());
        assert!(WalkIn::parse("Ada", "ada@example.org")
            .unwrap()
            .email
            .is_some());
        let faults = WalkIn::parse(" ", "nope").unwrap_err();
        assert_eq!(faults.len(), 2);
    }
}
