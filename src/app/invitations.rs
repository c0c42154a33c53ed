//! Organisers inviting addresses to their group (#32 item 3), and the invited following their
//! link.
//!
//! An invitation is a row and a mail, nothing more: nobody becomes a member until they follow
//! the link and click (signed in, or after signing in or up). An address that asked for no
//! invitations (`invitation_optouts`, kept by the hash of the normalised address, for the whole
//! instance) is never mailed again. A group sends at most `INVITATIONS_PER_DAY` in 24 hours,
//! counted under the group's lock with the rows that count them. Invitations are personal data
//! of people who asked for nothing: one never followed is deleted after
//! [`KEPT_DAYS`](crate::domain::invitation::KEPT_DAYS) days (by the mail worker), and erasing an account
//! deletes those to its address.

use chrono::Duration;

use super::access::require_organiser;
use super::groups::group_at;
use crate::config::Settings;
use crate::db::models::{Group, User};
use crate::db::repo::groups;
use crate::db::repo::invitations::{self, Invitation};
use crate::db::repo::meetups::{self, MeetupRow};
use crate::db::{now, DbConn};
use crate::domain::conduct::is_required;
use crate::domain::ids::{InvitationId, MeetupId, UserId};
use crate::domain::invitation::{parse_note, split_addresses, within_daily_limit, Outcome};
use crate::domain::rsvp::RsvpOutcome;
use crate::error::AppError;
use crate::mail;

/// How many invitations an organiser's list shows, newest first.
pub const LISTED: i64 = 500;

/// What an organiser sends.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// Addresses, each entry possibly several (one a line, or separated by commas).
    pub emails: Vec<String>,
    pub meetup_id: Option<MeetupId>,
    pub note: Option<String>,
}

/// What became of one address.
#[derive(Debug, Clone)]
pub struct Sent {
    /// As given (trimmed), or normalised when it is an address.
    pub email: String,
    pub outcome: Outcome,
}

/// Invites each address: one mail each through the outbox, unless the address is a member's,
/// asked for no invitations, or was invited to the same group (and meetup) before. 404 for no
/// such group, 403 for anyone but its organisers, 422 on the fields (`emails`, `meetup_id`,
/// `note`), 429 when the invitations would pass the group's daily limit (nothing is sent then).
#[tracing::instrument(skip_all)]
pub fn invite(
    conn: &mut DbConn,
    settings: &Settings,
    author: &User,
    slug: &str,
    request: &Request,
) -> Result<Vec<Sent>, AppError> {
    let group = group_at(conn, slug)?;
    // Counted under the group's lock, so parallel requests share the day's limit exactly.
    groups::lock_group(conn, &group.id)?;
    require_organiser(conn, &group.id, &author.id)?;
    let given = split_addresses(&request.emails).map_err(AppError::Validation)?;
    let note = parse_note(request.note.as_deref()).map_err(AppError::Validation)?;
    let meetup = match &request.meetup_id {
        None => None,
        Some(id) => Some(
            meetups::meetup_row(conn, id)?
                .filter(|row| row.group.id == group.id && !row.meetup.is_cancelled())
                .ok_or(AppError::validation("meetup_id", "error-invitation_meetup"))?,
        ),
    };
    let meetup_id = meetup.as_ref().map(|row| row.meetup.id.clone());
    let valid: Vec<&str> = given
        .iter()
        .filter_map(|g| g.email.as_ref().map(|e| e.as_str()))
        .collect();
    let members = invitations::members_among(conn, &group.id, &valid)?;
    let opted_out = invitations::opted_out_among(conn, &valid)?;
    let mut invited = invitations::invited_among(conn, &group.id, meetup_id.as_ref(), &valid)?;
    let mut outcomes = Vec::with_capacity(given.len());
    for g in &given {
        let Some(email) = &g.email else {
            outcomes.push(Sent {
                email: g.given.clone(),
                outcome: Outcome::Invalid,
            });
            continue;
        };
        let email = email.as_str();
        let outcome = if members.contains(email) {
            Outcome::AlreadyMember
        } else if opted_out.contains(email) {
            Outcome::Unsubscribed
        } else if !invited.insert(email.to_string()) {
            Outcome::AlreadyInvited
        } else {
            Outcome::Invited
        };
        outcomes.push(Sent {
            email: email.to_string(),
            outcome,
        });
    }
    let new: Vec<&Sent> = outcomes
        .iter()
        .filter(|s| s.outcome == Outcome::Invited)
        .collect();
    let at = now();
    let sent = invitations::sent_since(conn, &group.id, at - Duration::hours(24))?;
    if !within_daily_limit(sent, new.len(), settings.invitations_per_day) {
        return Err(AppError::RateLimited("error-invitations_rate_limited"));
    }
    for s in new {
        let invitation = Invitation {
            id: InvitationId::random(),
            group_id: group.id.clone(),
            meetup_id: meetup_id.clone(),
            email: s.email.clone(),
            invited_by: Some(author.id.clone()),
            note: note.clone(),
            invited_at: at,
            joined_at: None,
        };
        invitations::insert(conn, &invitation)?;
        mail::invitations::invite(
            conn,
            settings,
            &group,
            meetup.as_ref(),
            &author.name,
            &invitation,
        )?;
    }
    Ok(outcomes)
}

