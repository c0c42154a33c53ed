//! Mail about polls: the new poll to the members who want announcements, one reminder a day
//! before it closes to those who did not answer, and the meetup it became: first to those who
//! said "yes" to its date (one-click "I'm going"), then, after the priority window, to everyone
//! else as the meetup's announcement. One mail per member for the meetup, never two.

use chrono::NaiveDateTime;

use super::answer_links::{AnswerLink, LinkAction, PollLink};
use super::letter::{account_url, reason, signature, Letter};
use super::meetups::announce_to;
use super::sponsors::Thanks;
use super::templates::Mail;
use super::unsubscribe::{unsubscribe_url, MailTopic};
use crate::config::Settings;
use crate::db::models::{Group, MailFanout, Poll, User};
use crate::db::repo::meetups::MeetupRow;
use crate::db::repo::outbox::{self, NewMail};
use crate::db::repo::{fanouts, groups, polls};
use crate::db::{now, DbConn};
use crate::domain::ids::{PollId, PollOptionId, UserId};
use crate::domain::mail::MailKind;
use crate::domain::poll::{OptionKind, PollAnswer};
use crate::domain::time::to_local;
use crate::error::AppError;
use crate::i18n::{long_datetime, t, tf};
use crate::urls::poll_url;

/// Queues the announcement of a new poll to its group: `poll:{poll}`, once; the worker writes
/// each member's mail (see `mail::fanout`).
#[tracing::instrument(skip_all, fields(kind = %MailKind::PollAnnounced, poll = %poll.id))]
pub fn poll_announced(conn: &mut DbConn, poll: &Poll) -> Result<bool, AppError> {
    let key = format!("poll:{}", poll.id);
    let job = MailFanout {
        poll_id: Some(poll.id.clone()),
        ..fanouts::new_job(MailKind::PollAnnounced, key, &poll.group_id, None)
    };
    fanouts::insert(conn, &job)
}

/// Queues the announcement of the meetup a poll became to those who did not say "yes" to its
/// date: `poll-decided:{poll}`, once; each mail is the meetup's own announcement
/// (`announce:{meetup}:{user}`), due when the priority window ends.
#[tracing::instrument(skip_all, fields(kind = %MailKind::PollDecided, poll = %poll))]
pub fn meetup_decided(conn: &mut DbConn, poll: &PollId, row: &MeetupRow) -> Result<bool, AppError> {
    let key = format!("poll-decided:{poll}");
    let meetup = Some(&row.meetup.id);
    let job = MailFanout {
        poll_id: Some(poll.clone()),
        ..fanouts::new_job(MailKind::PollDecided, key, &row.group.id, meetup)
    };
    fanouts::insert(conn, &job)
}

/// The meetup to each of `voters` (who said "yes" to its date), at once, with a one-click "I'm
/// going": `poll-priority:{meetup}:{user}`.
#[tracing::instrument(skip_all, fields(kind = %MailKind::PollPriority, meetup = %row.meetup.id))]
pub fn priority_window(
    conn: &mut DbConn,
    settings: &Settings,
    row: &MeetupRow,
    voters: &[User],
) -> Result<(), AppError> {
    let m = &row.meetup;
    for user in voters {
        let lang = user.lang();
        let key = format!("poll-priority:{}:{}", m.id, user.id);
        let links = vec![(
            t(lang, "mail-announce-not_going").to_string(),
            AnswerLink::url(m, &user.id, LinkAction::Release, settings),
        )];
        Letter::new(MailKind::PollPriority, key, user, row, "mail-poll_priority")
            .args(vec![("group", row.group.name.clone().into())])
            .markdown(&m.description)
            .action((
                t(lang, "mail-announce-going").to_string(),
                AnswerLink::url(m, &user.id, LinkAction::Going, settings),
            ))
            .links(links)
            .send(conn, settings)?;
    }
    Ok(())
}

/// The meetup's announcement to one member who did not say "yes" to its date, due when the
/// priority window ends; whether it was new (false for a priority voter: they had theirs).
pub(super) fn decided_to(
    conn: &mut DbConn,
    settings: &Settings,
    poll: &Poll,
    priority: &[UserId],
    row: &MeetupRow,
    thanks: &Thanks,
    user: &User,
) -> Result<bool, AppError> {
    if priority.contains(&user.id) {
        return Ok(false);
    }
    let due = poll.priority_until.unwrap_or_else(now);
    announce_to(conn, settings, (row, None), thanks, user, due)
}

/// The "yes" voters of the date a closed poll chose: they got the priority mail.
pub(super) fn priority_voters(conn: &mut DbConn, poll: &Poll) -> Result<Vec<UserId>, AppError> {
    match &poll.chosen_option_id {
        Some(option) => polls::yes_voter_ids(conn, option),
        None => Ok(Vec::new()),
    }
}

/// The most dates a poll's mail offers one-click answers for (three links each); past it,
/// the mail lists the dates and links the poll's page only.
pub const MAX_MAIL_CHOICES: usize = 6;

