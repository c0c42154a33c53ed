//! Co-hosting: a meetup of one group offered to another group, whose organisers accept or
//! decline. Only an accepted co-host shares the meetup: its page, feeds and embed list it, its
//! organisers run the door and message attendees, its members answer without joining the
//! meetup's own group (one queue and one capacity: it stays one meetup).

use chrono::NaiveDateTime;

/// Where an invitation to co-host stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CohostStatus {
    Pending,
    Accepted,
    Declined,
}

impl CohostStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CohostStatus::Pending => "pending",
            CohostStatus::Accepted => "accepted",
            CohostStatus::Declined => "declined",
        }
    }

    pub fn parse(text: &str) -> Option<CohostStatus> {
        [
            CohostStatus::Pending,
            CohostStatus::Accepted,
            CohostStatus::Declined,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }
}

/// Why a co-hosting step is refused (409 unless said otherwise).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CohostRefusal {
    /// The meetup's own group cannot co-host it (422 `group_slug`).
    OwnGroup,
    /// The group was already asked, and has not declined.
    AlreadyAsked,
    /// Accepting or declining what is not pending.
    NotPending,
    /// The meetup started, ended or was cancelled: nothing changes any more.
    Over,
}

/// Whether a group may be asked (again): never its own group; a declined invitation may be
/// renewed, a pending or accepted one not.
pub fn may_invite(own_group: bool, current: Option<CohostStatus>) -> Result<(), CohostRefusal> {
    if own_group {
        return Err(CohostRefusal::OwnGroup);
    }
    match current {
        None | Some(CohostStatus::Declined) => Ok(()),
        Some(_) => Err(CohostRefusal::AlreadyAsked),
    }
}

/// The answer of the invited group's organisers to an invitation in `current`.
pub fn answer(current: CohostStatus, accept: bool) -> Result<CohostStatus, CohostRefusal> {
    match current {
        CohostStatus::Pending if accept => Ok(CohostStatus::Accepted),
        CohostStatus::Pending => Ok(CohostStatus::Declined),
        _ => Err(CohostRefusal::NotPending),
    }
}

/// Co-hosting changes only before the meetup starts, and not once it is cancelled.
pub fn still_open(starts_at: NaiveDateTime, cancelled: bool, now: NaiveDateTime) -> bool {
    !cancelled && now < starts_at
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn statuses_round_trip() {
        for s in [
            CohostStatus::Pending,
            CohostStatus::Accepted,
            CohostStatus::Declined,
        ] {
            assert_eq!(CohostStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(CohostStatus::parse("left"), None);
    }

    #[test]
    fn a_group_is_asked_once_unless_it_declined() {
        assert_eq!(may_invite(true, None), Err(CohostRefusal::OwnGroup));
        assert_eq!(may_invite(false, None), Ok(()));
        assert_eq!(
            may_invite(false, Some(CohostStatus::Pending)),
            Err(CohostRefusal::AlreadyAsked)
        );
        assert_eq!(
            may_invite(false, Some(CohostStatus::Accepted)),
            Err(CohostRefusal::AlreadyAsked)
        );
        assert_eq!(may_invite(false, Some(CohostStatus::Declined)), Ok(()));
    }

    #[test]
    fn only_a_pending_invitation_is_answered() {
        assert_eq!(
            answer(CohostStatus::Pending, true),
            Ok(CohostStatus::Accepted)
        );
        assert_eq!(
            answer(CohostStatus::Pending, false),
            Ok(CohostStatus::Declined)
        );
        assert_eq!(
            answer(CohostStatus::Accepted, false),
            Err(CohostRefusal::NotPending)
        );
        assert_eq!(
            answer(CohostStatus::Declined, true),
            Err(CohostRefusal::NotPending)
        );
    }

    #[test]
    fn nothing_changes_once_it_started_or_was_cancelled() {
        let start = chrono::DateTime::from_timestamp(2_000_000_000, 0)
            .unwrap()
            .naive_utc();
        assert!(still_open(start, false, start - Duration::minutes(1)));
        assert!(!still_open(start, false, start));
        assert!(!still_open(start, true, start - Duration::days(1)));
    }
}
