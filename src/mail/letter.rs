//! What every queued mail is made of: a meetup's summary and invitation, the letter about a
//! meetup, the footer's parts, and the outbox row. Every mail family builds on this file, which
//! imports none of them.

use chrono::NaiveDateTime;

use super::answer_links::{AnswerLink, LinkAction};
use super::templates::{Mail, MailContent, MeetupSummary, Rich};
use super::unsubscribe::{unsubscribe_url, MailTopic};
use crate::config::Settings;
use crate::db::models::{User, Venue};
use crate::db::repo::meetups::MeetupRow;
use crate::db::repo::outbox::{enqueue, NewMail};
use crate::db::DbConn;
use crate::domain::mail::MailKind;
use crate::domain::privacy::online_url_visible;
use crate::domain::time::to_local;
use crate::error::AppError;
use crate::i18n::{colon, long_date, t, tf, time_span, Lang, MessageArg, Value};
use crate::reports::markdown::{markdown_text, render_markdown};
use crate::urls::{meetup_url, register_path, ACCOUNT_PATH};

/// A mail's calendar part: the iCalendar text and its METHOD.
pub type Invitation = (String, &'static str);

/// The event attached to a mail about `row`, for `user`.
pub(super) fn invitation(
    settings: &Settings,
    row: &MeetupRow,
    method: &'static str,
    user: &User,
    going: bool,
) -> Option<Invitation> {
    let online = online_url_visible(row.meetup.online_url_visibility, going, false);
    // How to get in goes to those going, in their language, at the end of the description.
    let entry = entry_instructions(row, going)
        .map(|e| format!("{}{}{e}", t(user.lang(), "mail-entry"), colon(user.lang())));
    crate::ical::meetups::invitation(settings, row, method, user, online, entry.as_deref())
        .map(|ics| (ics, method))
}

/// The venue's way in, for a member going.
fn entry_instructions(row: &MeetupRow, going: bool) -> Option<String> {
    row.venue
        .as_ref()
        .and_then(|v| v.entry_instructions.clone())
        .filter(|_| going)
}

/// « jeudi 3 décembre 2026, 19:00 – 21:00 (Europe/Paris) »: start, end, and the zone they are in.
pub(super) fn when(
    lang: Lang,
    starts_at: NaiveDateTime,
    ends_at: NaiveDateTime,
    tz: chrono_tz::Tz,
) -> String {
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
        entry: None,
        url: meetup_url(base_url, &row.group.slug, &m.id),
    }
}

/// Key of the sentence saying why the recipient gets a mail of this kind (`{group}` is filled
/// in, except in mails about the account).
pub(super) fn reason(kind: MailKind) -> &'static str {
    match kind {
        MailKind::RsvpGoing | MailKind::RsvpWaitlisted | MailKind::Promoted => {
            "mail-reason-answered"
        }
        MailKind::Reminder | MailKind::Reconfirmation => "mail-reason-reminders",
        MailKind::SeatReleased | MailKind::GuestAnswerConfirm => "mail-reason-answered",
        MailKind::FollowUp => "mail-reason-follow_up",
        MailKind::MeetupAnnounced
        | MailKind::SeriesAnnounced
        | MailKind::PollAnnounced
        | MailKind::PollReminder
        | MailKind::PollDecided => "mail-reason-announcements",
        MailKind::PollPriority => "mail-reason-voted",
        MailKind::MeetupChanged | MailKind::MeetupCancelled | MailKind::MeetupReinstated => {
            "mail-reason-attending"
        }
        MailKind::TalkAccepted | MailKind::TalkRejected | MailKind::TalkMoved => {
            "mail-reason-proposer"
        }
        MailKind::VenueAccepted => "mail-reason-suggester",
        MailKind::PasswordReset | MailKind::EmailChangeConfirm | MailKind::EmailChangeNotice => {
            "mail-reason-account"
        }
        MailKind::OrganiserMessage => "mail-reason-messages",
        MailKind::GroupWelcome => "mail-reason-joined",
        MailKind::Invitation => "mail-reason-invited",
        MailKind::TalkProposed
        | MailKind::SuggestionMade
        | MailKind::RsvpChanged
        | MailKind::OrganiserDigest
        | MailKind::IncidentReported => "mail-reason-organiser",
        MailKind::CohostInvited => "mail-reason-cohost",
    }
}

