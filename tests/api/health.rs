use reqwest::StatusCode;
use serde_json::json;

use rendezvous::startup::Application;

use crate::helpers::{empty_database, spawn_app, test_settings, Backend, TestApp};
use crate::on_both_backends;

/// A rolling deploy: instances started at the same instant on an empty database all come up.
async fn instances_started_together_all_come_up(backend: Backend) {
    let Some(database) = empty_database(backend).await else {
        return;
    };
    let start = || Application::build(test_settings(database.url.clone()));
    let (first, second, third) = tokio::join!(start(), start(), start());
    for app in [first, second, third] {
        let app = app.expect("every instance starts");
        let url = format!("http://127.0.0.1:{}/healthz", app.port);
        tokio::spawn(app.run_until_stopped());
        let response = reqwest::get(url).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
    }
}

/// A read-only database is refused at start, naming it, rather than failing every write later.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_only_sqlite_file_is_refused_at_start() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let path = app.database_url.trim_start_matches("sqlite://").to_string();
    let read_only = format!("sqlite://file:{path}?mode=ro");
    let error = Application::build(test_settings(read_only))
        .await
        .err()
        .expect("a read-only database is refused");
    let message = error.to_string();
    assert!(message.contains("cannot be written to"), "{message}");
    assert!(message.contains(&path), "{message}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_only_postgres_database_is_refused_and_reported() {
    let Some(app) = spawn_app(Backend::Postgres).await else {
        return;
    };
    app.as_postgres_admin(&[
        "ALTER DATABASE \"{db}\" SET default_transaction_read_only = on",
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{db}'",
    ])
    .await;
    // A write now answers 503 `unavailable`, not 500, and the health check, which probes
    // writability only every few seconds, learns from that failure and says why.
    let (status, body) = app
        .post(
            "/api/v1/auth/register",
            None,
            json!({ "email": "late@example.org", "name": "Late", "password": "correct horse battery" }),
        )
        .await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(body["error"]["code"], "unavailable", "{body}");
    let (status, body) = app.get("/healthz", None).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        body,
        json!({ "status": "unavailable", "database": "read_only" })
    );
    let error = Application::build(test_settings(app.database_url.clone()))
        .await
        .err()
        .expect("a read-only database is refused");
    assert!(
        error.to_string().contains("cannot be written to"),
        "{error}"
    );
}

/// While the database is away, requests get their 503 at once (load balancers route around),
/// not after the 10 s checkout timeout; the app recovers by itself.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_fail_fast_while_the_database_is_away() {
    let Some(app) = spawn_app(Backend::Postgres).await else {
        return;
    };
    app.as_postgres_admin(&["DROP DATABASE \"{db}\" WITH (FORCE)"])
        .await;
    for path in ["/healthz", "/api/v1/groups/none/meetups", "/healthz"] {
        let started = std::time::Instant::now();
        let response = app.api.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE, "{path}");
        assert!(
            started.elapsed() < std::time::Duration::from_secs(3),
            "{path}: {:?}",
            started.elapsed()
        );
    }
    app.as_postgres_admin(&["CREATE DATABASE \"{db}\""]).await;
    // Each try costs a fraction of a second while the pool's reconnection backs off.
    let mut recovered = false;
    for _ in 0..120 {
        if app.get("/healthz", None).await.0 == StatusCode::OK {
            recovered = true;
            break;
        }
    }
    assert!(recovered, "the app reconnects once the database is back");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn instances_started_together_on_sqlite() {
    instances_started_together_all_come_up(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn instances_started_together_on_postgres() {
    instances_started_together_all_come_up(Backend::Postgres).await;
}

async fn healthz_answers_when_database_is_up(app: TestApp) {
    let (status, body) = app.get("/healthz", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, json!({ "status": "ok" }));
}

async fn unknown_api_route_is_json_404(app: TestApp) {
    let (status, body) = app.get("/api/v1/nothing-here", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["code"], "not_found");
}

async fn security_headers_on_every_response(app: TestApp) {
    for path in ["/", "/healthz", "/api/v1/me", "/assets/style.css"] {
        let response = app.api.get(app.url(path)).send().await.unwrap();
        let h = response.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}");
        assert!(!csp.contains("unsafe-inline"), "{path}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert!(h.contains_key("referrer-policy"), "{path}");
    }
}

async fn assets_are_served_with_cache_headers(app: TestApp) {
    let response = app
        .api
        .get(app.url("/assets/style.css?v=1"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/css"));
    assert!(response.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("max-age"));
    let etag = response.headers()["etag"].clone();
    let again = app
        .api
        .get(app.url("/assets/style.css"))
        .header("If-None-Match", etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    let missing = app
        .api
        .get(app.url("/assets/nope.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

on_both_backends!(
    healthz_answers_when_database_is_up,
    unknown_api_route_is_json_404,
    security_headers_on_every_response,
    assets_are_served_with_cache_headers,
);

#[test]
fn migration_lists_match_between_backends() {
    let names = |backend: &str| {
        let mut names: Vec<String> = std::fs::read_dir(format!("migrations/{backend}"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let sqlite = names("sqlite");
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, names("postgres"));
    for name in &sqlite {
        for file in ["up.sql", "down.sql"] {
            for backend in ["sqlite", "postgres"] {
                let path = format!("migrations/{backend}/{name}/{file}");
                assert!(std::path::Path::new(&path).exists(), "{path} is missing");
            }
        }
    }
}

/// Connections are not pinged at each checkout. When the server closes them all (here: every
/// backend of the pool, the commit listener left alone), the request that meets a dead one
/// answers 503, never 500, and the ones after it are served: the dead connection is dropped and
/// the others are checked before use for a while.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closed_connections_cost_at_most_one_request() {
    let Some(app) = spawn_app(Backend::Postgres).await else {
        return;
    };
    let owner = app.register("owner@example.org", "Owner").await;
    for _ in 0..4 {
        assert_eq!(
            app.get("/api/v1/me", Some(&owner.token)).await.0,
            StatusCode::OK
        );
    }
    let before = app.db.query_count();
    app.get("/api/v1/me", Some(&owner.token)).await;
    let served = app.db.query_count() - before;
    app.as_postgres_admin(&["SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = '{db}' AND application_name <> 'rendezvous-listener'"])
        .await;
    let mut statuses = Vec::new();
    for _ in 0..10 {
        statuses.push(app.get("/api/v1/me", Some(&owner.token)).await.0);
    }
    assert!(
        statuses
            .iter()
            .all(|s| *s == StatusCode::OK || *s == StatusCode::SERVICE_UNAVAILABLE),
        "{statuses:?}"
    );
    let failed = statuses.iter().filter(|s| **s != StatusCode::OK).count();
    assert!(failed <= 1, "{statuses:?}");
    assert_eq!(statuses.last(), Some(&StatusCode::OK));
    assert!(
        served <= 2,
        "no checkout ping: {served} statements to serve /api/v1/me"
    );
}
