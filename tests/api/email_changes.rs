//! A new e-mail address applies only once the link mailed to it is followed.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{Backend, TestApp};
use crate::mail::{app_with_sink, deliver, now, to, WAIT};
use crate::on_both_backends_with;
use crate::smtp_sink::{ReceivedMail, SmtpSink};

async fn sign_in(app: &TestApp, email: &str) -> StatusCode {
    app.post(
        "/api/v1/auth/login",
        None,
        json!({ "email": email, "password": "correct horse battery" }),
    )
    .await
    .0
}

fn token_in(mail: &ReceivedMail) -> String {
    let text = mail.data.replace("=\r\n", "");
    let start = text.find("/email-change/").expect("a link") + "/email-change/".len();
    text[start..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect()
}

async fn a_new_address_applies_once_confirmed(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    let user = app.register("old@example.org", "Mover").await;
    app.register("taken@example.org", "Other").await;
    let ask = |email: &str, password: &str| {
        let body = json!({ "email": email, "password": password });
        let token = user.token.clone();
        let app = &app;
        async move { app.post("/api/v1/me/email", Some(&token), body).await }
    };
    assert_eq!(
        ask("new@example.org", "not it").await.0,
        StatusCode::UNAUTHORIZED
    );
    let (status, body) = ask("taken@example.org", "correct horse battery").await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("email_taken"))
    );
    let (status, body) = ask("OLD@example.org", "correct horse battery").await;
    assert_eq!(
        (status, body["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("email"))
    );
    assert_eq!(
        ask("new@example.org", "correct horse battery").await.0,
        StatusCode::ACCEPTED
    );
    // A link to the new address, a notice to the old one; nothing changed yet.
    assert_eq!(deliver(&app, now()).await.sent, 2);
    let mails = sink.wait_for(2, WAIT).await;
    let confirm = to(&mails, "new@example.org")
        .pop()
        .expect("a mail to the new address");
    let notice = to(&mails, "old@example.org")
        .pop()
        .expect("a notice to the old address");
    assert!(notice.data.replace("=\r\n", "").contains("new@example.org"));
    let token = token_in(&confirm);
    assert_eq!(token.len(), 64);
    let page = format!("/email-change/{token}");
    assert_eq!(app.new_browser().page(&page).await.0, StatusCode::OK);
    assert_eq!(
        sign_in(&app, "new@example.org").await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(sign_in(&app, "old@example.org").await, StatusCode::OK);
    // Following the link applies it, once.
    let (status, me) = app
        .post("/api/v1/me/email/confirm", None, json!({ "token": token }))
        .await;
    assert_eq!(
        (status, me["email"].as_str()),
        (StatusCode::OK, Some("new@example.org"))
    );
    assert_eq!(sign_in(&app, "new@example.org").await, StatusCode::OK);
    assert_eq!(
        sign_in(&app, "old@example.org").await,
        StatusCode::UNAUTHORIZED
    );
    let (status, _) = app
        .post("/api/v1/me/email/confirm", None, json!({ "token": token }))
        .await;
    assert_eq!(status, StatusCode::GONE);
    assert_eq!(app.new_browser().page(&page).await.0, StatusCode::GONE);
}

async fn the_account_page_changes_the_address(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    app.register("page@example.org", "Page").await;
    let browser = app.new_browser();
    browser.login("page@example.org").await;
    let submit = |password: &'static str| {
        let browser = &browser;
        async move {
            browser
                .submit_form(
                    "/account",
                    "/account/email",
                    &[("email", "moved@example.org"), ("email_password", password)],
                )
                .await
        }
    };
    let response = submit("not it").await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let html = response.text().await.unwrap();
    assert!(html.contains("id=\"email_password-error\"") && html.contains("moved@example.org"));
    assert_eq!(
        submit("correct horse battery").await.status(),
        StatusCode::SEE_OTHER
    );
    deliver(&app, now()).await;
    let mails = sink.wait_for(2, WAIT).await;
    let page = format!(
        "/email-change/{}",
        token_in(&to(&mails, "moved@example.org")[0])
    );
    let response = browser.submit_form(&page, &page, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(browser
        .page("/account")
        .await
        .1
        .contains("moved@example.org"));
}

const PASSWORD: &str = "correct horse battery";

/// The token after `prefix` in a mail's text (quoted-printable soft breaks undone).
fn link_token(mail: &ReceivedMail, prefix: &str) -> String {
    let text = mail.data.replace("=\r\n", "");
    let start = text.find(prefix).expect("a link") + prefix.len();
    text[start..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect()
}

/// Delivers what is due and returns the mail to `email` among those `delivered` new ones.
async fn mail_to(app: &TestApp, sink: &SmtpSink, email: &str, delivered: usize) -> ReceivedMail {
    let before = sink.received().len();
    assert_eq!(deliver(app, now()).await.sent, delivered);
    let mails = sink.wait_for(before + delivered, WAIT).await;
    to(&mails[before..], email)
        .pop()
        .unwrap_or_else(|| panic!("a mail to {email}"))
}

/// Asks to move to `new_email` and returns the token of the link mailed there.
async fn change_link(
    app: &TestApp,
    sink: &SmtpSink,
    token: &str,
    new_email: &str,
    password: &str,
) -> String {
    let (status, body) = app
        .post(
            "/api/v1/me/email",
            Some(token),
            json!({ "email": new_email, "password": password }),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    // The link to the new address, and the notice to the current one.
    token_in(&mail_to(app, sink, new_email, 2).await)
}

/// The link is dead, by the API and by its page, and the address did not move.
async fn assert_dead(app: &TestApp, link: &str, owner_email: &str, token: &str) {
    let (status, body) = app
        .post("/api/v1/me/email/confirm", None, json!({ "token": link }))
        .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::GONE, Some("link_expired"))
    );
    let page = format!("/email-change/{link}");
    let visitor = app.new_browser();
    assert_eq!(visitor.page(&page).await.0, StatusCode::GONE);
    let response = visitor.submit_form("/login", &page, &[]).await;
    assert_eq!(response.status(), StatusCode::GONE);
    let (_, me) = app.get("/api/v1/me", Some(token)).await;
    assert_eq!(me["email"], owner_email);
}

/// Whoever had the session and the password asked to move the account to their address; the
/// owner recovers it (a reset, a new password, "sign out everywhere"): that link dies.
async fn email_change_link_dies_with_password_reset_password_change_and_sign_out_everywhere(
    backend: Backend,
) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    let owner = app.register("owner@example.org", "Owner").await;

    // A password reset.
    let stolen = change_link(&app, &sink, &owner.token, "thief1@example.org", PASSWORD).await;
    let (status, _) = app
        .post(
            "/api/v1/auth/password-reset",
            None,
            json!({ "email": "owner@example.org" }),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let reset = link_token(
        &mail_to(&app, &sink, "owner@example.org", 1).await,
        "/password-reset/",
    );
    let (status, body) = app
        .post(
            "/api/v1/auth/password-reset/confirm",
            None,
            json!({ "token": reset, "password": "a second secret" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let token = body["token"].as_str().unwrap().to_string();
    assert_dead(&app, &stolen, "owner@example.org", &token).await;

    // A change of password.
    let stolen = change_link(&app, &sink, &token, "thief2@example.org", "a second secret").await;
    let (status, body) = app
        .post(
            "/api/v1/me/password",
            Some(&token),
            json!({ "current_password": "a second secret", "password": "a third secret" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_dead(&app, &stolen, "owner@example.org", &token).await;

    // "Sign out everywhere" (the API's; the page's calls the same use case).
    let stolen = change_link(&app, &sink, &token, "thief3@example.org", "a third secret").await;
    let (status, _) = app.delete("/api/v1/me/sessions", Some(&token)).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, body) = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({ "email": "owner@example.org", "password": "a third secret" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_dead(
        &app,
        &stolen,
        "owner@example.org",
        body["token"].as_str().unwrap(),
    )
    .await;
}

/// A used link answers 410 `link_expired` on both backends, however it is used again: by the
/// API, by its page, at once from many clients, or after the address it set was given up.
async fn email_change_link_reuse_is_link_expired(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    let user = app.register("first@example.org", "Mover").await;
    let link = change_link(&app, &sink, &user.token, "second@example.org", PASSWORD).await;
    // Many uses at once: one applies it, every other is told the link is spent.
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let (api, url, link) = (
            app.api.clone(),
            app.url("/api/v1/me/email/confirm"),
            link.clone(),
        );
        set.spawn(async move {
            let response = api
                .post(url)
                .json(&json!({ "token": link }))
                .send()
                .await
                .unwrap();
            let status = response.status();
            let body: serde_json::Value = response.json().await.unwrap();
            (status, body["error"]["code"].as_str().map(str::to_string))
        });
    }
    let mut answers = set.join_all().await;
    answers.sort();
    let mut expected = vec![(StatusCode::OK, None)];
    expected.extend(vec![
        (StatusCode::GONE, Some("link_expired".to_string()));
        7
    ]);
    expected.sort();
    assert_eq!(answers, expected);
    // Used again later, by the API and by its page.
    assert_dead(&app, &link, "second@example.org", &user.token).await;
    // The address it set was given up and taken by someone else: still spent, not a conflict.
    let back = change_link(&app, &sink, &user.token, "third@example.org", PASSWORD).await;
    let (status, _) = app
        .post("/api/v1/me/email/confirm", None, json!({ "token": back }))
        .await;
    assert_eq!(status, StatusCode::OK);
    app.register("second@example.org", "Newcomer").await;
    assert_dead(&app, &link, "third@example.org", &user.token).await;
}

/// One account sent 48 confirmation mails to one outside address in a burst: requests are
/// limited per account and per target address, per hour, exactly, however many arrive at once.
async fn email_change_requests_are_limited_exactly_under_a_burst(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    let user = app.register("burst@example.org", "Burst").await;
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..48 {
        let (api, url, token) = (
            app.api.clone(),
            app.url("/api/v1/me/email"),
            user.token.clone(),
        );
        set.spawn(async move {
            let response = api
                .post(url)
                .bearer_auth(token)
                .json(&json!({ "email": "outside@example.org", "password": PASSWORD }))
                .send()
                .await
                .unwrap();
            let status = response.status();
            let body: serde_json::Value = response.json().await.unwrap();
            (status, body["error"]["code"].as_str().map(str::to_string))
        });
    }
    let answers = set.join_all().await;
    let accepted = answers
        .iter()
        .filter(|(status, _)| *status == StatusCode::ACCEPTED)
        .count();
    // The others are refused, by this limit or by the sign-in limit the password check counts.
    let limited = answers
        .iter()
        .filter(|(status, code)| {
            *status == StatusCode::TOO_MANY_REQUESTS && code.as_deref() == Some("rate_limited")
        })
        .count();
    assert_eq!((accepted, limited), (3, 45), "{answers:?}");
    // Three links and three notices, no more.
    assert_eq!(deliver(&app, now()).await.sent, 6);
    let mails = sink.wait_for(6, WAIT).await;
    assert_eq!(to(&mails, "outside@example.org").len(), 3);
    assert_eq!(to(&mails, "burst@example.org").len(), 3);

    // The target address is limited whoever asks: three other accounts use up its hour.
    for n in 0..3 {
        let other = app
            .register(&format!("other{n}@example.org"), "Other")
            .await;
        let (status, _) = app
            .post(
                "/api/v1/me/email",
                Some(&other.token),
                json!({ "email": "target@example.org", "password": PASSWORD }),
            )
            .await;
        assert_eq!(status, StatusCode::ACCEPTED);
    }
    let late = app.register("late@example.org", "Late").await;
    let (status, body) = app
        .post(
            "/api/v1/me/email",
            Some(&late.token),
            json!({ "email": "target@example.org", "password": PASSWORD }),
        )
        .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::TOO_MANY_REQUESTS, Some("rate_limited"))
    );
    // Another address is still open to that account.
    let (status, _) = app
        .post(
            "/api/v1/me/email",
            Some(&late.token),
            json!({ "email": "elsewhere@example.org", "password": PASSWORD }),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    assert_eq!(deliver(&app, now()).await.sent, 8);
}

on_both_backends_with!(
    a_new_address_applies_once_confirmed,
    the_account_page_changes_the_address,
    email_change_link_dies_with_password_reset_password_change_and_sign_out_everywhere,
    email_change_link_reuse_is_link_expired,
    email_change_requests_are_limited_exactly_under_a_burst
);
