//! Page plumbing shared by the HTML handlers: redirects, form errors, flashed refusals, and the
//! group or meetup a page is about (in that group's language).

use actix_web::http::header;
use actix_web::HttpResponse;

use crate::app;
use crate::app::access::Viewer;
use crate::db::models::{Group, User};
use crate::db::now;
use crate::db::repo::meetups::{MeetupRow, When};
use crate::db::DbConn;
use crate::domain::ids::{MeetupId, UserId};
use crate::domain::privacy::OnlineUrlVisibility;
use crate::domain::rsvp::{RsvpOutcome, RsvpStatus};
use crate::domain::talk::TalkInput;
use crate::domain::time::to_local;
use crate::error::AppError;
use crate::i18n::{long_date, t, tf, Lang};
use crate::views::components::FormErrors;
use crate::views::talks::TalkForm;
use crate::views::FlashKind;
use crate::web::extract::Page;
use crate::web::AppState;

pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish()
}

/// The online link's visibility as a form's checkbox "show it to everyone" says it.
pub fn visibility(public: bool) -> &'static str {
    if public {
        OnlineUrlVisibility::Public.as_str()
    } else {
        OnlineUrlVisibility::Going.as_str()
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
        AppError::Invalid(errors) => Ok(FormErrors(
            errors
                .iter()
                .map(|e| (e.field, page.t(e.key).to_string()))
                .collect(),
        )),
        AppError::Conflict(..) => Ok(FormErrors::one(conflict_field, error.message(page.lang))),
        _ => Err(error),
    }
}

/// After a button: success flashes `done`, a refusal (conflict, bad value) flashes its reason,
/// anything else propagates as an error page.
pub fn flash_outcome<T>(
    page: &Page,
    result: Result<T, AppError>,
    done: &str,
) -> Result<(), AppError> {
    match result {
        Ok(_) => page.flash(FlashKind::Ok, done),
        Err(e @ (AppError::Conflict(..) | AppError::Validation(_) | AppError::Invalid(_))) => {
            page.flash(FlashKind::Bad, &e.message(page.lang))
        }
        Err(e) => return Err(e),
    }
    Ok(())
}

/// What a flash says of an answer just recorded.
pub fn answered_text(lang: Lang, outcome: &RsvpOutcome) -> String {
    match outcome.party.status {
        RsvpStatus::Going => t(lang, "rsvp-saved_going").to_string(),
        RsvpStatus::Waitlisted => tf(
            lang,
            "rsvp-saved_waitlisted",
            &[("n", &outcome.position.unwrap_or(0))],
        ),
        RsvpStatus::NotGoing => t(lang, "rsvp-saved_not_going").to_string(),
    }
}

/// After a vote: a refusal (the poll closed meanwhile) is flashed, anything else propagates.
pub fn flash_conflict<T>(page: &Page, result: Result<T, AppError>) -> Result<(), AppError> {
    match result {
        Err(e @ AppError::Conflict(..)) => page.flash(FlashKind::Bad, &e.message(page.lang)),
        other => {
            other?;
        }
    }
    Ok(())
}

/// The group of a page under `/groups/{slug}`, with the page in the group's language.
pub async fn group_for_page(
    state: &AppState,
    page: &mut Page,
    slug: &str,
) -> Result<Group, AppError> {
    let slug = slug.to_string();
    let group = state
        .db
        .run(move |conn| app::groups::group_at(conn, &slug))
        .await?;
    page.use_group_locale(group.lang());
    Ok(group)
}

/// The group of an organiser-only page, in its language; 403 for others, sign-in for anonymous.
pub async fn organiser_group(
    state: &AppState,
    page: &mut Page,
    slug: &str,
) -> Result<Group, AppError> {
    let (viewer, slug) = (page.viewer.clone(), slug.to_string());
    let group = state
        .db
        .run(move |conn| app::groups::organised_group(conn, &viewer, &slug))
        .await?;
    page.use_group_locale(group.lang());
    Ok(group)
}

/// The meetup of a page under `/groups/{slug}/meetups/{id}`, with the page in its group's language.
pub async fn meetup_for_page(
    state: &AppState,
    page: &mut Page,
    slug: &str,
    id: &MeetupId,
) -> Result<MeetupRow, AppError> {
    let row = app::meetups::meetup_in_group(&state.db, slug, id).await?;
    page.use_group_locale(row.group.lang());
    Ok(row)
}

/// The organiser's group, then the meetup in it, read in one checkout: organiser-only meetup
/// pages (404 for no such group, then sign-in or 403, then 404 for no such meetup in it).
pub async fn organiser_meetup(
    state: &AppState,
    page: &mut Page,
    slug: &str,
    id: &MeetupId,
) -> Result<(Group, MeetupRow), AppError> {
    let (group, row) = app::meetups::group_and_meetup(&state.db, slug, id).await?;
    page.use_group_locale(group.lang());
    page.viewer.require_organiser(&group.id)?;
    Ok((group, row.ok_or(AppError::NotFound)?))
}

