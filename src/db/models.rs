use chrono::NaiveDateTime;
use chrono_tz::Tz;
use diesel::prelude::*;

use crate::db::schema::*;
use crate::db::text_columns::StoredTz;
use crate::domain::account::Locale as Lang;
use crate::domain::group::GroupRole;
use crate::domain::ids::{
    GroupId, MeetupId, MessageId, PollId, PollOptionId, ReportId, SeriesId, SponsorId,
    SuggestionId, TalkId, UserId, VenueId, WalkInId,
};
use crate::domain::mail::MailKind;
use crate::domain::meetup::{MeetupFields, MeetupStatus};
use crate::domain::message::{Audience, NoticeMode, Subscription};
use crate::domain::poll::{OptionKind, PollAnswer};
use crate::domain::privacy::{AttendeeVisibility, OnlineUrlVisibility};
use crate::domain::reconfirm::SeatRules;
use crate::domain::rsvp::RsvpStatus;
use crate::domain::talk::{TalkFields, TalkStatus};
use crate::domain::venue::Accessibility;
use crate::domain::venue_suggestion::SuggestionStatus;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Insertable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub locale: Lang,
    pub calendar_secret: String,
    pub mail_reminders: bool,
    pub mail_notices: bool,
    pub created_at: NaiveDateTime,
    /// Out of every list but the organisers' (counts still include them).
    pub hide_from_lists: bool,
    /// Answered without an account: no password, listed by first name (see `app::guest_rsvps`).
    pub guest: bool,
}

impl User {
    pub fn lang(&self) -> Lang {
        self.locale
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Insertable)]
#[diesel(table_name = groups)]
pub struct Group {
    pub id: GroupId,
    pub slug: String,
    pub name: String,
    pub description: String,
    #[diesel(serialize_as = StoredTz, deserialize_as = StoredTz)]
    pub timezone: Tz,
    pub locale: Lang,
    pub links: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub attendee_visibility: AttendeeVisibility,
    /// Where the group's code of conduct is read (http or https).
    pub code_of_conduct_url: Option<String>,
    /// Whom to tell of an incident: an address or a short text.
    pub incident_contact: Option<String>,
    /// Members accept the code of conduct when they join or first answer a meetup.
    pub require_code_of_conduct: bool,
    /// Defaults of new meetups (see `domain::reconfirm`).
    pub reconfirm_before: Option<String>,
    pub auto_release_before: Option<String>,
    /// People without an account may answer its meetups (see `app::guest_rsvps`).
    pub guest_rsvps: bool,
    /// The sites that may frame its embeddable list, space-separated; empty: any (see
    /// `domain::embed`).
    pub embed_origins: String,
}

impl Group {
    pub fn tz(&self) -> Tz {
        self.timezone
    }

    pub fn seat_rules(&self) -> SeatRules {
        SeatRules {
            reconfirm_before: self.reconfirm_before.clone(),
            auto_release_before: self.auto_release_before.clone(),
        }
    }

    pub fn lang(&self) -> Lang {
        self.locale
    }

    pub fn link_list(&self) -> Vec<crate::domain::group::GroupLink> {
        serde_json::from_str(&self.links).unwrap_or_default()
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = memberships)]
pub struct Membership {
    pub group_id: GroupId,
    pub user_id: UserId,
    pub role: GroupRole,
    pub joined_at: NaiveDateTime,
    /// Hears of the group's new meetups.
    pub announcements: bool,
    /// Hears the organisers' messages.
    pub messages: bool,
    /// As an organiser: how they hear of new talk proposals and venue suggestions.
    pub proposal_notices: NoticeMode,
    /// As an organiser: how they hear of members' RSVPs.
    pub rsvp_notices: NoticeMode,
    /// Gets the mail that follows a meetup they came to.
    pub follow_ups: bool,
    /// When they accepted the group's code of conduct, if they did.
    pub code_of_conduct_accepted_at: Option<NaiveDateTime>,
}

