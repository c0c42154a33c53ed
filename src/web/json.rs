//! JSON shapes of the API: each a type, so the served OpenAPI document describes exactly what
//! the handlers send.

use crate::db::repo::sponsors::{MeetupSponsorRow, PictureRef, SponsorRow};
use serde::Serialize;
use utoipa::ToSchema;

use super::json_input::{GroupLink, TalkLink};
use crate::app::groups::VisibleMembers;
use crate::app::meetups::Private;
use crate::app::rsvps::VisibleAttendees;
use crate::app::talks::TalkView;
use crate::app::venue_suggestions::SuggestionView;
use crate::db::models::{Group, GroupMessage, Report, User, Venue};
use crate::db::repo::groups::MemberRow;
use crate::db::repo::meetups::MeetupRow;
use crate::db::repo::rsvps::Attendee;
use crate::domain::rsvp::{Party, RsvpStatus};
use crate::domain::talk::TalkStatus;
use crate::domain::time::format_utc;
use crate::urls::{
    group_calendar_url, group_url, meetup_calendar_url, meetup_url, personal_calendar_url,
    report_url,
};

/// `{"error": {"code", "message", "field"?}}`, the body of every 4xx and 5xx answer.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable, for programs: `validation_failed`, `not_found`, `rsvp_closed`…
    pub code: String,
    /// For people, in English.
    pub message: String,
    /// The input at fault, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Every input at fault, when a request has several (the first is `field`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<Vec<FieldDetail>>,
}

#[derive(Serialize, ToSchema)]
pub struct FieldDetail {
    pub field: String,
    pub message: String,
}

#[derive(Serialize, ToSchema)]
pub struct UserJson {
    pub id: String,
    pub email: String,
    pub name: String,
    /// `fr` or `en`.
    pub locale: String,
    /// Out of attendee and member lists but the organisers'.
    pub hide_from_lists: bool,
}

