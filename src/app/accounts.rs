//! Registration, sign-in, API tokens, calendar secrets and mail preferences.

use std::sync::OnceLock;

use chrono::Duration;

use super::attendance::attendance_of;
use crate::config::Settings;
use crate::db::models::{Group, Membership, User};
use crate::db::repo::email_changes;
use crate::db::repo::groups;
use crate::db::repo::meetups::{self, MeetupRow};
use crate::db::repo::users::{self, NewAccount};
use crate::db::{now, Db, DbConn};
use crate::domain::account::{check_password, is_erased_email, parse_name, Email, Locale};
use crate::domain::check_in::AttendanceCounts;
use crate::domain::ids::{GroupId, UserId};
use crate::domain::message::{NoticeMode, Subscription};
use crate::domain::password::{hash_password, verify_password};
use crate::domain::rsvp::RsvpStatus;
use crate::domain::Faults;
use crate::error::AppError;
use crate::mail::unsubscribe::MailTopic;

/// Failed sign-ins tolerated per account and per client address within the window.
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 10;
pub const MAX_FAILURES_PER_IP: i64 = 30;
pub const FAILURE_WINDOW_MINUTES: i64 = 15;

pub struct Registration {
    pub email: String,
    pub name: String,
    pub password: String,
    pub locale: Option<String>,
}

/// Password hashing is slow on purpose: it runs off the request threads.
pub(super) async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))
}

#[tracing::instrument(skip_all)]
pub async fn register(db: &Db, settings: &Settings, form: Registration) -> Result<User, AppError> {
    // Every field at fault at once: the form shows them all.
    let mut faults = Faults::default();
    let email = faults.take(Email::parse(&form.email));
    let name = faults.take(parse_name(&form.name));
    faults.take(check_password(&form.password));
    let locale = faults.take(
        match form
            .locale
            .as_deref()
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            Some(l) => Locale::parse_field(l, "locale"),
            None => Ok(Locale::parse(&settings.default_locale).unwrap_or_default()),
        },
    );
    let (email, name, locale) = faults
        .finish(email.zip(name).zip(locale).map(|((e, n), l)| (e, n, l)))
        .map_err(AppError::Invalid)?;
    let cost = settings.argon2;
    let password = form.password;
    let hash = blocking(move || hash_password(&password, cost))
        .await?
        .map_err(AppError::Internal)?;
    db.run_write(move |conn| {
        users::create_user(
            conn,
            NewAccount {
                email: &email,
                name: &name,
                password_hash: &hash,
                locale,
                guest: false,
            },
        )
    })
    .await
}

/// Checks credentials; too many recent failures for the account or the address → 429.
/// Failures are counted per account and per client address, in [`FAILURE_WINDOW_MINUTES`].
#[tracing::instrument(skip_all)]
pub async fn authenticate(
    db: &Db,
    settings: &Settings,
    email: &str,
    password: &str,
    ip: &str,
) -> Result<User, AppError> {
    let email = email.trim().to_lowercase();
    let since = now() - Duration::minutes(FAILURE_WINDOW_MINUTES);
    // The attempt is counted before the (slow) password check, in one step with the check of
    // the limits: parallel guesses cannot all pass on the same count.
    let (e, i) = (email.clone(), ip.to_string());
    db.transaction(move |conn| {
        users::lock_login_attempts(conn)?;
        users::record_login_attempt(conn, &e, &i)?;
        let (by_account, by_ip) = users::recent_login_failures(conn, &e, &i, since)?;
        if by_account > MAX_FAILURES_PER_ACCOUNT || by_ip > MAX_FAILURES_PER_IP {
            return Err(AppError::RateLimited("error-rate_limited"));
        }
        Ok(())
    })
    .await?;
    let e = email.clone();
    let user = db.run(move |conn| users::user_by_email(conn, &e)).await?;
    // Unknown accounts still cost one hash check, so timing does not tell which e-mails exist.
    let stored = user
        .as_ref()
        .map(|u| u.password_hash.clone())
        .unwrap_or_else(|| dummy_hash(settings).to_string());
    let password = password.to_string();
    let valid = blocking(move || verify_password(&password, &stored)).await?;
    match user {
        Some(user) if valid => {
            db.run_write(move |conn| users::clear_login_failures(conn, &email, since))
                .await?;
            Ok(user)
        }
        _ => Err(AppError::BadCredentials),
    }
}

