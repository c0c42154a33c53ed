use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::TestApp;
use crate::on_both_backends;

async fn register_returns_user_and_token(app: TestApp) {
    let (status, body) = app
        .post(
            "/api/v1/auth/register",
            None,
            json!({ "email": "  Zoe@Example.ORG ", "name": "Zoë", "password": "correct horse battery", "locale": "fr" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["user"]["email"], "zoe@example.org");
    assert_eq!(body["user"]["name"], "Zoë");
    assert_eq!(body["user"]["locale"], "fr");
    assert_eq!(body["user"]["id"].as_str().unwrap().len(), 36);
    let token = body["token"].as_str().unwrap();
    let (status, me) = app.get("/api/v1/me", Some(token)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["email"], "zoe@example.org");
    assert_eq!(me["locale"], "fr");
    assert!(me.get("password_hash").is_none());
}

async fn email_is_unique_case_insensitively(app: TestApp) {
    app.register("alice@example.org", "Alice").await;
    let (status, body) = app
        .post(
            "/api/v1/auth/register",
            None,
            json!({ "email": "ALICE@example.org", "name": "Other", "password": "correct horse battery" }),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"]["code"], "email_taken");
}

async fn invalid_fields_are_named(app: TestApp) {
    let cases = [
        (
            json!({ "email": "nope", "name": "A", "password": "correct horse battery" }),
            "email",
        ),
        (
            json!({ "name": "A", "password": "correct horse battery" }),
            "email",
        ),
        (
            json!({ "email": "a@example.org", "name": " ", "password": "correct horse battery" }),
            "name",
        ),
        (
            json!({ "email": "a@example.org", "name": "A", "password": "123456789" }),
            "password",
        ),
        (
            json!({ "email": "a@example.org", "name": "A", "password": "correct horse battery", "locale": "de" }),
            "locale",
        ),
    ];
    for (input, field) in cases {
        let (status, body) = app.post("/api/v1/auth/register", None, input.clone()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{input}");
        assert_eq!(body["error"]["code"], "validation_failed");
        assert_eq!(body["error"]["field"], field, "{input}");
        assert!(body["error"]["message"].as_str().unwrap().len() > 5);
    }
}

async fn malformed_and_oversized_bodies(app: TestApp) {
    let raw = |body: String| {
        app.api
            .post(app.url("/api/v1/auth/register"))
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    let response = raw("{\"email\": ".into()).await.unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "invalid_json");

    let response = raw(json!({ "email": 42, "name": [], "password": {} }).to_string())
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);

    let huge = json!({ "email": "a@example.org", "name": "x".repeat(70 * 1024), "password": "correct horse battery" });
    let response = raw(huge.to_string()).await.unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "payload_too_large");
}

async fn login_logout_and_tokens(app: TestApp) {
    let user = app.register("bob@example.org", "Bob").await;
    let (status, body) = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({ "email": "BOB@example.org", "password": "correct horse battery" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["user"]["id"], user.id.as_str());
    let token = body["token"].as_str().unwrap().to_string();
    assert_ne!(token, user.token);

    let (status, body) = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({ "email": "bob@example.org", "password": "wrong password!" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"]["code"], "unauthorized");

    let (status, _) = app
        .send(
            reqwest::Method::POST,
            "/api/v1/auth/logout",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, body) = app.get("/api/v1/me", Some(&token)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"]["code"], "unauthorized");
    // The other token is still valid.
    let (status, _) = app.get("/api/v1/me", Some(&user.token)).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = app.get("/api/v1/me", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = app.get("/api/v1/me", Some("garbage")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

async fn repeated_failed_logins_are_rate_limited(app: TestApp) {
    app.register("carol@example.org", "Carol").await;
    let wrong = json!({ "email": "carol@example.org", "password": "not the password" });
    for _ in 0..10 {
        let (status, _) = app.post("/api/v1/auth/login", None, wrong.clone()).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let (status, body) = app.post("/api/v1/auth/login", None, wrong).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(body["error"]["code"], "rate_limited");
    // Even the right password waits out the window: that is what stops guessing.
    let (status, _) = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({ "email": "carol@example.org", "password": "correct horse battery" }),
        )
        .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    // Another account from the same address is not locked yet.
    app.register("dave@example.org", "Dave").await;
    let (status, _) = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({ "email": "dave@example.org", "password": "correct horse battery" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
}

/// Parallel guesses must not all pass the limit on the same count.
async fn a_burst_of_guesses_gets_ten_password_checks(app: TestApp) {
    app.register("burst@example.org", "Burst").await;
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..48 {
        let (api, url) = (app.api.clone(), app.url("/api/v1/auth/login"));
        set.spawn(async move {
            let response = api
                .post(url)
                .json(&json!({ "email": "burst@example.org", "password": "a wrong guess" }))
                .send()
                .await
                .unwrap();
            let status = response.status();
            let body: serde_json::Value = response.json().await.unwrap();
            (
                status,
                body["error"]["message"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
            )
        });
    }
    let answers = set.join_all().await;
    let checked: Vec<_> = answers
        .iter()
        .filter(|(status, _)| *status == StatusCode::UNAUTHORIZED)
        .collect();
    let limited = answers
        .iter()
        .filter(|(status, _)| *status == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!((checked.len(), limited), (10, 38), "{answers:?}");
    assert_eq!(checked[0].1, "Wrong e-mail address or password.");
}

/// "Sign out everywhere" (the page's button, the API's DELETE) ends every session and token.
async fn signing_out_everywhere_ends_sessions_and_tokens(app: TestApp) {
    let first = app.register("ines@example.org", "Inès").await;
    let login = || async {
        let (status, body) = app
            .post(
                "/api/v1/auth/login",
                None,
                json!({ "email": "ines@example.org", "password": "correct horse battery" }),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        body["token"].as_str().unwrap().to_string()
    };
    let second = login().await;
    let (laptop, phone) = (app.new_browser(), app.new_browser());
    laptop.login("ines@example.org").await;
    phone.login("ines@example.org").await;
    let response = laptop
        .submit_form("/account", "/account/sign-out-everywhere", &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/login");
    for browser in [&laptop, &phone] {
        let (status, _) = browser.page("/account").await;
        assert_eq!(
            status,
            StatusCode::SEE_OTHER,
            "a browser is still signed in"
        );
    }
    for token in [&first.token, &second] {
        assert_eq!(
            app.get("/api/v1/me", Some(token)).await.0,
            StatusCode::UNAUTHORIZED
        );
    }
    // The same through the API.
    let token = login().await;
    phone.login("ines@example.org").await;
    assert_eq!(phone.page("/account").await.0, StatusCode::OK);
    let (status, _) = app.delete("/api/v1/me/sessions", Some(&token)).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(
        app.get("/api/v1/me", Some(&token)).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(phone.page("/account").await.0, StatusCode::SEE_OTHER);
}

async fn personal_calendar_url_rotates(app: TestApp) {
    let user = app.register("erin@example.org", "Erin").await;
    let (status, body) = app.get("/api/v1/me/calendar", Some(&user.token)).await;
    assert_eq!(status, StatusCode::OK);
    let first = body["url"].as_str().unwrap().to_string();
    assert!(
        first.contains("/calendar/") && first.ends_with(".ics"),
        "{first}"
    );
    let (status, body) = app
        .send(
            reqwest::Method::POST,
            "/api/v1/me/calendar/rotate",
            Some(&user.token),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let second = body["url"].as_str().unwrap();
    assert_ne!(first, second);
    let (_, body) = app.get("/api/v1/me/calendar", Some(&user.token)).await;
    assert_eq!(body["url"], second);
}

on_both_backends!(
    register_returns_user_and_token,
    email_is_unique_case_insensitively,
    invalid_fields_are_named,
    malformed_and_oversized_bodies,
    login_logout_and_tokens,
    repeated_failed_logins_are_rate_limited,
    a_burst_of_guesses_gets_ten_password_checks,
    signing_out_everywhere_ends_sessions_and_tokens,
    personal_calendar_url_rotates,
);

async fn every_fault_of_a_sign_up_or_a_proposal_is_reported_at_once(app: TestApp) {
    let faults = |body: &serde_json::Value| -> Vec<String> {
        body["error"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["field"].as_str().unwrap().to_string())
            .collect()
    };
    let (status, body) = app
        .post(
            "/api/v1/auth/register",
            None,
            serde_json::json!({ "email": "pas une adresse", "name": "", "password": "court" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(faults(&body), ["email", "name", "password"]);
    let f = crate::meetups::group_with_venue(&app).await;
    let meetup = crate::meetups::create_meetup(
        &app,
        &f.owner.token,
        serde_json::json!({ "title": "T", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let (_, body) = app
        .post(
            &format!("/api/v1/meetups/{}/talks", meetup["id"].as_str().unwrap()),
            Some(&f.member.token),
            serde_json::json!({ "title": "", "abstract": " ", "duration_minutes": 500 }),
        )
        .await;
    assert_eq!(faults(&body), ["title", "abstract", "duration_minutes"]);
}

on_both_backends!(every_fault_of_a_sign_up_or_a_proposal_is_reported_at_once);
