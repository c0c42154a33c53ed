//! Queues the mails a change causes, inside that change's transaction.

use std::time::Duration;

use chrono::NaiveDateTime;

use super::answer_links::AnswerLink;
use super::group_mail;
use super::templates::{Mail, MailContent, MeetupSummary};
use super::unsubscribe::{unsubscribe_url, MailTopic};
use crate::config::Settings;
use crate::db::models::{Meetup, TalkChange, User, Venue, VenueSuggestion};
use crate::db::repo::meetups::{self, meetup_place, with_place, MeetupRow};
use crate::db::repo::outbox::{enqueue, NewMail};
use crate::db::repo::{groups, rsvps, users, venues};
use crate::db::DbConn;
use crate::domain::duration::duration_label;
use crate::domain::ids::{GroupId, MeetupId, UserId};
use crate::domain::meetup::MeetupStatus;
use crate::domain::privacy::online_url_visible;
use crate::domain::rsvp::{Party, RsvpOutcome, RsvpStatus};
use crate::domain::talk::TalkStatus;
use crate::domain::time::to_local;
use crate::domain::token::hash_token;
use crate::error::AppError;
use crate::i18n::{colon, t, tf, time_span, Args, Lang, MessageArg, Value};
use crate::urls::{
    answer_link_url, email_change_url, group_talks_url, group_url, meetup_url, password_reset_url,
    ACCOUNT_PATH, PASSWORD_RESET_PATH,
};

