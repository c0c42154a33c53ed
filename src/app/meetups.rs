//! Scheduling meetups: create, change, cancel, and the lists that show them.

use super::cohosts::{cohosts_seen_by, CohostView};
use crate::config::Settings;
use crate::db::models::{Group, Meetup, Venue};
use crate::db::repo::meetups::{self, MeetupRow, When};
use crate::db::repo::sponsors::MeetupSponsorRow;
use crate::db::repo::{groups, rsvps, venues};
use crate::db::{now, Db, DbConn};
use crate::domain::ids::{GroupId, MeetupId, UserId, VenueId};
use crate::domain::meetup::{
    build_meetup, build_meetup_with, change_note, check_capacity, duplicate, DuplicateInput,
    MeetupFields, MeetupInput, MeetupStatus,
};
use crate::domain::privacy::online_url_visible;
use crate::domain::time::parse_instant;
use crate::domain::venue::capacity_for_meetup;
use crate::domain::FieldError;
use crate::error::AppError;
use crate::mail;
use crate::webhooks;

use super::access::require_organiser;
use super::access::Viewer;
use super::audit;
use super::groups::{organised_group, organised_meetup, read_group};
use super::rsvps::promote_waitlist;
use super::talks::{pool_candidates, TalkView};

/// The meetup, checked to belong to the group in the URL.
#[tracing::instrument(skip_all)]
pub async fn meetup_in_group(db: &Db, slug: &str, id: &MeetupId) -> Result<MeetupRow, AppError> {
    let (slug, id) = (slug.to_string(), id.clone());
    db.run(move |conn| meetup_at(conn, &slug, &id)).await
}

/// The meetup `id` of the group at `slug`; 404 when there is none or it is another group's.
pub fn meetup_at(conn: &mut DbConn, slug: &str, id: &MeetupId) -> Result<MeetupRow, AppError> {
    meetups::meetup_row(conn, id)?
        .filter(|row| row.group.slug == slug)
        .ok_or(AppError::NotFound)
}

/// The group at `slug` (404 when there is none) and its meetup `id`, if it is one of its own, in
/// one checkout.
#[tracing::instrument(skip(db))]
pub async fn group_and_meetup(
    db: &Db,
    slug: &str,
    id: &MeetupId,
) -> Result<(Group, Option<MeetupRow>), AppError> {
    let id = id.clone();
    read_group(db, slug, move |conn, group| {
        Ok(meetups::meetup_row(conn, &id)?.filter(|row| row.group.id == group.id))
    })
    .await
}

/// What the organisers' meetup form offers: the group, the meetup it edits or copies, the
/// group's venues and the talks waiting in its pool, most voted first.
pub struct MeetupFormData {
    pub group: Group,
    pub meetup: Option<MeetupRow>,
    pub venues: Vec<Venue>,
    pub pool: Vec<TalkView>,
}

/// The meetup form of the group at `slug` (about its meetup `id`, if given), read in one
/// checkout in the order of [`organised_meetup`].
#[tracing::instrument(skip(conn, viewer))]
pub fn form_data(
    conn: &mut DbConn,
    viewer: &Viewer,
    slug: &str,
    id: Option<&MeetupId>,
) -> Result<MeetupFormData, AppError> {
    let (group, meetup) = match id {
        Some(id) => organised_meetup(conn, viewer, slug, id).map(|(g, row)| (g, Some(row)))?,
        None => (organised_group(conn, viewer, slug)?, None),
    };
    let venues = venues::venues_of_group(conn, &group.id)?;
    let pool = pool_candidates(conn, viewer, &group)?;
    Ok(MeetupFormData {
        group,
        meetup,
        venues,
        pool,
    })
}

/// Upcoming meetups soonest first; past ones most recent first.
#[tracing::instrument(skip_all)]
pub async fn meetups_of_group(
    db: &Db,
    group: &Group,
    when: When,
    limit: i64,
) -> Result<Vec<MeetupRow>, AppError> {
    let gid = group.id.clone();
    db.run(move |conn| meetups::meetups_of_group(conn, &gid, when, now(), limit))
        .await
}

