//! Venue suggestions of a group, their votes, and the decision that turns one into a venue.

use std::collections::{HashMap, HashSet};

use diesel::prelude::*;

use chrono::NaiveDateTime;

use crate::db::models::{User, VenueSuggestion, VenueVote};
use crate::db::schema::{users, venue_suggestions, venue_votes};
use crate::db::DbConn;
use crate::domain::ids::{GroupId, MeetupId, SuggestionId, UserId, VenueId};
use crate::domain::venue_suggestion::{ranking, SuggestionStatus};
use crate::error::AppError;

/// A suggestion with what every view of it shows.
#[derive(Debug, Clone)]
pub struct SuggestionRow {
    pub suggestion: VenueSuggestion,
    pub suggester_name: String,
    /// The suggester keeps out of lists but the organisers'.
    pub suggester_hidden: bool,
    pub votes: i64,
    /// `None` for anonymous viewers.
    pub voted_by_me: Option<bool>,
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn insert_suggestion(conn: &mut DbConn, suggestion: &VenueSuggestion) -> Result<(), AppError> {
    diesel::insert_into(venue_suggestions::table)
        .values(suggestion)
        .execute(conn)?;
    Ok(())
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn suggestion_by_id(
    conn: &mut DbConn,
    id: &SuggestionId,
) -> Result<Option<VenueSuggestion>, AppError> {
    Ok(venue_suggestions::table
        .find(id)
        .select(VenueSuggestion::as_select())
        .first(conn)
        .optional()?)
}

/// Takes the suggestion's write lock for the rest of the transaction (as `lock_meetup` does).
#[tracing::instrument(level = "debug", skip_all)]
pub fn lock_suggestion(conn: &mut DbConn, id: &SuggestionId) -> Result<VenueSuggestion, AppError> {
    let touched = diesel::update(venue_suggestions::table.find(id))
        .set(venue_suggestions::status.eq(venue_suggestions::status))
        .execute(conn)?;
    if touched == 0 {
        return Err(AppError::NotFound);
    }
    suggestion_by_id(conn, id)?.ok_or(AppError::NotFound)
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn votes_of(conn: &mut DbConn, suggestion_id: &SuggestionId) -> Result<i64, AppError> {
    Ok(venue_votes::table
        .filter(venue_votes::suggestion_id.eq(suggestion_id))
        .count()
        .get_result(conn)?)
}

/// Suggestions of a group, most votes first, then oldest first. Three queries whatever the size:
/// suggestions with suggesters, vote counts, the viewer's votes.
#[tracing::instrument(level = "debug", skip_all)]
pub fn suggestions_of_group(
    conn: &mut DbConn,
    group_id: &GroupId,
    viewer_id: Option<&UserId>,
) -> Result<Vec<SuggestionRow>, AppError> {
    let rows: Vec<(VenueSuggestion, User)> = venue_suggestions::table
        .inner_join(users::table)
        .filter(venue_suggestions::group_id.eq(group_id))
        .select((VenueSuggestion::as_select(), User::as_select()))
        .load(conn)?;
    let counts: HashMap<SuggestionId, i64> = venue_votes::table
        .inner_join(venue_suggestions::table)
        .filter(venue_suggestions::group_id.eq(group_id))
        .group_by(venue_votes::suggestion_id)
        .select((venue_votes::suggestion_id, diesel::dsl::count_star()))
        .load::<(SuggestionId, i64)>(conn)?
        .into_iter()
        .collect();
    let mine: Option<HashSet<SuggestionId>> = match viewer_id {
        Some(user_id) => Some(
            venue_votes::table
                .inner_join(venue_suggestions::table)
                .filter(venue_suggestions::group_id.eq(group_id))
                .filter(venue_votes::user_id.eq(user_id))
                .select(venue_votes::suggestion_id)
                .load::<SuggestionId>(conn)?
                .into_iter()
                .collect(),
        ),
        None => None,
    };
    let mut list: Vec<SuggestionRow> = rows
        .into_iter()
        .map(|(suggestion, user)| SuggestionRow {
            votes: counts.get(&suggestion.id).copied().unwrap_or(0),
            voted_by_me: mine.as_ref().map(|m| m.contains(&suggestion.id)),
            suggester_name: user.name,
            suggester_hidden: user.hide_from_lists,
            suggestion,
        })
        .collect();
    list.sort_by(|a, b| {
        ranking(
            (a.votes, a.suggestion.created_at, a.suggestion.id.as_str()),
            (b.votes, b.suggestion.created_at, b.suggestion.id.as_str()),
        )
    });
    Ok(list)
}

/// One suggestion as the list shows it.
#[tracing::instrument(level = "debug", skip_all)]
pub fn suggestion_row(
    conn: &mut DbConn,
    id: &SuggestionId,
    viewer_id: Option<&UserId>,
) -> Result<Option<SuggestionRow>, AppError> {
    let Some(s) = suggestion_by_id(conn, id)? else {
        return Ok(None);
    };
    Ok(suggestions_of_group(conn, &s.group_id, viewer_id)?
        .into_iter()
        .find(|r| &r.suggestion.id == id))
}

/// Adds the member's vote; a second vote is no vote (the primary key keeps one per member).
#[tracing::instrument(level = "debug", skip_all)]
pub fn add_vote(conn: &mut DbConn, vote: &VenueVote) -> Result<(), AppError> {
    on_inner!(conn, |c| diesel::insert_into(venue_votes::table)
        .values(vote)
        .on_conflict_do_nothing()
        .execute(c)?);
    Ok(())
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn remove_vote(
    conn: &mut DbConn,
    suggestion_id: &SuggestionId,
    user_id: &UserId,
) -> Result<(), AppError> {
    diesel::delete(venue_votes::table.find((suggestion_id, user_id))).execute(conn)?;
    Ok(())
}

/// Records the organisers' decision on a suggestion.
#[tracing::instrument(level = "debug", skip_all)]
pub fn set_decision(
    conn: &mut DbConn,
    suggestion_id: &SuggestionId,
    status: SuggestionStatus,
    venue_id: Option<&VenueId>,
    meetup_id: Option<&MeetupId>,
    decided_at: NaiveDateTime,
) -> Result<(), AppError> {
    diesel::update(venue_suggestions::table.find(suggestion_id))
        .set((
            venue_suggestions::status.eq(status),
            venue_suggestions::venue_id.eq(venue_id),
            venue_suggestions::meetup_id.eq(meetup_id),
            venue_suggestions::decided_at.eq(decided_at),
        ))
        .execute(conn)?;
    Ok(())
}