impl Membership {
    /// A new member, with the default mail choices.
    pub fn new(group_id: GroupId, user_id: UserId, role: GroupRole, at: NaiveDateTime) -> Self {
        Membership {
            group_id,
            user_id,
            role,
            joined_at: at,
            announcements: true,
            messages: true,
            proposal_notices: NoticeMode::Instant,
            rsvp_notices: NoticeMode::Off,
            follow_ups: true,
            code_of_conduct_accepted_at: None,
        }
    }

    pub fn subscription(&self) -> Subscription {
        Subscription {
            announcements: self.announcements,
            messages: self.messages,
            organiser_notices: self.proposal_notices,
            rsvp_notices: self.rsvp_notices,
            follow_ups: self.follow_ups,
        }
    }
}

/// An organiser's message, as sent.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = group_messages)]
pub struct GroupMessage {
    pub id: MessageId,
    pub group_id: GroupId,
    /// None: written to the whole group.
    pub meetup_id: Option<MeetupId>,
    pub author_id: Option<UserId>,
    pub audience: Audience,
    pub subject: String,
    pub body: String,
    pub recipients: i32,
    pub sent_at: NaiveDateTime,
    /// Replies go to the author's address (else to nobody in particular: the instance's).
    pub replies: bool,
}

/// Something a member did that organisers hear of, kept for their daily digest.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = organiser_events)]
pub struct OrganiserEvent {
    pub id: String,
    pub group_id: GroupId,
    pub actor_id: UserId,
    /// `TalkProposed`, `SuggestionMade` or `RsvpChanged`.
    pub kind: MailKind,
    pub actor_name: String,
    /// The talk's title, the venue's name, or the meetup's title.
    pub about: String,
    /// For an RSVP: the answer (`going`, `waitlisted`, `not_going`); empty otherwise.
    pub detail: String,
    pub url: String,
    pub happened_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Insertable)]
#[diesel(table_name = venues)]
pub struct Venue {
    pub id: VenueId,
    pub group_id: GroupId,
    pub name: String,
    pub address: String,
    pub city: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub url: Option<String>,
    pub created_at: NaiveDateTime,
    pub step_free: Option<bool>,
    pub accessible_toilet: Option<bool>,
    pub hearing_loop: Option<bool>,
    pub access_notes: Option<String>,
    /// Floor, door code, whom to ask: for members going and organisers only.
    pub entry_instructions: Option<String>,
    /// Whom organisers call at the venue: for organisers only.
    pub host_contact: Option<String>,
    /// Seats: a new meetup's capacity unless it sets one.
    pub capacity: Option<i32>,
}

impl Venue {
    pub fn accessibility(&self) -> Accessibility {
        Accessibility {
            step_free: self.step_free,
            accessible_toilet: self.accessible_toilet,
            hearing_loop: self.hearing_loop,
            notes: self.access_notes.clone(),
        }
    }

    /// « Ness Pub, 2 rue Saint-Dominique, Clermont-Ferrand »: name, address and city if known.
    pub fn full_address(&self) -> String {
        match &self.city {
            Some(city) => format!("{}, {}, {city}", self.name, self.address),
            None => format!("{}, {}", self.name, self.address),
        }
    }
}

/// An edit writes every column but those marked `skip_update`, so a new column is saved on edit
/// unless it is said not to be.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Insertable, AsChangeset)]
#[diesel(table_name = meetups, treat_none_as_null = true)]
pub struct Meetup {
    pub id: MeetupId,
    #[diesel(skip_update)]
    pub group_id: GroupId,
    pub title: String,
    pub description: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub venue_id: Option<VenueId>,
    pub online_url: Option<String>,
    pub capacity: Option<i32>,
    pub rsvp_deadline: Option<NaiveDateTime>,
    pub status: MeetupStatus,
    pub sequence: i32,
    #[diesel(skip_update)]
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub online_url_visibility: OnlineUrlVisibility,
    /// When its members were told of it (once): set by the announcement alone.
    #[diesel(skip_update)]
    pub announced_at: Option<NaiveDateTime>,
    /// The series it is an occurrence of, and which one (1, 2, …).
    #[diesel(skip_update)]
    pub series_id: Option<SeriesId>,
    #[diesel(skip_update)]
    pub series_number: Option<i32>,
    /// See `domain::reconfirm`.
    pub reconfirm_before: Option<String>,
    pub auto_release_before: Option<String>,
    /// When members going were asked "Still coming?" (cleared when the meetup moves, to ask
    /// again) and when those who did not confirm gave their seats back: set by the mail worker.
    #[diesel(skip_update)]
    pub reconfirm_asked_at: Option<NaiveDateTime>,
    #[diesel(skip_update)]
    pub auto_released_at: Option<NaiveDateTime>,
}

