//! An organiser's invitation to join a group (and maybe come to a meetup), to an address that
//! may have no account: its signed links (join, and no more invitations) and its mail.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::letter::{account_url, signature, summary};
use super::templates::Mail;
use crate::config::Settings;
use crate::db::models::Group;
use crate::db::repo::invitations::{address_key, Invitation};
use crate::db::repo::meetups::MeetupRow;
use crate::db::repo::outbox::{enqueue, NewMail};
use crate::db::DbConn;
use crate::domain::ids::InvitationId;
use crate::domain::mail::MailKind;
use crate::domain::token::{constant_time_eq, to_hex};
use crate::error::AppError;
use crate::i18n::{t, tf};
use crate::urls::{invitation_optout_path, invitation_path};

fn sign(secret: &str, payload: &str) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(payload.as_bytes());
    to_hex(&mac.finalize().into_bytes()[..16])
}

/// The token of an invitation's link: its id, signed. It works while the invitation exists.
pub fn invitation_token(secret: &str, id: &InvitationId) -> String {
    format!("{id}.{}", sign(secret, &format!("invitation:{id}")))
}

/// The invitation a token names, when this server signed it.
pub fn verify_invitation(secret: &str, token: &str) -> Option<InvitationId> {
    let (id, sig) = token.rsplit_once('.')?;
    constant_time_eq(&sign(secret, &format!("invitation:{id}")), sig)
        .then(|| InvitationId::from(id.to_string()))
}

/// The token of the link by which `email` (normalised) asks for no more invitations: the
/// address's key (see `address_key`), signed.
pub fn optout_token(secret: &str, email: &str) -> String {
    let key = address_key(email);
    format!(
        "{key}.{}",
        sign(secret, &format!("invitation-optout:{key}"))
    )
}

/// The address key an opt-out token names, when this server signed it.
pub fn verify_optout(secret: &str, token: &str) -> Option<String> {
    let (key, sig) = token.rsplit_once('.')?;
    constant_time_eq(&sign(secret, &format!("invitation-optout:{key}")), sig)
        .then(|| key.to_string())
}

/// One mail per invitation (`invitation:{group}:{address key}:{meetup or "group"}`), in the
/// group's language: the inviter's note, the meetup if one is named, "Join the group" (and
/// "I'm going"), and the link to get no more invitations.
#[tracing::instrument(skip_all, fields(kind = %MailKind::Invitation, group = %group.id))]
pub fn invite(
    conn: &mut DbConn,
    settings: &Settings,
    group: &Group,
    meetup: Option<&MeetupRow>,
    inviter: &str,
    invitation: &Invitation,
) -> Result<bool, AppError> {
    let lang = group.lang();
    let kind = MailKind::Invitation;
    let group_name = group.name.as_str();
    let token = invitation_token(&settings.secret_key, &invitation.id);
    let link = format!("{}{}", settings.base_url, invitation_path(&token));
    let optout = format!(
        "{}{}",
        settings.base_url,
        invitation_optout_path(&optout_token(&settings.secret_key, &invitation.email))
    );
    let summary = meetup.map(|row| summary(row, lang, &settings.base_url));
    let (subject, intro) = match &summary {
        Some(s) => (
            tf(
                lang,
                "mail-invitation_meetup-subject",
                &[("title", &s.title), ("group", &group_name)],
            ),
            tf(
                lang,
                "mail-invitation_meetup-intro",
                &[("name", &inviter), ("group", &group_name)],
            ),
        ),
        None => (
            tf(lang, "mail-invitation-subject", &[("group", &group_name)]),
            tf(
                lang,
                "mail-invitation-intro",
                &[("name", &inviter), ("group", &group_name)],
            ),
        ),
    };
    let join = (t(lang, "mail-invitation-join").to_string(), link.clone());
    let (action, links) = match &summary {
        Some(_) => (
            (
                t(lang, "mail-invitation-going").to_string(),
                format!("{link}?answer=yes"),
            ),
            vec![join],
        ),
        None => (join, Vec::new()),
    };
    let recipient = invitation.email.split('@').next().unwrap_or_default();
    let content = Mail {
        lang,
        recipient,
        subject,
        intro,
        message: invitation.note.as_deref(),
        rich: None,
        meetup: summary.as_ref(),
        action,
        links,
        note: Some(t(lang, "mail-invitation-note").to_string()),
        signature: signature(lang, group_name),
        reason: tf(lang, "mail-reason-invited", &[("group", &group_name)]),
        unsubscribe: Some(&optout),
        settings_url: account_url(settings),
    }
    .render();
    let scope = invitation
        .meetup_id
        .as_ref()
        .map_or_else(|| "group".to_string(), ToString::to_string);
    let key = format!(
        "{kind}:{}:{}:{scope}",
        group.id,
        address_key(&invitation.email)
    );
    enqueue(
        conn,
        NewMail {
            idempotency_key: key,
            kind,
            user_id: None,
            meetup_id: invitation.meetup_id.clone(),
            to_email: invitation.email.clone(),
            to_name: String::new(),
            subject: content.subject,
            body_text: content.text,
            body_html: content.html,
            ics: None,
            ics_method: None,
            unsubscribe_url: Some(optout),
            reply_to: None,
            due_at: None,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_verify_with_their_secret_only() {
        let id = InvitationId::random();
        let token = invitation_token("secret", &id);
        assert_eq!(verify_invitation("secret", &token), Some(id.clone()));
        assert_eq!(verify_invitation("other", &token), None);
        let forged = format!(
            "{}.{}",
            InvitationId::random(),
            token.rsplit('.').next().unwrap()
        );
        assert_eq!(verify_invitation("secret", &forged), None);
        let out = optout_token("secret", "a@example.org");
        assert_eq!(
            verify_optout("secret", &out),
            Some(address_key("a@example.org"))
        );
        assert_eq!(verify_optout("secret", &format!("0{out}")), None);
    }
}
