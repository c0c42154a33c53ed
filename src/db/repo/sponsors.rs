//! Groups' banners, sponsors and their logos, and the sponsors each meetup names. A change to
//! any of them touches the group's (or the meetup's) `updated_at`, which the fingerprints of
//! cached pages read.

use diesel::prelude::*;

use crate::db::models::{GroupBanner, MeetupSponsor, Sponsor, SponsorLogo};
use crate::db::schema::{group_banners, groups, meetup_sponsors, meetups, sponsor_logos, sponsors};
use crate::db::{now, DbConn};
use crate::domain::ids::{GroupId, MeetupId, SponsorId};
use crate::domain::picture::Picture;
use crate::domain::sponsor::{SponsorFields, SponsorRole};
use crate::error::AppError;

/// A stored picture, as served: its type, bytes and version.
pub type Served = (String, Vec<u8>, String);

/// What pages show of a stored picture: its version and type (not its bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PictureRef {
    pub version: String,
    pub content_type: String,
    pub width: i32,
    pub height: i32,
}

/// A sponsor with its logo, when it has one.
#[derive(Debug, Clone)]
pub struct SponsorRow {
    pub sponsor: Sponsor,
    pub logo: Option<PictureRef>,
}

/// A sponsor as a meetup names it.
#[derive(Debug, Clone)]
pub struct MeetupSponsorRow {
    pub sponsor: SponsorRow,
    pub role: SponsorRole,
}