/// A signed-in person's form, in one checkout: `read` finds what the answer is shown in (its
/// refusal, such as 404, is the answer), then sign-in is asked for; then `work` runs in one
/// transaction, given what was read and the user, and its refusal comes back to be shown on
/// the form.
pub async fn signed_in_submit<C, T, R, W>(
    state: &AppState,
    page: &Page,
    read: R,
    work: W,
) -> Result<(C, Result<T, AppError>), AppError>
where
    R: FnOnce(&mut DbConn, &Viewer) -> Result<C, AppError> + Send + 'static,
    W: FnOnce(&mut DbConn, &C, &User) -> Result<T, AppError> + Send + 'static,
    C: Send + 'static,
    T: Send + 'static,
{
    let viewer = page.viewer.clone();
    let read = move |conn: &mut DbConn| {
        let context = read(conn, &viewer)?;
        Ok((context, viewer.require_user()?.clone()))
    };
    let work = move |conn: &mut DbConn, (context, user): &(C, User)| work(conn, context, user);
    let ((context, _), done) = state.db.read_then_transaction(read, work).await?;
    Ok((context, done))
}

/// A form on an organiser's page about the group at `slug`, in one checkout: 404 for no such
/// group, then sign-in or 403; then `work` in one transaction, given the organiser, whose role
/// the use case checks again inside it. The page takes the group's language, and a refusal
/// comes back to be shown on the form.
pub async fn organiser_submit<T, W>(
    state: &AppState,
    page: &mut Page,
    slug: &str,
    work: W,
) -> Result<(Group, Result<T, AppError>), AppError>
where
    W: FnOnce(&mut DbConn, &Group, &UserId) -> Result<T, AppError> + Send + 'static,
    T: Send + 'static,
{
    let slug = slug.to_string();
    let (group, done) = signed_in_submit(
        state,
        page,
        move |conn, viewer| app::groups::organised_group(conn, viewer, &slug),
        move |conn, group, user| work(conn, group, &user.id),
    )
    .await?;
    page.use_group_locale(group.lang());
    Ok((group, done))
}

/// A signed-in person's button on one record (a talk, a venue suggestion), in one checkout:
/// `group_of` finds the record's group (404 for no such record), then sign-in, then `work` in
/// one transaction; the page takes the group's language, and the group comes back with the
/// outcome.
pub async fn record_submit<I, T, G, W>(
    state: &AppState,
    page: &mut Page,
    id: I,
    group_of: G,
    work: W,
) -> Result<(Group, Result<T, AppError>), AppError>
where
    I: Send + 'static,
    G: FnOnce(&mut DbConn, &I) -> Result<Group, AppError> + Send + 'static,
    W: FnOnce(&mut DbConn, &I, &User) -> Result<T, AppError> + Send + 'static,
    T: Send + 'static,
{
    let read = move |conn: &mut DbConn, _: &Viewer| Ok((group_of(conn, &id)?, id));
    let work = move |conn: &mut DbConn, (_, id): &(Group, I), user: &User| work(conn, id, user);
    let ((group, _), done) = signed_in_submit(state, page, read, work).await?;
    page.use_group_locale(group.lang());
    Ok((group, done))
}

/// A member's form about the meetup `id` of the group at `slug`, in one checkout: 404 for no
/// such meetup in the group, then sign-in; then `work` in one transaction, as [`organiser_submit`].
pub async fn meetup_submit<T, W>(
    state: &AppState,
    page: &mut Page,
    slug: &str,
    id: &MeetupId,
    work: W,
) -> Result<(MeetupRow, Result<T, AppError>), AppError>
where
    W: FnOnce(&mut DbConn, &MeetupRow, &UserId) -> Result<T, AppError> + Send + 'static,
    T: Send + 'static,
{
    let (slug, id) = (slug.to_string(), id.clone());
    let (row, done) = signed_in_submit(
        state,
        page,
        move |conn, _| app::meetups::meetup_at(conn, &slug, &id),
        move |conn, row, user| work(conn, row, &user.id),
    )
    .await?;
    page.use_group_locale(row.group.lang());
    Ok((row, done))
}

/// A form on an organiser's meetup page, in one checkout: 404 for no such group, sign-in or
/// 403, 404 for no such meetup in it, then `work` in one transaction, as [`organiser_submit`].
pub async fn organiser_meetup_submit<T, W>(
    state: &AppState,
    page: &mut Page,
    slug: &str,
    id: &MeetupId,
    work: W,
) -> Result<(Group, MeetupRow, Result<T, AppError>), AppError>
where
    W: FnOnce(&mut DbConn, &MeetupRow, &UserId) -> Result<T, AppError> + Send + 'static,
    T: Send + 'static,
{
    let (slug, id) = (slug.to_string(), id.clone());
    let ((group, row), done) = signed_in_submit(
        state,
        page,
        move |conn, viewer| app::groups::organised_meetup(conn, viewer, &slug, &id),
        move |conn, (_, row): &(Group, MeetupRow), user| work(conn, row, &user.id),
    )
    .await?;
    page.use_group_locale(group.lang());
    Ok((group, row, done))
}

