//! Organisers writing to a meetup's participants or to the whole group.

use std::sync::Arc;

use chrono::Duration;

use super::access::{organises, require_organiser};
use crate::config::Settings;
use crate::db::models::{Group, GroupMessage, User};
use crate::db::repo::meetups::MeetupRow;
use crate::db::repo::{groups, messages};
use crate::db::{now, Db};
use crate::domain::ids::{MeetupId, MessageId};
use crate::domain::message::{parse_message, within_daily_limit, Audience, MessageText};
use crate::domain::FieldError;
use crate::error::AppError;
use crate::mail::group_mail;

/// What an organiser writes, before it is checked.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub audience: Option<String>,
    pub subject: String,
    pub body: String,
}

/// Where a message goes: a meetup's participants, or the group's members.
#[derive(Clone, Copy)]
pub enum Scope<'a> {
    Meetup(&'a MeetupRow),
    Group(&'a Group),
}

impl Scope<'_> {
    /// The meetup written about; None for the whole group.
    fn meetup_id(&self) -> Option<MeetupId> {
        match self {
            Scope::Meetup(row) => Some(row.meetup.id.clone()),
            Scope::Group(_) => None,
        }
    }

    fn group(&self) -> &Group {
        match self {
            Scope::Meetup(row) => &row.group,
            Scope::Group(group) => group,
        }
    }
}

/// A checked draft: every faulty field at once (the API reports the first).
pub struct Checked {
    pub audience: Audience,
    pub text: MessageText,
}

/// Checks a draft: a message to the whole group goes to all members; a meetup's needs an
/// audience.
pub fn check(whole_group: bool, draft: &Draft) -> Result<Checked, Vec<FieldError>> {
    let audience = match (whole_group, draft.audience.as_deref()) {
        (true, None | Some("all_members")) => Ok(Audience::AllMembers),
        (true, Some(_)) => Err(FieldError::new("audience", "error-audience_invalid")),
        (false, Some(a)) => {
            Audience::parse(a).ok_or(FieldError::new("audience", "error-audience_invalid"))
        }
        (false, None) => Err(FieldError::new("audience", "error-required")),
    };
    let text = parse_message(&draft.subject, &draft.body);
    match (audience, text) {
        (Ok(audience), Ok(text)) => Ok(Checked { audience, text }),
        (a, t) => {
            let mut errors: Vec<FieldError> = a.err().into_iter().collect();
            errors.extend(t.err().unwrap_or_default());
            Err(errors)
        }
    }
}

/// How many members a message to `audience` would reach now (for the preview).
#[tracing::instrument(skip_all)]
pub async fn recipients_count(
    db: &Db,
    user: &User,
    scope: Scope<'_>,
    audience: Audience,
) -> Result<usize, AppError> {
    let (group_id, u) = (scope.group().id.clone(), user.id.clone());
    let meetup_id = scope.meetup_id();
    db.run(move |conn| {
        require_organiser(conn, &group_id, &u)?;
        Ok(messages::audience_members(conn, &group_id, meetup_id.as_ref(), audience)?.len())
    })
    .await
}

/// Sends the message: one mail per recipient who takes messages, through the outbox, and a
/// record of what was sent to whom. Organisers only; at most `MESSAGES_PER_DAY` a group.
#[tracing::instrument(skip_all)]
pub async fn send(
    db: &Db,
    settings: &Arc<Settings>,
    author: &User,
    scope: Scope<'_>,
    draft: &Draft,
) -> Result<GroupMessage, AppError> {
    let checked = check(matches!(scope, Scope::Group(_)), draft).map_err(AppError::Invalid);
    let group = scope.group().clone();
    let row = match scope {
        Scope::Meetup(row) => Some(row.clone()),
        Scope::Group(_) => None,
    };
    let (author, settings) = (author.clone(), settings.clone());
    db.transaction(move |conn| {
        // Counted under the group's lock, so two organisers sending at once share the limit.
        groups::lock_group(conn, &group.id)?;
        require_organiser(conn, &group.id, &author.id)?;
        let checked = checked?;
        let at = now();
        let sent = messages::sent_since(conn, &group.id, at - Duration::hours(24))?;
        if !within_daily_limit(sent, settings.messages_per_day) {
            return Err(AppError::RateLimited("error-messages_rate_limited"));
        }
        let meetup_id = row.as_ref().map(|r| r.meetup.id.clone());
        let recipients =
            messages::audience_members(conn, &group.id, meetup_id.as_ref(), checked.audience)?;
        let message = GroupMessage {
            id: MessageId::random(),
            group_id: group.id.clone(),
            meetup_id,
            author_id: Some(author.id.clone()),
            audience: checked.audience,
            subject: checked.text.subject,
            body: checked.text.body,
            recipients: i32::try_from(recipients.len()).unwrap_or(i32::MAX),
            sent_at: at,
        };
        let ids: Vec<_> = recipients.iter().map(|u| u.id.clone()).collect();
        messages::insert_message(conn, &message, &ids)?;
        group_mail::organiser_message(
            conn,
            &settings,
            &group,
            row.as_ref(),
            &author,
            &message,
            &recipients,
        )?;
        Ok(message)
    })
    .await
}

/// The messages of a meetup (or of the group when `row` is None): organisers see all of them,
/// a member those sent to them, anyone else none.
#[tracing::instrument(skip_all)]
pub async fn sent_messages(
    db: &Db,
    viewer: &User,
    scope: Scope<'_>,
) -> Result<Vec<GroupMessage>, AppError> {
    let group_id = scope.group().id.clone();
    let meetup_id = scope.meetup_id();
    let viewer = viewer.id.clone();
    db.run(move |conn| {
        let recipient = if organises(conn, &group_id, &viewer)? {
            None
        } else {
            Some(&viewer)
        };
        messages::messages(conn, &group_id, meetup_id.as_ref(), recipient)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_message_goes_to_all_members() {
        let draft = Draft {
            audience: None,
            subject: "S".into(),
            body: "B".into(),
        };
        let audience = |whole, d: &Draft| check(whole, d).ok().map(|c| c.audience);
        assert_eq!(audience(true, &draft), Some(Audience::AllMembers));
        let fields = |whole, d: &Draft| -> Vec<&str> {
            check(whole, d)
                .err()
                .unwrap()
                .iter()
                .map(|e| e.field)
                .collect()
        };
        assert_eq!(fields(false, &draft), ["audience"]);
        let going = Draft {
            audience: Some("going".into()),
            ..draft.clone()
        };
        assert_eq!(audience(false, &going), Some(Audience::Going));
        assert_eq!(fields(true, &going), ["audience"]);
        let empty = Draft {
            audience: Some("everyone".into()),
            subject: " ".into(),
            body: String::new(),
        };
        assert_eq!(fields(false, &empty), ["audience", "subject", "body"]);
    }
}
