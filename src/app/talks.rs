//! Talk proposals, the organisers' decisions and the programme, and the view data they return.

use std::sync::Arc;

use chrono::NaiveDateTime;

use super::groups::{is_organiser, organises};
use super::meetups::load_meetup;
use diesel::Connection;

use crate::config::Settings;
use crate::db::models::{Talk, TalkChange, User};
use crate::db::repo::meetups::{self, MeetupRow};
use crate::db::repo::talks::{self, TalkRow};
use crate::db::repo::{groups, new_id};
use crate::db::{now, Db};
use crate::domain::ids::{MeetupId, UserId};
use crate::domain::talk::{
    apply, build_talk, programme_text, visible, Actor, ScheduledTalk, TalkAction, TalkInput,
    TalkPatch, TalkPermissions, TalkState, TalkStatus,
};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::mail::{group_mail, notify};

/// One talk as a given viewer sees it.
#[derive(Debug, Clone)]
pub struct TalkView {
    pub id: String,
    pub meetup_id: MeetupId,
    pub proposer_id: UserId,
    pub proposer_name: String,
    pub title: String,
    pub abstract_text: String,
    pub duration_minutes: i32,
    /// As given by the proposer (`None`: the proposer speaks).
    pub speaker_name: Option<String>,
    /// The speaker as shown: `speaker_name`, else the proposer's name.
    pub speaker: String,
    pub status: TalkStatus,
    pub position: Option<i32>,
    /// Running start time (UTC) for accepted talks.
    pub starts_at: Option<NaiveDateTime>,
    /// The viewer proposed it.
    pub own: bool,
    /// Which buttons and forms to show this viewer.
    pub can: TalkPermissions,
}

/// A meetup's talks as one viewer sees them.
#[derive(Debug, Clone)]
pub struct MeetupTalks {
    pub meetup: MeetupRow,
    pub organiser: bool,
    /// Visible talks: the programme by position, then the others oldest first.
    pub talks: Vec<TalkView>,
    /// The accepted talks with running start times (the same for every viewer).
    pub programme: Vec<ScheduledTalk>,
}

impl MeetupTalks {
    /// « 19:00 — Title (Speaker, 20 min) » one a line, in the group's time zone.
    pub fn programme_text(&self, lang: Lang) -> String {
        programme_text(&self.programme, self.meetup.group.tz(), lang)
    }

    pub fn talk(&self, id: &str) -> Option<&TalkView> {
        self.talks.iter().find(|t| t.id == id)
    }
}

fn view(
    row: &TalkRow,
    starts_at: Option<NaiveDateTime>,
    viewer: Option<&str>,
    organiser: bool,
) -> TalkView {
    let t = &row.talk;
    let own = viewer == Some(t.proposer_id.as_str());
    TalkView {
        id: t.id.clone(),
        meetup_id: t.meetup_id.clone(),
        proposer_id: t.proposer_id.clone(),
        proposer_name: row.proposer_name.clone(),
        title: t.title.clone(),
        abstract_text: t.abstract_text.clone(),
        duration_minutes: t.duration_minutes,
        speaker_name: t.speaker_name.clone(),
        speaker: row.speaker().to_string(),
        status: t.status,
        position: t.position,
        starts_at,
        own,
        can: TalkPermissions::of(
            t.status,
            Actor {
                organiser,
                proposer: own,
            },
        ),
    }
}

/// The meetup's talks visible to `viewer` (anonymous: the programme only).
#[tracing::instrument(skip(db, viewer))]
pub async fn meetup_talks(
    db: &Db,
    viewer: Option<&User>,
    meetup_id: &MeetupId,
) -> Result<MeetupTalks, AppError> {
    let meetup = load_meetup(db, meetup_id).await?;
    let organiser = is_organiser(db, &meetup.group, viewer).await?;
    let id = meetup.meetup.id.clone();
    let rows = db
        .run(move |conn| talks::talks_of_meetup(conn, &id))
        .await?;
    let scheduled = talks::schedule(&meetup.meetup, &rows);
    let viewer_id = viewer.map(|u| u.id.as_str());
    let talks = rows
        .iter()
        .filter(|r| {
            visible(
                r.talk.status,
                viewer_id == Some(r.talk.proposer_id.as_str()),
                organiser,
            )
        })
        .map(|r| {
            let starts_at = scheduled
                .iter()
                .find(|(id, _)| *id == r.talk.id)
                .map(|(_, s)| s.starts_at);
            view(r, starts_at, viewer_id, organiser)
        })
        .collect();
    Ok(MeetupTalks {
        meetup,
        organiser,
        talks,
        programme: scheduled.into_iter().map(|(_, s)| s).collect(),
    })
}

/// The talk as `user` sees it now (after a change they made, so it is visible to them).
async fn talk_view(
    db: &Db,
    user: &User,
    meetup_id: &MeetupId,
    talk_id: &str,
) -> Result<TalkView, AppError> {
    meetup_talks(db, Some(user), meetup_id)
        .await?
        .talks
        .into_iter()
        .find(|t| t.id == talk_id)
        .ok_or(AppError::NotFound)
}

