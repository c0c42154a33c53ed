//! The RSVP rules: capacity with guests, a strictly first-in-first-out waitlist, closing times.
//! Pure functions over a snapshot of one meetup's RSVPs; the caller holds the meetup's lock.

use chrono::NaiveDateTime;

use super::ids::UserId;
use super::FieldError;

pub const MAX_GUESTS: i32 = 5;

/// The most seats one answer can free (a party of one plus guests saying no): no answer
/// promotes more parties than this, so a decision needs only this much of the queue's head.
pub const MAX_PROMOTED_BY_ONE_ANSWER: i64 = 1 + MAX_GUESTS as i64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RsvpStatus {
    Going,
    Waitlisted,
    NotGoing,
}

impl RsvpStatus {
    /// `None` for a value this version does not know: never read as some default state.
    pub fn parse(text: &str) -> Option<RsvpStatus> {
        match text {
            "going" => Some(RsvpStatus::Going),
            "waitlisted" => Some(RsvpStatus::Waitlisted),
            "not_going" => Some(RsvpStatus::NotGoing),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            RsvpStatus::Going => "going",
            RsvpStatus::Waitlisted => "waitlisted",
            RsvpStatus::NotGoing => "not_going",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Yes { guests: i32 },
    No,
}

impl Answer {
    pub fn parse(answer: &str, guests: Option<i64>) -> Result<Answer, FieldError> {
        match answer {
            "yes" => {
                let guests = guests.unwrap_or(0);
                if !(0..=i64::from(MAX_GUESTS)).contains(&guests) {
                    return Err(FieldError::new("guests", "error-guests_invalid"));
                }
                Ok(Answer::Yes {
                    guests: guests as i32,
                })
            }
            "no" => Ok(Answer::No),
            _ => Err(FieldError::new("answer", "error-answer_invalid")),
        }
    }
}

/// One member's RSVP as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    pub user_id: UserId,
    pub status: RsvpStatus,
    pub guests: i32,
    /// Place in the waitlist (smaller is earlier); only for waitlisted parties.
    pub waitlist_seq: Option<i64>,
}

impl Party {
    pub fn seats(&self) -> i64 {
        1 + i64::from(self.guests)
    }
}

/// Why an RSVP cannot be taken; each maps to a contract error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RsvpRefusal {
    Closed,
    Cancelled,
    CapacityExceeded,
    /// More seats than the meetup has: such a party would wait forever.
    PartyTooLarge,
}

impl RsvpRefusal {
    pub fn code(self) -> &'static str {
        match self {
            RsvpRefusal::Closed => "rsvp_closed",
            RsvpRefusal::Cancelled => "meetup_cancelled",
            RsvpRefusal::CapacityExceeded => "capacity_exceeded",
            RsvpRefusal::PartyTooLarge => "party_too_large",
        }
    }
}

/// RSVPs close at the deadline, or at the start when that comes first.
pub fn rsvps_close_at(starts_at: NaiveDateTime, deadline: Option<NaiveDateTime>) -> NaiveDateTime {
    deadline.map_or(starts_at, |d| d.min(starts_at))
}

