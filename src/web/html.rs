//! A rendered page as an HTTP answer: views return markup, the response is built here.

use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use maud::Markup;

/// A page, 200.
pub fn render(markup: Markup) -> HttpResponse {
    render_status(StatusCode::OK, markup)
}

/// A page with another status, e.g. a form re-displayed with its errors (422).
pub fn render_status(status: StatusCode, markup: Markup) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(markup.into_string())
}
