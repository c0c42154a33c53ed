//! Home, group page, and the organisers' group and venue forms.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use serde::Deserialize;

use crate::app::access::Viewer;
use crate::app::freshness;
use crate::app::group_page;
use crate::app::groups::{self as uc, GroupInput, VenueInput, VenuePatch};
use crate::db::models::{Group, Venue};
use crate::db::{now, DbConn};
use crate::domain::group::{GroupLink, GroupRole};
use crate::domain::ids::{UserId, VenueId};
use crate::domain::paging::Paging;
use crate::domain::time::to_local;
use crate::domain::venue::Accessibility;
use crate::error::AppError;
use crate::i18n::long_datetime;
use crate::urls::{group_calendar_url, group_path, group_url, reports_feed_url};
use crate::views::components::FormErrors;
use crate::views::errors::group_not_found as group_not_found_page;
use crate::views::groups::{
    group_form, group_page, home, known_fact, members_page, venue_form, GroupForm, GroupPage,
    GroupSummary, MeetupItem, MemberItem, Pages, VenueForm, VenueTarget,
};
use crate::views::FlashKind;
use crate::web::cache::html_page;
use crate::web::extract::{CsrfForm, Empty, Page};
use crate::web::html::{render, render_status};
use crate::web::pages::{
    card_image, embed_settings_for, field_errors, flash_outcome, organiser_group,
    organiser_group_with_banner, organiser_submit, see_other,
};
use crate::web::panels::{
    attendance_text, meetup_item, reports_section, series_section, suggestions_section,
};
use crate::web::{AppState, State};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(home_page)
        .service(new_group_form)
        .service(create_group)
        .service(show_group)
        .service(edit_group_form)
        .service(update_group)
        .service(join_group)
        .service(leave_group)
        .service(new_venue_form)
        .service(create_venue)
        .service(edit_venue_form)
        .service(edit_venue_submit)
        .service(delete_venue_submit)
        .service(members_list)
        .service(member_role_submit)
        .service(member_remove_submit);
}

#[get("/")]
async fn home_page(state: State, page: Page) -> Result<HttpResponse, AppError> {
    let directory = state.db.run(|conn| uc::directory(conn, 20)).await?;
    let summaries: Vec<GroupSummary> = directory
        .groups
        .into_iter()
        .map(|(g, members)| GroupSummary {
            slug: g.slug,
            name: g.name,
            members,
        })
        .collect();
    let items: Vec<MeetupItem> = directory
        .upcoming
        .iter()
        .map(|r| meetup_item(r, page.lang, true))
        .collect();
    let may_create = page
        .user()
        .is_some_and(|u| uc::may_create_groups(&state.settings, u));
    Ok(render(home(&page.chrome(), may_create, &summaries, &items)))
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
            None => Err(AppError::validation("links", "error-links_invalid")),
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
        attendee_visibility: form.attendee_visibility.clone(),
        code_of_conduct_url: Some(form.code_of_conduct_url.clone()),
        incident_contact: Some(form.incident_contact.clone()),
        require_code_of_conduct: form.require_code_of_conduct.is_some(),
        reconfirm_before: Some(form.reconfirm_before.clone()),
        auto_release_before: Some(form.auto_release_before.clone()),
        guest_rsvps: form.guest_rsvps.is_some(),
    })
}

#[get("/groups/new")]
async fn new_group_form(state: State, page: Page) -> Result<HttpResponse, AppError> {
    if !uc::may_create_groups(&state.settings, page.require_user()?) {
        return Err(AppError::Forbidden);
    }
    let form = GroupForm {
        timezone: "Europe/Paris".into(),
        locale: page.lang.code().into(),
        guest_rsvps: Some("yes".into()),
        ..Default::default()
    };
    Ok(render(group_form(
        &page.chrome(),
        &form,
        &FormErrors::default(),
        None,
        None,
    )))
}