/// RSVPs close at [`rsvps_close_at`]; cancelled meetups take none.
pub fn check_open(
    cancelled: bool,
    starts_at: NaiveDateTime,
    deadline: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> Result<(), RsvpRefusal> {
    if cancelled {
        return Err(RsvpRefusal::Cancelled);
    }
    if now >= rsvps_close_at(starts_at, deadline) {
        return Err(RsvpRefusal::Closed);
    }
    Ok(())
}

/// Whether `answer` only gives seats back: "no", or "yes" with no more guests than the party
/// `current` already has.
pub fn gives_back(current: Option<&Party>, answer: Answer) -> bool {
    match answer {
        Answer::No => true,
        Answer::Yes { guests } => {
            current.is_some_and(|p| p.status != RsvpStatus::NotGoing && p.guests >= guests)
        }
    }
}

/// Whether a member may still give seats back: after the deadline, until the start. The seat
/// then goes to the waitlist, in the hours when no-shows happen.
pub fn release_open(cancelled: bool, starts_at: NaiveDateTime, now: NaiveDateTime) -> bool {
    !cancelled && now < starts_at
}

/// The rules of [`check_open`] for `answer` from a member whose party is `current`: once RSVPs
/// have closed, giving seats back stays open until the start.
pub fn check_answer(
    meetup: (bool, NaiveDateTime, Option<NaiveDateTime>),
    now: NaiveDateTime,
    current: Option<&Party>,
    answer: Answer,
) -> Result<(), RsvpRefusal> {
    let (cancelled, starts_at, deadline) = meetup;
    match check_open(cancelled, starts_at, deadline, now) {
        Err(RsvpRefusal::Closed)
            if release_open(cancelled, starts_at, now) && gives_back(current, answer) =>
        {
            Ok(())
        }
        other => other,
    }
}

/// The meetup's RSVPs at the moment of the decision.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub capacity: Option<i32>,
    pub parties: Vec<Party>,
    /// Seats of going parties not in `parties`: a large meetup is read as a sum, not row by row.
    pub other_going_seats: i64,
    /// Highest waitlist number ever given, including to parties not in `parties`.
    pub max_seq: i64,
}

impl Snapshot {
    pub fn new(capacity: Option<i32>, parties: Vec<Party>) -> Snapshot {
        Snapshot {
            capacity,
            parties,
            other_going_seats: 0,
            max_seq: 0,
        }
    }

    pub fn going_seats(&self) -> i64 {
        self.other_going_seats
            + self
                .parties
                .iter()
                .filter(|p| p.status == RsvpStatus::Going)
                .map(Party::seats)
                .sum::<i64>()
    }

    /// Seats still free; `None` means unlimited.
    pub fn free_seats(&self) -> Option<i64> {
        self.capacity
            .map(|c| (i64::from(c) - self.going_seats()).max(0))
    }

    /// Waitlisted parties, first in line first.
    pub fn queue(&self) -> Vec<&Party> {
        let mut queue: Vec<&Party> = self
            .parties
            .iter()
            .filter(|p| p.status == RsvpStatus::Waitlisted)
            .collect();
        queue.sort_by(|a, b| {
            (a.waitlist_seq.unwrap_or(i64::MAX), &a.user_id)
                .cmp(&(b.waitlist_seq.unwrap_or(i64::MAX), &b.user_id))
        });
        queue
    }

    fn next_seq(&self) -> i64 {
        self.parties
            .iter()
            .filter_map(|p| p.waitlist_seq)
            .max()
            .unwrap_or(0)
            .max(self.max_seq)
            + 1
    }

    /// The member's party, when read.
    pub fn party(&self, user_id: &UserId) -> Option<&Party> {
        self.parties.iter().find(|p| &p.user_id == user_id)
    }

    fn upsert(&mut self, party: Party) {
        match self.parties.iter_mut().find(|p| p.user_id == party.user_id) {
            Some(p) => *p = party,
            None => self.parties.push(party),
        }
    }

    /// 1-based place of a waitlisted member.
    pub fn position(&self, user_id: &UserId) -> Option<usize> {
        self.queue()
            .iter()
            .position(|p| &p.user_id == user_id)
            .map(|i| i + 1)
    }
}

/// What changed: the member's new RSVP (None when nothing changed) and who was promoted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub changed: Option<Party>,
    pub promoted: Vec<Party>,
}

/// A member's RSVP after their answer, and who the freed seats went to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RsvpOutcome {
    pub party: Party,
    /// 1-based place in the queue when waitlisted.
    pub position: Option<usize>,
    /// The answer changed the member's RSVP (a repeated answer changes nothing).
    pub changed: bool,
    pub promoted: Vec<Party>,
    /// Going with a confirmed seat (see `domain::reconfirm`).
    pub confirmed: bool,
}

impl Party {
    /// No RSVP yet: how a member who never answered stands.
    pub fn not_going(user_id: &UserId) -> Party {
        Party {
            user_id: user_id.clone(),
            status: RsvpStatus::NotGoing,
            guests: 0,
            waitlist_seq: None,
        }
    }
}

