//! Webhooks: deliveries through their outbox, once per (webhook, event, object) even with two
//! workers, signed, retried, and never sent to a private address unless the instance allows it.

use chrono::NaiveDateTime;
use hmac::{Hmac, Mac};
use reqwest::StatusCode;
use serde_json::{json, Value};
use sha2::Sha256;

use crate::helpers::{spawn_app_with, Backend, TestApp};
use crate::http_sink::{HttpSink, Received};
use crate::mail::now;
use crate::meetups::{create_meetup, group_with_venue};
use crate::on_both_backends_with;

async fn app_allowing_private(backend: Backend) -> Option<TestApp> {
    spawn_app_with(backend, |s| {
        s.webhook_allow_private = true;
        s.webhook_hosts = vec![("intranet.example".into(), "10.0.0.1".parse().unwrap())];
    })
    .await
}

/// One pass of the webhook worker as if at `at`, with the app's settings.
async fn deliver(app: &TestApp, at: NaiveDateTime) -> rendezvous::webhooks::delivery::Pass {
    rendezvous::webhooks::delivery::run_once(&app.db, &app.settings, at)
        .await
        .unwrap()
}

async fn add_webhook(app: &TestApp, token: &str, body: Value) -> (StatusCode, Value) {
    app.post("/api/v1/groups/grp/webhooks", Some(token), body)
        .await
}

/// Whether `r` carries a valid signature of its body with `secret`, computed here with the
/// HMAC crate as a receiver would.
fn signature_verifies(r: &Received, secret: &str) -> bool {
    let timestamp = r.header("x-rendezvous-timestamp").unwrap();
    let sent = r.header("x-rendezvous-signature").unwrap();
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{timestamp}.{}", r.body).as_bytes());
    let hex: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    sent == format!("sha256={hex}")
}

async fn one_signed_post_per_webhook_even_with_two_workers(backend: Backend) {
    let sink = HttpSink::start(&[]).await;
    let app = app_allowing_private(backend).await.unwrap();
    let f = group_with_venue(&app).await;
    for (path, secret) in [("/a", "first-secret"), ("/b", "second-secret")] {
        let (status, body) = add_webhook(
            &app,
            &f.owner.token,
            json!({ "url": sink.url(path), "format": "generic", "events": ["meetup.created"], "secret": secret }),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        assert_eq!(body["secret"], secret);
    }
    let m = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Apéro Django", "starts_at": "2030-12-03T19:00", "venue_id": f.venue_id }),
    )
    .await;
    // Two instances' workers on one database, each with its own pool, at the same moment.
    let second = app.another_instance().await;
    assert!(second.starts_with("http://127.0.0.1:"));
    let other_db = rendezvous::db::Db::connect_and_migrate(&app.database_url, 4).unwrap();
    let at = now();
    let (a, b) = tokio::join!(
        rendezvous::webhooks::delivery::run_once(&app.db, &app.settings, at),
        rendezvous::webhooks::delivery::run_once(&other_db, &app.settings, at)
    );
    assert_eq!(a.unwrap().delivered + b.unwrap().delivered, 2);
    // Later passes send nothing more.
    assert_eq!(
        deliver(&app, at + chrono::Duration::hours(1))
            .await
            .delivered,
        0
    );
    let got = sink.received();
    assert_eq!(got.len(), 2, "{got:?}");
    let mut paths: Vec<&str> = got.iter().map(|r| r.path.as_str()).collect();
    paths.sort();
    assert_eq!(paths, ["/a", "/b"]);
    for r in &got {
        assert_eq!(r.method, "POST");
        assert_eq!(r.header("x-rendezvous-event"), Some("meetup.created"));
        assert_eq!(r.header("content-type"), Some("application/json"));
        let secret = if r.path == "/a" {
            "first-secret"
        } else {
            "second-secret"
        };
        assert!(signature_verifies(r, secret), "signature of {}", r.path);
        let other = if r.path == "/a" {
            "second-secret"
        } else {
            "first-secret"
        };
        assert!(!signature_verifies(r, other));
        let payload: Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!(payload["event"], "meetup.created");
        assert_eq!(payload["meetup"]["id"], m["id"]);
        assert_eq!(payload["meetup"]["title"], "Apéro Django");
        assert_eq!(payload["meetup"]["venue"]["name"], "Ness Pub");
        assert_eq!(payload["group"]["slug"], "grp");
    }
    // Another event of the same meetup is not one the webhooks asked for.
    let id = m["id"].as_str().unwrap();
    app.post(
        &format!("/api/v1/meetups/{id}/cancel"),
        Some(&f.owner.token),
        json!({}),
    )
    .await;
    assert_eq!(deliver(&app, now()).await.delivered, 0);
    assert_eq!(sink.received().len(), 2);
}