/// A meetup's venue must be one of its group's.
pub(crate) fn check_venue(
    conn: &mut DbConn,
    group_id: &GroupId,
    venue_id: Option<&VenueId>,
) -> Result<Option<Venue>, AppError> {
    match venue_id {
        Some(id) => match venues::venue_by_id(conn, id)? {
            Some(v) if &v.group_id == group_id => Ok(Some(v)),
            _ => Err(AppError::validation("venue_id", "error-venue_invalid")),
        },
        None => Ok(None),
    }
}

/// Organisers schedule a meetup in the group at `slug` (in the past too: history and
/// imports): 404 for no such group, 403 for others, then the input's faults.
#[tracing::instrument(skip_all, fields(group = %slug))]
pub fn create_meetup(
    conn: &mut DbConn,
    settings: &Settings,
    user: &UserId,
    slug: &str,
    input: &MeetupInput,
) -> Result<MeetupRow, AppError> {
    let group = groups::group_by_slug(conn, slug)?.ok_or(AppError::NotFound)?;
    let fields =
        build_meetup_with(None, input, group.tz(), &group.seat_rules()).map_err(AppError::Invalid);
    let announce = input.announce != Some(false);
    // No capacity given (not even null): the venue's, if it says how many it seats.
    let venue_seats = input.capacity.is_none();
    insert_meetup(
        conn,
        settings,
        user,
        &group.id,
        fields,
        announce,
        venue_seats,
    )
}

/// Organisers copy a meetup to another date: same title, description, venue, capacity, online
/// link, length and RSVP deadline before the start; no RSVPs, no talks. Announced like a new
/// meetup unless `announce` is false.
#[tracing::instrument(skip_all, fields(meetup = %id))]
pub fn duplicate_meetup(
    conn: &mut DbConn,
    settings: &Settings,
    user: &UserId,
    id: &MeetupId,
    input: &DuplicateInput,
) -> Result<MeetupRow, AppError> {
    let source = meetups::meetup_row(conn, id)?.ok_or(AppError::NotFound)?;
    let starts_at = match input.starts_at.as_deref() {
        Some(s) => parse_instant(s, source.group.tz(), "starts_at"),
        None => Err(FieldError::new("starts_at", "error-required")),
    };
    let fields = starts_at
        .map(|at| duplicate(&source.meetup.fields(), at))
        .map_err(AppError::Validation);
    let announce = input.announce != Some(false);
    insert_meetup(
        conn,
        settings,
        user,
        &source.group.id,
        fields,
        announce,
        false,
    )
}

/// Inserts the meetup if `user` organises the group; the fields' faults come after that check.
/// `venue_seats`: a meetup without a capacity takes its venue's.
fn insert_meetup(
    conn: &mut DbConn,
    settings: &Settings,
    user: &UserId,
    group_id: &GroupId,
    fields: Result<MeetupFields, AppError>,
    announce: bool,
    venue_seats: bool,
) -> Result<MeetupRow, AppError> {
    require_organiser(conn, group_id, user)?;
    let mut fields = fields?;
    let venue = check_venue(conn, group_id, fields.venue_id.as_ref())?;
    if venue_seats {
        fields.capacity = capacity_for_meetup(fields.capacity, venue.and_then(|v| v.capacity));
    }
    let meetup = meetups::create_meetup(conn, group_id, fields)?;
    let row = meetups::with_details(conn, vec![meetup])?
        .pop()
        .ok_or(AppError::NotFound)?;
    if announce && row.meetup.starts_at > now() {
        announce_in(conn, settings, &row)?;
    }
    // History (a past meetup recorded or imported) is no news for the group's chat.
    if row.meetup.starts_at > now() {
        webhooks::events::meetup_created(conn, settings, &row)?;
    }
    meetups::meetup_row(conn, &row.meetup.id)?.ok_or(AppError::NotFound)
}

pub(crate) fn announce_in(
    conn: &mut DbConn,
    settings: &Settings,
    row: &MeetupRow,
) -> Result<(), AppError> {
    meetups::set_announced(conn, &row.meetup.id)?;
    super::cohosts::announce_to_cohosts(conn, &row.meetup.id)?;
    mail::meetups::meetup_announced(conn, settings, row)
}

