//! Mail to the member who answered a meetup, and to those the answer moved off the waitlist.

use chrono::NaiveDateTime;

use super::answer_links::{AnswerLink, LinkAction};
use super::group_mail::{self, RsvpListeners};
use super::letter::{invitation, stamp, Letter};
use crate::config::Settings;
use crate::db::models::User;
use crate::db::repo::meetups::MeetupRow;
use crate::db::repo::users;
use crate::db::DbConn;
use crate::domain::ids::UserId;
use crate::domain::mail::MailKind;
use crate::domain::rsvp::{Party, RsvpOutcome, RsvpStatus};
use crate::error::AppError;
use crate::i18n::{t, Value};

/// Confirmation (going or waitlisted) for the member who answered, promotion notices for others.
#[tracing::instrument(skip_all, fields(meetup = %row.meetup.id))]
pub fn rsvp_answered(
    conn: &mut DbConn,
    settings: &Settings,
    row: &MeetupRow,
    member: &User,
    outcome: &RsvpOutcome,
    at: NaiveDateTime,
    listeners: RsvpListeners,
) -> Result<(), AppError> {
    // Everything but the promoted members was read by the caller, most of it before the
    // meetup's lock.
    if outcome.changed {
        let user = member;
        group_mail::rsvp_changed(
            conn,
            settings,
            row,
            user,
            outcome.party.status,
            at,
            listeners,
        )?;
        if outcome.party.status != RsvpStatus::NotGoing {
            let p = &outcome.party;
            let (kind, texts, intro, invite) = match p.status {
                RsvpStatus::Waitlisted => (
                    MailKind::RsvpWaitlisted,
                    "mail-waitlisted",
                    "mail-waitlisted-intro",
                    false,
                ),
                _ if p.guests > 0 => (
                    MailKind::RsvpGoing,
                    "mail-going",
                    "mail-going_guests-intro",
                    true,
                ),
                _ => (MailKind::RsvpGoing, "mail-going", "mail-going-intro", true),
            };
            let invitation = if invite {
                invitation(settings, row, "REQUEST", user, true)
            } else {
                None
            };
            let key = format!(
                "rsvp:{}:{}:{}:{}",
                row.meetup.id,
                user.id,
                p.status.as_str(),
                stamp(at)
            );
            let n = outcome.position.map_or(i64::from(p.guests), |n| n as i64);
            // Waiting has its own way out: one click, as going has "Release my seat".
            let leave = match p.status {
                RsvpStatus::Waitlisted => vec![(
                    t(user.lang(), "mail-leave_waitlist").to_string(),
                    AnswerLink::url(&row.meetup, &user.id, LinkAction::Release, settings),
                )],
                _ => Vec::new(),
            };
            Letter::new(kind, key, user, row, texts)
                .intro(intro)
                .links(leave)
                .args(vec![("n", Value::Count(n))])
                .invitation(invitation)
                .going(invite)
                .send(conn, settings)?;
        }
    }
    promoted(conn, settings, row, &outcome.promoted, at)
}

/// Tells members moved from the waitlist to going.
#[tracing::instrument(skip_all, fields(kind = %MailKind::Promoted, meetup = %row.meetup.id))]
pub fn promoted(
    conn: &mut DbConn,
    settings: &Settings,
    row: &MeetupRow,
    parties: &[Party],
    at: NaiveDateTime,
) -> Result<(), AppError> {
    let ids: Vec<UserId> = parties.iter().map(|p| p.user_id.clone()).collect();
    for user in users::users_by_ids(conn, &ids)? {
        let invitation = invitation(settings, row, "REQUEST", &user, true);
        let key = format!("promoted:{}:{}:{}", row.meetup.id, user.id, stamp(at));
        Letter::new(MailKind::Promoted, key, &user, row, "mail-promoted")
            .invitation(invitation)
            .going(true)
            .send(conn, settings)?;
    }
    Ok(())
}
