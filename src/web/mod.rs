//! HTTP: routes, extractors and thin handlers. Each resource module exposes `configure`.

pub mod cache;
pub mod error_pages;
pub mod extract;
pub mod handlers;
pub mod json;

use std::sync::Arc;

use actix_web::web;

use crate::config::Settings;
use crate::db::Db;

pub struct AppState {
    pub db: Db,
    pub settings: Arc<Settings>,
    pub cache: cache::RenderCache,
}

pub type State = web::Data<AppState>;

pub fn configure(cfg: &mut web::ServiceConfig) {
    handlers::health::configure(cfg);
    handlers::assets::configure(cfg);
    handlers::accounts_api::configure(cfg);
    handlers::accounts_pages::configure(cfg);
    handlers::groups_api::configure(cfg);
    handlers::meetups_api::configure(cfg);
    handlers::rsvps_api::configure(cfg);
    handlers::rsvps_pages::configure(cfg);
    handlers::talks_api::configure(cfg);
    handlers::venue_suggestions_api::configure(cfg);
    handlers::feeds::configure(cfg);
    handlers::groups_pages::configure(cfg);
    handlers::meetups_pages::configure(cfg);
    handlers::talks_pages::configure(cfg);
    handlers::reports_api::configure(cfg);
    handlers::reports_pages::configure(cfg);
}