/// Tells the group's members of a meetup created without an announcement, once (409
/// `already_announced` after that; a meetup cancelled or started is not announced).
#[tracing::instrument(skip_all, fields(meetup = %id))]
pub fn announce_meetup(
    conn: &mut DbConn,
    settings: &Settings,
    user: &UserId,
    id: &MeetupId,
) -> Result<MeetupRow, AppError> {
    let meetup = meetups::lock_meetup(conn, id)?;
    require_organiser(conn, &meetup.group_id, user)?;
    if meetup.announced_at.is_some() {
        return Err(AppError::conflict("already_announced"));
    }
    if meetup.is_cancelled() {
        return Err(AppError::conflict("meetup_cancelled"));
    }
    if meetup.starts_at <= now() {
        return Err(AppError::conflict("meetup_started"));
    }
    let row = meetups::meetup_row(conn, id)?.ok_or(AppError::NotFound)?;
    announce_in(conn, settings, &row)?;
    meetups::meetup_row(conn, id)?.ok_or(AppError::NotFound)
}

/// Applies `fields` to the meetup locked by the caller's transaction: moving it (time or venue)
/// bumps `sequence` and tells attendees; more seats go to the head of the waitlist. Returns the
/// meetup as changed.
pub(crate) fn change_meetup(
    conn: &mut DbConn,
    settings: &Settings,
    before: Meetup,
    fields: MeetupFields,
) -> Result<Meetup, AppError> {
    change_meetup_noting(conn, settings, before, fields, None)
}

/// [`change_meetup`], the organiser's `note` carried in the change notice.
fn change_meetup_noting(
    conn: &mut DbConn,
    settings: &Settings,
    before: Meetup,
    fields: MeetupFields,
    note: Option<&str>,
) -> Result<Meetup, AppError> {
    check_venue(conn, &before.group_id, fields.venue_id.as_ref())?;
    // Without a limit there is nothing to count.
    if fields.capacity.is_some() {
        check_capacity(fields.capacity, meetups::going_seats(conn, &before.id)?)?;
    }
    let rescheduled = fields.reschedules(&before.fields());
    let previous = before.clone();
    let after = Meetup {
        title: fields.title,
        description: fields.description,
        starts_at: fields.starts_at,
        ends_at: fields.ends_at,
        venue_id: fields.venue_id,
        online_url: fields.online_url,
        online_url_visibility: fields.online_url_visibility,
        capacity: fields.capacity,
        rsvp_deadline: fields.rsvp_deadline,
        reconfirm_before: fields.seats.reconfirm_before,
        auto_release_before: fields.seats.auto_release_before,
        // Calendars only replace an event whose SEQUENCE went up.
        sequence: before.sequence + i32::from(rescheduled),
        updated_at: now(),
        ..before
    };
    meetups::update_meetup(conn, &after)?;
    if after.fields() != previous.fields() {
        webhooks::events::meetup_changed(conn, settings, &after)?;
    }
    let promoted = promote_waitlist(conn, &after)?;
    if rescheduled {
        // Confirmed for another day or place is not confirmed: members are asked again.
        meetups::restart_reconfirmation(conn, &after.id)?;
        rsvps::clear_confirmations(conn, &after.id)?;
        mail::meetups::meetup_rescheduled(conn, settings, &previous, note)?;
    }
    if !promoted.is_empty() {
        let row = meetups::meetup_row(conn, &after.id)?.ok_or(AppError::NotFound)?;
        mail::rsvps::promoted(conn, settings, &row, &promoted, now())?;
    }
    Ok(after)
}

