//! A group's banner, its sponsors and their logos, and the sponsors a meetup names. Organisers
//! write them; anyone reads them (they are the group's data, not personal data).
//!
//! An uploaded picture is decoded and encoded again off the async runtime before the
//! transaction that stores it (see `domain::picture`), which asks again who may write.

use super::access::{require_organiser, Viewer};
use super::groups::{group_at, organised_group};
use crate::db::models::{Group, Sponsor};
use crate::db::repo::meetups;
use crate::db::repo::sponsors::{self as repo, MeetupSponsorRow, Served, SponsorRow};
use crate::db::{Db, DbConn};
use crate::domain::ids::{MeetupId, SponsorId, UserId};
use crate::domain::picture::{Fit, Picture, BANNER, LOGO};
use crate::domain::sponsor::{check_meetup_sponsors, SponsorFields, SponsorRole};
use crate::domain::FieldError;
use crate::error::AppError;

/// Decodes and encodes an upload again, off the async runtime; 422 naming `field` when it is
/// no picture we keep.
pub async fn picture_of(
    upload: Vec<u8>,
    fit: Fit,
    field: &'static str,
) -> Result<Picture, AppError> {
    tokio::task::spawn_blocking(move || Picture::from_upload(&upload, fit))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|refusal| AppError::validation(field, refusal.key()))
}

/// 404 for an unknown group, 403 unless `user` organises it: asked before an upload is decoded.
pub async fn require_group_organiser(db: &Db, user: &UserId, slug: &str) -> Result<(), AppError> {
    let (user, slug) = (user.clone(), slug.to_string());
    db.run(move |conn| {
        let group = group_at(conn, &slug)?;
        require_organiser(conn, &group.id, &user)
    })
    .await
}

/// Organisers set the group's banner (`upload` as it came: checked, shrunk and re-encoded).
pub async fn upload_banner(
    db: &Db,
    user: &UserId,
    slug: &str,
    upload: Vec<u8>,
) -> Result<repo::PictureRef, AppError> {
    require_group_organiser(db, user, slug).await?;
    let picture = picture_of(upload, BANNER, "banner").await?;
    let (user, slug) = (user.clone(), slug.to_string());
    db.transaction(move |conn| {
        let group = group_at(conn, &slug)?;
        require_organiser(conn, &group.id, &user)?;
        repo::set_banner(conn, &group.id, &picture)?;
        repo::banner_ref(conn, &group.id)?.ok_or(AppError::NotFound)
    })
    .await
}

#[tracing::instrument(skip(conn, user))]
pub fn delete_banner(conn: &mut DbConn, user: &UserId, slug: &str) -> Result<(), AppError> {
    let group = group_at(conn, slug)?;
    require_organiser(conn, &group.id, user)?;
    repo::delete_banner(conn, &group.id)?;
    Ok(())
}

/// The banner of the group at `slug`, as served (404 without one).
pub fn banner(conn: &mut DbConn, slug: &str) -> Result<Served, AppError> {
    repo::banner_of_slug(conn, slug)?.ok_or(AppError::NotFound)
}

/// The group's banner, when it has one, for pages that show it.
pub fn banner_ref(conn: &mut DbConn, group: &Group) -> Result<Option<repo::PictureRef>, AppError> {
    repo::banner_ref(conn, &group.id)
}

/// The sponsor and its group, for organisers of that group (404, then 403).
fn organised_sponsor(
    conn: &mut DbConn,
    user: &UserId,
    id: &SponsorId,
) -> Result<Sponsor, AppError> {
    let sponsor = repo::lock_sponsor(conn, id)?.ok_or(AppError::NotFound)?;
    require_organiser(conn, &sponsor.group_id, user)?;
    Ok(sponsor)
}

#[tracing::instrument(skip(conn, user))]
pub fn create_sponsor(
    conn: &mut DbConn,
    user: &UserId,
    slug: &str,
    name: &str,
    url: Option<&str>,
) -> Result<SponsorRow, AppError> {
    let group = group_at(conn, slug)?;
    require_organiser(conn, &group.id, user)?;
    let fields = SponsorFields::parse(name, url).map_err(AppError::Invalid)?;
    let sponsor = repo::create_sponsor(conn, &group.id, fields)?;
    Ok(SponsorRow {
        sponsor,
        logo: None,
    })
}

/// The group's sponsors, for anyone.
pub fn sponsors_at(conn: &mut DbConn, slug: &str) -> Result<Vec<SponsorRow>, AppError> {
    let group = group_at(conn, slug)?;
    repo::sponsors_of_group(conn, &group.id)
}

/// The group's sponsors, for its organisers' page (404, sign-in or 403).
pub fn sponsors_page(
    conn: &mut DbConn,
    viewer: &Viewer,
    slug: &str,
) -> Result<(Group, Vec<SponsorRow>), AppError> {
    let group = organised_group(conn, viewer, slug)?;
    let list = repo::sponsors_of_group(conn, &group.id)?;
    Ok((group, list))
}

