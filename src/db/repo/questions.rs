//! RSVP questions (a meetup's, a group's default set), the answers to them, and meetups' host
//! links.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::Value;

use crate::db::schema::{meetup_host_links, meetups, rsvp_answers, rsvp_questions};
use crate::db::DbConn;
use crate::domain::ids::{GroupId, MeetupId, QuestionId, UserId};
use crate::domain::question::{Question, QuestionKind, Replies};
use crate::error::AppError;

type QuestionRow = (QuestionId, String, String, String, bool, bool);

fn question(row: QuestionRow) -> Question {
    let (id, label, kind, options, required, share_with_host) = row;
    Question {
        id,
        label,
        kind: QuestionKind::parse(&kind).unwrap_or(QuestionKind::Text),
        options: serde_json::from_str(&options).unwrap_or_default(),
        required,
        share_with_host,
    }
}

const COLUMNS: (
    rsvp_questions::id,
    rsvp_questions::label,
    rsvp_questions::kind,
    rsvp_questions::options,
    rsvp_questions::required,
    rsvp_questions::share_with_host,
) = (
    rsvp_questions::id,
    rsvp_questions::label,
    rsvp_questions::kind,
    rsvp_questions::options,
    rsvp_questions::required,
    rsvp_questions::share_with_host,
);

/// The meetup's questions, in order (none for most meetups: one indexed read).
#[tracing::instrument(level = "debug", skip_all)]
pub fn of_meetup(conn: &mut DbConn, meetup: &MeetupId) -> Result<Vec<Question>, AppError> {
    let rows: Vec<QuestionRow> = rsvp_questions::table
        .filter(rsvp_questions::meetup_id.eq(meetup))
        .order(rsvp_questions::position)
        .select(COLUMNS)
        .load(conn)?;
    Ok(rows.into_iter().map(question).collect())
}

/// The group's default questions, in order.
#[tracing::instrument(level = "debug", skip_all)]
pub fn of_group(conn: &mut DbConn, group: &GroupId) -> Result<Vec<Question>, AppError> {
    let rows: Vec<QuestionRow> = rsvp_questions::table
        .filter(rsvp_questions::group_id.eq(group))
        .order(rsvp_questions::position)
        .select(COLUMNS)
        .load(conn)?;
    Ok(rows.into_iter().map(question).collect())
}

