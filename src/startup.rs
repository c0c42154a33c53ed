//! Builds the application from settings: database, middleware, routes, bound listener.

use std::net::TcpListener;
use std::sync::Arc;

use actix_session::config::{CookieContentSecurity, PersistentSession};
use actix_session::storage::CookieSessionStore;
use actix_session::SessionMiddleware;
use actix_web::body::MessageBody;
use actix_web::cookie::{Key, SameSite};
use actix_web::dev::Server;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::error::{JsonPayloadError, QueryPayloadError};
use actix_web::http::header;
use actix_web::middleware::{from_fn, DefaultHeaders, ErrorHandlers, Next};
use actix_web::{web, App, HttpRequest, HttpServer};
use tracing_actix_web::TracingLogger;

use crate::config::{Settings, FORM_LIMIT, JSON_LIMIT};
use crate::db::Db;
use crate::error::AppError;
use crate::mail::Mailer;
use crate::web::{error_pages, AppState};

pub struct Application {
    pub port: u16,
    pub db: Db,
    server: Server,
}

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Db(#[from] crate::db::DbSetupError),
    #[error("{0}")]
    Mail(String),
    #[error("cannot listen on {0}: {1}")]
    Bind(String, std::io::Error),
}

impl Application {
    pub async fn build(settings: Settings) -> Result<Application, StartupError> {
        let (url, pool_size) = (settings.database_url.clone(), settings.pool_size);
        let db = tokio::task::spawn_blocking(move || Db::connect_and_migrate(&url, pool_size))
            .await
            .expect("migration task panicked")?;
        let listener = TcpListener::bind(&settings.bind)
            .map_err(|e| StartupError::Bind(settings.bind.clone(), e))?;
        let port = listener
            .local_addr()
            .map_err(|e| StartupError::Bind(settings.bind.clone(), e))?
            .port();
        if settings.run_mail_worker {
            let mailer = Mailer::from_settings(&settings).map_err(StartupError::Mail)?;
            tokio::spawn(crate::mail::worker::run(
                db.background(),
                mailer,
                settings.clone(),
            ));
            tokio::spawn(crate::app::series::keep_topped_up(
                db.background(),
                settings.clone(),
            ));
            tokio::spawn(crate::webhooks::delivery::run(
                db.background(),
                settings.clone(),
            ));
        }
        tokio::spawn(crate::web::idle_trim::trim_when_idle());
        let server = run(listener, db.clone(), settings)
            .map_err(|e| StartupError::Bind("listener".into(), e))?;
        Ok(Application { port, db, server })
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

fn json_error(err: JsonPayloadError, _req: &HttpRequest) -> actix_web::Error {
    match err {
        JsonPayloadError::Overflow { .. } | JsonPayloadError::OverflowKnownLength { .. } => {
            AppError::PayloadTooLarge
        }
        JsonPayloadError::ContentType => {
            AppError::InvalidJson("Content-Type must be application/json".into())
        }
        other => AppError::InvalidJson(other.to_string()),
    }
    .into()
}

fn query_error(err: QueryPayloadError, _req: &HttpRequest) -> actix_web::Error {
    AppError::InvalidQuery(format!("invalid query string: {err}")).into()
}

fn run(listener: TcpListener, db: Db, settings: Settings) -> std::io::Result<Server> {
    let key = Key::derive_from(settings.secret_key.as_bytes());
    let secure_cookie = settings.cookie_secure();
    let workers = settings.workers;
    // Blocking work is database work: more threads than connections only wait for the pool
    // (and each idle thread still costs memory).
    let blocking_threads = settings.pool_size as usize + 2;
    let state = web::Data::new(AppState {
        db,
        settings: Arc::new(settings),
        cache: Default::default(),
        personal_cache: Default::default(),
    });
    let server = HttpServer::new(move || {
        let session = SessionMiddleware::builder(CookieSessionStore::default(), key.clone())
            .cookie_name("rendezvous_session".into())
            .cookie_secure(secure_cookie)
            .cookie_http_only(true)
            .cookie_same_site(SameSite::Lax)
            .cookie_content_security(CookieContentSecurity::Signed)
            .session_lifecycle(PersistentSession::default().session_ttl(
                actix_web::cookie::time::Duration::days(crate::app::accounts::SESSION_DAYS),
            ))
            .build();
        App::new()
            .app_data(state.clone())
            .app_data(
                web::JsonConfig::default()
                    .limit(JSON_LIMIT)
                    .error_handler(json_error),
            )
            .app_data(web::QueryConfig::default().error_handler(query_error))
            .app_data(web::PayloadConfig::new(FORM_LIMIT))
            .configure(crate::web::configure)
            .default_service(web::to(|| async { Err::<String, _>(AppError::NotFound) }))
            .wrap(from_fn(crate::web::input_guard::refuse_control_characters))
            .wrap(ErrorHandlers::new().default_handler(error_pages::render_error))
            .wrap(session)
            .wrap(from_fn(deny_framing))
            .wrap(security_headers())
            .wrap(TracingLogger::default())
            .wrap(from_fn(crate::web::idle_trim::count_requests))
    })
    .worker_max_blocking_threads(blocking_threads)
    .listen(listener)?;
    let server = if workers > 0 {
        server.workers(workers)
    } else {
        server
    };
    Ok(server.run())
}

fn security_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add((
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; \
             object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
        ))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("Referrer-Policy", "strict-origin-when-cross-origin"))
}

/// `X-Frame-Options: DENY` (for browsers without CSP's frame-ancestors) on every response but
/// one whose own policy lets frames show it: the group's embeddable list.
async fn deny_framing(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let mut response = next.call(req).await?;
    let framable = response
        .headers()
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|csp| {
            csp.contains("frame-ancestors") && !csp.contains("frame-ancestors 'none'")
        });
    if !framable {
        response.headers_mut().insert(
            header::X_FRAME_OPTIONS,
            header::HeaderValue::from_static("DENY"),
        );
    }
    Ok(response)
}
