//! Talk proposals and the programme of accepted talks (positions 1..n without gaps).

use std::collections::{HashMap, HashSet};

use diesel::prelude::*;

use crate::db::models::{Meetup, Talk, TalkVote, User};
use crate::db::schema::{talk_votes, talks, users};
use crate::db::DbConn;
use crate::domain::ids::{GroupId, MeetupId, TalkId, UserId};
use crate::domain::talk::{listing_rank, running_starts, ScheduledTalk, TalkLink, TalkStatus};
use crate::error::AppError;

/// A talk with its proposer's name and its votes, as every view of it shows.
#[derive(Debug, Clone)]
pub struct TalkRow {
    pub talk: Talk,
    pub proposer_name: String,
    pub votes: i64,
    /// `None` for anonymous viewers.
    pub voted_by_me: Option<bool>,
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
pub fn talk_by_id(conn: &mut DbConn, id: &TalkId) -> Result<Option<Talk>, AppError> {
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
pub fn talks_of_meetup(
    conn: &mut DbConn,
    meetup_id: &MeetupId,
    viewer: Option<&UserId>,
) -> Result<Vec<TalkRow>, AppError> {
    let rows: Vec<(Talk, User)> = talks::table
        .inner_join(users::table)
        .filter(talks::meetup_id.eq(meetup_id))
        .order((talks::created_at.asc(), talks::id.asc()))
        .select((Talk::as_select(), User::as_select()))
        .load(conn)?;
    let mut list = with_votes(conn, rows, viewer)?;
    // Stable sort: talks outside the programme keep their age order.
    list.sort_by_key(|r| listing_rank(r.talk.status, r.talk.position));
    Ok(list)
}

/// Every talk of a group, in its pool or in a meetup, oldest first. Callers filter with
/// `domain::talk::visible_in_pool` and sort.
#[tracing::instrument(level = "debug", skip_all)]
pub fn talks_of_group(
    conn: &mut DbConn,
    group_id: &GroupId,
    viewer: Option<&UserId>,
) -> Result<Vec<TalkRow>, AppError> {
    let rows: Vec<(Talk, User)> = talks::table
        .inner_join(users::table)
        .filter(talks::group_id.eq(group_id))
        .order((talks::created_at.asc(), talks::id.asc()))
        .select((Talk::as_select(), User::as_select()))
        .load(conn)?;
    with_votes(conn, rows, viewer)
}

/// Adds vote counts and the viewer's votes: two queries whatever the number of talks.
fn with_votes(
    conn: &mut DbConn,
    rows: Vec<(Talk, User)>,
    viewer: Option<&UserId>,
) -> Result<Vec<TalkRow>, AppError> {
    let ids: Vec<&str> = rows.iter().map(|(t, _)| t.id.as_str()).collect();
    let counts: HashMap<TalkId, i64> = if ids.is_empty() {
        HashMap::new()
    } else {
        talk_votes::table
            .filter(talk_votes::talk_id.eq_any(&ids))
            .group_by(talk_votes::talk_id)
            .select((talk_votes::talk_id, diesel::dsl::count_star()))
            .load::<(TalkId, i64)>(conn)?
            .into_iter()
            .collect()
    };
    let mine: Option<HashSet<TalkId>> = match viewer {
        Some(user_id) if !ids.is_empty() => Some(
            talk_votes::table
                .filter(talk_votes::talk_id.eq_any(&ids))
                .filter(talk_votes::user_id.eq(user_id))
                .select(talk_votes::talk_id)
                .load::<TalkId>(conn)?
                .into_iter()
                .collect(),
        ),
        Some(_) => Some(HashSet::new()),
        None => None,
    };
    Ok(rows
        .into_iter()
        .map(|(talk, user)| TalkRow {
            votes: counts.get(&talk.id).copied().unwrap_or(0),
            voted_by_me: mine.as_ref().map(|m| m.contains(&talk.id)),
            talk,
            proposer_name: user.name,
        })
        .collect())
}

/// Adds the member's vote; a second vote is no vote (the primary key keeps one per member).
#[tracing::instrument(level = "debug", skip_all)]
pub fn add_vote(conn: &mut DbConn, vote: &TalkVote) -> Result<(), AppError> {
    on_inner!(conn, |c| diesel::insert_into(talk_votes::table)
        .values(vote)
        .on_conflict_do_nothing()
        .execute(c)?);
    Ok(())
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn remove_vote(conn: &mut DbConn, talk_id: &TalkId, user_id: &UserId) -> Result<(), AppError> {
    diesel::delete(talk_votes::table.find((talk_id, user_id))).execute(conn)?;
    Ok(())
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn votes_of(conn: &mut DbConn, talk_id: &TalkId) -> Result<i64, AppError> {
    Ok(talk_votes::table
        .filter(talk_votes::talk_id.eq(talk_id))
        .count()
        .get_result(conn)?)
}

/// Replaces the talk's materials.
#[tracing::instrument(level = "debug", skip_all)]
pub fn set_links(
    conn: &mut DbConn,
    talk_id: &TalkId,
    links: &[TalkLink],
    at: chrono::NaiveDateTime,
) -> Result<(), AppError> {
    let json = serde_json::to_string(links).map_err(|e| AppError::Internal(e.to_string()))?;
    diesel::update(talks::table.find(talk_id))
        .set((talks::links.eq(json), talks::updated_at.eq(at)))
        .execute(conn)?;
    Ok(())
}

/// Takes the talk's row lock for the rest of the transaction (see `meetups::lock_meetup`).
#[tracing::instrument(level = "debug", skip_all)]
pub fn lock_talk(conn: &mut DbConn, id: &TalkId) -> Result<Talk, AppError> {
    let touched = diesel::update(talks::table.find(id))
        .set(talks::updated_at.eq(talks::updated_at))
        .execute(conn)?;
    if touched == 0 {
        return Err(AppError::NotFound);
    }
    talk_by_id(conn, id)?.ok_or(AppError::NotFound)
}

/// The accepted talks in order with their running start times, from the meetup's start.
#[tracing::instrument(level = "debug", skip_all)]
pub fn schedule(meetup: &Meetup, rows: &[TalkRow]) -> Vec<(TalkId, ScheduledTalk)> {
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
                    links: r.talk.link_list(),
                },
            )
        })
        .collect()
}

