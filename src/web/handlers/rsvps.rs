//! RSVP use cases shared by the JSON API and the meetup page.

use crate::db::models::User;
use crate::db::now;
use crate::db::repo::rsvps::{self, RsvpOutcome};
use crate::domain::rsvp::Answer;
use crate::error::AppError;
use crate::mail::notify;
use crate::web::AppState;

pub async fn answer(
    state: &AppState,
    user: &User,
    meetup_id: &str,
    answer: Answer,
) -> Result<RsvpOutcome, AppError> {
    let (m, u) = (meetup_id.to_string(), user.id.clone());
    let settings = state.settings.clone();
    state
        .db
        .run_write(move |conn| {
            rsvps::answer_rsvp(conn, &m, &u, answer, |conn, outcome| {
                notify::rsvp_answered(conn, &settings, outcome, now())
            })
        })
        .await
}
