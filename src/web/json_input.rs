//! JSON bodies the API reads, and the shapes they share with its answers: each converts into
//! the input the use case takes, so the served OpenAPI document describes exactly what is read.
//! A field added on one side and not the other does not compile (the conversions name them all).

use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;

use crate::app;
use crate::domain;
use crate::domain::ids::MeetupId;
use crate::domain::venue::Accessibility;

/// Distinguishes a field left out (`None`, through `default`) from one set to null (`Some(None)`).
fn present<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// What a client sends to create or change a meetup; absent fields keep their value.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct MeetupInput {
    pub title: Option<String>,
    pub description: Option<String>,
    pub starts_at: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub ends_at: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub venue_id: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub online_url: Option<Option<String>>,
    /// Who reads the online link: `going` (the default: members going, and organisers) or
    /// `public`.
    pub online_url_visibility: Option<String>,
    /// On creation: tell the group's members at once (the default), or not (announce later).
    pub announce: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    pub capacity: Option<Option<i64>>,
    #[serde(default, deserialize_with = "present")]
    pub rsvp_deadline: Option<Option<String>>,
    /// Ask members going "Still coming?" this long before the start (`48h`, `2d`; 1 hour to 30
    /// days); `null` for never. On creation, the group's `reconfirm_before` when absent.
    #[serde(default, deserialize_with = "present")]
    pub reconfirm_before: Option<Option<String>>,
    /// Members going who have not confirmed by this long before the start (`24h`, shorter than
    /// `reconfirm_before`) give their seat to the waitlist; `null` for never (the default).
    #[serde(default, deserialize_with = "present")]
    pub auto_release_before: Option<Option<String>>,
    /// On a change: a short word (at most 500 characters) to the members told of it, e.g. "ring
    /// at 'Bivouac'"; carried in the change notice, not kept on the meetup.
    pub note: Option<String>,
}

impl From<MeetupInput> for domain::meetup::MeetupInput {
    fn from(input: MeetupInput) -> Self {
        let MeetupInput {
            title,
            description,
            starts_at,
            ends_at,
            venue_id,
            online_url,
            online_url_visibility,
            announce,
            capacity,
            rsvp_deadline,
            reconfirm_before,
            auto_release_before,
            note,
        } = input;
        domain::meetup::MeetupInput {
            title,
            description,
            starts_at,
            ends_at,
            venue_id,
            online_url,
            online_url_visibility,
            announce,
            capacity,
            rsvp_deadline,
            reconfirm_before,
            auto_release_before,
            note,
        }
    }
}

/// What a client sends to copy a meetup to another date.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct DuplicateInput {
    /// The copy's start, local to the group's time zone (`2031-01-07T19:00`) or RFC 3339.
    pub starts_at: Option<String>,
    /// Tell the group's members at once (the default), or not (announce later).
    pub announce: Option<bool>,
}

impl From<DuplicateInput> for domain::meetup::DuplicateInput {
    fn from(input: DuplicateInput) -> Self {
        let DuplicateInput {
            starts_at,
            announce,
        } = input;
        domain::meetup::DuplicateInput {
            starts_at,
            announce,
        }
    }
}

/// What an organiser sends to start a series.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct SeriesInput {
    /// The occurrences' title; `#{n}` becomes their number in the series (`Apéro #{n}`).
    pub title: Option<String>,
    pub description: Option<String>,
    /// An RFC 5545 RRULE, daily to yearly: `FREQ=MONTHLY;BYDAY=2TU`,
    /// `FREQ=WEEKLY;INTERVAL=2;BYDAY=TH`, `FREQ=MONTHLY;BYDAY=-1FR;COUNT=10`.
    pub rule: Option<String>,
    /// Local time of day in the group's time zone: `19:00`.
    pub start_time: Option<String>,
    /// The first day the series may have a meetup (`2027-01-12`); today when left out.
    pub starts_on: Option<String>,
    /// Length of each occurrence (default 120).
    pub duration_minutes: Option<i64>,
    pub venue_id: Option<String>,
    pub capacity: Option<i64>,
    pub online_url: Option<String>,
    /// Who reads the occurrences' online link: `going` (the default: members going, and
    /// organisers) or `public`.
    pub online_url_visibility: Option<String>,
    /// How long before each start RSVPs close: `4h`, `1d`.
    pub rsvp_deadline_before: Option<String>,
    /// How many occurrences exist ahead at all times (default 3, at most 12).
    pub horizon: Option<i64>,
}

