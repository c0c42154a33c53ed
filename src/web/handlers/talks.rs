//! Talk use cases shared by the JSON API and the meetup pages, and the view data they return.

use chrono::NaiveDateTime;

use super::groups::{load_meetup, role_in};
use crate::db::models::User;
use crate::db::repo::meetups::MeetupRow;
use crate::db::repo::talks::{self, TalkRow};
use crate::domain::group::GroupRole;
use crate::domain::talk::{
    build_talk, programme_text, visible, Actor, ScheduledTalk, TalkAction, TalkInput, TalkPatch,
    TalkPermissions, TalkStatus,
};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::web::AppState;

/// One talk as a given viewer sees it.
#[derive(Debug, Clone)]
pub struct TalkView {
    pub id: String,
    pub meetup_id: String,
    pub proposer_id: String,
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
        status: t.status(),
        position: t.position,
        starts_at,
        own,
        can: TalkPermissions::of(
            t.status(),
            Actor {
                organiser,
                proposer: own,
            },
        ),
    }
}

/// The meetup's talks visible to `viewer` (anonymous: the programme only).
pub async fn meetup_talks(
    state: &AppState,
    viewer: Option<&User>,
    meetup_id: &str,
) -> Result<MeetupTalks, AppError> {
    let meetup = load_meetup(state, meetup_id).await?;
    let organiser = role_in(state, &meetup.group, viewer).await? == Some(GroupRole::Organiser);
    let id = meetup.meetup.id.clone();
    let rows = state
        .db
        .run(move |conn| talks::talks_of_meetup(conn, &id))
        .await?;
    let scheduled = talks::schedule(&meetup.meetup, &rows);
    let viewer_id = viewer.map(|u| u.id.as_str());
    let talks = rows
        .iter()
        .filter(|r| {
            visible(
                r.talk.status(),
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
    state: &AppState,
    user: &User,
    meetup_id: &str,
    talk_id: &str,
) -> Result<TalkView, AppError> {
    meetup_talks(state, Some(user), meetup_id)
        .await?
        .talks
        .into_iter()
        .find(|t| t.id == talk_id)
        .ok_or(AppError::NotFound)
}

/// Any signed-in user proposes a talk; they join the group.
pub async fn propose_talk(
    state: &AppState,
    user: &User,
    meetup_id: &str,
    input: &TalkInput,
) -> Result<TalkView, AppError> {
    let fields = build_talk(None, input)?;
    let (m, u) = (meetup_id.to_string(), user.id.clone());
    let talk = state
        .db
        .run_write(move |conn| talks::create_talk(conn, &m, &u, fields))
        .await?;
    talk_view(state, user, &talk.meetup_id, &talk.id).await
}

/// Runs `actions` on the talk as `user` (rules in `domain::talk`).
pub async fn act_on_talk(
    state: &AppState,
    user: &User,
    talk_id: &str,
    actions: Vec<TalkAction>,
) -> Result<TalkView, AppError> {
    let (t, u) = (talk_id.to_string(), user.id.clone());
    let settings = state.settings.clone();
    let change = state
        .db
        .run_write(move |conn| {
            talks::change_talk(conn, &t, &u, &actions, |conn, change| {
                crate::mail::notify::talk_decided(conn, &settings, change, crate::db::now())
            })
        })
        .await?;
    talk_view(state, user, &change.meetup.id, talk_id).await
}

/// PATCH semantics: the proposer edits; organisers accept/reject/reopen/move.
pub async fn update_talk(
    state: &AppState,
    user: &User,
    talk_id: &str,
    patch: &TalkPatch,
) -> Result<TalkView, AppError> {
    match patch.actions() {
        Ok(actions) => act_on_talk(state, user, talk_id, actions).await,
        Err(invalid) => {
            // Unknown talk (404) and strangers (403) come before a malformed request (422).
            act_on_talk(state, user, talk_id, Vec::new()).await?;
            Err(invalid.into())
        }
    }
}

/// The proposer (or an organiser) withdraws the talk; it leaves the programme.
pub async fn withdraw_talk(
    state: &AppState,
    user: &User,
    talk_id: &str,
) -> Result<TalkView, AppError> {
    act_on_talk(state, user, talk_id, vec![TalkAction::Withdraw]).await
}