/// Organisers change a meetup; absent fields keep their value (times in its group's zone).
#[tracing::instrument(skip_all, fields(meetup = %id))]
pub fn update_meetup(
    conn: &mut DbConn,
    settings: &Settings,
    user: &UserId,
    id: &MeetupId,
    input: &MeetupInput,
) -> Result<MeetupRow, AppError> {
    let before = meetups::lock_meetup(conn, id)?;
    require_organiser(conn, &before.group_id, user)?;
    let tz = groups::group_by_id(conn, &before.group_id)?.tz();
    let fields = build_meetup(Some(&before.fields()), input, tz).map_err(AppError::Invalid)?;
    let note = change_note(input.note.as_deref()).map_err(AppError::Validation)?;
    change_meetup_noting(conn, settings, before, fields, note.as_deref())?;
    meetups::meetup_row(conn, id)?.ok_or(AppError::NotFound)
}

/// What of a meetup is for those going (and its organisers) that the viewer may read.
#[derive(Debug, Clone, Default)]
pub struct Private {
    pub online_url: Option<String>,
    /// How to get into the venue.
    pub entry_instructions: Option<String>,
}

impl Private {
    /// Everything: for the meetup's organisers.
    pub fn all(row: &MeetupRow) -> Self {
        Private {
            online_url: row.meetup.online_url.clone(),
            entry_instructions: row
                .venue
                .as_ref()
                .and_then(|v| v.entry_instructions.clone()),
        }
    }

    /// What a viewer who is `going` (or not), and an `organiser` (or not), may read.
    pub fn seen(row: &MeetupRow, going: bool, organiser: bool) -> Self {
        let all = Private::all(row);
        Private {
            online_url: all
                .online_url
                .filter(|_| online_url_visible(row.meetup.online_url_visibility, going, organiser)),
            entry_instructions: all.entry_instructions.filter(|_| going || organiser),
        }
    }
}

/// [`Private`] of each meetup as `viewer` may read it, on the caller's connection.
pub(crate) fn private_in(
    conn: &mut DbConn,
    rows: &[MeetupRow],
    viewer: &Viewer,
) -> Result<Vec<Private>, AppError> {
    let hidden = |row: &MeetupRow| {
        (row.meetup.online_url.is_some()
            && !online_url_visible(row.meetup.online_url_visibility, false, false))
            || row
                .venue
                .as_ref()
                .is_some_and(|v| v.entry_instructions.is_some())
    };
    let going = match viewer.user_id() {
        Some(user) if rows.iter().any(hidden) => {
            let ids: Vec<MeetupId> = rows.iter().map(|r| r.meetup.id.clone()).collect();
            rsvps::going_among(conn, user, &ids)?
        }
        _ => Vec::new(),
    };
    Ok(rows
        .iter()
        .map(|row| {
            let going = going.contains(&row.meetup.id);
            Private::seen(row, going, viewer.organises(&row.group.id))
        })
        .collect())
}

/// A meetup as one viewer reads it through the API.
pub struct MeetupSeen {
    pub row: MeetupRow,
    pub private: Private,
    pub sponsors: Vec<MeetupSponsorRow>,
    pub cohosts: Vec<CohostView>,
}

/// The meetup with what is for those going as `viewer` may read it, its sponsors and its
/// co-hosts, in one checkout.
#[tracing::instrument(skip(db, viewer))]
pub async fn meetup_seen_by(
    db: &Db,
    viewer: &Viewer,
    id: &MeetupId,
) -> Result<MeetupSeen, AppError> {
    let (viewer, id) = (viewer.clone(), id.clone());
    db.run(move |conn| {
        let row = meetups::meetup_row(conn, &id)?.ok_or(AppError::NotFound)?;
        let private = private_in(conn, std::slice::from_ref(&row), &viewer)?
            .pop()
            .unwrap_or_default();
        let sponsors = super::sponsors::sponsors_of_meetup(conn, &id)?;
        let cohosts = cohosts_seen_by(conn, &viewer, &row.meetup)?;
        Ok(MeetupSeen {
            row,
            private,
            sponsors,
            cohosts,
        })
    })
    .await
}

/// The group's meetups with their online links as `viewer` may read them, in one checkout.
#[tracing::instrument(skip(db, viewer))]
pub async fn group_meetups_seen_by(
    db: &Db,
    viewer: &Viewer,
    slug: &str,
    when: When,
    limit: i64,
) -> Result<Vec<(MeetupRow, Private)>, AppError> {
    let viewer = viewer.clone();
    let (_, meetups) = read_group(db, slug, move |conn, group| {
        let rows = meetups::meetups_of_group(conn, &group.id, when, now(), limit)?;
        let links = private_in(conn, &rows, &viewer)?;
        Ok(rows.into_iter().zip(links).collect())
    })
    .await?;
    Ok(meetups)
}