/// Applies one member's answer. Newcomers never overtake the queue; freed seats go to the head of
/// the queue while its whole party fits, stopping at the first party that does not.
pub fn decide(
    snapshot: &mut Snapshot,
    user_id: &UserId,
    answer: Answer,
) -> Result<Decision, RsvpRefusal> {
    let current = snapshot.party(user_id).cloned();
    if let (Answer::Yes { guests }, Some(capacity)) = (answer, snapshot.capacity) {
        if 1 + i64::from(guests) > i64::from(capacity) {
            return Err(RsvpRefusal::PartyTooLarge);
        }
    }
    let next = match (answer, current.as_ref()) {
        (Answer::No, None) => Party {
            user_id: user_id.clone(),
            status: RsvpStatus::NotGoing,
            guests: 0,
            waitlist_seq: None,
        },
        (Answer::No, Some(p)) if p.status == RsvpStatus::NotGoing => {
            return Ok(Decision {
                changed: None,
                promoted: promote(snapshot),
            });
        }
        (Answer::No, Some(p)) => Party {
            status: RsvpStatus::NotGoing,
            guests: 0,
            waitlist_seq: None,
            ..p.clone()
        },
        (Answer::Yes { guests }, Some(p)) if p.status == RsvpStatus::Going => {
            if guests == p.guests {
                return Ok(Decision {
                    changed: None,
                    promoted: Vec::new(),
                });
            }
            let extra = i64::from(guests - p.guests);
            if snapshot.free_seats().is_some_and(|free| extra > free) {
                return Err(RsvpRefusal::CapacityExceeded);
            }
            Party {
                guests,
                ..p.clone()
            }
        }
        (Answer::Yes { guests }, Some(p)) if p.status == RsvpStatus::Waitlisted => {
            if guests == p.guests {
                return Ok(Decision {
                    changed: None,
                    promoted: Vec::new(),
                });
            }
            // Keeps its place in line with the new party size.
            Party {
                guests,
                ..p.clone()
            }
        }
        (Answer::Yes { guests }, _) => {
            let seats = 1 + i64::from(guests);
            let fits = snapshot.queue().is_empty()
                && snapshot.free_seats().is_none_or(|free| seats <= free);
            if fits {
                Party {
                    user_id: user_id.clone(),
                    status: RsvpStatus::Going,
                    guests,
                    waitlist_seq: None,
                }
            } else {
                Party {
                    user_id: user_id.clone(),
                    status: RsvpStatus::Waitlisted,
                    guests,
                    waitlist_seq: Some(snapshot.next_seq()),
                }
            }
        }
    };
    snapshot.upsert(next.clone());
    let promoted = promote(snapshot);
    let changed = snapshot.party(user_id).cloned().or(Some(next));
    Ok(Decision { changed, promoted })
}

/// How a "yes" with guests would land, for the form to offer only what works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuestRoom {
    /// No seat limit: up to `MAX_GUESTS`.
    Unlimited,
    /// Up to this many guests get a seat now (a going member: more would be refused; anyone
    /// else: a bigger party would wait on the waitlist).
    UpTo(i32),
    /// Full: the whole party joins the waitlist.
    Full,
}

/// `free_seats`: seats nobody holds; `going_guests`: the viewer's guests when already going.
pub fn guest_room(free_seats: Option<i64>, going_guests: Option<i32>) -> GuestRoom {
    let Some(free) = free_seats else {
        return GuestRoom::Unlimited;
    };
    let cap = |n: i64| GuestRoom::UpTo(n.clamp(0, i64::from(MAX_GUESTS)) as i32);
    match going_guests {
        Some(g) => cap(i64::from(g) + free),
        None if free >= 1 => cap(free - 1),
        None => GuestRoom::Full,
    }
}

impl GuestRoom {
    /// The largest guest count to offer.
    pub fn max_offered(self) -> i32 {
        match self {
            GuestRoom::UpTo(n) => n,
            GuestRoom::Unlimited | GuestRoom::Full => MAX_GUESTS,
        }
    }
}

