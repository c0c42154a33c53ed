use actix_web::{get, web, HttpResponse};
use serde_json::json;

use crate::web::State;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(healthz);
}

#[get("/healthz")]
async fn healthz(state: State) -> HttpResponse {
    match state.db.ping().await {
        Ok(true) => HttpResponse::Ok().json(json!({ "status": "ok" })),
        Ok(false) => {
            tracing::error!("health check failed: the database cannot be written to");
            HttpResponse::ServiceUnavailable()
                .json(json!({ "status": "unavailable", "database": "read_only" }))
        }
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            HttpResponse::ServiceUnavailable().json(json!({ "status": "unavailable" }))
        }
    }
}
