//! Series, their skipped dates, and their occurrences.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::models::{Meetup, Series};
use crate::db::schema::{meetups, series, series_skips};
use crate::db::DbConn;
use crate::domain::ids::{GroupId, SeriesId};
use crate::domain::meetup::MeetupStatus;
use crate::error::AppError;

#[tracing::instrument(level = "debug", skip_all)]
pub fn insert_series(conn: &mut DbConn, s: &Series) -> Result<(), AppError> {
    diesel::insert_into(series::table).values(s).execute(conn)?;
    Ok(())
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn update_series(conn: &mut DbConn, s: &Series) -> Result<(), AppError> {
    diesel::update(series::table.find(&s.id))
        .set(s)
        .execute(conn)?;
    Ok(())
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn series_by_id(conn: &mut DbConn, id: &SeriesId) -> Result<Option<Series>, AppError> {
    Ok(series::table
        .find(id)
        .select(Series::as_select())
        .first(conn)
        .optional()?)
}

/// The group's series still running (not ended), by title.
#[tracing::instrument(level = "debug", skip_all)]
pub fn running_series(conn: &mut DbConn, group_id: &GroupId) -> Result<Vec<Series>, AppError> {
    Ok(series::table
        .filter(series::group_id.eq(group_id))
        .filter(series::ended_at.is_null())
        .order((series::title.asc(), series::id.asc()))
        .select(Series::as_select())
        .load(conn)?)
}

/// Takes the series' write lock for the rest of the transaction, so two instances topping it
/// up take turns.
#[tracing::instrument(level = "debug", skip_all)]
pub fn lock_series(conn: &mut DbConn, id: &SeriesId) -> Result<Series, AppError> {
    let touched = diesel::update(series::table.find(id))
        .set(series::horizon.eq(series::horizon))
        .execute(conn)?;
    if touched == 0 {
        return Err(AppError::NotFound);
    }
    series_by_id(conn, id)?.ok_or(AppError::NotFound)
}

/// Series still making occurrences that have fewer than `horizon` to come after `at`.
#[tracing::instrument(level = "debug", skip_all)]
pub fn series_short_of_horizon(
    conn: &mut DbConn,
    at: NaiveDateTime,
) -> Result<Vec<SeriesId>, AppError> {
    let running: Vec<(SeriesId, i32)> = series::table
        .filter(series::ended_at.is_null())
        .select((series::id, series::horizon))
        .load(conn)?;
    let ahead: HashMap<Option<SeriesId>, i64> = meetups::table
        .filter(meetups::series_id.is_not_null())
        .filter(meetups::starts_at.gt(at))
        .filter(meetups::status.eq(MeetupStatus::Scheduled))
        .group_by(meetups::series_id)
        .select((meetups::series_id, diesel::dsl::count_star()))
        .load::<(Option<SeriesId>, i64)>(conn)?
        .into_iter()
        .collect();
    Ok(running
        .into_iter()
        .filter(|(id, horizon)| {
            ahead.get(&Some(id.clone())).copied().unwrap_or(0) < i64::from(*horizon)
        })
        .map(|(id, _)| id)
        .collect())
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn end_series(conn: &mut DbConn, id: &SeriesId, at: NaiveDateTime) -> Result<(), AppError> {
    diesel::update(series::table.find(id))
        .set((series::ended_at.eq(at), series::updated_at.eq(at)))
        .execute(conn)?;
    Ok(())
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn skipped_days(conn: &mut DbConn, id: &SeriesId) -> Result<Vec<NaiveDate>, AppError> {
    Ok(series_skips::table
        .filter(series_skips::series_id.eq(id))
        .select(series_skips::day)
        .load(conn)?)
}

/// Takes `day` out of the series; taking it out twice is taking it out once.
#[tracing::instrument(level = "debug", skip_all)]
pub fn skip_day(conn: &mut DbConn, id: &SeriesId, day: NaiveDate) -> Result<(), AppError> {
    let row = (series_skips::series_id.eq(id), series_skips::day.eq(day));
    on_inner!(conn, |c| diesel::insert_into(series_skips::table)
        .values(row)
        .on_conflict_do_nothing()
        .execute(c)?);
    Ok(())
}

/// The highest occurrence number made so far.
#[tracing::instrument(level = "debug", skip_all)]
pub fn last_number(conn: &mut DbConn, id: &SeriesId) -> Result<Option<i32>, AppError> {
    Ok(meetups::table
        .filter(meetups::series_id.eq(id))
        .select(diesel::dsl::max(meetups::series_number))
        .first(conn)?)
}

/// Occurrences still to come and not cancelled.
#[tracing::instrument(level = "debug", skip_all)]
pub fn upcoming_count(
    conn: &mut DbConn,
    id: &SeriesId,
    at: NaiveDateTime,
) -> Result<i64, AppError> {
    Ok(meetups::table
        .filter(meetups::series_id.eq(id))
        .filter(meetups::starts_at.gt(at))
        .filter(meetups::status.eq(MeetupStatus::Scheduled))
        .count()
        .get_result(conn)?)
}

/// Every occurrence made so far, in the series' order.
#[tracing::instrument(level = "debug", skip_all)]
pub fn occurrences(conn: &mut DbConn, id: &SeriesId) -> Result<Vec<Meetup>, AppError> {
    Ok(meetups::table
        .filter(meetups::series_id.eq(id))
        .order(meetups::series_number.asc())
        .select(Meetup::as_select())
        .load(conn)?)
}