/// The meetup's page.
pub fn meetup_path(row: &MeetupRow) -> String {
    crate::urls::meetup_path(&row.group.slug, &row.meetup.id)
}

/// The group's meetups still to come and not cancelled, as (id, title and date), for the forms
/// that pick one.
pub async fn upcoming_meetups(
    state: &AppState,
    lang: Lang,
    group: &Group,
) -> Result<Vec<(MeetupId, String)>, AppError> {
    let rows = app::meetups::meetups_of_group(&state.db, group, When::Upcoming, 50).await?;
    Ok(meetup_choices(lang, rows))
}

/// Meetups a form offers to pick: those not cancelled nor begun, each named by its title and
/// its date, so that the occurrences of a series are told apart.
pub fn meetup_choices(lang: Lang, rows: Vec<MeetupRow>) -> Vec<(MeetupId, String)> {
    let at = now();
    rows.into_iter()
        .filter(|r| !r.meetup.is_cancelled() && r.meetup.starts_at > at)
        .map(|r| {
            let day = long_date(lang, to_local(r.meetup.starts_at, r.group.tz()));
            (r.meetup.id, format!("{} — {day}", r.meetup.title))
        })
        .collect()
}

/// What the talk form asks, as the use cases take it.
pub fn talk_input(form: &TalkForm) -> Result<TalkInput, AppError> {
    let duration = form
        .duration_minutes
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::validation("duration_minutes", "error-duration_invalid"))?;
    Ok(TalkInput {
        title: Some(form.title.clone()),
        abstract_text: Some(form.abstract_text.clone()),
        duration_minutes: Some(duration),
        speaker_name: Some(Some(form.speaker_name.clone()).filter(|s| !s.trim().is_empty())),
    })
}

/// A preview card's picture: the group's banner, else the default card (absolute URL, size).
pub fn card_image(
    base_url: &str,
    group: &Group,
    banner: Option<&crate::db::repo::sponsors::PictureRef>,
) -> (String, (u32, u32)) {
    match banner {
        Some(b) => (
            format!(
                "{base_url}{}",
                crate::urls::banner_path(&group.slug, &b.version)
            ),
            (b.width as u32, b.height as u32),
        ),
        None => (
            crate::urls::card_image_url(base_url),
            crate::assets::CARD_IMAGE_SIZE,
        ),
    }
}

/// The group settings' embed section: the addresses to paste, the sites allowed.
fn embed_settings(state: &AppState, group: &Group) -> crate::views::groups::EmbedSettings {
    let base = crate::urls::group_url(&state.settings.base_url, &group.slug);
    crate::views::groups::EmbedSettings {
        embed_url: format!("{base}/embed"),
        json_url: format!("{base}/upcoming.json"),
        origins: group.embed_origins.clone(),
        group_name: group.name.clone(),
        banner: None,
    }
}

/// The settings page's other sections, the banner's included.
pub fn embed_settings_for(
    state: &AppState,
    group: &Group,
    banner: Option<&crate::db::repo::sponsors::PictureRef>,
) -> crate::views::groups::EmbedSettings {
    crate::views::groups::EmbedSettings {
        banner: banner.map(|b| crate::urls::banner_path(&group.slug, &b.version)),
        ..embed_settings(state, group)
    }
}

/// The group at `slug` for its organisers, with its banner, in one checkout; the page takes
/// the group's language.
pub async fn organiser_group_with_banner(
    state: &AppState,
    page: &mut Page,
    slug: &str,
) -> Result<(Group, Option<crate::db::repo::sponsors::PictureRef>), AppError> {
    let (viewer, slug) = (page.viewer.clone(), slug.to_string());
    let (group, banner) = state
        .db
        .run(move |conn| {
            let group = app::groups::organised_group(conn, &viewer, &slug)?;
            let banner = app::sponsors::banner_ref(conn, &group)?;
            Ok((group, banner))
        })
        .await?;
    page.use_group_locale(group.lang());
    Ok((group, banner))
}

/// A sponsor as pages show it, its logo by its path.
pub fn sponsor_item(
    row: &crate::db::repo::sponsors::SponsorRow,
) -> crate::views::sponsors::SponsorItem {
    let s = &row.sponsor;
    crate::views::sponsors::SponsorItem {
        id: s.id.to_string(),
        name: s.name.clone(),
        url: s.url.clone(),
        logo: row
            .logo
            .as_ref()
            .map(|l| crate::urls::logo_path(&s.id, &l.version)),
    }
}
