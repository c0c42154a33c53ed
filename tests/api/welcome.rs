//! Joining a group sends one welcome mail listing the meetups already announced, each with a
//! one-click "I'm going" (#32 item 4).

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::Backend;
use crate::mail::{app_with_sink, deliver, now, to, WAIT};
use crate::meetups::{create_meetup, group_with_venue};
use crate::on_both_backends_with;
use crate::smtp_sink::SmtpSink;

async fn joining_sends_one_welcome_with_the_announced_meetups(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    let f = group_with_venue(&app).await;
    let announced = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Apéro annoncé", "starts_at": "2030-12-03T19:00", "announce": true }),
    )
    .await;
    create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Brouillon secret", "starts_at": "2030-12-10T19:00" }),
    )
    .await;
    deliver(&app, now()).await;
    let before = sink.wait_for(1, WAIT).await.len();
    let (status, body) = app
        .post(
            "/api/v1/auth/register",
            None,
            json!({ "email": "newbie@example.org", "name": "Newbie", "password": "correct horse battery", "locale": "fr" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let newbie = body["token"].as_str().unwrap().to_string();
    for _ in 0..2 {
        let (status, _) = app
            .post("/api/v1/groups/grp/members", Some(&newbie), json!({}))
            .await;
        assert_eq!(status, StatusCode::OK);
    }
    deliver(&app, now()).await;
    let mails = sink.wait_for(before + 1, WAIT).await;
    let welcome = to(&mails, "newbie@example.org");
    assert_eq!(welcome.len(), 1, "one welcome, joining twice");
    let mail = &welcome[0];
    let text = mail.data.replace("=\r\n", "");
    assert!(text.contains("text/plain") && text.contains("text/html"));
    assert!(
        mail.header("Subject")
            .unwrap()
            .contains("Bienvenue dans DjangAuvergne"),
        "{:?}",
        mail.header("Subject")
    );
    assert!(!text.contains("Brouillon secret"), "only announced meetups");
    // The one-click "I'm going" of the announced meetup.
    let id = announced["id"].as_str().unwrap();
    let start = text.find("/r/").expect("a one-click answer") + 3;
    let token: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '.')
        .collect();
    assert_eq!(token.split('.').nth(2), Some("y"), "{token}");
    let link = format!("/r/{token}");
    let response = app.new_browser().submit_form(&link, &link, &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let (_, own) = app
        .get(&format!("/api/v1/meetups/{id}/rsvp"), Some(&newbie))
        .await;
    assert_eq!(own["status"], "going");
    // Members who come in by answering a meetup are not sent a welcome besides the answer.
    let other = app.register("other@example.org", "Other").await;
    app.rsvp(id, &other.token, "yes").await;
    deliver(&app, now()).await;
    let mails = sink.wait_for(before + 3, WAIT).await;
    assert_eq!(to(&mails, "other@example.org").len(), 1);
}

on_both_backends_with!(joining_sends_one_welcome_with_the_announced_meetups);
