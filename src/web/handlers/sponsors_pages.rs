//! Banners and logos as served, and the organisers' pages for the group's banner, its sponsors
//! and a meetup's sponsors.

use actix_multipart::Multipart;
use actix_web::http::header;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use futures_util::StreamExt;

use crate::app::sponsors as uc;
use crate::db::repo::sponsors::{Served, SponsorRow};
use crate::domain::ids::{MeetupId, SponsorId};
use crate::domain::picture::MAX_UPLOAD_BYTES;
use crate::domain::sponsor::SponsorRole;
use crate::error::AppError;
use crate::urls::{meetup_path, sponsors_path};
use crate::views::components::FormErrors;
use crate::views::groups::{group_form, GroupForm};
use crate::views::sponsors::{
    meetup_sponsors_page, sponsors_page, SponsorChoice, SponsorForm, SponsorItem,
};
use crate::views::FlashKind;
use crate::web::extract::{verify_csrf, CsrfForm, Empty, Page};
use crate::web::html::{render, render_status};
use crate::web::pages::{
    embed_settings_for, field_errors, flash_outcome, organiser_group, organiser_group_with_banner,
    see_other, sponsor_item,
};
use crate::web::State;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(banner)
        .service(logo)
        .service(banner_submit)
        .service(banner_delete)
        .service(sponsors_list)
        .service(sponsor_create)
        .service(sponsor_update)
        .service(sponsor_delete)
        .service(logo_submit)
        .service(meetup_sponsors_form)
        .service(meetup_sponsors_submit);
}

/// A stored picture: cached for good when asked by its current version, else briefly.
fn picture_response(req: &HttpRequest, (content_type, bytes, version): Served) -> HttpResponse {
    let etag = format!("\"{version}\"");
    let asked = req
        .uri()
        .query()
        .is_some_and(|q| q.split('&').any(|p| p == format!("v={version}")));
    let cache = if asked {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=300"
    };
    let matches = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    let mut response = if matches {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    response
        .insert_header((header::ETAG, etag))
        .insert_header((header::CACHE_CONTROL, cache));
    if matches {
        return response.finish();
    }
    response.content_type(content_type).body(bytes)
}

#[get("/groups/{slug}/banner")]
async fn banner(
    state: State,
    req: HttpRequest,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let served = state.db.run(move |conn| uc::banner(conn, &slug)).await?;
    Ok(picture_response(&req, served))
}

#[get("/sponsors/{id}/logo")]
async fn logo(
    state: State,
    req: HttpRequest,
    id: web::Path<SponsorId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let served = state.db.run(move |conn| uc::logo(conn, &id)).await?;
    Ok(picture_response(&req, served))
}

/// The form's token and the file sent as `field`: `Err` with the refusal when it is over 2 MiB.
async fn read_picture_form(
    upload: &mut Multipart,
    field: &'static str,
) -> Result<(String, Result<Vec<u8>, AppError>), AppError> {
    let malformed = || AppError::InvalidForm("malformed upload".into());
    let (mut token, mut file) = (String::new(), Ok(Vec::new()));
    while let Some(part) = upload.next().await {
        let mut part = part.map_err(|_| malformed())?;
        let name = part.name().unwrap_or_default().to_string();
        let mut bytes = Vec::new();
        let mut too_large = false;
        while let Some(chunk) = part.next().await {
            let chunk = chunk.map_err(|_| malformed())?;
            if bytes.len() + chunk.len() > MAX_UPLOAD_BYTES {
                too_large = true;
            } else {
                bytes.extend_from_slice(&chunk);
            }
        }
        if name == "csrf_token" {
            token = String::from_utf8_lossy(&bytes).into_owned();
        } else if name == field {
            file = match too_large {
                true => Err(AppError::validation(field, "error-picture_too_large")),
                false => Ok(bytes),
            };
        }
    }
    Ok((token, file))
}

/// The group's settings page with the banner's error (422).
async fn settings_with_error(
    state: &State,
    page: &mut Page,
    slug: &str,
    error: AppError,
) -> Result<HttpResponse, AppError> {
    let errors = field_errors(page, error, "banner")?;
    let (group, current) = organiser_group_with_banner(state, page, slug).await?;
    let settings = embed_settings_for(state, &group, current.as_ref());
    Ok(render_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        group_form(
            &page.chrome(),
            &GroupForm::from_group(&group),
            &errors,
            Some(&group.slug),
            Some(&settings),
        ),
    ))
}

