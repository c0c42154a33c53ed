//! The service's error as an HTTP answer, mapped once for every handler.
//! API requests get it as JSON (`{"error": {code, message, field?}}`); pages get a friendly HTML
//! page instead (`error_pages` picks by path).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use serde_json::json;

use crate::error::AppError;
use crate::i18n::{self, Lang};

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::InvalidJson(_) | AppError::InvalidForm(_) | AppError::InvalidQuery(_) => {
                StatusCode::BAD_REQUEST
            }
            AppError::Unauthorized | AppError::BadCredentials => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::CsrfRejected | AppError::Banned => {
                StatusCode::FORBIDDEN
            }
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Conflict(..) => StatusCode::CONFLICT,
            AppError::Gone(_) => StatusCode::GONE,
            AppError::Validation(_) | AppError::Invalid(_) | AppError::ControlCharacter(_) => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::RateLimited(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if matches!(self, AppError::Internal(_) | AppError::Unavailable(_)) {
            tracing::error!(error = %self, "request failed");
        }
        let mut error = json!({ "code": self.code(), "message": self.message(Lang::En) });
        match self {
            AppError::Validation(e) => error["field"] = json!(e.field),
            AppError::Invalid(errors) => {
                if let Some(first) = errors.first() {
                    error["field"] = json!(first.field);
                }
                let fields: Vec<_> = errors
                    .iter()
                    .map(|e| json!({ "field": e.field, "message": i18n::t(Lang::En, e.key) }))
                    .collect();
                error["fields"] = json!(fields);
            }
            AppError::ControlCharacter(field) => error["field"] = json!(field),
            _ => {}
        }
        let mut response = HttpResponse::build(self.status_code());
        if matches!(self, AppError::Unauthorized | AppError::BadCredentials) {
            response.insert_header(("WWW-Authenticate", "Bearer"));
        }
        response.json(json!({ "error": error }))
    }
}