impl From<SeriesInput> for domain::series::SeriesInput {
    fn from(input: SeriesInput) -> Self {
        let SeriesInput {
            title,
            description,
            rule,
            start_time,
            starts_on,
            duration_minutes,
            venue_id,
            capacity,
            online_url,
            online_url_visibility,
            rsvp_deadline_before,
            horizon,
        } = input;
        domain::series::SeriesInput {
            title,
            description,
            rule,
            start_time,
            starts_on,
            duration_minutes,
            venue_id,
            capacity,
            online_url,
            online_url_visibility,
            rsvp_deadline_before,
            horizon,
        }
    }
}

/// What a client sends to propose or edit a talk; absent fields keep their value.
#[derive(Debug, Default, Clone, Deserialize, ToSchema)]
pub struct TalkInput {
    pub title: Option<String>,
    #[serde(rename = "abstract")]
    pub abstract_text: Option<String>,
    pub duration_minutes: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub speaker_name: Option<Option<String>>,
}

impl From<TalkInput> for domain::talk::TalkInput {
    fn from(input: TalkInput) -> Self {
        let TalkInput {
            title,
            abstract_text,
            duration_minutes,
            speaker_name,
        } = input;
        domain::talk::TalkInput {
            title,
            abstract_text,
            duration_minutes,
            speaker_name,
        }
    }
}

/// A PATCH body: edit fields, and/or a decision `{status, position?}`.
#[derive(Debug, Default, Clone, Deserialize, ToSchema)]
pub struct TalkPatch {
    pub title: Option<String>,
    #[serde(rename = "abstract")]
    pub abstract_text: Option<String>,
    pub duration_minutes: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub speaker_name: Option<Option<String>>,
    pub status: Option<String>,
    pub position: Option<i64>,
    /// An upcoming meetup of the talk's group to put the talk in (accepted), or to move it to.
    #[schema(value_type = Option<String>)]
    pub meetup_id: Option<MeetupId>,
}

impl From<TalkPatch> for domain::talk::TalkPatch {
    fn from(patch: TalkPatch) -> Self {
        let TalkPatch {
            title,
            abstract_text,
            duration_minutes,
            speaker_name,
            status,
            position,
            meetup_id,
        } = patch;
        domain::talk::TalkPatch {
            title,
            abstract_text,
            duration_minutes,
            speaker_name,
            status,
            position,
            meetup_id,
        }
    }
}

/// What a talk's material is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum LinkKind {
    Slides,
    Video,
    Code,
    Other,
}

impl From<LinkKind> for domain::talk::LinkKind {
    fn from(kind: LinkKind) -> Self {
        match kind {
            LinkKind::Slides => domain::talk::LinkKind::Slides,
            LinkKind::Video => domain::talk::LinkKind::Video,
            LinkKind::Code => domain::talk::LinkKind::Code,
            LinkKind::Other => domain::talk::LinkKind::Other,
        }
    }
}

impl From<domain::talk::LinkKind> for LinkKind {
    fn from(kind: domain::talk::LinkKind) -> Self {
        match kind {
            domain::talk::LinkKind::Slides => LinkKind::Slides,
            domain::talk::LinkKind::Video => LinkKind::Video,
            domain::talk::LinkKind::Code => LinkKind::Code,
            domain::talk::LinkKind::Other => LinkKind::Other,
        }
    }
}

/// A talk's material: slides, a recording, code, anything else on the web.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct TalkLink {
    pub kind: LinkKind,
    /// An `http` or `https` URL.
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

impl From<TalkLink> for domain::talk::TalkLink {
    fn from(link: TalkLink) -> Self {
        let TalkLink { kind, url, title } = link;
        domain::talk::TalkLink {
            kind: kind.into(),
            url,
            title,
        }
    }
}

