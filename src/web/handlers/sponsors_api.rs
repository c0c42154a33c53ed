//! A group's banner, its sponsors and their logos, and the sponsors a meetup names.
//!
//! Pictures are sent as the request body itself (`Content-Type: image/png`, `image/jpeg` or
//! `image/webp`; the type is read from the bytes), up to 2 MiB: anything else, or larger, is
//! refused with 422 naming `banner` or `logo`.

use actix_web::{delete, get, patch, post, put, web, HttpResponse};
use futures_util::StreamExt;
use serde::{Deserialize, Deserializer};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::sponsors as uc;
use crate::domain::ids::{MeetupId, SponsorId};
use crate::domain::picture::MAX_UPLOAD_BYTES;
use crate::domain::sponsor::SponsorRole;
use crate::error::AppError;
use crate::urls::banner_path;
use crate::web::extract::{ApiUser, ApiViewer};
use crate::web::json::{
    meetup_sponsor_list, ErrorBody, MeetupSponsorList, PictureJson, SponsorJson, SponsorList,
};
use crate::web::State;

/// A body past this is not even read to its end (413); up to it, a body over
/// [`MAX_UPLOAD_BYTES`] is read and refused with 422, so the client sees the answer.
const DRAIN_LIMIT: usize = 16 * 1024 * 1024;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(put_banner)
        .service(delete_banner)
        .service(list_sponsors)
        .service(create_sponsor)
        .service(update_sponsor)
        .service(delete_sponsor)
        .service(put_logo)
        .service(delete_logo)
        .service(get_meetup_sponsors)
        .service(put_meetup_sponsors);
}

/// The request body, when it may be a picture; 422 naming `field` past 2 MiB.
pub async fn read_picture(
    mut payload: web::Payload,
    field: &'static str,
) -> Result<Vec<u8>, AppError> {
    let (mut body, mut total) = (Vec::new(), 0usize);
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| AppError::InvalidForm(e.to_string()))?;
        total += chunk.len();
        if total > DRAIN_LIMIT {
            return Err(AppError::PayloadTooLarge);
        }
        if total <= MAX_UPLOAD_BYTES {
            body.extend_from_slice(&chunk);
        }
    }
    if total > MAX_UPLOAD_BYTES {
        return Err(AppError::validation(field, "error-picture_too_large"));
    }
    Ok(body)
}

#[derive(Deserialize, ToSchema)]
pub struct SponsorInput {
    pub name: String,
    pub url: Option<String>,
}

/// Distinguishes a field left out (`None`) from one set to null (`Some(None)`).
fn present<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// Absent fields keep their value; `"url": null` clears it.
#[derive(Deserialize, ToSchema)]
pub struct SponsorPatch {
    pub name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub url: Option<Option<String>>,
}

#[derive(Deserialize, ToSchema)]
pub struct MeetupSponsorInput {
    pub sponsor_id: String,
    /// `venue`, `food`, `drinks` or `other`.
    pub role: String,
}

/// Sets the group's banner (organisers): shown on its page and in the preview cards of its
/// page and meetups. Shrunk to fit 1200 × 630 and encoded again, so no metadata survives.
#[utoipa::path(
    tag = "groups",
    params(("slug" = String, Path)),
    request_body(
        description = "The picture itself: PNG, JPEG or WebP, at most 2 MiB",
        content(("image/png"), ("image/jpeg"), ("image/webp"))
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, body = PictureJson),
        (status = 403, body = ErrorBody),
        (status = 422, description = "`field=banner`: over 2 MiB, or no PNG, JPEG or WebP picture", body = ErrorBody),
    )
)]
#[put("/groups/{slug}/banner")]
async fn put_banner(
    state: State,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let upload = read_picture(payload, "banner").await?;
    let banner = uc::upload_banner(&state.db, &user.id, &slug, upload).await?;
    let path = banner_path(&slug, &banner.version);
    Ok(HttpResponse::Ok().json(PictureJson::new(&state.settings.base_url, path, &banner)))
}

/// Removes the group's banner (organisers): previews show the default picture again.
#[utoipa::path(
    tag = "groups",
    params(("slug" = String, Path)),
    security(("bearer" = [])),
    responses((status = 204, description = "removed"), (status = 403, body = ErrorBody))
)]
#[delete("/groups/{slug}/banner")]
async fn delete_banner(
    state: State,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    state
        .db
        .transaction(move |conn| uc::delete_banner(conn, &user.id, &slug))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The group's sponsors and hosts, by name (public: they are the group's data).
#[utoipa::path(tag = "sponsors", params(("slug" = String, Path)), responses((status = 200, body = SponsorList)))]
#[get("/groups/{slug}/sponsors")]
async fn list_sponsors(state: State, slug: web::Path<String>) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let list = state
        .db
        .run(move |conn| uc::sponsors_at(conn, &slug))
        .await?;
    let base = &state.settings.base_url;
    Ok(HttpResponse::Ok().json(SponsorList {
        sponsors: list.iter().map(|s| SponsorJson::new(base, s)).collect(),
    }))
}

