//! Group, venue and meetup use cases shared by the JSON API and the HTML pages.

use serde::Deserialize;

use crate::db::models::{Group, User};
use crate::db::repo::groups::{self, GroupFields};
use crate::db::repo::meetups::{self, MeetupRow};
use crate::db::repo::rsvps;
use crate::db::repo::venues::{self, VenueFields};
use crate::domain::account::Locale;
use crate::domain::group::{
    parse_links, parse_long_text, parse_text, parse_web_url, GroupLink, GroupRole, Slug,
};
use crate::domain::meetup::{build_meetup, MeetupInput};
use crate::domain::time::parse_timezone;
use crate::domain::FieldError;
use crate::error::AppError;
use crate::mail::notify;
use crate::web::AppState;

#[derive(Debug, Default, Deserialize)]
pub struct GroupInput {
    #[serde(default)]
    pub slug: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub timezone: String,
    #[serde(default)]
    pub locale: String,
    #[serde(default)]
    pub links: Vec<GroupLink>,
}

impl GroupInput {
    pub fn fields(&self) -> Result<GroupFields, FieldError> {
        let name = parse_text(&self.name, "name", 120)?;
        let tz = parse_timezone(&self.timezone, "timezone")?;
        let locale = Locale::parse_field(&self.locale, "locale")?;
        Ok(GroupFields {
            name,
            description: parse_long_text(&self.description, "description", 20_000)?,
            timezone: tz.name().to_string(),
            locale: locale.code().to_string(),
            links: parse_links(&self.links)?,
        })
    }
}

pub async fn load_group(state: &AppState, slug: &str) -> Result<Group, AppError> {
    let slug = slug.to_string();
    state
        .db
        .run(move |conn| groups::group_by_slug(conn, &slug))
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn role_in(
    state: &AppState,
    group: &Group,
    user: Option<&User>,
) -> Result<Option<GroupRole>, AppError> {
    let Some(user) = user else { return Ok(None) };
    let (g, u) = (group.id.clone(), user.id.clone());
    state
        .db
        .run(move |conn| groups::role_of(conn, &g, &u))
        .await
}

pub async fn require_organiser(
    state: &AppState,
    group: &Group,
    user: &User,
) -> Result<(), AppError> {
    match role_in(state, group, Some(user)).await? {
        Some(GroupRole::Organiser) => Ok(()),
        _ => Err(AppError::Forbidden),
    }
}

pub async fn create_group(
    state: &AppState,
    user: &User,
    input: &GroupInput,
) -> Result<Group, AppError> {
    let slug = Slug::parse(input.slug.trim())?;
    let fields = input.fields()?;
    let creator = user.id.clone();
    state
        .db
        .run_write(move |conn| groups::create_group(conn, slug.as_str(), fields, &creator))
        .await
}

pub async fn update_group(
    state: &AppState,
    user: &User,
    group: &Group,
    input: &GroupInput,
) -> Result<(), AppError> {
    require_organiser(state, group, user).await?;
    let fields = input.fields()?;
    let id = group.id.clone();
    state
        .db
        .run_write(move |conn| groups::update_group(conn, &id, fields))
        .await
}

#[derive(Debug, Default, Deserialize)]
pub struct VenueInput {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub address: String,
    pub city: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub url: Option<String>,
}

impl VenueInput {
    pub fn fields(&self) -> Result<VenueFields, FieldError> {
        let optional = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        if self.latitude.is_some_and(|l| !(-90.0..=90.0).contains(&l)) {
            return Err(FieldError::new("latitude", "error.coordinates_invalid"));
        }
        if self
            .longitude
            .is_some_and(|l| !(-180.0..=180.0).contains(&l))
        {
            return Err(FieldError::new("longitude", "error.coordinates_invalid"));
        }
        if self.latitude.is_some() != self.longitude.is_some() {
            let field = if self.latitude.is_none() {
                "latitude"
            } else {
                "longitude"
            };
            return Err(FieldError::new(field, "error.coordinates_invalid"));
        }
        Ok(VenueFields {
            name: parse_text(&self.name, "name", 200)?,
            address: parse_text(&self.address, "address", 500)?,
            city: optional(&self.city)
                .map(|c| parse_text(&c, "city", 100))
                .transpose()?,
            latitude: self.latitude,
            longitude: self.longitude,
            url: optional(&self.url)
                .map(|u| parse_web_url(&u, "url"))
                .transpose()?,
        })
    }
}

pub async fn create_venue(
    state: &AppState,
    user: &User,
    group: &Group,
    input: &VenueInput,
) -> Result<crate::db::models::Venue, AppError> {
    require_organiser(state, group, user).await?;
    let fields = input.fields()?;
    let id = group.id.clone();
    state
        .db
        .run_write(move |conn| venues::create_venue(conn, &id, fields))
        .await
}

pub async fn create_meetup(
    state: &AppState,
    user: &User,
    group: &Group,
    input: &MeetupInput,
) -> Result<MeetupRow, AppError> {
    require_organiser(state, group, user).await?;
    let fields = build_meetup(None, input, group.tz())?;
    let group_id = group.id.clone();
    state
        .db
        .run_write(move |conn| {
            let meetup = meetups::create_meetup(conn, &group_id, fields)?;
            meetups::with_details(conn, vec![meetup])?
                .pop()
                .ok_or(AppError::NotFound)
        })
        .await
}

/// A meetup and its group, or 404.
pub async fn load_meetup(state: &AppState, id: &str) -> Result<MeetupRow, AppError> {
    let id = id.to_string();
    state
        .db
        .run(move |conn| meetups::meetup_row(conn, &id))
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn update_meetup(
    state: &AppState,
    user: &User,
    row: &MeetupRow,
    input: MeetupInput,
) -> Result<MeetupRow, AppError> {
    require_organiser(state, &row.group, user).await?;
    let tz = row.group.tz();
    let id = row.meetup.id.clone();
    let settings = state.settings.clone();
    state
        .db
        .run_write(move |conn| {
            meetups::update_meetup(
                conn,
                &id,
                |before| Ok(build_meetup(Some(&before.fields()), &input, tz)?),
                |conn, update| {
                    // More seats (or no limit any more) go to the head of the waitlist.
                    let promoted = rsvps::promote_waitlist(conn, &update.after)?;
                    if update.rescheduled {
                        notify::meetup_rescheduled(conn, &settings, &update.after.id)?;
                    }
                    if !promoted.is_empty() {
                        let row = meetups::meetup_row(conn, &update.after.id)?
                            .ok_or(AppError::NotFound)?;
                        notify::promoted(conn, &settings, &row, &promoted, crate::db::now())?;
                    }
                    Ok(())
                },
            )?;
            meetups::meetup_row(conn, &id)?.ok_or(AppError::NotFound)
        })
        .await
}

pub async fn cancel_meetup(
    state: &AppState,
    user: &User,
    row: &MeetupRow,
) -> Result<MeetupRow, AppError> {
    require_organiser(state, &row.group, user).await?;
    let id = row.meetup.id.clone();
    let settings = state.settings.clone();
    state
        .db
        .run_write(move |conn| {
            meetups::cancel_meetup(conn, &id, |conn, m| {
                notify::meetup_cancelled(conn, &settings, &m.id)
            })?;
            meetups::meetup_row(conn, &id)?.ok_or(AppError::NotFound)
        })
        .await
}