impl From<domain::talk::TalkLink> for TalkLink {
    fn from(link: domain::talk::TalkLink) -> Self {
        let domain::talk::TalkLink { kind, url, title } = link;
        TalkLink {
            kind: kind.into(),
            url,
            title,
        }
    }
}

/// What a client sends to suggest a venue.
#[derive(Debug, Default, Clone, Deserialize, ToSchema)]
pub struct SuggestionInput {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub address: String,
    pub url: Option<String>,
    pub note: Option<String>,
    pub meetup_id: Option<String>,
}

impl From<SuggestionInput> for domain::venue_suggestion::SuggestionInput {
    fn from(input: SuggestionInput) -> Self {
        let SuggestionInput {
            name,
            address,
            url,
            note,
            meetup_id,
        } = input;
        domain::venue_suggestion::SuggestionInput {
            name,
            address,
            url,
            note,
            meetup_id,
        }
    }
}

/// A link shown on the group page: website, social account, chat channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct GroupLink {
    pub label: String,
    pub url: String,
}

impl From<GroupLink> for domain::group::GroupLink {
    fn from(link: GroupLink) -> Self {
        let GroupLink { label, url } = link;
        domain::group::GroupLink { label, url }
    }
}

impl From<domain::group::GroupLink> for GroupLink {
    fn from(link: domain::group::GroupLink) -> Self {
        let domain::group::GroupLink { label, url } = link;
        GroupLink { label, url }
    }
}

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct GroupInput {
    #[serde(default)]
    pub slug: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub timezone: String,
    #[serde(default)]
    pub locale: String,
    #[serde(default)]
    pub links: Vec<GroupLink>,
    /// Who reads the names of the people going: `members` (the default: signed-in members of
    /// the group; others see counts) or `public`.
    #[serde(default)]
    pub attendee_visibility: String,
    /// Where the group's code of conduct is read (`http(s)://…`); `null` or blank for none.
    #[serde(default)]
    pub code_of_conduct_url: Option<String>,
    /// Whom to tell of an incident: an e-mail address or a short text (200 characters at most).
    #[serde(default)]
    pub incident_contact: Option<String>,
    /// Members accept the code of conduct when they join or first answer a meetup (with a
    /// `code_of_conduct_url` only).
    #[serde(default)]
    pub require_code_of_conduct: bool,
    /// New meetups ask members going "Still coming?" this long before the start (`48h`, `2d`;
    /// 1 hour to 30 days); `null` for never.
    #[serde(default)]
    pub reconfirm_before: Option<String>,
    /// New meetups give the seats of members who did not confirm to the waitlist this long
    /// before the start (`24h`; shorter than `reconfirm_before`); `null` for never.
    #[serde(default)]
    pub auto_release_before: Option<String>,
    /// People without an account may answer the group's meetups with a name and an e-mail
    /// address (`POST /api/v1/meetups/{id}/guest-rsvp`); on unless set to `false`.
    #[serde(default = "answers_without_account")]
    pub guest_rsvps: bool,
}

fn answers_without_account() -> bool {
    true
}

impl From<GroupInput> for app::groups::GroupInput {
    fn from(input: GroupInput) -> Self {
        let GroupInput {
            slug,
            name,
            description,
            timezone,
            locale,
            links,
            attendee_visibility,
            code_of_conduct_url,
            incident_contact,
            require_code_of_conduct,
            reconfirm_before,
            auto_release_before,
            guest_rsvps,
        } = input;
        app::groups::GroupInput {
            slug,
            name,
            description,
            timezone,
            locale,
            links: links.into_iter().map(Into::into).collect(),
            attendee_visibility,
            code_of_conduct_url,
            incident_contact,
            require_code_of_conduct,
            reconfirm_before,
            auto_release_before,
            guest_rsvps,
        }
    }
}

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct VenueInput {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub address: String,
    pub city: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub url: Option<String>,
    #[serde(default)]
    pub accessibility: AccessibilityInput,
    /// Floor, door code, whom to ask: shown only to members going and to organisers.
    pub entry_instructions: Option<String>,
    /// Whom organisers call at the venue: shown only to organisers.
    pub host_contact: Option<String>,
    /// Seats: a new meetup's capacity unless it sets one.
    pub capacity: Option<i64>,
}

