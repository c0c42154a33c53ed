//! Invitations in pages: the organisers' form and list, the page an invitation's link opens
//! (join, and "I'm going" when it names a meetup), and the page that stops invitations.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use serde::Deserialize;

use crate::app::groups::organised_group;
use crate::app::invitations::{self as uc, Accepted, Landing, Request};
use crate::db::models::Group;
use crate::db::repo::invitations::Invitation;
use crate::db::repo::meetups::{self as meetups_repo, When};
use crate::db::{now, DbConn};
use crate::domain::ids::MeetupId;
use crate::domain::invitation::Outcome;
use crate::domain::time::to_local;
use crate::error::AppError;
use crate::i18n::{long_date, long_datetime, t};
use crate::urls::{
    going_next_path, group_invitations_path, group_path, invitation_path, join_next_path,
    login_path, register_path,
};
use crate::views::accounts::link_expired;
use crate::views::components::FormErrors;
use crate::views::invitations::{
    invitations_page, landing_page, optout_page, InvitationForm, InvitationsPage, InvitedItem,
    LandingPage, ResultItem,
};
use crate::views::FlashKind;
use crate::web::extract::{CsrfForm, Page};
use crate::web::html::render_status;
use crate::web::pages::{answered_text, field_errors, meetup_path, see_other};
use crate::web::State;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(organiser_page)
        .service(organiser_submit)
        .service(landing_get)
        .service(landing_post)
        .service(optout_get)
        .service(optout_post);
}

/// What the organisers' page reads: the group, its invitations, and the meetups to name.
struct Read {
    group: Group,
    invited: Vec<(Invitation, bool)>,
    /// (id, label) of upcoming meetups; and the titles of the meetups invitations name.
    meetups: Vec<(MeetupId, String)>,
    titles: Vec<(MeetupId, String)>,
}

fn page_read(
    conn: &mut DbConn,
    page_viewer: &crate::app::access::Viewer,
    slug: &str,
    lang: crate::i18n::Lang,
) -> Result<Read, AppError> {
    let group = organised_group(conn, page_viewer, slug)?;
    let user = &page_viewer.require_user()?.id;
    let invited = uc::list(conn, user, &group)?;
    let at = now();
    let meetups = meetups_repo::meetups_of_group(conn, &group.id, When::Upcoming, at, 50)?
        .into_iter()
        .filter(|r| !r.meetup.is_cancelled())
        .map(|r| {
            let day = long_date(lang, to_local(r.meetup.starts_at, group.tz()));
            (r.meetup.id, format!("{} — {day}", r.meetup.title))
        })
        .collect();
    let mut titles: Vec<(MeetupId, String)> = Vec::new();
    for id in invited.iter().filter_map(|(i, _)| i.meetup_id.as_ref()) {
        if titles.iter().any(|(known, _)| known == id) {
            continue;
        }
        if let Some(m) = meetups_repo::meetup_by_id(conn, id)? {
            titles.push((m.id, m.title));
        }
    }
    Ok(Read {
        group,
        invited,
        meetups,
        titles,
    })
}

async fn read(state: &State, page: &mut Page, slug: String) -> Result<Read, AppError> {
    let (viewer, lang) = (page.viewer.clone(), page.lang);
    let read = state
        .db
        .run(move |conn| page_read(conn, &viewer, &slug, lang))
        .await?;
    page.use_group_locale(read.group.lang());
    Ok(read)
}

fn outcome_label(lang: crate::i18n::Lang, outcome: Outcome) -> &'static str {
    t(lang, &format!("invitations-outcome-{}", outcome.as_str()))
}

fn show(
    page: &Page,
    read: &Read,
    form: &InvitationForm,
    errors: &FormErrors,
    results: &[ResultItem],
    status: StatusCode,
) -> HttpResponse {
    let tz = read.group.tz();
    let none = page.t("invitations-no_meetup");
    let mut meetups: Vec<(&str, &str)> = vec![("", none)];
    meetups.extend(read.meetups.iter().map(|(id, l)| (id.as_str(), l.as_str())));
    let invited: Vec<InvitedItem> = read
        .invited
        .iter()
        .map(|(i, joined)| InvitedItem {
            email: i.email.clone(),
            when: long_datetime(page.lang, to_local(i.invited_at, tz)),
            meetup: i.meetup_id.as_ref().and_then(|id| {
                read.titles
                    .iter()
                    .find(|(known, _)| known == id)
                    .map(|(_, title)| title.clone())
            }),
            joined: *joined,
        })
        .collect();
    let (gpath, path) = (
        group_path(&read.group.slug),
        group_invitations_path(&read.group.slug),
    );
    let view = InvitationsPage {
        group_name: &read.group.name,
        group_path: &gpath,
        path: &path,
        meetups: &meetups,
        form,
        errors,
        results,
        invited: &invited,
    };
    render_status(status, invitations_page(&page.chrome(), &view))
}

