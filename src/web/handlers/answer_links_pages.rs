use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse, ResponseError};

use serde::Deserialize;

use crate::app::conduct;
use crate::app::rsvps as uc;
use crate::db::repo::meetups::MeetupRow;
use crate::domain::ids::UserId;
use crate::domain::rsvp::{Party, RsvpStatus};
use crate::domain::time::to_local;
use crate::error::AppError;
use crate::i18n::{long_datetime, tf};
use crate::mail::answer_links::LinkAction;
use crate::urls::answer_link_path;
use crate::views::answer_links::{answer_page, AnswerPage, AnswerStep};
use crate::views::{Flash, FlashKind};
use crate::web::extract::{CsrfForm, Page};
use crate::web::html::render_status;
use crate::web::pages::{meetup_path, see_other};
use crate::web::State;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(confirm_page).service(answer_submit);
}

fn page_for(page: &Page, row: &MeetupRow, status: StatusCode, step: AnswerStep) -> HttpResponse {
    let when = long_datetime(page.lang, to_local(row.meetup.starts_at, row.group.tz()));
    let path = meetup_path(row);
    let view = AnswerPage {
        title: &row.meetup.title,
        when: &when,
        meetup_path: &path,
        step,
    };
    render_status(status, answer_page(&page.chrome(), &view))
}

/// Opening the link (a mail scanner does) only shows what a click would do.
#[get("/r/{token}")]
async fn confirm_page(
    state: State,
    page: Page,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (link, row, user, party) = uc::answer_link(&state.db, &state.settings, &token).await?;
    if needs_form(&state, &row, &user.id, link.action).await? {
        return Ok(see_other(&format!("{}#rsvp", meetup_path(&row))));
    }
    let conduct = conduct_asked(&state, &row, &user.id, link.action).await?;
    let action = answer_link_path(&token);
    Ok(page_for(
        &page,
        &row,
        StatusCode::OK,
        confirm_step(&action, link.action, party.as_ref(), conduct.as_deref()),
    ))
}

fn confirm_step<'a>(
    action: &'a str,
    what: LinkAction,
    party: Option<&Party>,
    conduct: Option<&'a str>,
) -> AnswerStep<'a> {
    AnswerStep::Confirm {
        action,
        what,
        waitlisted: party.is_some_and(|p| p.status == RsvpStatus::Waitlisted),
        guests: party.map_or(0, |p| p.guests),
        conduct,
    }
}

/// "I'm going" to a meetup with a required question `user` has not answered: the meetup's RSVP
/// form asks it instead of an answer given blind.
async fn needs_form(
    state: &State,
    row: &MeetupRow,
    user: &UserId,
    what: LinkAction,
) -> Result<bool, AppError> {
    if what != LinkAction::Going {
        return Ok(false);
    }
    let (m, u) = (row.meetup.id.clone(), user.clone());
    state
        .db
        .run(move |conn| crate::app::questions::needs_form(conn, &m, &u))
        .await
}

/// The group's code of conduct, when answering asks `user` to accept it first.
async fn conduct_asked(
    state: &State,
    row: &MeetupRow,
    user: &UserId,
    what: LinkAction,
) -> Result<Option<String>, AppError> {
    let going = what == LinkAction::Going;
    let (g, u) = (row.group.id.clone(), user.clone());
    let asked = state
        .db
        .run(move |conn| conduct::asks_acceptance(conn, &g, &u, going))
        .await?;
    Ok(row.group.code_of_conduct_url.clone().filter(|_| asked))
}

#[derive(Deserialize, Default)]
struct AnswerForm {
    /// The code of conduct's box, ticked.
    #[serde(default)]
    accept_code_of_conduct: Option<String>,
    /// "Fewer guests": how many still come.
    #[serde(default)]
    guests: Option<String>,
}

#[post("/r/{token}")]
async fn answer_submit(
    state: State,
    mut page: Page,
    token: web::Path<String>,
    CsrfForm(form): CsrfForm<AnswerForm>,
) -> Result<HttpResponse, AppError> {
    let accepts = form.accept_code_of_conduct.is_some();
    let guests = form.guests.as_deref().and_then(|g| g.trim().parse().ok());
    match uc::answer_by_link(&state.db, &state.settings, &token, accepts, guests).await {
        Ok((outcome, row)) => {
            let message = match outcome.party.status {
                RsvpStatus::Going if outcome.confirmed => {
                    page.t("answer-seat_confirmed").to_string()
                }
                RsvpStatus::Going => page.t("rsvp-you_going").to_string(),
                RsvpStatus::Waitlisted => tf(
                    page.lang,
                    "rsvp-you_waitlisted",
                    &[("n", &outcome.position.unwrap_or(0))],
                ),
                RsvpStatus::NotGoing => page.t("answer-released").to_string(),
            };
            let step = AnswerStep::Outcome {
                message: &message,
                done: true,
            };
            Ok(page_for(&page, &row, StatusCode::OK, step))
        }
        Err(e @ AppError::Conflict(..)) => {
            let (_, row, _, _) = uc::answer_link(&state.db, &state.settings, &token).await?;
            let message = e.message(page.lang);
            let step = AnswerStep::Outcome {
                message: &message,
                done: false,
            };
            Ok(page_for(&page, &row, e.status_code(), step))
        }
        // A required question unanswered: the meetup's RSVP form asks it.
        Err(AppError::Validation(e)) if e.field.starts_with("answers") => {
            let (_, row, _, _) = uc::answer_link(&state.db, &state.settings, &token).await?;
            page.flash(FlashKind::Bad, page.t(e.key));
            Ok(see_other(&format!("{}#rsvp", meetup_path(&row))))
        }
        // The group asks for its code of conduct first: the same confirmation, with the box.
        Err(e @ AppError::Validation(_)) => {
            let (link, row, user, party) =
                uc::answer_link(&state.db, &state.settings, &token).await?;
            let conduct = conduct_asked(&state, &row, &user.id, link.action).await?;
            page.flash = Some(Flash {
                kind: FlashKind::Bad,
                text: e.message(page.lang),
                anchor: None,
            });
            let action = answer_link_path(&token);
            let step = confirm_step(&action, link.action, party.as_ref(), conduct.as_deref());
            Ok(page_for(&page, &row, e.status_code(), step))
        }
        Err(e) => Err(e),
    }
}
