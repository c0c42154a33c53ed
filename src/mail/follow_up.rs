//! The mail after a meetup: thanks, its programme with the talks' materials, and its report
//! once published, to those who came.

use chrono::NaiveDateTime;

use super::answer_links::{AnswerLink, LinkAction};
use super::letter::Letter;
use super::sponsors::Thanks;
use super::unsubscribe::MailTopic;
use crate::config::Settings;
use crate::db::models::{Meetup, User};
use crate::db::repo::meetups::{self, meetup_place, MeetupRow};
use crate::db::repo::{groups, reports, rsvps, talks};
use crate::db::DbConn;
use crate::domain::mail::MailKind;
use crate::domain::report::listed_as_present;
use crate::domain::time::to_local;
use crate::error::AppError;
use crate::i18n::{long_date, programme_text, t, tf};
use crate::urls::report_url;

/// A worker that was down longer than this sends no follow-up for what ended before: a thank
/// you days late reads as spam.
const LATEST: chrono::Duration = chrono::Duration::days(2);

/// Queues the follow-ups due at `at`, once per meetup: to members checked in, or to those going
/// when nobody was checked in, unless they turned the group's follow-ups off.
#[tracing::instrument(skip_all, fields(kind = %MailKind::FollowUp))]
pub fn schedule_follow_ups(
    conn: &mut DbConn,
    settings: &Settings,
    at: NaiveDateTime,
) -> Result<usize, AppError> {
    let Ok(after) = chrono::Duration::from_std(settings.follow_up_after) else {
        return Ok(0);
    };
    let mut queued = 0;
    for meetup_id in meetups::ended_without_follow_up(conn, at - after - LATEST, at - after)? {
        if !meetups::mark_followed_up(conn, &meetup_id, at)? {
            continue;
        }
        let Some(row) = meetup_place(conn, &meetup_id)? else {
            continue;
        };
        let going = rsvps::going_with_attendance(conn, &meetup_id)?;
        let anyone_checked_in = going.iter().any(|(_, attended)| *attended);
        let opted_out = groups::without_follow_ups(conn, &row.group.id)?;
        let programme = talks::programme(conn, &row.meetup)?;
        let report = reports::report_of_meetup(conn, &meetup_id)?
            .filter(|r| r.published)
            .map(|r| report_url(&settings.base_url, &row.group.slug, &r.slug));
        // The mail points forward: the group's next meetup, one click to answer it.
        let next = meetups::next_scheduled(conn, &row.group.id, at)?;
        let thanks = Thanks::of(conn, &meetup_id)?;
        for (user, attended) in going {
            if !listed_as_present(attended, anyone_checked_in) || opted_out.contains(&user.id) {
                continue;
            }
            let lang = user.lang();
            let mut text = programme_text(&programme, row.group.tz(), lang);
            // Its hosts and sponsors, thanked after the programme.
            if let Some(thanks) = thanks.line(lang) {
                if !text.is_empty() {
                    text.push_str("\n\n");
                }
                text.push_str(&thanks);
            }
            let key = format!("follow_up:{meetup_id}:{}", user.id);
            let intro = if programme.is_empty() {
                "mail-follow_up-intro_no_programme"
            } else {
                "mail-follow_up-intro"
            };
            let new = Letter::new(MailKind::FollowUp, key, &user, &row, "mail-follow_up")
                .intro(intro)
                .topic(MailTopic::FollowUps(row.group.id.clone()))
                .action(
                    report
                        .clone()
                        .map(|url| (t(lang, "mail-follow_up-report").to_string(), url)),
                )
                .message((!text.is_empty()).then_some(text))
                .links(
                    next.iter()
                        .map(|m| next_link(settings, &row, m, &user))
                        .collect(),
                )
                .send(conn, settings)?;
            queued += usize::from(new);
        }
    }
    Ok(queued)
}

/// "I'm going to the next one: Apéro #4, Tuesday 12 January 2027", as a signed one-click link.
fn next_link(settings: &Settings, row: &MeetupRow, next: &Meetup, user: &User) -> (String, String) {
    let lang = user.lang();
    let day = long_date(lang, to_local(next.starts_at, row.group.tz()));
    let label = tf(
        lang,
        "mail-follow_up-next",
        &[("title", &next.title), ("day", &day)],
    );
    (
        label,
        AnswerLink::url(next, &user.id, LinkAction::Going, settings),
    )
}