/// The meetup's programme (for the iCal DESCRIPTION and the meetup page).
#[tracing::instrument(level = "debug", skip_all)]
pub fn programme(conn: &mut DbConn, meetup: &Meetup) -> Result<Vec<ScheduledTalk>, AppError> {
    Ok(programmes(conn, &[meetup])?
        .remove(&meetup.id)
        .unwrap_or_default())
}

/// Programmes of many meetups with one query (feeds list hundreds of meetups).
#[tracing::instrument(level = "debug", skip_all)]
pub fn programmes(
    conn: &mut DbConn,
    meetups: &[&Meetup],
) -> Result<HashMap<MeetupId, Vec<ScheduledTalk>>, AppError> {
    let ids: Vec<&str> = meetups.iter().map(|m| m.id.as_str()).collect();
    let mut by_meetup: HashMap<MeetupId, Vec<TalkRow>> = Default::default();
    if !ids.is_empty() {
        let rows: Vec<(Talk, User)> = talks::table
            .inner_join(users::table)
            .filter(talks::meetup_id.eq_any(&ids))
            .filter(talks::status.eq(TalkStatus::Accepted))
            .order((talks::created_at.asc(), talks::id.asc()))
            .select((Talk::as_select(), User::as_select()))
            .load(conn)?;
        for (talk, user) in rows {
            let Some(meetup_id) = talk.meetup_id.clone() else {
                continue;
            };
            by_meetup.entry(meetup_id).or_default().push(TalkRow {
                talk,
                proposer_name: user.name,
                votes: 0,
                voted_by_me: None,
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
        .set(talk)
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