/// What is known of a venue's accessibility (public); `null` or absent: not known.
#[derive(Debug, Default, Clone, Deserialize, ToSchema)]
pub struct AccessibilityInput {
    pub step_free: Option<bool>,
    pub accessible_toilet: Option<bool>,
    pub hearing_loop: Option<bool>,
    pub notes: Option<String>,
}

impl From<AccessibilityInput> for Accessibility {
    fn from(a: AccessibilityInput) -> Self {
        Accessibility {
            step_free: a.step_free,
            accessible_toilet: a.accessible_toilet,
            hearing_loop: a.hearing_loop,
            notes: a.notes,
        }
    }
}

impl From<VenueInput> for app::groups::VenueInput {
    fn from(input: VenueInput) -> Self {
        let VenueInput {
            name,
            address,
            city,
            latitude,
            longitude,
            url,
            accessibility,
            entry_instructions,
            host_contact,
            capacity,
        } = input;
        app::groups::VenueInput {
            name,
            address,
            city,
            latitude,
            longitude,
            url,
            accessibility: accessibility.into(),
            entry_instructions,
            host_contact,
            capacity,
        }
    }
}

/// A partial change of a venue: absent fields keep their value, `null` clears an optional one.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct VenuePatch {
    pub name: Option<String>,
    pub address: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub city: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub latitude: Option<Option<f64>>,
    #[serde(default, deserialize_with = "present")]
    pub longitude: Option<Option<f64>>,
    #[serde(default, deserialize_with = "present")]
    pub url: Option<Option<String>>,
    /// Replaces what is known of the venue's accessibility as a whole.
    pub accessibility: Option<AccessibilityInput>,
    #[serde(default, deserialize_with = "present")]
    pub entry_instructions: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub host_contact: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub capacity: Option<Option<i64>>,
}

impl From<VenuePatch> for app::groups::VenuePatch {
    fn from(patch: VenuePatch) -> Self {
        let VenuePatch {
            name,
            address,
            city,
            latitude,
            longitude,
            url,
            accessibility,
            entry_instructions,
            host_contact,
            capacity,
        } = patch;
        app::groups::VenuePatch {
            name,
            address,
            city,
            latitude,
            longitude,
            url,
            accessibility: accessibility.map(Into::into),
            entry_instructions,
            host_contact,
            capacity,
        }
    }
}

/// What a member may change of their profile; absent fields keep their value.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ProfileChange {
    pub name: Option<String>,
    /// `fr` or `en`: pages and mails in that language.
    pub locale: Option<String>,
    /// Keep out of attendee and member lists but the organisers' (counts still include you).
    pub hide_from_lists: Option<bool>,
}

impl From<ProfileChange> for app::accounts::ProfileChange {
    fn from(change: ProfileChange) -> Self {
        let ProfileChange {
            name,
            locale,
            hide_from_lists,
        } = change;
        app::accounts::ProfileChange {
            name,
            locale,
            hide_from_lists,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::talk::{self, TalkAction, Verdict};

    #[test]
    fn patch_bodies_become_actions() {
        let p = |v: serde_json::Value| {
            talk::TalkPatch::from(serde_json::from_value::<TalkPatch>(v).unwrap()).actions()
        };
        assert!(matches!(
            p(serde_json::json!({ "status": "accepted", "position": 2 })).unwrap()[..],
            [TalkAction::Decide {
                verdict: Verdict::Accept,
                position: Some(2)
            }]
        ));
        assert!(matches!(
            p(serde_json::json!({ "status": "proposed" })).unwrap()[..],
            [TalkAction::Reopen]
        ));
        assert!(matches!(
            p(serde_json::json!({ "position": 1 })).unwrap()[..],
            [TalkAction::Move { position: 1 }]
        ));
        assert!(matches!(
            p(serde_json::json!({ "title": "x" })).unwrap()[..],
            [TalkAction::Edit(_)]
        ));
        assert_eq!(
            p(serde_json::json!({ "status": "withdrawn" }))
                .unwrap_err()
                .field,
            "status"
        );
        assert_eq!(
            p(serde_json::json!({ "status": "accepted", "position": 0 }))
                .unwrap_err()
                .field,
            "position"
        );
    }
}
