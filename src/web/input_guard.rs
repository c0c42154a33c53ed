//! The one place where outside text is checked for control characters, before any handler
//! sees it: path segments (→ 404), query parameters and bodies (→ 422 naming the field).
//!
//! A body is read here only as what its route reads: the API takes JSON, pages take URL-encoded
//! forms, the upload of report files takes multipart (its text fields checked, its files left to
//! the Pelican parser, which the CLI shares), and the API's import takes a Pelican file, checked
//! by that parser alone; the one-click unsubscribe reads none. Any other body is refused (415)
//! before a handler could read it as something else, whatever it declares; an empty one is no
//! body at all.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::error::PayloadError;
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::web::{Bytes, BytesMut};
use actix_web::HttpMessage;
use futures_util::StreamExt;
use percent_encoding::percent_decode_str;
use serde_json::Value;
use url::form_urlencoded;

use crate::config::{FORM_LIMIT, JSON_LIMIT, UPLOAD_LIMIT};
use crate::domain::text::forbidden_control;
use crate::error::AppError;

pub async fn refuse_control_characters<B: MessageBody + 'static>(
    mut req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    // A response, not an `Err`: the error-page handler then renders it for browsers.
    match check(&mut req).await {
        Ok(()) => Ok(next.call(req).await?.map_into_left_body()),
        Err(error) => Ok(req.error_response(error).map_into_right_body()),
    }
}

async fn check(req: &mut ServiceRequest) -> Result<(), AppError> {
    let path = percent_decode_str(req.path()).decode_utf8_lossy();
    if forbidden_control(&path).is_some() {
        return Err(AppError::NotFound);
    }
    if let Some(field) = form_field_with_control(req.query_string().as_bytes()) {
        return Err(AppError::ControlCharacter(field));
    }
    // The path as the router reads it (percent-decoded), so the rule is the handler's.
    let route = Route::of(req.match_info().as_str());
    let declared = Declared::of(req);
    let field = match (route, declared) {
        (Route::Markdown | Route::OneClick | Route::Picture, _) => return Ok(()),
        (Route::Api, Declared::Json) => {
            let body = read_body(req, JSON_LIMIT, Declared::Json).await?;
            // Invalid JSON is left for the extractor to describe.
            serde_json::from_slice::<Value>(&body)
                .ok()
                .and_then(|value| json_field_with_control(&value, "body"))
        }
        (Route::Form, Declared::Form) => {
            form_field_with_control(&read_body(req, FORM_LIMIT, Declared::Form).await?)
        }
        (Route::Upload, Declared::Multipart) => {
            multipart_field_with_control(req, UPLOAD_LIMIT).await?
        }
        _ => return refuse_unless_empty(req).await,
    };
    match field {
        Some(field) => Err(AppError::ControlCharacter(field)),
        None => Ok(()),
    }
}

/// What the handlers behind a path read from a body.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Route {
    /// `/api/…`: JSON.
    Api,
    /// `POST /api/v1/groups/{slug}/reports/import`: a Pelican file, whatever its declared type.
    Markdown,
    /// `PUT /api/v1/groups/{slug}/banner`, `PUT /api/v1/sponsors/{id}/logo`: a picture, read
    /// (with its own limit) and decoded by its handler alone.
    Picture,
    /// Pages: URL-encoded forms.
    Form,
    /// `POST /groups/{slug}/reports/import`: report files, as multipart.
    Upload,
    /// `POST /unsubscribe/…`, whose handler reads no body: mail clients send RFC 8058's
    /// `List-Unsubscribe=One-Click` as either form type, or as they please.
    OneClick,
}

impl Route {
    fn of(path: &str) -> Route {
        let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        match segments.as_slice() {
            ["api", "v1", "groups", _, "reports", "import"] => Route::Markdown,
            ["api", "v1", "groups", _, "banner"] | ["api", "v1", "sponsors", _, "logo"] => {
                Route::Picture
            }
            ["api", ..] => Route::Api,
            ["groups", _, "reports", "import"]
            | ["groups", _, "banner"]
            | ["groups", _, "sponsors", _, "logo"] => Route::Upload,
            ["unsubscribe", ..] => Route::OneClick,
            _ => Route::Form,
        }
    }
}

/// The kind of body a request declares by its `Content-Type`.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Declared {
    /// `application/json`, or any `…+json` type, which the JSON extractor takes too.
    Json,
    Form,
    Multipart,
    Other,
}

impl Declared {
    fn of(req: &ServiceRequest) -> Declared {
        let content_type = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let essence = content_type
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        match essence.as_str() {
            "application/json" => Declared::Json,
            e if e.starts_with("application/") && e.ends_with("+json") => Declared::Json,
            "application/x-www-form-urlencoded" => Declared::Form,
            "multipart/form-data" => Declared::Multipart,
            _ => Declared::Other,
        }
    }

    fn unreadable(self, detail: String) -> AppError {
        match self {
            Declared::Json => AppError::InvalidJson(detail),
            _ => AppError::InvalidForm(detail),
        }
    }
}

/// A body of a type its route does not read: 415, unless there is no body at all.
async fn refuse_unless_empty(req: &mut ServiceRequest) -> Result<(), AppError> {
    let mut payload = req.take_payload();
    while let Some(chunk) = payload.next().await {
        match chunk {
            Ok(chunk) if chunk.is_empty() => continue,
            Ok(_) => return Err(AppError::UnsupportedMediaType),
            Err(e) => return Err(AppError::InvalidForm(e.to_string())),
        }
    }
    Ok(())
}

