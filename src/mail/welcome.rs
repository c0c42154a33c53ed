//! The welcome mail of a member who joined a group: the meetups already announced, each with
//! its one-click "I'm going", since the announcements went out before they were there.

use super::answer_links::{AnswerLink, LinkAction};
use super::letter::{account_url, enqueue_for, reason, signature, summary};
use super::templates::Mail;
use crate::config::Settings;
use crate::db::models::{Group, User};
use crate::db::repo::meetups::{meetups_of_group, When};
use crate::db::{now, DbConn};
use crate::domain::mail::MailKind;
use crate::domain::rsvp::check_open;
use crate::error::AppError;
use crate::i18n::{t, tf};
use crate::urls::group_url;

/// How many announced meetups a welcome lists at most.
const LISTED: usize = 10;

/// One welcome per member and group (`group_welcome:{group}:{user}`), in the member's language,
/// when the group has announced meetups still taking answers (otherwise the next announcement
/// reaches them anyway, and a mail saying "nothing yet" is noise).
#[tracing::instrument(skip_all, fields(kind = %MailKind::GroupWelcome, group = %group.id))]
pub fn welcome(
    conn: &mut DbConn,
    settings: &Settings,
    group: &Group,
    user: &User,
) -> Result<(), AppError> {
    let (at, lang) = (now(), user.lang());
    let announced: Vec<_> = meetups_of_group(conn, &group.id, When::Upcoming, at, 50)?
        .into_iter()
        .filter(|row| {
            let m = &row.meetup;
            m.announced_at.is_some()
                && check_open(m.is_cancelled(), m.starts_at, m.rsvp_deadline, at).is_ok()
        })
        .take(LISTED)
        .collect();
    if announced.is_empty() {
        return Ok(());
    }
    let mut listing = String::new();
    let mut links = Vec::new();
    for row in &announced {
        let s = summary(row, lang, &settings.base_url);
        listing.push_str(&format!("• {} — {}\n  {}\n", s.title, s.when, s.url));
        links.push((
            tf(lang, "mail-welcome-going", &[("title", &s.title)]),
            AnswerLink::url(&row.meetup, &user.id, LinkAction::Going, settings),
        ));
    }
    let group_name = group.name.as_str();
    let intro = tf(lang, "mail-welcome-intro", &[("group", &group_name)]);
    let kind = MailKind::GroupWelcome;
    let content = Mail {
        lang,
        recipient: &user.name,
        subject: tf(lang, "mail-welcome-subject", &[("group", &group_name)]),
        intro,
        message: Some(listing.as_str()),
        rich: None,
        meetup: None,
        action: (
            t(lang, "mail-welcome-group").to_string(),
            group_url(&settings.base_url, &group.slug),
        ),
        links,
        note: None,
        signature: signature(lang, group_name),
        reason: tf(lang, reason(kind), &[("group", &group_name)]),
        unsubscribe: None,
        settings_url: account_url(settings),
    }
    .render();
    let key = format!("{kind}:{}:{}", group.id, user.id);
    enqueue_for(conn, key, kind, user, &user.email, content, None)?;
    Ok(())
}
