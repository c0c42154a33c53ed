//! The account's data: handed over on request (export), taken away on request (deletion).

use std::sync::Arc;

use crate::domain::talk::TalkLink;

use chrono::Duration;

use super::accounts::authenticate;
use super::attendance::attendance_of;
use super::email_changes::LINK_HOURS as EMAIL_LINK_HOURS;
use super::rsvps::answer_locked;
use crate::config::Settings;
use crate::db::models::User;
use crate::db::repo::{
    email_changes, groups, meetups, outbox, personal_data as data, polls, questions, users,
};
use crate::db::{now, Db};
use crate::domain::account::is_erased_email;
use crate::domain::check_in::HISTORY_KEPT;
use crate::domain::group::{check_role_change, GroupRole};
use crate::domain::rsvp::Answer;
use crate::domain::time::format_utc;
use crate::error::AppError;

/// Everything the account owns or said, as `GET /api/v1/me/export` hands it over.
pub struct AccountExport {
    pub profile: ExportedProfile,
    pub memberships: Vec<ExportedMembership>,
    pub rsvps: Vec<ExportedRsvp>,
    pub talks: Vec<ExportedTalk>,
    pub venue_suggestions: Vec<ExportedSuggestion>,
    pub venue_votes: Vec<ExportedVote>,
    pub talk_votes: Vec<ExportedTalkVote>,
    /// Answers to polls on meetups' dates and places.
    pub poll_votes: Vec<ExportedPollVote>,
    /// Answers to meetups' RSVP questions.
    pub rsvp_answers: Vec<ExportedRsvpAnswer>,
    /// Organisers' messages sent to the account.
    pub messages_received: Vec<ExportedMessage>,
    /// Changes of address asked and not confirmed yet (their links still work).
    pub pending_email_changes: Vec<ExportedEmailChange>,
    /// The mails sent or due to the account, newest first.
    pub mails: Vec<ExportedMail>,
}

pub struct ExportedEmailChange {
    pub new_email: String,
    pub requested_at: String,
    pub expires_at: String,
}

pub struct ExportedMail {
    pub kind: String,
    pub to_email: String,
    pub subject: String,
    /// `pending`, `sent` or `skipped`.
    pub status: String,
    pub queued_at: String,
    pub sent_at: Option<String>,
}

pub struct ExportedMessage {
    pub group_slug: String,
    pub subject: String,
    pub body: String,
    pub sent_at: String,
}

pub struct ExportedProfile {
    pub id: String,
    pub email: String,
    pub name: String,
    pub locale: String,
    pub mail_reminders: bool,
    pub mail_notices: bool,
    pub created_at: String,
}

pub struct ExportedMembership {
    pub group_slug: String,
    pub group_name: String,
    pub role: String,
    pub joined_at: String,
    pub announcements: bool,
    pub messages: bool,
    pub organiser_notices: String,
    pub rsvp_notices: String,
    /// When they accepted the group's code of conduct.
    pub code_of_conduct_accepted_at: Option<String>,
    /// Their attendance history in the group (twelve months).
    pub attendance: ExportedAttendance,
}

pub struct ExportedAttendance {
    pub going: i64,
    pub attended: i64,
    pub no_shows: i64,
    pub late_releases: i64,
    pub since: String,
}

pub struct ExportedRsvp {
    pub meetup_id: String,
    pub meetup_title: String,
    pub starts_at: String,
    pub status: String,
    pub guests: i32,
    pub attended: bool,
    pub answered_at: String,
}

pub struct ExportedTalk {
    pub id: String,
    /// `null` for a talk in its group's pool.
    pub meetup_id: Option<String>,
    pub title: String,
    pub abstract_text: String,
    pub duration_minutes: i32,
    pub speaker_name: Option<String>,
    pub status: String,
    pub links: Vec<TalkLink>,
    pub created_at: String,
}

pub struct ExportedSuggestion {
    pub id: String,
    pub name: String,
    pub address: String,
    pub url: Option<String>,
    pub note: Option<String>,
    pub status: String,
    pub created_at: String,
}

pub struct ExportedVote {
    pub suggestion_id: String,
    pub suggestion_name: String,
    pub created_at: String,
}