/// A recurring meetup: its rule, read from `dtstart` (local wall time in the group's zone), and
/// the template its occurrences are made from.
/// An edit writes every column but those marked `skip_update` (see `Meetup`).
#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Insertable, AsChangeset)]
#[diesel(table_name = series, treat_none_as_null = true)]
pub struct Series {
    pub id: SeriesId,
    #[diesel(skip_update)]
    pub group_id: GroupId,
    pub title: String,
    pub description: String,
    pub rule: String,
    pub dtstart: NaiveDateTime,
    pub duration_minutes: i32,
    pub venue_id: Option<VenueId>,
    pub capacity: Option<i32>,
    pub online_url: Option<String>,
    pub rsvp_deadline_minutes: Option<i32>,
    pub horizon: i32,
    /// Set by ending the series alone.
    #[diesel(skip_update)]
    pub ended_at: Option<NaiveDateTime>,
    #[diesel(skip_update)]
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// Who reads its occurrences' online link.
    pub online_url_visibility: OnlineUrlVisibility,
}

impl Meetup {
    pub fn fields(&self) -> MeetupFields {
        MeetupFields {
            title: self.title.clone(),
            description: self.description.clone(),
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            venue_id: self.venue_id.clone(),
            online_url: self.online_url.clone(),
            online_url_visibility: self.online_url_visibility,
            capacity: self.capacity,
            rsvp_deadline: self.rsvp_deadline,
            seats: SeatRules {
                reconfirm_before: self.reconfirm_before.clone(),
                auto_release_before: self.auto_release_before.clone(),
            },
        }
    }

    pub fn is_cancelled(&self) -> bool {
        self.status == MeetupStatus::Cancelled
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = rsvps)]
pub struct Rsvp {
    pub meetup_id: MeetupId,
    pub user_id: UserId,
    pub status: RsvpStatus,
    pub guests: i32,
    pub waitlist_seq: Option<i64>,
    pub attended: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub attendance_changed_at: Option<NaiveDateTime>,
    /// The member answered "Still coming?" (or answered, or was promoted, after it was asked).
    pub confirmed_at: Option<NaiveDateTime>,
    /// How many of the guests came, ticked at the door.
    pub guests_came: i32,
}

/// Where an outbox message is in its delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboxStatus {
    /// Waiting for (another) delivery attempt.
    Pending,
    Sent,
    /// Not sent on purpose (e.g. a reminder nobody wants any more).
    Skipped,
}