async fn failing_receiver_gets_it_on_the_third_try(backend: Backend) {
    let sink = HttpSink::start(&[500, 500]).await;
    let app = app_allowing_private(backend).await.unwrap();
    let f = group_with_venue(&app).await;
    let (_, hook) = add_webhook(
        &app,
        &f.owner.token,
        json!({ "url": sink.url("/hook"), "format": "generic", "events": ["meetup.created", "meetup.cancelled"] }),
    )
    .await;
    let secret = hook["secret"]
        .as_str()
        .expect("a generated secret")
        .to_string();
    assert!(secret.len() >= 32);
    let hook_id = hook["id"].as_str().unwrap();
    create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "T", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let t0 = now();
    let first = deliver(&app, t0).await;
    assert_eq!((first.delivered, first.failed), (0, 1));
    // Not due again before its backoff (5 s) has passed.
    let early = deliver(&app, t0 + chrono::Duration::seconds(3)).await;
    assert_eq!((early.delivered, early.failed), (0, 0));
    let second = deliver(&app, t0 + chrono::Duration::seconds(6)).await;
    assert_eq!((second.delivered, second.failed), (0, 1));
    let third = deliver(&app, t0 + chrono::Duration::seconds(30)).await;
    assert_eq!((third.delivered, third.failed), (1, 0));
    assert_eq!(
        deliver(&app, t0 + chrono::Duration::hours(2))
            .await
            .delivered,
        0
    );

    let got = sink.received();
    assert_eq!(got.len(), 3);
    let keys: Vec<&str> = got
        .iter()
        .map(|r| r.header("x-rendezvous-delivery").unwrap())
        .collect();
    assert!(keys.iter().all(|k| *k == keys[0]), "one key: {keys:?}");
    assert!(got.iter().all(|r| signature_verifies(r, &secret)));

    let (status, log) = app
        .get(
            &format!("/api/v1/groups/grp/webhooks/{hook_id}/attempts"),
            Some(&f.owner.token),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let attempts = log["attempts"].as_array().unwrap();
    let codes: Vec<i64> = attempts
        .iter()
        .map(|a| a["status_code"].as_i64().unwrap())
        .collect();
    assert_eq!(codes, [200, 500, 500], "newest first");
    assert!(attempts.iter().all(|a| a["event"] == "meetup.created"));
    assert_eq!(attempts[0]["delivery_status"], "delivered");
    assert_eq!(attempts[1]["error"], "HTTP 500");

    // The log is the organisers'.
    let (status, _) = app
        .get(
            &format!("/api/v1/groups/grp/webhooks/{hook_id}/attempts"),
            Some(&f.member.token),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

async fn private_addresses_are_refused_at_creation(backend: Backend) {
    let app = spawn_app_with(backend, |s| {
        s.webhook_hosts = vec![("intranet.example".into(), "10.0.0.1".parse().unwrap())];
    })
    .await
    .unwrap();
    let f = group_with_venue(&app).await;
    for url in [
        "http://127.0.0.1:9/hook",
        "https://127.0.0.1/hook",
        "https://intranet.example/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/hook",
        "https://[fe80::1]/hook",
        "https://192.168.1.10/hook",
        "https://100.64.0.1/hook",
        "https://0.0.0.0/hook",
        "ftp://example.org/hook",
    ] {
        let (status, body) = add_webhook(
            &app,
            &f.owner.token,
            json!({ "url": url, "format": "generic", "events": ["meetup.created"] }),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{url}: {body}");
        assert_eq!(body["error"]["field"], "url", "{url}");
    }
    let (status, body) = add_webhook(
        &app,
        &f.owner.token,
        json!({ "url": "https://intranet.example/hook", "format": "generic", "events": [] }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["field"], "events", "the form's faults first");
    // Members may not add one at all.
    let (status, _) = add_webhook(
        &app,
        &f.member.token,
        json!({ "url": "https://127.0.0.1/", "format": "generic", "events": ["meetup.created"] }),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, list) = app
        .get("/api/v1/groups/grp/webhooks", Some(&f.owner.token))
        .await;
    assert_eq!(list["webhooks"], json!([]));
}

async fn private_addresses_are_refused_at_delivery(backend: Backend) {
    let sink = HttpSink::start(&[]).await;
    let app = app_allowing_private(backend).await.unwrap();
    let f = group_with_venue(&app).await;
    // Added while the instance allowed it, then delivered by a worker that does not.
    let mut ids = Vec::new();
    for url in [sink.url("/hook"), "https://intranet.example/hook".into()] {
        let (status, body) = add_webhook(
            &app,
            &f.owner.token,
            json!({ "url": url, "format": "generic", "events": ["meetup.created"] }),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        ids.push(body["id"].as_str().unwrap().to_string());
    }
    create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "T", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let mut strict = app.settings.clone();
    strict.webhook_allow_private = false;
    let pass = rendezvous::webhooks::delivery::run_once(&app.db, &strict, now())
        .await
        .unwrap();
    assert_eq!((pass.delivered, pass.failed), (0, 2));
    assert!(sink.received().is_empty(), "no request went out");
    for id in &ids {
        let (_, log) = app
            .get(
                &format!("/api/v1/groups/grp/webhooks/{id}/attempts"),
                Some(&f.owner.token),
            )
            .await;
        let attempt = &log["attempts"][0];
        assert_eq!(attempt["status_code"], Value::Null);
        assert!(
            attempt["error"].as_str().unwrap().starts_with("refused"),
            "{attempt}"
        );
        assert_eq!(attempt["delivery_status"], "pending");
        // The log never shows the URL's path, where chats keep their secret.
        assert!(!attempt["error"].as_str().unwrap().contains("/hook"));
    }
}

async fn chats_get_their_format_and_tokens_stay_secret(backend: Backend) {
    let sink = HttpSink::start(&[]).await;
    let app = app_allowing_private(backend).await.unwrap();
    let f = group_with_venue(&app).await;
    for (format, path, token) in [
        ("discord", "/discord", None),
        ("slack", "/slack", None),
        ("mastodon", "/masto", Some("mastodon-token-123")),
    ] {
        let (status, body) = add_webhook(
            &app,
            &f.owner.token,
            json!({ "url": sink.url(path), "format": format, "events": ["meetup.created", "meetup.changed"], "token": token }),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        assert!(!body.to_string().contains("mastodon-token-123"));
    }
    let (status, body) = add_webhook(
        &app,
        &f.owner.token,
        json!({ "url": sink.url("/m"), "format": "mastodon", "events": ["meetup.created"] }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["field"], "token");
    let (_, list) = app
        .get("/api/v1/groups/grp/webhooks", Some(&f.owner.token))
        .await;
    assert_eq!(list["webhooks"].as_array().unwrap().len(), 3);
    assert!(!list.to_string().contains("mastodon-token-123"));
    assert_eq!(list["webhooks"][2]["has_token"], true);

    let m = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Apéro Django", "starts_at": "2030-12-03T19:00", "venue_id": f.venue_id }),
    )
    .await;
    assert_eq!(deliver(&app, now()).await.delivered, 3);
    let got = sink.received();
    let at = |p: &str| got.iter().find(|r| r.path == p).unwrap().clone();
    let discord: Value = serde_json::from_str(&at("/discord").body).unwrap();
    let text = discord["content"].as_str().unwrap();
    assert!(
        text.contains("Apéro Django") && text.contains("Ness Pub"),
        "{text}"
    );
    assert!(text.contains(&format!(
        "/groups/grp/meetups/{}",
        m["id"].as_str().unwrap()
    )));
    let slack: Value = serde_json::from_str(&at("/slack").body).unwrap();
    assert_eq!(slack["text"], discord["content"]);
    let masto = got.iter().find(|r| r.path == "/api/v1/statuses").unwrap();
    assert_eq!(
        masto.header("authorization"),
        Some("Bearer mastodon-token-123")
    );
    assert!(masto.header("idempotency-key").is_some());
    let status: Value = serde_json::from_str(&masto.body).unwrap();
    assert_eq!(status["status"], discord["content"]);

    // A change is news again, once per change.
    let id = m["id"].as_str().unwrap();
    let (s, _) = app
        .patch(
            &format!("/api/v1/meetups/{id}"),
            Some(&f.owner.token),
            json!({ "title": "Apéro Django (moved)" }),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(deliver(&app, now()).await.delivered, 3);
    assert_eq!(sink.received().len(), 6);

    // Deleted: nothing more goes there.
    let first = list["webhooks"][0]["id"].as_str().unwrap();
    let (s, _) = app
        .delete(
            &format!("/api/v1/groups/grp/webhooks/{first}"),
            Some(&f.owner.token),
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = app
        .delete(
            &format!("/api/v1/groups/grp/webhooks/{first}"),
            Some(&f.owner.token),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

async fn organisers_manage_them_on_a_page(backend: Backend) {
    let sink = HttpSink::start(&[503]).await;
    let app = app_allowing_private(backend).await.unwrap();
    let f = group_with_venue(&app).await;
    let browser = app.new_browser();
    browser.login("owner@example.org").await;
    let (status, html) = browser.page("/groups/grp/webhooks?lang=en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Add a webhook"));
    let response = browser
        .submit_form(
            "/groups/grp/webhooks",
            "/groups/grp/webhooks",
            &[("url", "ftp://kept.example/x"), ("format", "generic")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("ftp://kept.example/x"), "the form is kept");
    let url = sink.url("/hook");
    let response = browser
        .submit_form(
            "/groups/grp/webhooks",
            "/groups/grp/webhooks",
            &[
                ("url", &url),
                ("format", "generic"),
                ("meetup.created", "on"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = browser.page("/groups/grp/webhooks").await;
    assert!(
        html.contains("signing secret"),
        "the generated secret is shown once"
    );
    create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "T", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    deliver(&app, now()).await;
    let (_, html) = browser.page("/groups/grp/webhooks").await;
    assert!(html.contains("503"), "the log shows the answer");
    assert!(!html.contains("signing secret"));
    // Members are turned away.
    let member = app.new_browser();
    member.login("member@example.org").await;
    let (status, _) = member.page("/groups/grp/webhooks").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

async fn opening_a_poll_tells_the_webhooks_that_want_it(backend: Backend) {
    let sink = HttpSink::start(&[]).await;
    let app = app_allowing_private(backend).await.unwrap();
    let f = group_with_venue(&app).await;
    for (path, events) in [
        ("/polls", json!(["poll.opened"])),
        ("/meetups", json!(["meetup.created"])),
    ] {
        let (status, body) = add_webhook(
            &app,
            &f.owner.token,
            json!({ "url": sink.url(path), "format": "generic", "events": events, "secret": "s3cret" }),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    // A member may not open a poll: nothing is queued.
    let poll = json!({ "title": "Apéro de janvier", "date_options": ["2030-01-15T19:00", "2030-01-22T19:00"] });
    let (status, _) = app
        .post(
            "/api/v1/groups/grp/polls",
            Some(&f.member.token),
            poll.clone(),
        )
        .await;
    assert!(status.is_client_error());
    let (status, created) = app
        .post("/api/v1/groups/grp/polls", Some(&f.owner.token), poll)
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(deliver(&app, now()).await.delivered, 1);
    assert_eq!(
        deliver(&app, now() + chrono::Duration::hours(1))
            .await
            .delivered,
        0
    );
    let got = sink.received();
    assert_eq!(got.len(), 1, "{got:?}");
    let r = &got[0];
    assert_eq!(r.path, "/polls");
    assert_eq!(r.header("x-rendezvous-event"), Some("poll.opened"));
    assert!(signature_verifies(r, "s3cret"));
    let payload: Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(payload["event"], "poll.opened");
    assert_eq!(payload["poll"]["id"], created["id"]);
    assert_eq!(payload["poll"]["title"], "Apéro de janvier");
    assert!(payload["poll"]["url"]
        .as_str()
        .unwrap()
        .contains(created["id"].as_str().unwrap()));
    assert!(payload["text"]
        .as_str()
        .unwrap()
        .contains("Apéro de janvier"));
}

on_both_backends_with!(
    one_signed_post_per_webhook_even_with_two_workers,
    failing_receiver_gets_it_on_the_third_try,
    private_addresses_are_refused_at_creation,
    private_addresses_are_refused_at_delivery,
    chats_get_their_format_and_tokens_stay_secret,
    organisers_manage_them_on_a_page,
    opening_a_poll_tells_the_webhooks_that_want_it,
);
