//! Venue suggestion use cases shared by the JSON API and the group pages, and their view data.

use chrono::NaiveDateTime;

use super::groups::role_in;
use crate::db::models::{Group, User, Venue};
use crate::db::repo::venue_suggestions::{self as repo, SuggestionRow};
use crate::domain::group::GroupRole;
use crate::domain::venue_suggestion::{SuggestionInput, SuggestionStatus};
use crate::error::AppError;
use crate::mail::notify;
use crate::web::AppState;
use diesel::Connection;

/// One suggestion as a given viewer sees it.
#[derive(Debug, Clone)]
pub struct SuggestionView {
    pub id: String,
    pub group_id: String,
    pub meetup_id: Option<String>,
    pub suggester_id: String,
    pub suggester_name: String,
    pub name: String,
    pub address: String,
    pub url: Option<String>,
    pub note: Option<String>,
    pub status: SuggestionStatus,
    /// The venue created on acceptance.
    pub venue_id: Option<String>,
    pub votes: i64,
    /// `None` for anonymous viewers.
    pub voted_by_me: Option<bool>,
    pub created_at: NaiveDateTime,
    pub decided_at: Option<NaiveDateTime>,
    /// Signed-in viewers may vote (or unvote) while the suggestion is open.
    pub can_vote: bool,
    /// Organisers may accept or decline while it is open.
    pub can_decide: bool,
}

impl SuggestionView {
    fn from_row(row: SuggestionRow, organiser: bool) -> SuggestionView {
        let s = row.suggestion;
        let open = s.status() == SuggestionStatus::Open;
        SuggestionView {
            status: s.status(),
            can_vote: open && row.voted_by_me.is_some(),
            can_decide: open && organiser,
            id: s.id,
            group_id: s.group_id,
            meetup_id: s.meetup_id,
            suggester_id: s.suggester_id,
            suggester_name: row.suggester_name,
            name: s.name,
            address: s.address,
            url: s.url,
            note: s.note,
            venue_id: s.venue_id,
            votes: row.votes,
            voted_by_me: row.voted_by_me,
            created_at: s.created_at,
            decided_at: s.decided_at,
        }
    }
}

/// A group's suggestions as one viewer sees them.
#[derive(Debug, Clone)]
pub struct GroupSuggestions {
    pub organiser: bool,
    /// Most votes first, then oldest first.
    pub suggestions: Vec<SuggestionView>,
}

pub async fn group_suggestions(
    state: &AppState,
    viewer: Option<&User>,
    group: &Group,
) -> Result<GroupSuggestions, AppError> {
    let organiser = role_in(state, group, viewer).await? == Some(GroupRole::Organiser);
    let group_id = group.id.clone();
    let viewer_id = viewer.map(|u| u.id.clone());
    let rows = state
        .db
        .run(move |conn| repo::suggestions_of_group(conn, &group_id, viewer_id.as_deref()))
        .await?;
    Ok(GroupSuggestions {
        organiser,
        suggestions: rows
            .into_iter()
            .map(|r| SuggestionView::from_row(r, organiser))
            .collect(),
    })
}

/// One suggestion as `viewer` sees it.
pub async fn suggestion(
    state: &AppState,
    viewer: Option<&User>,
    id: &str,
) -> Result<SuggestionView, AppError> {
    let (id, viewer_id) = (id.to_string(), viewer.map(|u| u.id.clone()));
    let row = state
        .db
        .run(move |conn| repo::suggestion_row(conn, &id, viewer_id.as_deref()))
        .await?
        .ok_or(AppError::NotFound)?;
    let group_id = row.suggestion.group_id.clone();
    let organiser = match viewer {
        Some(u) => {
            let uid = u.id.clone();
            state
                .db
                .run(move |conn| crate::db::repo::groups::role_of(conn, &group_id, &uid))
                .await?
                == Some(GroupRole::Organiser)
        }
        None => false,
    };
    Ok(SuggestionView::from_row(row, organiser))
}

/// Any signed-in user suggests a venue (they join the group).
pub async fn suggest_venue(
    state: &AppState,
    user: &User,
    group: &Group,
    input: &SuggestionInput,
) -> Result<SuggestionView, AppError> {
    let fields = input.fields()?;
    let (g, u) = (group.id.clone(), user.id.clone());
    let created = state
        .db
        .run_write(move |conn| repo::create_suggestion(conn, &g, &u, fields))
        .await?;
    suggestion(state, Some(user), &created.id).await
}

/// Adds the user's vote (idempotent); returns the vote count.
pub async fn vote(state: &AppState, user: &User, id: &str) -> Result<i64, AppError> {
    let (s, u) = (id.to_string(), user.id.clone());
    state
        .db
        .run_write(move |conn| repo::vote(conn, &s, &u))
        .await
}

/// Removes the user's vote (idempotent); returns the vote count.
pub async fn unvote(state: &AppState, user: &User, id: &str) -> Result<i64, AppError> {
    let (s, u) = (id.to_string(), user.id.clone());
    state
        .db
        .run_write(move |conn| repo::unvote(conn, &s, &u))
        .await
}

/// What the organiser sees after accepting.
#[derive(Debug, Clone)]
pub struct AcceptedSuggestion {
    pub suggestion: SuggestionView,
    pub venue: Venue,
    /// The meetup whose venue changed, if any.
    pub meetup_id: Option<String>,
}

/// Organisers accept: the venue joins the group's venues and, with a meetup (`meetup_id`, else
/// the one it was suggested for), becomes that meetup's venue (sequence bump). One transaction.
pub async fn accept_suggestion(
    state: &AppState,
    user: &User,
    id: &str,
    meetup_id: Option<String>,
) -> Result<AcceptedSuggestion, AppError> {
    let (s, u) = (id.to_string(), user.id.clone());
    let meetup_id = meetup_id.filter(|m| !m.trim().is_empty());
    let settings = state.settings.clone();
    let acceptance = state
        .db
        .run_write(move |conn| {
            conn.transaction(|conn| {
                let acceptance =
                    repo::accept_suggestion(conn, &s, &u, meetup_id, |conn, update| {
                        if update.rescheduled {
                            notify::meetup_rescheduled(conn, &settings, &update.after.id)?;
                        }
                        Ok(())
                    })?;
                notify::venue_accepted(conn, &settings, &acceptance.suggestion)?;
                Ok(acceptance)
            })
        })
        .await?;
    Ok(AcceptedSuggestion {
        suggestion: suggestion(state, Some(user), id).await?,
        meetup_id: acceptance.meetup.map(|m| m.after.id),
        venue: acceptance.venue,
    })
}

pub async fn decline_suggestion(
    state: &AppState,
    user: &User,
    id: &str,
) -> Result<SuggestionView, AppError> {
    let (s, u) = (id.to_string(), user.id.clone());
    state
        .db
        .run_write(move |conn| repo::decline_suggestion(conn, &s, &u))
        .await?;
    suggestion(state, Some(user), id).await
}
