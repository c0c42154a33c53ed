//! "Next meetup is on": a new meetup is announced once to the members who want it, with
//! one-click answers and a one-click way to stop.

use reqwest::StatusCode;
use serde_json::json;

use crate::groups::create_group;
use crate::helpers::Backend;
use crate::mail::{app_with_sink, deliver, now, to, WAIT};
use crate::meetups::create_meetup;
use crate::on_both_backends_with;
use crate::smtp_sink::{ReceivedMail, SmtpSink};

/// The first link of `mail` under `prefix` (quoted-printable soft breaks undone).
fn link(mail: &ReceivedMail, prefix: &str) -> String {
    let text = mail.data.replace("=\r\n", "");
    let start = text
        .find(prefix)
        .unwrap_or_else(|| panic!("no {prefix} in {}", mail.data));
    text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || "/.-:".contains(*c))
        .collect()
}

async fn new_meetups_are_announced_once(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    let owner = app.register("owner@example.org", "Owner").await;
    let keen = app.register("keen@example.org", "Keen").await;
    let quiet = app.register("quiet@example.org", "Quiet").await;
    create_group(&app, &owner, "grp").await;
    for member in [&keen, &quiet] {
        app.post("/api/v1/groups/grp/members", Some(&member.token), json!({}))
            .await;
    }
    let subscription = "/api/v1/groups/grp/subscription";
    let (status, body) = app
        .put(
            subscription,
            Some(&quiet.token),
            json!({ "announcements": false }),
        )
        .await;
    assert_eq!(
        (status, body["announcements"].as_bool()),
        (StatusCode::OK, Some(false))
    );
    let outsider = app.register("outsider@example.org", "Outsider").await;
    assert_eq!(
        app.get(subscription, Some(&outsider.token)).await.0,
        StatusCode::NOT_FOUND
    );

    // Announced by default.
    let (status, meetup) = app
        .post(
            "/api/v1/groups/grp/meetups",
            Some(&owner.token),
            json!({ "title": "Annoncée", "starts_at": "2030-12-03T19:00", "capacity": 10, "description": "Django et café." }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{meetup}");
    let id = meetup["id"].as_str().unwrap();
    assert_eq!(
        deliver(&app, now()).await.sent,
        2,
        "two of three members want announcements"
    );
    let mails = sink.wait_for(2, WAIT).await;
    assert!(to(&mails, "quiet@example.org").is_empty());
    let mail = to(&mails, "keen@example.org").pop().unwrap();
    assert!(mail.header("Subject").unwrap().starts_with("New meetup: "));
    assert!(mail.data.contains("10 seats left out of 10"));
    assert!(mail.data.contains("text/plain") && mail.data.contains("text/html"));
    assert!(mail.header("List-Unsubscribe").is_some());
    // An edit sends no second announcement.
    app.patch(
        &format!("/api/v1/meetups/{id}"),
        Some(&owner.token),
        json!({ "title": "Annoncée !" }),
    )
    .await;
    assert_eq!(deliver(&app, now()).await.sent, 0);
    // "I'm going" from the mail.
    let going = link(&mail, "/r/");
    let browser = app.new_browser();
    let response = browser.submit_form(&going, &going, &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let (_, rsvp) = app
        .get(&format!("/api/v1/meetups/{id}/rsvp"), Some(&keen.token))
        .await;
    assert_eq!(rsvp["status"], "going");
    // One click stops announcements of this group.
    let unsubscribe = link(&mail, "/unsubscribe/");
    // (RFC 8058: the mail client POSTs without any form.)
    let response = app.api.post(app.url(&unsubscribe)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        app.get(subscription, Some(&keen.token)).await.1["announcements"],
        false
    );

    // Created quietly, announced later, once.
    let later = create_meetup(
        &app,
        &owner.token,
        json!({ "title": "Plus tard", "starts_at": "2030-12-10T19:00", "announce": false }),
    )
    .await;
    deliver(&app, now()).await;
    let announce = format!("/api/v1/meetups/{}/announce", later["id"].as_str().unwrap());
    let (status, _) = app.post(&announce, Some(&keen.token), json!({})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app.post(&announce, Some(&owner.token), json!({})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        deliver(&app, now()).await.sent,
        1,
        "only the owner still wants them"
    );
    let (status, body) = app.post(&announce, Some(&owner.token), json!({})).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("already_announced"))
    );
}

on_both_backends_with!(new_meetups_are_announced_once);
