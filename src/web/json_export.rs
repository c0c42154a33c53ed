//! The account's data as `GET /api/v1/me/export` hands it over (the right of access).

use serde::Serialize;
use utoipa::ToSchema;

use super::json_input::TalkLink;
use crate::app::privacy as export;

/// Everything the account owns or said, as `GET /api/v1/me/export` hands it over.
#[derive(Serialize, ToSchema)]
pub struct AccountExport {
    pub profile: ExportedProfile,
    pub memberships: Vec<ExportedMembership>,
    pub rsvps: Vec<ExportedRsvp>,
    pub talks: Vec<ExportedTalk>,
    pub venue_suggestions: Vec<ExportedSuggestion>,
    pub venue_votes: Vec<ExportedVote>,
    pub talk_votes: Vec<ExportedTalkVote>,
    /// Answers to polls on meetups' dates and places.
    pub poll_votes: Vec<ExportedPollVote>,
    /// Answers to meetups' RSVP questions (deleted some time after each meetup).
    pub rsvp_answers: Vec<ExportedRsvpAnswer>,
    /// Organisers' messages sent to the account.
    pub messages_received: Vec<ExportedMessage>,
    /// Changes of address asked and not confirmed yet (their links still work).
    pub pending_email_changes: Vec<ExportedEmailChange>,
    /// The mails sent or due to the account (its copies in the outbox), newest first.
    pub mails: Vec<ExportedMail>,
}