#[post("/groups/{slug}/banner")]
async fn banner_submit(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
    mut upload: Multipart,
) -> Result<HttpResponse, AppError> {
    let group = organiser_group(&state, &mut page, &slug).await?;
    let user = page.require_user()?.id.clone();
    let (token, file) = read_picture_form(&mut upload, "banner").await?;
    verify_csrf(&page.session, &token)?;
    let uploaded = match file {
        Ok(bytes) => uc::upload_banner(&state.db, &user, &group.slug, bytes).await,
        Err(e) => Err(e),
    };
    match uploaded {
        Ok(_) => {
            page.flash(FlashKind::Ok, page.t("banner-saved"));
            Ok(see_other(&format!(
                "/groups/{}/edit#banner-settings",
                group.slug
            )))
        }
        Err(e) => settings_with_error(&state, &mut page, &group.slug, e).await,
    }
}

#[post("/groups/{slug}/banner/delete")]
async fn banner_delete(
    state: State,
    page: Page,
    slug: web::Path<String>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let user = page.require_user()?.id.clone();
    let slug = slug.into_inner();
    let s = slug.clone();
    state
        .db
        .transaction(move |conn| uc::delete_banner(conn, &user, &s))
        .await?;
    page.flash(FlashKind::Ok, page.t("banner-removed"));
    Ok(see_other(&format!("/groups/{slug}/edit#banner-settings")))
}

fn items(rows: &[SponsorRow]) -> Vec<SponsorItem> {
    rows.iter().map(sponsor_item).collect()
}

/// The sponsors page, with a form's errors (the new sponsor's, or one logo's).
async fn render_sponsors(
    state: &State,
    page: &mut Page,
    slug: &str,
    form: &SponsorForm,
    errors: &FormErrors,
    logo_errors: Option<(&str, &FormErrors)>,
) -> Result<maud::Markup, AppError> {
    let (viewer, s) = (page.viewer.clone(), slug.to_string());
    let (group, list) = state
        .db
        .run(move |conn| uc::sponsors_page(conn, &viewer, &s))
        .await?;
    page.use_group_locale(group.lang());
    Ok(sponsors_page(
        &page.chrome(),
        &group.name,
        &group.slug,
        &items(&list),
        form,
        errors,
        logo_errors,
    ))
}

#[get("/groups/{slug}/sponsors")]
async fn sponsors_list(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let markup = render_sponsors(
        &state,
        &mut page,
        &slug,
        &SponsorForm::default(),
        &FormErrors::default(),
        None,
    )
    .await?;
    Ok(render(markup))
}

#[post("/groups/{slug}/sponsors")]
async fn sponsor_create(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
    CsrfForm(form): CsrfForm<SponsorForm>,
) -> Result<HttpResponse, AppError> {
    let group = organiser_group(&state, &mut page, &slug).await?;
    let user = page.require_user()?.id.clone();
    let (s, name, url) = (group.slug.clone(), form.name.clone(), form.url.clone());
    let created = state
        .db
        .transaction(move |conn| uc::create_sponsor(conn, &user, &s, &name, Some(&url)))
        .await;
    match created {
        Ok(_) => {
            page.flash(FlashKind::Ok, page.t("sponsors-added"));
            Ok(see_other(&sponsors_path(&group.slug)))
        }
        Err(e) => {
            let errors = field_errors(&page, e, "name")?;
            let markup = render_sponsors(&state, &mut page, &slug, &form, &errors, None).await?;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, markup))
        }
    }
}

#[post("/groups/{slug}/sponsors/{id}")]
async fn sponsor_update(
    state: State,
    mut page: Page,
    path: web::Path<(String, SponsorId)>,
    CsrfForm(form): CsrfForm<SponsorForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let group = organiser_group(&state, &mut page, &slug).await?;
    let user = page.require_user()?.id.clone();
    let updated = state
        .db
        .transaction(move |conn| {
            let row = uc::sponsor(conn, &id)?;
            if row.sponsor.group_id != group.id {
                return Err(AppError::NotFound);
            }
            uc::update_sponsor(conn, &user, &id, Some(&form.name), Some(Some(&form.url)))
        })
        .await;
    flash_outcome(&page, updated, page.t("sponsors-saved"))?;
    Ok(see_other(&sponsors_path(&slug)))
}

