//! RSVP questions: the meetup's set and the group's default set (organisers), the answers
//! given with an RSVP (see `app::rsvps`), the organisers' view of them, and the host link: a
//! secret URL that shows a host's security desk who is going and the answers shared with the
//! host, nothing else, until the meetup ends or an organiser revokes it.

use std::collections::HashMap;

use chrono::NaiveDateTime;

use crate::config::Settings;
use crate::db::repo::meetups::{self, MeetupRow};
use crate::db::repo::questions::{self as repo, Owner};
use crate::db::repo::{groups, rsvps};
use crate::db::{now, DbConn};
use crate::domain::ids::{MeetupId, QuestionId, UserId};
use crate::domain::question::{
    check_questions, merge_replies, HostRow, Question, QuestionInput, Replies, RepliesInput,
};
use crate::domain::token::{hash_token, random_hex};
use crate::error::AppError;

use super::access::{organises, require_organiser};

/// The meetup's questions, for anyone who may see the meetup (404 for no such meetup).
#[tracing::instrument(skip(conn))]
pub fn meetup_questions(conn: &mut DbConn, id: &MeetupId) -> Result<Vec<Question>, AppError> {
    meetups::meetup_by_id(conn, id)?.ok_or(AppError::NotFound)?;
    repo::of_meetup(conn, id)
}

/// Organisers replace the meetup's questions (404, 403, then 422 naming `label`, `kind`,
/// `options` or `questions`): answers to questions kept (same `id`) stay, the others go.
#[tracing::instrument(skip(conn, input))]
pub fn set_meetup_questions(
    conn: &mut DbConn,
    user: &UserId,
    id: &MeetupId,
    input: Vec<QuestionInput>,
) -> Result<Vec<Question>, AppError> {
    let meetup = meetups::meetup_by_id(conn, id)?.ok_or(AppError::NotFound)?;
    require_organiser(conn, &meetup.group_id, user)?;
    // Under the meetup's lock: an answer checked against the old set is written before the
    // set changes, never after.
    meetups::lock_meetup(conn, id)?;
    let existing: Vec<QuestionId> = repo::of_meetup(conn, id)?
        .into_iter()
        .map(|q| q.id)
        .collect();
    let questions = check_questions(input, &existing)?;
    repo::replace(conn, Owner::Meetup(id), &questions, now())?;
    repo::of_meetup(conn, id)
}

/// The group's default questions (404 for no such group).
#[tracing::instrument(skip(conn))]
pub fn group_questions(conn: &mut DbConn, slug: &str) -> Result<Vec<Question>, AppError> {
    let group = groups::group_by_slug(conn, slug)?.ok_or(AppError::NotFound)?;
    repo::of_group(conn, &group.id)
}

/// Organisers replace the group's default questions, copied to each meetup created after.
#[tracing::instrument(skip(conn, input))]
pub fn set_group_questions(
    conn: &mut DbConn,
    user: &UserId,
    slug: &str,
    input: Vec<QuestionInput>,
) -> Result<Vec<Question>, AppError> {
    let group = groups::group_by_slug(conn, slug)?.ok_or(AppError::NotFound)?;
    require_organiser(conn, &group.id, user)?;
    let existing: Vec<QuestionId> = repo::of_group(conn, &group.id)?
        .into_iter()
        .map(|q| q.id)
        .collect();
    let questions = check_questions(input, &existing)?;
    repo::replace(conn, Owner::Group(&group.id), &questions, now())?;
    repo::of_group(conn, &group.id)
}

/// What an RSVP's answers need, read before the meetup's lock: the questions, what the member
/// answered before and the answers to keep (checked). `None` when the meetup asks nothing and
/// nothing was sent: the RSVP then does no more than without questions.
pub(crate) struct PendingReplies {
    meetup_id: MeetupId,
    kept: Replies,
    merged: Replies,
}

/// Checks `input` against the meetup's questions (422 `answers.<id>`); with `going`, every
/// required question must be answered (with what was sent or kept).
pub(crate) fn check_replies(
    conn: &mut DbConn,
    meetup: &MeetupId,
    user: &UserId,
    input: &RepliesInput,
    going: bool,
) -> Result<Option<PendingReplies>, AppError> {
    let questions = repo::of_meetup(conn, meetup)?;
    if questions.is_empty() && input.is_empty() {
        return Ok(None);
    }
    let kept = repo::replies_of(conn, meetup, user)?;
    let merged = merge_replies(&questions, &kept, input, going)?;
    Ok(Some(PendingReplies {
        meetup_id: meetup.clone(),
        kept,
        merged,
    }))
}

/// Writes checked answers, in the RSVP's transaction.
pub(crate) fn save_replies(
    conn: &mut DbConn,
    user: &UserId,
    pending: Option<PendingReplies>,
) -> Result<(), AppError> {
    match pending {
        Some(p) => repo::save_replies(conn, &p.meetup_id, user, &p.kept, &p.merged, now()),
        None => Ok(()),
    }
}

