//! Turns error responses of HTML pages into friendly pages in the visitor's language;
//! the JSON API, feeds and assets keep their own bodies.

use actix_web::dev::ServiceResponse;
use actix_web::http::{header, StatusCode};
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::HttpResponse;

use actix_session::SessionExt;
use actix_web::{HttpMessage, HttpRequest};

use crate::app::accounts;
use crate::error::AppError;
use crate::i18n;
use crate::views::errors::{error_page, Resend};
use crate::views::Chrome;
use crate::web::extract::{request_lang, session_csrf, session_key, ExpiredForm};
use crate::web::html::render_status;
use crate::web::AppState;

fn is_html_path(path: &str) -> bool {
    !(path.starts_with("/api/")
        || path.starts_with("/assets/")
        || path == "/healthz"
        || path.ends_with(".ics")
        || path.ends_with(".atom")
        || path.ends_with(".md"))
}

pub fn render_error<B>(res: ServiceResponse<B>) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let request = res.request().clone();
    let already_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html_path(request.path()) || already_html {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let status = res.status();
    let error = res
        .response()
        .error()
        .and_then(|e| e.as_error::<AppError>());
    if matches!(error, Some(AppError::Unauthorized)) {
        let next = match request.query_string() {
            "" => request.path().to_string(),
            q => format!("{}?{q}", request.path()),
        };
        let location = format!(
            "/login?next={}",
            serde_urlencoded::to_string([("", next.as_str())])
                .unwrap_or_default()
                .trim_start_matches('=')
        );
        let redirect = HttpResponse::SeeOther()
            .insert_header((header::LOCATION, location))
            .finish();
        return Ok(ErrorHandlerResponse::Response(
            ServiceResponse::new(request, redirect).map_into_right_body(),
        ));
    }
    let lang = request_lang(&request);
    let (title_key, message) = match error {
        Some(AppError::CsrfRejected) => {
            ("error-csrf_title", i18n::t(lang, "error-csrf").to_string())
        }
        Some(e @ AppError::NotFound) => ("error-not_found_title", e.message(lang)),
        Some(e @ (AppError::Forbidden | AppError::Banned)) => {
            ("error-forbidden_title", e.message(lang))
        }
        Some(e) => ("error-title", e.message(lang)),
        None => match status {
            StatusCode::NOT_FOUND => (
                "error-not_found_title",
                i18n::t(lang, "error-not_found").to_string(),
            ),
            StatusCode::FORBIDDEN => (
                "error-forbidden_title",
                i18n::t(lang, "error-forbidden").to_string(),
            ),
            s => {
                let key = match s {
                    StatusCode::PAYLOAD_TOO_LARGE => "error-payload_too_large",
                    s if s.is_server_error() => "error-internal",
                    _ => "error-invalid_json",
                };
                ("error-title", i18n::t(lang, key).to_string())
            }
        },
    };
    // Offered again only to a form sent from this site: a page elsewhere must not be able to
    // prepare one for the visitor to click.
    let expired = request
        .extensions()
        .get::<ExpiredForm>()
        .cloned()
        .filter(|_| same_site(&request));
    let back = back_path(&request);
    Ok(ErrorHandlerResponse::Future(Box::pin(async move {
        let session = request.get_session();
        let state = request
            .app_data::<actix_web::web::Data<AppState>>()
            .cloned()
            .expect("the app state is registered");
        // The header shows who is signed in, as on every other page.
        let user = match session_key(&session) {
            Some(key) => accounts::session_user(&state.db, key).await.ok().flatten(),
            None => None,
        };
        let csrf = session_csrf(&session);
        let path = request.path().to_string();
        let chrome = Chrome {
            lang,
            user_name: user.as_ref().map(|u| u.name.as_str()),
            csrf: &csrf,
            flash: None,
            path: &path,
        };
        let message = match expired {
            Some(_) => i18n::t(lang, "error-csrf_resend").to_string(),
            None => message,
        };
        let resend = expired.as_ref().map(|f| Resend {
            action: &f.action,
            fields: &f.fields,
        });
        let title = i18n::t(lang, title_key);
        let page = render_status(
            status,
            error_page(&chrome, title, &message, back.as_deref(), resend),
        );
        Ok(ServiceResponse::new(request, page).map_into_right_body())
    })))
}

/// The page of this site the visitor came from, when it is not this one or the home page.
fn back_path(request: &HttpRequest) -> Option<String> {
    let referer = request.headers().get(header::REFERER)?.to_str().ok()?;
    let url = url::Url::parse(referer).ok()?;
    let host = match url.port() {
        Some(port) => format!("{}:{port}", url.host_str()?),
        None => url.host_str()?.to_string(),
    };
    if host != request.connection_info().host() {
        return None;
    }
    let path = match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_string(),
    };
    (path != "/" && url.path() != request.path()).then_some(path)
}

/// The request comes from a page of this site (the browser says so).
fn same_site(request: &HttpRequest) -> bool {
    request
        .headers()
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == "same-origin")
}