#[post("/groups/{slug}/sponsors/{id}/delete")]
async fn sponsor_delete(
    state: State,
    mut page: Page,
    path: web::Path<(String, SponsorId)>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let group = organiser_group(&state, &mut page, &slug).await?;
    let user = page.require_user()?.id.clone();
    state
        .db
        .transaction(move |conn| {
            let row = uc::sponsor(conn, &id)?;
            if row.sponsor.group_id != group.id {
                return Err(AppError::NotFound);
            }
            uc::delete_sponsor(conn, &user, &id)
        })
        .await?;
    page.flash(FlashKind::Ok, page.t("sponsors-deleted"));
    Ok(see_other(&sponsors_path(&slug)))
}

#[post("/groups/{slug}/sponsors/{id}/logo")]
async fn logo_submit(
    state: State,
    mut page: Page,
    path: web::Path<(String, SponsorId)>,
    mut upload: Multipart,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let group = organiser_group(&state, &mut page, &slug).await?;
    let user = page.require_user()?.id.clone();
    let (token, file) = read_picture_form(&mut upload, "logo").await?;
    verify_csrf(&page.session, &token)?;
    let i = id.clone();
    let row = state.db.run(move |conn| uc::sponsor(conn, &i)).await?;
    if row.sponsor.group_id != group.id {
        return Err(AppError::NotFound);
    }
    let uploaded = match file {
        Ok(bytes) => uc::upload_logo(&state.db, &user, &id, bytes).await,
        Err(e) => Err(e),
    };
    match uploaded {
        Ok(_) => {
            page.flash(FlashKind::Ok, page.t("sponsors-saved"));
            Ok(see_other(&sponsors_path(&slug)))
        }
        Err(e) => {
            let errors = field_errors(&page, e, "logo")?;
            let markup = render_sponsors(
                &state,
                &mut page,
                &slug,
                &SponsorForm::default(),
                &FormErrors::default(),
                Some((id.as_str(), &errors)),
            )
            .await?;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, markup))
        }
    }
}

/// The meetup's sponsors form, with errors.
async fn render_meetup_sponsors(
    state: &State,
    page: &mut Page,
    slug: &str,
    id: &MeetupId,
    errors: &FormErrors,
) -> Result<maud::Markup, AppError> {
    let (viewer, s, i) = (page.viewer.clone(), slug.to_string(), id.clone());
    let (row, all, chosen) = state
        .db
        .run(move |conn| uc::meetup_sponsors_page(conn, &viewer, &s, &i))
        .await?;
    page.use_group_locale(row.group.lang());
    let choices: Vec<SponsorChoice> = all
        .iter()
        .map(|s| SponsorChoice {
            id: s.sponsor.id.to_string(),
            name: s.sponsor.name.clone(),
            role: chosen
                .iter()
                .find(|c| c.sponsor.sponsor.id == s.sponsor.id)
                .map(|c| c.role),
        })
        .collect();
    Ok(meetup_sponsors_page(
        &page.chrome(),
        &row.meetup.title,
        &meetup_path(&row.group.slug, &row.meetup.id),
        &sponsors_path(&row.group.slug),
        &choices,
        errors,
    ))
}

#[get("/groups/{slug}/meetups/{id}/sponsors")]
async fn meetup_sponsors_form(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let markup =
        render_meetup_sponsors(&state, &mut page, &slug, &id, &FormErrors::default()).await?;
    Ok(render(markup))
}

#[post("/groups/{slug}/meetups/{id}/sponsors")]
async fn meetup_sponsors_submit(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId)>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let mut list = Vec::new();
    for (name, value) in &fields {
        let Some(sponsor) = name.strip_prefix("role-") else {
            continue;
        };
        if value.is_empty() {
            continue;
        }
        let role = SponsorRole::parse(value)
            .ok_or_else(|| AppError::validation("sponsors", "error-sponsors_role"))?;
        list.push((SponsorId::from(sponsor), role));
    }
    // Hosts first: the order pages and mails name them in.
    list.sort_by_key(|(_, role)| SponsorRole::ALL.iter().position(|r| r == role));
    let (viewer, s, i) = (page.viewer.clone(), slug.clone(), id.clone());
    let user = page.require_user()?.id.clone();
    let saved = state
        .db
        .transaction(move |conn| {
            crate::app::groups::organised_meetup(conn, &viewer, &s, &i)?;
            uc::set_meetup_sponsors(conn, &user, &i, &list)
        })
        .await;
    match saved {
        Ok(_) => {
            page.flash(FlashKind::Ok, page.t("sponsors-saved"));
            Ok(see_other(&meetup_path(&slug, &id)))
        }
        Err(e) => {
            let errors = field_errors(&page, e, "sponsors")?;
            let markup = render_meetup_sponsors(&state, &mut page, &slug, &id, &errors).await?;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, markup))
        }
    }
}