/// Whether the meetup asks a required question the member has not answered: a one-click
/// "I'm going" then opens the RSVP form instead of answering blind.
pub fn needs_form(conn: &mut DbConn, meetup: &MeetupId, user: &UserId) -> Result<bool, AppError> {
    let questions = repo::of_meetup(conn, meetup)?;
    if !questions.iter().any(|q| q.required) {
        return Ok(false);
    }
    let kept = repo::replies_of(conn, meetup, user)?;
    Ok(crate::domain::question::unanswered_required(
        &questions, &kept,
    ))
}

/// The member's own answers to the meetup's questions, with the questions.
pub fn own_replies(
    conn: &mut DbConn,
    meetup: &MeetupId,
    user: &UserId,
) -> Result<(Vec<Question>, Replies), AppError> {
    let questions = repo::of_meetup(conn, meetup)?;
    if questions.is_empty() {
        return Ok((questions, Replies::new()));
    }
    Ok((questions, repo::replies_of(conn, meetup, user)?))
}

/// The meetup's questions and everyone's answers, for the organisers' CSV and sign-in sheet
/// (the caller checked the viewer organises).
pub fn answers_for_organisers(
    conn: &mut DbConn,
    meetup: &MeetupId,
) -> Result<(Vec<Question>, HashMap<UserId, Replies>), AppError> {
    let questions = repo::of_meetup(conn, meetup)?;
    if questions.is_empty() {
        return Ok((questions, HashMap::new()));
    }
    Ok((questions, repo::replies_to(conn, meetup)?))
}

/// A host link just made: its URL (the secret in it is shown this once) and when it stops.
pub struct HostLink {
    pub url: String,
    pub expires_at: NaiveDateTime,
}

/// The path of a host link (`/host/{token}`; `.csv` for the spreadsheet).
pub fn host_link_path(token: &str) -> String {
    format!("/host/{token}")
}

/// Organisers make the meetup's host link (any earlier one stops working): 404, 403, 409
/// `meetup_ended` once the meetup is over.
#[tracing::instrument(skip(conn, settings))]
pub fn create_host_link(
    conn: &mut DbConn,
    settings: &Settings,
    user: &UserId,
    id: &MeetupId,
) -> Result<HostLink, AppError> {
    let meetup = meetups::meetup_by_id(conn, id)?.ok_or(AppError::NotFound)?;
    require_organiser(conn, &meetup.group_id, user)?;
    if meetup.ends_at <= now() {
        return Err(AppError::conflict("meetup_ended"));
    }
    let token = random_hex(32);
    repo::set_host_link(conn, id, &hash_token(&token), user, now())?;
    Ok(HostLink {
        url: format!(
            "{}{}",
            settings.base_url.trim_end_matches('/'),
            host_link_path(&token)
        ),
        expires_at: meetup.ends_at,
    })
}

/// Organisers revoke the meetup's host link (404 when there is none).
#[tracing::instrument(skip(conn))]
pub fn revoke_host_link(conn: &mut DbConn, user: &UserId, id: &MeetupId) -> Result<(), AppError> {
    let meetup = meetups::meetup_by_id(conn, id)?.ok_or(AppError::NotFound)?;
    require_organiser(conn, &meetup.group_id, user)?;
    if repo::delete_host_link(conn, id)? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// What a host link shows: the meetup, the questions shared with the host, and each member
/// going with their party size and what they share.
pub struct HostSheet {
    pub row: MeetupRow,
    pub questions: Vec<Question>,
    /// Name, guests, answers (by question, in order).
    pub people: Vec<HostRow>,
}

/// The host's list behind `token`: 404 for an unknown or revoked link, once the meetup has
/// ended or was cancelled, and once whoever made it no longer organises the group.
#[tracing::instrument(skip_all)]
pub fn host_sheet(conn: &mut DbConn, token: &str) -> Result<HostSheet, AppError> {
    let (meetup_id, by) =
        repo::host_link_by_hash(conn, &hash_token(token))?.ok_or(AppError::NotFound)?;
    let row = meetups::meetup_row(conn, &meetup_id)?.ok_or(AppError::NotFound)?;
    if row.meetup.ends_at <= now()
        || row.meetup.is_cancelled()
        || !organises(conn, &row.group.id, &by)?
    {
        return Err(AppError::NotFound);
    }
    let questions: Vec<Question> = repo::of_meetup(conn, &meetup_id)?
        .into_iter()
        .filter(|q| q.share_with_host)
        .collect();
    let replies = if questions.is_empty() {
        HashMap::new()
    } else {
        repo::replies_to(conn, &meetup_id)?
    };
    let going = rsvps::attendees(conn, &meetup_id)?.0;
    let people = going
        .into_iter()
        .map(|a| {
            let mine = replies.get(&a.user_id);
            let cells = questions
                .iter()
                .map(|q| mine.and_then(|r| r.get(&q.id)).cloned())
                .collect();
            (a.name, a.guests, cells)
        })
        .collect();
    Ok(HostSheet {
        row,
        questions,
        people,
    })
}
