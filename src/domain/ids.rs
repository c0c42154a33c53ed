//! Ids of every entity, each its own type, so a function taking two of them cannot be called with
//! the two swapped, nor with a text that names something else.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// A new random id (UUID v4).
            pub fn random() -> Self {
                Self(uuid::Uuid::new_v4().to_string())
            }

            /// Any text names an id; one that names nothing is simply not found.
            pub fn parse(text: &str) -> Option<Self> {
                Some(Self(text.to_string()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl From<String> for $name {
            fn from(text: String) -> Self {
                Self(text)
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                Self(text.to_string())
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    )*};
}

id_type!(
    /// A member's account.
    UserId,
    /// A group (not its slug).
    GroupId,
    /// A meetup.
    MeetupId,
    /// A talk, in a programme or in the group's pool.
    TalkId,
    /// A group's venue.
    VenueId,
    /// A recurring meetup.
    SeriesId,
    /// A member's venue suggestion.
    SuggestionId,
    /// A meetup's report.
    ReportId,
    /// An organiser's message to members.
    MessageId,
    /// A member's report of a problem to the group's organisers.
    IncidentReportId,
    /// Someone who came to a meetup without an RSVP.
    WalkInId,
    /// Seats given back or promoted by one change (counts only).
    SeatMoveId,
    /// A question asked with a meetup's RSVP (or in a group's default set).
    QuestionId,
    /// A poll on a meetup's date and place.
    PollId,
    /// One date or venue a poll offers.
    PollOptionId,
    /// A group's webhook (a chat or a site told of its news).
    WebhookId,
    /// A group's sponsor or host.
    SponsorId,
    /// An organiser's invitation of one address to a group.
    InvitationId,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_their_text_and_new_ones_differ() {
        let id = MeetupId::from("m1");
        assert_eq!(id.to_string(), "m1");
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"m1\"");
        assert_ne!(UserId::random(), UserId::random());
    }
}
