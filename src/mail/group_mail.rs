//! Mail between a group's organisers and its members: organisers' messages, notices to
//! organisers as things happen, and their daily digest.

use chrono::NaiveDateTime;

use super::notify::{account_url, enqueue_for, signature, stamp, summary};
use super::templates::{Mail, MailContent, MeetupSummary};
use super::unsubscribe::{unsubscribe_url, MailTopic};
use crate::config::Settings;
use crate::db::models::{Group, GroupMessage, OrganiserEvent, Talk, User, VenueSuggestion};
use crate::db::repo::groups::{self, NoticeKind};
use crate::db::repo::meetups::MeetupRow;
use crate::db::repo::{messages, new_id, outbox};
use crate::db::DbConn;
use crate::domain::message::{Audience, NoticeMode};
use crate::domain::privacy::online_url_visible;
use crate::domain::rsvp::RsvpStatus;
use crate::domain::time::{digest_window, to_local};
use crate::error::AppError;
use crate::i18n::{t, tf, time_of_day, Args, MessageArg};
use crate::urls::{group_suggestions_path, group_url, meetup_url};

/// What a group mail is about, besides its texts.
struct GroupLetter<'a> {
    user: &'a User,
    group: &'a Group,
    subject: String,
    intro: String,
    message: Option<&'a str>,
    meetup: Option<&'a MeetupSummary>,
    action: (String, String),
    /// Key of the reason sentence (`{group}` filled in).
    reason: &'static str,
    topic: MailTopic,
}

/// The mail's content and its one-click unsubscribe link.
fn render(settings: &Settings, l: GroupLetter) -> (MailContent, String) {
    let lang = l.user.lang();
    let unsubscribe = unsubscribe_url(settings, l.user.id.as_str(), &l.topic);
    let content = Mail {
        lang,
        recipient: &l.user.name,
        subject: l.subject,
        intro: l.intro,
        message: l.message,
        meetup: l.meetup,
        action: l.action,
        links: Vec::new(),
        note: None,
        signature: signature(lang, &l.group.name),
        reason: tf(lang, l.reason, &[("group", &l.group.name)]),
        unsubscribe: Some(&unsubscribe),
        settings_url: account_url(settings),
    }
    .render();
    (content, unsubscribe)
}

/// An organiser's message to each of `recipients`, once per message and member.
pub fn organiser_message(
    conn: &mut DbConn,
    settings: &Settings,
    group: &Group,
    row: Option<&MeetupRow>,
    author: &User,
    message: &GroupMessage,
    recipients: &[User],
) -> Result<(), AppError> {
    for user in recipients {
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
            ("name", &author.name),
            ("subject", &message.subject),
            ("title", &title),
        ];
        let (content, unsubscribe) = render(
            settings,
            GroupLetter {
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
                reason: "mail-reason-messages",
                topic: MailTopic::Messages(group.id.clone()),
            },
        );
        let key = format!("message:{}:{}", message.id, user.id);
        let to = &user.email;
        enqueue_for(
            conn,
            key,
            "organiser_message",
            user,
            to,
            content,
            Some(unsubscribe),
        )?;
    }
    Ok(())
}

/// Something a member did that the group's organisers hear of.
struct OrganiserNotice<'a> {
    /// `talk_proposed`, `suggestion_made` or `rsvp_changed`: the mail kind.
    kind: &'static str,
    which: NoticeKind,
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