impl OutboxStatus {
    pub fn parse(text: &str) -> Option<OutboxStatus> {
        match text {
            "pending" => Some(OutboxStatus::Pending),
            "sent" => Some(OutboxStatus::Sent),
            "skipped" => Some(OutboxStatus::Skipped),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            OutboxStatus::Pending => "pending",
            OutboxStatus::Sent => "sent",
            OutboxStatus::Skipped => "skipped",
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = outbox)]
pub struct OutboxMessage {
    pub id: String,
    pub idempotency_key: String,
    pub kind: MailKind,
    pub user_id: Option<UserId>,
    pub meetup_id: Option<MeetupId>,
    pub to_email: String,
    pub to_name: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub ics: Option<String>,
    pub ics_method: Option<String>,
    pub unsubscribe_url: Option<String>,
    pub status: OutboxStatus,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub claimed_until: Option<NaiveDateTime>,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
    /// Claimed in this order: 0 (transactional) before 1 (bulk).
    pub priority: i32,
    pub reply_to: Option<String>,
}

/// Mail to many queued as one job: an announcement (`meetup_id`) or an organiser's message
/// (`message_id`), expanded by the worker into outbox rows, in user id order after
/// `cursor_user_id`, until `done_at` is set.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = mail_fanouts)]
pub struct MailFanout {
    pub id: String,
    pub idempotency_key: String,
    /// `MeetupAnnounced`, `SeriesAnnounced` (its `meetup_id` the series' first occurrence) or
    /// `OrganiserMessage`.
    pub kind: MailKind,
    pub group_id: GroupId,
    pub meetup_id: Option<MeetupId>,
    pub message_id: Option<MessageId>,
    /// The last recipient expanded; None before the first batch.
    pub cursor_user_id: Option<UserId>,
    pub created_at: NaiveDateTime,
    pub done_at: Option<NaiveDateTime>,
    /// The poll announced (`PollAnnounced`), or that became the meetup (`PollDecided`).
    pub poll_id: Option<PollId>,
}

/// An edit writes every column but those marked `skip_update` (see `Meetup`).
#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Insertable, AsChangeset)]
#[diesel(table_name = talks, treat_none_as_null = true)]
pub struct Talk {
    pub id: TalkId,
    #[diesel(skip_update)]
    pub group_id: GroupId,
    /// `None` while the talk waits in the group's pool.
    pub meetup_id: Option<MeetupId>,
    #[diesel(skip_update)]
    pub proposer_id: UserId,
    pub title: String,
    pub abstract_text: String,
    pub duration_minutes: i32,
    pub speaker_name: Option<String>,
    pub status: TalkStatus,
    pub position: Option<i32>,
    /// The materials, as a JSON list of `domain::talk::TalkLink`: written by `set_links` alone.
    #[diesel(skip_update)]
    pub links: String,
    #[diesel(skip_update)]
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Talk {
    pub fn link_list(&self) -> Vec<crate::domain::talk::TalkLink> {
        serde_json::from_str(&self.links).unwrap_or_default()
    }

    pub fn fields(&self) -> TalkFields {
        TalkFields {
            title: self.title.clone(),
            abstract_text: self.abstract_text.clone(),
            duration_minutes: self.duration_minutes,
            speaker_name: self.speaker_name.clone(),
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Insertable)]
#[diesel(table_name = venue_suggestions)]
pub struct VenueSuggestion {
    pub id: SuggestionId,
    pub group_id: GroupId,
    pub meetup_id: Option<MeetupId>,
    pub suggester_id: UserId,
    pub name: String,
    pub address: String,
    pub url: Option<String>,
    pub note: Option<String>,
    pub status: SuggestionStatus,
    pub venue_id: Option<VenueId>,
    pub created_at: NaiveDateTime,
    pub decided_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = venue_votes)]
pub struct VenueVote {
    pub suggestion_id: SuggestionId,
    pub user_id: UserId,
    pub created_at: NaiveDateTime,
}

/// An edit writes every column but those marked `skip_update` (see `Meetup`).
#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Insertable, AsChangeset)]
#[diesel(table_name = reports, treat_none_as_null = true)]
pub struct Report {
    pub id: ReportId,
    #[diesel(skip_update)]
    pub meetup_id: MeetupId,
    #[diesel(skip_update)]
    pub group_id: GroupId,
    pub slug: String,
    pub title: String,
    pub body_markdown: String,
    pub published: bool,
    pub published_at: Option<NaiveDateTime>,
    pub category: Option<String>,
    pub tags: String,
    pub authors: String,
    pub summary: Option<String>,
    pub lang: Option<String>,
    pub extra: String,
    pub date_has_time: bool,
    #[diesel(skip_update)]
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Report {
    pub fn tag_list(&self) -> Vec<String> {
        serde_json::from_str(&self.tags).unwrap_or_default()
    }

    pub fn author_list(&self) -> Vec<String> {
        serde_json::from_str(&self.authors).unwrap_or_default()
    }

    pub fn extra_pairs(&self) -> Vec<(String, String)> {
        serde_json::from_str(&self.extra).unwrap_or_default()
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = talk_votes)]
pub struct TalkVote {
    pub talk_id: TalkId,
    pub user_id: UserId,
    pub created_at: NaiveDateTime,
}

/// A talk before and after a change, with the meetup it is in after the change (none in the
/// pool) and the one it left, if it moved.
#[derive(Debug, Clone)]
pub struct TalkChange {
    pub meetup: Option<Meetup>,
    pub left: Option<Meetup>,
    pub before: Talk,
    pub after: Talk,
}

impl TalkChange {
    /// The talk was accepted or rejected by this change (the proposer is told).
    pub fn decided(&self) -> Option<TalkStatus> {
        let status = self.after.status;
        (status != self.before.status
            && matches!(status, TalkStatus::Accepted | TalkStatus::Rejected))
        .then_some(status)
    }
}

/// Someone who came without an RSVP, added at the door over capacity.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = crate::db::schema::walk_ins)]
pub struct WalkInRow {
    pub id: WalkInId,
    pub meetup_id: MeetupId,
    pub name: String,
    pub email: Option<String>,
    pub created_at: NaiveDateTime,
}

/// A poll on a meetup's date (and place), open until an organiser closes it.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Insertable)]
#[diesel(table_name = crate::db::schema::polls)]
pub struct Poll {
    pub id: PollId,
    pub group_id: GroupId,
    pub title: String,
    pub description: String,
    pub created_by: Option<UserId>,
    /// When voting is meant to end: members who did not answer are reminded a day before.
    pub closes_at: Option<NaiveDateTime>,
    pub reminded_at: Option<NaiveDateTime>,
    pub closed_at: Option<NaiveDateTime>,
    /// The meetup it became (or moved) once closed.
    pub meetup_id: Option<MeetupId>,
    /// The date option it closed on: its "yes" voters had the meetup first.
    pub chosen_option_id: Option<PollOptionId>,
    /// The meetup closing it moves, rather than one it creates.
    pub target_meetup_id: Option<MeetupId>,
    /// Until when "yes" voters had the meetup to themselves.
    pub priority_until: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Poll {
    pub fn is_closed(&self) -> bool {
        self.closed_at.is_some()
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Insertable)]
#[diesel(table_name = crate::db::schema::poll_options)]
pub struct PollOption {
    pub id: PollOptionId,
    pub poll_id: PollId,
    pub kind: OptionKind,
    pub position: i32,
    /// A date option's start (UTC).
    pub starts_at: Option<NaiveDateTime>,
    /// A venue option: one of the group's venues, or an open suggestion.
    pub venue_id: Option<VenueId>,
    pub suggestion_id: Option<SuggestionId>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = crate::db::schema::poll_votes)]
pub struct PollVote {
    pub option_id: PollOptionId,
    pub user_id: UserId,
    pub poll_id: PollId,
    pub answer: PollAnswer,
    /// When this answer was given (not changed by giving it again).
    pub answered_at: NaiveDateTime,
}

/// A picture as the server encoded it (see `domain::picture`): a group's banner or a
/// sponsor's logo.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = group_banners)]
pub struct GroupBanner {
    pub group_id: GroupId,
    pub content_type: String,
    pub bytes: Vec<u8>,
    pub width: i32,
    pub height: i32,
    pub version: String,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = sponsor_logos)]
pub struct SponsorLogo {
    pub sponsor_id: SponsorId,
    pub content_type: String,
    pub bytes: Vec<u8>,
    pub width: i32,
    pub height: i32,
    pub version: String,
    pub updated_at: NaiveDateTime,
}

/// A group's sponsor or host.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Insertable)]
#[diesel(table_name = sponsors)]
pub struct Sponsor {
    pub id: SponsorId,
    pub group_id: GroupId,
    pub name: String,
    pub url: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = meetup_sponsors)]
pub struct MeetupSponsor {
    pub meetup_id: MeetupId,
    pub sponsor_id: SponsorId,
    /// `venue`, `food`, `drinks` or `other` (see `domain::sponsor::SponsorRole`).
    pub role: String,
    pub position: i32,
}
