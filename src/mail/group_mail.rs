//! Mail between a group's organisers and its members: organisers' messages, notices to
//! organisers as things happen, and their daily digest.

use chrono::NaiveDateTime;

use super::letter::{account_url, reason, signature, stamp, summary};
use super::templates::{Mail, MeetupSummary};
use super::unsubscribe::{unsubscribe_url, MailTopic};
use crate::config::Settings;
use crate::db::models::{Group, GroupMessage, OrganiserEvent, Talk, User, VenueSuggestion};
use crate::db::repo::groups::{self, NoticeKind};
use crate::db::repo::meetups::MeetupRow;
use crate::db::repo::outbox::NewMail;
use crate::db::repo::{fanouts, messages, new_id, outbox, seat_moves};
use crate::db::DbConn;
use crate::domain::ids::GroupId;
use crate::domain::mail::MailKind;
use crate::domain::message::{Audience, NoticeMode};
use crate::domain::privacy::online_url_visible;
use crate::domain::rsvp::RsvpStatus;
use crate::domain::time::{digest_window, to_local};
use crate::error::AppError;
use crate::i18n::{t, tf, time_of_day, Args, MessageArg};
use crate::urls::{group_suggestions_path, group_url, meetup_url};

/// A mail from or about a group, to one member or organiser, which they can stop.
struct GroupLetter<'a> {
    kind: MailKind,
    /// The idempotency key.
    key: String,
    user: &'a User,
    group: &'a Group,
    subject: String,
    intro: String,
    message: Option<&'a str>,
    meetup: Option<&'a MeetupSummary>,
    action: (String, String),
    topic: MailTopic,
    /// Due from then rather than now (see `NewMail::due_at`).
    due_at: Option<NaiveDateTime>,
    /// A line after the links (who wrote an organiser's message).
    note: Option<String>,
    /// Where replies go, when not to the instance's sender address.
    reply_to: Option<String>,
    /// The group the recipient belongs to, when not `group` (a co-host's member): the mail's
    /// reason names it.
    member_of: Option<&'a Group>,
}

/// Renders the letter in the recipient's language, with its one-click unsubscribe link, and
/// queues it; whether it was new.
#[tracing::instrument(level = "debug", skip_all, fields(kind = %l.kind, group = %l.group.id))]
fn send(conn: &mut DbConn, settings: &Settings, l: GroupLetter) -> Result<bool, AppError> {
    let lang = l.user.lang();
    let unsubscribe = unsubscribe_url(settings, &l.user.id, &l.topic);
    let content = Mail {
        lang,
        recipient: &l.user.name,
        subject: l.subject,
        intro: l.intro,
        message: l.message,
        rich: None,
        meetup: l.meetup,
        action: l.action,
        links: Vec::new(),
        note: l.note,
        signature: signature(lang, &l.group.name),
        reason: tf(
            lang,
            reason(l.kind),
            &[("group", &l.member_of.unwrap_or(l.group).name)],
        ),
        unsubscribe: Some(&unsubscribe),
        settings_url: account_url(settings),
    }
    .render();
    outbox::enqueue(
        conn,
        NewMail {
            idempotency_key: l.key,
            kind: l.kind,
            user_id: Some(l.user.id.clone()),
            meetup_id: None,
            to_email: l.user.email.clone(),
            to_name: l.user.name.clone(),
            subject: content.subject,
            body_text: content.text,
            body_html: content.html,
            ics: None,
            ics_method: None,
            unsubscribe_url: Some(unsubscribe),
            reply_to: l.reply_to,
            due_at: l.due_at,
        },
    )
}

/// An organiser's message to each of `recipients`, once per message and member. The caller's
/// transaction only queues the job (none when nobody is to get it): the mail worker writes
/// each recipient's mail, in batches (see `mail::fanout`), from the message's recipients
/// (`message_recipients`) still in the group and taking its messages then.
#[tracing::instrument(
    skip_all,
    fields(kind = %MailKind::OrganiserMessage, group = %group.id, meetup = ?row.map(|r| r.meetup.id.as_str()))
)]
pub fn organiser_message(
    conn: &mut DbConn,
    _settings: &Settings,
    group: &Group,
    row: Option<&MeetupRow>,
    _author: &User,
    message: &GroupMessage,
    recipients: &[User],
) -> Result<(), AppError> {
    if recipients.is_empty() {
        return Ok(());
    }
    fanouts::queue_message(conn, message)?;
    Ok(())
}

