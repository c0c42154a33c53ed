//! Spawns the real application on a random port with its own fresh database, and drives it over HTTP.

use std::path::PathBuf;

use diesel::{Connection, RunQueryDsl};
use rendezvous::config::Settings;
use rendezvous::domain::password::Argon2Cost;
use rendezvous::startup::Application;
use reqwest::{Client, Response, StatusCode};
use serde_json::{json, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub address: String,
    pub backend: Backend,
    pub database_url: String,
    pub db: rendezvous::db::Db,
    pub settings: Settings,
    /// A browser-like client: keeps cookies, does not follow redirects.
    pub browser: Client,
    pub api: Client,
    _database: EmptyDatabase,
}

/// A database of its own for one test, removed when dropped.
pub struct EmptyDatabase {
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Dir(PathBuf),
    PgDatabase { admin_url: String, name: String },
}

impl Drop for EmptyDatabase {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::Dir(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::PgDatabase { admin_url, name } => {
                if let Ok(mut conn) = diesel::pg::PgConnection::establish(admin_url) {
                    let _ = diesel::sql_query(format!(
                        "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                    ))
                    .execute(&mut conn);
                }
            }
        }
    }
}

/// `TEST_DATABASE_URL` with its database name replaced.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let prefix = base.rsplit_once('/').map_or(base, |(p, _)| p);
    match query {
        Some(q) => format!("{prefix}/{name}?{q}"),
        None => format!("{prefix}/{name}"),
    }
}

pub fn test_settings(database_url: String) -> Settings {
    Settings {
        database_url,
        bind: "127.0.0.1:0".into(),
        base_url: "http://rendezvous.test".into(),
        secret_key: "test-secret-key-that-is-long-enough-0123456789".into(),
        pool_size: 8,
        smtp_url: None,
        mail_from: "Rendezvous <noreply@rendezvous.test>".into(),
        outbox_dir: std::env::temp_dir()
            .join("rendezvous-test-outbox")
            .display()
            .to_string(),
        reminder_offsets: vec![
            std::time::Duration::from_secs(86_400),
            std::time::Duration::from_secs(7_200),
        ],
        mail_retry_max: std::time::Duration::from_secs(900),
        follow_up_after: std::time::Duration::from_secs(12 * 3600),
        rsvp_answers_retention: std::time::Duration::from_secs(30 * 86_400),
        default_locale: "en".into(),
        trust_forwarded: false,
        // Cheap hashing in tests only; release defaults stay at OWASP's setting.
        argon2: Argon2Cost {
            memory_kib: 64,
            iterations: 1,
        },
        workers: 2,
        run_mail_worker: false,
        messages_per_day: 10,
        invitations_per_day: 200,
        digest_hour: 8,
        group_creation: Default::default(),
        admin_emails: Vec::new(),
        webhook_allow_private: false,
        webhook_hosts: Vec::new(),
    }
}

/// `None` when PostgreSQL is not configured (and not required): the caller skips.
pub async fn spawn_app(backend: Backend) -> Option<TestApp> {
    spawn_app_with(backend, |_| {}).await
}

pub async fn spawn_app_with(
    backend: Backend,
    tweak: impl FnOnce(&mut Settings),
) -> Option<TestApp> {
    let database = empty_database(backend).await?;
    let database_url = database.url.clone();
    let mut settings = test_settings(database_url.clone());
    tweak(&mut settings);
    let app = Application::build(settings.clone())
        .await
        .expect("app starts");
    let port = app.port;
    let db = app.db.clone();
    tokio::spawn(app.run_until_stopped());
    let browser = Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    Some(TestApp {
        address: format!("http://127.0.0.1:{port}"),
        backend,
        database_url,
        db,
        settings,
        browser,
        api: Client::new(),
        _database: database,
    })
}

/// A new, empty database (`None` for PostgreSQL when `TEST_DATABASE_URL` is not set).
pub async fn empty_database(backend: Backend) -> Option<EmptyDatabase> {
    let id = uuid::Uuid::new_v4().simple().to_string();
    let (url, cleanup) = match backend {
        Backend::Sqlite => {
            let dir = std::env::temp_dir().join(format!("rendezvous-test-{id}"));
            std::fs::create_dir_all(&dir).expect("temp dir");
            let url = format!("sqlite://{}", dir.join("test.db").display());
            (url, Cleanup::Dir(dir))
        }
        Backend::Postgres => {
            let Ok(admin_url) = std::env::var("TEST_DATABASE_URL") else {
                assert!(
                    std::env::var("REQUIRE_POSTGRES").is_err(),
                    "REQUIRE_POSTGRES is set but TEST_DATABASE_URL is not"
                );
                eprintln!("skipped: TEST_DATABASE_URL is not set");
                return None;
            };
            let name = format!("rdv_test_{id}");
            let admin = admin_url.clone();
            let db_name = name.clone();
            tokio::task::spawn_blocking(move || {
                rendezvous::db::init_tls();
                let mut conn = diesel::pg::PgConnection::establish(&admin)
                    .expect("TEST_DATABASE_URL must point at a reachable PostgreSQL");
                diesel::sql_query(format!("CREATE DATABASE \"{db_name}\""))
                    .execute(&mut conn)
                    .expect("create test database");
            })
            .await
            .unwrap();
            (
                with_database(&admin_url, &name),
                Cleanup::PgDatabase { admin_url, name },
            )
        }
    };
    Some(EmptyDatabase { url, cleanup })
}

