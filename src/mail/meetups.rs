//! Mail about a meetup itself: its announcement to the group, and its changes to those going
//! or waitlisted.

use chrono::NaiveDateTime;

use super::answer_links::{AnswerLink, LinkAction};
use super::letter::{invitation, when, Letter};
use super::sponsors::Thanks;
use super::unsubscribe::MailTopic;
use crate::config::Settings;
use crate::db::models::{Group, Meetup, Series, User};
use crate::db::repo::meetups::{meetup_place, MeetupRow};
use crate::db::repo::{fanouts, rsvps, venues};
use crate::db::DbConn;
use crate::domain::ids::MeetupId;
use crate::domain::mail::MailKind;
use crate::domain::rsvp::RsvpStatus;
use crate::domain::time::to_local;
use crate::error::AppError;
use crate::i18n::{colon, long_datetime, rule_in_words, t, tf, Lang, Value};
use crate::urls::series_url;

/// Tells the group's members who want it of a new meetup, with one-click "I'm going" and
/// "Not this time" links (see `answer_links`); once per member and meetup. The caller's
/// transaction only queues the job: the mail worker writes each member's mail, in batches
/// (see `mail::fanout`), to the members who want announcements then.
#[tracing::instrument(skip_all, fields(kind = %MailKind::MeetupAnnounced, meetup = %row.meetup.id))]
pub fn meetup_announced(
    conn: &mut DbConn,
    _settings: &Settings,
    row: &MeetupRow,
) -> Result<(), AppError> {
    fanouts::queue_announcement(conn, &row.group.id, &row.meetup.id)?;
    Ok(())
}

/// Tells the group's members who want it of a new series, in one mail listing the dates made
/// with it (`first` is the first of them), each with one-click answers; once per member and
/// series (`announce-series:{series}:{user}`). Queued as one job, like a meetup's
/// announcement; the dates made later are announced one by one.
#[tracing::instrument(skip_all, fields(kind = %MailKind::SeriesAnnounced, series = %series.id))]
pub fn series_announced(
    conn: &mut DbConn,
    series: &Series,
    first: &MeetupId,
) -> Result<(), AppError> {
    fanouts::queue_series_announcement(conn, &series.group_id, &series.id, first)?;
    Ok(())
}

/// The announcement of `series` to one member, listing `rows` (its dates to announce, first
/// first) with an "I'm going" and a "Not this time" link each; whether it was new.
pub(super) fn announce_series_to(
    conn: &mut DbConn,
    settings: &Settings,
    series: &Series,
    rows: &[MeetupRow],
    user: &User,
    due_at: NaiveDateTime,
) -> Result<bool, AppError> {
    let Some(first) = rows.first() else {
        return Ok(false);
    };
    let lang = user.lang();
    let tz = first.group.tz();
    let mut links = Vec::new();
    for row in rows {
        let m = &row.meetup;
        let date = long_datetime(lang, to_local(m.starts_at, tz));
        for (key, action) in [
            ("mail-announce_series-going", LinkAction::Going),
            ("mail-announce_series-not_going", LinkAction::Release),
        ] {
            let url = AnswerLink::url(m, &user.id, action, settings);
            links.push((tf(lang, key, &[("date", &date)]), url));
        }
    }
    let name = series_name(&series.title);
    let page = series_url(&settings.base_url, &first.group.slug, &series.id);
    let key = format!("announce-series:{}:{}", series.id, user.id);
    Letter::new(
        MailKind::SeriesAnnounced,
        key,
        user,
        first,
        "mail-announce_series",
    )
    .args(vec![
        ("group", first.group.name.clone().into()),
        ("series", name.into()),
        ("count", Value::Count(rows.len() as i64)),
        (
            "rule",
            rule_in_words(lang, &series.rule, series.dtstart).into(),
        ),
    ])
    .markdown(&first.meetup.description)
    .topic(MailTopic::Announcements(first.group.id.clone()))
    .action((t(lang, "mail-announce_series-page").to_string(), page))
    .links(links)
    .due_at(due_at)
    .send(conn, settings)
}

/// A series' title without its number mark: "Apéro #{n}" is "Apéro".
fn series_name(title: &str) -> String {
    title
        .replace("#{n}", "")
        .trim_matches(|c: char| c.is_whitespace() || c == '#' || c == '-' || c == '—')
        .to_string()
}

/// The announcement of `row` to one member, rendered in their language and queued under
/// `announce:{meetup}:{user}`, due from `due_at` (when the meetup was announced); whether it
/// was new. `via` is the co-host group the member was told through, if not the meetup's own:
/// the mail names it and its unsubscribe link stops that group's announcements.
pub(super) fn announce_to(
    conn: &mut DbConn,
    settings: &Settings,
    (row, via): (&MeetupRow, Option<&Group>),
    thanks: &Thanks,
    user: &User,
    due_at: NaiveDateTime,
) -> Result<bool, AppError> {
    let m = &row.meetup;
    let lang = user.lang();
    let link = |action| AnswerLink::url(m, &user.id, action, settings);
    let seats = match m.capacity {
        Some(capacity) => tf(
            lang,
            "mail-announce-seats",
            &[
                (
                    "n",
                    &(i64::from(capacity) - row.counts.going_seats)
                        .max(0)
                        .to_string(),
                ),
                ("capacity", &capacity),
            ],
        ),
        None => t(lang, "mail-announce-open").to_string(),
    };
    let closes = match m.rsvp_deadline {
        Some(deadline) => tf(
            lang,
            "mail-announce-closes",
            &[(
                "deadline",
                &long_datetime(lang, to_local(deadline, row.group.tz())),
            )],
        ),
        None => String::new(),
    };
    let key = format!("announce:{}:{}", m.id, user.id);
    let mut links = vec![(
        t(lang, "mail-announce-not_going").to_string(),
        link(LinkAction::Release),
    )];
    if let Some(url) = &row.group.code_of_conduct_url {
        links.push((t(lang, "mail-code_of_conduct").to_string(), url.clone()));
    }
    let incident = row
        .group
        .incident_contact
        .as_ref()
        .map(|contact| tf(lang, "mail-incident_contact", &[("contact", contact)]));
    Letter::new(MailKind::MeetupAnnounced, key, user, row, "mail-announce")
        .args(vec![
            ("group", row.group.name.clone().into()),
            ("seats", seats.into()),
            ("closes", closes.into()),
        ])
        .message(thanks.line(lang))
        .markdown(&m.description)
        .topic(MailTopic::Announcements(
            via.unwrap_or(&row.group).id.clone(),
        ))
        .member_of(via.map(|g| g.name.clone()))
        .action((
            t(lang, "mail-announce-going").to_string(),
            link(LinkAction::Going),
        ))
        .links(links)
        .note(incident)
        .due_at(due_at)
        .send(conn, settings)
}

