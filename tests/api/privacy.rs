//! Whose names show, to whom: attendee lists are for the group's members unless the group makes
//! them public, and a member may keep out of every list but the organisers'.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::TestApp;
use crate::meetups::{create_meetup, group_with_venue};
use crate::on_both_backends;

async fn attendee_names_follow_the_privacy_rules(app: TestApp) {
    let f = group_with_venue(&app).await;
    let discreet = app.register("discreet@example.org", "Discreet").await;
    let meetup = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Privée", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let id = meetup["id"].as_str().unwrap();
    for who in [&f.member, &discreet] {
        app.rsvp(id, &who.token, "yes").await;
    }
    let page = format!("/groups/grp/meetups/{id}");
    let attendees = format!("/api/v1/meetups/{id}/attendees");
    let names = |list: &Value| -> Vec<String> {
        list["going"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["name"].as_str().unwrap().to_string())
            .collect()
    };
    // By default: counts for strangers, names for members.
    let (_, html) = app.new_browser().page(&page).await;
    assert!(
        html.contains("id=\"names-hidden\"") && !html.contains("Member</li>"),
        "{html}"
    );
    let member = app.new_browser();
    member.login("member@example.org").await;
    assert!(member.page(&page).await.1.contains("Discreet"));
    // A member who keeps out of lists: counted, listed for organisers only.
    let (status, me) = app
        .patch(
            "/api/v1/me",
            Some(&discreet.token),
            json!({ "hide_from_lists": true }),
        )
        .await;
    assert_eq!(
        (status, me["hide_from_lists"].as_bool()),
        (StatusCode::OK, Some(true))
    );
    assert_eq!(
        names(&app.get(&attendees, Some(&f.member.token)).await.1),
        ["Member"]
    );
    assert_eq!(
        names(&app.get(&attendees, Some(&f.owner.token)).await.1),
        ["Member", "Discreet"]
    );
    assert!(!member.page(&page).await.1.contains("Discreet"));
    let (_, listed) = app.get("/api/v1/groups/grp/members", None).await;
    assert!(!listed.to_string().contains("Discreet"), "{listed}");
    let (_, listed) = app
        .get("/api/v1/groups/grp/members", Some(&f.owner.token))
        .await;
    assert!(listed.to_string().contains("Discreet"), "{listed}");
    let (_, shown) = app.get(&format!("/api/v1/meetups/{id}"), None).await;
    assert_eq!(shown["going_count"], 2, "counts include everyone");
    // A public group shows names to anyone, still without those who keep out of lists; the
    // cached page follows a change of mind.
    let (status, group) = app
        .patch(
            "/api/v1/groups/grp",
            Some(&f.owner.token),
            json!({ "attendee_visibility": "public" }),
        )
        .await;
    assert_eq!(
        (status, group["attendee_visibility"].as_str()),
        (StatusCode::OK, Some("public"))
    );
    let (_, html) = app.new_browser().page(&page).await;
    assert!(html.contains("Member") && !html.contains("Discreet"));
    app.patch(
        "/api/v1/me",
        Some(&discreet.token),
        json!({ "hide_from_lists": false }),
    )
    .await;
    assert!(app.new_browser().page(&page).await.1.contains("Discreet"));
    let (status, error) = app
        .patch(
            "/api/v1/groups/grp",
            Some(&f.owner.token),
            json!({ "attendee_visibility": "everyone" }),
        )
        .await;
    assert_eq!(
        (status, error["error"]["field"].as_str()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("attendee_visibility")
        )
    );
}

on_both_backends!(attendee_names_follow_the_privacy_rules);

/// A meetup's online link reaches the members going (pages, API, their feed and mails) and the
/// organisers; strangers, the waitlist and public feeds get it only once the meetup makes it
/// public.
async fn the_online_link_is_for_those_going(backend: crate::helpers::Backend) {
    use crate::mail::{app_with_sink, deliver, now, to, WAIT};
    let sink = crate::smtp_sink::SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    const LINK: &str = "https://visio.example/secret-room";
    let f = group_with_venue(&app).await;
    let waiting = app.register("waiting@example.org", "Waiting").await;
    let meetup = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "En ligne", "starts_at": "2030-12-03T19:00", "capacity": 1, "online_url": LINK }),
    )
    .await;
    assert_eq!(
        (
            meetup["online_url"].as_str(),
            meetup["online_url_visibility"].as_str()
        ),
        (Some(LINK), Some("going"))
    );
    let id = meetup["id"].as_str().unwrap();
    app.rsvp(id, &f.member.token, "yes").await;
    app.rsvp(id, &waiting.token, "yes").await;
    let path = format!("/api/v1/meetups/{id}");
    let link_for = |token: Option<String>| {
        let path = path.clone();
        let app = &app;
        async move { app.get(&path, token.as_deref()).await.1["online_url"].clone() }
    };
    assert_eq!(link_for(None).await, Value::Null);
    assert_eq!(link_for(Some(waiting.token.clone())).await, Value::Null);
    assert_eq!(link_for(Some(f.member.token.clone())).await, LINK);
    assert_eq!(link_for(Some(f.owner.token.clone())).await, LINK);
    let (_, list) = app.get("/api/v1/groups/grp/meetups", None).await;
    assert_eq!(list["meetups"][0]["online_url"], Value::Null);
    let text = |path: String| {
        let app = &app;
        async move {
            app.api
                .get(app.url(&path))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap()
        }
    };
    let public = [
        format!("/groups/grp/meetups/{id}"),
        format!("/meetups/{id}.ics"),
        "/groups/grp/calendar.ics".to_string(),
    ];
    for path in &public {
        assert!(!text(path.clone()).await.contains("secret-room"), "{path}");
    }
    let member = app.new_browser();
    member.login("member@example.org").await;
    assert!(member.page(&public[0]).await.1.contains(LINK));
    let feed_of = |token: String| {
        let app = &app;
        async move {
            let (_, body) = app.get("/api/v1/me/calendar", Some(&token)).await;
            let url = body["url"]
                .as_str()
                .unwrap()
                .replace("http://rendezvous.test", &app.address);
            app.api.get(url).send().await.unwrap().text().await.unwrap()
        }
    };
    assert!(feed_of(f.member.token.clone())
        .await
        .contains("secret-room"));
    assert!(!feed_of(waiting.token.clone()).await.contains("secret-room"));
    // Mails: the confirmation of the member going carries it; the waitlisted one does not.
    deliver(&app, now()).await;
    let mails = sink.wait_for(2, WAIT).await;
    let body = |email: &str| {
        to(&mails, email)
            .iter()
            .map(|m| m.data.replace("=\r\n", ""))
            .collect::<String>()
    };
    assert!(body("member@example.org").contains("secret-room"));
    assert!(!body("waiting@example.org").contains("secret-room"));
    // Made public, it is everyone's.
    let (status, _) = app
        .patch(
            &path,
            Some(&f.owner.token),
            json!({ "online_url_visibility": "public" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(link_for(None).await, LINK);
    for path in &public {
        assert!(text(path.clone()).await.contains("secret-room"), "{path}");
    }
}

crate::on_both_backends_with!(the_online_link_is_for_those_going);
