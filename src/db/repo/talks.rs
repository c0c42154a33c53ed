//! Talk proposals and the programme of accepted talks (positions 1..n without gaps).

use diesel::prelude::*;

use crate::db::models::{Meetup, Talk, User};
use crate::db::schema::{talks, users};
use crate::db::DbConn;
use crate::domain::ids::MeetupId;
use crate::domain::talk::{listing_rank, running_starts, ScheduledTalk, TalkStatus};
use crate::error::AppError;

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

#[tracing::instrument(level = "debug", skip_all)]
pub fn insert_talk(conn: &mut DbConn, talk: &Talk) -> Result<(), AppError> {
    diesel::insert_into(talks::table)
        .values(talk)
        .execute(conn)?;
    Ok(())
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn talk_by_id(conn: &mut DbConn, id: &str) -> Result<Option<Talk>, AppError> {
    Ok(talks::table
        .find(id)
        .select(Talk::as_select())
        .first(conn)
        .optional()?)
}

/// Accepted talks of a meetup with their stored positions, in programme order.
#[tracing::instrument(level = "debug", skip_all)]
pub fn programme_positions(
    conn: &mut DbConn,
    meetup_id: &MeetupId,
) -> Result<Vec<(String, Option<i32>)>, AppError> {
    let mut rows: Vec<(String, Option<i32>, chrono::NaiveDateTime)> = talks::table
        .filter(talks::meetup_id.eq(meetup_id))
        .filter(talks::status.eq(TalkStatus::Accepted))
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
#[tracing::instrument(level = "debug", skip_all)]
pub fn talks_of_meetup(conn: &mut DbConn, meetup_id: &MeetupId) -> Result<Vec<TalkRow>, AppError> {
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
    list.sort_by_key(|r| listing_rank(r.talk.status, r.talk.position));
    Ok(list)
}

/// The accepted talks in order with their running start times, from the meetup's start.
#[tracing::instrument(level = "debug", skip_all)]
pub fn schedule(meetup: &Meetup, rows: &[TalkRow]) -> Vec<(String, ScheduledTalk)> {
    let accepted: Vec<&TalkRow> = rows
        .iter()
        .filter(|r| r.talk.status == TalkStatus::Accepted)
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
#[tracing::instrument(level = "debug", skip_all)]
pub fn programme(conn: &mut DbConn, meetup: &Meetup) -> Result<Vec<ScheduledTalk>, AppError> {
    let rows = talks_of_meetup(conn, &meetup.id)?;
    Ok(schedule(meetup, &rows)
        .into_iter()
        .map(|(_, s)| s)
        .collect())
}

/// Programmes of many meetups with one query (feeds list hundreds of meetups).
#[tracing::instrument(level = "debug", skip_all)]
pub fn programmes(
    conn: &mut DbConn,
    meetups: &[&Meetup],
) -> Result<std::collections::HashMap<MeetupId, Vec<ScheduledTalk>>, AppError> {
    let ids: Vec<&str> = meetups.iter().map(|m| m.id.as_str()).collect();
    let mut by_meetup: std::collections::HashMap<MeetupId, Vec<TalkRow>> = Default::default();
    if !ids.is_empty() {
        let rows: Vec<(Talk, User)> = talks::table
            .inner_join(users::table)
            .filter(talks::meetup_id.eq_any(&ids))
            .filter(talks::status.eq(TalkStatus::Accepted))
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
            rows.sort_by_key(|r| listing_rank(r.talk.status, r.talk.position));
            Some((
                m.id.clone(),
                schedule(m, &rows).into_iter().map(|(_, s)| s).collect(),
            ))
        })
        .collect())
}

/// Writes a talk's fields, status, position and change time.
#[tracing::instrument(level = "debug", skip_all)]
pub fn update_talk(conn: &mut DbConn, talk: &Talk) -> Result<(), AppError> {
    diesel::update(talks::table.find(&talk.id))
        .set((
            talks::title.eq(&talk.title),
            talks::abstract_text.eq(&talk.abstract_text),
            talks::duration_minutes.eq(talk.duration_minutes),
            talks::speaker_name.eq(&talk.speaker_name),
            talks::status.eq(talk.status),
            talks::position.eq(talk.position),
            talks::updated_at.eq(talk.updated_at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Gives each talk of `programme` the position `index + 1`, writing only those that differ.
#[tracing::instrument(level = "debug", skip_all)]
pub fn renumber(
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
