//! Invitations (#32 item 3): organisers invite addresses; each gets one mail whose link joins
//! the group once clicked; an address that asked for no invitations is never mailed; a group's
//! day is limited.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{spawn_app_with, Backend, TestApp};
use crate::mail::{app_with_sink, deliver, now, to, WAIT};
use crate::meetups::{create_meetup, group_with_venue};
use crate::on_both_backends_with;
use crate::smtp_sink::{ReceivedMail, SmtpSink};

/// The invitation's link in a mail (`/invitations/{token}`, without its query).
fn invitation_link(mail: &ReceivedMail) -> String {
    let text = mail.data.replace("=\r\n", "").replace("=3D", "=");
    let start = text.find("test/invitations/").expect("an invitation link") + "test".len();
    text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '.' || *c == '/')
        .collect()
}

async fn invite(app: &TestApp, token: Option<&str>, body: Value) -> (StatusCode, Value) {
    app.post("/api/v1/groups/grp/invitations", token, body)
        .await
}

fn outcomes(body: &Value) -> Vec<(String, String)> {
    body["invitations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["email"].as_str().unwrap().to_string(),
                i["outcome"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The Done-when: 3 addresses, one already unsubscribed → exactly 2 mails; following one joins
/// the group (signed in, and signed out through sign-up with the answer recorded).
async fn invitations_mail_once_and_join_on_click(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    let f = group_with_venue(&app).await;
    let (status, _) = app
        .post(
            "/api/v1/groups/grp/members",
            Some(&f.member.token),
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let m = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Apéro", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let meetup = m["id"].as_str().unwrap();
    // gone@ followed an earlier mail's "no more invitations" (any group's).
    let optout =
        rendezvous::mail::invitations::optout_token(&app.settings.secret_key, "gone@example.org");
    let visitor = app.new_browser();
    let (status, page) = visitor
        .page(&format!("/unsubscribe/invitations/{optout}"))
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let response = visitor
        .client
        .post(visitor.url(&format!("/unsubscribe/invitations/{optout}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let forged = format!("0{optout}");
    let (status, _) = visitor
        .page(&format!("/unsubscribe/invitations/{forged}"))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Only organisers invite and see invitations.
    let body = json!({ "emails": ["ada@example.org"] });
    assert_eq!(
        invite(&app, None, body.clone()).await.0,
        StatusCode::UNAUTHORIZED
    );
    let (status, err) = invite(&app, Some(&f.member.token), body.clone()).await;
    assert_eq!(
        (status, &err["error"]["code"]),
        (StatusCode::FORBIDDEN, &json!("forbidden"))
    );
    let (status, _) = app
        .get("/api/v1/groups/grp/invitations", Some(&f.member.token))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, err) = invite(&app, Some(&f.owner.token), json!({ "emails": [" "] })).await;
    assert_eq!(
        (status, &err["error"]["field"]),
        (StatusCode::UNPROCESSABLE_ENTITY, &json!("emails"))
    );

    let (status, body) = invite(
        &app,
        Some(&f.owner.token),
        json!({
            "emails": ["Ada@Example.org, bob@example.org", "gone@example.org",
                       "member@example.org", "not-an-address", "ada@example.org"],
            "meetup_id": meetup,
            "note": "Come and meet us!",
        }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let expected: Vec<(String, String)> = [
        ("ada@example.org", "invited"),
        ("bob@example.org", "invited"),
        ("gone@example.org", "unsubscribed"),
        ("member@example.org", "already_member"),
        ("not-an-address", "invalid"),
        ("ada@example.org", "already_invited"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(outcomes(&body), expected);
    deliver(&app, now()).await;
    let mails = sink.wait_for(2, WAIT).await;
    // A moment more: nothing else may arrive.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let mails = if sink.received().len() > mails.len() {
        sink.received()
    } else {
        mails
    };
    assert_eq!(mails.len(), 2, "exactly two invitations");
    assert!(to(&mails, "gone@example.org").is_empty());
    let ada = to(&mails, "ada@example.org");
    let bob = to(&mails, "bob@example.org");
    assert_eq!((ada.len(), bob.len()), (1, 1));
    crate::mail::assert_well_formed(&mails);
    assert!(ada[0].data.contains("text/plain") && ada[0].data.contains("text/html"));
    assert!(ada[0].data.contains("Come and meet us!"));
    let unsubscribe = ada[0].header("List-Unsubscribe").unwrap_or_default();
    assert!(
        unsubscribe.contains("/unsubscribe/invitations/"),
        "{unsubscribe}"
    );
    // Inviting again sends nothing more.
    let (_, again) = invite(
        &app,
        Some(&f.owner.token),
        json!({ "emails": ["bob@example.org"], "meetup_id": meetup }),
    )
    .await;
    assert_eq!(outcomes(&again)[0].1, "already_invited");

    // Ada has an account: opening the link changes nothing, the click joins.
    let ada_link = invitation_link(&ada[0]);
    app.register("ada@example.org", "Ada").await;
    let browser = app.new_browser();
    browser.login("ada@example.org").await;
    let (status, page) = browser.page(&ada_link).await;
    assert_eq!(status, StatusCode::OK, "{ada_link}");
    assert!(page.contains("DjangAuvergne"), "{page}");
    let (_, members) = app
        .get("/api/v1/groups/grp/members", Some(&f.owner.token))
        .await;
    let is_member = |members: &Value, name: &str| {
        members["members"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["name"] == name)
    };
    assert!(!is_member(&members, "Ada"), "nobody joins without clicking");
    let response = browser.submit_form(&ada_link, &ada_link, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        response.headers()["location"].to_str().unwrap(),
        "/groups/grp"
    );
    let (_, members) = app
        .get("/api/v1/groups/grp/members", Some(&f.owner.token))
        .await;
    assert!(is_member(&members, "Ada"));

    // Bob has no account: "I'm going" leads through sign-up back to the meetup, going.
    let bob_link = format!("{}?answer=yes", invitation_link(&bob[0]));
    let newcomer = app.new_browser();
    let (status, page) = newcomer.page(&bob_link).await;
    assert_eq!(status, StatusCode::OK);
    let next = format!("/groups/grp/meetups/{meetup}/rsvp?answer=yes");
    let encoded =
        format!("/register?next=%2Fgroups%2Fgrp%2Fmeetups%2F{meetup}%2Frsvp%3Fanswer%3Dyes");
    assert!(page.contains(&encoded.replace('&', "&amp;")), "{page}");
    let response = newcomer
        .submit_form(
            &encoded,
            "/register",
            &[
                ("email", "bob@example.org"),
                ("name", "Bob"),
                ("password", "correct horse battery"),
                ("locale", "en"),
                ("next", &next),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, attendees) = app
        .get(
            &format!("/api/v1/meetups/{meetup}/attendees"),
            Some(&f.owner.token),
        )
        .await;
    assert!(
        attendees["going"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["name"] == "Bob"),
        "{attendees}"
    );

    // Organisers see who was invited, when, and whether they joined.
    let (status, list) = app
        .get("/api/v1/groups/grp/invitations", Some(&f.owner.token))
        .await;
    assert_eq!(status, StatusCode::OK);
    let joined: Vec<(String, bool)> = list["invitations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            assert!(i["invited_at"].as_str().unwrap().ends_with('Z'));
            (
                i["email"].as_str().unwrap().to_string(),
                i["joined"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(joined.len(), 2, "{list}");
    assert!(joined.iter().all(|(_, j)| *j), "{list}");

    // The page shows them too.
    let organiser = app.new_browser();
    organiser.login("owner@example.org").await;
    let (status, page) = organiser.page("/groups/grp/invitations").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("ada@example.org") && page.contains("bob@example.org"));
}

/// Invitations nobody followed are deleted 90 days on; followed ones stay.
async fn unfollowed_invitations_are_purged(backend: Backend) {
    let Some(app) = spawn_app_with(backend, |_| {}).await else {
        return;
    };
    let f = group_with_venue(&app).await;
    let (status, _) = invite(
        &app,
        Some(&f.owner.token),
        json!({ "emails": ["member@example.org", "stranger@example.org"] }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    // member@ joins by other means: the invitation says they joined, and stays.
    app.post(
        "/api/v1/groups/grp/members",
        Some(&f.member.token),
        json!({}),
    )
    .await;
    deliver(&app, now() + chrono::Duration::days(89)).await;
    let count = |list: &Value| list["invitations"].as_array().unwrap().len();
    let (_, list) = app
        .get("/api/v1/groups/grp/invitations", Some(&f.owner.token))
        .await;
    assert_eq!(count(&list), 2);
    deliver(&app, now() + chrono::Duration::days(91)).await;
    let (_, list) = app
        .get("/api/v1/groups/grp/invitations", Some(&f.owner.token))
        .await;
    assert_eq!(count(&list), 1, "{list}");
    assert_eq!(list["invitations"][0]["email"], "member@example.org");
    assert_eq!(list["invitations"][0]["joined"], true);
}

/// At most INVITATIONS_PER_DAY a group in 24 hours, exactly, whatever the parallelism.
async fn the_daily_limit_holds_under_a_burst(backend: Backend) {
    let Some(app) = spawn_app_with(backend, |s| s.invitations_per_day = 10).await else {
        return;
    };
    let f = group_with_venue(&app).await;
    let mut set = tokio::task::JoinSet::new();
    for i in 0..48 {
        let (api, url, token) = (
            app.api.clone(),
            app.url("/api/v1/groups/grp/invitations"),
            f.owner.token.clone(),
        );
        set.spawn(async move {
            api.post(url)
                .bearer_auth(token)
                .json(&json!({ "emails": [format!("burst{i}@example.org")] }))
                .send()
                .await
                .unwrap()
                .status()
        });
    }
    let answers = set.join_all().await;
    let created = answers
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    let limited = answers
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!((created, limited), (10, 38), "{answers:?}");
    assert_eq!(crate::mail::outbox_count(&app, "invitation").await, 10);
    let (status, err) = invite(
        &app,
        Some(&f.owner.token),
        json!({ "emails": ["late@example.org"] }),
    )
    .await;
    assert_eq!(
        (status, &err["error"]["code"]),
        (StatusCode::TOO_MANY_REQUESTS, &json!("rate_limited"))
    );
}

/// The organisers' form: addresses pasted in a text box; faults shown beside the field, the
/// text kept.
async fn organisers_invite_from_the_page(backend: Backend) {
    let Some(app) = spawn_app_with(backend, |_| {}).await else {
        return;
    };
    let _f = group_with_venue(&app).await;
    let organiser = app.new_browser();
    organiser.login("owner@example.org").await;
    let path = "/groups/grp/invitations";
    let response = organiser
        .submit_form(
            path,
            path,
            &[
                ("emails", "one@example.org, two@example.org\nnope"),
                ("meetup_id", ""),
                ("note", ""),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let page = response.text().await.unwrap();
    assert!(
        page.contains("one@example.org") && page.contains("nope"),
        "{page}"
    );
    assert_eq!(crate::mail::outbox_count(&app, "invitation").await, 2);
    let response = organiser
        .submit_form(
            path,
            path,
            &[
                ("emails", "three@example.org"),
                ("meetup_id", "no-such-meetup"),
                ("note", ""),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(page.contains("three@example.org"), "the text is kept");
    assert!(page.contains("meetup_id-error"), "{page}");
    // A member who does not organise gets 403.
    let member = app.new_browser();
    member.login("member@example.org").await;
    assert_eq!(member.page(path).await.0, StatusCode::FORBIDDEN);
}

on_both_backends_with!(
    invitations_mail_once_and_join_on_click,
    unfollowed_invitations_are_purged,
    the_daily_limit_holds_under_a_burst,
    organisers_invite_from_the_page,
);
