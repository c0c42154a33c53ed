//! The RSVP form on the HTML meetup page.

use actix_web::{post, web, HttpResponse};
use serde::Deserialize;

use crate::app::rsvps as uc;
use crate::domain::ids::MeetupId;
use crate::domain::rsvp::Answer;
use crate::error::AppError;
use crate::web::extract::{CsrfForm, Page};

use crate::web::pages::{answered_text, flash_outcome, meetup_path, meetup_submit, see_other};

use crate::web::State;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(rsvp_submit);
}

#[derive(Deserialize)]
struct RsvpForm {
    #[serde(default)]
    answer: String,
    #[serde(default)]
    guests: String,
    /// The code of conduct's box, ticked.
    #[serde(default)]
    accept_code_of_conduct: Option<String>,
}

#[post("/groups/{slug}/meetups/{id}/rsvp")]
async fn rsvp_submit(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId)>,
    CsrfForm(form): CsrfForm<RsvpForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let guests = form.guests.trim().parse::<i64>().ok().or(Some(0));
    let parsed = Answer::parse(&form.answer, guests);
    let accepts = form.accept_code_of_conduct.is_some();
    let settings = state.settings.clone();
    let (row, result) = meetup_submit(&state, &mut page, &slug, &id, move |conn, row, user| {
        uc::answer(conn, &settings, user, &row.meetup.id, parsed?, accepts)
    })
    .await?;
    let target = meetup_path(&row);
    let done = match &result {
        Ok(outcome) => answered_text(page.lang, outcome),
        Err(_) => String::new(),
    };
    flash_outcome(&page, result, &done)?;
    Ok(see_other(&format!("{target}#rsvp")))
}