/// Mails the organisers who hear of it at once (not the member who did it, if an organiser),
/// and keeps it for those who take a daily digest.
fn notify_organisers(
    conn: &mut DbConn,
    settings: &Settings,
    group: &Group,
    notice: OrganiserNotice,
) -> Result<(), AppError> {
    let listening: Vec<(User, NoticeMode)> =
        groups::organisers_listening(conn, &group.id, notice.which)?
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
                kind: notice.kind.to_string(),
                actor_name: notice.actor.name.clone(),
                about: notice.about.clone(),
                detail: notice.detail.to_string(),
                url: notice.url.clone(),
                happened_at: notice.at,
            },
        )?;
    }
    let topic = match notice.which {
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
        let (content, unsubscribe) = render(
            settings,
            GroupLetter {
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
                reason: "mail-reason-organiser",
                topic: topic.clone(),
            },
        );
        let key = format!("{}:{}:{}", notice.kind, notice.id, organiser.id);
        let to = &organiser.email;
        enqueue_for(
            conn,
            key,
            notice.kind,
            organiser,
            to,
            content,
            Some(unsubscribe),
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
pub fn talk_proposed(
    conn: &mut DbConn,
    settings: &Settings,
    group: &Group,
    n: TalkNotice,
) -> Result<(), AppError> {
    let notice = OrganiserNotice {
        kind: "talk_proposed",
        which: NoticeKind::Proposals,
        texts: "mail-talk_proposed".into(),
        id: n.talk.id.clone(),
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
pub fn suggestion_made(
    conn: &mut DbConn,
    settings: &Settings,
    group: &Group,
    suggestion: &VenueSuggestion,
    suggester: &User,
) -> Result<(), AppError> {
    let notice = OrganiserNotice {
        kind: "suggestion_made",
        which: NoticeKind::Proposals,
        texts: "mail-suggestion_made".into(),
        id: suggestion.id.clone(),
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
pub fn rsvp_changed(
    conn: &mut DbConn,
    settings: &Settings,
    row: &MeetupRow,
    member: &User,
    status: RsvpStatus,
    at: NaiveDateTime,
) -> Result<(), AppError> {
    let m = &row.meetup;
    let notice = OrganiserNotice {
        kind: "rsvp_changed",
        which: NoticeKind::Rsvps,
        texts: format!("mail-rsvp_{}", status.as_str()),
        id: format!("{}:{}:{}", m.id, member.id, stamp(at)),
        actor: member,
        about: m.title.clone(),
        detail: status.as_str(),
        args: vec![("title", m.title.clone())],
        url: meetup_url(&settings.base_url, &row.group.slug, &m.id),
        at,
    };
    notify_organisers(conn, settings, &row.group, notice)
}

/// Queues the daily digests due at `at`: one per organiser, group and local day, listing what
/// happened in the 24 hours before the group's `DIGEST_HOUR`; none when nothing did.
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
        let wanted = |kind: &str| {
            let mode = match kind {
                "rsvp_changed" => membership.rsvp_notices,
                _ => membership.proposal_notices,
            };
            mode == NoticeMode::Digest
        };
        let events: Vec<OrganiserEvent> = messages::events_between(conn, &group.id, from, to)?
            .into_iter()
            .filter(|e| wanted(&e.kind) && e.actor_id != organiser.id)
            .collect();
        if events.is_empty() {
            continue;
        }
        let lang = organiser.lang();
        let lines: Vec<String> = events
            .iter()
            .map(|e| {
                let key = match e.kind.as_str() {
                    "rsvp_changed" => format!("digest-rsvp_{}", e.detail),
                    kind => format!("digest-{kind}"),
                };
                let line = tf(lang, &key, &[("name", &e.actor_name), ("about", &e.about)]);
                let time = time_of_day(lang, to_local(e.happened_at, tz));
                format!("• {time} — {line}\n  {}", e.url)
            })
            .collect();
        let body = lines.join("\n");
        let args: &Args = &[("group", &group.name)];
        let (content, unsubscribe) = render(
            settings,
            GroupLetter {
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
                reason: "mail-reason-organiser",
                topic: MailTopic::Digest(group.id.clone()),
            },
        );
        let to = &organiser.email;
        enqueue_for(
            conn,
            key,
            "organiser_digest",
            &organiser,
            to,
            content,
            Some(unsubscribe),
        )?;
        queued += 1;
    }
    Ok(queued)
}
