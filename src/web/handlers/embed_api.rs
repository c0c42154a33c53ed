//! The sites that may frame a group's embeddable list (`app::embed`).

use actix_web::{put, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::embed as uc;
use crate::error::AppError;
use crate::urls::group_url;
use crate::web::extract::ApiUser;
use crate::web::json::ErrorBody;
use crate::web::State;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(set_embed_origins);
}

#[derive(Deserialize, ToSchema)]
struct OriginsInput {
    /// Sites allowed to frame `/groups/{slug}/embed`: `https://host[:port]` (or `http://`),
    /// `*.` allowed as the first label; at most 20. Empty: any site.
    origins: Vec<String>,
}

#[derive(Serialize, ToSchema)]
struct EmbedSettingsJson {
    origins: Vec<String>,
    /// The page to frame (no JavaScript).
    embed_url: String,
    /// The same list as JSON, readable from any site (`Access-Control-Allow-Origin: *`).
    json_url: String,
}

/// Sets the sites that may show the group's embeddable list in a frame (organisers only): its
/// `Content-Security-Policy` then names them in `frame-ancestors`; with none, any site may.
/// Every other page keeps `frame-ancestors 'none'`.
#[utoipa::path(
    tag = "groups",
    params(("slug" = String, Path)),
    security(("bearer" = [])),
    request_body = OriginsInput,
    responses(
        (status = 200, body = EmbedSettingsJson),
        (status = 403, body = ErrorBody),
        (status = 422, description = "`validation_failed`: `embed_origins`, an origin that is not a scheme and host", body = ErrorBody),
    )
)]
#[put("/groups/{slug}/embed")]
async fn set_embed_origins(
    state: State,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
    body: web::Json<OriginsInput>,
) -> Result<HttpResponse, AppError> {
    let (slug, text) = (slug.into_inner(), body.into_inner().origins.join(" "));
    let (group, origins) = state
        .db
        .transaction(move |conn| uc::set_origins(conn, &user.id, &slug, &text))
        .await?;
    let base = group_url(&state.settings.base_url, &group.slug);
    Ok(HttpResponse::Ok().json(EmbedSettingsJson {
        origins: origins.split_whitespace().map(str::to_string).collect(),
        embed_url: format!("{base}/embed"),
        json_url: format!("{base}/upcoming.json"),
    }))
}
