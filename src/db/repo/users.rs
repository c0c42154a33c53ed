use chrono::NaiveDateTime;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use super::{is_unique_violation, new_id};
use crate::db::models::User;
use crate::db::schema::{api_tokens, browser_sessions, login_failures, rsvps, users};
use crate::db::{now, DbConn};
use crate::domain::account::{Email, Locale};
use crate::domain::ids::UserId;
use crate::domain::token::{hash_token, random_hex};
use crate::error::AppError;

pub struct NewAccount<'a> {
    pub email: &'a Email,
    pub name: &'a str,
    pub password_hash: &'a str,
    pub locale: Locale,
    /// Answering without an account (no password): see `app::guest_rsvps`.
    pub guest: bool,
}

/// A new account, or a guest's row made an account (their answers and history kept) when the
/// address was only a guest's; `email_taken` when it is an account's.
#[tracing::instrument(level = "debug", skip_all)]
pub fn create_user(conn: &mut DbConn, account: NewAccount) -> Result<User, AppError> {
    if !account.guest {
        if let Some(user) = claim_guest(conn, &account)? {
            return Ok(user);
        }
    }
    let user = User {
        id: UserId::random(),
        email: account.email.as_str().to_string(),
        name: account.name.to_string(),
        password_hash: account.password_hash.to_string(),
        locale: account.locale,
        calendar_secret: random_hex(24),
        mail_reminders: true,
        mail_notices: true,
        created_at: now(),
        hide_from_lists: false,
        guest: account.guest,
    };
    diesel::insert_into(users::table)
        .values(&user)
        .execute(conn)
        .map_err(|e| {
            if is_unique_violation(&e) {
                AppError::conflict("email_taken")
            } else {
                e.into()
            }
        })?;
    Ok(user)
}