/// Moves parties from the head of the queue to going while they fit.
pub fn promote(snapshot: &mut Snapshot) -> Vec<Party> {
    let mut promoted = Vec::new();
    while let Some(head) = snapshot.queue().first().map(|p| (*p).clone()) {
        if snapshot
            .free_seats()
            .is_some_and(|free| head.seats() > free)
        {
            break;
        }
        let going = Party {
            status: RsvpStatus::Going,
            waitlist_seq: None,
            ..head
        };
        snapshot.upsert(going.clone());
        promoted.push(going);
    }
    promoted
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_form_offers_the_guests_that_fit() {
        assert_eq!(guest_room(None, None), GuestRoom::Unlimited);
        assert_eq!(
            guest_room(Some(3), None),
            GuestRoom::UpTo(2),
            "a seat for oneself"
        );
        assert_eq!(guest_room(Some(20), None).max_offered(), MAX_GUESTS);
        assert_eq!(guest_room(Some(0), None), GuestRoom::Full);
        assert_eq!(
            guest_room(Some(0), Some(1)),
            GuestRoom::UpTo(1),
            "keeps what one has"
        );
        assert_eq!(guest_room(Some(2), Some(1)), GuestRoom::UpTo(3));
    }

    use super::*;

    fn snapshot(capacity: Option<i32>) -> Snapshot {
        Snapshot::new(capacity, Vec::new())
    }

    fn id(user: &str) -> UserId {
        UserId::from(user)
    }

    fn yes(s: &mut Snapshot, user: &str, guests: i32) -> Decision {
        decide(s, &id(user), Answer::Yes { guests }).unwrap()
    }

    fn status(s: &Snapshot, user: &str) -> RsvpStatus {
        s.party(&id(user)).unwrap().status
    }

    #[test]
    fn fills_then_waitlists_in_order() {
        let mut s = snapshot(Some(3));
        yes(&mut s, "a", 1);
        yes(&mut s, "b", 0);
        assert_eq!(s.going_seats(), 3);
        let d = yes(&mut s, "c", 0);
        assert_eq!(d.changed.unwrap().status, RsvpStatus::Waitlisted);
        yes(&mut s, "d", 0);
        assert_eq!(s.position(&id("c")), Some(1));
        assert_eq!(s.position(&id("d")), Some(2));
    }

    #[test]
    fn newcomer_never_overtakes_the_queue() {
        let mut s = snapshot(Some(3));
        yes(&mut s, "a", 1);
        yes(&mut s, "big", 2); // needs 3, only 1 free: waits
        assert_eq!(status(&s, "big"), RsvpStatus::Waitlisted);
        // One seat is free, but someone is waiting: the newcomer queues behind.
        yes(&mut s, "solo", 0);
        assert_eq!(status(&s, "solo"), RsvpStatus::Waitlisted);
        assert_eq!(s.position(&id("solo")), Some(2));
    }

    #[test]
    fn promotion_stops_at_first_party_that_does_not_fit() {
        let mut s = snapshot(Some(4));
        yes(&mut s, "a", 3);
        yes(&mut s, "w1", 1);
        yes(&mut s, "w2", 0);
        let d = decide(&mut s, &id("a"), Answer::Yes { guests: 2 }).unwrap();
        // One seat freed: w1 needs two, so nobody moves, not even w2 who would fit.
        assert!(d.promoted.is_empty());
        assert_eq!(status(&s, "w2"), RsvpStatus::Waitlisted);
        let d = decide(&mut s, &id("a"), Answer::No).unwrap();
        let promoted: Vec<_> = d.promoted.iter().map(|p| p.user_id.as_str()).collect();
        assert_eq!(promoted, ["w1", "w2"]);
        assert_eq!(s.going_seats(), 3);
    }

    #[test]
    fn leaving_the_queue_keeps_others_in_order_without_gaps() {
        let mut s = snapshot(Some(1));
        yes(&mut s, "a", 0);
        for u in ["w1", "w2", "w3"] {
            yes(&mut s, u, 0);
        }
        decide(&mut s, &id("w2"), Answer::No).unwrap();
        assert_eq!(s.position(&id("w1")), Some(1));
        assert_eq!(s.position(&id("w3")), Some(2));
        assert_eq!(s.position(&id("w2")), None);
    }

    #[test]
    fn a_party_larger_than_the_meetup_is_refused_not_queued() {
        let mut s = snapshot(Some(3));
        yes(&mut s, "a", 2);
        assert_eq!(
            decide(&mut s, &id("big"), Answer::Yes { guests: 3 }),
            Err(RsvpRefusal::PartyTooLarge)
        );
        assert!(s.queue().is_empty());
        assert_eq!(
            decide(&mut s, &id("a"), Answer::Yes { guests: 4 }),
            Err(RsvpRefusal::PartyTooLarge)
        );
        assert_eq!(status(&s, "a"), RsvpStatus::Going);
    }

    #[test]
    fn raising_guests_needs_free_seats() {
        let mut s = snapshot(Some(3));
        yes(&mut s, "a", 0);
        yes(&mut s, "b", 0);
        assert_eq!(
            decide(&mut s, &id("a"), Answer::Yes { guests: 2 }),
            Err(RsvpRefusal::CapacityExceeded)
        );
        assert_eq!(s.party(&id("a")).unwrap().guests, 0);
        yes(&mut s, "a", 1);
        assert_eq!(s.going_seats(), 3);
    }

    #[test]
    fn same_answer_twice_changes_nothing_and_unlimited_never_waits() {
        let mut s = snapshot(None);
        for i in 0..50 {
            yes(&mut s, &format!("u{i}"), 5);
        }
        assert!(s.queue().is_empty());
        let d = yes(&mut s, "u1", 5);
        assert_eq!(d.changed, None);
    }

    #[test]
    fn capacity_raise_promotes() {
        let mut s = snapshot(Some(2));
        yes(&mut s, "a", 1);
        yes(&mut s, "w1", 0);
        yes(&mut s, "w2", 1);
        s.capacity = Some(5);
        let promoted = promote(&mut s);
        assert_eq!(promoted.len(), 2);
        assert_eq!(s.going_seats(), 5);
    }

    #[test]
    fn closing_rules() {
        let t = |h| {
            chrono::NaiveDate::from_ymd_opt(2030, 1, 1)
                .unwrap()
                .and_hms_opt(h, 0, 0)
                .unwrap()
        };
        assert_eq!(check_open(false, t(19), None, t(18)), Ok(()));
        assert_eq!(
            check_open(false, t(19), None, t(19)),
            Err(RsvpRefusal::Closed)
        );
        assert_eq!(
            check_open(false, t(19), Some(t(12)), t(13)),
            Err(RsvpRefusal::Closed)
        );
        assert_eq!(
            check_open(true, t(19), None, t(1)),
            Err(RsvpRefusal::Cancelled)
        );
        // After the deadline, until the start: seats may be given back, not taken.
        let going = |guests| Party {
            user_id: id("u"),
            status: RsvpStatus::Going,
            guests,
            waitlist_seq: None,
        };
        let late = (false, t(19), Some(t(12)));
        assert_eq!(
            check_answer(late, t(18), Some(&going(2)), Answer::No),
            Ok(())
        );
        assert_eq!(
            check_answer(late, t(18), Some(&going(2)), Answer::Yes { guests: 1 }),
            Ok(())
        );
        assert_eq!(
            check_answer(late, t(18), Some(&going(1)), Answer::Yes { guests: 2 }),
            Err(RsvpRefusal::Closed)
        );
        assert_eq!(
            check_answer(late, t(18), None, Answer::Yes { guests: 0 }),
            Err(RsvpRefusal::Closed)
        );
        assert_eq!(
            check_answer(late, t(19), Some(&going(0)), Answer::No),
            Err(RsvpRefusal::Closed),
            "not once it has started"
        );
        assert_eq!(
            check_answer(
                (true, t(19), Some(t(12))),
                t(18),
                Some(&going(0)),
                Answer::No
            ),
            Err(RsvpRefusal::Cancelled)
        );
        assert!(Answer::parse("yes", Some(6)).is_err());
        assert!(Answer::parse("maybe", None).is_err());
        assert_eq!(Answer::parse("yes", None), Ok(Answer::Yes { guests: 0 }));
    }
}
