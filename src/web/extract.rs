//! Request extractors: who is calling (bearer token or session), in which language, with which form.

use std::future::Future;
use std::pin::Pin;

use actix_session::{Session, SessionExt};
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::app::access::{self, Viewer};
use crate::app::accounts;
use crate::db::models::User;
use crate::domain::token::{constant_time_eq, random_hex};
use crate::error::AppError;
use crate::i18n::{self, Lang};
use crate::views::{Chrome, Flash, FlashKind};
use crate::web::State;

type LocalFuture<T> = Pin<Box<dyn Future<Output = Result<T, actix_web::Error>>>>;

fn state(req: &HttpRequest) -> State {
    req.app_data::<State>()
        .expect("AppState is registered by startup")
        .clone()
}

/// The client's address; forwarded headers count only when configured (behind a trusted proxy).
pub fn client_ip(req: &HttpRequest) -> String {
    let info = req.connection_info();
    let trusted = state(req).settings.trust_forwarded;
    let addr = if trusted {
        info.realip_remote_addr().map(str::to_string)
    } else {
        req.peer_addr().map(|a| a.ip().to_string())
    };
    addr.unwrap_or_else(|| "unknown".into())
}

pub fn bearer_token(req: &HttpRequest) -> Option<String> {
    req.headers()
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
}

/// A caller authenticated by `Authorization: Bearer <token>`.
pub struct ApiUser(pub User);

impl FromRequest for ApiUser {
    type Error = actix_web::Error;
    type Future = LocalFuture<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let token = bearer_token(req);
        let state = state(req);
        Box::pin(async move {
            let token = token.ok_or(AppError::Unauthorized)?;
            let user = accounts::user_by_api_token(&state.db, token)
                .await?
                .ok_or(AppError::Unauthorized)?;
            Ok(ApiUser(user))
        })
    }
}

/// A bearer token, or else the browser's session: for downloads a signed-in organiser follows
/// from a page (the CSV of attendees) that scripts fetch with a token.
pub struct TokenOrSessionUser(pub User);

impl FromRequest for TokenOrSessionUser {
    type Error = actix_web::Error;
    type Future = LocalFuture<Self>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        if bearer_token(req).is_some() {
            let fut = ApiUser::from_request(req, payload);
            return Box::pin(async move { Ok(TokenOrSessionUser(fut.await?.0)) });
        }
        let (state, session) = (state(req), req.get_session());
        Box::pin(async move {
            let key = session_key(&session).ok_or(AppError::Unauthorized)?;
            let user = accounts::session_user(&state.db, key)
                .await?
                .ok_or(AppError::Unauthorized)?;
            Ok(TokenOrSessionUser(user))
        })
    }
}

/// The account of the request's bearer token with its roles: `None` without a token, 401 for
/// a token no account has.
fn bearer_viewer(req: &HttpRequest) -> LocalFuture<Option<Viewer>> {
    let (token, state) = (bearer_token(req), state(req));
    Box::pin(async move {
        let Some(token) = token else { return Ok(None) };
        let viewer = access::token_viewer(&state.db, token)
            .await?
            .ok_or(AppError::Unauthorized)?;
        Ok(Some(viewer))
    })
}

/// Whoever calls a public read that shows more to members: anonymous without a bearer token,
/// else the token's account with its roles (401 for an unknown token).
pub struct ApiViewer(pub Viewer);

impl FromRequest for ApiViewer {
    type Error = actix_web::Error;
    type Future = LocalFuture<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let viewer = bearer_viewer(req);
        Box::pin(async move { Ok(ApiViewer(viewer.await?.unwrap_or_default())) })
    }
}

/// A caller authenticated by a bearer token, with their roles: for writes whose answer shows
/// what the caller may see (401 without a valid token).
pub struct ApiCaller(pub Viewer);

impl FromRequest for ApiCaller {
    type Error = actix_web::Error;
    type Future = LocalFuture<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let viewer = bearer_viewer(req);
        Box::pin(async move {
            let viewer = viewer.await?.ok_or(AppError::Unauthorized)?;
            Ok(ApiCaller(viewer))
        })
    }
}

/// The browser session's key (see `app::accounts::start_session`).
const SESSION_KEY: &str = "sid";
const SESSION_CSRF: &str = "csrf";
const SESSION_LANG: &str = "lang";
const SESSION_FLASH: &str = "flash";

/// Shows `text` once, on the next page this browser opens.
pub fn set_flash(session: &Session, kind: FlashKind, text: &str) {
    set_placed_flash(session, kind, text, None);
}

