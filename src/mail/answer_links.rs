//! Signed one-click answers (`/r/{token}`): a mail's "I'm going", "Release my seat", "Yes, I'm
//! coming" or "Fewer guests" works without signing in, for that member, that meetup and that
//! answer only: "going" until RSVPs close, the others until the meetup starts (a seat given back
//! in the last hours goes to the waitlist).

use chrono::{DateTime, Duration, NaiveDateTime};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::db::models::{Meetup, Poll};
use crate::domain::ids::{MeetupId, PollOptionId, UserId};
use crate::domain::poll::PollAnswer;
use crate::domain::rsvp::rsvps_close_at;
use crate::domain::token::{constant_time_eq, to_hex};

/// What a link does when confirmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkAction {
    /// Going (or the waitlist).
    Going,
    /// Not coming: gives the seat back, or leaves the waitlist.
    Release,
    /// "Still coming?" answered yes: the seat is confirmed.
    Confirm,
    /// Fewer guests (chosen on the page), the seat confirmed.
    FewerGuests,
}

impl LinkAction {
    fn letter(self) -> &'static str {
        match self {
            LinkAction::Going => "y",
            LinkAction::Release => "n",
            LinkAction::Confirm => "c",
            LinkAction::FewerGuests => "f",
        }
    }

    fn parse(letter: &str) -> Option<LinkAction> {
        [
            LinkAction::Going,
            LinkAction::Release,
            LinkAction::Confirm,
            LinkAction::FewerGuests,
        ]
        .into_iter()
        .find(|a| a.letter() == letter)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerLink {
    pub meetup_id: MeetupId,
    pub user_id: UserId,
    pub action: LinkAction,
    /// UTC; see [`link_expiry`].
    pub expires: NaiveDateTime,
}

/// Until when a link doing `action` to `meetup` works: "going" until RSVPs close, the rest
/// (which give seats back or keep them) until the start.
pub fn link_expiry(meetup: &Meetup, action: LinkAction) -> NaiveDateTime {
    match action {
        LinkAction::Going => rsvps_close_at(meetup.starts_at, meetup.rsvp_deadline),
        _ => meetup.starts_at,
    }
}

impl AnswerLink {
    /// The link doing `action` for `user_id` at `meetup`, signed, as a full URL.
    pub fn url(
        meetup: &Meetup,
        user_id: &UserId,
        action: LinkAction,
        settings: &crate::config::Settings,
    ) -> String {
        let link = AnswerLink {
            meetup_id: meetup.id.clone(),
            user_id: user_id.clone(),
            action,
            expires: link_expiry(meetup, action),
        };
        crate::urls::answer_link_url(&settings.base_url, &link.sign(&settings.secret_key))
    }
}

impl AnswerLink {
    fn payload(&self) -> String {
        format!(
            "{}.{}.{}.{}",
            self.meetup_id,
            self.user_id,
            self.action.letter(),
            self.expires.and_utc().timestamp()
        )
    }

    /// The token for a link; only this server's `secret` makes one that verifies.
    pub fn sign(&self, secret: &str) -> String {
        let payload = self.payload();
        format!("{payload}.{}", signature(secret, &payload))
    }

    /// The link a token stands for, when it was signed with `secret` (whatever its date).
    pub fn verify(secret: &str, token: &str) -> Option<AnswerLink> {
        let (payload, sig) = token.rsplit_once('.')?;
        if !constant_time_eq(&signature(secret, payload), sig) {
            return None;
        }
        let mut parts = payload.split('.');
        let (meetup, user, answer, expires) =
            (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        Some(AnswerLink {
            meetup_id: MeetupId::from(meetup),
            user_id: UserId::from(user),
            action: LinkAction::parse(answer)?,
            expires: DateTime::from_timestamp(expires.parse().ok()?, 0)?.naive_utc(),
        })
    }
}

/// A one-click answer to one date of a poll (`/poll-answer/{token}`), mailed with its
/// announcement: that member, that date option, that answer, until [`poll_link_expiry`]. It
/// sets that one answer and keeps the member's others; it dies with the account, with the
/// membership (a member who left or was removed), and answers "closed" once the poll is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PollLink {
    pub option_id: PollOptionId,
    pub user_id: UserId,
    pub answer: PollAnswer,
    /// UTC; see [`poll_link_expiry`].
    pub expires: NaiveDateTime,
}

/// How long a poll's one-click answers work after the poll was meant to close (or after the
/// mail, for a poll that names no end): a poll closes by an organiser's hand, so links outlive
/// its planned end a while, and the poll's close ends them first.
pub const POLL_LINK_DAYS: i64 = 90;

/// Until when a poll link mailed at `sent` works.
pub fn poll_link_expiry(poll: &Poll, sent: NaiveDateTime) -> NaiveDateTime {
    poll.closes_at.unwrap_or(sent).max(sent) + Duration::days(POLL_LINK_DAYS)
}

fn answer_letter(answer: PollAnswer) -> &'static str {
    match answer {
        PollAnswer::Yes => "y",
        PollAnswer::IfNeedBe => "m",
        PollAnswer::No => "n",
    }
}

