//! The one place where outside text is checked for control characters, before any handler
//! sees it: path segments (→ 404), query parameters, JSON and form bodies (→ 422 naming the
//! field). Pelican files are checked by their parser, which the CLI shares.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::web::{Bytes, BytesMut};
use actix_web::HttpMessage;
use futures_util::StreamExt;
use percent_encoding::percent_decode_str;
use serde_json::Value;
use url::form_urlencoded;

use crate::config::{FORM_LIMIT, JSON_LIMIT};
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
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let (kind, limit) = if content_type.starts_with("application/json") {
        (BodyKind::Json, JSON_LIMIT)
    } else if content_type.starts_with("application/x-www-form-urlencoded") {
        (BodyKind::Form, FORM_LIMIT)
    } else {
        return Ok(());
    };
    let body = read_body(req, &kind, limit).await?;
    let field = match kind {
        // Invalid JSON is left for the extractor to describe.
        BodyKind::Json => serde_json::from_slice::<Value>(&body)
            .ok()
            .and_then(|value| json_field_with_control(&value, "body")),
        BodyKind::Form => form_field_with_control(&body),
    };
    if let Some(field) = field {
        return Err(AppError::ControlCharacter(field));
    }
    req.set_payload(body.into());
    Ok(())
}

enum BodyKind {
    Json,
    Form,
}

impl BodyKind {
    fn unreadable(&self, detail: String) -> AppError {
        match self {
            BodyKind::Json => AppError::InvalidJson(detail),
            BodyKind::Form => AppError::InvalidForm(detail),
        }
    }
}

/// The body, up to the limit the extractors would apply anyway.
async fn read_body(
    req: &mut ServiceRequest,
    kind: &BodyKind,
    limit: usize,
) -> Result<Bytes, AppError> {
    let mut payload = req.take_payload();
    let mut body = BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| kind.unreadable(e.to_string()))?;
        if body.len() + chunk.len() > limit {
            return Err(AppError::PayloadTooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
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
}