fn touch_group(conn: &mut DbConn, group: &GroupId) -> Result<(), AppError> {
    diesel::update(groups::table.find(group))
        .set(groups::updated_at.eq(now()))
        .execute(conn)?;
    Ok(())
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn set_banner(conn: &mut DbConn, group: &GroupId, p: &Picture) -> Result<(), AppError> {
    diesel::delete(group_banners::table.find(group)).execute(conn)?;
    diesel::insert_into(group_banners::table)
        .values(GroupBanner {
            group_id: group.clone(),
            content_type: p.content_type.to_string(),
            bytes: p.bytes.clone(),
            width: p.width as i32,
            height: p.height as i32,
            version: p.version.clone(),
            updated_at: now(),
        })
        .execute(conn)?;
    touch_group(conn, group)
}

/// Whether there was one.
#[tracing::instrument(level = "debug", skip_all)]
pub fn delete_banner(conn: &mut DbConn, group: &GroupId) -> Result<bool, AppError> {
    let deleted = diesel::delete(group_banners::table.find(group)).execute(conn)?;
    touch_group(conn, group)?;
    Ok(deleted > 0)
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn banner_ref(conn: &mut DbConn, group: &GroupId) -> Result<Option<PictureRef>, AppError> {
    Ok(group_banners::table
        .find(group)
        .select((
            group_banners::version,
            group_banners::content_type,
            group_banners::width,
            group_banners::height,
        ))
        .first::<(String, String, i32, i32)>(conn)
        .optional()?
        .map(|(version, content_type, width, height)| PictureRef {
            version,
            content_type,
            width,
            height,
        }))
}

/// The banner of the group at `slug`.
#[tracing::instrument(level = "debug", skip_all)]
pub fn banner_of_slug(conn: &mut DbConn, slug: &str) -> Result<Option<Served>, AppError> {
    Ok(group_banners::table
        .inner_join(groups::table)
        .filter(groups::slug.eq(slug))
        .select((
            group_banners::content_type,
            group_banners::bytes,
            group_banners::version,
        ))
        .first(conn)
        .optional()?)
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn create_sponsor(
    conn: &mut DbConn,
    group: &GroupId,
    f: SponsorFields,
) -> Result<Sponsor, AppError> {
    let at = now();
    let sponsor = Sponsor {
        id: SponsorId::random(),
        group_id: group.clone(),
        name: f.name,
        url: f.url,
        created_at: at,
        updated_at: at,
    };
    diesel::insert_into(sponsors::table)
        .values(&sponsor)
        .execute(conn)?;
    touch_group(conn, group)?;
    Ok(sponsor)
}

/// The sponsor, its row locked until the transaction ends.
#[tracing::instrument(level = "debug", skip_all)]
pub fn lock_sponsor(conn: &mut DbConn, id: &SponsorId) -> Result<Option<Sponsor>, AppError> {
    let touched = diesel::update(sponsors::table.find(id))
        .set(sponsors::updated_at.eq(now()))
        .execute(conn)?;
    if touched == 0 {
        return Ok(None);
    }
    Ok(sponsors::table
        .find(id)
        .select(Sponsor::as_select())
        .first(conn)
        .optional()?)
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn update_sponsor(
    conn: &mut DbConn,
    sponsor: &Sponsor,
    f: SponsorFields,
) -> Result<(), AppError> {
    diesel::update(sponsors::table.find(&sponsor.id))
        .set((
            sponsors::name.eq(f.name),
            sponsors::url.eq(f.url),
            sponsors::updated_at.eq(now()),
        ))
        .execute(conn)?;
    touch_group(conn, &sponsor.group_id)
}

/// Deletes the sponsor, its logo and its place in meetups (whose pages then change).
#[tracing::instrument(level = "debug", skip_all)]
pub fn delete_sponsor(conn: &mut DbConn, sponsor: &Sponsor) -> Result<(), AppError> {
    let named_in: Vec<MeetupId> = meetup_sponsors::table
        .filter(meetup_sponsors::sponsor_id.eq(&sponsor.id))
        .select(meetup_sponsors::meetup_id)
        .load(conn)?;
    if !named_in.is_empty() {
        diesel::update(meetups::table.filter(meetups::id.eq_any(&named_in)))
            .set(meetups::updated_at.eq(now()))
            .execute(conn)?;
    }
    diesel::delete(meetup_sponsors::table.filter(meetup_sponsors::sponsor_id.eq(&sponsor.id)))
        .execute(conn)?;
    diesel::delete(sponsor_logos::table.find(&sponsor.id)).execute(conn)?;
    diesel::delete(sponsors::table.find(&sponsor.id)).execute(conn)?;
    touch_group(conn, &sponsor.group_id)
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn set_logo(conn: &mut DbConn, sponsor: &Sponsor, p: &Picture) -> Result<(), AppError> {
    diesel::delete(sponsor_logos::table.find(&sponsor.id)).execute(conn)?;
    diesel::insert_into(sponsor_logos::table)
        .values(SponsorLogo {
            sponsor_id: sponsor.id.clone(),
            content_type: p.content_type.to_string(),
            bytes: p.bytes.clone(),
            width: p.width as i32,
            height: p.height as i32,
            version: p.version.clone(),
            updated_at: now(),
        })
        .execute(conn)?;
    touch_group(conn, &sponsor.group_id)
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn delete_logo(conn: &mut DbConn, sponsor: &Sponsor) -> Result<(), AppError> {
    diesel::delete(sponsor_logos::table.find(&sponsor.id)).execute(conn)?;
    touch_group(conn, &sponsor.group_id)
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn logo(conn: &mut DbConn, sponsor: &SponsorId) -> Result<Option<Served>, AppError> {
    Ok(sponsor_logos::table
        .find(sponsor)
        .select((
            sponsor_logos::content_type,
            sponsor_logos::bytes,
            sponsor_logos::version,
        ))
        .first(conn)
        .optional()?)
}

type RefColumns = (
    sponsor_logos::version,
    sponsor_logos::content_type,
    sponsor_logos::width,
    sponsor_logos::height,
);
const REF_COLUMNS: RefColumns = (
    sponsor_logos::version,
    sponsor_logos::content_type,
    sponsor_logos::width,
    sponsor_logos::height,
);

fn sponsor_row(sponsor: Sponsor, logo: Option<(String, String, i32, i32)>) -> SponsorRow {
    SponsorRow {
        sponsor,
        logo: logo.map(|(version, content_type, width, height)| PictureRef {
            version,
            content_type,
            width,
            height,
        }),
    }
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn sponsor_by_id(conn: &mut DbConn, id: &SponsorId) -> Result<Option<SponsorRow>, AppError> {
    Ok(sponsors::table
        .left_join(sponsor_logos::table)
        .filter(sponsors::id.eq(id))
        .select((Sponsor::as_select(), REF_COLUMNS.nullable()))
        .first::<(Sponsor, Option<(String, String, i32, i32)>)>(conn)
        .optional()?
        .map(|(s, l)| sponsor_row(s, l)))
}

/// The group's sponsors, by name.
#[tracing::instrument(level = "debug", skip_all)]
pub fn sponsors_of_group(conn: &mut DbConn, group: &GroupId) -> Result<Vec<SponsorRow>, AppError> {
    Ok(sponsors::table
        .left_join(sponsor_logos::table)
        .filter(sponsors::group_id.eq(group))
        .order((sponsors::name.asc(), sponsors::id.asc()))
        .select((Sponsor::as_select(), REF_COLUMNS.nullable()))
        .load::<(Sponsor, Option<(String, String, i32, i32)>)>(conn)?
        .into_iter()
        .map(|(s, l)| sponsor_row(s, l))
        .collect())
}

/// The sponsors the meetup names, in its order.
#[tracing::instrument(level = "debug", skip_all)]
pub fn sponsors_of_meetup(
    conn: &mut DbConn,
    meetup: &MeetupId,
) -> Result<Vec<MeetupSponsorRow>, AppError> {
    let rows = meetup_sponsors::table
        .inner_join(sponsors::table.left_join(sponsor_logos::table))
        .filter(meetup_sponsors::meetup_id.eq(meetup))
        .order(meetup_sponsors::position.asc())
        .select((
            meetup_sponsors::role,
            Sponsor::as_select(),
            REF_COLUMNS.nullable(),
        ))
        .load::<(String, Sponsor, Option<(String, String, i32, i32)>)>(conn)?;
    Ok(rows
        .into_iter()
        .map(|(role, s, l)| MeetupSponsorRow {
            role: SponsorRole::parse(&role).unwrap_or(SponsorRole::Other),
            sponsor: sponsor_row(s, l),
        })
        .collect())
}

/// Replaces the sponsors the meetup names.
#[tracing::instrument(level = "debug", skip_all)]
pub fn set_meetup_sponsors(
    conn: &mut DbConn,
    meetup: &MeetupId,
    list: &[(SponsorId, SponsorRole)],
) -> Result<(), AppError> {
    diesel::delete(meetup_sponsors::table.filter(meetup_sponsors::meetup_id.eq(meetup)))
        .execute(conn)?;
    let rows: Vec<MeetupSponsor> = list
        .iter()
        .enumerate()
        .map(|(i, (id, role))| MeetupSponsor {
            meetup_id: meetup.clone(),
            sponsor_id: id.clone(),
            role: role.as_str().to_string(),
            position: i as i32,
        })
        .collect();
    for row in rows {
        diesel::insert_into(meetup_sponsors::table)
            .values(row)
            .execute(conn)?;
    }
    diesel::update(meetups::table.find(meetup))
        .set(meetups::updated_at.eq(now()))
        .execute(conn)?;
    Ok(())
}
