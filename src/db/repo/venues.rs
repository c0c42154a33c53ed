use diesel::prelude::*;

use crate::db::models::Venue;
use crate::db::schema::{groups, meetups, venues};
use crate::db::{now, DbConn};
use crate::domain::ids::{GroupId, VenueId};
use crate::error::AppError;

/// What an edit writes: every column a member may change.
#[derive(Default, AsChangeset)]
#[diesel(table_name = venues, treat_none_as_null = true)]
pub struct VenueFields {
    pub name: String,
    pub address: String,
    pub city: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub url: Option<String>,
    pub step_free: Option<bool>,
    pub accessible_toilet: Option<bool>,
    pub hearing_loop: Option<bool>,
    pub access_notes: Option<String>,
    pub entry_instructions: Option<String>,
    pub host_contact: Option<String>,
    pub capacity: Option<i32>,
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn create_venue(
    conn: &mut DbConn,
    group_id: &GroupId,
    f: VenueFields,
) -> Result<Venue, AppError> {
    let venue = Venue {
        id: VenueId::random(),
        group_id: group_id.clone(),
        name: f.name,
        address: f.address,
        city: f.city,
        latitude: f.latitude,
        longitude: f.longitude,
        url: f.url,
        created_at: now(),
        step_free: f.step_free,
        accessible_toilet: f.accessible_toilet,
        hearing_loop: f.hearing_loop,
        access_notes: f.access_notes,
        entry_instructions: f.entry_instructions,
        host_contact: f.host_contact,
        capacity: f.capacity,
    };
    diesel::insert_into(venues::table)
        .values(&venue)
        .execute(conn)?;
    Ok(venue)
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn update_venue(conn: &mut DbConn, venue_id: &VenueId, f: VenueFields) -> Result<(), AppError> {
    // Pages and feeds showing this venue are fingerprinted by their group's `updated_at`.
    let group_id: GroupId = venues::table
        .find(venue_id)
        .select(venues::group_id)
        .first(conn)?;
    diesel::update(groups::table.find(&group_id))
        .set(groups::updated_at.eq(now()))
        .execute(conn)?;
    diesel::update(venues::table.find(venue_id))
        .set(f)
        .execute(conn)?;
    Ok(())
}

/// The venue, its row locked until the transaction ends.
#[tracing::instrument(level = "debug", skip_all)]
pub fn lock_venue(conn: &mut DbConn, venue_id: &VenueId) -> Result<Venue, AppError> {
    let touched = diesel::update(venues::table.find(venue_id))
        .set(venues::name.eq(venues::name))
        .execute(conn)?;
    if touched == 0 {
        return Err(AppError::NotFound);
    }
    venue_by_id(conn, venue_id)?.ok_or(AppError::NotFound)
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn venues_of_group(conn: &mut DbConn, group_id: &GroupId) -> Result<Vec<Venue>, AppError> {
    Ok(venues::table
        .filter(venues::group_id.eq(group_id))
        .order(venues::name.asc())
        .select(Venue::as_select())
        .load(conn)?)
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn venue_by_id(conn: &mut DbConn, id: &VenueId) -> Result<Option<Venue>, AppError> {
    Ok(venues::table
        .find(id)
        .select(Venue::as_select())
        .first(conn)
        .optional()?)
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn venues_by_ids(conn: &mut DbConn, ids: &[VenueId]) -> Result<Vec<Venue>, AppError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(venues::table
        .filter(venues::id.eq_any(ids))
        .select(Venue::as_select())
        .load(conn)?)
}

/// How many meetups, past or future, take place at the venue.
#[tracing::instrument(level = "debug", skip_all)]
pub fn meetups_at(conn: &mut DbConn, venue_id: &VenueId) -> Result<i64, AppError> {
    Ok(meetups::table
        .filter(meetups::venue_id.eq(venue_id))
        .select(diesel::dsl::count_star())
        .get_result(conn)?)
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn delete_venue(conn: &mut DbConn, venue_id: &VenueId) -> Result<(), AppError> {
    diesel::delete(venues::table.find(venue_id)).execute(conn)?;
    Ok(())
}