pub fn sponsor(conn: &mut DbConn, id: &SponsorId) -> Result<SponsorRow, AppError> {
    repo::sponsor_by_id(conn, id)?.ok_or(AppError::NotFound)
}

/// A partial change: `name` absent keeps it; `url` absent keeps it, `Some(None)` clears it.
#[tracing::instrument(skip(conn, user))]
pub fn update_sponsor(
    conn: &mut DbConn,
    user: &UserId,
    id: &SponsorId,
    name: Option<&str>,
    url: Option<Option<&str>>,
) -> Result<SponsorRow, AppError> {
    let sponsor = organised_sponsor(conn, user, id)?;
    let name = name.unwrap_or(&sponsor.name);
    let url = url.unwrap_or(sponsor.url.as_deref());
    let fields = SponsorFields::parse(name, url).map_err(AppError::Invalid)?;
    repo::update_sponsor(conn, &sponsor, fields)?;
    self::sponsor(conn, id)
}

/// Deletes the sponsor; meetups that named it no longer do.
#[tracing::instrument(skip(conn, user))]
pub fn delete_sponsor(conn: &mut DbConn, user: &UserId, id: &SponsorId) -> Result<Group, AppError> {
    let sponsor = organised_sponsor(conn, user, id)?;
    repo::delete_sponsor(conn, &sponsor)?;
    crate::db::repo::groups::group_by_id(conn, &sponsor.group_id)
}

/// Organisers set a sponsor's logo (`upload` checked, shrunk and re-encoded).
pub async fn upload_logo(
    db: &Db,
    user: &UserId,
    id: &SponsorId,
    upload: Vec<u8>,
) -> Result<SponsorRow, AppError> {
    let (u, i) = (user.clone(), id.clone());
    db.run(move |conn| {
        let sponsor = repo::sponsor_by_id(conn, &i)?.ok_or(AppError::NotFound)?;
        require_organiser(conn, &sponsor.sponsor.group_id, &u)
    })
    .await?;
    let picture = picture_of(upload, LOGO, "logo").await?;
    let (user, id) = (user.clone(), id.clone());
    db.transaction(move |conn| {
        let sponsor = organised_sponsor(conn, &user, &id)?;
        repo::set_logo(conn, &sponsor, &picture)?;
        self::sponsor(conn, &id)
    })
    .await
}

#[tracing::instrument(skip(conn, user))]
pub fn delete_logo(
    conn: &mut DbConn,
    user: &UserId,
    id: &SponsorId,
) -> Result<SponsorRow, AppError> {
    let sponsor = organised_sponsor(conn, user, id)?;
    repo::delete_logo(conn, &sponsor)?;
    self::sponsor(conn, id)
}

pub fn logo(conn: &mut DbConn, id: &SponsorId) -> Result<Served, AppError> {
    repo::logo(conn, id)?.ok_or(AppError::NotFound)
}

/// The sponsors the meetup names, for anyone who may read the meetup.
pub fn sponsors_of_meetup(
    conn: &mut DbConn,
    meetup: &MeetupId,
) -> Result<Vec<MeetupSponsorRow>, AppError> {
    repo::sponsors_of_meetup(conn, meetup)
}

/// Organisers name the meetup's sponsors, in order, each once, all of the meetup's group
/// (422 `field=sponsors` otherwise).
#[tracing::instrument(skip(conn, user, list))]
pub fn set_meetup_sponsors(
    conn: &mut DbConn,
    user: &UserId,
    meetup: &MeetupId,
    list: &[(SponsorId, SponsorRole)],
) -> Result<Vec<MeetupSponsorRow>, AppError> {
    let row = meetups::meetup_row(conn, meetup)?.ok_or(AppError::NotFound)?;
    require_organiser(conn, &row.group.id, user)?;
    check_meetup_sponsors(list, "sponsors")?;
    let known = repo::sponsors_of_group(conn, &row.group.id)?;
    if list
        .iter()
        .any(|(id, _)| !known.iter().any(|k| &k.sponsor.id == id))
    {
        return Err(FieldError::new("sponsors", "error-sponsors_unknown").into());
    }
    repo::set_meetup_sponsors(conn, meetup, list)?;
    repo::sponsors_of_meetup(conn, meetup)
}

/// The meetup's sponsors with every sponsor of its group, for the organisers' edit page.
pub fn meetup_sponsors_page(
    conn: &mut DbConn,
    viewer: &Viewer,
    slug: &str,
    meetup: &MeetupId,
) -> Result<
    (
        crate::db::repo::meetups::MeetupRow,
        Vec<SponsorRow>,
        Vec<MeetupSponsorRow>,
    ),
    AppError,
> {
    let (group, row) = super::groups::organised_meetup(conn, viewer, slug, meetup)?;
    let all = repo::sponsors_of_group(conn, &group.id)?;
    let chosen = repo::sponsors_of_meetup(conn, meetup)?;
    Ok((row, all, chosen))
}
