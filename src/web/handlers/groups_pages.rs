//! Home, group page, and the organisers' group and venue forms.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use chrono::Duration;

use super::accounts_pages::see_other;
use super::groups::{self as uc, GroupInput, VenueInput};
use crate::db::repo::meetups::{self, MeetupRow, When};
use crate::db::repo::{groups, venues, versions};
use crate::db::{now, DbConn};
use crate::domain::group::{GroupLink, GroupRole};
use crate::domain::time::to_local;
use crate::error::AppError;
use crate::i18n::{long_datetime, Lang};
use crate::views::components::FormErrors;
use crate::views::groups::{
    group_form, group_page, home, venue_form, GroupForm, GroupPage, GroupSummary, MeetupItem,
    VenueForm,
};
use crate::views::layout::{render, render_status};
use crate::views::FlashKind;
use crate::web::cache::html_page;
use crate::web::extract::{CsrfForm, Page};
use crate::web::{AppState, State};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(home_page)
        .service(new_group_form)
        .service(create_group)
        .service(show_group)
        .service(edit_group_form)
        .service(update_group)
        .service(join_group)
        .service(new_venue_form)
        .service(create_venue);
}

pub fn meetup_item(row: &MeetupRow, lang: Lang, with_group: bool) -> MeetupItem {
    let tz = row.group.tz();
    MeetupItem {
        path: format!("/groups/{}/meetups/{}", row.group.slug, row.meetup.id),
        title: row.meetup.title.clone(),
        when: long_datetime(lang, to_local(row.meetup.starts_at, tz)),
        group_name: with_group.then(|| row.group.name.clone()),
        place: row.venue.as_ref().map(|v| v.name.clone()),
        cancelled: row.meetup.is_cancelled(),
    }
}

/// A validation or conflict error becomes a message next to its field; anything else propagates.
pub fn field_errors(
    page: &Page,
    error: AppError,
    conflict_field: &'static str,
) -> Result<FormErrors, AppError> {
    match &error {
        AppError::Validation(e) => Ok(FormErrors::one(e.field, page.t(e.key).to_string())),
        AppError::Conflict(..) => Ok(FormErrors::one(conflict_field, error.message(page.lang))),
        _ => Err(error),
    }
}

#[get("/")]
async fn home_page(state: State, page: Page) -> Result<HttpResponse, AppError> {
    let (groups, upcoming) = state
        .db
        .run(|conn| {
            Ok((
                groups::all_groups(conn)?,
                meetups::upcoming_meetups(conn, now(), 20)?,
            ))
        })
        .await?;
    let summaries: Vec<GroupSummary> = groups
        .into_iter()
        .map(|(g, members)| GroupSummary {
            slug: g.slug,
            name: g.name,
            members,
        })
        .collect();
    let items: Vec<MeetupItem> = upcoming
        .iter()
        .map(|r| meetup_item(r, page.lang, true))
        .collect();
    Ok(render(home(
        &page.chrome(),
        page.user.is_some(),
        &summaries,
        &items,
    )))
}

/// `Label | URL` lines into links; a line without both parts is an error on `links`.
fn parse_link_lines(text: &str) -> Result<Vec<GroupLink>, AppError> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| match line.split_once('|') {
            Some((label, url)) => Ok(GroupLink {
                label: label.trim().into(),
                url: url.trim().into(),
            }),
            None => Err(AppError::validation("links", "error.links_invalid")),
        })
        .collect()
}

fn group_input(form: &GroupForm) -> Result<GroupInput, AppError> {
    Ok(GroupInput {
        slug: form.slug.clone(),
        name: form.name.clone(),
        description: form.description.clone(),
        timezone: form.timezone.clone(),
        locale: form.locale.clone(),
        links: parse_link_lines(&form.links)?,
    })
}

#[get("/groups/new")]
async fn new_group_form(page: Page) -> Result<HttpResponse, AppError> {
    page.require_user()?;
    let form = GroupForm {
        timezone: "Europe/Paris".into(),
        locale: page.lang.code().into(),
        ..Default::default()
    };
    Ok(render(group_form(
        &page.chrome(),
        &form,
        &FormErrors::default(),
        None,
    )))
}

#[post("/groups/new")]
async fn create_group(
    state: State,
    page: Page,
    CsrfForm(form): CsrfForm<GroupForm>,
) -> Result<HttpResponse, AppError> {
    let user = page.require_user()?;
    let result = match group_input(&form) {
        Ok(input) => uc::create_group(&state, user, &input).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(group) => {
            page.flash(
                FlashKind::Ok,
                crate::i18n::t(group.lang(), "groups.created"),
            );
            Ok(see_other(&format!("/groups/{}", group.slug)))
        }
        Err(e) => {
            let errors = field_errors(&page, e, "slug")?;
            Ok(render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                group_form(&page.chrome(), &form, &errors, None),
            ))
        }
    }
}

pub async fn group_page_extra(
    state: &AppState,
    page: &Page,
    group: &crate::db::models::Group,
) -> Result<Vec<maud::Markup>, AppError> {
    Ok(vec![
        super::reports_links::group_reports(state, page, group).await?,
        super::talks_pages::suggestions_panel(state, page, group).await?,
    ])
}

#[get("/groups/{slug}")]
async fn show_group(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let key = page.shared_key("group-page");
    let s = slug.clone();
    let body = render_group(&state, &mut page, &slug);
    let stamp = move |conn: &mut DbConn, at| {
        versions::group_stamp(conn, &s, at, Duration::zero())?.ok_or(AppError::NotFound)
    };
    html_page(&state, key, stamp, body).await
}

