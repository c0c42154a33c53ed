use reqwest::StatusCode;

use crate::helpers::TestApp;
use crate::on_both_backends;

async fn register_sign_out_and_sign_in_through_pages(app: TestApp) {
    let (status, html) = app.page("/register").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<label for=\"email\">"));
    app.browser_register("Paul@Example.org", "Paul <b>").await;
    let (status, html) = app.page("/account").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("paul@example.org"));
    // Names are text, never markup.
    assert!(html.contains("Paul &lt;b&gt;"));
    assert!(!html.contains("Paul <b>"));
    // Registered with locale fr: the welcome flash was shown in French.

    let response = app.submit_form("/account", "/logout", &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = app.browser.get(app.url("/account")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/login?next=%2Faccount");

    let response = app
        .submit_form(
            "/login",
            "/login",
            &[
                ("email", "paul@example.org"),
                ("password", "correct horse battery"),
                ("next", "/account"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/account");
    let (status, html) = app.page("/account").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("webcal://"));
}

async fn forms_redisplay_with_errors_and_typed_values(app: TestApp) {
    let response = app
        .submit_form(
            "/register",
            "/register",
            &[
                ("email", "typed@example.org"),
                ("name", "Typed Name"),
                ("password", "short"),
                ("locale", "en"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("value=\"typed@example.org\""));
    assert!(html.contains("value=\"Typed Name\""));
    assert!(html.contains("id=\"password-error\""));
    assert!(html.contains("aria-invalid=\"true\""));

    let response = app
        .submit_form(
            "/login",
            "/login",
            &[("email", "nobody@example.org"), ("password", "whatever123")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let html = response.text().await.unwrap();
    assert!(html.contains("value=\"nobody@example.org\""));
    assert!(html.contains("Wrong e-mail address or password."));
}

async fn posts_without_valid_csrf_token_are_refused(app: TestApp) {
    let _ = app.page("/register").await;
    for token in [None, Some("0".repeat(64))] {
        let mut form = vec![
            ("email", "x@example.org".to_string()),
            ("name", "X".to_string()),
            ("password", "correct horse battery".to_string()),
        ];
        if let Some(t) = token {
            form.push(("csrf_token", t));
        }
        let response = app
            .browser
            .post(app.url("/register"))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        let html = response.text().await.unwrap();
        assert!(html.contains("<html"), "a friendly page, not JSON");
        assert!(html.contains("Form expired"));
    }
    // Nothing was created.
    let (status, _) = app
        .post(
            "/api/v1/auth/login",
            None,
            serde_json::json!({ "email": "x@example.org", "password": "correct horse battery" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

async fn pages_speak_french_and_english(app: TestApp) {
    let (_, html) = app.page("/login?lang=fr").await;
    assert!(html.contains("<html lang=\"fr\">"));
    assert!(html.contains("Mot de passe"));
    // The choice is remembered for the next page.
    let (_, html) = app.page("/register").await;
    assert!(html.contains("<html lang=\"fr\">"));
    let (_, html) = app.page("/register?lang=en").await;
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("Password"));

    let response = app
        .api
        .get(app.url("/login"))
        .header("Accept-Language", "fr-FR,fr;q=0.9,en;q=0.5")
        .send()
        .await
        .unwrap();
    let html = response.text().await.unwrap();
    assert!(html.contains("<html lang=\"fr\">"));
    let (status, html) = app.page("/no/such/page?lang=fr").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Cette page n'existe pas."));
}

async fn sign_in_never_redirects_off_site(app: TestApp) {
    app.register("olga@example.org", "Olga").await;
    for (next, expected) in [
        ("//evil.example/steal", "/"),
        // Browsers drop tabs and newlines from URLs: this is `//evil.example/` to them.
        ("/\t/evil.example/", "/"),
        ("/\r\nSet-Cookie: x=1", "/Set-Cookie:%20x=1"),
        ("/groups/alpha?lang=en", "/groups/alpha?lang=en"),
    ] {
        let response = app
            .submit_form(
                "/login",
                "/login",
                &[
                    ("email", "olga@example.org"),
                    ("password", "correct horse battery"),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "next = {next:?}");
        assert_eq!(response.headers()["location"], expected, "next = {next:?}");
    }
}

/// A copy of the session cookie (a stolen laptop, a shared computer) dies when its owner signs
/// out: the session ends on the server, not only in the browser.
async fn signing_out_ends_the_session_on_the_server(app: TestApp) {
    use reqwest::cookie::CookieStore;
    app.register("olga@example.org", "Olga").await;
    let (browser, jar) = app.browser_with_jar();
    browser.login("olga@example.org").await;
    let url = app.address.parse().unwrap();
    let stolen = jar.cookies(&url).expect("a session cookie");
    let account = |cookie: reqwest::header::HeaderValue| {
        app.api
            .get(app.url("/account"))
            .header("cookie", cookie)
            .send()
    };
    let response = account(stolen.clone()).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let response = browser.submit_form("/logout", "/logout", &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(app.url("/account"))
        .header("cookie", stolen)
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "the copied cookie still signs in"
    );
    assert!(response.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("/login"));
}

on_both_backends!(
    signing_out_ends_the_session_on_the_server,
    register_sign_out_and_sign_in_through_pages,
    forms_redisplay_with_errors_and_typed_values,
    posts_without_valid_csrf_token_are_refused,
    pages_speak_french_and_english,
    sign_in_never_redirects_off_site,
);

async fn error_pages_say_what_happened_and_keep_what_was_typed(app: TestApp) {
    app.register("zoe@example.org", "Zoé").await;
    let browser = app.new_browser();
    browser.login("zoe@example.org").await;
    let (status, html) = browser.page("/no/such/page?lang=en").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("<h1>Page not found</h1>"), "{html}");
    assert!(html.contains("(Zoé)"), "the header shows who is signed in");
    crate::groups::create_group(&app, &app.register("o@example.org", "O").await, "grp").await;
    let (status, html) = browser.page("/groups/grp/edit").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(html.contains("<h1>Not allowed</h1>") && html.contains("(Zoé)"));

    // A form sent from this site with a stale token comes back with what was typed, a fresh
    // token, and without the password.
    let post = |token: &'static str| {
        browser
            .client
            .post(browser.url("/groups/grp/venue-suggestions/new"))
            .header("Sec-Fetch-Site", "same-origin")
            .form(&[
                ("csrf_token", token),
                ("name", "Le Lieu <b>Fantôme</b>"),
                ("address", "1 rue Nulle Part"),
                ("password", "hunter2hunter2"),
            ])
            .send()
    };
    let response = post("stale").await.unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let html = response.text().await.unwrap();
    assert!(html.contains("<h1>Form expired</h1>"));
    assert!(
        html.contains("value=\"Le Lieu &lt;b&gt;Fantôme&lt;/b&gt;\""),
        "{html}"
    );
    assert!(!html.contains("hunter2"), "passwords are never echoed");
    assert!(html.contains("action=\"/groups/grp/venue-suggestions/new\""));
    let fresh = crate::helpers::csrf_token(&html);
    let response = browser
        .client
        .post(browser.url("/groups/grp/venue-suggestions/new"))
        .form(&[
            ("csrf_token", fresh.as_str()),
            ("name", "Le Lieu Fantôme"),
            ("address", "1 rue Nulle Part"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "the fresh token works"
    );
    // From another site, nothing is offered back.
    let response = browser
        .client
        .post(browser.url("/groups/grp/venue-suggestions/new"))
        .header("Sec-Fetch-Site", "cross-site")
        .form(&[("csrf_token", "x"), ("name", "Piège")])
        .send()
        .await
        .unwrap();
    let html = response.text().await.unwrap();
    assert!(html.contains("Form expired") && !html.contains("Piège"));
}

on_both_backends!(error_pages_say_what_happened_and_keep_what_was_typed);