/// A mail to one member about one meetup. What a letter does not set, it goes without: no
/// arguments beyond the meetup's title and time, no way to stop it, no calendar part, the
/// meetup's page as its call to action.
pub(super) struct Letter<'a> {
    kind: MailKind,
    key: String,
    user: &'a User,
    row: &'a MeetupRow,
    subject_key: String,
    intro_key: String,
    args: Vec<(&'static str, Value)>,
    topic: Option<MailTopic>,
    invitation: Option<Invitation>,
    /// The recipient is going: the meetup's online link is for them (see `domain::privacy`),
    /// and the mail offers to release their seat.
    going: bool,
    /// The call to action, as (label, URL); the meetup's page when None.
    action: Option<(String, String)>,
    /// Other links the mail offers, as (label, URL).
    links: Vec<(String, String)>,
    /// Text shown as is, links made clickable (an organiser's words, a programme).
    message: Option<String>,
    /// Markdown a person wrote (a meetup's description).
    rich: Option<Rich>,
    /// Due from then rather than now (see `NewMail::due_at`).
    due_at: Option<NaiveDateTime>,
    /// A line after the links (e.g. whom to tell of an incident).
    note: Option<String>,
    /// The group the recipient belongs to, when not the meetup's (a co-host group's member):
    /// the mail's reason names it.
    member_of: Option<String>,
}

impl<'a> Letter<'a> {
    /// `texts` is the prefix of the subject's and intro's keys (`-subject`, `-intro`); `key`
    /// the idempotency key.
    pub(super) fn new(
        kind: MailKind,
        key: String,
        user: &'a User,
        row: &'a MeetupRow,
        texts: &str,
    ) -> Self {
        Letter {
            kind,
            key,
            user,
            row,
            subject_key: format!("{texts}-subject"),
            intro_key: format!("{texts}-intro"),
            args: Vec::new(),
            topic: None,
            invitation: None,
            going: false,
            action: None,
            links: Vec::new(),
            message: None,
            rich: None,
            due_at: None,
            note: None,
            member_of: None,
        }
    }

    pub(super) fn note(mut self, note: Option<String>) -> Self {
        self.note = note;
        self
    }

    /// Another subject than the one `texts` names.
    pub(super) fn subject(mut self, key: &str) -> Self {
        self.subject_key = key.to_string();
        self
    }

    /// Another intro than the one `texts` names.
    pub(super) fn intro(mut self, key: &str) -> Self {
        self.intro_key = key.to_string();
        self
    }

