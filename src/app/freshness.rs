//! What each cached page and feed depends on: a fingerprint of the data it shows (one query of
//! `db::repo::versions`), and the instant the clock alone would change it. The web layer's cache
//! serves an entry again only while its fingerprint holds.

use chrono::{Duration, NaiveDateTime};

use crate::db::repo::meetups::When;
use crate::db::repo::versions::{self, Freshness, Seats};
use crate::db::DbConn;
use crate::domain::ids::MeetupId;
use crate::error::AppError;

use super::calendars::PAST_WINDOW_DAYS;

/// Reads a page's freshness on a pooled connection at a given instant (404 when it is gone).
pub trait Stamp: FnOnce(&mut DbConn, NaiveDateTime) -> Result<Freshness, AppError> + Send {}

impl<F> Stamp for F where F: FnOnce(&mut DbConn, NaiveDateTime) -> Result<Freshness, AppError> + Send
{}

/// The group page: its group, meetups, venues, reports and suggestions; seats are shown for
/// the meetups to come only.
pub fn group_page(slug: String) -> impl Stamp + 'static {
    group_listing(slug, Seats::ToCome)
}

/// A group's meetups as the API lists them, with every listed meetup's seats: those to come,
/// or the past ones.
pub fn group_meetups(slug: String, when: When) -> impl Stamp + 'static {
    let seats = match when {
        When::Upcoming => Seats::ToCome,
        When::Past => Seats::All,
    };
    group_listing(slug, seats)
}

fn group_listing(slug: String, seats: Seats) -> impl Stamp + 'static {
    move |conn: &mut DbConn, at| {
        versions::group_stamp(conn, &slug, at, Duration::zero(), seats)?.ok_or(AppError::NotFound)
    }
}

/// The group's calendar, which keeps six months of past meetups.
pub fn group_feed(slug: String) -> impl Stamp + 'static {
    move |conn: &mut DbConn, at| {
        let window = Duration::days(PAST_WINDOW_DAYS);
        versions::group_stamp(conn, &slug, at, window, Seats::None)?.ok_or(AppError::NotFound)
    }
}

/// A member's personal calendar, by its secret (it keeps six months of past meetups too).
pub fn personal_feed(secret: String) -> impl Stamp + 'static {
    move |conn: &mut DbConn, at| {
        let window = Duration::days(PAST_WINDOW_DAYS);
        versions::personal_stamp(conn, &secret, at, window)?.ok_or(AppError::NotFound)
    }
}

/// The meetup page, which also changes when RSVPs close.
pub fn meetup_page(slug: String, id: MeetupId) -> impl Stamp + 'static {
    move |conn: &mut DbConn, at| {
        let stamp = versions::meetup_stamp(conn, Some(&slug), &id)?.ok_or(AppError::NotFound)?;
        Ok(Freshness {
            until: stamp.closes_after(at),
            stamp: stamp.stamp,
        })
    }
}

/// The meetup's calendar (it shows no seats, so the clock never changes it).
pub fn meetup_feed(id: MeetupId) -> impl Stamp + 'static {
    move |conn: &mut DbConn, _| {
        let stamp = versions::meetup_stamp(conn, None, &id)?.ok_or(AppError::NotFound)?;
        Ok(Freshness {
            stamp: stamp.stamp,
            until: None,
        })
    }
}

/// A meetup as the API shows it to anyone: its data and RSVP counts, whatever the clock.
pub fn meetup_read(id: MeetupId) -> impl Stamp + 'static {
    meetup_feed(id)
}

/// A group's feed of published reports.
pub fn reports_feed(slug: String) -> impl Stamp + 'static {
    move |conn: &mut DbConn, _| {
        let stamp = versions::reports_feed_stamp(conn, &slug)?.ok_or(AppError::NotFound)?;
        Ok(Freshness { stamp, until: None })
    }
}

/// A published report's page, which also shows its meetup and who came.
pub fn report_page(slug: String, report_slug: String) -> impl Stamp + 'static {
    move |conn: &mut DbConn, _| {
        let report = versions::report_stamp(conn, &slug, &report_slug)?
            .filter(|report| report.published)
            .ok_or(AppError::NotFound)?;
        let meetup = versions::meetup_stamp(conn, Some(&slug), &report.meetup_id)?
            .ok_or(AppError::NotFound)?;
        Ok(Freshness {
            stamp: format!("{}|{}", report.stamp, meetup.stamp),
            until: None,
        })
    }
}