/// [`set_flash`], shown next to the form whose id is `anchor` when given.
fn set_placed_flash(session: &Session, kind: FlashKind, text: &str, anchor: Option<&str>) {
    let kind = match kind {
        FlashKind::Ok => "ok",
        FlashKind::Warn => "warn",
        FlashKind::Bad => "bad",
    };
    let _ = session.insert(SESSION_FLASH, (kind, text, anchor));
}

/// Signs the browser in with the key of a session started on the server.
pub fn sign_in(session: &Session, key: &str) {
    // A new session id on sign-in defeats session fixation.
    session.renew();
    let _ = session.insert(SESSION_KEY, key);
    let _ = session.insert(SESSION_CSRF, random_hex(32));
}

/// The key of the browser's session, to end it on the server.
pub fn session_key(session: &Session) -> Option<String> {
    session.get::<String>(SESSION_KEY).ok().flatten()
}

pub fn sign_out(session: &Session) {
    let lang = session.get::<String>(SESSION_LANG).ok().flatten();
    // Not `purge`: a purged session drops what is inserted after it, such as the flash message
    // saying the person is signed out. The server-side session is ended by the caller.
    session.clear();
    session.renew();
    if let Some(lang) = lang {
        let _ = session.insert(SESSION_LANG, lang);
    }
}

/// The language a person asked for: `?lang=` (remembered in the session), else the session's choice.
fn explicit_lang(req: &HttpRequest, session: &Session) -> Option<Lang> {
    let query = web::Query::<LangQuery>::from_query(req.query_string())
        .ok()
        .and_then(|q| q.lang.as_deref().and_then(Lang::parse));
    if let Some(lang) = query {
        let _ = session.insert(SESSION_LANG, lang.code());
        return Some(lang);
    }
    session
        .get::<String>(SESSION_LANG)
        .ok()
        .flatten()
        .and_then(|l| Lang::parse(&l))
}

fn accept_lang(req: &HttpRequest) -> Option<Lang> {
    req.headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(i18n::from_accept_language)
}

/// The language of a page that belongs to no group.
pub fn request_lang(req: &HttpRequest) -> Lang {
    let session = req.get_session();
    let default = Lang::parse(&state(req).settings.default_locale).unwrap_or_default();
    explicit_lang(req, &session)
        .or_else(|| accept_lang(req))
        .unwrap_or(default)
}

#[derive(Deserialize)]
struct LangQuery {
    lang: Option<String>,
}

/// Everything a page needs besides its own data: language, who is signed in, CSRF token, flash.
pub struct Page {
    pub lang: Lang,
    explicit: Option<Lang>,
    accept: Option<Lang>,
    /// Who is looking, resolved with the session lookup.
    pub viewer: Viewer,
    /// Made on first use: a page without forms (and a cached page) sets no cookie.
    csrf: std::cell::OnceCell<String>,
    pub flash: Option<Flash>,
    /// Path and query of this page, for language links and `next=` after sign-in.
    pub path: String,
    pub session: Session,
}

impl Page {
    /// Group pages speak the group's language unless the visitor asked for another.
    pub fn use_group_locale(&mut self, group_locale: Lang) {
        self.lang = self.explicit.or(self.accept).unwrap_or(group_locale);
    }

    /// The cache key of this page when it is the one every anonymous visitor sees (nobody
    /// signed in, no message to show), `None` otherwise. The language is part of it: the one
    /// asked for (`?lang=`, session, `Accept-Language`), or `-` when the page's own decides.
    pub fn shared_key(&self, kind: &str) -> Option<String> {
        let lang = self.explicit.or(self.accept).map_or("-", Lang::code);
        (!self.viewer.is_signed_in() && self.flash.is_none())
            .then(|| format!("{kind}:{lang}:{}", self.path))
    }

    pub fn require_user(&self) -> Result<&User, AppError> {
        self.viewer.require_user()
    }

    pub fn user(&self) -> Option<&User> {
        self.viewer.user()
    }

    pub fn t(&self, key: &str) -> &'static str {
        i18n::t(self.lang, key)
    }

    pub fn flash(&self, kind: FlashKind, text: &str) {
        set_flash(&self.session, kind, text);
    }

    /// A flash shown next to the form whose id is `anchor`, where the person is, rather than
    /// at the top of a long page; the answer redirects to `#anchor`.
    pub fn flash_at(&self, kind: FlashKind, text: &str, anchor: &str) {
        set_placed_flash(&self.session, kind, text, Some(anchor));
    }

    /// The session's CSRF token, created when a page first needs one.
    pub fn csrf(&self) -> &str {
        self.csrf.get_or_init(|| session_csrf(&self.session))
    }

    pub fn chrome(&self) -> Chrome<'_> {
        Chrome {
            lang: self.lang,
            user_name: self.viewer.user().map(|u| u.name.as_str()),
            csrf: self.csrf(),
            flash: self.flash.as_ref(),
            path: &self.path,
        }
    }
}

