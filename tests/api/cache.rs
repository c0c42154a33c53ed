//! Cached pages and feeds are never stale, even when the write went through another instance.

use serde_json::json;

use crate::helpers::TestApp;
use crate::meetups::{create_meetup, group_with_venue};
use crate::on_both_backends;

async fn body(app: &TestApp, base: &str, path: &str) -> String {
    app.api
        .get(format!("{base}{path}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

async fn cached_output_follows_every_write(app: TestApp) {
    let f = group_with_venue(&app).await;
    let m = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Before", "starts_at": "2030-12-03T19:00", "capacity": 5 }),
    )
    .await;
    let id = m["id"].as_str().unwrap();
    let other = app.another_instance().await;
    let page = format!("/groups/grp/meetups/{id}");
    let feed = "/groups/grp/calendar.ics";
    // Warm both instances' caches.
    for base in [&app.address, &other] {
        assert!(body(&app, base, &page).await.contains("Before"));
        assert!(body(&app, base, feed).await.contains("SUMMARY:Before"));
        assert_eq!(
            body(&app, base, &page).await,
            body(&app, base, &page).await,
            "served from cache"
        );
    }
    // An RSVP through instance A shows on instance B's page.
    app.rsvp(id, &f.member.token, "yes").await;
    assert!(body(&app, &other, &page).await.contains("Member"));
    // An edit shows on pages and feeds everywhere.
    app.patch(
        &format!("/api/v1/meetups/{id}"),
        Some(&f.owner.token),
        json!({ "title": "After" }),
    )
    .await;
    for base in [&app.address, &other] {
        let html = body(&app, base, &page).await;
        assert!(html.contains("After") && !html.contains("Before"));
        assert!(body(&app, base, feed).await.contains("SUMMARY:After"));
        assert!(body(&app, base, "/groups/grp").await.contains("After"));
    }
    // A talk accepted: the programme reaches the feeds.
    let (_, talk) = app
        .post(
            &format!("/api/v1/meetups/{id}/talks"),
            Some(&f.member.token),
            json!({ "title": "Cached talk", "abstract": "a", "duration_minutes": 10 }),
        )
        .await;
    assert!(!body(&app, &other, &format!("/meetups/{id}.ics"))
        .await
        .contains("Cached talk"));
    app.patch(
        &format!("/api/v1/talks/{}", talk["id"].as_str().unwrap()),
        Some(&f.owner.token),
        json!({ "status": "accepted" }),
    )
    .await;
    assert!(body(&app, &other, &format!("/meetups/{id}.ics"))
        .await
        .contains("Cached talk"));
    assert!(body(&app, &other, &page).await.contains("Cached talk"));
    // A venue edited, a venue suggestion and a vote: the group page follows.
    let (_, venues) = app.get("/api/v1/groups/grp/venues", None).await;
    let venue = venues["venues"][0]["id"].as_str().unwrap();
    app.patch(
        &format!("/api/v1/venues/{venue}"),
        Some(&f.owner.token),
        json!({ "name": "Renamed pub", "address": "Clermont" }),
    )
    .await;
    app.patch(
        &format!("/api/v1/meetups/{id}"),
        Some(&f.owner.token),
        json!({ "venue_id": venue }),
    )
    .await;
    assert!(body(&app, &other, &page).await.contains("Renamed pub"));
    app.post(
        "/api/v1/groups/grp/venue-suggestions",
        Some(&f.member.token),
        json!({ "name": "Suggested bar", "address": "Vichy" }),
    )
    .await;
    assert!(body(&app, &other, "/groups/grp")
        .await
        .contains("Suggested bar"));
    // A new member: the member count on the group page follows.
    let before = body(&app, &other, "/groups/grp").await;
    let newcomer = app.register("newcomer@example.org", "Newcomer").await;
    app.send(
        reqwest::Method::POST,
        "/api/v1/groups/grp/members",
        Some(&newcomer.token),
        None,
    )
    .await;
    assert_ne!(body(&app, &other, "/groups/grp").await, before);
    // Signed-in visitors get their own page, never the shared one.
    let member = app.new_browser();
    member.login("member@example.org").await;
    let (_, html) = member.page(&page).await;
    assert!(html.contains("id=\"own-rsvp\""));
    assert!(!body(&app, &app.address, &page)
        .await
        .contains("id=\"own-rsvp\""));
}

on_both_backends!(cached_output_follows_every_write);