/// The author's name, the message and the instant it is due from (when it was sent).
pub(super) struct Sent<'a> {
    pub author_name: &'a str,
    /// The author's address, when replies go to them.
    pub reply_to: Option<&'a str>,
    pub message: &'a GroupMessage,
    pub due_at: NaiveDateTime,
}

/// The organiser's message to one member, rendered in their language and queued under
/// `message:{message}:{user}`; whether it was new. `member_of` is the group whose messages they
/// take (the message's `group`, or for a co-hosted meetup a co-host group they belong to): the
/// mail says so and its one-click link stops that group's messages.
pub(super) fn message_to(
    conn: &mut DbConn,
    settings: &Settings,
    group: &Group,
    member_of: &Group,
    row: Option<&MeetupRow>,
    sent: &Sent,
    user: &User,
) -> Result<bool, AppError> {
    let Sent {
        author_name,
        reply_to,
        message,
        due_at,
    } = *sent;
    let lang = user.lang();
    let about = row.map(|row| {
        let mut about = summary(row, lang, &settings.base_url);
        let going = message.audience == Audience::Going;
        if !online_url_visible(row.meetup.online_url_visibility, going, false) {
            about.online_url = None;
        }
        about
    });
    let action = match &about {
        Some(about) => (t(lang, "mail-see_meetup").to_string(), about.url.clone()),
        None => (
            t(lang, "mail-see_group").to_string(),
            group_url(&settings.base_url, &group.slug),
        ),
    };
    let title = about.as_ref().map_or("", |a| a.title.as_str());
    let args: &Args = &[
        ("group", &group.name),
        ("name", &author_name),
        ("subject", &message.subject),
        ("title", &title),
    ];
    send(
        conn,
        settings,
        GroupLetter {
            kind: MailKind::OrganiserMessage,
            key: format!("message:{}:{}", message.id, user.id),
            user,
            group,
            subject: tf(lang, "mail-message-subject", args),
            intro: tf(
                lang,
                &format!("mail-message-intro-{}", message.audience.as_str()),
                args,
            ),
            message: Some(&message.body),
            meetup: about.as_ref(),
            action,
            topic: MailTopic::Messages(member_of.id.clone()),
            member_of: Some(member_of),
            due_at: Some(due_at),
            note: Some(tf(
                lang,
                if reply_to.is_some() {
                    "mail-message-footer-replies"
                } else {
                    "mail-message-footer-no_replies"
                },
                args,
            )),
            reply_to: reply_to.map(str::to_string),
        },
    )
}

/// Something a member did that the group's organisers hear of.
struct OrganiserNotice<'a> {
    /// `TalkProposed`, `SuggestionMade` or `RsvpChanged`.
    kind: MailKind,
    /// Prefix of the mail's texts' keys (`.subject`, `.intro`) and the digest line's key.
    texts: String,
    /// Names this notice in idempotency keys.
    id: String,
    actor: &'a User,
    /// The talk's title, the venue's name or the meetup's title.
    about: String,
    /// For an RSVP, the answer.
    detail: &'static str,
    args: Vec<(&'static str, String)>,
    /// Where the organiser acts on it.
    url: String,
    at: NaiveDateTime,
}

/// Which of an organiser's choices a notice of `kind` follows.
fn follows(kind: MailKind) -> NoticeKind {
    match kind {
        MailKind::RsvpChanged => NoticeKind::Rsvps,
        _ => NoticeKind::Proposals,
    }
}

/// Mails the organisers who hear of it at once (not the member who did it, if an organiser),
/// and keeps it for those who take a daily digest.
fn notify_organisers(
    conn: &mut DbConn,
    settings: &Settings,
    group: &Group,
    notice: OrganiserNotice,
) -> Result<(), AppError> {
    let listening = groups::organisers_listening(conn, &group.id, follows(notice.kind))?;
    notify_listening(conn, settings, group, notice, listening)
}

/// The organisers who follow a group's answers, read before an answer takes the meetup's lock:
/// answers to one meetup queue on that lock, so what does not depend on the answer is read
/// outside it.
pub struct RsvpListeners(Vec<(User, NoticeMode)>);

