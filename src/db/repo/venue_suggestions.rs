//! Venue suggestions of a group, their votes, and the decision that turns one into a venue.

use std::collections::{HashMap, HashSet};

use diesel::prelude::*;

use super::groups::{join_group, role_of};
use super::meetups::{meetup_by_id, update_meetup, MeetupUpdate};
use super::new_id;
use super::venues::{create_venue, VenueFields};
use crate::db::models::{User, Venue, VenueSuggestion, VenueVote};
use crate::db::schema::{groups, users, venue_suggestions, venue_votes};
use crate::db::{now, DbConn};
use crate::domain::group::GroupRole;
use crate::domain::meetup::MeetupFields;
use crate::domain::venue_suggestion::{
    may_decide, may_vote, ranking, SuggestionFields, SuggestionRefusal, SuggestionStatus,
};
use crate::error::AppError;

impl From<SuggestionRefusal> for AppError {
    fn from(r: SuggestionRefusal) -> Self {
        match r {
            SuggestionRefusal::Forbidden => AppError::Forbidden,
            SuggestionRefusal::AlreadyDecided => AppError::conflict("already_decided"),
        }
    }
}

/// A suggestion with what every view of it shows.
#[derive(Debug, Clone)]
pub struct SuggestionRow {
    pub suggestion: VenueSuggestion,
    pub suggester_name: String,
    pub votes: i64,
    /// `None` for anonymous viewers.
    pub voted_by_me: Option<bool>,
}

/// The meetup must exist and belong to the group.
fn check_meetup(conn: &mut DbConn, group_id: &str, meetup_id: &str) -> Result<(), AppError> {
    match meetup_by_id(conn, meetup_id)? {
        Some(m) if m.group_id == group_id => Ok(()),
        _ => Err(AppError::validation("meetup_id", "error.meetup_invalid")),
    }
}

/// Records a suggestion; the suggester joins the group.
pub fn create_suggestion(
    conn: &mut DbConn,
    group_id: &str,
    suggester_id: &str,
    fields: SuggestionFields,
) -> Result<VenueSuggestion, AppError> {
    conn.transaction(|conn| {
        // A write first: on SQLite the transaction holds the write lock from here on.
        let touched = diesel::update(groups::table.find(group_id))
            .set(groups::updated_at.eq(groups::updated_at))
            .execute(conn)?;
        if touched == 0 {
            return Err(AppError::NotFound);
        }
        if let Some(meetup_id) = &fields.meetup_id {
            check_meetup(conn, group_id, meetup_id)?;
        }
        join_group(conn, group_id, suggester_id)?;
        let suggestion = VenueSuggestion {
            id: new_id(),
            group_id: group_id.into(),
            meetup_id: fields.meetup_id,
            suggester_id: suggester_id.into(),
            name: fields.name,
            address: fields.address,
            url: fields.url,
            note: fields.note,
            status: SuggestionStatus::Open.as_str().into(),
            venue_id: None,
            created_at: now(),
            decided_at: None,
        };
        diesel::insert_into(venue_suggestions::table)
            .values(&suggestion)
            .execute(conn)?;
        Ok(suggestion)
    })
}

pub fn suggestion_by_id(conn: &mut DbConn, id: &str) -> Result<Option<VenueSuggestion>, AppError> {
    Ok(venue_suggestions::table
        .find(id)
        .select(VenueSuggestion::as_select())
        .first(conn)
        .optional()?)
}

/// Takes the suggestion's write lock for the rest of the transaction (as `lock_meetup` does).
fn lock_suggestion(conn: &mut DbConn, id: &str) -> Result<VenueSuggestion, AppError> {
    let touched = diesel::update(venue_suggestions::table.find(id))
        .set(venue_suggestions::status.eq(venue_suggestions::status))
        .execute(conn)?;
    if touched == 0 {
        return Err(AppError::NotFound);
    }
    suggestion_by_id(conn, id)?.ok_or(AppError::NotFound)
}

fn votes_of(conn: &mut DbConn, suggestion_id: &str) -> Result<i64, AppError> {
    Ok(venue_votes::table
        .filter(venue_votes::suggestion_id.eq(suggestion_id))
        .count()
        .get_result(conn)?)
}

/// Suggestions of a group, most votes first, then oldest first. Three queries whatever the size:
/// suggestions with suggesters, vote counts, the viewer's votes.
pub fn suggestions_of_group(
    conn: &mut DbConn,
    group_id: &str,
    viewer_id: Option<&str>,
) -> Result<Vec<SuggestionRow>, AppError> {
    let rows: Vec<(VenueSuggestion, User)> = venue_suggestions::table
        .inner_join(users::table)
        .filter(venue_suggestions::group_id.eq(group_id))
        .select((VenueSuggestion::as_select(), User::as_select()))
        .load(conn)?;
    let counts: HashMap<String, i64> = venue_votes::table
        .inner_join(venue_suggestions::table)
        .filter(venue_suggestions::group_id.eq(group_id))
        .group_by(venue_votes::suggestion_id)
        .select((venue_votes::suggestion_id, diesel::dsl::count_star()))
        .load::<(String, i64)>(conn)?
        .into_iter()
        .collect();
    let mine: Option<HashSet<String>> = match viewer_id {
        Some(user_id) => Some(
            venue_votes::table
                .inner_join(venue_suggestions::table)
                .filter(venue_suggestions::group_id.eq(group_id))
                .filter(venue_votes::user_id.eq(user_id))
                .select(venue_votes::suggestion_id)
                .load::<String>(conn)?
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
            suggestion,
        })
        .collect();
    list.sort_by(|a, b| {
        ranking(
            (a.votes, a.suggestion.created_at, &a.suggestion.id),
            (b.votes, b.suggestion.created_at, &b.suggestion.id),
        )
    });
    Ok(list)
}

