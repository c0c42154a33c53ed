//! One error type for the whole service, with a stable code and a message per language.
//! The web layer maps it to HTTP once (`web::error_response`).

use crate::domain::group::RoleRefusal;
use crate::domain::meetup::MeetupRefusal;
use crate::domain::rsvp::RsvpRefusal;
use crate::domain::talk::TalkRefusal;
use crate::domain::venue_suggestion::SuggestionRefusal;
use crate::domain::FieldError;
use crate::i18n::{self, Lang};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("invalid JSON: {0}")]
    InvalidJson(String),
    /// A form body or an upload that does not parse.
    #[error("{0}")]
    InvalidForm(String),
    #[error("{0}")]
    InvalidQuery(String),
    #[error("authentication required")]
    Unauthorized,
    /// A sign-in with an unknown e-mail address or the wrong password.
    #[error("wrong e-mail address or password")]
    BadCredentials,
    #[error("not allowed")]
    Forbidden,
    /// 403 `banned`: the group banned this account.
    #[error("banned from this group")]
    Banned,
    /// A form posted without the session's CSRF token (stale tab, forged request).
    #[error("invalid CSRF token")]
    CsrfRejected,
    #[error("not found")]
    NotFound,
    /// 409 with a contract code such as `slug_taken` or `rsvp_closed`.
    #[error("{1}")]
    Conflict(&'static str, String),
    #[error("invalid {}", .0.field)]
    Validation(FieldError),
    /// Several inputs at fault at once (never empty): a form shows them all, the API names
    /// the first in `field` and lists every one in `fields`.
    #[error("invalid {}", .0.first().map_or("input", |e| e.field))]
    Invalid(Vec<FieldError>),
    /// A control character in the named input (a JSON key, form field or query parameter).
    #[error("control character in {0}")]
    ControlCharacter(String),
    /// 410 with a contract code such as `link_expired`: it existed, it is of no use any more.
    #[error("{0}")]
    Gone(&'static str),
    #[error("payload too large")]
    PayloadTooLarge,
    /// A body of a type its route does not read (a page's form sent as JSON, say).
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("too many attempts, try again later")]
    /// 429; the message key says which limit (sign-ins, reset links…).
    RateLimited(&'static str),
    #[error("service unavailable: {0}")]
    Unavailable(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<RsvpRefusal> for AppError {
    fn from(r: RsvpRefusal) -> Self {
        match r {
            RsvpRefusal::PartyTooLarge => AppError::validation("guests", "error-party_too_large"),
            _ => AppError::conflict(r.code()),
        }
    }
}

impl From<MeetupRefusal> for AppError {
    fn from(r: MeetupRefusal) -> Self {
        AppError::conflict(r.code())
    }
}

impl From<RoleRefusal> for AppError {
    fn from(r: RoleRefusal) -> Self {
        AppError::conflict(r.code())
    }
}

impl From<TalkRefusal> for AppError {
    fn from(r: TalkRefusal) -> Self {
        match r {
            TalkRefusal::Forbidden => AppError::Forbidden,
            TalkRefusal::AlreadyDecided => AppError::conflict("already_decided"),
            TalkRefusal::Invalid(e) => AppError::Validation(e),
            TalkRefusal::Fields(errors) => AppError::Invalid(errors),
        }
    }
}

impl From<SuggestionRefusal> for AppError {
    fn from(r: SuggestionRefusal) -> Self {
        match r {
            SuggestionRefusal::Forbidden => AppError::Forbidden,
            SuggestionRefusal::AlreadyDecided => AppError::conflict("already_decided"),
        }
    }
}

impl AppError {
    pub fn validation(field: &'static str, key: &'static str) -> AppError {
        AppError::Validation(FieldError::new(field, key))
    }

    pub fn conflict(code: &'static str) -> AppError {
        AppError::Conflict(
            code,
            i18n::t(Lang::En, &format!("conflict-{code}")).to_string(),
        )
    }

    pub fn code(&self) -> &'static str {
        match self {
            // The API names any input that does not parse so, whatever its format.
            AppError::InvalidJson(_) | AppError::InvalidForm(_) | AppError::InvalidQuery(_) => {
                "invalid_json"
            }
            AppError::Unauthorized | AppError::BadCredentials => "unauthorized",
            AppError::Forbidden | AppError::CsrfRejected => "forbidden",
            AppError::Banned => "banned",
            AppError::NotFound => "not_found",
            AppError::Conflict(code, _) | AppError::Gone(code) => code,
            AppError::Validation(_) | AppError::Invalid(_) | AppError::ControlCharacter(_) => {
                "validation_failed"
            }
            AppError::PayloadTooLarge => "payload_too_large",
            AppError::UnsupportedMediaType => "unsupported_media_type",
            AppError::RateLimited(_) => "rate_limited",
            AppError::Unavailable(_) => "unavailable",
            AppError::Internal(_) => "internal",
        }
    }

    /// The message shown to a person, in their language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            AppError::Validation(e) => i18n::t(lang, e.key).to_string(),
            AppError::Invalid(errors) => errors
                .first()
                .map_or_else(String::new, |e| i18n::t(lang, e.key).to_string()),
            AppError::Conflict(code, _) => i18n::t(lang, &format!("conflict-{code}")).to_string(),
            AppError::Gone(code) => i18n::t(lang, &format!("gone-{code}")).to_string(),
            AppError::RateLimited(key) => i18n::t(lang, key).to_string(),
            AppError::InvalidJson(detail)
            | AppError::InvalidForm(detail)
            | AppError::InvalidQuery(detail) => detail.clone(),
            AppError::CsrfRejected => i18n::t(lang, "error-csrf").to_string(),
            AppError::BadCredentials => i18n::t(lang, "error-bad_credentials").to_string(),
            AppError::ControlCharacter(field) => {
                i18n::tf(lang, "error-control_character", &[("field", field)])
            }
            AppError::Unavailable(_) | AppError::Internal(_) => {
                i18n::t(lang, "error-internal").to_string()
            }
            other => i18n::t(lang, &format!("error-{}", other.code())).to_string(),
        }
    }
}

impl From<FieldError> for AppError {
    fn from(e: FieldError) -> Self {
        AppError::Validation(e)
    }
}

/// Whether an error says the connection itself is gone (server restarted, backend terminated).
pub fn connection_lost(error: &diesel::result::Error) -> bool {
    use diesel::result::{DatabaseErrorKind, Error};
    matches!(
        error,
        Error::DatabaseError(DatabaseErrorKind::ClosedConnection, _)
            | Error::DatabaseError(DatabaseErrorKind::UnableToSendCommand, _)
    )
}

impl From<diesel::result::Error> for AppError {
    fn from(e: diesel::result::Error) -> Self {
        match e {
            diesel::result::Error::NotFound => AppError::NotFound,
            // SQLite reports a lock held past busy_timeout as a plain error: the request may be retried.
            diesel::result::Error::DatabaseError(_, ref info)
                if info.message().contains("database is locked") =>
            {
                AppError::Unavailable(e.to_string())
            }
            // The database was made read-only under the running app (a standby promoted the
            // other way, a full disk, a file's permissions): nothing this request can fix.
            diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::ReadOnlyTransaction,
                _,
            ) => AppError::Unavailable(e.to_string()),
            // The server closed the connection (restarted): the pool drops it, and the client
            // may try again.
            ref lost if connection_lost(lost) => AppError::Unavailable(e.to_string()),
            diesel::result::Error::DatabaseError(_, ref info)
                if info.message().contains("readonly database") =>
            {
                AppError::Unavailable(e.to_string())
            }
            other => AppError::Internal(other.to_string()),
        }
    }
}