/// The guest at the account's address becomes that account, in one statement (of two
/// registrations at once, one wins); cached lists showing their first name learn the full one.
fn claim_guest(conn: &mut DbConn, account: &NewAccount) -> Result<Option<User>, AppError> {
    let claimed = diesel::update(
        users::table
            .filter(users::email.eq(account.email.as_str()))
            .filter(users::guest.eq(true)),
    )
    .set((
        users::guest.eq(false),
        users::name.eq(account.name),
        users::password_hash.eq(account.password_hash),
        users::locale.eq(account.locale),
    ))
    .execute(conn)?;
    if claimed == 0 {
        return Ok(None);
    }
    let user = user_by_email(conn, account.email.as_str())?.ok_or(AppError::NotFound)?;
    touch_listings(conn, &user.id)?;
    Ok(Some(user))
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn user_by_email(conn: &mut DbConn, email: &str) -> Result<Option<User>, AppError> {
    Ok(users::table
        .filter(users::email.eq(email))
        .select(User::as_select())
        .first(conn)
        .optional()?)
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn user_by_id(conn: &mut DbConn, id: &UserId) -> Result<Option<User>, AppError> {
    Ok(users::table
        .find(id)
        .select(User::as_select())
        .first(conn)
        .optional()?)
}

/// The user, locked until the transaction ends: `exclusive` for a change of the account as a
/// whole (its deletion), shared for a change made in its name (an answer by link). Taken before
/// any meetup or group lock. (SQLite: its one writer already serialises transactions.)
#[tracing::instrument(level = "debug", skip_all)]
pub fn lock_user(
    conn: &mut DbConn,
    id: &UserId,
    exclusive: bool,
) -> Result<Option<User>, AppError> {
    let query = users::table.find(id);
    Ok(match conn {
        DbConn::Pg(pg) if exclusive => query
            .select(User::as_select())
            .for_update()
            .first(pg)
            .optional()?,
        DbConn::Pg(pg) => query
            .select(User::as_select())
            .for_share()
            .first(pg)
            .optional()?,
        DbConn::Sqlite(sqlite) => query.select(User::as_select()).first(sqlite).optional()?,
    })
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn users_by_ids(conn: &mut DbConn, ids: &[UserId]) -> Result<Vec<User>, AppError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(users::table
        .filter(users::id.eq_any(ids))
        .select(User::as_select())
        .load(conn)?)
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn user_by_calendar_secret(conn: &mut DbConn, secret: &str) -> Result<Option<User>, AppError> {
    Ok(users::table
        .filter(users::calendar_secret.eq(secret))
        .select(User::as_select())
        .first(conn)
        .optional()?)
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn rotate_calendar_secret(conn: &mut DbConn, user_id: &UserId) -> Result<String, AppError> {
    let secret = random_hex(24);
    diesel::update(users::table.find(user_id))
        .set(users::calendar_secret.eq(&secret))
        .execute(conn)?;
    Ok(secret)
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn set_mail_preferences(
    conn: &mut DbConn,
    user_id: &UserId,
    reminders: bool,
    notices: bool,
) -> Result<(), AppError> {
    diesel::update(users::table.find(user_id))
        .set((
            users::mail_reminders.eq(reminders),
            users::mail_notices.eq(notices),
        ))
        .execute(conn)?;
    Ok(())
}

/// Issues a bearer token; only its hash is stored.
#[tracing::instrument(level = "debug", skip_all)]
pub fn create_api_token(conn: &mut DbConn, user_id: &UserId) -> Result<String, AppError> {
    let token = random_hex(32);
    diesel::insert_into(api_tokens::table)
        .values((
            api_tokens::token_hash.eq(hash_token(&token)),
            api_tokens::user_id.eq(user_id),
            api_tokens::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(token)
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn user_by_api_token(conn: &mut DbConn, token: &str) -> Result<Option<User>, AppError> {
    Ok(api_tokens::table
        .inner_join(users::table)
        .filter(api_tokens::token_hash.eq(hash_token(token)))
        .select(User::as_select())
        .first(conn)
        .optional()?)
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn delete_api_token(conn: &mut DbConn, token: &str) -> Result<(), AppError> {
    diesel::delete(api_tokens::table.filter(api_tokens::token_hash.eq(hash_token(token))))
        .execute(conn)?;
    Ok(())
}

/// A new browser session for the user; the key (returned once) goes in the cookie.
#[tracing::instrument(level = "debug", skip_all)]
pub fn create_browser_session(conn: &mut DbConn, user_id: &UserId) -> Result<String, AppError> {
    let key = random_hex(32);
    diesel::insert_into(browser_sessions::table)
        .values((
            browser_sessions::key_hash.eq(hash_token(&key)),
            browser_sessions::user_id.eq(user_id),
            browser_sessions::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(key)
}

/// The user of a session started after `since` and not ended.
#[tracing::instrument(level = "debug", skip_all)]
pub fn user_by_browser_session(
    conn: &mut DbConn,
    key: &str,
    since: NaiveDateTime,
) -> Result<Option<User>, AppError> {
    Ok(browser_sessions::table
        .inner_join(users::table)
        .filter(browser_sessions::key_hash.eq(hash_token(key)))
        .filter(browser_sessions::created_at.gt(since))
        .select(User::as_select())
        .first(conn)
        .optional()?)
}

/// Ends one session; stale sessions of everyone are pruned too.
#[tracing::instrument(level = "debug", skip_all)]
pub fn delete_browser_session(
    conn: &mut DbConn,
    key: &str,
    older_than: NaiveDateTime,
) -> Result<(), AppError> {
    diesel::delete(
        browser_sessions::table.filter(
            browser_sessions::key_hash
                .eq(hash_token(key))
                .or(browser_sessions::created_at.lt(older_than)),
        ),
    )
    .execute(conn)?;
    Ok(())
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn set_password_hash(conn: &mut DbConn, user_id: &UserId, hash: &str) -> Result<(), AppError> {
    diesel::update(users::table.find(user_id))
        .set((users::password_hash.eq(hash), users::guest.eq(false)))
        .execute(conn)?;
    Ok(())
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn update_profile(
    conn: &mut DbConn,
    user_id: &UserId,
    name: &str,
    locale: Locale,
    hide_from_lists: bool,
) -> Result<(), AppError> {
    diesel::update(users::table.find(user_id))
        .set((
            users::name.eq(name),
            users::locale.eq(locale),
            users::hide_from_lists.eq(hide_from_lists),
        ))
        .execute(conn)?;
    touch_listings(conn, user_id)
}

/// Cached pages that list this person (attendees, who came) are fingerprinted by their RSVPs:
/// a new name or a wish to keep out of lists must show there.
#[tracing::instrument(level = "debug", skip_all)]
pub fn touch_listings(conn: &mut DbConn, user_id: &UserId) -> Result<(), AppError> {
    diesel::update(rsvps::table.filter(rsvps::user_id.eq(user_id)))
        .set(rsvps::attendance_changed_at.eq(now()))
        .execute(conn)?;
    Ok(())
}

/// Ends every browser session and API token of the user but the one in use (its key or token).
#[tracing::instrument(level = "debug", skip_all)]
pub fn delete_other_sessions(
    conn: &mut DbConn,
    user_id: &UserId,
    keep: &str,
) -> Result<(), AppError> {
    let keep = hash_token(keep);
    diesel::delete(
        browser_sessions::table
            .filter(browser_sessions::user_id.eq(user_id))
            .filter(browser_sessions::key_hash.ne(&keep)),
    )
    .execute(conn)?;
    diesel::delete(
        api_tokens::table
            .filter(api_tokens::user_id.eq(user_id))
            .filter(api_tokens::token_hash.ne(&keep)),
    )
    .execute(conn)?;
    Ok(())
}

/// Ends every browser session and API token of the user.
#[tracing::instrument(level = "debug", skip_all)]
pub fn delete_all_sessions(conn: &mut DbConn, user_id: &UserId) -> Result<(), AppError> {
    diesel::delete(browser_sessions::table.filter(browser_sessions::user_id.eq(user_id)))
        .execute(conn)?;
    diesel::delete(api_tokens::table.filter(api_tokens::user_id.eq(user_id))).execute(conn)?;
    Ok(())
}

/// Makes concurrent sign-ins take turns between counting attempts and recording theirs: without
/// it, a burst of parallel guesses all count the same few failures and all get checked.
/// (On SQLite the recording insert itself takes the database's one write lock.)
#[tracing::instrument(level = "debug", skip_all)]
pub fn lock_login_attempts(conn: &mut DbConn) -> Result<(), AppError> {
    if let DbConn::Pg(pg) = conn {
        pg.batch_execute("LOCK TABLE login_failures IN SHARE ROW EXCLUSIVE MODE")?;
    }
    Ok(())
}

/// An attempt is recorded before its password is checked; a success then clears it.
#[tracing::instrument(level = "debug", skip_all)]
pub fn record_login_attempt(conn: &mut DbConn, email: &str, ip: &str) -> Result<(), AppError> {
    diesel::insert_into(login_failures::table)
        .values((
            login_failures::id.eq(new_id()),
            login_failures::email.eq(email),
            login_failures::ip.eq(ip),
            login_failures::failed_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Failed (or ongoing) sign-ins since `since`, for this account and for this address.
#[tracing::instrument(level = "debug", skip_all)]
pub fn recent_login_failures(
    conn: &mut DbConn,
    email: &str,
    ip: &str,
    since: NaiveDateTime,
) -> Result<(i64, i64), AppError> {
    let recent = login_failures::table.filter(login_failures::failed_at.gt(since));
    let by_email = recent
        .filter(login_failures::email.eq(email))
        .count()
        .get_result(conn)?;
    let by_ip = recent
        .filter(login_failures::ip.eq(ip))
        .count()
        .get_result(conn)?;
    Ok((by_email, by_ip))
}

/// A successful login forgives the account's failures; stale rows of everyone are pruned too.
#[tracing::instrument(level = "debug", skip_all)]
pub fn clear_login_failures(
    conn: &mut DbConn,
    email: &str,
    older_than: NaiveDateTime,
) -> Result<(), AppError> {
    diesel::delete(
        login_failures::table.filter(
            login_failures::email
                .eq(email)
                .or(login_failures::failed_at.lt(older_than)),
        ),
    )
    .execute(conn)?;
    Ok(())
}