/// Tells going and waitlisted members that the meetup changed (`kind` says how): the event as
/// it is now, and what moved since `before`.
#[tracing::instrument(skip_all, fields(kind = %kind, meetup = %meetup_id))]
fn notify_attendees(
    conn: &mut DbConn,
    settings: &Settings,
    meetup_id: &MeetupId,
    kind: MailKind,
    before: Option<&Meetup>,
    note: Option<&str>,
) -> Result<(), AppError> {
    let Some(row) = meetup_place(conn, meetup_id)? else {
        return Ok(());
    };
    let old_venue = match before.and_then(|b| b.venue_id.as_ref()) {
        Some(id) => venues::venue_by_id(conn, id)?.map(|v| v.name),
        None => None,
    };
    // A changed or reinstated meetup is the event again, with a higher SEQUENCE.
    let (method, texts) = match kind {
        MailKind::MeetupCancelled => ("CANCEL", "mail-cancelled"),
        MailKind::MeetupReinstated => ("REQUEST", "mail-reinstated"),
        _ => ("REQUEST", "mail-changed"),
    };
    // A change's subject says what moved: "New place: Apéro Django, Tuesday 8 December".
    let subject = before.map(|b| {
        let moved = (
            (b.starts_at, b.ends_at) != (row.meetup.starts_at, row.meetup.ends_at),
            b.venue_id != row.meetup.venue_id,
        );
        match moved {
            (true, true) => "mail-changed-subject_time_place",
            (false, true) => "mail-changed-subject_place",
            _ => "mail-changed-subject_time",
        }
    });
    for (user, status) in rsvps::notice_recipients(conn, meetup_id)? {
        let going = status == RsvpStatus::Going;
        let invitation = invitation(settings, &row, method, &user, going);
        // One notice per version of the meetup: each change bumps the sequence.
        let key = format!("{kind}:{meetup_id}:{}:{}", user.id, row.meetup.sequence);
        let args = before
            .map(|b| {
                vec![(
                    "changes",
                    changes(user.lang(), b, &row, old_venue.as_deref()).into(),
                )]
            })
            .unwrap_or_default();
        let letter = Letter::new(kind, key, &user, &row, texts);
        let letter = match subject {
            Some(subject) => letter.subject(subject),
            None => letter,
        };
        letter
            .args(args)
            .message(note.map(str::to_string))
            .topic(MailTopic::Notices)
            .invitation(invitation)
            .going(going)
            .send(conn, settings)?;
    }
    Ok(())
}

/// What moved, new value first, each a sentence: « Quand : … (avant : …). »,
/// "Where: Le Baraque (was Ness Pub)."
fn changes(lang: Lang, before: &Meetup, after: &MeetupRow, old_venue: Option<&str>) -> String {
    let m = &after.meetup;
    let tz = after.group.tz();
    let mut lines = Vec::new();
    let line = |key: &str, new: &str, old: &str| {
        format!(
            "{}{}{new} {}.",
            t(lang, key),
            colon(lang),
            tf(lang, "mail-changed-was", &[("old", &old)])
        )
    };
    if (before.starts_at, before.ends_at) != (m.starts_at, m.ends_at) {
        let new = when(lang, m.starts_at, m.ends_at, tz);
        let old = when(lang, before.starts_at, before.ends_at, tz);
        lines.push(line("mail-when", &new, &old));
    }
    if before.venue_id != m.venue_id {
        let new = after.venue.as_ref().map_or("—", |v| v.name.as_str());
        lines.push(line("mail-where", new, old_venue.unwrap_or("—")));
    }
    lines.join(" ")
}

/// Time or venue changed: going and waitlisted members get the new event and what changed.
pub fn meetup_rescheduled(
    conn: &mut DbConn,
    settings: &Settings,
    before: &Meetup,
    note: Option<&str>,
) -> Result<(), AppError> {
    notify_attendees(
        conn,
        settings,
        &before.id,
        MailKind::MeetupChanged,
        Some(before),
        note,
    )
}

pub fn meetup_cancelled(
    conn: &mut DbConn,
    settings: &Settings,
    meetup_id: &MeetupId,
) -> Result<(), AppError> {
    notify_attendees(
        conn,
        settings,
        meetup_id,
        MailKind::MeetupCancelled,
        None,
        None,
    )
}

pub fn meetup_reinstated(
    conn: &mut DbConn,
    settings: &Settings,
    meetup_id: &MeetupId,
) -> Result<(), AppError> {
    notify_attendees(
        conn,
        settings,
        meetup_id,
        MailKind::MeetupReinstated,
        None,
        None,
    )
}