/// A mail's calendar part: the iCalendar text and its METHOD.
pub type Invitation = (String, &'static str);

/// Builds the event attached to mails; set once the iCal module is wired (see `crate::ical`).
fn invitation(
    settings: &Settings,
    row: &MeetupRow,
    method: &'static str,
    user: &User,
    going: bool,
) -> Option<Invitation> {
    let online = online_url_visible(row.meetup.online_url_visibility, going, false);
    crate::ical::meetups::invitation(settings, row, method, user, online).map(|ics| (ics, method))
}

/// « jeudi 3 décembre 2026, 19:00 – 21:00 (Europe/Paris) »: start, end, and the zone they are in.
fn when(lang: Lang, starts_at: NaiveDateTime, ends_at: NaiveDateTime, tz: chrono_tz::Tz) -> String {
    let span = time_span(lang, to_local(starts_at, tz), to_local(ends_at, tz));
    format!("{span} ({})", tz.name())
}

pub fn summary(row: &MeetupRow, lang: Lang, base_url: &str) -> MeetupSummary {
    let tz = row.group.tz();
    let m = &row.meetup;
    MeetupSummary {
        title: m.title.clone(),
        group_name: row.group.name.clone(),
        when: when(lang, m.starts_at, m.ends_at, tz),
        place: row.venue.as_ref().map(Venue::full_address),
        online_url: m.online_url.clone(),
        url: meetup_url(base_url, &row.group.slug, &m.id),
    }
}

pub(super) struct Letter<'a> {
    pub(super) key: String,
    pub(super) kind: &'static str,
    pub(super) user: &'a User,
    pub(super) row: &'a MeetupRow,
    pub(super) subject_key: &'static str,
    pub(super) intro_key: &'static str,
    pub(super) args: Vec<(&'static str, Value)>,
    pub(super) topic: Option<MailTopic>,
    pub(super) invitation: Option<Invitation>,
    /// The recipient is going: the meetup's online link is for them (see `domain::privacy`),
    /// and the mail offers to release their seat.
    pub(super) going: bool,
    /// The call to action, as (label, URL); the meetup's page when None.
    pub(super) action: Option<(String, String)>,
    /// Other links the mail offers, as (label, URL).
    pub(super) links: Vec<(String, String)>,
    /// Text shown as is, links made clickable (an organiser's words, a programme).
    pub(super) message: Option<String>,
    /// Key of the sentence saying why the recipient gets the mail (`{group}` is filled in).
    pub(super) reason: &'static str,
}

pub(super) fn send_letter(
    conn: &mut DbConn,
    settings: &Settings,
    l: Letter,
) -> Result<bool, AppError> {
    let lang = l.user.lang();
    let mut summary = summary(l.row, lang, &settings.base_url);
    if !online_url_visible(l.row.meetup.online_url_visibility, l.going, false) {
        summary.online_url = None;
    }
    let mut args: Vec<(&str, &dyn MessageArg)> = l
        .args
        .iter()
        .map(|(k, v)| (*k, v as &dyn MessageArg))
        .collect();
    args.push(("title", &summary.title));
    let when = summary.when.clone();
    args.push(("when", &when));
    let subject = tf(lang, l.subject_key, &args);
    let intro = tf(lang, l.intro_key, &args);
    let unsubscribe = l
        .topic
        .map(|topic| unsubscribe_url(settings, l.user.id.as_str(), &topic));
    let m = &l.row.meetup;
    let details = (t(lang, "mail-details").to_string(), summary.url.clone());
    // The mail's own links first (e.g. "Not this time" next to "I'm going"), then the page.
    let mut links = l.links;
    let action = match l.action {
        Some(action) => {
            links.push(details);
            action
        }
        None => details,
    };
    if l.going && !m.is_cancelled() {
        let link = AnswerLink {
            meetup_id: m.id.clone(),
            user_id: l.user.id.clone(),
            going: false,
            expires: m.rsvp_deadline.unwrap_or(m.starts_at),
        };
        let url = answer_link_url(&settings.base_url, &link.sign(&settings.secret_key));
        links.push((t(lang, "mail-release_seat").to_string(), url));
    }
    let content = Mail {
        lang,
        recipient: &l.user.name,
        subject,
        intro,
        message: l.message.as_deref(),
        meetup: Some(&summary),
        action,
        links,
        note: None,
        signature: signature(lang, &summary.group_name),
        reason: tf(lang, l.reason, &[("group", &summary.group_name)]),
        unsubscribe: unsubscribe.as_deref(),
        settings_url: account_url(settings),
    }
    .render();
    let (ics, ics_method) = match l.invitation {
        Some((ics, method)) => (Some(ics), Some(method)),
        None => (None, None),
    };
    enqueue(
        conn,
        NewMail {
            idempotency_key: l.key,
            kind: l.kind,
            user_id: Some(l.user.id.clone()),
            meetup_id: Some(l.row.meetup.id.clone()),
            to_email: l.user.email.clone(),
            to_name: l.user.name.clone(),
            subject: content.subject,
            body_text: content.text,
            body_html: content.html,
            ics,
            ics_method,
            unsubscribe_url: unsubscribe,
        },
    )
}

/// Queues a mail with no meetup and no calendar part for `user`, at `to` (their address, or
/// the one they asked to move to).
pub(super) fn enqueue_for(
    conn: &mut DbConn,
    key: String,
    kind: &'static str,
    user: &User,
    to: &str,
    content: MailContent,
    unsubscribe_url: Option<String>,
) -> Result<(), AppError> {
    enqueue(
        conn,
        NewMail {
            idempotency_key: key,
            kind,
            user_id: Some(user.id.clone()),
            meetup_id: None,
            to_email: to.to_string(),
            to_name: user.name.clone(),
            subject: content.subject,
            body_text: content.text,
            body_html: content.html,
            ics: None,
            ics_method: None,
            unsubscribe_url,
        },
    )?;
    Ok(())
}

pub(super) fn account_url(settings: &Settings) -> String {
    format!("{}{ACCOUNT_PATH}", settings.base_url)
}

pub(super) fn signature(lang: Lang, group_name: &str) -> String {
    tf(lang, "mail-signature", &[("group", &group_name)])
}

/// A mail about the account itself: what happened, one link to follow, a note.
fn account_mail(
    settings: &Settings,
    user: &User,
    subject: String,
    intro: String,
    action: (&str, &str),
    note: String,
) -> MailContent {
    let lang = user.lang();
    Mail {
        lang,
        recipient: &user.name,
        subject,
        intro,
        message: None,
        meetup: None,
        action: (action.0.to_string(), action.1.to_string()),
        links: Vec::new(),
        note: Some(note),
        signature: t(lang, "mail-signature_site").to_string(),
        reason: t(lang, "mail-reason-account").to_string(),
        unsubscribe: None,
        settings_url: account_url(settings),
    }
    .render()
}

pub(super) fn stamp(at: NaiveDateTime) -> i64 {
    at.and_utc().timestamp_micros()
}

/// Confirmation (going or waitlisted) for the member who answered, promotion notices for others.
pub fn rsvp_answered(
    conn: &mut DbConn,
    settings: &Settings,
    meetup: &Meetup,
    outcome: &RsvpOutcome,
    at: NaiveDateTime,
) -> Result<(), AppError> {
    // The meetup was read under its lock by the caller: only its group and venue are missing.
    let Some(row) = with_place(conn, vec![meetup.clone()])?.pop() else {
        return Ok(());
    };
    let user = match outcome.changed {
        true => users::users_by_ids(conn, std::slice::from_ref(&outcome.party.user_id))?.pop(),
        false => None,
    };
    if let Some(user) = &user {
        group_mail::rsvp_changed(conn, settings, &row, user, outcome.party.status, at)?;
        if outcome.party.status != RsvpStatus::NotGoing {
            let p = &outcome.party;
            let (kind, subject_key, intro_key, invite) = match p.status {
                RsvpStatus::Waitlisted => (
                    "rsvp_waitlisted",
                    "mail-waitlisted-subject",
                    "mail-waitlisted-intro",
                    false,
                ),
                _ if p.guests > 0 => (
                    "rsvp_going",
                    "mail-going-subject",
                    "mail-going_guests-intro",
                    true,
                ),
                _ => ("rsvp_going", "mail-going-subject", "mail-going-intro", true),
            };
            let invitation = if invite {
                invitation(settings, &row, "REQUEST", user, true)
            } else {
                None
            };
            send_letter(
                conn,
                settings,
                Letter {
                    key: format!(
                        "rsvp:{}:{}:{}:{}",
                        row.meetup.id,
                        user.id,
                        p.status.as_str(),
                        stamp(at)
                    ),
                    kind,
                    user,
                    row: &row,
                    subject_key,
                    intro_key,
                    args: vec![(
                        "n",
                        Value::Count(outcome.position.map_or(i64::from(p.guests), |n| n as i64)),
                    )],
                    topic: None,
                    invitation,
                    going: invite,
                    action: None,
                    links: Vec::new(),
                    message: None,
                    reason: "mail-reason-answered",
                },
            )?;
        }
    }
    promoted(conn, settings, &row, &outcome.promoted, at)
}

/// Tells members moved from the waitlist to going.
pub fn promoted(
    conn: &mut DbConn,
    settings: &Settings,
    row: &MeetupRow,
    parties: &[Party],
    at: NaiveDateTime,
) -> Result<(), AppError> {
    let ids: Vec<UserId> = parties.iter().map(|p| p.user_id.clone()).collect();
    for user in users::users_by_ids(conn, &ids)? {
        let invitation = invitation(settings, row, "REQUEST", &user, true);
        send_letter(
            conn,
            settings,
            Letter {
                key: format!("promoted:{}:{}:{}", row.meetup.id, user.id, stamp(at)),
                kind: "promoted",
                user: &user,
                row,
                subject_key: "mail-promoted-subject",
                intro_key: "mail-promoted-intro",
                args: Vec::new(),
                topic: None,
                invitation,
                going: true,
                action: None,
                links: Vec::new(),
                message: None,
                reason: "mail-reason-answered",
            },
        )?;
    }
    Ok(())
}

/// The proposer of a changed talk and the meetup the talk is in, if they are to hear of it.
fn proposer_and_meetup(
    conn: &mut DbConn,
    change: &TalkChange,
) -> Result<Option<(User, MeetupRow)>, AppError> {
    let Some(meetup) = &change.meetup else {
        return Ok(None);
    };
    let Some(row) = meetup_place(conn, &meetup.id)? else {
        return Ok(None);
    };
    let user = users::users_by_ids(conn, std::slice::from_ref(&change.after.proposer_id))?.pop();
    Ok(user.map(|u| (u, row)))
}

/// Tells the proposer that their talk was accepted or rejected.
pub fn talk_decided(
    conn: &mut DbConn,
    settings: &Settings,
    change: &TalkChange,
    at: NaiveDateTime,
) -> Result<(), AppError> {
    let Some(status) = change.decided() else {
        return Ok(());
    };
    if change.meetup.is_none() {
        return pool_talk_rejected(conn, settings, change, at);
    }
    let Some((user, row)) = proposer_and_meetup(conn, change)? else {
        return Ok(());
    };
    let accepted = status == TalkStatus::Accepted;
    send_letter(
        conn,
        settings,
        Letter {
            key: format!("talk:{}:{}:{}", change.after.id, status.as_str(), stamp(at)),
            kind: if accepted {
                "talk_accepted"
            } else {
                "talk_rejected"
            },
            user: &user,
            row: &row,
            subject_key: if accepted {
                "mail-talk_accepted-subject"
            } else {
                "mail-talk_rejected-subject"
            },
            intro_key: if accepted {
                "mail-talk_accepted-intro"
            } else {
                "mail-talk_rejected-intro"
            },
            args: vec![("talk", change.after.title.clone().into())],
            topic: None,
            invitation: None,
            going: false,
            action: None,
            links: Vec::new(),
            message: None,
            reason: "mail-reason-proposer",
        },
    )?;
    Ok(())
}

/// A talk rejected while in the group's pool: no meetup to show, the pool to go back to.
fn pool_talk_rejected(
    conn: &mut DbConn,
    settings: &Settings,
    change: &TalkChange,
    at: NaiveDateTime,
) -> Result<(), AppError> {
    let talk = &change.after;
    member_notice(
        conn,
        settings,
        MemberNotice {
            user_id: &talk.proposer_id,
            group_id: &talk.group_id,
            kind: "talk_rejected",
            key: format!("talk:{}:rejected:{}", talk.id, stamp(at)),
            texts: "mail-talk_rejected",
            arg: ("talk", &talk.title),
            action: ("mail-pool-link", group_talks_url),
            reason: "mail-reason-proposer",
        },
    )
}

/// A mail to one member about something of the group's, with no meetup: one link, and no way
/// to stop it (it answers something they did).
struct MemberNotice<'a> {
    user_id: &'a UserId,
    group_id: &'a GroupId,
    kind: &'static str,
    key: String,
    /// Prefix of the subject's and intro's keys (`-subject`, `-intro`).
    texts: &'static str,
    arg: (&'static str, &'a str),
    /// The call to action's label key, and its URL from the base URL and the group's slug.
    action: (&'static str, fn(&str, &str) -> String),
    reason: &'static str,
}

fn member_notice(conn: &mut DbConn, settings: &Settings, n: MemberNotice) -> Result<(), AppError> {
    let Some(user) = users::users_by_ids(conn, std::slice::from_ref(n.user_id))?.pop() else {
        return Ok(());
    };
    let group = groups::group_by_id(conn, n.group_id)?;
    let lang = user.lang();
    let args: &Args = &[(n.arg.0, &n.arg.1)];
    let (label, url) = n.action;
    let content = Mail {
        lang,
        recipient: &user.name,
        subject: tf(lang, &format!("{}-subject", n.texts), args),
        intro: tf(lang, &format!("{}-intro", n.texts), args),
        message: None,
        meetup: None,
        action: (
            t(lang, label).to_string(),
            url(&settings.base_url, &group.slug),
        ),
        links: Vec::new(),
        note: None,
        signature: signature(lang, &group.name),
        reason: tf(lang, n.reason, &[("group", &group.name)]),
        unsubscribe: None,
        settings_url: account_url(settings),
    }
    .render();
    enqueue_for(conn, n.key, n.kind, &user, &user.email, content, None)
}

/// Tells the proposer that their accepted talk moved to another meetup, naming its new date.
pub fn talk_moved(
    conn: &mut DbConn,
    settings: &Settings,
    change: &TalkChange,
    at: NaiveDateTime,
) -> Result<(), AppError> {
    if change.left.is_none() || change.decided().is_some() {
        return Ok(());
    }
    let Some((user, row)) = proposer_and_meetup(conn, change)? else {
        return Ok(());
    };
    let previous = change
        .left
        .as_ref()
        .map_or(String::new(), |m| m.title.clone());
    send_letter(
        conn,
        settings,
        Letter {
            key: format!(
                "talk_moved:{}:{}:{}",
                change.after.id,
                row.meetup.id,
                stamp(at)
            ),
            kind: "talk_moved",
            user: &user,
            row: &row,
            subject_key: "mail-talk_moved-subject",
            intro_key: "mail-talk_moved-intro",
            args: vec![
                ("talk", change.after.title.clone().into()),
                ("previous", previous.into()),
            ],
            topic: None,
            invitation: None,
            going: false,
            action: None,
            links: Vec::new(),
            message: None,
            reason: "mail-reason-proposer",
        },
    )?;
    Ok(())
}

/// Thanks the member whose venue suggestion the organisers chose.
pub fn venue_accepted(
    conn: &mut DbConn,
    settings: &Settings,
    suggestion: &VenueSuggestion,
) -> Result<(), AppError> {
    member_notice(
        conn,
        settings,
        MemberNotice {
            user_id: &suggestion.suggester_id,
            group_id: &suggestion.group_id,
            kind: "venue_accepted",
            key: format!("venue:{}:accepted", suggestion.id),
            texts: "mail-venue_accepted",
            arg: ("venue", &suggestion.name),
            action: ("mail-see_group", group_url),
            reason: "mail-reason-suggester",
        },
    )
}

/// The link to choose a new password, to the account's address, in its language.
pub fn password_reset(
    conn: &mut DbConn,
    settings: &Settings,
    user: &User,
    token: &str,
) -> Result<(), AppError> {
    let lang = user.lang();
    let url = password_reset_url(&settings.base_url, token);
    let content = account_mail(
        settings,
        user,
        t(lang, "mail-password_reset-subject").to_string(),
        t(lang, "mail-password_reset-intro").to_string(),
        (t(lang, "mail-password_reset-link"), &url),
        t(lang, "mail-password_reset-note").to_string(),
    );
    // One mail per link: the token's hash names it without revealing it.
    let key = format!("password_reset:{}", hash_token(token));
    enqueue_for(
        conn,
        key,
        "password_reset",
        user,
        &user.email,
        content,
        None,
    )
}

/// Tells the group's members who want it of a new meetup, with one-click "I'm going" and
/// "Not this time" links (see `answer_links`); once per member and meetup.
pub fn meetup_announced(
    conn: &mut DbConn,
    settings: &Settings,
    row: &MeetupRow,
) -> Result<(), AppError> {
    let m = &row.meetup;
    let expires = m.rsvp_deadline.unwrap_or(m.starts_at);
    for user in groups::announcement_recipients(conn, &row.group.id)? {
        let lang = user.lang();
        let link = |going: bool| {
            let link = AnswerLink {
                meetup_id: m.id.clone(),
                user_id: user.id.clone(),
                going,
                expires,
            };
            answer_link_url(&settings.base_url, &link.sign(&settings.secret_key))
        };
        let excerpt: String = m.description.trim().chars().take(280).collect();
        let ellipsis = if m.description.trim().chars().count() > 280 {
            "…"
        } else {
            ""
        };
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
        send_letter(
            conn,
            settings,
            Letter {
                key: format!("announce:{}:{}", m.id, user.id),
                kind: "meetup_announced",
                user: &user,
                row,
                subject_key: "mail-announce-subject",
                intro_key: "mail-announce-intro",
                args: vec![
                    ("group", row.group.name.clone().into()),
                    ("excerpt", format!("{excerpt}{ellipsis}").into()),
                    ("seats", seats.into()),
                ],
                topic: Some(MailTopic::Announcements(row.group.id.clone())),
                invitation: None,
                going: false,
                action: Some((t(lang, "mail-announce-going").to_string(), link(true))),
                links: vec![(t(lang, "mail-announce-not_going").to_string(), link(false))],
                message: None,
                reason: "mail-reason-announcements",
            },
        )?;
    }
    Ok(())
}

/// A change of address: the link to confirm goes to the new address, a notice to the old one
/// (if it was not the owner, they hear of it where they can still act).
pub fn email_change(
    conn: &mut DbConn,
    settings: &Settings,
    user: &User,
    new_email: &str,
    token: &str,
) -> Result<(), AppError> {
    let lang = user.lang();
    let url = email_change_url(&settings.base_url, token);
    let args: &Args = &[("email", &new_email)];
    let confirm = account_mail(
        settings,
        user,
        t(lang, "mail-email_confirm-subject").to_string(),
        tf(lang, "mail-email_confirm-intro", args),
        (t(lang, "mail-email_confirm-link"), &url),
        t(lang, "mail-email_confirm-note").to_string(),
    );
    let reset = format!("{}{}", settings.base_url, PASSWORD_RESET_PATH);
    let notice = account_mail(
        settings,
        user,
        t(lang, "mail-email_notice-subject").to_string(),
        tf(lang, "mail-email_notice-intro", args),
        (t(lang, "mail-email_notice-link"), &reset),
        t(lang, "mail-email_notice-note").to_string(),
    );
    let key = hash_token(token);
    for (kind, to, content) in [
        ("email_change_confirm", new_email, confirm),
        ("email_change_notice", user.email.as_str(), notice),
    ] {
        enqueue_for(conn, format!("{kind}:{key}"), kind, user, to, content, None)?;
    }
    Ok(())
}

/// What happened to a meetup that going and waitlisted members must hear about.
#[derive(Clone, Copy)]
enum Notice {
    /// Time or venue changed: the updated event, with a higher SEQUENCE.
    Rescheduled,
    Cancelled,
    /// A cancellation undone: the event again, with a higher SEQUENCE.
    Reinstated,
}

fn notify_attendees(
    conn: &mut DbConn,
    settings: &Settings,
    meetup_id: &MeetupId,
    notice: Notice,
    before: Option<&Meetup>,
) -> Result<(), AppError> {
    let Some(row) = meetup_place(conn, meetup_id)? else {
        return Ok(());
    };
    let old_venue = match before.and_then(|b| b.venue_id.as_deref()) {
        Some(id) => venues::venue_by_id(conn, id)?.map(|v| v.name),
        None => None,
    };
    let (kind, method, subject_key, intro_key) = match notice {
        Notice::Rescheduled => (
            "meetup_changed",
            "REQUEST",
            "mail-changed-subject",
            "mail-changed-intro",
        ),
        Notice::Cancelled => (
            "meetup_cancelled",
            "CANCEL",
            "mail-cancelled-subject",
            "mail-cancelled-intro",
        ),
        Notice::Reinstated => (
            "meetup_reinstated",
            "REQUEST",
            "mail-reinstated-subject",
            "mail-reinstated-intro",
        ),
    };
    for (user, status) in rsvps::notice_recipients(conn, meetup_id)? {
        let going = status == RsvpStatus::Going;
        let invitation = invitation(settings, &row, method, &user, going);
        send_letter(
            conn,
            settings,
            Letter {
                // One notice per version of the meetup: each change bumps the sequence.
                key: format!("{kind}:{meetup_id}:{}:{}", user.id, row.meetup.sequence),
                kind,
                user: &user,
                row: &row,
                subject_key,
                intro_key,
                args: before
                    .map(|b| {
                        vec![(
                            "changes",
                            changes(user.lang(), b, &row, old_venue.as_deref()).into(),
                        )]
                    })
                    .unwrap_or_default(),
                topic: Some(MailTopic::Notices),
                invitation,
                going,
                action: None,
                links: Vec::new(),
                message: None,
                reason: "mail-reason-attending",
            },
        )?;
    }
    Ok(())
}

/// What moved, new value first: « Quand : … (avant : …) », "Where: Le Baraque (was Ness Pub)".
fn changes(lang: Lang, before: &Meetup, after: &MeetupRow, old_venue: Option<&str>) -> String {
    let m = &after.meetup;
    let tz = after.group.tz();
    let mut lines = Vec::new();
    let line = |key: &str, new: &str, old: &str| {
        format!(
            "{}{}{new} {}",
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
    lines.join("\n")
}

/// Time or venue changed: going and waitlisted members get the new event and what changed.
pub fn meetup_rescheduled(
    conn: &mut DbConn,
    settings: &Settings,
    before: &Meetup,
) -> Result<(), AppError> {
    notify_attendees(
        conn,
        settings,
        &before.id,
        Notice::Rescheduled,
        Some(before),
    )
}

pub fn meetup_cancelled(
    conn: &mut DbConn,
    settings: &Settings,
    meetup_id: &MeetupId,
) -> Result<(), AppError> {
    notify_attendees(conn, settings, meetup_id, Notice::Cancelled, None)
}

pub fn meetup_reinstated(
    conn: &mut DbConn,
    settings: &Settings,
    meetup_id: &MeetupId,
) -> Result<(), AppError> {
    notify_attendees(conn, settings, meetup_id, Notice::Reinstated, None)
}

/// The reminder due now: the shortest offset already reached, so a late worker sends one
/// reminder, not a burst of stale ones.
pub fn due_offset(
    offsets: &[Duration],
    starts_at: NaiveDateTime,
    at: NaiveDateTime,
) -> Option<Duration> {
    if at >= starts_at {
        return None;
    }
    offsets
        .iter()
        .copied()
        .filter(|o| chrono::Duration::from_std(*o).is_ok_and(|o| at >= starts_at - o))
        .min()
}

/// Queues the reminders that are due at `at`; the idempotency key makes this safe to repeat.
pub fn schedule_reminders(
    conn: &mut DbConn,
    settings: &Settings,
    at: NaiveDateTime,
) -> Result<usize, AppError> {
    let Some(longest) = settings
        .reminder_offsets
        .iter()
        .max()
        .and_then(|o| chrono::Duration::from_std(*o).ok())
    else {
        return Ok(0);
    };
    let upcoming = meetups::scheduled_starting_between(conn, at, at + longest)?;
    let mut queued = 0;
    for (meetup_id, starts_at) in upcoming {
        let Some(offset) = due_offset(&settings.reminder_offsets, starts_at, at) else {
            continue;
        };
        let Some(row) = meetup_place(conn, &meetup_id)? else {
            continue;
        };
        for user in rsvps::reminder_recipients(conn, &meetup_id)? {
            let new = send_letter(
                conn,
                settings,
                Letter {
                    key: format!(
                        "reminder:{}:{}:{}",
                        meetup_id,
                        user.id,
                        duration_label(offset)
                    ),
                    kind: "reminder",
                    user: &user,
                    row: &row,
                    subject_key: "mail-reminder-subject",
                    intro_key: "mail-reminder-intro",
                    args: Vec::new(),
                    topic: Some(MailTopic::Reminders),
                    invitation: None,
                    going: true,
                    action: None,
                    links: Vec::new(),
                    message: None,
                    reason: "mail-reason-reminders",
                },
            )?;
            queued += usize::from(new);
        }
    }
    Ok(queued)
}

/// Whether a queued reminder should still go out: meetup on, not started, member still going.
pub fn reminder_still_wanted(
    conn: &mut DbConn,
    meetup_id: &MeetupId,
    user_id: &UserId,
    at: NaiveDateTime,
) -> Result<bool, AppError> {
    let Some((status, starts_at)) = meetups::status_and_start(conn, meetup_id)? else {
        return Ok(false);
    };
    if status != MeetupStatus::Scheduled || at >= starts_at {
        return Ok(false);
    }
    let going = rsvps::answer_and_reminders(conn, meetup_id, user_id)?;
    Ok(going == Some((RsvpStatus::Going, true)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shortest_reached_offset_is_due() {
        let start = chrono::NaiveDate::from_ymd_opt(2030, 1, 2)
            .unwrap()
            .and_hms_opt(19, 0, 0)
            .unwrap();
        let offsets = [Duration::from_secs(86_400), Duration::from_secs(7_200)];
        let h = |n: i64| start - chrono::Duration::hours(n);
        assert_eq!(due_offset(&offsets, start, h(30)), None);
        assert_eq!(due_offset(&offsets, start, h(24)), Some(offsets[0]));
        assert_eq!(due_offset(&offsets, start, h(3)), Some(offsets[0]));
        assert_eq!(due_offset(&offsets, start, h(1)), Some(offsets[1]));
        assert_eq!(
            due_offset(&offsets, start, start),
            None,
            "never after the start"
        );
    }
}
