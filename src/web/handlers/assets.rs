//! Static files from `assets/`, embedded in the binary so one file is the whole install.

use std::sync::OnceLock;

use actix_web::http::header;
use actix_web::{get, web, HttpRequest, HttpResponse};

use crate::domain::token::hash_token;

pub struct Asset {
    pub name: &'static str,
    pub content_type: &'static str,
    pub bytes: &'static [u8],
}

pub const ASSETS: &[Asset] = &[
    Asset {
        name: "style.css",
        content_type: "text/css; charset=utf-8",
        bytes: include_bytes!("../../../assets/style.css"),
    },
    Asset {
        name: "favicon.svg",
        content_type: "image/svg+xml",
        bytes: include_bytes!("../../../assets/favicon.svg"),
    },
];

/// A short fingerprint of all assets: pages link `?v=` it, so a new release is never served stale.
pub fn version() -> &'static str {
    static VERSION: OnceLock<String> = OnceLock::new();
    VERSION.get_or_init(|| {
        let joined: Vec<u8> = ASSETS
            .iter()
            .flat_map(|a| a.bytes.iter().copied())
            .collect();
        hash_token(&String::from_utf8_lossy(&joined))[..12].to_string()
    })
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(asset_file).service(favicon);
}

#[get("/assets/{name}")]
async fn asset_file(req: HttpRequest, name: web::Path<String>) -> HttpResponse {
    serve(&req, &name)
}

#[get("/favicon.ico")]
async fn favicon(req: HttpRequest) -> HttpResponse {
    serve(&req, "favicon.svg")
}

fn serve(req: &HttpRequest, name: &str) -> HttpResponse {
    let Some(asset) = ASSETS.iter().find(|a| a.name == name) else {
        return HttpResponse::NotFound().finish();
    };
    let etag = format!("\"{}\"", version());
    let cache = if req.query_string().contains("v=") {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=3600"
    };
    let matches = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    if matches {
        return HttpResponse::NotModified()
            .insert_header((header::ETAG, etag))
            .insert_header((header::CACHE_CONTROL, cache))
            .finish();
    }
    HttpResponse::Ok()
        .content_type(asset.content_type)
        .insert_header((header::ETAG, etag))
        .insert_header((header::CACHE_CONTROL, cache))
        .body(asset.bytes)
}