fn dummy_hash(settings: &Settings) -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_password("not a real password", settings.argon2).unwrap_or_default())
}

/// A new API token for the user (returned once, stored hashed).
#[tracing::instrument(skip_all)]
pub async fn create_api_token(db: &Db, user: &User) -> Result<String, AppError> {
    let id = user.id.clone();
    db.run_write(move |conn| users::create_api_token(conn, &id))
        .await
}

#[tracing::instrument(skip_all)]
pub async fn revoke_api_token(db: &Db, token: String) -> Result<(), AppError> {
    db.run_write(move |conn| users::delete_api_token(conn, &token))
        .await
}

#[tracing::instrument(skip_all)]
pub async fn user_by_api_token(db: &Db, token: String) -> Result<Option<User>, AppError> {
    db.run(move |conn| users::user_by_api_token(conn, &token))
        .await
}

/// What a member may change of their profile; absent fields keep their value.
#[derive(Debug, Default)]
pub struct ProfileChange {
    pub name: Option<String>,
    /// `fr` or `en`: pages and mails in that language.
    pub locale: Option<String>,
    /// Keep out of attendee and member lists but the organisers' (counts still include you).
    pub hide_from_lists: Option<bool>,
}

#[tracing::instrument(skip_all)]
pub async fn update_profile(db: &Db, user: &User, change: ProfileChange) -> Result<User, AppError> {
    let name = match change.name {
        Some(name) => parse_name(&name)?,
        None => user.name.clone(),
    };
    let locale = match change.locale {
        Some(locale) => Locale::parse_field(&locale, "locale")?,
        None => user.locale,
    };
    let hide = change.hide_from_lists.unwrap_or(user.hide_from_lists);
    let id = user.id.clone();
    db.transaction(move |conn| {
        users::update_profile(conn, &id, &name, locale, hide)?;
        users::user_by_id(conn, &id)?.ok_or(AppError::NotFound)
    })
    .await
}

/// A new password, given the current one (checked, and counted, like a sign-in): every other
/// session and token ends, and so do pending e-mail changes; the one in use (`keep`: its
/// session key or API token) stays.
#[tracing::instrument(skip_all)]
pub async fn change_password(
    db: &Db,
    settings: &Settings,
    user: &User,
    current: &str,
    new: &str,
    ip: &str,
    keep: String,
) -> Result<(), AppError> {
    check_password(new)?;
    authenticate(db, settings, &user.email, current, ip).await?;
    let (cost, new) = (settings.argon2, new.to_string());
    let hash = blocking(move || hash_password(&new, cost))
        .await?
        .map_err(AppError::Internal)?;
    let id = user.id.clone();
    db.transaction(move |conn| {
        users::set_password_hash(conn, &id, &hash)?;
        email_changes::void_all_of(conn, &id)?;
        users::delete_other_sessions(conn, &id, &keep)
    })
    .await
}

/// What `/account` lists: my groups and my upcoming answers.
pub struct AccountOverview {
    pub groups: Vec<(Group, Membership)>,
    pub upcoming: Vec<(MeetupRow, RsvpStatus)>,
    /// The account's attendance history in each of its groups.
    pub attendance: std::collections::HashMap<GroupId, AttendanceCounts>,
}

#[tracing::instrument(skip_all)]
pub async fn overview(db: &Db, user: &User) -> Result<AccountOverview, AppError> {
    let id = user.id.clone();
    db.run(move |conn| {
        let groups = groups::groups_of_user(conn, &id)?;
        let mut attendance = std::collections::HashMap::new();
        for (group, _) in &groups {
            let mut counts = attendance_of(conn, &group.id, std::slice::from_ref(&id), now())?;
            attendance.insert(group.id.clone(), counts.remove(&id).unwrap_or_default());
        }
        Ok(AccountOverview {
            groups,
            upcoming: meetups::upcoming_answers_of(conn, &id, now())?,
            attendance,
        })
    })
    .await
}

/// How long a browser stays signed in (the session cookie lives as long).
pub const SESSION_DAYS: i64 = 30;

/// Starts a browser session for the user; the key it returns goes in the session cookie.
#[tracing::instrument(skip_all)]
pub async fn start_session(db: &Db, user: &User) -> Result<String, AppError> {
    let id = user.id.clone();
    db.run_write(move |conn| users::create_browser_session(conn, &id))
        .await
}