#[post("/groups/new")]
async fn create_group(
    state: State,
    page: Page,
    CsrfForm(form): CsrfForm<GroupForm>,
) -> Result<HttpResponse, AppError> {
    let user = page.require_user()?.clone();
    let result = match group_input(&form) {
        Ok(input) => {
            let settings = state.settings.clone();
            state
                .db
                .transaction(move |conn| uc::create_group(conn, &settings, &user, &input))
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(group) => {
            page.flash(
                FlashKind::Ok,
                crate::i18n::t(group.lang(), "groups-created"),
            );
            Ok(see_other(&group_path(&group.slug)))
        }
        Err(e) => {
            let errors = field_errors(&page, e, "slug")?;
            Ok(render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                group_form(&page.chrome(), &form, &errors, None, None),
            ))
        }
    }
}

#[get("/groups/{slug}")]
async fn show_group(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let key = page.shared_key("group-page");
    let stamp = freshness::group_page(slug.clone());
    let body = render_group(&state, &mut page, &slug);
    match html_page(&state, key, stamp, body).await {
        Err(AppError::NotFound) => group_not_found(&state, &page, slug.into_inner()).await,
        shown => shown,
    }
}

/// 404, suggesting the group whose address is nearest to the one typed, if one is near.
async fn group_not_found(
    state: &AppState,
    page: &Page,
    slug: String,
) -> Result<HttpResponse, AppError> {
    let suggestion = state
        .db
        .run(move |conn| uc::slug_suggestion(conn, &slug))
        .await?;
    let Some((slug, name)) = suggestion else {
        return Err(AppError::NotFound);
    };
    Ok(render_status(
        StatusCode::NOT_FOUND,
        group_not_found_page(&page.chrome(), &group_path(&slug), &name),
    ))
}

async fn render_group(state: &AppState, page: &mut Page, slug: &str) -> Result<String, AppError> {
    let (viewer, slug) = (page.viewer.clone(), slug.to_string());
    let data = state
        .db
        .run(move |conn| group_page::page(conn, &viewer, &slug))
        .await?;
    let (group, role, overview) = (&data.group, data.role, data.overview);
    page.use_group_locale(group.lang());
    let open_polls: Vec<(String, String)> = data
        .polls
        .iter()
        .map(|p| (p.title.clone(), crate::urls::poll_path(&group.slug, &p.id)))
        .collect();
    let extra = vec![
        crate::views::polls::polls_section(
            &page.chrome(),
            &open_polls,
            (role == Some(GroupRole::Organiser))
                .then(|| crate::urls::new_poll_path(&group.slug))
                .as_deref(),
        ),
        series_section(page, group, &data.series),
        reports_section(page, group, &data.reports),
        suggestions_section(page, group, &data.suggestions),
    ];
    let view = GroupPage {
        group,
        members: overview.members,
        role,
        signed_in: page.viewer.is_signed_in(),
        upcoming: overview
            .upcoming
            .iter()
            .map(|r| MeetupItem {
                answer: data.answers.get(&r.meetup.id).copied(),
                ..meetup_item(r, page.lang, false)
            })
            .collect(),
        past: overview
            .past
            .iter()
            .map(|r| meetup_item(r, page.lang, false))
            .collect(),
        venues: if role == Some(GroupRole::Organiser) {
            overview.venues
        } else {
            Vec::new()
        },
        feed_url: group_calendar_url(&state.settings.base_url, &group.slug),
        url: group_url(&state.settings.base_url, &group.slug),
        card_image: card_image(&state.settings.base_url, group, data.banner.as_ref()).0,
        card_image_size: card_image(&state.settings.base_url, group, data.banner.as_ref()).1,
        banner: data
            .banner
            .as_ref()
            .map(|b| crate::urls::banner_path(&group.slug, &b.version)),
        atom_url: reports_feed_url(&state.settings.base_url, &group.slug),
        extra,
    };
    Ok(group_page(&page.chrome(), &view).into_string())
}

#[get("/groups/{slug}/edit")]
async fn edit_group_form(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (group, banner) = organiser_group_with_banner(&state, &mut page, &slug).await?;
    Ok(render(group_form(
        &page.chrome(),
        &GroupForm::from_group(&group),
        &FormErrors::default(),
        Some(&group.slug),
        Some(&embed_settings_for(&state, &group, banner.as_ref())),
    )))
}

