//! The meetup page's data, read in one checkout and one snapshot for whoever is looking: the
//! meetup with its group and venue, the RSVP box, the programme, the report link, the online
//! link and the series it belongs to.

use crate::db::models::{Group, Report, Series};
use crate::db::repo::cohosts;
use crate::db::repo::meetups::{self, MeetupRow};
use crate::db::repo::sponsors::{self, MeetupSponsorRow, PictureRef};
use crate::db::repo::{reports, series};
use crate::db::{Db, DbConn};
use crate::domain::cohost::CohostStatus;
use crate::domain::ids::MeetupId;
use crate::domain::report::readable;
use crate::domain::rsvp::RsvpStatus;
use crate::error::AppError;

use super::access::Viewer;
use super::meetups::Private;
use super::rsvps::{rsvps_seen_by, MeetupRsvps};
use super::talks::{talks_seen_by, MeetupTalks};

pub struct MeetupPage {
    pub row: MeetupRow,
    pub organiser: bool,
    pub rsvps: MeetupRsvps,
    pub talks: MeetupTalks,
    /// The report, when there is one this viewer may read.
    pub report: Option<Report>,
    /// The online link, when this viewer may read it.
    pub online_url: Option<String>,
    /// How to get into the venue: for those going and organisers.
    pub entry_instructions: Option<String>,
    pub series: Option<Series>,
    /// For organisers: nobody answered, spoke or reported yet, so it may be deleted (else only
    /// cancelled).
    pub deletable: bool,
    /// Its hosts and sponsors, in order.
    pub sponsors: Vec<MeetupSponsorRow>,
    /// The group's banner, the picture of its preview card.
    pub banner: Option<PictureRef>,
    /// The groups that accepted to co-host it, by name.
    pub cohosts: Vec<Group>,
    /// The viewer organises one of them (not the meetup's own group): they write to its
    /// participants too.
    pub cohost_organiser: bool,
}

/// The meetup at `id` in the group at `slug` (404 when it is another group's).
pub fn page(
    conn: &mut DbConn,
    viewer: &Viewer,
    slug: &str,
    id: &MeetupId,
) -> Result<MeetupPage, AppError> {
    let row = meetups::meetup_row(conn, id)?
        .filter(|row| row.group.slug == slug)
        .ok_or(AppError::NotFound)?;
    let organiser = viewer.organises(&row.group.id);
    let rsvps = rsvps_seen_by(conn, &row, viewer)?;
    let talks = talks_seen_by(conn, row.clone(), viewer)?;
    let report = reports::report_of_meetup(conn, id)?.filter(|r| readable(r.published, organiser));
    let going = rsvps
        .own
        .as_ref()
        .is_some_and(|(party, _)| party.status == RsvpStatus::Going);
    let Private {
        online_url,
        entry_instructions,
    } = Private::seen(&row, going, organiser);
    let m = &row.meetup;
    let series = match &m.series_id {
        Some(series_id) => Some(series::series_by_id(conn, series_id)?.ok_or(AppError::NotFound)?),
        None => None,
    };
    let deletable = organiser && !meetups::has_activity(conn, id)?;
    let sponsors = sponsors::sponsors_of_meetup(conn, id)?;
    let banner = sponsors::banner_ref(conn, &row.group.id)?;
    let cohosts: Vec<Group> = cohosts::cohosts_of(conn, id)?
        .into_iter()
        .filter(|c| c.status == CohostStatus::Accepted)
        .map(|c| c.group)
        .collect();
    let cohost_organiser = !organiser && cohosts.iter().any(|g| viewer.organises(&g.id));
    Ok(MeetupPage {
        cohosts,
        cohost_organiser,
        sponsors,
        banner,
        row,
        organiser,
        rsvps,
        talks,
        report,
        online_url,
        entry_instructions,
        series,
        deletable,
    })
}

#[tracing::instrument(skip(db, viewer))]
pub async fn meetup_page(
    db: &Db,
    viewer: &Viewer,
    slug: &str,
    id: &MeetupId,
) -> Result<MeetupPage, AppError> {
    let (viewer, slug, id) = (viewer.clone(), slug.to_string(), id.clone());
    db.run(move |conn| page(conn, &viewer, &slug, &id)).await
}