/// The signed-in user of a browser session, if it is still on.
#[tracing::instrument(skip_all)]
pub async fn session_user(db: &Db, key: String) -> Result<Option<User>, AppError> {
    db.run(move |conn| user_of_session(conn, &key)).await
}

/// [`session_user`] on the caller's connection.
pub(crate) fn user_of_session(conn: &mut DbConn, key: &str) -> Result<Option<User>, AppError> {
    let since = now() - Duration::days(SESSION_DAYS);
    users::user_by_browser_session(conn, key, since)
}

/// Signs the user out everywhere: every browser session and API token stops working, and so
/// does the link of a pending e-mail change (whoever held a session may have asked for it).
#[tracing::instrument(skip_all)]
pub async fn end_all_sessions(db: &Db, user: &User) -> Result<(), AppError> {
    let id = user.id.clone();
    db.transaction(move |conn| {
        email_changes::void_all_of(conn, &id)?;
        users::delete_all_sessions(conn, &id)
    })
    .await
}

/// Ends a browser session on the server: a copy of its cookie no longer signs anyone in.
#[tracing::instrument(skip_all)]
pub async fn end_session(db: &Db, key: String) -> Result<(), AppError> {
    let stale = now() - Duration::days(SESSION_DAYS);
    db.run_write(move |conn| users::delete_browser_session(conn, &key, stale))
        .await
}

/// A new secret for the personal calendar: the old feed URL stops working.
#[tracing::instrument(skip_all)]
pub async fn rotate_calendar_secret(db: &Db, user: &User) -> Result<String, AppError> {
    let id = user.id.clone();
    db.run_write(move |conn| users::rotate_calendar_secret(conn, &id))
        .await
}

#[tracing::instrument(skip_all)]
pub async fn set_mail_preferences(
    db: &Db,
    user: &User,
    reminders: bool,
    notices: bool,
) -> Result<(), AppError> {
    let id = user.id.clone();
    db.run_write(move |conn| users::set_mail_preferences(conn, &id, reminders, notices))
        .await
}

/// A signed unsubscribe link turns one topic off, leaving the other as it was (410
/// `link_expired` once the account is deleted).
#[tracing::instrument(skip_all)]
pub async fn unsubscribe(db: &Db, user_id: &UserId, topic: MailTopic) -> Result<(), AppError> {
    let user_id = user_id.clone();
    db.transaction(move |conn| {
        let user = users::user_by_id(conn, &user_id)?.ok_or(AppError::NotFound)?;
        if is_erased_email(&user.email) {
            return Err(AppError::Gone("link_expired"));
        }
        let (group, stop): (GroupId, fn(Subscription) -> Subscription) = match topic {
            MailTopic::Reminders => {
                return users::set_mail_preferences(conn, &user_id, false, user.mail_notices)
            }
            MailTopic::Notices => {
                return users::set_mail_preferences(conn, &user_id, user.mail_reminders, false)
            }
            MailTopic::Announcements(g) => (g, |s| Subscription {
                announcements: false,
                ..s
            }),
            MailTopic::Messages(g) => (g, |s| Subscription {
                messages: false,
                ..s
            }),
            MailTopic::OrganiserNotices(g) => (g, |s| Subscription {
                organiser_notices: NoticeMode::Off,
                ..s
            }),
            MailTopic::RsvpNotices(g) => (g, |s| Subscription {
                rsvp_notices: NoticeMode::Off,
                ..s
            }),
            MailTopic::Digest(g) => (g, Subscription::without_digest),
            MailTopic::FollowUps(g) => (g, |s| Subscription {
                follow_ups: false,
                ..s
            }),
        };
        match groups::subscription_of(conn, &group, &user_id)? {
            Some(current) => groups::set_subscription(conn, &group, &user_id, stop(current)),
            // No longer a member: nothing comes from the group any more.
            None => Ok(()),
        }
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{t, Lang};

    /// The sign-in page tells how long a lock lasts: the text must follow the rule.
    #[test]
    fn the_lock_message_states_the_window() {
        for &lang in Lang::ALL {
            let message = t(lang, "error-rate_limited");
            assert!(
                message.contains(&format!("{FAILURE_WINDOW_MINUTES} minutes")),
                "{message}"
            );
        }
    }
}