impl From<export::AccountExport> for AccountExport {
    fn from(from: export::AccountExport) -> Self {
        let export::AccountExport {
            profile,
            memberships,
            rsvps,
            talks,
            venue_suggestions,
            venue_votes,
            talk_votes,
            poll_votes,
            rsvp_answers,
            messages_received,
            pending_email_changes,
            mails,
        } = from;
        AccountExport {
            profile: profile.into(),
            memberships: memberships.into_iter().map(Into::into).collect(),
            rsvps: rsvps.into_iter().map(Into::into).collect(),
            talks: talks.into_iter().map(Into::into).collect(),
            venue_suggestions: venue_suggestions.into_iter().map(Into::into).collect(),
            venue_votes: venue_votes.into_iter().map(Into::into).collect(),
            talk_votes: talk_votes.into_iter().map(Into::into).collect(),
            poll_votes: poll_votes.into_iter().map(Into::into).collect(),
            rsvp_answers: rsvp_answers.into_iter().map(Into::into).collect(),
            messages_received: messages_received.into_iter().map(Into::into).collect(),
            pending_email_changes: pending_email_changes.into_iter().map(Into::into).collect(),
            mails: mails.into_iter().map(Into::into).collect(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ExportedEmailChange {
    pub new_email: String,
    pub requested_at: String,
    /// When its link stops working.
    pub expires_at: String,
}

impl From<export::ExportedEmailChange> for ExportedEmailChange {
    fn from(from: export::ExportedEmailChange) -> Self {
        let export::ExportedEmailChange {
            new_email,
            requested_at,
            expires_at,
        } = from;
        ExportedEmailChange {
            new_email,
            requested_at,
            expires_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ExportedMail {
    /// What the mail is about (`rsvp_confirmation`, `email_change`…).
    pub kind: String,
    pub to_email: String,
    pub subject: String,
    /// `pending`, `sent` or `skipped`.
    pub status: String,
    pub queued_at: String,
    pub sent_at: Option<String>,
}

impl From<export::ExportedMail> for ExportedMail {
    fn from(from: export::ExportedMail) -> Self {
        let export::ExportedMail {
            kind,
            to_email,
            subject,
            status,
            queued_at,
            sent_at,
        } = from;
        ExportedMail {
            kind,
            to_email,
            subject,
            status,
            queued_at,
            sent_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ExportedMessage {
    pub group_slug: String,
    pub subject: String,
    pub body: String,
    pub sent_at: String,
}

impl From<export::ExportedMessage> for ExportedMessage {
    fn from(from: export::ExportedMessage) -> Self {
        let export::ExportedMessage {
            group_slug,
            subject,
            body,
            sent_at,
        } = from;
        ExportedMessage {
            group_slug,
            subject,
            body,
            sent_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ExportedProfile {
    pub id: String,
    pub email: String,
    pub name: String,
    pub locale: String,
    pub mail_reminders: bool,
    pub mail_notices: bool,
    pub created_at: String,
}

impl From<export::ExportedProfile> for ExportedProfile {
    fn from(from: export::ExportedProfile) -> Self {
        let export::ExportedProfile {
            id,
            email,
            name,
            locale,
            mail_reminders,
            mail_notices,
            created_at,
        } = from;
        ExportedProfile {
            id,
            email,
            name,
            locale,
            mail_reminders,
            mail_notices,
            created_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ExportedMembership {
    pub group_slug: String,
    pub group_name: String,
    pub role: String,
    pub joined_at: String,
    pub announcements: bool,
    pub messages: bool,
    pub organiser_notices: String,
    pub rsvp_notices: String,
    /// When they accepted the group's code of conduct, if they did.
    pub code_of_conduct_accepted_at: Option<String>,
    /// Their attendance history in the group over the last twelve months.
    pub attendance: ExportedAttendance,
}

/// As `GET /api/v1/groups/{slug}/members/{user_id}/attendance` answers it.
#[derive(Serialize, ToSchema)]
pub struct ExportedAttendance {
    pub going: i64,
    pub attended: i64,
    pub no_shows: i64,
    pub late_releases: i64,
    pub since: String,
}

impl From<export::ExportedMembership> for ExportedMembership {
    fn from(from: export::ExportedMembership) -> Self {
        let export::ExportedMembership {
            group_slug,
            group_name,
            role,
            joined_at,
            announcements,
            messages,
            organiser_notices,
            rsvp_notices,
            code_of_conduct_accepted_at,
            attendance,
        } = from;
        let export::ExportedAttendance {
            going,
            attended,
            no_shows,
            late_releases,
            since,
        } = attendance;
        ExportedMembership {
            group_slug,
            group_name,
            role,
            joined_at,
            announcements,
            messages,
            organiser_notices,
            rsvp_notices,
            code_of_conduct_accepted_at,
            attendance: ExportedAttendance {
                going,
                attended,
                no_shows,
                late_releases,
                since,
            },
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ExportedRsvp {
    pub meetup_id: String,
    pub meetup_title: String,
    pub starts_at: String,
    pub status: String,
    pub guests: i32,
    pub attended: bool,
    pub answered_at: String,
}

impl From<export::ExportedRsvp> for ExportedRsvp {
    fn from(from: export::ExportedRsvp) -> Self {
        let export::ExportedRsvp {
            meetup_id,
            meetup_title,
            starts_at,
            status,
            guests,
            attended,
            answered_at,
        } = from;
        ExportedRsvp {
            meetup_id,
            meetup_title,
            starts_at,
            status,
            guests,
            attended,
            answered_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ExportedTalk {
    pub id: String,
    /// `null` for a talk in its group's pool.
    pub meetup_id: Option<String>,
    pub title: String,
    #[serde(rename = "abstract")]
    pub abstract_text: String,
    pub duration_minutes: i32,
    pub speaker_name: Option<String>,
    pub status: String,
    pub links: Vec<TalkLink>,
    pub created_at: String,
}

impl From<export::ExportedTalk> for ExportedTalk {
    fn from(from: export::ExportedTalk) -> Self {
        let export::ExportedTalk {
            id,
            meetup_id,
            title,
            abstract_text,
            duration_minutes,
            speaker_name,
            status,
            links,
            created_at,
        } = from;
        ExportedTalk {
            id,
            meetup_id,
            title,
            abstract_text,
            duration_minutes,
            speaker_name,
            status,
            links: links.into_iter().map(Into::into).collect(),
            created_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ExportedSuggestion {
    pub id: String,
    pub name: String,
    pub address: String,
    pub url: Option<String>,
    pub note: Option<String>,
    pub status: String,
    pub created_at: String,
}

impl From<export::ExportedSuggestion> for ExportedSuggestion {
    fn from(from: export::ExportedSuggestion) -> Self {
        let export::ExportedSuggestion {
            id,
            name,
            address,
            url,
            note,
            status,
            created_at,
        } = from;
        ExportedSuggestion {
            id,
            name,
            address,
            url,
            note,
            status,
            created_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ExportedVote {
    pub suggestion_id: String,
    pub suggestion_name: String,
    pub created_at: String,
}

impl From<export::ExportedVote> for ExportedVote {
    fn from(from: export::ExportedVote) -> Self {
        let export::ExportedVote {
            suggestion_id,
            suggestion_name,
            created_at,
        } = from;
        ExportedVote {
            suggestion_id,
            suggestion_name,
            created_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ExportedPollVote {
    pub poll_id: String,
    pub poll_title: String,
    pub option_id: String,
    /// A date option's start (UTC); none for a venue.
    pub starts_at: Option<String>,
    /// `yes`, `if_need_be` or `no`.
    pub answer: String,
    pub answered_at: String,
}

impl From<export::ExportedPollVote> for ExportedPollVote {
    fn from(from: export::ExportedPollVote) -> Self {
        let export::ExportedPollVote {
            poll_id,
            poll_title,
            option_id,
            starts_at,
            answer,
            answered_at,
        } = from;
        ExportedPollVote {
            poll_id,
            poll_title,
            option_id,
            starts_at,
            answer,
            answered_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ExportedTalkVote {
    pub talk_id: String,
    pub talk_title: String,
    pub created_at: String,
}

impl From<export::ExportedTalkVote> for ExportedTalkVote {
    fn from(from: export::ExportedTalkVote) -> Self {
        let export::ExportedTalkVote {
            talk_id,
            talk_title,
            created_at,
        } = from;
        ExportedTalkVote {
            talk_id,
            talk_title,
            created_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ExportedRsvpAnswer {
    pub meetup_id: String,
    pub meetup_title: String,
    pub question: String,
    /// As given: a string, an array of strings or a boolean.
    #[schema(value_type = Object)]
    pub value: serde_json::Value,
    /// The question is shared with the host…
    pub share_with_host: bool,
    /// …and this answer is withheld from the host.
    pub withheld: bool,
    pub answered_at: String,
}

impl From<export::ExportedRsvpAnswer> for ExportedRsvpAnswer {
    fn from(from: export::ExportedRsvpAnswer) -> Self {
        let export::ExportedRsvpAnswer {
            meetup_id,
            meetup_title,
            question,
            value,
            share_with_host,
            withheld,
            answered_at,
        } = from;
        ExportedRsvpAnswer {
            meetup_id,
            meetup_title,
            question,
            value,
            share_with_host,
            withheld,
            answered_at,
        }
    }
}