/// One suggestion as the list shows it.
pub fn suggestion_row(
    conn: &mut DbConn,
    id: &str,
    viewer_id: Option<&str>,
) -> Result<Option<SuggestionRow>, AppError> {
    let Some(s) = suggestion_by_id(conn, id)? else {
        return Ok(None);
    };
    Ok(suggestions_of_group(conn, &s.group_id, viewer_id)?
        .into_iter()
        .find(|r| r.suggestion.id == id))
}

/// Adds the member's vote (once; the voter joins the group); returns the vote count.
pub fn vote(conn: &mut DbConn, suggestion_id: &str, user_id: &str) -> Result<i64, AppError> {
    conn.transaction(|conn| {
        let s = lock_suggestion(conn, suggestion_id)?;
        may_vote(s.status())?;
        join_group(conn, &s.group_id, user_id)?;
        let vote = VenueVote {
            suggestion_id: s.id.clone(),
            user_id: user_id.into(),
            created_at: now(),
        };
        // A second vote is no vote: the primary key keeps one per member.
        match conn {
            DbConn::Sqlite(c) => diesel::insert_into(venue_votes::table)
                .values(&vote)
                .on_conflict_do_nothing()
                .execute(c)?,
            DbConn::Pg(c) => diesel::insert_into(venue_votes::table)
                .values(&vote)
                .on_conflict_do_nothing()
                .execute(c)?,
        };
        votes_of(conn, &s.id)
    })
}

/// Removes the member's vote if any; returns the vote count.
pub fn unvote(conn: &mut DbConn, suggestion_id: &str, user_id: &str) -> Result<i64, AppError> {
    conn.transaction(|conn| {
        let s = lock_suggestion(conn, suggestion_id)?;
        may_vote(s.status())?;
        diesel::delete(venue_votes::table.find((&s.id, user_id))).execute(conn)?;
        votes_of(conn, &s.id)
    })
}

/// What accepting a suggestion did.
#[derive(Debug, Clone)]
pub struct Acceptance {
    pub suggestion: VenueSuggestion,
    pub venue: Venue,
    /// The meetup now held at the new venue (its `sequence` went up), if any.
    pub meetup: Option<MeetupUpdate>,
}

fn organiser(conn: &mut DbConn, group_id: &str, user_id: &str) -> Result<bool, AppError> {
    Ok(role_of(conn, group_id, user_id)? == Some(GroupRole::Organiser))
}

/// Accepts the suggestion in one transaction: creates the group's venue and, with a meetup (from
/// `meetup_id` or the suggestion), makes it that meetup's venue through `update_meetup` (a
/// reschedule: `sequence` goes up). `after_meetup_update` runs inside it (change notices).
pub fn accept_suggestion(
    conn: &mut DbConn,
    suggestion_id: &str,
    user_id: &str,
    meetup_id: Option<String>,
    after_meetup_update: impl FnOnce(&mut DbConn, &MeetupUpdate) -> Result<(), AppError>,
) -> Result<Acceptance, AppError> {
    conn.transaction(|conn| {
        let s = lock_suggestion(conn, suggestion_id)?;
        may_decide(organiser(conn, &s.group_id, user_id)?, s.status())?;
        let target = meetup_id.or_else(|| s.meetup_id.clone());
        if let Some(m) = &target {
            check_meetup(conn, &s.group_id, m)?;
        }
        let venue = create_venue(
            conn,
            &s.group_id,
            VenueFields {
                name: s.name.clone(),
                address: s.address.clone(),
                city: None,
                latitude: None,
                longitude: None,
                url: s.url.clone(),
            },
        )?;
        let meetup = match &target {
            Some(m) => Some(update_meetup(
                conn,
                m,
                |before| {
                    Ok(MeetupFields {
                        venue_id: Some(venue.id.clone()),
                        ..before.fields()
                    })
                },
                after_meetup_update,
            )?),
            None => None,
        };
        let decided_at = now();
        diesel::update(venue_suggestions::table.find(&s.id))
            .set((
                venue_suggestions::status.eq(SuggestionStatus::Accepted.as_str()),
                venue_suggestions::venue_id.eq(&venue.id),
                venue_suggestions::meetup_id.eq(&target),
                venue_suggestions::decided_at.eq(decided_at),
            ))
            .execute(conn)?;
        let suggestion = VenueSuggestion {
            status: SuggestionStatus::Accepted.as_str().into(),
            venue_id: Some(venue.id.clone()),
            meetup_id: target,
            decided_at: Some(decided_at),
            ..s
        };
        Ok(Acceptance {
            suggestion,
            venue,
            meetup,
        })
    })
}

/// Declines the suggestion (organisers, once).
pub fn decline_suggestion(
    conn: &mut DbConn,
    suggestion_id: &str,
    user_id: &str,
) -> Result<VenueSuggestion, AppError> {
    conn.transaction(|conn| {
        let s = lock_suggestion(conn, suggestion_id)?;
        may_decide(organiser(conn, &s.group_id, user_id)?, s.status())?;
        let decided_at = now();
        diesel::update(venue_suggestions::table.find(&s.id))
            .set((
                venue_suggestions::status.eq(SuggestionStatus::Declined.as_str()),
                venue_suggestions::decided_at.eq(decided_at),
            ))
            .execute(conn)?;
        Ok(VenueSuggestion {
            status: SuggestionStatus::Declined.as_str().into(),
            decided_at: Some(decided_at),
            ..s
        })
    })
}
