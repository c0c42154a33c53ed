//! People who came to a meetup without an RSVP.

use diesel::prelude::*;

use crate::db::models::WalkInRow;
use crate::db::schema::walk_ins;
use crate::db::DbConn;
use crate::domain::ids::MeetupId;
use crate::error::AppError;

#[tracing::instrument(level = "debug", skip_all)]
pub fn insert(conn: &mut DbConn, row: &WalkInRow) -> Result<(), AppError> {
    diesel::insert_into(walk_ins::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// The meetup's walk-ins, first come first.
#[tracing::instrument(level = "debug", skip_all)]
pub fn of_meetup(conn: &mut DbConn, meetup_id: &MeetupId) -> Result<Vec<WalkInRow>, AppError> {
    Ok(walk_ins::table
        .filter(walk_ins::meetup_id.eq(meetup_id))
        .order((walk_ins::created_at.asc(), walk_ins::id.asc()))
        .select(WalkInRow::as_select())
        .load(conn)?)
}