#[post("/groups/{slug}/edit")]
async fn update_group(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
    CsrfForm(form): CsrfForm<GroupForm>,
) -> Result<HttpResponse, AppError> {
    // The slug is not edited here: the one in the URL is kept.
    let input = group_input(&form);
    // A refused form shows the banner again, read in the same checkout; a refusal happens
    // before the one write, so nothing of it is committed. A saved form needs no banner.
    let (group, result) = organiser_submit(&state, &mut page, &slug, move |conn, group, user| {
        let saved = input.and_then(|input| {
            let input = GroupInput {
                slug: group.slug.clone(),
                ..input
            };
            uc::update_group(conn, user, &group.id, &input)
        });
        let banner = match saved {
            Ok(()) => None,
            Err(_) => crate::app::sponsors::banner_ref(conn, group)?,
        };
        Ok((saved, banner))
    })
    .await?;
    let (result, banner) = result?;
    match result {
        Ok(()) => {
            page.flash(FlashKind::Ok, page.t("groups-saved"));
            Ok(see_other(&group_path(&group.slug)))
        }
        Err(e) => {
            let errors = field_errors(&page, e, "name")?;
            let form = GroupForm {
                slug: group.slug.clone(),
                ..form
            };
            Ok(render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                group_form(
                    &page.chrome(),
                    &form,
                    &errors,
                    Some(&group.slug),
                    Some(&embed_settings_for(&state, &group, banner.as_ref())),
                ),
            ))
        }
    }
}

#[derive(Deserialize, Default)]
struct JoinForm {
    /// The code of conduct's box, ticked.
    #[serde(default)]
    accept_code_of_conduct: Option<String>,
}

#[post("/groups/{slug}/join")]
async fn join_group(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
    CsrfForm(form): CsrfForm<JoinForm>,
) -> Result<HttpResponse, AppError> {
    let user = page.user().map(|u| u.id.clone());
    let slug = slug.into_inner();
    let accepts = form.accept_code_of_conduct.is_some();
    let settings = state.settings.clone();
    let (group, joined) = state
        .db
        .run_write(move |conn| {
            let group = uc::group_at(conn, &slug)?;
            // Sign-in after 404, as for every group page.
            let user = user.ok_or(AppError::Unauthorized)?;
            let joined = uc::join_group(conn, &settings, &group.id, &user, accepts);
            Ok((group, joined))
        })
        .await?;
    page.use_group_locale(group.lang());
    flash_outcome(&page, joined, page.t("groups-joined"))?;
    Ok(see_other(&group_path(&group.slug)))
}

#[post("/groups/{slug}/leave")]
async fn leave_group(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let user = page.user().map(|u| u.id.clone());
    let slug = slug.into_inner();
    let (group, result) = state
        .db
        .run_write(move |conn| uc::leave_from_page(conn, &slug, user.as_ref()))
        .await?;
    page.use_group_locale(group.lang());
    flash_outcome(&page, result, page.t("account-left_group"))?;
    Ok(see_other("/account"))
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
        &VenueTarget::New { slug: &group.slug },
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
        .map_err(|_| AppError::validation(field, "error-number_invalid"))
}

fn venue_input(form: &VenueForm) -> Result<VenueInput, AppError> {
    Ok(VenueInput {
        name: form.name.clone(),
        address: form.address.clone(),
        city: Some(form.city.clone()),
        latitude: optional_number(&form.latitude, "latitude")?,
        longitude: optional_number(&form.longitude, "longitude")?,
        url: Some(form.url.clone()),
        accessibility: Accessibility {
            step_free: known_fact(&form.step_free),
            accessible_toilet: known_fact(&form.accessible_toilet),
            hearing_loop: known_fact(&form.hearing_loop),
            notes: Some(form.access_notes.clone()),
        },
        entry_instructions: Some(form.entry_instructions.clone()),
        host_contact: Some(form.host_contact.clone()),
        capacity: optional_count(&form.capacity)?,
    })
}

/// An optional whole number from a form field.
fn optional_count(text: &str) -> Result<Option<i64>, AppError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<i64>()
        .map(Some)
        .map_err(|_| AppError::validation("capacity", "error-capacity_invalid"))
}

