//! Organisers writing to a meetup's participants or to the whole group.

use chrono::Duration;

use super::access::{organises, require_organiser, Viewer};
use super::audit;
use super::groups::{group_at, organised_group, organised_meetup};
use crate::config::Settings;
use crate::db::models::{Group, GroupMessage, User};
use crate::db::repo::meetups::{self, MeetupRow};
use crate::db::repo::{cohosts, groups, messages};
use crate::db::{now, DbConn};
use crate::domain::ids::{MeetupId, MessageId, UserId};
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
    /// Replies go to nobody: the author chose "no replies".
    pub no_replies: bool,
}

/// What a message is about, as a request names it: a meetup, or the group at a slug.
#[derive(Debug, Clone)]
pub enum About {
    Meetup(MeetupId),
    Group(String),
}

/// Where a message goes: a meetup's participants, or the group's members.
pub enum Scope {
    Meetup(Box<MeetupRow>),
    Group(Box<Group>),
}

impl Scope {
    /// The scope `about` names, or 404.
    pub fn of(conn: &mut DbConn, about: &About) -> Result<Scope, AppError> {
        Ok(match about {
            About::Meetup(id) => Scope::Meetup(Box::new(
                meetups::meetup_row(conn, id)?.ok_or(AppError::NotFound)?,
            )),
            About::Group(slug) => Scope::Group(Box::new(group_at(conn, slug)?)),
        })
    }

    /// The scope of an organiser's page: 404 for no such group, sign-in or 403 as the viewer's
    /// roles were when the request started, 404 for no such meetup in the group. A meetup's
    /// page is also open to the organisers of the groups that accepted to co-host it.
    pub fn organised(
        conn: &mut DbConn,
        viewer: &Viewer,
        slug: &str,
        meetup: Option<&MeetupId>,
    ) -> Result<Scope, AppError> {
        let Some(id) = meetup else {
            return Ok(Scope::Group(Box::new(organised_group(conn, viewer, slug)?)));
        };
        let group = group_at(conn, slug)?;
        let user = viewer.require_user()?;
        if viewer.organises(&group.id) {
            return Ok(Scope::Meetup(Box::new(
                organised_meetup(conn, viewer, slug, id)?.1,
            )));
        }
        let row = meetups::meetup_row(conn, id)?.filter(|row| row.group.id == group.id);
        match row {
            Some(row) if cohosts::organises_cohost(conn, id, &user.id)? => {
                Ok(Scope::Meetup(Box::new(row)))
            }
            _ => Err(AppError::Forbidden),
        }
    }

    pub fn about(&self) -> About {
        match self {
            Scope::Meetup(row) => About::Meetup(row.meetup.id.clone()),
            Scope::Group(group) => About::Group(group.slug.clone()),
        }
    }

    /// The meetup written about; None for the whole group.
    pub fn meetup(&self) -> Option<&MeetupRow> {
        match self {
            Scope::Meetup(row) => Some(row),
            Scope::Group(_) => None,
        }
    }

    pub fn group(&self) -> &Group {
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

/// 403 unless `user` organises the group, or, for a message about a meetup, the meetup (its
/// co-host groups' organisers write to its attendees too).
fn require_author(conn: &mut DbConn, scope: &Scope, user: &UserId) -> Result<(), AppError> {
    match scope.meetup() {
        Some(row) => super::cohosts::require_meetup_organiser(conn, &row.meetup, user),
        None => require_organiser(conn, &scope.group().id, user),
    }
}

/// How many members a message to `audience` would reach now (for the preview).
#[tracing::instrument(skip_all)]
pub fn recipients_count(
    conn: &mut DbConn,
    user: &UserId,
    scope: &Scope,
    audience: Audience,
) -> Result<usize, AppError> {
    let group_id = &scope.group().id;
    require_author(conn, scope, user)?;
    let meetup_id = scope.meetup().map(|row| &row.meetup.id);
    Ok(messages::audience_members(conn, group_id, meetup_id, audience)?.len())
}

/// Sends the message: one mail per recipient who takes messages, through the outbox, and a
/// record of what was sent to whom. Organisers only; at most `MESSAGES_PER_DAY` a group.
/// 404, then 403, then the draft's faults, then the limit.
#[tracing::instrument(skip_all)]
pub fn send(
    conn: &mut DbConn,
    settings: &Settings,
    author: &User,
    about: &About,
    draft: &Draft,
) -> Result<GroupMessage, AppError> {
    let scope = Scope::of(conn, about)?;
    let checked = check(matches!(scope, Scope::Group(_)), draft).map_err(AppError::Invalid);
    let (group, row) = (scope.group(), scope.meetup());
    // Counted under the group's lock, so two organisers sending at once share the limit.
    groups::lock_group(conn, &group.id)?;
    require_author(conn, &scope, &author.id)?;
    let checked = checked?;
    let at = now();
    let sent = messages::sent_since(conn, &group.id, at - Duration::hours(24))?;
    if !within_daily_limit(sent, settings.messages_per_day) {
        return Err(AppError::RateLimited("error-messages_rate_limited"));
    }
    let meetup_id = row.map(|r| r.meetup.id.clone());
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
        replies: !draft.no_replies,
    };
    let ids: Vec<_> = recipients.iter().map(|u| u.id.clone()).collect();
    messages::insert_message(conn, &message, &ids)?;
    group_mail::organiser_message(conn, settings, group, row, author, &message, &recipients)?;
    let target = audit::Target::Message(message.id.as_str(), &message.subject);
    audit::record(conn, &group.id, &author.id, "message_sent", target)?;
    Ok(message)
}

/// The messages of a meetup (or of the group when `row` is None): organisers (of a meetup, its
/// co-host groups' too) see all of them, a member those sent to them, anyone else none.
#[tracing::instrument(skip_all)]
pub fn sent_messages(
    conn: &mut DbConn,
    viewer: &UserId,
    scope: &Scope,
) -> Result<Vec<GroupMessage>, AppError> {
    let group_id = &scope.group().id;
    let organiser = match scope.meetup() {
        Some(row) => super::cohosts::organises_meetup(conn, &row.meetup, viewer)?,
        None => organises(conn, group_id, viewer)?,
    };
    let recipient = if organiser { None } else { Some(viewer) };
    let meetup_id = scope.meetup().map(|row| &row.meetup.id);
    messages::messages(conn, group_id, meetup_id, recipient)
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
            no_replies: false,
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
            no_replies: false,
        };
        assert_eq!(fields(false, &empty), ["audience", "subject", "body"]);
    }
}
