//! Sections several pages share (the RSVP box, the programme, venue suggestions, report links,
//! meetup lists), built from use-case data into the views' models.

use crate::domain::conduct::is_required;
use maud::Markup;

use crate::app::rsvps::MeetupRsvps;
use crate::app::talks::{MeetupTalks, TalkView};
use crate::app::venue_suggestions::GroupSuggestions;
use crate::db::models::{Group, Series};
use crate::db::now;
use crate::db::repo::meetups::MeetupRow;
use crate::db::repo::reports::ReportLink;
use crate::db::repo::rsvps::Attendee;
use crate::domain::rsvp::{check_open, guest_room, release_open, RsvpStatus};
use crate::domain::talk::TalkStatus;
use crate::domain::time::to_local;
use crate::domain::venue_suggestion::SuggestionStatus;
use crate::i18n::{
    link_label, long_date, long_datetime, rule_in_words, time_of_day, time_span, Lang,
};
use crate::urls;
use crate::views::groups::MeetupItem;
use crate::views::reports::report_links;
use crate::views::rsvp::{rsvp_panel, PersonView, RsvpPanel};
use crate::views::talks::{self as view, SuggestionItem, TalkItem, TalksPanel};
use crate::web::extract::Page;
use crate::web::pages::meetup_path;

pub fn meetup_item(row: &MeetupRow, lang: Lang, with_group: bool) -> MeetupItem {
    let tz = row.group.tz();
    MeetupItem {
        path: meetup_path(row),
        title: row.meetup.title.clone(),
        when: long_datetime(lang, to_local(row.meetup.starts_at, tz)),
        group_name: with_group.then(|| row.group.name.clone()),
        place: row.venue.as_ref().map(|v| v.name.clone()),
        cancelled: row.meetup.is_cancelled(),
        seats_left: seats_left(row),
        answer: None,
    }
}

/// Seats still free at a meetup to come with a capacity (none to show otherwise).
fn seats_left(row: &MeetupRow) -> Option<i64> {
    let m = &row.meetup;
    let to_come = !m.is_cancelled() && m.starts_at > now();
    m.capacity
        .filter(|_| to_come)
        .map(|c| (i64::from(c) - row.counts.going_seats).max(0))
}

/// « jeudi 3 décembre 2026, 19:00 – 21:00 », in the group's zone (the end's date too when it
/// is another day).
pub fn when_text(row: &MeetupRow, lang: Lang) -> String {
    let tz = row.group.tz();
    let m = &row.meetup;
    time_span(lang, to_local(m.starts_at, tz), to_local(m.ends_at, tz))
}

pub fn person(a: Attendee) -> PersonView {
    PersonView {
        user_id: a.user_id.into(),
        name: a.name,
        email: a.email,
        guests: a.guests,
        attended: a.attended,
        came: if a.attended { 1 + a.guests_came } else { 0 },
        position: a.position,
        confirmed: a.confirmed,
    }
}

/// The meetup page's RSVP section for whoever is looking.
pub fn rsvp_section(page: &Page, row: &MeetupRow, rsvps: MeetupRsvps) -> Markup {
    let m = &row.meetup;
    let free_seats = m
        .capacity
        .map(|c| (i64::from(c) - row.counts.going_seats).max(0));
    let going_guests = rsvps
        .own
        .as_ref()
        .filter(|(p, _)| p.status == RsvpStatus::Going)
        .map(|(p, _)| p.guests);
    let deadline = m
        .rsvp_deadline
        .map(|d| long_datetime(page.lang, to_local(d, row.group.tz())));
    let conduct_url = row.group.code_of_conduct_url.clone().filter(|url| {
        is_required(row.group.require_code_of_conduct, Some(url))
            && !page.viewer.organises(&row.group.id)
            && rsvps.own.is_none()
    });
    let panel = RsvpPanel {
        conduct_url,
        meetup_path: meetup_path(row),
        signed_in: page.viewer.is_signed_in(),
        own: rsvps
            .own
            .map(|(p, position)| (p.status, p.guests, position)),
        capacity: m.capacity,
        going_seats: row.counts.going_seats,
        open: check_open(m.is_cancelled(), m.starts_at, m.rsvp_deadline, now()),
        names_hidden: rsvps.attendees.names_hidden,
        waitlisted: row.counts.waitlisted,
        going: rsvps.attendees.going.into_iter().map(person).collect(),
        waitlist: rsvps.attendees.waitlist.into_iter().map(person).collect(),
        guest_room: guest_room(free_seats, going_guests),
        deadline,
        release_open: release_open(m.is_cancelled(), m.starts_at, now()),
        guest_rsvps: row.group.guest_rsvps,
        questions: question_fields(page, &row.meetup.id, rsvps.questions),
    };
    rsvp_panel(&page.chrome(), &panel)
}

pub fn talk_item(lang: Lang, t: &TalkView, row: &MeetupRow) -> TalkItem {
    TalkItem {
        id: t.id.to_string(),
        title: t.title.clone(),
        abstract_text: t.abstract_text.clone(),
        speaker: t.speaker.clone(),
        minutes: t.duration_minutes,
        status: t.status,
        position: t.position,
        time: t
            .starts_at
            .map(|s| time_of_day(lang, to_local(s, row.group.tz()))),
        own: t.own,
        can_edit: t.can.edit,
        can_decide: t.can.decide,
        can_reopen: t.can.reopen,
        can_move: t.can.move_in_programme,
        can_withdraw: t.can.withdraw,
        can_materials: t.can.materials,
        links: t
            .links
            .iter()
            .map(|l| (link_label(lang, l), l.url.clone()))
            .collect(),
    }
}

