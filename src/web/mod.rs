//! HTTP: routes, extractors and thin handlers. Each resource module exposes `configure`.

pub mod cache;
pub mod error_pages;
pub mod error_response;
pub mod extract;
pub mod handlers;
pub mod html;
pub mod idle_trim;
pub mod input_guard;
pub mod json;
pub mod json_export;
pub mod json_input;
pub mod openapi;
pub mod pages;
pub mod panels;
pub mod stats_export;

use std::sync::Arc;

use actix_web::web;

use crate::config::Settings;
use crate::db::Db;

pub struct AppState {
    pub db: Db,
    pub settings: Arc<Settings>,
    pub cache: cache::RenderCache,
    /// Personal calendars are many, each read by one calendar app: kept apart, so that they
    /// never push the shared pages out.
    pub personal_cache: cache::RenderCache,
}

pub type State = web::Data<AppState>;

/// Every request walks the routes in order until one matches, and each pattern with a parameter
/// is a regular expression to run: the API sits behind one prefix, and the pages anonymous
/// crowds load (meetup, group, feeds) come before the forms.
pub fn configure(cfg: &mut web::ServiceConfig) {
    handlers::health::configure(cfg);
    handlers::assets::configure(cfg);
    cfg.service(web::scope("/api/v1").configure(|api| {
        api.service(openapi::serve);
        openapi::routes(&mut utoipa_actix_web::service_config::ServiceConfig::new(
            api,
        ));
    }));
    handlers::meetups_pages::configure(cfg);
    handlers::series_pages::configure(cfg);
    handlers::embed::configure(cfg);
    handlers::explore::configure(cfg);
    handlers::groups_pages::configure(cfg);
    handlers::bans_pages::configure(cfg);
    handlers::audit_pages::configure(cfg);
    handlers::feeds::configure(cfg);
    handlers::reports_pages::configure(cfg);
    handlers::rsvps_pages::configure(cfg);
    handlers::check_in_pages::configure(cfg);
    handlers::cohosts_pages::configure(cfg);
    handlers::stats_pages::configure(cfg);
    handlers::talks_pages::configure(cfg);
    handlers::talk_pool_pages::configure(cfg);
    handlers::messages_pages::configure(cfg);
    handlers::invitations_pages::configure(cfg);
    handlers::accounts_pages::configure(cfg);
    handlers::password_resets_pages::configure(cfg);
    handlers::email_changes_pages::configure(cfg);
    handlers::answer_links_pages::configure(cfg);
    handlers::guest_rsvps_pages::configure(cfg);
    handlers::incident_reports_pages::configure(cfg);
    handlers::polls_pages::configure(cfg);
    handlers::questions_pages::configure(cfg);
    handlers::webhooks_pages::configure(cfg);
    handlers::sponsors_pages::configure(cfg);
}