/// Organisers undo a cancellation of a meetup that has not started: RSVPs are as they were,
/// going and waitlisted members are told and calendars get the event back (SEQUENCE bump).
/// Reinstating a scheduled meetup changes nothing.
#[tracing::instrument(skip_all, fields(meetup = %id))]
pub fn reinstate_meetup(
    conn: &mut DbConn,
    settings: &Settings,
    user: &UserId,
    id: &MeetupId,
) -> Result<MeetupRow, AppError> {
    set_status(conn, settings, user, id, MeetupStatus::Scheduled)
}

/// Organisers delete a meetup nobody answered, spoke at or reported on (409
/// `meetup_has_activity` otherwise: such a meetup can only be cancelled).
#[tracing::instrument(skip_all, fields(meetup = %id))]
pub fn delete_meetup(conn: &mut DbConn, user: &UserId, id: &MeetupId) -> Result<(), AppError> {
    let meetup = meetups::lock_meetup(conn, id)?;
    require_organiser(conn, &meetup.group_id, user)?;
    if meetups::has_activity(conn, id)? {
        return Err(AppError::conflict("meetup_has_activity"));
    }
    meetups::delete_meetup(conn, id)?;
    let target = audit::Target::Meetup(meetup.id.as_str(), &meetup.title);
    audit::record(conn, &meetup.group_id, user, "meetup_deleted", target)
}

/// Organisers cancel a meetup: RSVPs are kept, attendees are told; cancelling twice changes
/// nothing.
#[tracing::instrument(skip_all, fields(meetup = %id))]
pub fn cancel_meetup(
    conn: &mut DbConn,
    settings: &Settings,
    user: &UserId,
    id: &MeetupId,
) -> Result<MeetupRow, AppError> {
    set_status(conn, settings, user, id, MeetupStatus::Cancelled)
}

fn set_status(
    conn: &mut DbConn,
    settings: &Settings,
    user: &UserId,
    id: &MeetupId,
    wanted: MeetupStatus,
) -> Result<MeetupRow, AppError> {
    let meetup = meetups::meetup_by_id(conn, id)?.ok_or(AppError::NotFound)?;
    require_organiser(conn, &meetup.group_id, user)?;
    change_status(conn, settings, id, wanted)?;
    if meetup.status != wanted {
        let action = match wanted {
            MeetupStatus::Cancelled => "meetup_cancelled",
            MeetupStatus::Scheduled => "meetup_reinstated",
        };
        let target = audit::Target::Meetup(meetup.id.as_str(), &meetup.title);
        audit::record(conn, &meetup.group_id, user, action, target)?;
    }
    meetups::meetup_row(conn, id)?.ok_or(AppError::NotFound)
}

/// Cancels or reinstates the meetup inside the caller's transaction, telling who is going or
/// waitlisted; `sequence` grows so calendars take the change.
pub(crate) fn change_status(
    conn: &mut DbConn,
    settings: &Settings,
    id: &MeetupId,
    wanted: MeetupStatus,
) -> Result<(), AppError> {
    let meetup = meetups::lock_meetup(conn, id)?;
    if meetup.status != wanted {
        if wanted == MeetupStatus::Scheduled && meetup.starts_at <= now() {
            return Err(AppError::conflict("meetup_started"));
        }
        let changed = Meetup {
            status: wanted,
            sequence: meetup.sequence + 1,
            updated_at: now(),
            ..meetup
        };
        meetups::update_meetup(conn, &changed)?;
        match wanted {
            MeetupStatus::Cancelled => {
                mail::meetups::meetup_cancelled(conn, settings, id)?;
                webhooks::events::meetup_cancelled(conn, settings, id)?;
            }
            MeetupStatus::Scheduled => mail::meetups::meetup_reinstated(conn, settings, id)?,
        }
    }
    Ok(())
}
