//! "Forgot your password?" over HTTP and SMTP, as the owner (and a stranger) would live it.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{Backend, TestApp};
use crate::mail::{app_with_sink, deliver, now, to, WAIT};
use crate::on_both_backends_with;
use crate::smtp_sink::{ReceivedMail, SmtpSink};

const EMAIL: &str = "rita@example.org";

async fn ask(app: &TestApp, email: &str) -> (StatusCode, Value) {
    app.post(
        "/api/v1/auth/password-reset",
        None,
        json!({ "email": email }),
    )
    .await
}

async fn sign_in(app: &TestApp, password: &str) -> StatusCode {
    app.post(
        "/api/v1/auth/login",
        None,
        json!({ "email": EMAIL, "password": password }),
    )
    .await
    .0
}

/// The link's token, from the mail's text (quoted-printable soft breaks undone).
fn token_in(mail: &ReceivedMail) -> String {
    let text = mail.data.replace("=\r\n", "");
    let start = text.find("/password-reset/").expect("a reset link") + "/password-reset/".len();
    text[start..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect()
}

async fn the_link(app: &TestApp, sink: &SmtpSink, mails_before: usize) -> String {
    assert_eq!(
        deliver(app, now()).await.sent,
        1,
        "one mail, to the account only"
    );
    let mails = sink.wait_for(mails_before + 1, WAIT).await;
    let mail = to(&mails, EMAIL).pop().expect("a mail to the owner");
    assert!(mail.data.contains("text/plain") && mail.data.contains("text/html"));
    let token = token_in(&mail);
    assert_eq!(token.len(), 64, "{}", mail.data);
    token
}

async fn a_forgotten_password_is_reset_by_mail(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    let old = app.register(EMAIL, "Rita").await;
    let laptop = app.new_browser();
    laptop.login(EMAIL).await;
    // The same answer for an account and for a stranger's address; only the account gets mail.
    let (status, known) = ask(&app, EMAIL).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let (status, unknown) = ask(&app, "nobody@example.org").await;
    assert_eq!((status, &unknown), (StatusCode::ACCEPTED, &known));
    let token = the_link(&app, &sink, 0).await;
    // Opening the link (a mail scanner does) spends nothing.
    let page = format!("/password-reset/{token}");
    for _ in 0..2 {
        assert_eq!(app.new_browser().page(&page).await.0, StatusCode::OK);
    }
    let (status, body) = app
        .post(
            "/api/v1/auth/password-reset/confirm",
            None,
            json!({ "token": token, "password": "a brand new secret" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["user"]["email"], EMAIL);
    let fresh = body["token"].as_str().unwrap();
    assert_eq!(app.get("/api/v1/me", Some(fresh)).await.0, StatusCode::OK);
    assert_eq!(
        sign_in(&app, "correct horse battery").await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(sign_in(&app, "a brand new secret").await, StatusCode::OK);
    // Every other session and token ended.
    assert_eq!(
        app.get("/api/v1/me", Some(&old.token)).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(laptop.page("/account").await.0, StatusCode::SEE_OTHER);
    // The link works once.
    let (status, body) = app
        .post(
            "/api/v1/auth/password-reset/confirm",
            None,
            json!({ "token": token, "password": "yet another secret" }),
        )
        .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::GONE, Some("link_expired"))
    );
    assert_eq!(app.new_browser().page(&page).await.0, StatusCode::GONE);
    assert_eq!(deliver(&app, now()).await.sent, 0, "each mail goes once");
}

/// Ten wrong guesses lock sign-in for everyone; the owner gets through with a reset link.
async fn the_owner_gets_through_a_sign_in_lock(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    app.register(EMAIL, "Rita").await;
    for _ in 0..10 {
        sign_in(&app, "a wrong guess").await;
    }
    assert_eq!(
        sign_in(&app, "correct horse battery").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    let browser = app.new_browser();
    let response = browser
        .submit_form("/password-reset", "/password-reset", &[("email", EMAIL)])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let token = the_link(&app, &sink, 0).await;
    let page = format!("/password-reset/{token}");
    // A password too short is refused next to the field, the link still good.
    let response = browser
        .submit_form(&page, &page, &[("password", "short")])
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let response = browser
        .submit_form(&page, &page, &[("password", "the owner's new secret")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        browser.page("/account").await.0,
        StatusCode::OK,
        "signed in"
    );
    assert_eq!(
        sign_in(&app, "the owner's new secret").await,
        StatusCode::OK
    );
    // Links are limited per address (3 an hour), known or not, with the same answer.
    for email in [EMAIL, "nobody@example.org"] {
        let mut statuses = Vec::new();
        for _ in 0..4 {
            statuses.push(ask(&app, email).await.0);
        }
        let expected = if email == EMAIL { 2 } else { 3 };
        assert_eq!(
            statuses
                .iter()
                .filter(|s| **s == StatusCode::ACCEPTED)
                .count(),
            expected,
            "{email}: {statuses:?}"
        );
        assert_eq!(statuses.last(), Some(&StatusCode::TOO_MANY_REQUESTS));
    }
}

on_both_backends_with!(
    a_forgotten_password_is_reset_by_mail,
    the_owner_gets_through_a_sign_in_lock
);
