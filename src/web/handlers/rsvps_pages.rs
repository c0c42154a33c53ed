//! The RSVP form on the HTML meetup page.

use actix_web::{post, web, HttpResponse};
use std::collections::BTreeMap;

use serde_json::Value;

use crate::app::rsvps as uc;
use crate::domain::ids::MeetupId;
use crate::domain::question::RepliesInput;
use crate::domain::rsvp::Answer;
use crate::error::AppError;
use crate::web::extract::{CsrfForm, Page};

use crate::web::pages::{answered_text, flash_outcome, meetup_path, meetup_submit, see_other};
use crate::web::panels::{RsvpDraft, RSVP_DRAFT};

use crate::web::State;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(rsvp_submit);
}

/// The RSVP form: `answer`, `guests`, `accept_code_of_conduct`, and with `questions` the
/// answers to the meetup's questions (`q.<id>`, repeated for several choices, an empty one
/// first for boxes) and the boxes that withhold them (`withhold.<id>`).
struct RsvpForm {
    answer: String,
    guests: String,
    accept_code_of_conduct: bool,
    replies: RepliesInput,
}

impl RsvpForm {
    fn read(pairs: Vec<(String, String)>) -> Self {
        let mut form = RsvpForm {
            answer: String::new(),
            guests: String::new(),
            accept_code_of_conduct: false,
            replies: RepliesInput::default(),
        };
        let mut asked = false;
        let mut values: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut withheld = Vec::new();
        for (name, value) in pairs {
            match name.as_str() {
                "answer" => form.answer = value,
                "guests" => form.guests = value,
                "accept_code_of_conduct" => form.accept_code_of_conduct = true,
                "questions" => asked = true,
                _ => {
                    if let Some(id) = name.strip_prefix("q.") {
                        let all = values.entry(id.to_string()).or_default();
                        if !value.is_empty() {
                            all.push(value);
                        }
                    } else if let Some(id) = name.strip_prefix("withhold.") {
                        withheld.push(id.to_string());
                    }
                }
            }
        }
        if asked {
            form.replies = RepliesInput {
                values: Some(
                    values
                        .into_iter()
                        .map(|(id, mut v)| {
                            let value = match v.len() {
                                0 => Value::Null,
                                1 => Value::String(v.remove(0)),
                                _ => Value::from(v),
                            };
                            (id, value)
                        })
                        .collect(),
                ),
                withheld: Some(withheld),
            };
        }
        form
    }
}

#[post("/groups/{slug}/meetups/{id}/rsvp")]
async fn rsvp_submit(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId)>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let form = RsvpForm::read(pairs);
    let guests = form.guests.trim().parse::<i64>().ok().or(Some(0));
    let parsed = Answer::parse(&form.answer, guests);
    let accepts = form.accept_code_of_conduct;
    let settings = state.settings.clone();
    let replies = form.replies.clone();
    let (row, result) = meetup_submit(&state, &mut page, &slug, &id, move |conn, row, user| {
        uc::answer_replying(
            conn,
            &settings,
            user,
            &row.meetup.id,
            parsed?,
            accepts,
            &replies,
        )
    })
    .await?;
    let target = meetup_path(&row);
    let done = match &result {
        Ok(outcome) => answered_text(page.lang, outcome),
        Err(_) => String::new(),
    };
    // A refused answer to a question: the form shows what was sent, the fault beside it.
    if let Err(AppError::Validation(e)) = &result {
        if e.field.starts_with("answers") {
            let draft = RsvpDraft {
                meetup_id: row.meetup.id.to_string(),
                values: form.replies.values.clone().unwrap_or_default(),
                withheld: form.replies.withheld.clone().unwrap_or_default(),
                field: e.field.to_string(),
                message: page.t(e.key).to_string(),
            };
            let _ = page.session.insert(RSVP_DRAFT, draft);
        }
    }
    flash_outcome(&page, result, &done)?;
    Ok(see_other(&format!("{target}#rsvp")))
}