#[post("/groups/{slug}/venues/new")]
async fn create_venue(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
    CsrfForm(form): CsrfForm<VenueForm>,
) -> Result<HttpResponse, AppError> {
    let input = venue_input(&form);
    let (group, result) = organiser_submit(&state, &mut page, &slug, move |conn, group, user| {
        uc::create_venue(conn, user, &group.id, &input?).map(|_| ())
    })
    .await?;
    match result {
        Ok(()) => {
            page.flash(FlashKind::Ok, page.t("venues-added"));
            Ok(see_other(&group_path(&group.slug)))
        }
        Err(e) => {
            let errors = field_errors(&page, e, "name")?;
            Ok(render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                venue_form(
                    &page.chrome(),
                    &VenueTarget::New { slug: &group.slug },
                    &form,
                    &errors,
                ),
            ))
        }
    }
}

/// The organiser's venue of the group at `slug`, and the organiser: 404 when the venue belongs
/// to another group.
fn organised_venue_at(
    conn: &mut DbConn,
    viewer: &Viewer,
    slug: &str,
    venue_id: &VenueId,
) -> Result<(Group, Venue, UserId), AppError> {
    let group = uc::organised_group(conn, viewer, slug)?;
    let user = viewer.require_user()?.id.clone();
    let venue = uc::organised_venue(conn, &user, venue_id)?;
    if venue.group_id != group.id {
        return Err(AppError::NotFound);
    }
    Ok((group, venue, user))
}

/// The organiser's venue of the group at `slug`, in one checkout.
async fn group_venue(
    state: &AppState,
    page: &mut Page,
    slug: &str,
    venue_id: &VenueId,
) -> Result<(Group, Venue), AppError> {
    let (viewer, slug, venue_id) = (page.viewer.clone(), slug.to_string(), venue_id.clone());
    let (group, venue, _) = state
        .db
        .run(move |conn| organised_venue_at(conn, &viewer, &slug, &venue_id))
        .await?;
    page.use_group_locale(group.lang());
    Ok((group, venue))
}

/// A form about the organiser's venue, in one checkout: the venue as [`group_venue`] finds it,
/// then `work` in one transaction; a refusal comes back to be shown on the form.
async fn venue_submit<T, W>(
    state: &AppState,
    page: &mut Page,
    slug: &str,
    venue_id: &VenueId,
    work: W,
) -> Result<(Group, Venue, Result<T, AppError>), AppError>
where
    W: FnOnce(&mut DbConn, &Venue, &UserId) -> Result<T, AppError> + Send + 'static,
    T: Send + 'static,
{
    let (viewer, slug, venue_id) = (page.viewer.clone(), slug.to_string(), venue_id.clone());
    let read = move |conn: &mut DbConn| organised_venue_at(conn, &viewer, &slug, &venue_id);
    let work =
        move |conn: &mut DbConn, (_, venue, user): &(Group, Venue, UserId)| work(conn, venue, user);
    let ((group, venue, _), done) = state.db.read_then_transaction(read, work).await?;
    page.use_group_locale(group.lang());
    Ok((group, venue, done))
}

#[get("/groups/{slug}/venues/{venue_id}/edit")]
async fn edit_venue_form(
    state: State,
    mut page: Page,
    path: web::Path<(String, VenueId)>,
) -> Result<HttpResponse, AppError> {
    let (slug, venue_id) = path.into_inner();
    let (group, venue) = group_venue(&state, &mut page, &slug, &venue_id).await?;
    let target = VenueTarget::Existing {
        slug: &group.slug,
        venue_id: &venue.id,
    };
    Ok(render(venue_form(
        &page.chrome(),
        &target,
        &VenueForm::from_venue(&venue),
        &FormErrors::default(),
    )))
}

#[post("/groups/{slug}/venues/{venue_id}/edit")]
async fn edit_venue_submit(
    state: State,
    mut page: Page,
    path: web::Path<(String, VenueId)>,
    CsrfForm(form): CsrfForm<VenueForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, venue_id) = path.into_inner();
    let input = venue_input(&form);
    let work = move |conn: &mut DbConn, venue: &Venue, user: &UserId| {
        uc::update_venue(conn, user, &venue.id, VenuePatch::replacing(input?)).map(|_| ())
    };
    let (group, venue, result) = venue_submit(&state, &mut page, &slug, &venue_id, work).await?;
    match result {
        Ok(()) => {
            page.flash(FlashKind::Ok, page.t("venues-saved"));
            Ok(see_other(&group_path(&group.slug)))
        }
        Err(e) => {
            let errors = field_errors(&page, e, "name")?;
            let target = VenueTarget::Existing {
                slug: &group.slug,
                venue_id: &venue.id,
            };
            Ok(render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                venue_form(&page.chrome(), &target, &form, &errors),
            ))
        }
    }
}