impl UserJson {
    pub fn new(user: &User) -> Self {
        UserJson {
            id: user.id.to_string(),
            email: user.email.clone(),
            name: user.name.clone(),
            locale: user.locale.code().into(),
            hide_from_lists: user.hide_from_lists,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct SignedIn {
    pub user: UserJson,
    /// A bearer token for `Authorization: Bearer …`.
    pub token: String,
}

#[derive(Serialize, ToSchema)]
pub struct CalendarLink {
    /// The personal iCal feed (secret: whoever has it sees the meetups you go to).
    pub url: String,
}

impl CalendarLink {
    pub fn new(base_url: &str, secret: &str) -> Self {
        CalendarLink {
            url: personal_calendar_url(base_url, secret),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct GroupJson {
    pub id: String,
    pub slug: String,
    pub name: String,
    pub description: String,
    /// IANA time zone, e.g. `Europe/Paris`: meetup times are read in it.
    pub timezone: String,
    pub locale: String,
    pub links: Vec<GroupLink>,
    /// Who reads attendee names: `members` (signed-in members; others see counts) or `public`.
    pub attendee_visibility: String,
    /// Where the group's code of conduct is read.
    pub code_of_conduct_url: Option<String>,
    /// Whom to tell of an incident: an address or a short text.
    pub incident_contact: Option<String>,
    /// Members accept the code of conduct when they join or first answer a meetup.
    pub require_code_of_conduct: bool,
    /// New meetups ask members going "Still coming?" this long before the start (`48h`);
    /// `null`: never.
    pub reconfirm_before: Option<String>,
    /// New meetups give unconfirmed seats to the waitlist this long before the start; `null`:
    /// never.
    pub auto_release_before: Option<String>,
    /// People without an account may answer its meetups (`POST /api/v1/meetups/{id}/guest-rsvp`).
    pub guest_rsvps: bool,
    pub members_count: i64,
    pub url: String,
    pub ics_url: String,
}

impl GroupJson {
    pub fn new(group: &Group, members_count: i64, base_url: &str) -> Self {
        GroupJson {
            id: group.id.to_string(),
            slug: group.slug.clone(),
            name: group.name.clone(),
            description: group.description.clone(),
            timezone: group.timezone.name().into(),
            locale: group.locale.code().into(),
            links: group.link_list().into_iter().map(Into::into).collect(),
            attendee_visibility: group.attendee_visibility.as_str().into(),
            code_of_conduct_url: group.code_of_conduct_url.clone(),
            incident_contact: group.incident_contact.clone(),
            require_code_of_conduct: group.require_code_of_conduct,
            reconfirm_before: group.reconfirm_before.clone(),
            auto_release_before: group.auto_release_before.clone(),
            guest_rsvps: group.guest_rsvps,
            members_count,
            url: group_url(base_url, &group.slug),
            ics_url: group_calendar_url(base_url, &group.slug),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct GroupList {
    pub groups: Vec<GroupJson>,
}

#[derive(Serialize, ToSchema)]
pub struct RoleJson {
    /// `organiser`, `helper` (ticks people in at the door, nothing else) or `member`.
    pub role: String,
}

#[derive(Serialize, ToSchema)]
pub struct MemberRoleJson {
    pub user_id: String,
    pub role: String,
}

#[derive(Serialize, ToSchema)]
pub struct MemberJson {
    pub user_id: String,
    pub name: String,
    pub role: String,
    /// Shown to the group's organisers only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// When they accepted the group's code of conduct (RFC 3339); shown to the group's
    /// organisers only, and only once accepted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_of_conduct_accepted_at: Option<String>,
}

impl MemberJson {
    pub fn new(member: &MemberRow, organiser: bool) -> Self {
        MemberJson {
            user_id: member.user_id.to_string(),
            name: member.name.clone(),
            role: member.role.as_str().to_string(),
            email: organiser.then(|| member.email.clone()),
            code_of_conduct_accepted_at: member
                .code_of_conduct_accepted_at
                .filter(|_| organiser)
                .map(format_utc),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct MemberList {
    pub members: Vec<MemberJson>,
    /// The caller may not read names here (see the group's `attendee_visibility`).
    pub names_hidden: bool,
    /// This page (from 1), its size, and how many members the caller may see in all.
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
}

impl MemberList {
    pub fn new(shown: &VisibleMembers) -> Self {
        MemberList {
            members: shown
                .members
                .iter()
                .map(|m| MemberJson::new(m, shown.viewer.organiser))
                .collect(),
            names_hidden: shown.names_hidden,
            page: shown.paging.page,
            per_page: shown.paging.per_page,
            total: shown.total,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct VenueJson {
    pub id: String,
    pub name: String,
    pub address: String,
    pub city: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub url: Option<String>,
    pub accessibility: AccessibilityJson,
    /// Seats: a new meetup's capacity unless it sets one.
    pub capacity: Option<i32>,
    /// How to get in: only for members going to the meetup and for organisers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry_instructions: Option<String>,
    /// Whom organisers call at the venue: only for organisers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host_contact: Option<String>,
}

/// What is known of a venue's accessibility; `null`: not known.
#[derive(Serialize, ToSchema)]
pub struct AccessibilityJson {
    pub step_free: Option<bool>,
    pub accessible_toilet: Option<bool>,
    pub hearing_loop: Option<bool>,
    pub notes: Option<String>,
}

impl VenueJson {
    /// The venue as anyone may read it.
    pub fn new(venue: &Venue) -> Self {
        let a = venue.accessibility();
        VenueJson {
            id: venue.id.to_string(),
            name: venue.name.clone(),
            address: venue.address.clone(),
            city: venue.city.clone(),
            latitude: venue.latitude,
            longitude: venue.longitude,
            url: venue.url.clone(),
            accessibility: AccessibilityJson {
                step_free: a.step_free,
                accessible_toilet: a.accessible_toilet,
                hearing_loop: a.hearing_loop,
                notes: a.notes,
            },
            capacity: venue.capacity,
            entry_instructions: None,
            host_contact: None,
        }
    }

    /// With how to get in, for those going.
    pub fn for_insiders(venue: &Venue) -> Self {
        VenueJson {
            entry_instructions: venue.entry_instructions.clone(),
            ..Self::new(venue)
        }
    }

    /// Everything, for the group's organisers.
    pub fn for_organisers(venue: &Venue) -> Self {
        VenueJson {
            host_contact: venue.host_contact.clone(),
            ..Self::for_insiders(venue)
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct VenueList {
    pub venues: Vec<VenueJson>,
}

/// A group asked to co-host a meetup.
#[derive(Serialize, ToSchema)]
pub struct CohostJson {
    pub slug: String,
    pub name: String,
    /// `accepted`; `pending` or `declined` are shown to organisers only.
    pub status: String,
}

impl From<&crate::app::cohosts::CohostView> for CohostJson {
    fn from(c: &crate::app::cohosts::CohostView) -> Self {
        CohostJson {
            slug: c.slug.clone(),
            name: c.name.clone(),
            status: c.status.as_str().to_string(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct MeetupJson {
    pub id: String,
    pub group_slug: String,
    pub title: String,
    pub description: String,
    /// UTC, RFC 3339.
    pub starts_at: String,
    pub ends_at: String,
    pub timezone: String,
    pub venue: Option<VenueJson>,
    /// Only for members going (and organisers) unless `online_url_visibility` is `public`.
    pub online_url: Option<String>,
    /// `going` or `public`.
    pub online_url_visibility: String,
    /// Seats, guests included; `null`: no limit.
    pub capacity: Option<i32>,
    pub rsvp_deadline: Option<String>,
    /// Members going are asked "Still coming?" this long before the start (`48h`); `null`:
    /// never.
    /// The groups co-hosting it (`GET /meetups/{id}` only; absent from lists).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cohosts: Option<Vec<CohostJson>>,
    pub reconfirm_before: Option<String>,
    /// Members going who have not confirmed by this long before the start give their seat to
    /// the waitlist; `null`: never.
    pub auto_release_before: Option<String>,
    /// Seats taken (members and their guests).
    pub going_count: i64,
    pub waitlist_count: i64,
    /// `scheduled` or `cancelled`.
    pub status: String,
    /// The iCalendar SEQUENCE: grows with each change calendars must follow.
    pub sequence: i32,
    pub url: String,
    pub ics_url: String,
    /// The series it is an occurrence of, if any.
    pub series_id: Option<String>,
    /// Its hosts and sponsors, in order (in the answer about one meetup; not in lists).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sponsors: Option<Vec<MeetupSponsorJson>>,
}

impl MeetupJson {
    /// `private`: what is for those going, as the caller may read it (`app::meetups::private_in`).
    pub fn new(row: &MeetupRow, base_url: &str, private: Private) -> Self {
        let m = &row.meetup;
        let online_url = private.online_url;
        MeetupJson {
            id: m.id.to_string(),
            group_slug: row.group.slug.clone(),
            title: m.title.clone(),
            description: m.description.clone(),
            starts_at: format_utc(m.starts_at),
            ends_at: format_utc(m.ends_at),
            timezone: row.group.timezone.name().into(),
            venue: row.venue.as_ref().map(|v| VenueJson {
                entry_instructions: private.entry_instructions,
                ..VenueJson::new(v)
            }),
            online_url,
            online_url_visibility: m.online_url_visibility.as_str().into(),
            capacity: m.capacity,
            rsvp_deadline: m.rsvp_deadline.map(format_utc),
            cohosts: None,
            reconfirm_before: m.reconfirm_before.clone(),
            auto_release_before: m.auto_release_before.clone(),
            going_count: row.counts.going_seats,
            waitlist_count: row.counts.waitlisted,
            status: m.status.as_str().to_string(),
            sequence: m.sequence,
            url: meetup_url(base_url, &row.group.slug, &m.id),
            ics_url: meetup_calendar_url(base_url, &m.id),
            series_id: m.series_id.as_ref().map(ToString::to_string),
            sponsors: None,
        }
    }
}

/// A series as its organisers set it, with its occurrences to come.
#[derive(Serialize, ToSchema)]
pub struct SeriesJson {
    pub id: String,
    pub group_slug: String,
    pub title: String,
    pub description: String,
    /// The RFC 5545 RRULE, read in the group's time zone.
    pub rule: String,
    /// Local time of day: `19:00`.
    pub start_time: String,
    pub duration_minutes: i32,
    pub venue_id: Option<String>,
    pub capacity: Option<i32>,
    pub online_url: Option<String>,
    /// Who reads the occurrences' online link: `going` or `public`.
    pub online_url_visibility: String,
    /// How long before each start RSVPs close, in minutes.
    pub rsvp_deadline_minutes: Option<i32>,
    /// How many occurrences exist ahead at all times.
    pub horizon: i32,
    /// When the series was ended, if it was.
    pub ended_at: Option<String>,
    /// The occurrences to come, soonest first (cancelled ones left out).
    pub next: Vec<MeetupJson>,
}

impl SeriesJson {
    /// `next`: the occurrences to come, with each one's online link as the caller may read
    /// it; the template's link only for organisers (`organiser`).
    pub fn new(
        view: &crate::app::series::SeriesView,
        base_url: &str,
        next: &[MeetupRow],
        links: Vec<Private>,
        organiser: bool,
    ) -> Self {
        let s = &view.series;
        SeriesJson {
            id: s.id.to_string(),
            group_slug: view.group.slug.clone(),
            title: s.title.clone(),
            description: s.description.clone(),
            rule: s.rule.clone(),
            start_time: s.dtstart.format("%H:%M").to_string(),
            duration_minutes: s.duration_minutes,
            venue_id: s.venue_id.as_ref().map(ToString::to_string),
            capacity: s.capacity,
            online_url: s.online_url.clone().filter(|_| organiser),
            online_url_visibility: s.online_url_visibility.as_str().to_string(),
            rsvp_deadline_minutes: s.rsvp_deadline_minutes,
            horizon: s.horizon,
            ended_at: s.ended_at.map(format_utc),
            next: next
                .iter()
                .zip(links)
                .map(|(row, link)| MeetupJson::new(row, base_url, link))
                .collect(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct MeetupList {
    pub meetups: Vec<MeetupJson>,
}

#[derive(Serialize, ToSchema)]
pub struct RsvpJson {
    /// `going`, `waitlisted` or `not_going`.
    pub status: String,
    pub guests: i32,
    /// 1 for the next to get a seat; `null` unless waitlisted.
    pub waitlist_position: Option<usize>,
    /// Going, and answered "Still coming?" (or answered or was promoted after it was asked).
    pub confirmed: bool,
}

impl RsvpJson {
    pub fn new(party: &Party, position: Option<usize>, confirmed: bool) -> Self {
        let going_or_waiting = party.status != RsvpStatus::NotGoing;
        RsvpJson {
            status: party.status.as_str().to_string(),
            guests: if going_or_waiting { party.guests } else { 0 },
            waitlist_position: position,
            confirmed: confirmed && party.status == RsvpStatus::Going,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct GoingJson {
    pub user_id: String,
    pub name: String,
    pub guests: i32,
    pub attended: bool,
    /// Shown to the group's organisers only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Answered "Still coming?" (or answered or was promoted after it was asked); shown to
    /// the group's organisers only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confirmed: Option<bool>,
}

#[derive(Serialize, ToSchema)]
pub struct WaitingJson {
    pub user_id: String,
    pub name: String,
    pub guests: i32,
    pub position: Option<usize>,
    /// Shown to the group's organisers only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct AttendeeList {
    pub going: Vec<GoingJson>,
    pub waitlist: Vec<WaitingJson>,
    /// The caller may not read names here (see the group's `attendee_visibility`).
    pub names_hidden: bool,
}

impl AttendeeList {
    pub fn new(shown: &VisibleAttendees) -> Self {
        let (going, waitlist) = (&shown.going, &shown.waitlist);
        let organiser = shown.viewer.organiser;
        let email = |a: &Attendee| organiser.then(|| a.email.clone());
        AttendeeList {
            going: going
                .iter()
                .map(|a| GoingJson {
                    user_id: a.user_id.to_string(),
                    name: a.name.clone(),
                    guests: a.guests,
                    attended: a.attended,
                    email: email(a),
                    confirmed: organiser.then_some(a.confirmed),
                })
                .collect(),
            waitlist: waitlist
                .iter()
                .map(|a| WaitingJson {
                    user_id: a.user_id.to_string(),
                    name: a.name.clone(),
                    guests: a.guests,
                    position: a.position,
                    email: email(a),
                })
                .collect(),
            names_hidden: shown.names_hidden,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct AttendanceJson {
    pub user_id: String,
    pub attended: bool,
}

#[derive(Serialize, ToSchema)]
pub struct TalkJson {
    pub id: String,
    /// `null` while the talk waits in its group's pool.
    pub meetup_id: Option<String>,
    pub title: String,
    #[serde(rename = "abstract")]
    pub abstract_text: String,
    pub duration_minutes: i32,
    pub speaker_name: Option<String>,
    /// `proposed`, `accepted`, `rejected` or `withdrawn`.
    pub status: String,
    /// Place in the programme, 1..n, for accepted talks.
    pub position: Option<i32>,
    /// Running start time (UTC), for accepted talks only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub starts_at: Option<Option<String>>,
    /// Slides, video, code…
    pub links: Vec<TalkLink>,
    pub votes: i64,
    /// Whether the viewer voted for it; absent for anonymous viewers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub voted: Option<bool>,
}

impl TalkJson {
    pub fn new(t: &TalkView) -> Self {
        TalkJson {
            id: t.id.to_string(),
            meetup_id: t.meetup_id.as_ref().map(|m| m.to_string()),
            title: t.title.clone(),
            abstract_text: t.abstract_text.clone(),
            duration_minutes: t.duration_minutes,
            speaker_name: t.speaker_name.clone(),
            status: t.status.as_str().to_string(),
            position: t.position,
            starts_at: (t.status == TalkStatus::Accepted && t.meetup_id.is_some())
                .then(|| t.starts_at.map(format_utc)),
            links: t.links.iter().cloned().map(Into::into).collect(),
            votes: t.votes,
            voted: t.voted_by_me,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct TalkList {
    pub talks: Vec<TalkJson>,
}

#[derive(Serialize, ToSchema)]
pub struct SuggestionJson {
    pub id: String,
    pub name: String,
    pub address: String,
    pub url: Option<String>,
    pub note: Option<String>,
    pub meetup_id: Option<String>,
    pub votes: i64,
    /// `open`, `accepted` or `declined`.
    pub status: String,
    /// The group's venue made from it, once accepted.
    pub venue_id: Option<String>,
    /// `null` when the caller may not read it: names follow the group's `attendee_visibility`
    /// (members only, or public), and a suggester who keeps out of lists is named to the
    /// organisers only; the suggester always reads their own.
    pub suggester_name: Option<String>,
    pub created_at: String,
    pub decided_at: Option<String>,
    /// For signed-in callers only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub voted_by_me: Option<bool>,
}

impl SuggestionJson {
    pub fn new(s: &SuggestionView) -> Self {
        SuggestionJson {
            id: s.id.to_string(),
            name: s.name.clone(),
            address: s.address.clone(),
            url: s.url.clone(),
            note: s.note.clone(),
            meetup_id: s.meetup_id.as_ref().map(ToString::to_string),
            votes: s.votes,
            status: s.status.as_str().to_string(),
            venue_id: s.venue_id.as_ref().map(ToString::to_string),
            suggester_name: s.suggester_name.clone(),
            created_at: format_utc(s.created_at),
            decided_at: s.decided_at.map(format_utc),
            voted_by_me: s.voted_by_me,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct SuggestionList {
    pub suggestions: Vec<SuggestionJson>,
}

#[derive(Serialize, ToSchema)]
pub struct VotesJson {
    pub votes: i64,
    pub voted_by_me: bool,
}

#[derive(Serialize, ToSchema)]
pub struct ReportSaved {
    pub slug: String,
    pub url: String,
    pub published: bool,
}

#[derive(Serialize, ToSchema)]
pub struct ReportJson {
    pub meetup_id: String,
    pub slug: String,
    pub title: String,
    pub body_markdown: String,
    /// The Markdown rendered and sanitised.
    pub body_html: String,
    pub published: bool,
    pub url: String,
}

impl ReportJson {
    pub fn new(report: &Report, group_slug: &str, base_url: &str) -> Self {
        ReportJson {
            meetup_id: report.meetup_id.to_string(),
            slug: report.slug.clone(),
            title: report.title.clone(),
            body_markdown: report.body_markdown.clone(),
            body_html: crate::reports::render_markdown(&report.body_markdown),
            published: report.published,
            url: report_url(base_url, group_slug, &report.slug),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ReportImported {
    pub slug: String,
    pub meetup_id: String,
    pub url: String,
}

/// An organiser's message, as sent.
#[derive(Serialize, ToSchema)]
pub struct MessageJson {
    pub id: String,
    /// The meetup it is about; null for a message to the whole group.
    pub meetup_id: Option<String>,
    /// `going`, `waitlisted`, `attended` or `all_members`.
    pub audience: &'static str,
    pub subject: String,
    pub body: String,
    /// How many members it was sent to.
    pub recipients: i32,
    pub sent_at: String,
}

impl MessageJson {
    pub fn new(m: &GroupMessage) -> Self {
        MessageJson {
            id: m.id.to_string(),
            meetup_id: m.meetup_id.as_ref().map(ToString::to_string),
            audience: m.audience.as_str(),
            subject: m.subject.clone(),
            body: m.body.clone(),
            recipients: m.recipients,
            sent_at: format_utc(m.sent_at),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct MessageList {
    pub messages: Vec<MessageJson>,
}

/// A message just sent.
#[derive(Serialize, ToSchema)]
pub struct MessageSent {
    pub id: String,
    /// How many members it was sent to (those who turned messages off are not counted).
    pub recipients: i32,
}

// --- Banners and sponsors.

/// A picture as served.
#[derive(Serialize, ToSchema)]
pub struct PictureJson {
    /// Absolute; changes with the picture, so it may be cached for good.
    pub url: String,
    /// `image/jpeg`, or `image/png` for a picture with transparency.
    pub content_type: String,
    pub width: i32,
    pub height: i32,
}

impl PictureJson {
    pub fn new(base_url: &str, path: String, p: &PictureRef) -> Self {
        PictureJson {
            url: format!("{base_url}{path}"),
            content_type: p.content_type.clone(),
            width: p.width,
            height: p.height,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct SponsorJson {
    pub id: String,
    pub name: String,
    pub url: Option<String>,
    pub logo: Option<PictureJson>,
}

impl SponsorJson {
    pub fn new(base_url: &str, row: &SponsorRow) -> Self {
        let s = &row.sponsor;
        SponsorJson {
            id: s.id.to_string(),
            name: s.name.clone(),
            url: s.url.clone(),
            logo: row
                .logo
                .as_ref()
                .map(|l| PictureJson::new(base_url, crate::urls::logo_path(&s.id, &l.version), l)),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct SponsorList {
    pub sponsors: Vec<SponsorJson>,
}

/// A sponsor as a meetup names it.
#[derive(Serialize, ToSchema)]
pub struct MeetupSponsorJson {
    pub sponsor_id: String,
    /// `venue`, `food`, `drinks` or `other`.
    pub role: String,
    pub name: String,
    pub url: Option<String>,
    pub logo: Option<PictureJson>,
}

impl MeetupSponsorJson {
    pub fn new(base_url: &str, row: &MeetupSponsorRow) -> Self {
        let s = SponsorJson::new(base_url, &row.sponsor);
        MeetupSponsorJson {
            sponsor_id: s.id,
            role: row.role.as_str().to_string(),
            name: s.name,
            url: s.url,
            logo: s.logo,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct MeetupSponsorList {
    pub sponsors: Vec<MeetupSponsorJson>,
}

/// The meetup's sponsors as JSON.
pub fn meetup_sponsor_list(base_url: &str, list: &[MeetupSponsorRow]) -> MeetupSponsorList {
    MeetupSponsorList {
        sponsors: list
            .iter()
            .map(|s| MeetupSponsorJson::new(base_url, s))
            .collect(),
    }
}
