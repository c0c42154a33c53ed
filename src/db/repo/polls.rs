//! Polls, their options and the members' votes.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::models::{Poll, PollOption, PollVote, User};
use crate::db::schema::{memberships, poll_options, poll_votes, polls, users};
use crate::db::{now, DbConn};
use crate::domain::ids::{GroupId, MeetupId, PollId, PollOptionId, UserId};
use crate::domain::poll::PollAnswer;
use crate::error::AppError;

/// A vote with what a list of voters shows of the voter.
#[derive(Debug, Clone)]
pub struct VoteRow {
    pub vote: PollVote,
    pub name: String,
    /// The voter keeps out of lists but the organisers'.
    pub hidden: bool,
    pub guest: bool,
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn insert_poll(conn: &mut DbConn, poll: &Poll, options: &[PollOption]) -> Result<(), AppError> {
    diesel::insert_into(polls::table)
        .values(poll)
        .execute(conn)?;
    // One statement per option: batch inserts do not pass through the MultiConnection.
    for option in options {
        diesel::insert_into(poll_options::table)
            .values(option)
            .execute(conn)?;
    }
    Ok(())
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn poll_by_id(conn: &mut DbConn, id: &PollId) -> Result<Option<Poll>, AppError> {
    Ok(polls::table
        .find(id)
        .select(Poll::as_select())
        .first(conn)
        .optional()?)
}

/// Takes the poll's write lock for the rest of the transaction (as `lock_meetup` does): votes
/// and the close are ordered.
#[tracing::instrument(level = "debug", skip_all)]
pub fn lock_poll(conn: &mut DbConn, id: &PollId) -> Result<Poll, AppError> {
    let touched = diesel::update(polls::table.find(id))
        .set(polls::updated_at.eq(polls::updated_at))
        .execute(conn)?;
    if touched == 0 {
        return Err(AppError::NotFound);
    }
    poll_by_id(conn, id)?.ok_or(AppError::NotFound)
}

/// Dates first, then venues, each in the order offered.
#[tracing::instrument(level = "debug", skip_all)]
pub fn options_of(conn: &mut DbConn, poll: &PollId) -> Result<Vec<PollOption>, AppError> {
    Ok(poll_options::table
        .filter(poll_options::poll_id.eq(poll))
        .order((poll_options::kind.asc(), poll_options::position.asc()))
        .select(PollOption::as_select())
        .load(conn)?)
}

/// One option, by its id.
#[tracing::instrument(level = "debug", skip_all)]
pub fn option_by_id(conn: &mut DbConn, id: &PollOptionId) -> Result<Option<PollOption>, AppError> {
    Ok(poll_options::table
        .find(id)
        .select(PollOption::as_select())
        .first(conn)
        .optional()?)
}

/// Every vote of the poll with its voter, in the order they were given.
#[tracing::instrument(level = "debug", skip_all)]
pub fn votes_of_poll(conn: &mut DbConn, poll: &PollId) -> Result<Vec<VoteRow>, AppError> {
    let rows: Vec<(PollVote, String, bool, bool)> = poll_votes::table
        .inner_join(users::table)
        .filter(poll_votes::poll_id.eq(poll))
        .order((poll_votes::answered_at.asc(), poll_votes::user_id.asc()))
        .select((
            PollVote::as_select(),
            users::name,
            users::hide_from_lists,
            users::guest,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(vote, name, hidden, guest)| VoteRow {
            vote,
            name,
            hidden,
            guest,
        })
        .collect())
}

/// Puts the member's answer to one option: a new answer is timed now, the same answer again
/// keeps its time (its place in the queue of "yes" voters); `None` takes the answer back.
#[tracing::instrument(level = "debug", skip_all)]
pub fn put_vote(
    conn: &mut DbConn,
    poll: &PollId,
    option: &PollOptionId,
    user: &UserId,
    answer: Option<PollAnswer>,
) -> Result<bool, AppError> {
    let current: Option<PollAnswer> = poll_votes::table
        .find((option, user))
        .select(poll_votes::answer)
        .first(conn)
        .optional()?;
    if current == answer {
        return Ok(false);
    }
    diesel::delete(poll_votes::table.find((option, user))).execute(conn)?;
    if let Some(answer) = answer {
        diesel::insert_into(poll_votes::table)
            .values(PollVote {
                option_id: option.clone(),
                user_id: user.clone(),
                poll_id: poll.clone(),
                answer,
                answered_at: now(),
            })
            .execute(conn)?;
    }
    Ok(true)
}

/// Marks the poll changed (a vote), so that the pages showing it are read again.
pub fn touch(conn: &mut DbConn, poll: &PollId) -> Result<(), AppError> {
    diesel::update(polls::table.find(poll))
        .set(polls::updated_at.eq(now()))
        .execute(conn)?;
    Ok(())
}

/// The group's open polls, newest first.
#[tracing::instrument(level = "debug", skip_all)]
pub fn open_polls_of_group(conn: &mut DbConn, group: &GroupId) -> Result<Vec<Poll>, AppError> {
    Ok(polls::table
        .filter(polls::group_id.eq(group))
        .filter(polls::closed_at.is_null())
        .order((polls::created_at.desc(), polls::id.asc()))
        .select(Poll::as_select())
        .load(conn)?)
}

/// Members who answered "yes" to the option, who said so first first (the time of their latest
/// "yes"), and are still members.
#[tracing::instrument(level = "debug", skip_all)]
pub fn yes_voters(
    conn: &mut DbConn,
    group: &GroupId,
    option: &PollOptionId,
) -> Result<Vec<User>, AppError> {
    let members = memberships::table
        .filter(memberships::group_id.eq(group))
        .select(memberships::user_id);
    Ok(poll_votes::table
        .inner_join(users::table)
        .filter(poll_votes::option_id.eq(option))
        .filter(poll_votes::answer.eq(PollAnswer::Yes))
        .filter(poll_votes::user_id.eq_any(members))
        .order((poll_votes::answered_at.asc(), poll_votes::user_id.asc()))
        .select(User::as_select())
        .load(conn)?)
}

/// The ids of the members who answered "yes" to the option (see [`yes_voters`]).
pub fn yes_voter_ids(conn: &mut DbConn, option: &PollOptionId) -> Result<Vec<UserId>, AppError> {
    Ok(poll_votes::table
        .filter(poll_votes::option_id.eq(option))
        .filter(poll_votes::answer.eq(PollAnswer::Yes))
        .select(poll_votes::user_id)
        .load(conn)?)
}

/// Records the close: the meetup the poll became, until when its "yes" voters had it first.
#[tracing::instrument(level = "debug", skip_all)]
pub fn set_closed(
    conn: &mut DbConn,
    poll: &PollId,
    meetup: &MeetupId,
    chosen: &PollOptionId,
    priority_until: NaiveDateTime,
) -> Result<(), AppError> {
    let at = now();
    diesel::update(polls::table.find(poll))
        .set((
            polls::closed_at.eq(Some(at)),
            polls::chosen_option_id.eq(Some(chosen)),
            polls::meetup_id.eq(Some(meetup)),
            polls::priority_until.eq(Some(priority_until)),
            polls::updated_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Open polls whose reminder is due at `at`: a day before `closes_at`, for polls made more than
/// a day before it (the announcement of the others is reminder enough).
#[tracing::instrument(level = "debug", skip_all)]
pub fn due_reminders(conn: &mut DbConn, at: NaiveDateTime) -> Result<Vec<Poll>, AppError> {
    let day = chrono::Duration::hours(24);
    let candidates: Vec<Poll> = polls::table
        .filter(polls::closed_at.is_null())
        .filter(polls::reminded_at.is_null())
        .filter(polls::closes_at.gt(at))
        .filter(polls::closes_at.le(at + day))
        .select(Poll::as_select())
        .load(conn)?;
    Ok(candidates
        .into_iter()
        .filter(|p| p.closes_at.is_some_and(|c| p.created_at < c - day))
        .collect())
}

pub fn set_reminded(conn: &mut DbConn, poll: &PollId, at: NaiveDateTime) -> Result<(), AppError> {
    diesel::update(polls::table.find(poll))
        .set(polls::reminded_at.eq(Some(at)))
        .execute(conn)?;
    Ok(())
}

/// Members of the group who want its announcements, joined by `since`, and have not answered
/// the poll.
#[tracing::instrument(level = "debug", skip_all)]
pub fn silent_members(
    conn: &mut DbConn,
    group: &GroupId,
    poll: &PollId,
    since: NaiveDateTime,
) -> Result<Vec<User>, AppError> {
    let voters = poll_votes::table
        .filter(poll_votes::poll_id.eq(poll))
        .select(poll_votes::user_id);
    Ok(memberships::table
        .inner_join(users::table)
        .filter(memberships::group_id.eq(group))
        .filter(memberships::announcements.eq(true))
        .filter(memberships::joined_at.le(since))
        .filter(memberships::user_id.ne_all(voters))
        .order(memberships::user_id.asc())
        .select(User::as_select())
        .load(conn)?)
}

/// The user's votes, as (poll id, poll title, option kind, date, answer, when), for the export.
#[allow(clippy::type_complexity)]
#[tracing::instrument(level = "debug", skip_all)]
pub fn votes_of_user(
    conn: &mut DbConn,
    user: &UserId,
) -> Result<Vec<(PollVote, String, PollOption)>, AppError> {
    Ok(poll_votes::table
        .inner_join(poll_options::table.inner_join(polls::table))
        .filter(poll_votes::user_id.eq(user))
        .order((poll_votes::answered_at.asc(), poll_votes::option_id.asc()))
        .select((PollVote::as_select(), polls::title, PollOption::as_select()))
        .load(conn)?)
}

/// Takes the user's votes away (with the account).
pub fn delete_votes_of_user(conn: &mut DbConn, user: &UserId) -> Result<(), AppError> {
    diesel::delete(poll_votes::table.filter(poll_votes::user_id.eq(user))).execute(conn)?;
    Ok(())
}