/// Adds a sponsor or host to the group (organisers); its logo is sent apart
/// (`PUT /sponsors/{id}/logo`).
#[utoipa::path(
    tag = "sponsors",
    params(("slug" = String, Path)),
    request_body = SponsorInput,
    security(("bearer" = [])),
    responses(
        (status = 201, body = SponsorJson),
        (status = 403, body = ErrorBody),
        (status = 422, description = "`name` missing or too long, `url` not http(s)", body = ErrorBody),
    )
)]
#[post("/groups/{slug}/sponsors")]
async fn create_sponsor(
    state: State,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
    body: web::Json<SponsorInput>,
) -> Result<HttpResponse, AppError> {
    let (slug, input) = (slug.into_inner(), body.into_inner());
    let row = state
        .db
        .transaction(move |conn| {
            uc::create_sponsor(conn, &user.id, &slug, &input.name, input.url.as_deref())
        })
        .await?;
    Ok(HttpResponse::Created().json(SponsorJson::new(&state.settings.base_url, &row)))
}

/// Changes a sponsor (organisers of its group).
#[utoipa::path(
    tag = "sponsors",
    params(("id" = String, Path)),
    request_body = SponsorPatch,
    security(("bearer" = [])),
    responses(
        (status = 200, body = SponsorJson),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
#[patch("/sponsors/{id}")]
async fn update_sponsor(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<SponsorId>,
    body: web::Json<SponsorPatch>,
) -> Result<HttpResponse, AppError> {
    let (id, patch) = (id.into_inner(), body.into_inner());
    let row = state
        .db
        .transaction(move |conn| {
            let url = patch.url.as_ref().map(|u| u.as_deref());
            uc::update_sponsor(conn, &user.id, &id, patch.name.as_deref(), url)
        })
        .await?;
    Ok(HttpResponse::Ok().json(SponsorJson::new(&state.settings.base_url, &row)))
}

/// Deletes a sponsor (organisers of its group); meetups that named it no longer do.
#[utoipa::path(
    tag = "sponsors",
    params(("id" = String, Path)),
    security(("bearer" = [])),
    responses((status = 204, description = "deleted"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody))
)]
#[delete("/sponsors/{id}")]
async fn delete_sponsor(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<SponsorId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    state
        .db
        .transaction(move |conn| uc::delete_sponsor(conn, &user.id, &id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Sets a sponsor's logo (organisers of its group): shrunk to fit 400 × 400 and encoded again,
/// so no metadata survives.
#[utoipa::path(
    tag = "sponsors",
    params(("id" = String, Path)),
    request_body(
        description = "The picture itself: PNG, JPEG or WebP, at most 2 MiB",
        content(("image/png"), ("image/jpeg"), ("image/webp"))
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, body = SponsorJson),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, description = "`field=logo`: over 2 MiB, or no PNG, JPEG or WebP picture", body = ErrorBody),
    )
)]
#[put("/sponsors/{id}/logo")]
async fn put_logo(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<SponsorId>,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let upload = read_picture(payload, "logo").await?;
    let row = uc::upload_logo(&state.db, &user.id, &id, upload).await?;
    Ok(HttpResponse::Ok().json(SponsorJson::new(&state.settings.base_url, &row)))
}

/// Removes a sponsor's logo (organisers of its group).
#[utoipa::path(
    tag = "sponsors",
    params(("id" = String, Path)),
    security(("bearer" = [])),
    responses((status = 200, body = SponsorJson), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody))
)]
#[delete("/sponsors/{id}/logo")]
async fn delete_logo(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<SponsorId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let row = state
        .db
        .transaction(move |conn| uc::delete_logo(conn, &user.id, &id))
        .await?;
    Ok(HttpResponse::Ok().json(SponsorJson::new(&state.settings.base_url, &row)))
}

/// The meetup's hosts and sponsors, in order (also in the meetup as `sponsors`).
#[utoipa::path(
    tag = "sponsors",
    params(("id" = String, Path)),
    security((), ("bearer" = [])),
    responses((status = 200, body = MeetupSponsorList), (status = 404, body = ErrorBody))
)]
#[get("/meetups/{id}/sponsors")]
async fn get_meetup_sponsors(
    state: State,
    ApiViewer(viewer): ApiViewer,
    id: web::Path<MeetupId>,
) -> Result<HttpResponse, AppError> {
    // Whoever may read the meetup may read who sponsors it.
    let seen = crate::app::meetups::meetup_seen_by(&state.db, &viewer, &id).await?;
    Ok(HttpResponse::Ok().json(meetup_sponsor_list(
        &state.settings.base_url,
        &seen.sponsors,
    )))
}

/// Names the meetup's hosts and sponsors, in order, replacing the list (organisers): each a
/// sponsor of the meetup's group, once, with its role.
#[utoipa::path(
    tag = "sponsors",
    params(("id" = String, Path)),
    request_body = Vec<MeetupSponsorInput>,
    security(("bearer" = [])),
    responses(
        (status = 200, body = MeetupSponsorList),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, description = "`field=sponsors`: an unknown sponsor or role, a sponsor twice, more than 20", body = ErrorBody),
    )
)]
#[put("/meetups/{id}/sponsors")]
async fn put_meetup_sponsors(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<MeetupId>,
    body: web::Json<Vec<MeetupSponsorInput>>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let list = body
        .into_inner()
        .into_iter()
        .map(|s| match SponsorRole::parse(&s.role) {
            Some(role) => Ok((SponsorId::from(s.sponsor_id), role)),
            None => Err(AppError::validation("sponsors", "error-sponsors_role")),
        })
        .collect::<Result<Vec<_>, _>>()?;
    let rows = state
        .db
        .transaction(move |conn| uc::set_meetup_sponsors(conn, &user.id, &id, &list))
        .await?;
    Ok(HttpResponse::Ok().json(meetup_sponsor_list(&state.settings.base_url, &rows)))
}