pub fn rsvp_listeners(conn: &mut DbConn, group: &GroupId) -> Result<RsvpListeners, AppError> {
    Ok(RsvpListeners(groups::organisers_listening(
        conn,
        group,
        NoticeKind::Rsvps,
    )?))
}

/// [`notify_organisers`] to organisers read beforehand.
#[tracing::instrument(level = "debug", skip_all, fields(kind = %notice.kind, group = %group.id))]
fn notify_listening(
    conn: &mut DbConn,
    settings: &Settings,
    group: &Group,
    notice: OrganiserNotice,
    listening: Vec<(User, NoticeMode)>,
) -> Result<(), AppError> {
    let listening: Vec<(User, NoticeMode)> = listening
        .into_iter()
        .filter(|(u, _)| u.id != notice.actor.id)
        .collect();
    if listening
        .iter()
        .any(|(_, mode)| *mode == NoticeMode::Digest)
    {
        messages::insert_event(
            conn,
            &OrganiserEvent {
                id: new_id(),
                group_id: group.id.clone(),
                actor_id: notice.actor.id.clone(),
                kind: notice.kind,
                actor_name: notice.actor.name.clone(),
                about: notice.about.clone(),
                detail: notice.detail.to_string(),
                url: notice.url.clone(),
                happened_at: notice.at,
            },
        )?;
    }
    let topic = match follows(notice.kind) {
        NoticeKind::Proposals => MailTopic::OrganiserNotices(group.id.clone()),
        NoticeKind::Rsvps => MailTopic::RsvpNotices(group.id.clone()),
    };
    let mut args: Vec<(&str, &dyn MessageArg)> = notice
        .args
        .iter()
        .map(|(k, v)| (*k, v as &dyn MessageArg))
        .collect();
    args.push(("name", &notice.actor.name));
    args.push(("group", &group.name));
    for (organiser, _) in listening.iter().filter(|(_, m)| *m == NoticeMode::Instant) {
        let lang = organiser.lang();
        send(
            conn,
            settings,
            GroupLetter {
                kind: notice.kind,
                key: format!("{}:{}:{}", notice.kind, notice.id, organiser.id),
                user: organiser,
                group,
                subject: tf(lang, &format!("{}-subject", notice.texts), &args),
                intro: tf(lang, &format!("{}-intro", notice.texts), &args),
                message: None,
                meetup: None,
                action: (
                    t(lang, &format!("mail-{}-link", notice.kind)).to_string(),
                    notice.url.clone(),
                ),
                topic: topic.clone(),
                due_at: None,
                note: None,
                reply_to: None,
                member_of: None,
            },
        )?;
    }
    Ok(())
}

/// A talk proposal, for a meetup or for the group's pool.
pub struct TalkNotice<'a> {
    /// The meetup's title, or the group's name for the pool.
    pub for_title: &'a str,
    /// Where organisers review it.
    pub url: String,
    pub talk: &'a Talk,
    pub proposer: &'a User,
}

/// A member proposed a talk.
#[tracing::instrument(skip_all, fields(kind = %MailKind::TalkProposed, talk = %n.talk.id))]
pub fn talk_proposed(
    conn: &mut DbConn,
    settings: &Settings,
    group: &Group,
    n: TalkNotice,
) -> Result<(), AppError> {
    let notice = OrganiserNotice {
        kind: MailKind::TalkProposed,
        texts: "mail-talk_proposed".into(),
        id: n.talk.id.to_string(),
        actor: n.proposer,
        about: n.talk.title.clone(),
        detail: "",
        args: vec![
            ("talk", n.talk.title.clone()),
            ("title", n.for_title.to_string()),
        ],
        url: n.url,
        at: n.talk.created_at,
    };
    notify_organisers(conn, settings, group, notice)
}

/// A member suggested a venue to the group.
#[tracing::instrument(skip_all, fields(kind = %MailKind::SuggestionMade, group = %group.id))]
pub fn suggestion_made(
    conn: &mut DbConn,
    settings: &Settings,
    group: &Group,
    suggestion: &VenueSuggestion,
    suggester: &User,
) -> Result<(), AppError> {
    let notice = OrganiserNotice {
        kind: MailKind::SuggestionMade,
        texts: "mail-suggestion_made".into(),
        id: suggestion.id.to_string(),
        actor: suggester,
        about: suggestion.name.clone(),
        detail: "",
        args: vec![
            ("venue", suggestion.name.clone()),
            ("address", suggestion.address.clone()),
        ],
        url: format!(
            "{}{}",
            settings.base_url,
            group_suggestions_path(&group.slug)
        ),
        at: suggestion.created_at,
    };
    notify_organisers(conn, settings, group, notice)
}

