//! Reminders before a meetup, to members going who want them: queued when due, checked again
//! just before they go out.

use std::time::Duration;

use chrono::NaiveDateTime;

use super::letter::Letter;
use super::unsubscribe::MailTopic;
use crate::config::Settings;
use crate::db::repo::meetups::{self, meetup_place};
use crate::db::repo::{outbox, rsvps};
use crate::db::DbConn;
use crate::domain::duration::duration_label;
use crate::domain::ids::{MeetupId, UserId};
use crate::domain::mail::MailKind;
use crate::domain::meetup::MeetupStatus;
use crate::domain::rsvp::RsvpStatus;
use crate::error::AppError;

/// A confirmation queued this close before a reminder stands for it.
const MERGE_WINDOW: chrono::Duration = chrono::Duration::minutes(1);

/// The reminder due now: the shortest offset already reached, so a late worker sends one
/// reminder, not a burst of stale ones.
pub fn due_offset(
    offsets: &[Duration],
    starts_at: NaiveDateTime,
    at: NaiveDateTime,
) -> Option<Duration> {
    if at >= starts_at {
        return None;
    }
    offsets
        .iter()
        .copied()
        .filter(|o| chrono::Duration::from_std(*o).is_ok_and(|o| at >= starts_at - o))
        .min()
}

/// Queues the reminders that are due at `at`; the idempotency key makes this safe to repeat.
#[tracing::instrument(skip_all, fields(kind = %MailKind::Reminder))]
pub fn schedule_reminders(
    conn: &mut DbConn,
    settings: &Settings,
    at: NaiveDateTime,
) -> Result<usize, AppError> {
    let Some(longest) = settings
        .reminder_offsets
        .iter()
        .max()
        .and_then(|o| chrono::Duration::from_std(*o).ok())
    else {
        return Ok(0);
    };
    let upcoming = meetups::scheduled_starting_between(conn, at, at + longest)?;
    let mut queued = 0;
    for (meetup_id, starts_at) in upcoming {
        let Some(offset) = due_offset(&settings.reminder_offsets, starts_at, at) else {
            continue;
        };
        let Some(row) = meetup_place(conn, &meetup_id)? else {
            continue;
        };
        // "Still coming?" went out since this reminder was due: it was the reminder.
        let reached = chrono::Duration::from_std(offset).map(|o| starts_at - o);
        if row
            .meetup
            .reconfirm_asked_at
            .zip(reached.ok())
            .is_some_and(|(asked, due)| asked >= due)
        {
            continue;
        }
        // A seat confirmed since this reminder was due (or in the minute before): the
        // confirmation, with the meetup's details and calendar, was the reminder.
        let told = match reached {
            Ok(due) => outbox::seat_told_since(conn, &meetup_id, due - MERGE_WINDOW)?,
            Err(_) => Vec::new(),
        };
        for user in rsvps::reminder_recipients(conn, &meetup_id)? {
            if told.contains(&user.id) {
                continue;
            }
            let key = format!(
                "reminder:{}:{}:{}",
                meetup_id,
                user.id,
                duration_label(offset)
            );
            let new = Letter::new(MailKind::Reminder, key, &user, &row, "mail-reminder")
                .topic(MailTopic::Reminders)
                .going(true)
                .send(conn, settings)?;
            queued += usize::from(new);
        }
    }
    Ok(queued)
}

/// Whether a queued reminder should still go out: meetup on, not started, member still going.
#[tracing::instrument(skip_all, fields(kind = %MailKind::Reminder, meetup = %meetup_id))]
pub fn reminder_still_wanted(
    conn: &mut DbConn,
    meetup_id: &MeetupId,
    user_id: &UserId,
    at: NaiveDateTime,
) -> Result<bool, AppError> {
    let Some((status, starts_at)) = meetups::status_and_start(conn, meetup_id)? else {
        return Ok(false);
    };
    if status != MeetupStatus::Scheduled || at >= starts_at {
        return Ok(false);
    }
    let going = rsvps::answer_and_reminders(conn, meetup_id, user_id)?;
    Ok(going == Some((RsvpStatus::Going, true)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shortest_reached_offset_is_due() {
        let start = chrono::NaiveDate::from_ymd_opt(2030, 1, 2)
            .unwrap()
            .and_hms_opt(19, 0, 0)
            .unwrap();
        let offsets = [Duration::from_secs(86_400), Duration::from_secs(7_200)];
        let h = |n: i64| start - chrono::Duration::hours(n);
        assert_eq!(due_offset(&offsets, start, h(30)), None);
        assert_eq!(due_offset(&offsets, start, h(24)), Some(offsets[0]));
        assert_eq!(due_offset(&offsets, start, h(3)), Some(offsets[0]));
        assert_eq!(due_offset(&offsets, start, h(1)), Some(offsets[1]));
        assert_eq!(
            due_offset(&offsets, start, start),
            None,
            "never after the start"
        );
    }
}
