//! Turns error responses of HTML pages into friendly pages in the visitor's language;
//! the JSON API, feeds and assets keep their own bodies.

use actix_web::dev::ServiceResponse;
use actix_web::http::{header, StatusCode};
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::HttpResponse;

use crate::error::AppError;
use crate::i18n;
use crate::views::{errors::error_page, Chrome};
use crate::web::extract::request_lang;

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
    let (title, message) = match error {
        Some(AppError::CsrfRejected) => (
            i18n::t(lang, "error.csrf_title").to_string(),
            i18n::t(lang, "error.csrf").to_string(),
        ),
        Some(e) => (i18n::t(lang, "error.title").to_string(), e.message(lang)),
        None => {
            let key = match status {
                StatusCode::NOT_FOUND => "error.not_found",
                StatusCode::FORBIDDEN => "error.forbidden",
                StatusCode::PAYLOAD_TOO_LARGE => "error.payload_too_large",
                s if s.is_server_error() => "error.internal",
                _ => "error.invalid_json",
            };
            (
                i18n::t(lang, "error.title").to_string(),
                i18n::t(lang, key).to_string(),
            )
        }
    };
    let path = request.path().to_string();
    let chrome = Chrome {
        lang,
        user_name: None,
        csrf: "",
        flash: None,
        path: &path,
    };
    let page = HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(error_page(&chrome, &title, &message).into_string());
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(request, page).map_into_right_body(),
    ))
}