/// Whose questions a set is.
#[derive(Debug, Clone, Copy)]
pub enum Owner<'a> {
    Meetup(&'a MeetupId),
    Group(&'a GroupId),
}

/// Replaces the owner's questions with `questions`: those no longer asked go with their
/// answers, those kept (same id) keep theirs.
#[tracing::instrument(level = "debug", skip_all)]
pub fn replace(
    conn: &mut DbConn,
    owner: Owner<'_>,
    questions: &[Question],
    at: NaiveDateTime,
) -> Result<(), AppError> {
    let ids: Vec<&QuestionId> = questions.iter().map(|q| &q.id).collect();
    match owner {
        Owner::Meetup(m) => diesel::delete(
            rsvp_questions::table
                .filter(rsvp_questions::meetup_id.eq(m))
                .filter(rsvp_questions::id.ne_all(&ids)),
        )
        .execute(conn)?,
        Owner::Group(g) => diesel::delete(
            rsvp_questions::table
                .filter(rsvp_questions::group_id.eq(g))
                .filter(rsvp_questions::id.ne_all(&ids)),
        )
        .execute(conn)?,
    };
    let kept: Vec<QuestionId> = rsvp_questions::table
        .filter(rsvp_questions::id.eq_any(&ids))
        .select(rsvp_questions::id)
        .load(conn)?;
    for (position, q) in questions.iter().enumerate() {
        let position = i32::try_from(position).unwrap_or(i32::MAX);
        let options = serde_json::to_string(&q.options).unwrap_or_else(|_| "[]".into());
        if kept.contains(&q.id) {
            diesel::update(rsvp_questions::table.find(&q.id))
                .set((
                    rsvp_questions::position.eq(position),
                    rsvp_questions::label.eq(&q.label),
                    rsvp_questions::kind.eq(q.kind.as_str()),
                    rsvp_questions::options.eq(&options),
                    rsvp_questions::required.eq(q.required),
                    rsvp_questions::share_with_host.eq(q.share_with_host),
                ))
                .execute(conn)?;
        } else {
            let (meetup_id, group_id) = match owner {
                Owner::Meetup(m) => (Some(m), None),
                Owner::Group(g) => (None, Some(g)),
            };
            diesel::insert_into(rsvp_questions::table)
                .values((
                    rsvp_questions::id.eq(&q.id),
                    rsvp_questions::meetup_id.eq(meetup_id),
                    rsvp_questions::group_id.eq(group_id),
                    rsvp_questions::position.eq(position),
                    rsvp_questions::label.eq(&q.label),
                    rsvp_questions::kind.eq(q.kind.as_str()),
                    rsvp_questions::options.eq(&options),
                    rsvp_questions::required.eq(q.required),
                    rsvp_questions::share_with_host.eq(q.share_with_host),
                    rsvp_questions::created_at.eq(at),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}

/// A new meetup asks its group's default questions (copies: changing one leaves the other).
#[tracing::instrument(level = "debug", skip_all)]
pub fn copy_group_defaults(
    conn: &mut DbConn,
    group: &GroupId,
    meetup: &MeetupId,
    at: NaiveDateTime,
) -> Result<(), AppError> {
    let defaults = of_group(conn, group)?;
    if defaults.is_empty() {
        return Ok(());
    }
    let copies: Vec<Question> = defaults
        .into_iter()
        .map(|q| Question {
            id: QuestionId::random(),
            ..q
        })
        .collect();
    replace(conn, Owner::Meetup(meetup), &copies, at)
}

/// The member's answers to the meetup's questions.
#[tracing::instrument(level = "debug", skip_all)]
pub fn replies_of(
    conn: &mut DbConn,
    meetup: &MeetupId,
    user: &UserId,
) -> Result<Replies, AppError> {
    let rows: Vec<(QuestionId, String, bool)> = rsvp_answers::table
        .filter(rsvp_answers::meetup_id.eq(meetup))
        .filter(rsvp_answers::user_id.eq(user))
        .select((
            rsvp_answers::question_id,
            rsvp_answers::value,
            rsvp_answers::withheld,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(q, v, w)| (q, (serde_json::from_str(&v).unwrap_or(Value::Null), w)))
        .collect())
}

/// Everyone's answers to the meetup's questions, by member.
#[tracing::instrument(level = "debug", skip_all)]
pub fn replies_to(
    conn: &mut DbConn,
    meetup: &MeetupId,
) -> Result<HashMap<UserId, Replies>, AppError> {
    let rows: Vec<(UserId, QuestionId, String, bool)> = rsvp_answers::table
        .filter(rsvp_answers::meetup_id.eq(meetup))
        .select((
            rsvp_answers::user_id,
            rsvp_answers::question_id,
            rsvp_answers::value,
            rsvp_answers::withheld,
        ))
        .load(conn)?;
    let mut by_user: HashMap<UserId, Replies> = HashMap::new();
    for (u, q, v, w) in rows {
        let value = serde_json::from_str(&v).unwrap_or(Value::Null);
        by_user.entry(u).or_default().insert(q, (value, w));
    }
    Ok(by_user)
}

/// Writes the member's answers as `replies` says, in the caller's transaction; nothing when
/// they are `kept` already.
#[tracing::instrument(level = "debug", skip_all)]
pub fn save_replies(
    conn: &mut DbConn,
    meetup: &MeetupId,
    user: &UserId,
    kept: &Replies,
    replies: &Replies,
    at: NaiveDateTime,
) -> Result<(), AppError> {
    if kept == replies {
        return Ok(());
    }
    diesel::delete(
        rsvp_answers::table
            .filter(rsvp_answers::meetup_id.eq(meetup))
            .filter(rsvp_answers::user_id.eq(user)),
    )
    .execute(conn)?;
    for (q, (v, w)) in replies {
        diesel::insert_into(rsvp_answers::table)
            .values((
                rsvp_answers::question_id.eq(q),
                rsvp_answers::user_id.eq(user),
                rsvp_answers::meetup_id.eq(meetup),
                rsvp_answers::value.eq(v.to_string()),
                rsvp_answers::withheld.eq(*w),
                rsvp_answers::answered_at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Deletes the answers to meetups that ended before `before`; how many went.
#[tracing::instrument(level = "debug", skip_all)]
pub fn purge_answers(conn: &mut DbConn, before: NaiveDateTime) -> Result<usize, AppError> {
    let ended = meetups::table
        .filter(meetups::ends_at.lt(before))
        .select(meetups::id);
    Ok(
        diesel::delete(rsvp_answers::table.filter(rsvp_answers::meetup_id.eq_any(ended)))
            .execute(conn)?,
    )
}

/// Deletes every answer the member gave (the account leaves).
pub fn delete_answers_of_user(conn: &mut DbConn, user: &UserId) -> Result<(), AppError> {
    diesel::delete(rsvp_answers::table.filter(rsvp_answers::user_id.eq(user))).execute(conn)?;
    Ok(())
}

/// One answer of the member's export.
pub struct UserAnswerRow {
    pub meetup_id: MeetupId,
    pub meetup_title: String,
    pub question: String,
    pub value: Value,
    pub withheld: bool,
    pub share_with_host: bool,
    pub answered_at: NaiveDateTime,
}

/// Every answer the member gave, newest meetup first.
pub fn answers_of_user(conn: &mut DbConn, user: &UserId) -> Result<Vec<UserAnswerRow>, AppError> {
    let rows: Vec<(MeetupId, String, String, String, bool, bool, NaiveDateTime)> =
        rsvp_answers::table
            .inner_join(rsvp_questions::table)
            .inner_join(meetups::table.on(meetups::id.eq(rsvp_answers::meetup_id)))
            .filter(rsvp_answers::user_id.eq(user))
            .order((meetups::starts_at.desc(), rsvp_questions::position))
            .select((
                rsvp_answers::meetup_id,
                meetups::title,
                rsvp_questions::label,
                rsvp_answers::value,
                rsvp_answers::withheld,
                rsvp_questions::share_with_host,
                rsvp_answers::answered_at,
            ))
            .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(m, t, q, v, w, s, at)| UserAnswerRow {
            meetup_id: m,
            meetup_title: t,
            question: q,
            value: serde_json::from_str(&v).unwrap_or(Value::Null),
            withheld: w,
            share_with_host: s,
            answered_at: at,
        })
        .collect())
}

/// Makes `token_hash` the meetup's host link, replacing any other.
pub fn set_host_link(
    conn: &mut DbConn,
    meetup: &MeetupId,
    token_hash: &str,
    by: &UserId,
    at: NaiveDateTime,
) -> Result<(), AppError> {
    delete_host_link(conn, meetup)?;
    diesel::insert_into(meetup_host_links::table)
        .values((
            meetup_host_links::meetup_id.eq(meetup),
            meetup_host_links::token_hash.eq(token_hash),
            meetup_host_links::created_by.eq(by),
            meetup_host_links::created_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Revokes the meetup's host link; whether there was one.
pub fn delete_host_link(conn: &mut DbConn, meetup: &MeetupId) -> Result<bool, AppError> {
    Ok(diesel::delete(meetup_host_links::table.find(meetup)).execute(conn)? > 0)
}

/// The meetup and organiser a host link's secret belongs to.
pub fn host_link_by_hash(
    conn: &mut DbConn,
    token_hash: &str,
) -> Result<Option<(MeetupId, UserId)>, AppError> {
    Ok(meetup_host_links::table
        .filter(meetup_host_links::token_hash.eq(token_hash))
        .select((meetup_host_links::meetup_id, meetup_host_links::created_by))
        .first(conn)
        .optional()?)
}
