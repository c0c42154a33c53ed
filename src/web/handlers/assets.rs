//! Serves the embedded static files (`crate::assets`) with cache headers.

use actix_web::http::header;
use actix_web::{get, web, HttpRequest, HttpResponse};

use crate::assets::{find, version};

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
    let Some(asset) = find(name) else {
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
