//! Venue suggestions: members suggest and vote, organisers accept one (it becomes a venue of the
//! group, and maybe a meetup's) or decline it.

use chrono::NaiveDateTime;

use super::access::organises;
use super::access::Viewer;
use super::admission;
use super::conduct::join_accepting;
use super::groups::group_at;
use super::meetups::change_meetup;
use crate::config::Settings;
use crate::db::models::{Group, User, Venue, VenueSuggestion, VenueVote};
use crate::db::repo::venue_suggestions::{self as repo, SuggestionRow};
use crate::db::repo::venues::{self, VenueFields};
use crate::db::repo::{groups, meetups};
use crate::db::{now, DbConn};
use crate::domain::group::GroupRole;
use crate::domain::ids::{GroupId, MeetupId, SuggestionId, UserId, VenueId};
use crate::domain::meetup::MeetupFields;
use crate::domain::privacy::{listed, names_visible, AttendeeVisibility, Standing};
use crate::domain::venue_suggestion::{may_decide, may_vote, SuggestionInput, SuggestionStatus};
use crate::error::AppError;
use crate::mail::{group_mail, proposals};

/// One suggestion as a given viewer sees it.
#[derive(Debug, Clone)]
pub struct SuggestionView {
    pub id: SuggestionId,
    pub group_id: GroupId,
    pub meetup_id: Option<MeetupId>,
    pub suggester_id: UserId,
    /// `None` when the viewer may not read it: it follows the group's `attendee_visibility` and
    /// the suggester's `hide_from_lists`, like attendee lists (the suggester reads their own).
    pub suggester_name: Option<String>,
    pub name: String,
    pub address: String,
    pub url: Option<String>,
    pub note: Option<String>,
    pub status: SuggestionStatus,
    /// The venue created on acceptance.
    pub venue_id: Option<VenueId>,
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
    fn from_row(
        row: SuggestionRow,
        visibility: AttendeeVisibility,
        viewer: Standing,
        viewer_id: Option<&UserId>,
    ) -> SuggestionView {
        let s = row.suggestion;
        let open = s.status == SuggestionStatus::Open;
        let organiser = viewer.organiser;
        let named = viewer_id == Some(&s.suggester_id)
            || (names_visible(visibility, viewer) && listed(row.suggester_hidden, viewer));
        SuggestionView {
            status: s.status,
            can_vote: open && row.voted_by_me.is_some(),
            can_decide: open && organiser,
            id: s.id,
            group_id: s.group_id,
            meetup_id: s.meetup_id,
            suggester_id: s.suggester_id,
            suggester_name: named.then_some(row.suggester_name),
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

/// The suggestions of the group at `slug` as `viewer` sees them.
#[tracing::instrument(skip_all)]
pub fn group_suggestions(
    conn: &mut DbConn,
    viewer: &Viewer,
    slug: &str,
) -> Result<GroupSuggestions, AppError> {
    let group = group_at(conn, slug)?;
    suggestions_seen_by(conn, viewer, &group)
}

/// The group's suggestions as `viewer` sees them, on the caller's connection.
pub(crate) fn suggestions_seen_by(
    conn: &mut DbConn,
    viewer: &Viewer,
    group: &Group,
) -> Result<GroupSuggestions, AppError> {
    let standing = viewer.standing_in(&group.id);
    let rows = repo::suggestions_of_group(conn, &group.id, viewer.user_id())?;
    let visibility = group.attendee_visibility;
    Ok(GroupSuggestions {
        organiser: standing.organiser,
        suggestions: rows
            .into_iter()
            .map(|r| SuggestionView::from_row(r, visibility, standing, viewer.user_id()))
            .collect(),
    })
}

/// One suggestion as the user sees it, on the caller's connection (after a write, in its
/// transaction).
fn suggestion_seen_by(
    conn: &mut DbConn,
    user: &UserId,
    id: &SuggestionId,
) -> Result<SuggestionView, AppError> {
    let row = repo::suggestion_row(conn, id, Some(user))?.ok_or(AppError::NotFound)?;
    let group = groups::group_by_id(conn, &row.suggestion.group_id)?;
    let role = groups::role_of(conn, &group.id, user)?;
    let standing = Standing {
        member: role.is_some(),
        organiser: role == Some(GroupRole::Organiser),
    };
    Ok(SuggestionView::from_row(
        row,
        group.attendee_visibility,
        standing,
        Some(user),
    ))
}

/// The group a suggestion was made in; 404 for no such suggestion.
pub fn suggestion_group(conn: &mut DbConn, id: &SuggestionId) -> Result<Group, AppError> {
    let s = repo::suggestion_by_id(conn, id)?.ok_or(AppError::NotFound)?;
    groups::group_by_id(conn, &s.group_id)
}

/// A meetup a suggestion is tied to must exist and be of the suggestion's group.
fn check_meetup(
    conn: &mut DbConn,
    group_id: &GroupId,
    meetup_id: &MeetupId,
) -> Result<(), AppError> {
    match meetups::meetup_by_id(conn, meetup_id)? {
        Some(m) if &m.group_id == group_id => Ok(()),
        _ => Err(AppError::validation("meetup_id", "error-meetup_invalid")),
    }
}

/// Any signed-in user suggests a venue to the group at `slug` (they join the group): 404, then
/// the fields' faults.
#[tracing::instrument(skip_all)]
pub fn suggest(
    conn: &mut DbConn,
    settings: &Settings,
    user: &User,
    slug: &str,
    input: &SuggestionInput,
) -> Result<SuggestionView, AppError> {
    let group = group_at(conn, slug)?;
    let fields = input.fields()?;
    let g = group.id.clone();
    // A write first: on SQLite the transaction holds the write lock from here on.
    groups::lock_group(conn, &g)?;
    admission::admit_held(conn, &g, &user.id)?;
    if let Some(meetup_id) = &fields.meetup_id {
        check_meetup(conn, &g, meetup_id)?;
    }
    join_accepting(conn, &group, &user.id, false, false)?;
    let suggestion = VenueSuggestion {
        id: SuggestionId::random(),
        group_id: g,
        meetup_id: fields.meetup_id,
        suggester_id: user.id.clone(),
        name: fields.name,
        address: fields.address,
        url: fields.url,
        note: fields.note,
        status: SuggestionStatus::Open,
        venue_id: None,
        created_at: now(),
        decided_at: None,
    };
    repo::insert_suggestion(conn, &suggestion)?;
    group_mail::suggestion_made(conn, settings, &group, &suggestion, user)?;
    suggestion_seen_by(conn, &user.id, &suggestion.id)
}

/// Adds the user's vote (once; the voter joins the group); returns the vote count.
#[tracing::instrument(skip_all)]
pub fn add_vote(conn: &mut DbConn, user: &UserId, id: &SuggestionId) -> Result<i64, AppError> {
    let group = admission::admit_via(conn, admission::Via::Suggestion(id), user)?;
    let s = repo::lock_suggestion(conn, id)?;
    may_vote(s.status)?;
    join_accepting(conn, &group, user, false, false)?;
    repo::add_vote(
        conn,
        &VenueVote {
            suggestion_id: s.id.clone(),
            user_id: user.clone(),
            created_at: now(),
        },
    )?;
    repo::votes_of(conn, &s.id)
}

/// Removes the user's vote if any; returns the vote count.
#[tracing::instrument(skip_all)]
pub fn remove_vote(conn: &mut DbConn, user: &UserId, id: &SuggestionId) -> Result<i64, AppError> {
    let s = repo::lock_suggestion(conn, id)?;
    may_vote(s.status)?;
    repo::remove_vote(conn, &s.id, user)?;
    repo::votes_of(conn, &s.id)
}

/// What the organiser sees after accepting.
#[derive(Debug, Clone)]
pub struct AcceptedSuggestion {
    pub suggestion: SuggestionView,
    pub venue: Venue,
    /// The meetup whose venue changed, if any.
    pub meetup_id: Option<MeetupId>,
}

/// Organisers accept, in one transaction: the venue joins the group's venues and, with a meetup
/// (`meetup_id`, else the one it was suggested for), becomes that meetup's venue (a move:
/// sequence bump and change notices); the suggester is thanked.
#[tracing::instrument(skip_all)]
pub fn accept(
    conn: &mut DbConn,
    settings: &Settings,
    user: &UserId,
    id: &SuggestionId,
    meetup_id: Option<String>,
) -> Result<AcceptedSuggestion, AppError> {
    let meetup_id = meetup_id
        .filter(|m| !m.trim().is_empty())
        .map(MeetupId::from);
    let s = repo::lock_suggestion(conn, id)?;
    may_decide(organises(conn, &s.group_id, user)?, s.status)?;
    let target = meetup_id.or_else(|| s.meetup_id.clone());
    accept_into(conn, settings, user, s, target)
}

/// [`accept`] with the meetup that gets the venue said (None: no meetup, whatever the
/// suggestion was made for), by an organiser, of the suggestion `s` locked and open: a poll's
/// close takes this path for a suggested venue, before the meetup exists.
pub(crate) fn accept_into(
    conn: &mut DbConn,
    settings: &Settings,
    user: &UserId,
    s: VenueSuggestion,
    target: Option<MeetupId>,
) -> Result<AcceptedSuggestion, AppError> {
    let id = &s.id.clone();
    if let Some(m) = &target {
        check_meetup(conn, &s.group_id, m)?;
    }
    let venue = venues::create_venue(
        conn,
        &s.group_id,
        VenueFields {
            name: s.name.clone(),
            address: s.address.clone(),
            city: None,
            latitude: None,
            longitude: None,
            url: s.url.clone(),
            ..VenueFields::default()
        },
    )?;
    let moved = match &target {
        Some(m) => {
            let before = meetups::lock_meetup(conn, m)?;
            let fields = MeetupFields {
                venue_id: Some(venue.id.clone()),
                ..before.fields()
            };
            Some(change_meetup(conn, settings, before, fields)?.id)
        }
        None => None,
    };
    let decided_at = now();
    repo::set_decision(
        conn,
        &s.id,
        SuggestionStatus::Accepted,
        Some(&venue.id),
        target.as_ref(),
        decided_at,
    )?;
    let accepted = VenueSuggestion {
        status: SuggestionStatus::Accepted,
        venue_id: Some(venue.id.clone()),
        meetup_id: target,
        decided_at: Some(decided_at),
        ..s
    };
    proposals::venue_accepted(conn, settings, &accepted)?;
    Ok(AcceptedSuggestion {
        suggestion: suggestion_seen_by(conn, user, id)?,
        meetup_id: moved,
        venue,
    })
}

/// Organisers decline an open suggestion.
#[tracing::instrument(skip_all)]
pub fn decline(
    conn: &mut DbConn,
    user: &UserId,
    id: &SuggestionId,
) -> Result<SuggestionView, AppError> {
    let s = repo::lock_suggestion(conn, id)?;
    may_decide(organises(conn, &s.group_id, user)?, s.status)?;
    repo::set_decision(
        conn,
        &s.id,
        SuggestionStatus::Declined,
        None,
        s.meetup_id.as_ref(),
        now(),
    )?;
    suggestion_seen_by(conn, user, id)
}
