//! The mail that confirms an answer given without an account (see `app::guest_rsvps`).

use super::letter::Letter;
use crate::config::Settings;
use crate::db::models::User;
use crate::db::repo::meetups::MeetupRow;
use crate::db::DbConn;
use crate::domain::mail::MailKind;
use crate::domain::token::hash_token;
use crate::error::AppError;
use crate::i18n::{t, Value};
use crate::urls::guest_answer_url;

/// One mail per answer, to the address given, in the owner's language: the same words whether
/// or not the address has an account, so the answer on the page tells nobody.
#[tracing::instrument(skip_all, fields(kind = %MailKind::GuestAnswerConfirm, meetup = %row.meetup.id))]
pub fn confirm_answer(
    conn: &mut DbConn,
    settings: &Settings,
    row: &MeetupRow,
    user: &User,
    guests: i32,
    token: &str,
) -> Result<(), AppError> {
    let url = guest_answer_url(&settings.base_url, token);
    // The token's hash names the mail without revealing the link.
    let key = format!("{}:{}", MailKind::GuestAnswerConfirm, hash_token(token));
    let intro = match guests {
        0 => "mail-guest_answer-intro",
        _ => "mail-guest_answer_guests-intro",
    };
    Letter::new(
        MailKind::GuestAnswerConfirm,
        key,
        user,
        row,
        "mail-guest_answer",
    )
    .intro(intro)
    .args(vec![("n", Value::Count(i64::from(guests)))])
    .action((t(user.lang(), "mail-guest_answer-confirm").to_string(), url))
    .note(Some(t(user.lang(), "mail-guest_answer-note").to_string()))
    .send(conn, settings)?;
    Ok(())
}