/// A member answered a meetup or changed their answer.
#[tracing::instrument(skip_all, fields(kind = %MailKind::RsvpChanged, meetup = %row.meetup.id))]
pub fn rsvp_changed(
    conn: &mut DbConn,
    settings: &Settings,
    row: &MeetupRow,
    member: &User,
    status: RsvpStatus,
    at: NaiveDateTime,
    listeners: RsvpListeners,
) -> Result<(), AppError> {
    let m = &row.meetup;
    let notice = OrganiserNotice {
        kind: MailKind::RsvpChanged,
        texts: format!("mail-rsvp_{}", status.as_str()),
        id: format!("{}:{}:{}", m.id, member.id, stamp(at)),
        actor: member,
        about: m.title.clone(),
        detail: status.as_str(),
        args: vec![("title", m.title.clone())],
        url: meetup_url(&settings.base_url, &row.group.slug, &m.id),
        at,
    };
    notify_listening(conn, settings, &row.group, notice, listeners.0)
}

/// Queues the daily digests due at `at`: one per organiser, group and local day, listing what
/// happened in the 24 hours before the group's `DIGEST_HOUR`; none when nothing did.
#[tracing::instrument(skip_all, fields(kind = %MailKind::OrganiserDigest))]
pub fn schedule_digests(
    conn: &mut DbConn,
    settings: &Settings,
    at: NaiveDateTime,
) -> Result<usize, AppError> {
    let mut queued = 0;
    for (group, organiser, membership) in groups::digest_readers(conn)? {
        let tz = group.tz();
        let (day, from, to) = digest_window(at, tz, settings.digest_hour);
        let key = format!("digest:{}:{}:{day}", group.id, organiser.id);
        if outbox::has_key(conn, &key)? {
            continue;
        }
        let wanted = |kind: MailKind| {
            let mode = match follows(kind) {
                NoticeKind::Rsvps => membership.rsvp_notices,
                NoticeKind::Proposals => membership.proposal_notices,
            };
            mode == NoticeMode::Digest
        };
        let events: Vec<OrganiserEvent> = messages::events_between(conn, &group.id, from, to)?
            .into_iter()
            .filter(|e| wanted(e.kind) && e.actor_id != organiser.id)
            .collect();
        // Seats given back and promotions, counted rather than listed one by one.
        let (released, promoted) = if wanted(MailKind::RsvpChanged) {
            seat_moves::group_totals_between(conn, &group.id, from, to)?
        } else {
            (0, 0)
        };
        if events.is_empty() && released == 0 && promoted == 0 {
            continue;
        }
        let lang = organiser.lang();
        let mut lines: Vec<String> = events
            .iter()
            .map(|e| {
                let key = match e.kind {
                    MailKind::RsvpChanged => format!("digest-rsvp_{}", e.detail),
                    kind => format!("digest-{kind}"),
                };
                let line = tf(lang, &key, &[("name", &e.actor_name), ("about", &e.about)]);
                let time = time_of_day(lang, to_local(e.happened_at, tz));
                format!("• {time} — {line}\n  {}", e.url)
            })
            .collect();
        if released > 0 || promoted > 0 {
            let args: &Args = &[("released", &released), ("promoted", &promoted)];
            lines.push(format!("• {}", tf(lang, "digest-seat_moves", args)));
        }
        let body = lines.join("\n");
        let args: &Args = &[("group", &group.name)];
        send(
            conn,
            settings,
            GroupLetter {
                kind: MailKind::OrganiserDigest,
                key,
                user: &organiser,
                group: &group,
                subject: tf(lang, "mail-digest-subject", args),
                intro: tf(lang, "mail-digest-intro", args),
                message: Some(&body),
                meetup: None,
                action: (
                    t(lang, "mail-see_group").to_string(),
                    group_url(&settings.base_url, &group.slug),
                ),
                topic: MailTopic::Digest(group.id.clone()),
                due_at: None,
                note: None,
                reply_to: None,
                member_of: None,
            },
        )?;
        queued += 1;
    }
    Ok(queued)
}