/// Any signed-in user proposes a talk (status `proposed`, no position); they join the group.
#[tracing::instrument(skip_all, fields(meetup = %meetup_id))]
pub async fn propose_talk(
    db: &Db,
    settings: &Arc<Settings>,
    user: &User,
    meetup_id: &MeetupId,
    input: &TalkInput,
) -> Result<TalkView, AppError> {
    let fields = build_talk(None, input).map_err(AppError::Invalid)?;
    let (m, u) = (meetup_id.clone(), user.id.clone());
    let (settings, proposer) = (settings.clone(), user.clone());
    let talk = db
        .transaction(move |conn| {
            let meetup = meetups::lock_meetup(conn, &m)?;
            groups::join_group(conn, &meetup.group_id, &u)?;
            let at = now();
            let talk = Talk {
                id: new_id(),
                meetup_id: meetup.id,
                proposer_id: u,
                title: fields.title,
                abstract_text: fields.abstract_text,
                duration_minutes: fields.duration_minutes,
                speaker_name: fields.speaker_name,
                status: TalkStatus::Proposed,
                position: None,
                created_at: at,
                updated_at: at,
            };
            talks::insert_talk(conn, &talk)?;
            let row = meetups::meetup_place(conn, &talk.meetup_id)?.ok_or(AppError::NotFound)?;
            group_mail::talk_proposed(conn, &settings, &row, &talk.id, &talk.title, &proposer, at)?;
            Ok(talk)
        })
        .await?;
    talk_view(db, user, &talk.meetup_id, &talk.id).await
}

/// Runs `actions` by `user` on the talk (rules in `domain::talk`) in one transaction holding the
/// meetup's lock, renumbers the programme 1..n and tells the proposer of a decision.
#[tracing::instrument(skip_all, fields(talk = %talk_id))]
pub async fn act_on_talk(
    db: &Db,
    settings: &Arc<Settings>,
    user: &User,
    talk_id: &str,
    actions: Vec<TalkAction>,
) -> Result<TalkView, AppError> {
    let (t, u) = (talk_id.to_string(), user.id.clone());
    let settings = settings.clone();
    let change = db
        .run_write(move |conn| {
            let meetup_id = talks::talk_by_id(conn, &t)?
                .ok_or(AppError::NotFound)?
                .meetup_id;
            conn.transaction(|conn| {
                // Lock first (a write), then read: concurrent changes of one programme run one by one.
                let meetup = meetups::lock_meetup(conn, &meetup_id)?;
                let before = talks::talk_by_id(conn, &t)?.ok_or(AppError::NotFound)?;
                let actor = Actor {
                    organiser: organises(conn, &meetup.group_id, &u)?,
                    proposer: before.proposer_id == u,
                };
                let stored = talks::programme_positions(conn, &meetup.id)?;
                let state = TalkState {
                    id: before.id.clone(),
                    status: before.status,
                    fields: before.fields(),
                    programme: stored.iter().map(|(id, _)| id.clone()).collect(),
                };
                let next = apply(state.clone(), actor, &actions)?;
                let position = next.position().map(|p| p as i32);
                let changed = next.status != state.status || next.fields != state.fields;
                let mut after = before.clone();
                if changed || position != before.position {
                    after = Talk {
                        title: next.fields.title.clone(),
                        abstract_text: next.fields.abstract_text.clone(),
                        duration_minutes: next.fields.duration_minutes,
                        speaker_name: next.fields.speaker_name.clone(),
                        status: next.status,
                        position,
                        updated_at: if changed { now() } else { before.updated_at },
                        ..before.clone()
                    };
                    talks::update_talk(conn, &after)?;
                }
                talks::renumber(conn, &next.programme, &stored)?;
                let change = TalkChange {
                    meetup,
                    before,
                    after,
                };
                notify::talk_decided(conn, &settings, &change, now())?;
                Ok(change)
            })
        })
        .await?;
    talk_view(db, user, &change.meetup.id, talk_id).await
}

/// PATCH semantics: the proposer edits; organisers accept/reject/reopen/move.
#[tracing::instrument(skip_all)]
pub async fn update_talk(
    db: &Db,
    settings: &Arc<Settings>,
    user: &User,
    talk_id: &str,
    patch: &TalkPatch,
) -> Result<TalkView, AppError> {
    match patch.actions() {
        Ok(actions) => act_on_talk(db, settings, user, talk_id, actions).await,
        Err(invalid) => {
            // Unknown talk (404) and strangers (403) come before a malformed request (422).
            act_on_talk(db, settings, user, talk_id, Vec::new()).await?;
            Err(invalid.into())
        }
    }
}

/// The proposer (or an organiser) withdraws the talk; it leaves the programme.
#[tracing::instrument(skip_all)]
pub async fn withdraw_talk(
    db: &Db,
    settings: &Arc<Settings>,
    user: &User,
    talk_id: &str,
) -> Result<TalkView, AppError> {
    act_on_talk(db, settings, user, talk_id, vec![TalkAction::Withdraw]).await
}
