//! Signed one-click unsubscribe links (RFC 8058): no sign-in needed, cannot be forged.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::domain::ids::{GroupId, UserId};
use crate::domain::token::{constant_time_eq, to_hex};

/// What a member can stop receiving.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailTopic {
    Reminders,
    Notices,
    /// New meetups of one group.
    Announcements(GroupId),
    /// New talk proposals and venue suggestions, for one group's organisers.
    OrganiserNotices(GroupId),
    /// Members' RSVPs, for one group's organisers.
    RsvpNotices(GroupId),
    /// One group's daily digest for organisers: every notice it carries.
    Digest(GroupId),
    /// Organisers' messages from one group.
    Messages(GroupId),
    /// The mails after one group's meetups one came to.
    FollowUps(GroupId),
}

impl MailTopic {
    pub fn parse(text: &str) -> Option<MailTopic> {
        match text {
            "reminders" => Some(MailTopic::Reminders),
            "notices" => Some(MailTopic::Notices),
            _ => match text.split_once(':')? {
                ("announcements", group) => Some(MailTopic::Announcements(GroupId::from(group))),
                ("organiser-notices", group) => {
                    Some(MailTopic::OrganiserNotices(GroupId::from(group)))
                }
                ("rsvp-notices", group) => Some(MailTopic::RsvpNotices(GroupId::from(group))),
                ("digest", group) => Some(MailTopic::Digest(GroupId::from(group))),
                ("messages", group) => Some(MailTopic::Messages(GroupId::from(group))),
                ("follow-ups", group) => Some(MailTopic::FollowUps(GroupId::from(group))),
                _ => None,
            },
        }
    }

    pub fn name(&self) -> String {
        match self {
            MailTopic::Reminders => "reminders".into(),
            MailTopic::Notices => "notices".into(),
            MailTopic::Announcements(group) => format!("announcements:{group}"),
            MailTopic::OrganiserNotices(group) => format!("organiser-notices:{group}"),
            MailTopic::RsvpNotices(group) => format!("rsvp-notices:{group}"),
            MailTopic::Digest(group) => format!("digest:{group}"),
            MailTopic::Messages(group) => format!("messages:{group}"),
            MailTopic::FollowUps(group) => format!("follow-ups:{group}"),
        }
    }
}

fn signature(secret: &str, user_id: &UserId, topic: &MailTopic) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(format!("unsubscribe:{user_id}:{}", topic.name()).as_bytes());
    to_hex(&mac.finalize().into_bytes()[..16])
}

pub fn unsubscribe_path(secret: &str, user_id: &UserId, topic: &MailTopic) -> String {
    crate::urls::unsubscribe_path(user_id, &topic.name(), &signature(secret, user_id, topic))
}

/// The absolute one-click link that stops `topic` for the user, as mails carry it.
pub fn unsubscribe_url(
    settings: &crate::config::Settings,
    user_id: &UserId,
    topic: &MailTopic,
) -> String {
    let path = unsubscribe_path(&settings.secret_key, user_id, topic);
    format!("{}{path}", settings.base_url)
}

pub fn verify(secret: &str, user_id: &UserId, topic: &MailTopic, sig: &str) -> bool {
    constant_time_eq(&signature(secret, user_id, topic), sig)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_verify_only_for_their_user_and_topic() {
        let u1 = UserId::from("u1");
        let path = unsubscribe_path("secret", &u1, &MailTopic::Reminders);
        let sig = path.rsplit('/').next().unwrap();
        assert!(verify("secret", &u1, &MailTopic::Reminders, sig));
        assert!(!verify(
            "secret",
            &UserId::from("u2"),
            &MailTopic::Reminders,
            sig
        ));
        assert!(!verify("secret", &u1, &MailTopic::Notices, sig));
        assert!(!verify("other", &u1, &MailTopic::Reminders, sig));
        let group = MailTopic::Announcements(GroupId::from("g1"));
        let path = unsubscribe_path("secret", &u1, &group);
        let (topic, sig) = path.rsplit_once('/').unwrap();
        assert_eq!(
            MailTopic::parse(topic.rsplit('/').next().unwrap()),
            Some(group.clone())
        );
        assert!(verify("secret", &u1, &group, sig));
        assert!(!verify(
            "secret",
            &u1,
            &MailTopic::Announcements(GroupId::from("g2")),
            sig
        ));
    }
}