impl PollLink {
    /// The link giving `answer` to the date `option` of `poll` for `user_id`, signed, as a full
    /// URL.
    pub fn url(
        poll: &Poll,
        option: &PollOptionId,
        user_id: &UserId,
        answer: PollAnswer,
        settings: &crate::config::Settings,
    ) -> String {
        let link = PollLink {
            option_id: option.clone(),
            user_id: user_id.clone(),
            answer,
            expires: poll_link_expiry(poll, crate::db::now()),
        };
        crate::urls::poll_answer_url(&settings.base_url, &link.sign(&settings.secret_key))
    }

    fn payload(&self) -> String {
        format!(
            "{}.{}.{}.{}",
            self.option_id,
            self.user_id,
            answer_letter(self.answer),
            self.expires.and_utc().timestamp()
        )
    }

    /// The token for a link; only this server's `secret` makes one that verifies (and never
    /// one an RSVP link's signature would pass for).
    pub fn sign(&self, secret: &str) -> String {
        let payload = self.payload();
        format!("{payload}.{}", poll_signature(secret, &payload))
    }

    /// The link a token stands for, when it was signed with `secret` (whatever its date).
    pub fn verify(secret: &str, token: &str) -> Option<PollLink> {
        let (payload, sig) = token.rsplit_once('.')?;
        if !constant_time_eq(&poll_signature(secret, payload), sig) {
            return None;
        }
        let mut parts = payload.split('.');
        let (option, user, answer, expires) =
            (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        Some(PollLink {
            option_id: PollOptionId::from(option),
            user_id: UserId::from(user),
            answer: PollAnswer::ALL
                .into_iter()
                .find(|a| answer_letter(*a) == answer)?,
            expires: DateTime::from_timestamp(expires.parse().ok()?, 0)?.naive_utc(),
        })
    }
}

fn poll_signature(secret: &str, payload: &str) -> String {
    signature(secret, &format!("poll:{payload}"))
}

fn signature(secret: &str, payload: &str) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(format!("answer:{payload}").as_bytes());
    to_hex(&mac.finalize().into_bytes()[..16])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link() -> AnswerLink {
        AnswerLink {
            meetup_id: MeetupId::random(),
            user_id: UserId::random(),
            action: LinkAction::Going,
            expires: DateTime::from_timestamp(1_900_000_000, 0)
                .unwrap()
                .naive_utc(),
        }
    }

    #[test]
    fn a_link_verifies_with_its_secret_only_and_unchanged() {
        let link = link();
        let token = link.sign("secret");
        assert_eq!(AnswerLink::verify("secret", &token), Some(link.clone()));
        assert_eq!(AnswerLink::verify("other", &token), None);
        for other in [".n.", ".c.", ".f."] {
            let tampered = token.replacen(".y.", other, 1);
            assert_eq!(AnswerLink::verify("secret", &tampered), None);
        }
        assert_eq!(AnswerLink::verify("secret", "garbage"), None);
        let other_member = AnswerLink {
            user_id: UserId::random(),
            ..link
        };
        let forged = format!(
            "{}.{}",
            other_member.payload(),
            token.rsplit('.').next().unwrap()
        );
        assert_eq!(AnswerLink::verify("secret", &forged), None);
    }

    #[test]
    fn a_poll_link_verifies_alone_and_never_as_an_rsvp_link() {
        let link = PollLink {
            option_id: PollOptionId::random(),
            user_id: UserId::random(),
            answer: PollAnswer::IfNeedBe,
            expires: DateTime::from_timestamp(1_900_000_000, 0)
                .unwrap()
                .naive_utc(),
        };
        let token = link.sign("secret");
        assert_eq!(PollLink::verify("secret", &token), Some(link.clone()));
        assert_eq!(PollLink::verify("other", &token), None);
        assert_eq!(AnswerLink::verify("secret", &token), None);
        let yes = token.replacen(".m.", ".y.", 1);
        assert_eq!(PollLink::verify("secret", &yes), None);
        let rsvp = self::link().sign("secret");
        assert_eq!(PollLink::verify("secret", &rsvp), None);
    }
}