#[post("/groups/{slug}/venues/{venue_id}/delete")]
async fn delete_venue_submit(
    state: State,
    mut page: Page,
    path: web::Path<(String, VenueId)>,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let (slug, venue_id) = path.into_inner();
    let work = move |conn: &mut DbConn, venue: &Venue, user: &UserId| {
        uc::delete_venue(conn, user, &venue.id)
    };
    let (group, venue, result) = venue_submit(&state, &mut page, &slug, &venue_id, work).await?;
    let refused = result.is_err();
    flash_outcome(&page, result, page.t("venues-deleted"))?;
    Ok(see_other(&if refused {
        format!("/groups/{}/venues/{}/edit", group.slug, venue.id)
    } else {
        group_path(&group.slug)
    }))
}

#[derive(serde::Deserialize)]
struct PageQuery {
    page: Option<i64>,
}

#[get("/groups/{slug}/members")]
async fn members_list(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let (viewer, slug) = (page.viewer.clone(), slug.into_inner());
    let paging = Paging::new(query.page, None, uc::MEMBERS_PER_PAGE, uc::MEMBERS_PER_PAGE);
    let (group, shown, attendance) = state
        .db
        .run(move |conn| {
            let group = uc::organised_group(conn, &viewer, &slug)?;
            let members = uc::members(conn, &viewer, &group, paging)?;
            let ids: Vec<_> = members.members.iter().map(|m| m.user_id.clone()).collect();
            let attendance = crate::app::attendance::attendance_of(conn, &group.id, &ids, now())?;
            Ok((group, members, attendance))
        })
        .await?;
    page.use_group_locale(group.lang());
    let members: Vec<MemberItem> = shown
        .members
        .into_iter()
        .map(|m| MemberItem {
            user_id: m.user_id.to_string(),
            name: m.name,
            email: m.email,
            organiser: m.role == GroupRole::Organiser,
            helper: m.role == GroupRole::Helper,
            attendance: attendance_text(
                page.lang,
                &attendance.get(&m.user_id).copied().unwrap_or_default(),
            ),
            last_organiser: m.role == GroupRole::Organiser && shown.organisers == 1,
            conduct_accepted: m
                .code_of_conduct_accepted_at
                .map(|at| long_datetime(page.lang, to_local(at, group.tz()))),
        })
        .collect();
    let at = |n: i64| format!("{}/members?page={n}", group_path(&group.slug));
    let pages = Pages {
        previous: paging.has_previous().then(|| at(paging.page - 1)),
        next: paging.has_next(shown.total).then(|| at(paging.page + 1)),
    };
    Ok(render(members_page(
        &page.chrome(),
        &group,
        &members,
        &pages,
    )))
}

#[derive(serde::Deserialize)]
struct RoleForm {
    #[serde(default)]
    role: String,
}

#[post("/groups/{slug}/members/{user_id}/role")]
async fn member_role_submit(
    state: State,
    mut page: Page,
    path: web::Path<(String, UserId)>,
    CsrfForm(form): CsrfForm<RoleForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, member_id) = path.into_inner();
    let (group, result) = organiser_submit(&state, &mut page, &slug, move |conn, group, user| {
        uc::set_member_role(conn, user, &group.id, &member_id, &form.role)
    })
    .await?;
    flash_outcome(&page, result, page.t("members-role_changed"))?;
    Ok(see_other(&format!("{}/members", group_path(&group.slug))))
}

#[post("/groups/{slug}/members/{user_id}/remove")]
async fn member_remove_submit(
    state: State,
    mut page: Page,
    path: web::Path<(String, UserId)>,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let (slug, member_id) = path.into_inner();
    let (group, result) = organiser_submit(&state, &mut page, &slug, move |conn, group, user| {
        uc::remove_member(conn, user, &group.id, &member_id)
    })
    .await?;
    flash_outcome(&page, result, page.t("members-removed"))?;
    Ok(see_other(&format!("{}/members", group_path(&group.slug))))
}
