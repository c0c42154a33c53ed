//! Signed one-click answers (`/r/{token}`): a mail's "I'm going" or "Release my seat" works
//! without signing in, for that member, that meetup and that answer only: "going" until RSVPs
//! close, "not coming" until the meetup starts (a seat given back in the last hours goes to the
//! waitlist).

use chrono::{DateTime, NaiveDateTime};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::db::models::Meetup;
use crate::domain::ids::{MeetupId, UserId};
use crate::domain::rsvp::rsvps_close_at;
use crate::domain::token::{constant_time_eq, to_hex};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerLink {
    pub meetup_id: MeetupId,
    pub user_id: UserId,
    /// `true`: going (or the waitlist); `false`: not coming.
    pub going: bool,
    /// UTC; see [`link_expiry`].
    pub expires: NaiveDateTime,
}

/// Until when a link to answer `going` to `meetup` works: "going" until RSVPs close, "not
/// coming" until the start.
pub fn link_expiry(meetup: &Meetup, going: bool) -> NaiveDateTime {
    if going {
        rsvps_close_at(meetup.starts_at, meetup.rsvp_deadline)
    } else {
        meetup.starts_at
    }
}

impl AnswerLink {
    fn payload(&self) -> String {
        format!(
            "{}.{}.{}.{}",
            self.meetup_id,
            self.user_id,
            if self.going { "y" } else { "n" },
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
            going: match answer {
                "y" => true,
                "n" => false,
                _ => return None,
            },
            expires: DateTime::from_timestamp(expires.parse().ok()?, 0)?.naive_utc(),
        })
    }
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
            going: true,
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
        let tampered = token.replacen(".y.", ".n.", 1);
        assert_eq!(AnswerLink::verify("secret", &tampered), None);
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
}