/// Runs a test body on SQLite, and on PostgreSQL when `TEST_DATABASE_URL` is set.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    let app = $crate::helpers::spawn_app($crate::helpers::Backend::Sqlite).await.unwrap();
                    super::$name(app).await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    if let Some(app) = $crate::helpers::spawn_app($crate::helpers::Backend::Postgres).await {
                        super::$name(app).await;
                    }
                }
            }
        )*
    };
}

/// Like `on_both_backends!`, for tests that build their own app (they receive the backend).
#[macro_export]
macro_rules! on_both_backends_with {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$name($crate::helpers::Backend::Sqlite).await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    if $crate::helpers::postgres_configured() {
                        super::$name($crate::helpers::Backend::Postgres).await;
                    }
                }
            }
        )*
    };
}

pub fn postgres_configured() -> bool {
    let configured = std::env::var("TEST_DATABASE_URL").is_ok();
    assert!(
        configured || std::env::var("REQUIRE_POSTGRES").is_err(),
        "REQUIRE_POSTGRES is set but TEST_DATABASE_URL is not"
    );
    if !configured {
        eprintln!("skipped: TEST_DATABASE_URL is not set");
    }
    configured
}

pub struct Registered {
    pub id: String,
    pub token: String,
}

pub async fn body(response: Response) -> (StatusCode, Value) {
    let status = response.status();
    let text = response.text().await.unwrap();
    let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
    (status, value)
}

/// The hidden CSRF token of the first form on an HTML page.
pub fn csrf_token(html: &str) -> String {
    let marker = "name=\"csrf_token\" value=\"";
    let start = html.find(marker).expect("page has a CSRF field") + marker.len();
    html[start..start + 64].to_string()
}

impl TestApp {
    /// Runs statements as PostgreSQL's administrator, `{db}` standing for this app's database
    /// (to take it away or make it read-only under the running app). PostgreSQL only.
    pub async fn as_postgres_admin(&self, statements: &[&str]) {
        let Cleanup::PgDatabase { admin_url, name } = &self._database.cleanup else {
            panic!("as_postgres_admin is for PostgreSQL tests");
        };
        let (admin_url, name) = (admin_url.clone(), name.clone());
        let statements: Vec<String> = statements
            .iter()
            .map(|s| s.replace("{db}", &name))
            .collect();
        tokio::task::spawn_blocking(move || {
            let mut conn = diesel::pg::PgConnection::establish(&admin_url).unwrap();
            for statement in statements {
                diesel::sql_query(statement).execute(&mut conn).unwrap();
            }
        })
        .await
        .unwrap();
    }

