//! Organisers writing to members, and what each member chooses to receive from a group.

use super::group::{parse_long_text, parse_text};
use super::FieldError;

/// Who an organiser's message goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Members going to the meetup.
    Going,
    Waitlisted,
    /// Members checked in at the meetup.
    Attended,
    /// Every member of the group.
    AllMembers,
}

impl Audience {
    pub const ALL: [Audience; 4] = [
        Audience::Going,
        Audience::Waitlisted,
        Audience::Attended,
        Audience::AllMembers,
    ];

    pub fn parse(text: &str) -> Option<Audience> {
        Audience::ALL.into_iter().find(|a| a.as_str() == text)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Going => "going",
            Audience::Waitlisted => "waitlisted",
            Audience::Attended => "attended",
            Audience::AllMembers => "all_members",
        }
    }
}

/// How an organiser hears of what members do in the group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeMode {
    /// A mail as it happens.
    Instant,
    /// One mail a day listing the day's events.
    Digest,
    Off,
}

impl NoticeMode {
    pub const ALL: [NoticeMode; 3] = [NoticeMode::Instant, NoticeMode::Digest, NoticeMode::Off];

    pub fn parse(text: &str) -> Option<NoticeMode> {
        NoticeMode::ALL.into_iter().find(|m| m.as_str() == text)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            NoticeMode::Instant => "instant",
            NoticeMode::Digest => "digest",
            NoticeMode::Off => "off",
        }
    }
}

/// A member's mail choices for one group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subscription {
    /// New meetups.
    pub announcements: bool,
    /// Organisers' messages.
    pub messages: bool,
    /// As an organiser: talk proposals and venue suggestions.
    pub organiser_notices: NoticeMode,
    /// As an organiser: members answering or changing their answer.
    pub rsvp_notices: NoticeMode,
    /// The mail after a meetup one came to: its programme, materials and report.
    pub follow_ups: bool,
}

/// The choices to change; `None` keeps one as it is.
#[derive(Debug, Clone, Copy, Default)]
pub struct SubscriptionChange {
    pub announcements: Option<bool>,
    pub messages: Option<bool>,
    pub organiser_notices: Option<NoticeMode>,
    pub rsvp_notices: Option<NoticeMode>,
    pub follow_ups: Option<bool>,
}

impl Subscription {
    /// The same choices with no daily digest: what the digest's unsubscribe link asks.
    pub fn without_digest(self) -> Subscription {
        let off = |m| match m {
            NoticeMode::Digest => NoticeMode::Off,
            other => other,
        };
        Subscription {
            organiser_notices: off(self.organiser_notices),
            rsvp_notices: off(self.rsvp_notices),
            ..self
        }
    }

    pub fn apply(self, change: SubscriptionChange) -> Subscription {
        Subscription {
            announcements: change.announcements.unwrap_or(self.announcements),
            messages: change.messages.unwrap_or(self.messages),
            organiser_notices: change.organiser_notices.unwrap_or(self.organiser_notices),
            rsvp_notices: change.rsvp_notices.unwrap_or(self.rsvp_notices),
            follow_ups: change.follow_ups.unwrap_or(self.follow_ups),
        }
    }
}

pub const MAX_SUBJECT: usize = 150;
pub const MAX_BODY: usize = 10_000;

/// A message as an organiser wrote it, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageText {
    pub subject: String,
    pub body: String,
}

/// Checks subject and body, each required; every fault at once, subject first.
pub fn parse_message(subject: &str, body: &str) -> Result<MessageText, Vec<FieldError>> {
    let subject = parse_text(subject, "subject", MAX_SUBJECT);
    let body = match parse_long_text(body.trim(), "body", MAX_BODY) {
        Ok(b) if b.is_empty() => Err(FieldError::new("body", "error-required")),
        other => other,
    };
    match (subject, body) {
        (Ok(subject), Ok(body)) => Ok(MessageText { subject, body }),
        (s, b) => Err([s.err(), b.err()].into_iter().flatten().collect()),
    }
}

/// Whether a group that sent `sent_today` messages in the last 24 hours may send one more.
pub fn within_daily_limit(sent_today: i64, per_day: u32) -> bool {
    sent_today < i64::from(per_day)
}

/// Splits plain text into runs of text and `http(s)` links, so the HTML part can make the
/// links clickable and escape the rest.
pub fn link_runs(text: &str) -> Vec<(&str, bool)> {
    let mut runs = Vec::new();
    let mut rest = text;
    while let Some(start) = ["https://", "http://"]
        .iter()
        .filter_map(|scheme| rest.find(scheme))
        .min()
    {
        let end = rest[start..]
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"'))
            .map_or(rest.len(), |n| start + n);
        // A sentence's closing punctuation is not part of the link.
        let trimmed = rest[start..end].trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
        let end = start + trimmed.len();
        if start > 0 {
            runs.push((&rest[..start], false));
        }
        runs.push((&rest[start..end], true));
        rest = &rest[end..];
    }
    if !rest.is_empty() {
        runs.push((rest, false));
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for a in Audience::ALL {
            assert_eq!(Audience::parse(a.as_str()), Some(a));
        }
        for m in NoticeMode::ALL {
            assert_eq!(NoticeMode::parse(m.as_str()), Some(m));
        }
        assert_eq!(Audience::parse("everyone"), None);
        assert_eq!(NoticeMode::parse("weekly"), None);
    }

    #[test]
    fn a_message_needs_a_subject_and_a_body() {
        let ok = parse_message("  Salle 2  ", " Au 2e étage.\r\nÀ jeudi ").unwrap();
        assert_eq!(ok.subject, "Salle 2");
        assert_eq!(ok.body, "Au 2e étage.\nÀ jeudi");
        let errors = parse_message(" ", "\n ").unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["subject", "body"]);
        assert_eq!(parse_message("S", "").unwrap_err()[0].field, "body");
        assert_eq!(
            parse_message(&"x".repeat(MAX_SUBJECT + 1), "b").unwrap_err()[0].key,
            "error-text_too_long"
        );
    }

    #[test]
    fn the_limit_counts_the_day() {
        assert!(within_daily_limit(9, 10));
        assert!(!within_daily_limit(10, 10));
        assert!(!within_daily_limit(0, 0));
    }

    #[test]
    fn links_are_found_in_text() {
        let runs = link_runs("Plan : https://ex.org/plan?a=1. Ou http://b.fr");
        assert_eq!(
            runs,
            [
                ("Plan : ", false),
                ("https://ex.org/plan?a=1", true),
                (". Ou ", false),
                ("http://b.fr", true)
            ]
        );
        assert_eq!(link_runs("rien"), [("rien", false)]);
        assert_eq!(link_runs(""), []);
    }

    #[test]
    fn a_change_keeps_what_it_does_not_name() {
        let s = Subscription {
            announcements: true,
            messages: true,
            organiser_notices: NoticeMode::Instant,
            rsvp_notices: NoticeMode::Off,
            follow_ups: true,
        };
        let changed = s.apply(SubscriptionChange {
            messages: Some(false),
            rsvp_notices: Some(NoticeMode::Digest),
            follow_ups: Some(false),
            ..Default::default()
        });
        assert_eq!(
            changed,
            Subscription {
                messages: false,
                rsvp_notices: NoticeMode::Digest,
                follow_ups: false,
                ..s
            }
        );
    }
}