/// The poll's dates as the member reads them, one a line; and, when there are few enough,
/// one-click "yes", "if need be" and "no" for each (see `answer_links::PollLink`), as
/// (label, URL).
fn dates_in_words(
    conn: &mut DbConn,
    settings: &Settings,
    poll: &Poll,
    group: &Group,
    user: &User,
) -> Result<(String, Vec<(String, String)>), AppError> {
    let lang = user.lang();
    let tz = group.tz();
    let dates: Vec<(PollOptionId, String)> = polls::options_of(conn, &poll.id)?
        .into_iter()
        .filter(|o| o.kind == OptionKind::Date)
        .filter_map(|o| Some((o.id, long_datetime(lang, to_local(o.starts_at?, tz)))))
        .collect();
    let lines: Vec<String> = dates.iter().map(|(_, day)| format!("• {day}")).collect();
    let mut links = Vec::new();
    if dates.len() <= MAX_MAIL_CHOICES {
        for (option, day) in &dates {
            for answer in PollAnswer::ALL {
                let label = tf(
                    lang,
                    "mail-poll-one_click",
                    &[("day", day), ("answer", &t(lang, answer.label_key()))],
                );
                let url = PollLink::url(poll, option, &user.id, answer, settings);
                links.push((label, url));
            }
        }
    }
    Ok((lines.join("\n"), links))
}

/// A poll's announcement (`reminder` false) or reminder to one member, with the link to its
/// page; whether it was new.
pub(super) fn poll_to(
    conn: &mut DbConn,
    settings: &Settings,
    poll: &Poll,
    user: &User,
    reminder: bool,
    due_at: Option<NaiveDateTime>,
) -> Result<bool, AppError> {
    let group = groups::group_by_id(conn, &poll.group_id)?;
    let lang = user.lang();
    let (kind, texts, key) = if reminder {
        (
            MailKind::PollReminder,
            "mail-poll_reminder",
            format!("poll-reminder:{}:{}", poll.id, user.id),
        )
    } else {
        (
            MailKind::PollAnnounced,
            "mail-poll",
            format!("poll:{}:{}", poll.id, user.id),
        )
    };
    let closes = match poll.closes_at {
        Some(at) => tf(
            lang,
            "mail-poll-closes",
            &[("closes", &long_datetime(lang, to_local(at, group.tz())))],
        ),
        None => String::new(),
    };
    let args: [(&str, &dyn crate::i18n::MessageArg); 3] = [
        ("group", &group.name),
        ("title", &poll.title),
        ("closes", &closes),
    ];
    let subject = tf(lang, &format!("{texts}-subject"), &args);
    let intro = tf(lang, &format!("{texts}-intro"), &args);
    let (dates, links) = dates_in_words(conn, settings, poll, &group, user)?;
    // The one-click links name each date: the list is for the mails without them.
    let message = match (poll.description.trim(), links.is_empty()) {
        ("", true) => dates,
        ("", false) => String::new(),
        (description, true) => format!("{description}\n\n{dates}"),
        (description, false) => description.to_string(),
    };
    let topic = MailTopic::Announcements(group.id.clone());
    let unsubscribe = unsubscribe_url(settings, &user.id, &topic);
    let url = poll_url(&settings.base_url, &group.slug, &poll.id);
    let content = Mail {
        lang,
        recipient: &user.name,
        subject,
        intro,
        message: Some(message.as_str()).filter(|m| !m.is_empty()),
        rich: None,
        meetup: None,
        action: (t(lang, "mail-poll-answer").to_string(), url),
        links,
        note: None,
        signature: signature(lang, &group.name),
        reason: tf(lang, reason(kind), &[("group", &group.name)]),
        unsubscribe: Some(&unsubscribe),
        settings_url: account_url(settings),
    }
    .render();
    outbox::enqueue(
        conn,
        NewMail {
            idempotency_key: key,
            kind,
            user_id: Some(user.id.clone()),
            meetup_id: None,
            to_email: user.email.clone(),
            to_name: user.name.clone(),
            subject: content.subject,
            body_text: content.text,
            body_html: content.html,
            ics: None,
            ics_method: None,
            unsubscribe_url: Some(unsubscribe),
            reply_to: None,
            due_at,
        },
    )
}

/// Reminds the members who did not answer a poll closing within a day (once per poll): the
/// mails queued.
#[tracing::instrument(skip_all)]
pub fn schedule_poll_reminders(
    conn: &mut DbConn,
    settings: &Settings,
    at: NaiveDateTime,
) -> Result<usize, AppError> {
    let mut queued = 0;
    for poll in polls::due_reminders(conn, at)? {
        polls::set_reminded(conn, &poll.id, at)?;
        for user in polls::silent_members(conn, &poll.group_id, &poll.id, poll.created_at)? {
            if poll_to(conn, settings, &poll, &user, true, None)? {
                queued += 1;
            }
        }
    }
    Ok(queued)
}
