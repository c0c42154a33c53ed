//! Talk proposals and the programme of accepted talks (positions 1..n without gaps).

use diesel::prelude::*;

use super::groups::{join_group, role_of};
use super::meetups::lock_meetup;
use super::new_id;
use crate::db::models::{Meetup, Talk, User};
use crate::db::schema::{talks, users};
use crate::db::{now, DbConn};
use crate::domain::group::GroupRole;
use crate::domain::talk::{
    apply, listing_rank, running_starts, Actor, ScheduledTalk, TalkAction, TalkFields, TalkRefusal,
    TalkState, TalkStatus,
};
use crate::error::AppError;

impl From<TalkRefusal> for AppError {
    fn from(r: TalkRefusal) -> Self {
        match r {
            TalkRefusal::Forbidden => AppError::Forbidden,
            TalkRefusal::AlreadyDecided => AppError::conflict("already_decided"),
            TalkRefusal::Invalid(e) => AppError::Validation(e),
        }
    }
}

/// A talk with its proposer's name, as every view of it shows.
#[derive(Debug, Clone)]
pub struct TalkRow {
    pub talk: Talk,
    pub proposer_name: String,
}

impl TalkRow {
    /// The speaker as shown: the given speaker name, else the proposer.
    pub fn speaker(&self) -> &str {
        self.talk
            .speaker_name
            .as_deref()
            .unwrap_or(&self.proposer_name)
    }
}

/// Proposes a talk (status `proposed`, no position); the proposer joins the meetup's group.
pub fn create_talk(
    conn: &mut DbConn,
    meetup_id: &str,
    proposer_id: &str,
    fields: TalkFields,
) -> Result<Talk, AppError> {
    conn.transaction(|conn| {
        let meetup = lock_meetup(conn, meetup_id)?;
        join_group(conn, &meetup.group_id, proposer_id)?;
        let at = now();
        let talk = Talk {
            id: new_id(),
            meetup_id: meetup.id,
            proposer_id: proposer_id.into(),
            title: fields.title,
            abstract_text: fields.abstract_text,
            duration_minutes: fields.duration_minutes,
            speaker_name: fields.speaker_name,
            status: TalkStatus::Proposed.as_str().into(),
            position: None,
            created_at: at,
            updated_at: at,
        };
        diesel::insert_into(talks::table)
            .values(&talk)
            .execute(conn)?;
        Ok(talk)
    })
}

pub fn talk_by_id(conn: &mut DbConn, id: &str) -> Result<Option<Talk>, AppError> {
    Ok(talks::table
        .find(id)
        .select(Talk::as_select())
        .first(conn)
        .optional()?)
}

/// Accepted talks of a meetup with their stored positions, in programme order.
fn programme_positions(
    conn: &mut DbConn,
    meetup_id: &str,
) -> Result<Vec<(String, Option<i32>)>, AppError> {
    let mut rows: Vec<(String, Option<i32>, chrono::NaiveDateTime)> = talks::table
        .filter(talks::meetup_id.eq(meetup_id))
        .filter(talks::status.eq(TalkStatus::Accepted.as_str()))
        .select((talks::id, talks::position, talks::updated_at))
        .load(conn)?;
    // NULLs sort differently on each backend: order here, the same everywhere.
    rows.sort_by(|a, b| {
        (a.1.unwrap_or(i32::MAX), a.2, &a.0).cmp(&(b.1.unwrap_or(i32::MAX), b.2, &b.0))
    });
    Ok(rows.into_iter().map(|(id, p, _)| (id, p)).collect())
}

/// Every talk of a meetup with its proposer: the programme by position, then the other talks
/// (proposed, rejected, withdrawn) oldest first. Callers filter with `domain::talk::visible`.
pub fn talks_of_meetup(conn: &mut DbConn, meetup_id: &str) -> Result<Vec<TalkRow>, AppError> {
    let rows: Vec<(Talk, User)> = talks::table
        .inner_join(users::table)
        .filter(talks::meetup_id.eq(meetup_id))
        .order((talks::created_at.asc(), talks::id.asc()))
        .select((Talk::as_select(), User::as_select()))
        .load(conn)?;
    let mut list: Vec<TalkRow> = rows
        .into_iter()
        .map(|(talk, user)| TalkRow {
            talk,
            proposer_name: user.name,
        })
        .collect();
    // Stable sort: talks outside the programme keep their age order.
    list.sort_by_key(|r| listing_rank(r.talk.status(), r.talk.position));
    Ok(list)
}

/// The accepted talks in order with their running start times, from the meetup's start.
pub fn schedule(meetup: &Meetup, rows: &[TalkRow]) -> Vec<(String, ScheduledTalk)> {
    let accepted: Vec<&TalkRow> = rows
        .iter()
        .filter(|r| r.talk.status() == TalkStatus::Accepted)
        .collect();
    let starts = running_starts(
        meetup.starts_at,
        accepted.iter().map(|r| r.talk.duration_minutes),
    );
    accepted
        .into_iter()
        .zip(starts)
        .map(|(r, starts_at)| {
            (
                r.talk.id.clone(),
                ScheduledTalk {
                    title: r.talk.title.clone(),
                    speaker: Some(r.speaker().to_string()),
                    duration_minutes: r.talk.duration_minutes,
                    starts_at,
                },
            )
        })
        .collect()
}

