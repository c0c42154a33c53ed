//! Which mail a message is: stored with it in the outbox (and with the events an organiser's
//! digest lists), and named in its idempotency key.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailKind {
    RsvpGoing,
    RsvpWaitlisted,
    /// Moved from the waitlist to going.
    Promoted,
    Reminder,
    FollowUp,
    MeetupAnnounced,
    /// A new series' first dates, in one mail (its later dates are announced one by one).
    SeriesAnnounced,
    MeetupChanged,
    MeetupCancelled,
    MeetupReinstated,
    TalkAccepted,
    TalkRejected,
    TalkMoved,
    VenueAccepted,
    PasswordReset,
    /// The link to confirm a new address, sent to that address.
    EmailChangeConfirm,
    /// The warning sent to the old address.
    EmailChangeNotice,
    OrganiserMessage,
    // What members did, which organisers hear of at once, or in their daily digest.
    TalkProposed,
    SuggestionMade,
    RsvpChanged,
    OrganiserDigest,
    /// A member's report of a problem, to the group's organisers at once.
    IncidentReported,
    /// The reminder that asks "Still coming?" (see `domain::reconfirm`).
    Reconfirmation,
    /// A seat not confirmed in time went to the waitlist.
    SeatReleased,
    /// An answer given without an account: the link that confirms it (see `app::guest_rsvps`).
    GuestAnswerConfirm,
    /// To a member who joined a group: the meetups already announced (see `mail::welcome`).
    GroupWelcome,
    /// A new poll on a meetup's date, to the members who want announcements.
    PollAnnounced,
    /// A day before a poll closes, to the members who did not answer.
    PollReminder,
    /// The meetup a poll became, first to those who said "yes" to its date.
    PollPriority,
    /// The meetup a poll became, to everyone else after the priority window: the job's kind
    /// (its mails are `MeetupAnnounced`).
    PollDecided,
    /// An organiser's invitation to join a group (see `app::invitations`).
    Invitation,
    /// To the organisers of a group asked to co-host a meetup (see `mail::cohosts`).
    CohostInvited,
}

impl MailKind {
    pub const ALL: [MailKind; 33] = [
        MailKind::RsvpGoing,
        MailKind::RsvpWaitlisted,
        MailKind::Promoted,
        MailKind::Reminder,
        MailKind::FollowUp,
        MailKind::MeetupAnnounced,
        MailKind::SeriesAnnounced,
        MailKind::MeetupChanged,
        MailKind::MeetupCancelled,
        MailKind::MeetupReinstated,
        MailKind::TalkAccepted,
        MailKind::TalkRejected,
        MailKind::TalkMoved,
        MailKind::VenueAccepted,
        MailKind::PasswordReset,
        MailKind::EmailChangeConfirm,
        MailKind::EmailChangeNotice,
        MailKind::OrganiserMessage,
        MailKind::TalkProposed,
        MailKind::SuggestionMade,
        MailKind::RsvpChanged,
        MailKind::OrganiserDigest,
        MailKind::IncidentReported,
        MailKind::Reconfirmation,
        MailKind::SeatReleased,
        MailKind::GuestAnswerConfirm,
        MailKind::GroupWelcome,
        MailKind::PollAnnounced,
        MailKind::PollReminder,
        MailKind::PollPriority,
        MailKind::PollDecided,
        MailKind::Invitation,
        MailKind::CohostInvited,
    ];

    /// `None` for a value this version does not know: never read as some other mail.
    pub fn parse(text: &str) -> Option<MailKind> {
        MailKind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// The stored name, also the start of the idempotency keys of most mails: never change one.
    pub fn as_str(self) -> &'static str {
        match self {
            MailKind::RsvpGoing => "rsvp_going",
            MailKind::RsvpWaitlisted => "rsvp_waitlisted",
            MailKind::Promoted => "promoted",
            MailKind::Reminder => "reminder",
            MailKind::FollowUp => "follow_up",
            MailKind::MeetupAnnounced => "meetup_announced",
            MailKind::SeriesAnnounced => "series_announced",
            MailKind::MeetupChanged => "meetup_changed",
            MailKind::MeetupCancelled => "meetup_cancelled",
            MailKind::MeetupReinstated => "meetup_reinstated",
            MailKind::TalkAccepted => "talk_accepted",
            MailKind::TalkRejected => "talk_rejected",
            MailKind::TalkMoved => "talk_moved",
            MailKind::VenueAccepted => "venue_accepted",
            MailKind::PasswordReset => "password_reset",
            MailKind::EmailChangeConfirm => "email_change_confirm",
            MailKind::EmailChangeNotice => "email_change_notice",
            MailKind::OrganiserMessage => "organiser_message",
            MailKind::TalkProposed => "talk_proposed",
            MailKind::SuggestionMade => "suggestion_made",
            MailKind::RsvpChanged => "rsvp_changed",
            MailKind::OrganiserDigest => "organiser_digest",
            MailKind::IncidentReported => "incident_reported",
            MailKind::Reconfirmation => "reconfirmation",
            MailKind::SeatReleased => "seat_released",
            MailKind::GuestAnswerConfirm => "guest_answer_confirm",
            MailKind::GroupWelcome => "group_welcome",
            MailKind::PollAnnounced => "poll_announced",
            MailKind::PollReminder => "poll_reminder",
            MailKind::PollPriority => "poll_priority",
            MailKind::PollDecided => "poll_decided",
            MailKind::Invitation => "invitation",
            MailKind::CohostInvited => "cohost_invited",
        }
    }
}

impl fmt::Display for MailKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_from_its_name() {
        for kind in MailKind::ALL {
            assert_eq!(MailKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(MailKind::parse("newsletter"), None);
    }
}
