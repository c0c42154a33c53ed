//! Answering without an account on the meetup page, and the mailed link that confirms it.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse, ResponseError};
use serde::Deserialize;

use crate::app::guest_rsvps::{self as uc, GuestRsvp};
use crate::db::repo::meetups;
use crate::domain::conduct::is_required;
use crate::domain::ids::MeetupId;
use crate::domain::rsvp::MAX_GUESTS;
use crate::domain::time::to_local;
use crate::error::AppError;
use crate::i18n::long_datetime;
use crate::mail::answer_links::LinkAction;
use crate::urls::{guest_answer_path, guest_rsvp_form_path, meetup_path as meetup_path_of};
use crate::views::accounts::link_expired;
use crate::views::answer_links::{answer_page, AnswerPage, AnswerStep};
use crate::views::components::FormErrors;
use crate::views::guest_rsvp::{guest_retry_page, GuestRetryPage};
use crate::views::rsvp::{GuestForm, GuestValues};
use crate::views::FlashKind;
use crate::web::extract::{client_ip, CsrfForm, Empty, Page};
use crate::web::html::render_status;
use crate::web::pages::{answered_text, field_errors, meetup_path, see_other};
use crate::web::State;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(guest_rsvp_submit)
        .service(confirm_page)
        .service(confirm_submit);
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct GuestRsvpForm {
    name: String,
    email: String,
    guests: String,
    /// The "send me the group's news" box, ticked.
    keep_informed: Option<String>,
    /// The code of conduct's box, ticked.
    accept_code_of_conduct: Option<String>,
}

#[post("/groups/{slug}/meetups/{id}/guest-rsvp")]
async fn guest_rsvp_submit(
    state: State,
    req: HttpRequest,
    mut page: Page,
    path: web::Path<(String, MeetupId)>,
    form: web::Form<GuestRsvpForm>,
) -> Result<HttpResponse, AppError> {
    // No session token: the form is on the page every visitor shares (cached), and the answer
    // acts on no session, only asks the address given to confirm. A post another site's page
    // makes is still refused, by what the browser says of where it comes from.
    if cross_site(&req) {
        return Err(AppError::CsrfRejected);
    }
    let form = form.into_inner();
    let (slug, id) = path.into_inner();
    let values = GuestValues {
        name: form.name.clone(),
        email: form.email.clone(),
        guests: form.guests.trim().parse().unwrap_or(0),
        keep_informed: form.keep_informed.is_some(),
    };
    let input = GuestRsvp {
        name: form.name,
        email: form.email,
        guests: i64::from(values.guests),
        keep_informed: values.keep_informed,
        accepts_conduct: form.accept_code_of_conduct.is_some(),
    };
    let ip = client_ip(&req);
    match uc::request(&state.db, &state.settings, &id, input, page.lang, &ip).await {
        Ok(()) => page.flash(FlashKind::Ok, page.t("rsvp-guest_sent")),
        // What was typed is at fault: the form again, filled in, each fault beside its field.
        Err(e @ (AppError::Validation(_) | AppError::Invalid(_) | AppError::RateLimited(_))) => {
            return retry(&state, &mut page, &slug, &id, &values, e).await;
        }
        Err(e @ (AppError::Conflict(..) | AppError::Forbidden)) => {
            page.flash(FlashKind::Bad, &e.message(page.lang))
        }
        Err(e) => return Err(e),
    }
    Ok(see_other(&format!("{}#rsvp", meetup_path_of(&slug, &id))))
}

/// The form without an account on a page of its own, with what was typed and its faults
/// (422, or 429 past the limits).
async fn retry(
    state: &State,
    page: &mut Page,
    slug: &str,
    id: &MeetupId,
    values: &GuestValues,
    error: AppError,
) -> Result<HttpResponse, AppError> {
    let meetup = id.clone();
    let row = state
        .db
        .run(move |conn| meetups::meetup_place(conn, &meetup))
        .await?
        .filter(|row| row.group.slug == slug)
        .ok_or(AppError::NotFound)?;
    page.use_group_locale(row.group.lang());
    let status = error.status_code();
    let errors = match error {
        e @ AppError::RateLimited(_) => FormErrors::one("email", e.message(page.lang)),
        e => field_errors(page, e, "email")?,
    };
    let when = long_datetime(page.lang, to_local(row.meetup.starts_at, row.group.tz()));
    let path = meetup_path(&row);
    let conduct = is_required(
        row.group.require_code_of_conduct,
        row.group.code_of_conduct_url.as_deref(),
    )
    .then_some(row.group.code_of_conduct_url.as_deref())
    .flatten();
    let view = GuestRetryPage {
        title: &row.meetup.title,
        when: &when,
        meetup_path: &path,
        form: GuestForm {
            action: guest_rsvp_form_path(&path),
            max_guests: MAX_GUESTS,
            conduct_url: conduct,
            waitlist: false,
        },
        values,
        errors: &errors,
    };
    Ok(render_status(
        status,
        guest_retry_page(&page.chrome(), &view),
    ))
}

/// The browser says the form was posted from another site's page.
fn cross_site(req: &HttpRequest) -> bool {
    req.headers()
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == "cross-site" || v == "same-site")
}

fn expired(page: &Page) -> HttpResponse {
    let markup = link_expired(&page.chrome(), "/", page.t("guest-answer_again"));
    render_status(StatusCode::GONE, markup)
}

/// Opening the link (a mail scanner does) only shows what a click would do.
#[get("/guest-rsvp/{token}")]
async fn confirm_page(
    state: State,
    page: Page,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (answer, row) = match uc::pending(&state.db, &token).await {
        Err(AppError::Gone(_)) => return Ok(expired(&page)),
        other => other?,
    };
    let when = long_datetime(page.lang, to_local(row.meetup.starts_at, row.group.tz()));
    let (path, action) = (meetup_path(&row), guest_answer_path(&token));
    let view = AnswerPage {
        title: &row.meetup.title,
        when: &when,
        meetup_path: &path,
        step: AnswerStep::Confirm {
            action: &action,
            what: LinkAction::Going,
            waitlisted: false,
            guests: answer.guests,
            conduct: None,
        },
    };
    Ok(render_status(
        StatusCode::OK,
        answer_page(&page.chrome(), &view),
    ))
}

#[post("/guest-rsvp/{token}")]
async fn confirm_submit(
    state: State,
    page: Page,
    token: web::Path<String>,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let (row, message, status) = match uc::confirm(&state.db, &state.settings, &token).await {
        Ok((outcome, row)) => (row, Ok(answered_text(page.lang, &outcome)), StatusCode::OK),
        Err(AppError::Gone(_)) => return Ok(expired(&page)),
        Err(e @ AppError::Conflict(..)) => {
            let (_, row) = uc::pending(&state.db, &token).await?;
            (row, Err(e.message(page.lang)), e.status_code())
        }
        Err(e) => return Err(e),
    };
    let when = long_datetime(page.lang, to_local(row.meetup.starts_at, row.group.tz()));
    let path = meetup_path(&row);
    let (message, done) = match &message {
        Ok(m) => (m.as_str(), true),
        Err(m) => (m.as_str(), false),
    };
    let view = AnswerPage {
        title: &row.meetup.title,
        when: &when,
        meetup_path: &path,
        step: AnswerStep::Outcome { message, done },
    };
    Ok(render_status(status, answer_page(&page.chrome(), &view)))
}