/// The meetup's programme (for the iCal DESCRIPTION and the meetup page).
pub fn programme(conn: &mut DbConn, meetup: &Meetup) -> Result<Vec<ScheduledTalk>, AppError> {
    let rows = talks_of_meetup(conn, &meetup.id)?;
    Ok(schedule(meetup, &rows)
        .into_iter()
        .map(|(_, s)| s)
        .collect())
}

/// Programmes of many meetups with one query (feeds list hundreds of meetups).
pub fn programmes(
    conn: &mut DbConn,
    meetups: &[&Meetup],
) -> Result<std::collections::HashMap<String, Vec<ScheduledTalk>>, AppError> {
    let ids: Vec<&str> = meetups.iter().map(|m| m.id.as_str()).collect();
    let mut by_meetup: std::collections::HashMap<String, Vec<TalkRow>> = Default::default();
    if !ids.is_empty() {
        let rows: Vec<(Talk, User)> = talks::table
            .inner_join(users::table)
            .filter(talks::meetup_id.eq_any(&ids))
            .filter(talks::status.eq(TalkStatus::Accepted.as_str()))
            .order((talks::created_at.asc(), talks::id.asc()))
            .select((Talk::as_select(), User::as_select()))
            .load(conn)?;
        for (talk, user) in rows {
            by_meetup
                .entry(talk.meetup_id.clone())
                .or_default()
                .push(TalkRow {
                    talk,
                    proposer_name: user.name,
                });
        }
    }
    Ok(meetups
        .iter()
        .filter_map(|m| {
            let mut rows = by_meetup.remove(&m.id)?;
            rows.sort_by_key(|r| listing_rank(r.talk.status(), r.talk.position));
            Some((
                m.id.clone(),
                schedule(m, &rows).into_iter().map(|(_, s)| s).collect(),
            ))
        })
        .collect())
}

/// A talk before and after a change, with its meetup.
#[derive(Debug, Clone)]
pub struct TalkChange {
    pub meetup: Meetup,
    pub before: Talk,
    pub after: Talk,
}

impl TalkChange {
    /// The talk was accepted or rejected by this change (the proposer is told).
    pub fn decided(&self) -> Option<TalkStatus> {
        let status = self.after.status();
        (status != self.before.status()
            && matches!(status, TalkStatus::Accepted | TalkStatus::Rejected))
        .then_some(status)
    }
}

/// Applies `actions` by `user_id` to the talk in one transaction holding the meetup's lock, then
/// renumbers the programme 1..n. `after_change` runs in the same transaction (notices).
pub fn change_talk(
    conn: &mut DbConn,
    talk_id: &str,
    user_id: &str,
    actions: &[TalkAction],
    after_change: impl FnOnce(&mut DbConn, &TalkChange) -> Result<(), AppError>,
) -> Result<TalkChange, AppError> {
    let meetup_id = talk_by_id(conn, talk_id)?
        .ok_or(AppError::NotFound)?
        .meetup_id;
    conn.transaction(|conn| {
        // Lock first (a write), then read: concurrent changes of one programme run one by one.
        let meetup = lock_meetup(conn, &meetup_id)?;
        let before = talk_by_id(conn, talk_id)?.ok_or(AppError::NotFound)?;
        let role = role_of(conn, &meetup.group_id, user_id)?;
        let actor = Actor {
            organiser: role == Some(GroupRole::Organiser),
            proposer: before.proposer_id == user_id,
        };
        let stored = programme_positions(conn, &meetup.id)?;
        let state = TalkState {
            id: before.id.clone(),
            status: before.status(),
            fields: before.fields(),
            programme: stored.iter().map(|(id, _)| id.clone()).collect(),
        };
        let next = apply(state.clone(), actor, actions)?;
        let position = next.position().map(|p| p as i32);
        let changed = next.status != state.status || next.fields != state.fields;
        let mut after = before.clone();
        if changed || position != before.position {
            let updated_at = if changed { now() } else { before.updated_at };
            diesel::update(talks::table.find(talk_id))
                .set((
                    talks::title.eq(&next.fields.title),
                    talks::abstract_text.eq(&next.fields.abstract_text),
                    talks::duration_minutes.eq(next.fields.duration_minutes),
                    talks::speaker_name.eq(&next.fields.speaker_name),
                    talks::status.eq(next.status.as_str()),
                    talks::position.eq(position),
                    talks::updated_at.eq(updated_at),
                ))
                .execute(conn)?;
            after = Talk {
                title: next.fields.title.clone(),
                abstract_text: next.fields.abstract_text.clone(),
                duration_minutes: next.fields.duration_minutes,
                speaker_name: next.fields.speaker_name.clone(),
                status: next.status.as_str().into(),
                position,
                updated_at,
                ..before.clone()
            };
        }
        renumber(conn, &next.programme, &stored)?;
        let change = TalkChange {
            meetup,
            before,
            after,
        };
        after_change(conn, &change)?;
        Ok(change)
    })
}

/// Gives each talk of `programme` the position `index + 1`, writing only those that differ.
fn renumber(
    conn: &mut DbConn,
    programme: &[String],
    stored: &[(String, Option<i32>)],
) -> Result<(), AppError> {
    for (i, id) in programme.iter().enumerate() {
        let position = Some(i as i32 + 1);
        let current = stored.iter().find(|(s, _)| s == id).and_then(|(_, p)| *p);
        if current != position {
            diesel::update(talks::table.find(id))
                .set(talks::position.eq(position))
                .execute(conn)?;
        }
    }
    Ok(())
}