    /// Connections to this app's PostgreSQL database that match `condition` (a filter on
    /// `pg_stat_activity`).
    pub async fn postgres_backends(&self, condition: &'static str) -> i64 {
        #[derive(diesel::QueryableByName)]
        struct Count {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        self.db
            .run(move |conn| {
                Ok(diesel::sql_query(format!(
                    "SELECT COUNT(*) AS n FROM pg_stat_activity \
                     WHERE datname = current_database() AND {condition}"
                ))
                .get_result::<Count>(conn)?
                .n)
            })
            .await
            .unwrap()
    }

    /// A second application instance on the same database (as behind a load balancer).
    pub async fn another_instance(&self) -> String {
        let app = Application::build(test_settings(self.database_url.clone()))
            .await
            .expect("second instance starts");
        let address = format!("http://127.0.0.1:{}", app.port);
        tokio::spawn(app.run_until_stopped());
        address
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    /// Statements the app ran to answer an anonymous GET of `path` (which must succeed).
    pub async fn queries_for(&self, path: &str) -> u64 {
        let before = self.db.query_count();
        let response = self.api.get(self.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        response.bytes().await.unwrap();
        self.db.query_count() - before
    }

    /// Connections the app takes from its pool to answer `request` (200 expected).
    pub async fn checkouts_for(&self, request: reqwest::RequestBuilder) -> u64 {
        let before = self.db.checkout_count();
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{}", response.url());
        response.bytes().await.unwrap();
        self.db.checkout_count() - before
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> (StatusCode, Value) {
        let mut req = self.api.get(self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        body(req.send().await.unwrap()).await
    }

    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        json_body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut req = self.api.request(method, self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = json_body {
            req = req.json(&b);
        }
        body(req.send().await.unwrap()).await
    }

    pub async fn post(
        &self,
        path: &str,
        token: Option<&str>,
        json_body: Value,
    ) -> (StatusCode, Value) {
        self.send(reqwest::Method::POST, path, token, Some(json_body))
            .await
    }

    pub async fn put(
        &self,
        path: &str,
        token: Option<&str>,
        json_body: Value,
    ) -> (StatusCode, Value) {
        self.send(reqwest::Method::PUT, path, token, Some(json_body))
            .await
    }

    pub async fn patch(
        &self,
        path: &str,
        token: Option<&str>,
        json_body: Value,
    ) -> (StatusCode, Value) {
        self.send(reqwest::Method::PATCH, path, token, Some(json_body))
            .await
    }

    /// Answers a meetup (`yes` without guests, or `no`) through the API.
    pub async fn rsvp(&self, meetup_id: &str, token: &str, answer: &str) -> (StatusCode, Value) {
        let path = format!("/api/v1/meetups/{meetup_id}/rsvp");
        self.put(&path, Some(token), json!({ "answer": answer }))
            .await
    }

    pub async fn delete(&self, path: &str, token: Option<&str>) -> (StatusCode, Value) {
        self.send(reqwest::Method::DELETE, path, token, None).await
    }

    /// Registers `n` accounts at once (`{prefix}{i}@example.org`), in index order.
    pub async fn register_many(&self, n: usize, prefix: &str) -> Vec<Registered> {
        let mut set = tokio::task::JoinSet::new();
        for i in 0..n {
            let (api, url) = (self.api.clone(), self.url("/api/v1/auth/register"));
            let email = format!("{prefix}{i}@example.org");
            set.spawn(async move {
                let body: Value = api
                    .post(url)
                    .json(&json!({ "email": email, "name": format!("User {i}"), "password": "correct horse battery" }))
                    .send()
                    .await
                    .unwrap()
                    .json()
                    .await
                    .unwrap();
                let id = body["user"]["id"].as_str().unwrap_or_else(|| panic!("registered: {body}")).to_string();
                (i, Registered { id, token: body["token"].as_str().unwrap().into() })
            });
        }
        let mut out = set.join_all().await;
        out.sort_by_key(|(i, _)| *i);
        out.into_iter().map(|(_, r)| r).collect()
    }

    pub async fn register(&self, email: &str, name: &str) -> Registered {
        let (status, body) = self
            .post(
                "/api/v1/auth/register",
                None,
                json!({ "email": email, "name": name, "password": "correct horse battery" }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        Registered {
            id: body["user"]["id"].as_str().unwrap().to_string(),
            token: body["token"].as_str().unwrap().to_string(),
        }
    }

    /// The default browser (cookie jar shared with `self.browser`).
    pub fn default_browser(&self) -> Browser {
        Browser {
            client: self.browser.clone(),
            address: self.address.clone(),
        }
    }

    /// A browser whose cookies the test can read (to copy them, as a thief would).
    pub fn browser_with_jar(&self) -> (Browser, std::sync::Arc<reqwest::cookie::Jar>) {
        let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
        let client = Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let browser = Browser {
            client,
            address: self.address.clone(),
        };
        (browser, jar)
    }

    /// Another person's browser, with its own cookies.
    pub fn new_browser(&self) -> Browser {
        Browser {
            client: Client::builder()
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            address: self.address.clone(),
        }
    }

    pub async fn page(&self, path: &str) -> (StatusCode, String) {
        self.default_browser().page(path).await
    }

    pub async fn submit_form(
        &self,
        form_page: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> Response {
        self.default_browser()
            .submit_form(form_page, action, fields)
            .await
    }

    pub async fn browser_register(&self, email: &str, name: &str) {
        self.default_browser().register(email, name).await
    }
}

/// A person using the HTML pages: keeps cookies, does not follow redirects.
pub struct Browser {
    pub client: Client,
    address: String,
}

impl Browser {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    /// GET an HTML page; returns status and body.
    pub async fn page(&self, path: &str) -> (StatusCode, String) {
        let response = self.client.get(self.url(path)).send().await.unwrap();
        (response.status(), response.text().await.unwrap())
    }

    /// POSTs a form the way a browser does, with the CSRF token found on `form_page`.
    pub async fn submit_form(
        &self,
        form_page: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> Response {
        let (_, html) = self.page(form_page).await;
        let token = csrf_token(&html);
        let mut form: Vec<(&str, &str)> = fields.to_vec();
        form.push(("csrf_token", &token));
        self.client
            .post(self.url(action))
            .form(&form)
            .send()
            .await
            .unwrap()
    }

    /// Registers and signs in through the HTML form (French locale).
    pub async fn register(&self, email: &str, name: &str) {
        let response = self
            .submit_form(
                "/register",
                "/register",
                &[
                    ("email", email),
                    ("name", name),
                    ("password", "correct horse battery"),
                    ("locale", "fr"),
                ],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
    }

    /// Signs in an account created with the API helpers (same password).
    pub async fn login(&self, email: &str) {
        let response = self
            .submit_form(
                "/login",
                "/login",
                &[("email", email), ("password", "correct horse battery")],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "sign-in failed");
    }
}
