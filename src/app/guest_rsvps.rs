//! Answering a meetup without an account (#32): a name, an address and guests on the meetup
//! page, then a link by mail that confirms the answer.
//!
//! A guest is a user row without a password (`users.guest`), not a second kind of answer: once
//! confirmed, the answer is an RSVP like any other, taken through the same locked queue
//! (`rsvps::answer_joining`), with the same mails, one-click links, reminders, check-in and
//! lists. Until then it waits in `guest_answers` and holds no seat. An address that has an
//! account answers for that account; registering later with a guest's address turns the guest
//! into that account, answers kept (`users::create_user`).

use std::sync::Arc;

use chrono::Duration;

use super::password_resets::{MAX_REQUESTS_PER_ADDRESS, MAX_REQUESTS_PER_IP};
use super::rsvps::answer_joining;
use crate::config::Settings;
use crate::db::repo::guest_answers::{self, GuestAnswer};
use crate::db::repo::meetups::{self, MeetupRow};
use crate::db::repo::{password_resets, users};
use crate::db::{now, Db};
use crate::domain::account::{is_erased_email, parse_name, Email, Locale};
use crate::domain::conduct::{acceptance, is_required, Standing};
use crate::domain::guest::answer_expiry;
use crate::domain::ids::MeetupId;
use crate::domain::rsvp::{check_open, Answer, RsvpOutcome};
use crate::domain::Faults;
use crate::error::AppError;
use crate::mail;

/// What a visitor gives on the meetup page.
#[derive(Debug, Clone, Default)]
pub struct GuestRsvp {
    pub name: String,
    pub email: String,
    pub guests: i64,
    /// They want the group's mail (announcements) too: they join it once confirmed.
    pub keep_informed: bool,
    /// The group's code of conduct's box, ticked (asked when the group requires it).
    pub accepts_conduct: bool,
}

/// Records the answer, holding no seat, and mails the link that confirms it (or 422 on the
/// fields, 403 when the group takes no answers without an account, 409 when answers are closed,
/// 429 past the limits of password resets: per address and per client address, per hour). The
/// outcome is the same whether or not the address has an account.
#[tracing::instrument(skip_all, fields(meetup = %meetup_id))]
pub async fn request(
    db: &Db,
    settings: &Arc<Settings>,
    meetup_id: &MeetupId,
    input: GuestRsvp,
    lang: Locale,
    ip: &str,
) -> Result<(), AppError> {
    let mut faults = Faults::default();
    let name = faults.take(parse_name(&input.name));
    let email = faults.take(Email::parse(&input.email));
    let answer = faults.take(Answer::parse("yes", Some(input.guests)));
    let (name, email, answer) = faults
        .finish(name.zip(email).zip(answer).map(|((n, e), a)| (n, e, a)))
        .map_err(AppError::Invalid)?;
    let Answer::Yes { guests } = answer else {
        return Err(AppError::validation("guests", "error-guests_invalid"));
    };
    let (settings, ip, id) = (settings.clone(), ip.to_string(), meetup_id.clone());
    db.transaction(move |conn| {
        let row = meetups::meetup_row(conn, &id)?.ok_or(AppError::NotFound)?;
        if !row.group.guest_rsvps {
            return Err(AppError::Forbidden);
        }
        let m = &row.meetup;
        let at = now();
        check_open(m.is_cancelled(), m.starts_at, m.rsvp_deadline, at)?;
        let standing = Standing {
            required: is_required(
                row.group.require_code_of_conduct,
                row.group.code_of_conduct_url.as_deref(),
            ),
            organiser: false,
            accepted: false,
        };
        acceptance(standing, input.accepts_conduct).map_err(AppError::Validation)?;
        password_resets::lock_requests(conn)?;
        let since = at - Duration::hours(1);
        let purpose = password_resets::GUEST_RSVP;
        let (by_address, by_ip) =
            password_resets::record_request(conn, purpose, email.as_str(), &ip, since)?;
        if by_address > MAX_REQUESTS_PER_ADDRESS || by_ip > MAX_REQUESTS_PER_IP {
            return Err(AppError::RateLimited("error-guest_rsvp_rate_limited"));
        }
        let user = match users::user_by_email(conn, email.as_str())? {
            Some(user) => user,
            None => users::create_user(
                conn,
                users::NewAccount {
                    email: &email,
                    name: &name,
                    password_hash: "",
                    locale: lang,
                    guest: true,
                },
            )?,
        };
        let pending = GuestAnswer {
            meetup_id: m.id.clone(),
            user_id: user.id.clone(),
            guests,
            keep_informed: input.keep_informed,
            expires_at: answer_expiry(at, m.starts_at, m.rsvp_deadline),
        };
        let token = guest_answers::create(conn, &pending)?;
        mail::guest_rsvps::confirm_answer(conn, &settings, &row, &user, guests, &token)
    })
    .await
}

/// The answer a link confirms and its meetup, for the page the link opens (opening it changes
/// nothing: mail scanners open links); 410 `link_expired` once used or expired.
#[tracing::instrument(skip_all)]
pub async fn pending(db: &Db, token: &str) -> Result<(GuestAnswer, MeetupRow), AppError> {
    let token = token.to_string();
    db.run(move |conn| {
        let answer =
            guest_answers::usable(conn, &token, now())?.ok_or(AppError::Gone("link_expired"))?;
        let row = meetups::meetup_place(conn, &answer.meetup_id)?.ok_or(AppError::NotFound)?;
        Ok((answer, row))
    })
    .await
}

/// Confirms the answer: it takes a seat, or a place at the end of the waitlist, by the rules
/// and in the transaction members' answers take, with the same mails (410 `link_expired` once
/// used or expired; 409 when answers closed meanwhile). A guest joins the group only when they
/// asked for its mail; an account's owner joins it as members who answer do.
#[tracing::instrument(skip_all)]
pub async fn confirm(
    db: &Db,
    settings: &Arc<Settings>,
    token: &str,
) -> Result<(RsvpOutcome, MeetupRow), AppError> {
    let (settings, token) = (settings.clone(), token.to_string());
    db.transaction(move |conn| {
        let answer =
            guest_answers::consume(conn, &token, now())?.ok_or(AppError::Gone("link_expired"))?;
        // Read under the lock an account's deletion takes first (see `rsvps::answer_by_link`).
        let user = users::lock_user(conn, &answer.user_id, false)?.ok_or(AppError::NotFound)?;
        if is_erased_email(&user.email) {
            return Err(AppError::Gone("link_expired"));
        }
        // The code of conduct was accepted with the answer when the group asks for it.
        let joins = (!user.guest || answer.keep_informed).then_some(true);
        let yes = Answer::Yes {
            guests: answer.guests,
        };
        let outcome = answer_joining(
            conn,
            &settings,
            &user.id,
            &answer.meetup_id,
            yes,
            joins,
            None,
        )?;
        let row = meetups::meetup_place(conn, &answer.meetup_id)?.ok_or(AppError::NotFound)?;
        Ok((outcome, row))
    })
    .await
}