async fn render_group(state: &AppState, page: &mut Page, slug: &str) -> Result<String, AppError> {
    let group = uc::load_group(state, slug).await?;
    page.use_group_locale(group.lang());
    let role = uc::role_in(state, &group, page.user.as_ref()).await?;
    let gid = group.id.clone();
    let (members, upcoming, past, venue_list) = state
        .db
        .run(move |conn| {
            let at = now();
            Ok((
                groups::members_count(conn, &gid)?,
                meetups::meetups_of_group(conn, &gid, When::Upcoming, at, 200)?,
                meetups::meetups_of_group(conn, &gid, When::Past, at, 200)?,
                venues::venues_of_group(conn, &gid)?,
            ))
        })
        .await?;
    let extra = group_page_extra(state, page, &group).await?;
    let view = GroupPage {
        group: &group,
        members,
        role,
        signed_in: page.user.is_some(),
        upcoming: upcoming
            .iter()
            .map(|r| meetup_item(r, page.lang, false))
            .collect(),
        past: past
            .iter()
            .map(|r| meetup_item(r, page.lang, false))
            .collect(),
        venues: if role == Some(GroupRole::Organiser) {
            venue_list
        } else {
            Vec::new()
        },
        feed_url: format!(
            "{}/groups/{}/calendar.ics",
            state.settings.base_url, group.slug
        ),
        extra,
    };
    Ok(group_page(&page.chrome(), &view).into_string())
}

/// The group of an organiser-only page, in its language; 403 for others, sign-in for anonymous.
pub async fn organiser_group(
    state: &AppState,
    page: &mut Page,
    slug: &str,
) -> Result<crate::db::models::Group, AppError> {
    let group = uc::load_group(state, slug).await?;
    page.use_group_locale(group.lang());
    uc::require_organiser(state, &group, page.require_user()?).await?;
    Ok(group)
}

#[get("/groups/{slug}/edit")]
async fn edit_group_form(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let group = organiser_group(&state, &mut page, &slug).await?;
    Ok(render(group_form(
        &page.chrome(),
        &GroupForm::from_group(&group),
        &FormErrors::default(),
        Some(&group.slug),
    )))
}

#[post("/groups/{slug}/edit")]
async fn update_group(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
    CsrfForm(form): CsrfForm<GroupForm>,
) -> Result<HttpResponse, AppError> {
    let group = organiser_group(&state, &mut page, &slug).await?;
    let form = GroupForm {
        slug: group.slug.clone(),
        ..form
    };
    let result = match group_input(&form) {
        Ok(input) => uc::update_group(&state, page.require_user()?, &group, &input).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => {
            page.flash(FlashKind::Ok, page.t("groups.saved"));
            Ok(see_other(&format!("/groups/{}", group.slug)))
        }
        Err(e) => {
            let errors = field_errors(&page, e, "name")?;
            Ok(render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                group_form(&page.chrome(), &form, &errors, Some(&group.slug)),
            ))
        }
    }
}

#[derive(serde::Deserialize)]
struct Empty {}

#[post("/groups/{slug}/join")]
async fn join_group(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let group = uc::load_group(&state, &slug).await?;
    page.use_group_locale(group.lang());
    let user = page.require_user()?.clone();
    let gid = group.id.clone();
    state
        .db
        .run_write(move |conn| groups::join_group(conn, &gid, &user.id))
        .await?;
    page.flash(FlashKind::Ok, page.t("groups.joined"));
    Ok(see_other(&format!("/groups/{}", group.slug)))
}

#[get("/groups/{slug}/venues/new")]
async fn new_venue_form(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let group = organiser_group(&state, &mut page, &slug).await?;
    Ok(render(venue_form(
        &page.chrome(),
        &group.slug,
        &VenueForm::default(),
        &FormErrors::default(),
    )))
}

/// An optional decimal from a form field; text that is not a number is an error on that field.
fn optional_number(text: &str, field: &'static str) -> Result<Option<f64>, AppError> {
    let t = text.trim().replace(',', ".");
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<f64>()
        .map(Some)
        .map_err(|_| AppError::validation(field, "error.number_invalid"))
}

#[post("/groups/{slug}/venues/new")]
async fn create_venue(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
    CsrfForm(form): CsrfForm<VenueForm>,
) -> Result<HttpResponse, AppError> {
    let group = organiser_group(&state, &mut page, &slug).await?;
    let input = (|| {
        Ok::<_, AppError>(VenueInput {
            name: form.name.clone(),
            address: form.address.clone(),
            city: Some(form.city.clone()),
            latitude: optional_number(&form.latitude, "latitude")?,
            longitude: optional_number(&form.longitude, "longitude")?,
            url: Some(form.url.clone()),
        })
    })();
    let result = match input {
        Ok(input) => uc::create_venue(&state, page.require_user()?, &group, &input)
            .await
            .map(|_| ()),
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => {
            page.flash(FlashKind::Ok, page.t("venues.added"));
            Ok(see_other(&format!("/groups/{}", group.slug)))
        }
        Err(e) => {
            let errors = field_errors(&page, e, "name")?;
            Ok(render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                venue_form(&page.chrome(), &group.slug, &form, &errors),
            ))
        }
    }
}