/// The meetup page's programme section for whoever is looking.
pub fn talks_section(page: &Page, row: &MeetupRow, talks: &MeetupTalks) -> Markup {
    let items: Vec<TalkItem> = talks
        .talks
        .iter()
        .map(|t| talk_item(page.lang, t, row))
        .collect();
    let panel = TalksPanel {
        meetup_path: meetup_path(row),
        pending: items
            .iter()
            .filter(|t| t.status == TalkStatus::Proposed)
            .count(),
        mine: talks
            .talks
            .iter()
            .filter(|t| t.own && t.status != TalkStatus::Accepted)
            .map(|t| talk_item(page.lang, t, row))
            .collect(),
        programme: items
            .into_iter()
            .filter(|t| t.status == TalkStatus::Accepted)
            .collect(),
        signed_in: page.viewer.is_signed_in(),
        organiser: talks.organiser,
        upcoming: row.meetup.starts_at > now(),
        may_report: page.viewer.standing_in(&row.group.id).member,
    };
    view::talks_panel(&page.chrome(), &panel)
}

/// The group page's venue suggestions section.
pub fn suggestions_section(page: &Page, group: &Group, list: &GroupSuggestions) -> Markup {
    let items: Vec<SuggestionItem> = list
        .suggestions
        .iter()
        .filter(|s| s.status != SuggestionStatus::Declined)
        .map(|s| SuggestionItem {
            id: s.id.to_string(),
            name: s.name.clone(),
            address: s.address.clone(),
            url: s.url.clone(),
            note: s.note.clone(),
            suggester: s.suggester_name.clone(),
            votes: s.votes,
            voted: s.voted_by_me.unwrap_or(false),
            status: s.status,
            can_vote: s.can_vote,
            can_decide: s.can_decide,
        })
        .collect();
    view::suggestions_panel(
        &page.chrome(),
        &group.slug,
        page.viewer.is_signed_in(),
        &items,
    )
}

/// The group page's section listing published reports.
/// The group's running series, each with its rule in words (nothing when there is none).
pub fn series_section(page: &Page, group: &Group, list: &[Series]) -> Markup {
    let items: Vec<(String, String, String)> = list
        .iter()
        .map(|s| {
            (
                s.title.replace("#{n}", "").trim().to_string(),
                urls::series_path(&group.slug, &s.id),
                rule_in_words(page.lang, &s.rule, s.dtstart),
            )
        })
        .collect();
    crate::views::series::series_list(&page.chrome(), &items)
}

pub fn reports_section(page: &Page, group: &Group, list: &[ReportLink]) -> Markup {
    let links: Vec<(String, String, String)> = list
        .iter()
        .map(|r| {
            (
                r.title.clone(),
                urls::report_path(&group.slug, &r.slug),
                long_date(page.lang, to_local(r.starts_at, group.tz())),
            )
        })
        .collect();
    report_links(
        &page.chrome(),
        &urls::reports_feed_path(&group.slug),
        &links,
    )
}

/// A member's attendance history in words: "Came: 3 of 4 · no-shows: 1 · late releases: 0".
pub fn attendance_text(
    lang: crate::i18n::Lang,
    c: &crate::domain::check_in::AttendanceCounts,
) -> String {
    crate::i18n::tf(
        lang,
        "attendance-summary",
        &[
            ("attended", &c.attended.to_string()),
            ("going", &c.going.to_string()),
            ("no_shows", &c.no_shows.to_string()),
            ("late", &c.late_releases.to_string()),
        ],
    )
}

/// What a member sent on the RSVP form that was refused, kept in the session so that the
/// form shows it again with the fault beside its field.
#[derive(serde::Serialize, serde::Deserialize, Default)]
pub struct RsvpDraft {
    pub meetup_id: String,
    pub values: std::collections::BTreeMap<String, serde_json::Value>,
    pub withheld: Vec<String>,
    pub field: String,
    pub message: String,
}

pub const RSVP_DRAFT: &str = "rsvp_draft";

/// The RSVP form's questions: the viewer's answers, or what they just sent when it was refused.
fn question_fields(
    page: &Page,
    meetup: &crate::domain::ids::MeetupId,
    (questions, replies): (
        Vec<crate::domain::question::Question>,
        crate::domain::question::Replies,
    ),
) -> Vec<crate::views::questions::QuestionField> {
    if questions.is_empty() {
        return Vec::new();
    }
    let draft = page
        .session
        .remove_as::<RsvpDraft>(RSVP_DRAFT)
        .and_then(Result::ok)
        .filter(|d| d.meetup_id == meetup.as_str());
    questions
        .into_iter()
        .map(|q| {
            let key = q.id.to_string();
            let (value, withheld, error) = match &draft {
                Some(d) => (
                    d.values.get(&key).cloned(),
                    d.withheld.contains(&key),
                    (d.field == format!("answers.{key}")).then(|| d.message.clone()),
                ),
                None => {
                    let r = replies.get(&q.id);
                    (r.map(|(v, _)| v.clone()), r.is_some_and(|(_, w)| *w), None)
                }
            };
            crate::views::questions::QuestionField {
                question: q,
                value,
                withheld,
                error,
            }
        })
        .collect()
}