/// The body, up to the limit (413 past it), put back for the handler.
async fn read_body(
    req: &mut ServiceRequest,
    limit: usize,
    declared: Declared,
) -> Result<Bytes, AppError> {
    let announced = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|length| length > limit as u64) {
        return Err(AppError::PayloadTooLarge);
    }
    let mut payload = req.take_payload();
    let mut body = BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| declared.unreadable(e.to_string()))?;
        if body.len() + chunk.len() > limit {
            return Err(AppError::PayloadTooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    let body = body.freeze();
    req.set_payload(bytes_payload(body.clone()));
    Ok(body)
}

fn bytes_payload(body: Bytes) -> actix_web::dev::Payload {
    let stream = futures_util::stream::once(async move { Ok::<_, PayloadError>(body) });
    actix_web::dev::Payload::Stream {
        payload: Box::pin(stream),
    }
}

/// Reads a multipart body whole, up to `limit`: the names and file names of its parts and the
/// values of its fields (parts without a file name) are text to check, and those values may
/// not exceed a form's limit together (413). Files are left to the parser that reads them.
async fn multipart_field_with_control(
    req: &mut ServiceRequest,
    limit: usize,
) -> Result<Option<String>, AppError> {
    let body = read_body(req, limit, Declared::Multipart).await?;
    let malformed = || AppError::InvalidForm("malformed upload".into());
    let mut parts = actix_multipart::Multipart::new(
        req.headers(),
        futures_util::stream::once(async move { Ok::<_, PayloadError>(body) }),
    );
    let mut fields_size = 0;
    while let Some(part) = parts.next().await {
        let mut part = part.map_err(|_| malformed())?;
        let name = part.name().unwrap_or_default().to_string();
        let file_name = part
            .content_disposition()
            .and_then(|d| d.get_filename())
            .unwrap_or_default()
            .to_string();
        if forbidden_control(&name).is_some() || forbidden_control(&file_name).is_some() {
            return Ok(Some(printable(&name)));
        }
        let mut value = BytesMut::new();
        while let Some(chunk) = part.next().await {
            let chunk = chunk.map_err(|_| malformed())?;
            if file_name.is_empty() {
                fields_size += chunk.len();
                if fields_size > FORM_LIMIT {
                    return Err(AppError::PayloadTooLarge);
                }
                value.extend_from_slice(&chunk);
            }
        }
        if file_name.is_empty() && forbidden_control(&String::from_utf8_lossy(&value)).is_some() {
            return Ok(Some(printable(&name)));
        }
    }
    Ok(None)
}

fn form_field_with_control(encoded: &[u8]) -> Option<String> {
    form_urlencoded::parse(encoded)
        .find(|(key, value)| forbidden_control(key).is_some() || forbidden_control(value).is_some())
        .map(|(key, _)| printable(&key))
}

/// The innermost object key above the first string holding a control character.
fn json_field_with_control(value: &Value, field: &str) -> Option<String> {
    match value {
        Value::String(text) => forbidden_control(text).map(|_| printable(field)),
        Value::Array(items) => items
            .iter()
            .find_map(|item| json_field_with_control(item, field)),
        Value::Object(entries) => entries.iter().find_map(|(key, item)| {
            if forbidden_control(key).is_some() {
                Some(printable(key))
            } else {
                json_field_with_control(item, key)
            }
        }),
        _ => None,
    }
}

/// A field name fit to be echoed in an error body.
fn printable(name: &str) -> String {
    name.chars().filter(|c| !c.is_control()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_field_at_fault_is_named() {
        let body = json!({"title": "ok", "venue": {"name": "Salle\u{0}"}, "tags": ["a"]});
        assert_eq!(
            json_field_with_control(&body, "body").as_deref(),
            Some("name")
        );
        let body = json!({"tags": ["a", "b\u{7}"]});
        assert_eq!(
            json_field_with_control(&body, "body").as_deref(),
            Some("tags")
        );
        assert_eq!(
            json_field_with_control(&json!("\u{0}"), "body").as_deref(),
            Some("body")
        );
        assert_eq!(
            json_field_with_control(&json!({"a\u{0}b": 1}), "body").as_deref(),
            Some("ab")
        );
        assert_eq!(
            json_field_with_control(&json!({"note": "l1\r\nl2\tx"}), "body"),
            None
        );
        assert_eq!(
            form_field_with_control(b"email=a%00b&x=1").as_deref(),
            Some("email")
        );
        assert_eq!(form_field_with_control(b"description=a%0D%0Ab"), None);
    }

    #[test]
    fn each_route_reads_one_kind_of_body() {
        for (path, route) in [
            ("/api/v1/groups/grp/meetups", Route::Api),
            ("/api/v1/groups/grp/reports/import", Route::Markdown),
            ("/groups/grp/reports/import", Route::Upload),
            ("/groups/grp/reports/import/x", Route::Form),
            ("/unsubscribe/u/reminders/sig", Route::OneClick),
            ("/account/profile", Route::Form),
            ("/", Route::Form),
        ] {
            assert_eq!(Route::of(path), route, "{path}");
        }
        for (content_type, declared) in [
            ("application/json", Declared::Json),
            ("Application/JSON; charset=utf-8", Declared::Json),
            ("application/merge-patch+json", Declared::Json),
            (
                "application/x-www-form-urlencoded;charset=UTF-8",
                Declared::Form,
            ),
            ("multipart/form-data; boundary=x", Declared::Multipart),
            ("text/plain", Declared::Other),
            ("application/jsonx", Declared::Other),
        ] {
            let req = actix_web::test::TestRequest::default()
                .insert_header((header::CONTENT_TYPE, content_type))
                .to_srv_request();
            assert_eq!(Declared::of(&req), declared, "{content_type}");
        }
        let req = actix_web::test::TestRequest::default().to_srv_request();
        assert_eq!(Declared::of(&req), Declared::Other);
    }
}
