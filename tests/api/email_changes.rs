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

on_both_backends_with!(
    a_new_address_applies_once_confirmed,
    the_account_page_changes_the_address
);
