//! Mail about the account itself: a password reset, a change of address.

use super::letter::{account_url, enqueue_for, reason};
use super::templates::{Mail, MailContent};
use crate::config::Settings;
use crate::db::models::User;
use crate::db::DbConn;
use crate::domain::mail::MailKind;
use crate::domain::token::hash_token;
use crate::error::AppError;
use crate::i18n::{t, tf, Args};
use crate::urls::{email_change_url, password_reset_url, PASSWORD_RESET_PATH};

/// A mail about the account itself: what happened, one link to follow, a note.
#[tracing::instrument(level = "debug", skip_all, fields(kind = %kind))]
fn account_mail(
    settings: &Settings,
    user: &User,
    kind: MailKind,
    subject: String,
    intro: String,
    action: (&str, &str),
    note: String,
) -> MailContent {
    let lang = user.lang();
    Mail {
        lang,
        recipient: &user.name,
        subject,
        intro,
        message: None,
        rich: None,
        meetup: None,
        action: (action.0.to_string(), action.1.to_string()),
        links: Vec::new(),
        note: Some(note),
        signature: t(lang, "mail-signature_site").to_string(),
        reason: t(lang, reason(kind)).to_string(),
        unsubscribe: None,
        settings_url: account_url(settings),
    }
    .render()
}

/// The link to choose a new password, to the account's address, in its language.
#[tracing::instrument(skip_all, fields(kind = %MailKind::PasswordReset))]
pub fn password_reset(
    conn: &mut DbConn,
    settings: &Settings,
    user: &User,
    token: &str,
) -> Result<(), AppError> {
    let lang = user.lang();
    let url = password_reset_url(&settings.base_url, token);
    let kind = MailKind::PasswordReset;
    let content = account_mail(
        settings,
        user,
        kind,
        t(lang, "mail-password_reset-subject").to_string(),
        t(lang, "mail-password_reset-intro").to_string(),
        (t(lang, "mail-password_reset-link"), &url),
        t(lang, "mail-password_reset-note").to_string(),
    );
    // One mail per link: the token's hash names it without revealing it.
    let key = format!("password_reset:{}", hash_token(token));
    enqueue_for(conn, key, kind, user, &user.email, content, None)?;
    Ok(())
}

/// A change of address: the link to confirm goes to the new address, a notice to the old one
/// (if it was not the owner, they hear of it where they can still act).
#[tracing::instrument(skip_all)]
pub fn email_change(
    conn: &mut DbConn,
    settings: &Settings,
    user: &User,
    new_email: &str,
    token: &str,
) -> Result<(), AppError> {
    let lang = user.lang();
    let url = email_change_url(&settings.base_url, token);
    let args: &Args = &[("email", &new_email)];
    let confirm = account_mail(
        settings,
        user,
        MailKind::EmailChangeConfirm,
        t(lang, "mail-email_confirm-subject").to_string(),
        tf(lang, "mail-email_confirm-intro", args),
        (t(lang, "mail-email_confirm-link"), &url),
        t(lang, "mail-email_confirm-note").to_string(),
    );
    let reset = format!("{}{}", settings.base_url, PASSWORD_RESET_PATH);
    let notice = account_mail(
        settings,
        user,
        MailKind::EmailChangeNotice,
        t(lang, "mail-email_notice-subject").to_string(),
        tf(lang, "mail-email_notice-intro", args),
        (t(lang, "mail-email_notice-link"), &reset),
        t(lang, "mail-email_notice-note").to_string(),
    );
    let key = hash_token(token);
    for (kind, to, content) in [
        (MailKind::EmailChangeConfirm, new_email, confirm),
        (MailKind::EmailChangeNotice, user.email.as_str(), notice),
    ] {
        enqueue_for(conn, format!("{kind}:{key}"), kind, user, to, content, None)?;
    }
    Ok(())
}