    pub(super) fn args(mut self, args: Vec<(&'static str, Value)>) -> Self {
        self.args = args;
        self
    }

    /// What the recipient can stop receiving with one click.
    pub(super) fn topic(mut self, topic: MailTopic) -> Self {
        self.topic = Some(topic);
        self
    }

    pub(super) fn member_of(mut self, group: Option<String>) -> Self {
        self.member_of = group;
        self
    }

    pub(super) fn invitation(mut self, invitation: Option<Invitation>) -> Self {
        self.invitation = invitation;
        self
    }

    pub(super) fn going(mut self, going: bool) -> Self {
        self.going = going;
        self
    }

    pub(super) fn action(mut self, action: impl Into<Option<(String, String)>>) -> Self {
        self.action = action.into();
        self
    }

    pub(super) fn links(mut self, links: Vec<(String, String)>) -> Self {
        self.links = links;
        self
    }

    pub(super) fn message(mut self, message: Option<String>) -> Self {
        self.message = message;
        self
    }

    /// Markdown shown formatted in the HTML part and as plain text in the other.
    pub(super) fn markdown(mut self, source: &str) -> Self {
        self.rich = Some(source.trim())
            .filter(|s| !s.is_empty())
            .map(|source| Rich {
                html: render_markdown(source),
                text: markdown_text(source),
            });
        self
    }

    pub(super) fn due_at(mut self, due_at: NaiveDateTime) -> Self {
        self.due_at = Some(due_at);
        self
    }

    /// Renders the letter in the recipient's language and queues it; whether it was new.
    #[tracing::instrument(
        level = "debug",
        skip_all,
        fields(kind = %self.kind, meetup = %self.row.meetup.id)
    )]
    pub(super) fn send(self, conn: &mut DbConn, settings: &Settings) -> Result<bool, AppError> {
        let lang = self.user.lang();
        let mut summary = summary(self.row, lang, &settings.base_url);
        if !online_url_visible(self.row.meetup.online_url_visibility, self.going, false) {
            summary.online_url = None;
        }
        summary.entry = entry_instructions(self.row, self.going);
        let mut args: Vec<(&str, &dyn MessageArg)> = self
            .args
            .iter()
            .map(|(k, v)| (*k, v as &dyn MessageArg))
            .collect();
        args.push(("title", &summary.title));
        let when = summary.when.clone();
        args.push(("when", &when));
        // The day alone, for subjects: "Apéro Django — Tuesday 8 December 2026".
        let day = long_date(
            lang,
            to_local(self.row.meetup.starts_at, self.row.group.tz()),
        );
        args.push(("day", &day));
        let subject = tf(lang, &self.subject_key, &args);
        let intro = tf(lang, &self.intro_key, &args);
        let unsubscribe = self
            .topic
            .map(|topic| unsubscribe_url(settings, &self.user.id, &topic));
        let m = &self.row.meetup;
        let details = (t(lang, "mail-details").to_string(), summary.url.clone());
        // The mail's own links first (e.g. "Not this time" next to "I'm going"), then the page.
        let mut links = self.links;
        let action = match self.action {
            Some(action) => {
                links.push(details);
                action
            }
            None => details,
        };
        if self.going && !m.is_cancelled() {
            let url = AnswerLink::url(m, &self.user.id, LinkAction::Release, settings);
            links.push((t(lang, "mail-release_seat").to_string(), url));
        }
        // Someone who answered without an account may make one at any time: it keeps their
        // answers (see `db::repo::users::create_user`).
        if self.user.guest {
            let url = format!("{}{}", settings.base_url, register_path(None));
            links.push((t(lang, "mail-create_account").to_string(), url));
        }
        let content = Mail {
            lang,
            recipient: &self.user.name,
            subject,
            intro,
            message: self.message.as_deref(),
            rich: self.rich.as_ref(),
            meetup: Some(&summary),
            action,
            links,
            note: self.note,
            signature: signature(lang, &summary.group_name),
            reason: tf(
                lang,
                reason(self.kind),
                &[(
                    "group",
                    self.member_of.as_ref().unwrap_or(&summary.group_name),
                )],
            ),
            unsubscribe: unsubscribe.as_deref(),
            settings_url: account_url(settings),
        }
        .render();
        let (ics, ics_method) = match self.invitation {
            Some((ics, method)) => (Some(ics), Some(method)),
            None => (None, None),
        };
        enqueue(
            conn,
            NewMail {
                idempotency_key: self.key,
                kind: self.kind,
                user_id: Some(self.user.id.clone()),
                meetup_id: Some(m.id.clone()),
                to_email: self.user.email.clone(),
                to_name: self.user.name.clone(),
                subject: content.subject,
                body_text: content.text,
                body_html: content.html,
                ics,
                ics_method,
                unsubscribe_url: unsubscribe,
                reply_to: None,
                due_at: self.due_at,
            },
        )
    }
}

/// Queues a mail with no meetup and no calendar part for `user`, at `to` (their address, or
/// the one they asked to move to); whether it was new.
#[tracing::instrument(level = "debug", skip_all, fields(kind = %kind))]
pub(super) fn enqueue_for(
    conn: &mut DbConn,
    key: String,
    kind: MailKind,
    user: &User,
    to: &str,
    content: MailContent,
    unsubscribe_url: Option<String>,
) -> Result<bool, AppError> {
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
            reply_to: None,
            due_at: None,
        },
    )
}

pub(super) fn account_url(settings: &Settings) -> String {
    format!("{}{ACCOUNT_PATH}", settings.base_url)
}

pub(super) fn signature(lang: Lang, group_name: &str) -> String {
    tf(lang, "mail-signature", &[("group", &group_name)])
}

/// An instant as it names a mail in idempotency keys.
pub(super) fn stamp(at: NaiveDateTime) -> i64 {
    at.and_utc().timestamp_micros()
}