/// The group's invitations, newest first, each with whether its address joined. Organisers
/// only (404, then 403).
#[tracing::instrument(skip_all)]
pub fn list(
    conn: &mut DbConn,
    user: &UserId,
    group: &Group,
) -> Result<Vec<(Invitation, bool)>, AppError> {
    require_organiser(conn, &group.id, user)?;
    invitations::of_group(conn, &group.id, LISTED)
}

/// What an invitation's link opens: the invitation, its group and its meetup.
#[derive(Debug, Clone)]
pub struct Landing {
    pub invitation: Invitation,
    pub group: Group,
    pub meetup: Option<MeetupRow>,
    /// The group asks newcomers to accept its code of conduct.
    pub conduct_required: bool,
}

/// The invitation a link names (opening it changes nothing: mail scanners open links); 404 for
/// a link this server did not sign, 410 `link_expired` once the invitation is gone.
pub fn landing(conn: &mut DbConn, secret: &str, token: &str) -> Result<Landing, AppError> {
    let id = mail::invitations::verify_invitation(secret, token).ok_or(AppError::NotFound)?;
    let invitation = invitations::by_id(conn, &id)?.ok_or(AppError::Gone("link_expired"))?;
    let group = groups::group_by_id(conn, &invitation.group_id)?;
    let meetup = match &invitation.meetup_id {
        Some(id) => meetups::meetup_row(conn, id)?,
        None => None,
    };
    let conduct_required = is_required(
        group.require_code_of_conduct,
        group.code_of_conduct_url.as_deref(),
    );
    Ok(Landing {
        invitation,
        group,
        meetup,
        conduct_required,
    })
}

/// What following an invitation did.
pub enum Accepted {
    Joined,
    /// Joined and answered the meetup.
    Answered(RsvpOutcome),
}

/// The signed-in `user` follows the invitation: joins the group (as joining does: bans and the
/// code of conduct apply) and, with `going`, answers its meetup yes; the invitation is marked
/// followed. Errors as `landing`'s, then the refusals of joining and answering.
#[tracing::instrument(skip_all)]
pub fn accept(
    conn: &mut DbConn,
    settings: &Settings,
    user: &UserId,
    landing: &Landing,
    going: bool,
    accepts_conduct: bool,
) -> Result<Accepted, AppError> {
    super::groups::join_group(conn, settings, &landing.group.id, user, accepts_conduct)?;
    let accepted = match (&landing.meetup, going) {
        (Some(row), true) => Accepted::Answered(super::rsvps::going_after_sign_in(
            conn,
            settings,
            user,
            &row.meetup.id,
        )?),
        _ => Accepted::Joined,
    };
    invitations::mark_joined(conn, &landing.invitation.id, now())?;
    Ok(accepted)
}

/// The address an opt-out link names asks for no more invitations (idempotent); 404 for a
/// link this server did not sign.
pub fn opt_out(conn: &mut DbConn, secret: &str, token: &str) -> Result<(), AppError> {
    let key = mail::invitations::verify_optout(secret, token).ok_or(AppError::NotFound)?;
    invitations::opt_out(conn, &key, now())
}

/// Whether an opt-out link is one this server signed.
pub fn optout_link_valid(secret: &str, token: &str) -> bool {
    mail::invitations::verify_optout(secret, token).is_some()
}