#[get("/groups/{slug}/invitations")]
async fn organiser_page(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let read = read(&state, &mut page, slug.into_inner()).await?;
    let form = InvitationForm::default();
    Ok(show(
        &page,
        &read,
        &form,
        &FormErrors::default(),
        &[],
        StatusCode::OK,
    ))
}

#[post("/groups/{slug}/invitations")]
async fn organiser_submit(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
    CsrfForm(form): CsrfForm<InvitationForm>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let author = page.require_user()?.clone();
    let request = Request {
        emails: vec![form.emails.clone()],
        meetup_id: Some(form.meetup_id.trim())
            .filter(|m| !m.is_empty())
            .map(|m| MeetupId::from(m.to_string())),
        note: Some(form.note.clone()),
    };
    let (settings, at) = (state.settings.clone(), slug.clone());
    let sent = state
        .db
        .transaction(move |conn| uc::invite(conn, &settings, &author, &at, &request))
        .await;
    // The page is read after the invitations, so its list shows them.
    let read = read(&state, &mut page, slug).await?;
    match sent {
        Ok(sent) => {
            let results: Vec<ResultItem> = sent
                .into_iter()
                .map(|s| (s.email, outcome_label(page.lang, s.outcome)))
                .collect();
            let form = InvitationForm {
                meetup_id: form.meetup_id,
                ..Default::default()
            };
            Ok(show(
                &page,
                &read,
                &form,
                &FormErrors::default(),
                &results,
                StatusCode::OK,
            ))
        }
        Err(e @ AppError::RateLimited(_)) => {
            let errors = FormErrors::one("emails", e.message(page.lang));
            Ok(show(
                &page,
                &read,
                &form,
                &errors,
                &[],
                StatusCode::TOO_MANY_REQUESTS,
            ))
        }
        Err(e) => {
            let errors = field_errors(&page, e, "emails")?;
            Ok(show(
                &page,
                &read,
                &form,
                &errors,
                &[],
                StatusCode::UNPROCESSABLE_ENTITY,
            ))
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LandingQuery {
    /// `yes`: the mail's "I'm going".
    answer: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct AcceptForm {
    accept_code_of_conduct: Option<String>,
}

fn expired(page: &Page) -> HttpResponse {
    let markup = link_expired(&page.chrome(), "/", page.t("invitations-expired"));
    render_status(StatusCode::GONE, markup)
}

async fn landing(state: &State, page: &mut Page, token: &str) -> Result<Option<Landing>, AppError> {
    let (secret, token) = (state.settings.secret_key.clone(), token.to_string());
    match state
        .db
        .run(move |conn| uc::landing(conn, &secret, &token))
        .await
    {
        Ok(landing) => {
            page.use_group_locale(landing.group.lang());
            Ok(Some(landing))
        }
        Err(AppError::Gone(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

fn show_landing(
    page: &Page,
    landing: &Landing,
    token: &str,
    going: bool,
    error: Option<&str>,
    status: StatusCode,
) -> HttpResponse {
    let group = &landing.group;
    let gpath = group_path(&group.slug);
    let meetup = landing.meetup.as_ref().map(|row| {
        (
            row.meetup.title.clone(),
            long_datetime(page.lang, to_local(row.meetup.starts_at, group.tz())),
            meetup_path(row),
        )
    });
    let going = going && meetup.is_some();
    let mut action = invitation_path(token);
    if going {
        action.push_str("?answer=yes");
    }
    let next = match &meetup {
        Some((_, _, path)) if going => going_next_path(path),
        _ => join_next_path(&gpath),
    };
    let (login, register) = (login_path(Some(&next)), register_path(Some(&next)));
    let view = LandingPage {
        group_name: &group.name,
        group_path: &gpath,
        description: Some(group.description.as_str()).filter(|d| !d.trim().is_empty()),
        note: landing.invitation.note.as_deref(),
        meetup: meetup
            .as_ref()
            .map(|(t, w, p)| (t.as_str(), w.as_str(), p.as_str())),
        going,
        action: &action,
        sign_in: page
            .user()
            .is_none()
            .then_some((login.as_str(), register.as_str())),
        conduct_url: group
            .code_of_conduct_url
            .as_deref()
            .filter(|_| landing.conduct_required),
        error,
    };
    render_status(status, landing_page(&page.chrome(), &view))
}

/// Opening the link (a mail scanner does) only shows what a click would do.
#[get("/invitations/{token}")]
async fn landing_get(
    state: State,
    mut page: Page,
    token: web::Path<String>,
    query: web::Query<LandingQuery>,
) -> Result<HttpResponse, AppError> {
    let Some(landing) = landing(&state, &mut page, &token).await? else {
        return Ok(expired(&page));
    };
    let going = query.answer.as_deref() == Some("yes");
    Ok(show_landing(
        &page,
        &landing,
        &token,
        going,
        None,
        StatusCode::OK,
    ))
}

/// The click: joins the group (and answers the meetup with "I'm going"), then the group's or
/// the meetup's page with the outcome.
#[post("/invitations/{token}")]
async fn landing_post(
    state: State,
    mut page: Page,
    token: web::Path<String>,
    query: web::Query<LandingQuery>,
    CsrfForm(form): CsrfForm<AcceptForm>,
) -> Result<HttpResponse, AppError> {
    let Some(landing) = landing(&state, &mut page, &token).await? else {
        return Ok(expired(&page));
    };
    let going = query.answer.as_deref() == Some("yes");
    let Some(user) = page.user().map(|u| u.id.clone()) else {
        return Ok(show_landing(
            &page,
            &landing,
            &token,
            going,
            None,
            StatusCode::OK,
        ));
    };
    let (settings, held) = (state.settings.clone(), landing.clone());
    let accepts = form.accept_code_of_conduct.is_some();
    let done = state
        .db
        .transaction(move |conn| uc::accept(conn, &settings, &user, &held, going, accepts))
        .await;
    let lang = page.lang;
    match done {
        Ok(Accepted::Joined) => {
            page.flash(FlashKind::Ok, t(lang, "groups-joined"));
            Ok(see_other(&group_path(&landing.group.slug)))
        }
        Ok(Accepted::Answered(outcome)) => {
            page.flash(FlashKind::Ok, &answered_text(lang, &outcome));
            let path = landing.meetup.as_ref().map(meetup_path).unwrap_or_default();
            Ok(see_other(&format!("{path}#rsvp")))
        }
        Err(
            e @ (AppError::Validation(_)
            | AppError::Invalid(_)
            | AppError::Conflict(..)
            | AppError::Forbidden
            | AppError::Banned),
        ) => {
            let message = e.message(lang);
            let status = actix_web::ResponseError::status_code(&e);
            Ok(show_landing(
                &page,
                &landing,
                &token,
                going,
                Some(&message),
                status,
            ))
        }
        Err(e) => Err(e),
    }
}

/// The link in a mail opens a confirmation (link scanners must not unsubscribe anyone).
#[get("/unsubscribe/invitations/{token}")]
async fn optout_get(
    state: State,
    page: Page,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    if !uc::optout_link_valid(&state.settings.secret_key, &token) {
        return Err(AppError::NotFound);
    }
    Ok(render_status(
        StatusCode::OK,
        optout_page(&page.chrome(), page.path.as_str(), false),
    ))
}

/// One POST stops invitations: the confirmation button, or a mail client's RFC 8058 one-click.
#[post("/unsubscribe/invitations/{token}")]
async fn optout_post(
    state: State,
    page: Page,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (secret, token) = (state.settings.secret_key.clone(), token.into_inner());
    state
        .db
        .transaction(move |conn| uc::opt_out(conn, &secret, &token))
        .await?;
    Ok(render_status(
        StatusCode::OK,
        optout_page(&page.chrome(), page.path.as_str(), true),
    ))
}