pub struct ExportedPollVote {
    pub poll_id: String,
    pub poll_title: String,
    pub option_id: String,
    /// A date option's start (UTC); none for a venue.
    pub starts_at: Option<String>,
    /// `yes`, `if_need_be` or `no`.
    pub answer: String,
    pub answered_at: String,
}

pub struct ExportedRsvpAnswer {
    pub meetup_id: String,
    pub meetup_title: String,
    pub question: String,
    pub value: serde_json::Value,
    pub share_with_host: bool,
    pub withheld: bool,
    pub answered_at: String,
}

pub struct ExportedTalkVote {
    pub talk_id: String,
    pub talk_title: String,
    pub created_at: String,
}

#[tracing::instrument(skip_all)]
pub async fn export(db: &Db, user: &User) -> Result<AccountExport, AppError> {
    let user = user.clone();
    let link_since = now() - Duration::hours(EMAIL_LINK_HOURS);
    db.run(move |conn| {
        let id = &user.id;
        Ok(AccountExport {
            profile: ExportedProfile {
                id: id.to_string(),
                email: user.email.clone(),
                name: user.name.clone(),
                locale: user.locale.code().into(),
                mail_reminders: user.mail_reminders,
                mail_notices: user.mail_notices,
                created_at: format_utc(user.created_at),
            },
            memberships: data::memberships_of(conn, id)?
                .into_iter()
                .map(|m| {
                    let at = now();
                    let c = attendance_of(conn, &m.group_id, std::slice::from_ref(id), at)?
                        .remove(id)
                        .unwrap_or_default();
                    Ok((m, c, at))
                })
                .collect::<Result<Vec<_>, AppError>>()?
                .into_iter()
                .map(|(m, c, at)| ExportedMembership {
                    group_slug: m.group_slug,
                    group_name: m.group_name,
                    role: m.role.as_str().into(),
                    joined_at: format_utc(m.joined_at),
                    announcements: m.announcements,
                    messages: m.messages,
                    organiser_notices: m.proposal_notices.as_str().into(),
                    rsvp_notices: m.rsvp_notices.as_str().into(),
                    code_of_conduct_accepted_at: m.code_of_conduct_accepted_at.map(format_utc),
                    attendance: ExportedAttendance {
                        going: c.going,
                        attended: c.attended,
                        no_shows: c.no_shows,
                        late_releases: c.late_releases,
                        since: format_utc(at - HISTORY_KEPT),
                    },
                })
                .collect(),
            rsvps: data::rsvps_of(conn, id)?
                .into_iter()
                .map(|r| ExportedRsvp {
                    meetup_id: r.meetup_id.to_string(),
                    meetup_title: r.meetup_title,
                    starts_at: format_utc(r.starts_at),
                    status: r.status.as_str().into(),
                    guests: r.guests,
                    attended: r.attended,
                    answered_at: format_utc(r.answered_at),
                })
                .collect(),
            talks: data::talks_of(conn, id)?
                .into_iter()
                .map(|t| ExportedTalk {
                    id: t.id,
                    meetup_id: t.meetup_id.map(|m| m.to_string()),
                    links: serde_json::from_str(&t.links).unwrap_or_default(),
                    title: t.title,
                    abstract_text: t.abstract_text,
                    duration_minutes: t.duration_minutes,
                    speaker_name: t.speaker_name,
                    status: t.status.as_str().into(),
                    created_at: format_utc(t.created_at),
                })
                .collect(),
            venue_suggestions: data::suggestions_of(conn, id)?
                .into_iter()
                .map(|s| ExportedSuggestion {
                    id: s.id,
                    name: s.name,
                    address: s.address,
                    url: s.url,
                    note: s.note,
                    status: s.status.as_str().into(),
                    created_at: format_utc(s.created_at),
                })
                .collect(),
            venue_votes: data::votes_of(conn, id)?
                .into_iter()
                .map(|v| ExportedVote {
                    suggestion_id: v.suggestion_id,
                    suggestion_name: v.suggestion_name,
                    created_at: format_utc(v.created_at),
                })
                .collect(),
            poll_votes: polls::votes_of_user(conn, id)?
                .into_iter()
                .map(|(vote, title, option)| ExportedPollVote {
                    poll_id: vote.poll_id.to_string(),
                    poll_title: title,
                    option_id: vote.option_id.to_string(),
                    starts_at: option.starts_at.map(format_utc),
                    answer: vote.answer.as_str().into(),
                    answered_at: format_utc(vote.answered_at),
                })
                .collect(),
            rsvp_answers: questions::answers_of_user(conn, id)?
                .into_iter()
                .map(|a| ExportedRsvpAnswer {
                    meetup_id: a.meetup_id.to_string(),
                    meetup_title: a.meetup_title,
                    question: a.question,
                    value: a.value,
                    share_with_host: a.share_with_host,
                    withheld: a.withheld,
                    answered_at: format_utc(a.answered_at),
                })
                .collect(),
            talk_votes: data::talk_votes_of(conn, id)?
                .into_iter()
                .map(|(talk_id, talk_title, at)| ExportedTalkVote {
                    talk_id,
                    talk_title,
                    created_at: format_utc(at),
                })
                .collect(),
            messages_received: data::messages_to(conn, id)?
                .into_iter()
                .map(|m| ExportedMessage {
                    group_slug: m.group_slug,
                    subject: m.subject,
                    body: m.body,
                    sent_at: format_utc(m.sent_at),
                })
                .collect(),
            pending_email_changes: email_changes::pending_of(conn, id, link_since)?
                .into_iter()
                .map(|(new_email, at)| ExportedEmailChange {
                    new_email,
                    requested_at: format_utc(at),
                    expires_at: format_utc(at + Duration::hours(EMAIL_LINK_HOURS)),
                })
                .collect(),
            mails: outbox::mails_to(conn, id, &user.email)?
                .into_iter()
                .map(
                    |(kind, to_email, subject, status, queued, sent)| ExportedMail {
                        kind: kind.to_string(),
                        to_email,
                        subject,
                        status: status.as_str().into(),
                        queued_at: format_utc(queued),
                        sent_at: sent.map(format_utc),
                    },
                )
                .collect(),
        })
    })
    .await
}

