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
