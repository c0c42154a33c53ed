//! Mail to the member who proposed a talk or suggested a venue, when organisers act on it.

use chrono::NaiveDateTime;

use super::letter::{account_url, enqueue_for, reason, signature, stamp, Letter};
use super::templates::Mail;
use crate::config::Settings;
use crate::db::models::{TalkChange, User, VenueSuggestion};
use crate::db::repo::meetups::{meetup_place, MeetupRow};
use crate::db::repo::{groups, users};
use crate::db::DbConn;
use crate::domain::ids::{GroupId, UserId};
use crate::domain::mail::MailKind;
use crate::domain::talk::TalkStatus;
use crate::error::AppError;
use crate::i18n::{t, tf, Args};
use crate::urls::{group_talks_url, group_url};

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
#[tracing::instrument(skip_all, fields(talk = %change.after.id))]
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
    let (kind, texts) = match status {
        TalkStatus::Accepted => (MailKind::TalkAccepted, "mail-talk_accepted"),
        _ => (MailKind::TalkRejected, "mail-talk_rejected"),
    };
    let key = format!("talk:{}:{}:{}", change.after.id, status.as_str(), stamp(at));
    Letter::new(kind, key, &user, &row, texts)
        .args(vec![("talk", change.after.title.clone().into())])
        .send(conn, settings)?;
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
            kind: MailKind::TalkRejected,
            key: format!("talk:{}:rejected:{}", talk.id, stamp(at)),
            texts: "mail-talk_rejected",
            arg: ("talk", &talk.title),
            action: ("mail-pool-link", group_talks_url),
        },
    )
}

/// A mail to one member about something of the group's, with no meetup: one link, and no way
/// to stop it (it answers something they did).
struct MemberNotice<'a> {
    user_id: &'a UserId,
    group_id: &'a GroupId,
    kind: MailKind,
    key: String,
    /// Prefix of the subject's and intro's keys (`-subject`, `-intro`).
    texts: &'static str,
    arg: (&'static str, &'a str),
    /// The call to action's label key, and its URL from the base URL and the group's slug.
    action: (&'static str, fn(&str, &str) -> String),
}

#[tracing::instrument(level = "debug", skip_all, fields(kind = %n.kind))]
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
        rich: None,
        meetup: None,
        action: (
            t(lang, label).to_string(),
            url(&settings.base_url, &group.slug),
        ),
        links: Vec::new(),
        note: None,
        signature: signature(lang, &group.name),
        reason: tf(lang, reason(n.kind), &[("group", &group.name)]),
        unsubscribe: None,
        settings_url: account_url(settings),
    }
    .render();
    enqueue_for(conn, n.key, n.kind, &user, &user.email, content, None)?;
    Ok(())
}

/// Tells the proposer that their accepted talk moved to another meetup, naming its new date.
#[tracing::instrument(skip_all, fields(kind = %MailKind::TalkMoved, talk = %change.after.id))]
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
    let key = format!(
        "talk_moved:{}:{}:{}",
        change.after.id,
        row.meetup.id,
        stamp(at)
    );
    Letter::new(MailKind::TalkMoved, key, &user, &row, "mail-talk_moved")
        .args(vec![
            ("talk", change.after.title.clone().into()),
            ("previous", previous.into()),
        ])
        .send(conn, settings)?;
    Ok(())
}

/// Thanks the member whose venue suggestion the organisers chose.
#[tracing::instrument(skip_all, fields(kind = %MailKind::VenueAccepted, suggestion = %suggestion.id))]
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
            kind: MailKind::VenueAccepted,
            key: format!("venue:{}:accepted", suggestion.id),
            texts: "mail-venue_accepted",
            arg: ("venue", &suggestion.name),
            action: ("mail-see_group", group_url),
        },
    )
}