/// What an erased account is called where it stays (past attendance, published talks).
pub use crate::domain::account::ERASED_NAME;

/// Deletes the account, given its password: in one transaction, its seats at upcoming
/// meetups are released (the waitlist moves up, with its mails), its proposals withdrawn, its
/// votes, memberships, sessions, tokens, mails, pending links and sign-in records removed, and
/// nothing personal is left (see `db::repo::personal_data::erase`); the e-mail address is free
/// again, and every link mailed to the account answers 410 `link_expired`. The last organiser
/// of a group must hand over first (409 `last_organiser`).
#[tracing::instrument(skip_all)]
pub async fn delete_account(
    db: &Db,
    settings: &Arc<Settings>,
    user: &User,
    password: &str,
    ip: &str,
) -> Result<(), AppError> {
    authenticate(db, settings, &user.email, password, ip).await?;
    let (user, settings) = (user.clone(), settings.clone());
    db.transaction(move |conn| {
        // First of all, so that no answer by link is made in its name meanwhile.
        let user = users::lock_user(conn, &user.id, true)?.ok_or(AppError::NotFound)?;
        if is_erased_email(&user.email) {
            // Deleted meanwhile, by a request of its own.
            return Err(AppError::Unauthorized);
        }
        // Leaving every group at once: the rule of leaving one (`app::groups::leave_group`),
        // under each group's lock, taken in one order so that two deletions cannot deadlock.
        let mut memberships = groups::groups_of_user(conn, &user.id)?;
        memberships.sort_by(|(a, _), (b, _)| a.id.cmp(&b.id));
        for (group, membership) in memberships {
            groups::lock_group(conn, &group.id)?;
            let organisers = groups::organisers_count(conn, &group.id)?;
            check_role_change(membership.role, GroupRole::Member, organisers)?;
        }
        let at = now();
        for (meetup, _) in meetups::answers_since(conn, &user.id, at)? {
            if meetup.starts_at > at {
                answer_locked(conn, &settings, &meetup.id, &user.id, Answer::No)?;
            }
        }
        data::erase(conn, &user, ERASED_NAME)
    })
    .await
}
