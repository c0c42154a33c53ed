//! Cached pages and feeds are never stale, even when the write went through another instance.

use rendezvous::db::Backend;
use serde_json::json;

use crate::groups::create_group;
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
    // Attendee names on the anonymous page, to see RSVPs arrive there.
    let public = json!({ "attendee_visibility": "public" });
    app.patch("/api/v1/groups/grp", Some(&f.owner.token), public)
        .await;
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

/// While nothing is written a cached page costs one statement, which reads the database's data
/// version, not the data. A write elsewhere costs a fingerprint check, not a new rendering.
async fn a_cached_page_costs_one_statement(app: TestApp) {
    // PostgreSQL's version is the whole server's: commits of the tests running beside this one
    // may force a check (pool ping and fingerprint) at any time.
    let hit = match app.db.backend {
        Backend::Sqlite => 1,
        Backend::Postgres => 3,
    };
    let f = group_with_venue(&app).await;
    let m = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Quiet", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let id = m["id"].as_str().unwrap();
    for page in [
        format!("/groups/grp/meetups/{id}"),
        "/groups/grp".to_string(),
        "/groups/grp/calendar.ics".to_string(),
        format!("/meetups/{id}.ics"),
    ] {
        let rendered = app.queries_for(&page).await;
        assert!(rendered > 3, "{page}: {rendered} statements to render");
        let cached = app.queries_for(&page).await;
        assert!(
            cached <= hit,
            "{page} served from cache: {cached} statements"
        );
        // Another group's news: this page's data did not change.
        let other = app
            .register(&format!("x{}@example.org", page.len()), "X")
            .await;
        create_group(&app, &other, &format!("g{}", page.len())).await;
        let checked = app.queries_for(&page).await;
        assert!(checked < rendered, "{page} checked, not rendered");
        let cached = app.queries_for(&page).await;
        assert!(
            cached <= hit,
            "{page} served from cache again: {cached} statements"
        );
    }
    // An answer to this meetup: its page is rendered again, with it.
    let page = format!("/groups/grp/meetups/{id}");
    let before = body(&app, &app.address, &page).await;
    app.rsvp(id, &f.member.token, "yes").await;
    assert!(app.queries_for(&page).await > 3, "rendered again");
    assert_ne!(body(&app, &app.address, &page).await, before);
}

on_both_backends!(a_cached_page_costs_one_statement);