impl FromRequest for Page {
    type Error = actix_web::Error;
    type Future = LocalFuture<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let state = state(&req);
            let session = req.get_session();
            let explicit = explicit_lang(&req, &session);
            let accept = accept_lang(&req);
            let viewer = match session_key(&session) {
                Some(key) => access::session_viewer(&state.db, key).await?,
                None => Viewer::anonymous(),
            };
            let default = Lang::parse(&state.settings.default_locale).unwrap_or_default();
            let lang = explicit
                .or(accept)
                .or(viewer.user().map(User::lang))
                .unwrap_or(default);
            let csrf = session
                .get::<String>(SESSION_CSRF)
                .ok()
                .flatten()
                .map_or_else(std::cell::OnceCell::new, std::cell::OnceCell::from);
            // Read before removing: a removal alone marks the session changed, and every page
            // would send its cookie again, signed anew.
            let flash = session
                .get::<(String, String, Option<String>)>(SESSION_FLASH)
                .ok()
                .flatten()
                .inspect(|_| {
                    session.remove(SESSION_FLASH);
                })
                .map(|(kind, text, anchor)| Flash {
                    kind: match kind.as_str() {
                        "ok" => FlashKind::Ok,
                        "warn" => FlashKind::Warn,
                        _ => FlashKind::Bad,
                    },
                    text,
                    anchor,
                });
            let path = match req.query_string() {
                "" => req.path().to_string(),
                q => format!("{}?{}", req.path(), q),
            };
            Ok(Page {
                lang,
                explicit,
                accept,
                viewer,
                csrf,
                flash,
                path,
                session,
            })
        })
    }
}

/// Checks a form's token against the session's; 403 with a friendly page otherwise.
pub fn verify_csrf(session: &Session, sent: &str) -> Result<(), AppError> {
    match session.get::<String>(SESSION_CSRF).ok().flatten() {
        Some(expected) if !sent.is_empty() && constant_time_eq(sent, &expected) => Ok(()),
        _ => Err(AppError::CsrfRejected),
    }
}

#[derive(Deserialize)]
struct CsrfField {
    #[serde(default)]
    csrf_token: String,
}

/// A form refused for its token (expired session, another tab): where it went and what was
/// typed, passwords left out, so nothing typed is lost.
#[derive(Clone, Debug)]
pub struct ExpiredForm {
    pub action: String,
    pub fields: Vec<(String, String)>,
}

impl ExpiredForm {
    fn keep(action: &str, fields: Vec<(String, String)>) -> Self {
        ExpiredForm {
            action: action.to_string(),
            fields: fields
                .into_iter()
                .filter(|(name, _)| name != "csrf_token" && !name.contains("password"))
                .collect(),
        }
    }
}

/// The session's CSRF token, made now if it has none (a page that offers a form).
pub fn session_csrf(session: &Session) -> String {
    match session.get::<String>(SESSION_CSRF).ok().flatten() {
        Some(token) => token,
        None => {
            let token = random_hex(32);
            let _ = session.insert(SESSION_CSRF, &token);
            token
        }
    }
}

/// A form with nothing but its token: a button.
#[derive(Deserialize)]
pub struct Empty {}

/// A urlencoded form whose `csrf_token` field matched the session's token; 403 otherwise.
pub struct CsrfForm<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for CsrfForm<T> {
    type Error = actix_web::Error;
    type Future = LocalFuture<Self>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let session = req.get_session();
        let body = web::Bytes::from_request(req, payload);
        let req = req.clone();
        Box::pin(async move {
            let body = body.await.map_err(|_| AppError::PayloadTooLarge)?;
            let sent = serde_urlencoded::from_bytes::<CsrfField>(&body)
                .map(|f| f.csrf_token)
                .unwrap_or_default();
            if let Err(e) = verify_csrf(&session, &sent) {
                // Kept for the "form expired" page, which offers to send it again.
                let fields = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&body)
                    .unwrap_or_default();
                req.extensions_mut()
                    .insert(ExpiredForm::keep(req.path(), fields));
                return Err(e.into());
            }
            let form = serde_urlencoded::from_bytes::<T>(&body)
                .map_err(|e| AppError::InvalidForm(format!("invalid form: {e}")))?;
            Ok(CsrfForm(form))
        })
    }
}
