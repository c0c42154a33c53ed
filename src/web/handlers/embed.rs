//! The group's list for other sites: `/groups/{slug}/embed` (a page their frames may show,
//! from the origins the organisers allow), `/groups/{slug}/upcoming.json` (readable from any
//! site) and the organisers' form that sets those origins.

use actix_web::http::header;
use actix_web::{get, post, web, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::app::embed as uc;
use crate::db::now;
use crate::db::repo::meetups::MeetupRow;
use crate::domain::embed::frame_ancestors;
use crate::domain::time::format_utc;
use crate::error::AppError;
use crate::i18n::{t, Lang};
use crate::urls::{group_path, group_url, meetup_url};
use crate::views::embed::embed_page;
use crate::views::FlashKind;
use crate::web::extract::{CsrfForm, Page};
use crate::web::html::render;
use crate::web::pages::{field_errors, organiser_submit, see_other};
use crate::web::panels::meetup_item;
use crate::web::State;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(embed)
        .service(upcoming_json)
        .service(set_origins);
}

/// "Ness Pub, Clermont-Ferrand", or "Online" for a meetup without a venue.
fn place(row: &MeetupRow, lang: Lang) -> String {
    match &row.venue {
        Some(v) => match &v.city {
            Some(city) => format!("{}, {city}", v.name),
            None => v.name.clone(),
        },
        None => t(lang, "meetups-online").to_string(),
    }
}

#[get("/groups/{slug}/embed")]
async fn embed(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let (group, rows) = state
        .db
        .run(move |conn| uc::upcoming(conn, &slug, now()))
        .await?;
    page.use_group_locale(group.lang());
    let base = &state.settings.base_url;
    let items: Vec<_> = rows
        .iter()
        .map(|row| {
            let mut item = meetup_item(row, page.lang, false);
            item.place = Some(place(row, page.lang));
            (item, meetup_url(base, &group.slug, &row.meetup.id))
        })
        .collect();
    let markup = embed_page(
        page.lang,
        &group.name,
        &group_url(base, &group.slug),
        &items,
    );
    let mut response = render(markup);
    // This page alone may be framed: by the sites the organisers named, or any.
    let policy = format!(
        "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors {}",
        frame_ancestors(&group.embed_origins)
    );
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        header::HeaderValue::from_str(&policy).map_err(|_| AppError::NotFound)?,
    );
    Ok(response)
}

#[derive(Serialize)]
struct UpcomingGroup {
    slug: String,
    name: String,
    url: String,
}

#[derive(Serialize)]
struct UpcomingVenue {
    name: String,
    address: String,
    city: Option<String>,
}

#[derive(Serialize)]
struct UpcomingMeetup {
    id: String,
    title: String,
    starts_at: String,
    ends_at: String,
    timezone: String,
    url: String,
    /// The venue's name and city, or "Online".
    place: String,
    venue: Option<UpcomingVenue>,
    online: bool,
    capacity: Option<i32>,
    seats_left: Option<i64>,
}

#[derive(Serialize)]
struct Upcoming {
    group: UpcomingGroup,
    meetups: Vec<UpcomingMeetup>,
}

/// The embed's list as JSON, for any site's script (`Access-Control-Allow-Origin: *`): public
/// data only, no cookie read.
#[get("/groups/{slug}/upcoming.json")]
async fn upcoming_json(state: State, slug: web::Path<String>) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let (group, rows) = state
        .db
        .run(move |conn| uc::upcoming(conn, &slug, now()))
        .await?;
    let base = &state.settings.base_url;
    let lang = group.lang();
    let meetups = rows
        .iter()
        .map(|row| {
            let m = &row.meetup;
            UpcomingMeetup {
                id: m.id.to_string(),
                title: m.title.clone(),
                starts_at: format_utc(m.starts_at),
                ends_at: format_utc(m.ends_at),
                timezone: group.timezone.name().to_string(),
                url: meetup_url(base, &group.slug, &m.id),
                place: place(row, lang),
                venue: row.venue.as_ref().map(|v| UpcomingVenue {
                    name: v.name.clone(),
                    address: v.address.clone(),
                    city: v.city.clone(),
                }),
                online: m.online_url.is_some() || row.venue.is_none(),
                capacity: m.capacity,
                seats_left: meetup_item(row, lang, false).seats_left,
            }
        })
        .collect();
    Ok(HttpResponse::Ok()
        .insert_header((header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"))
        .insert_header((header::CACHE_CONTROL, "max-age=300"))
        .json(Upcoming {
            group: UpcomingGroup {
                slug: group.slug.clone(),
                name: group.name.clone(),
                url: group_url(base, &group.slug),
            },
            meetups,
        }))
}

#[derive(Deserialize)]
struct OriginsForm {
    #[serde(default)]
    embed_origins: String,
}

#[post("/groups/{slug}/embed/origins")]
async fn set_origins(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
    CsrfForm(form): CsrfForm<OriginsForm>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let text = form.embed_origins.clone();
    let (group, result) = organiser_submit(&state, &mut page, &slug, move |conn, group, user| {
        uc::set_origins(conn, user, &group.slug, &text)
    })
    .await?;
    let back = format!("{}/edit#embed", group_path(&group.slug));
    match result {
        Ok(_) => page.flash(FlashKind::Ok, page.t("embed-saved")),
        Err(e) => {
            let errors = field_errors(&page, e, "embed_origins")?;
            let message = errors
                .for_field("embed_origins")
                .unwrap_or_default()
                .to_string();
            page.flash(FlashKind::Bad, &message);
        }
    }
    Ok(see_other(&back))
}
