use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::TestApp;
use crate::meetups::{create_meetup, group_with_venue};
use crate::on_both_backends;

/// Capacity 2: one member with a guest fills it, a third waits, and gets the seat when the first cancels.
async fn rsvp_waitlist_and_promotion_through_the_page(app: TestApp) {
    let f = group_with_venue(&app).await;
    let meetup = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Apéro", "starts_at": "2030-12-03T19:00", "capacity": 2 }),
    )
    .await;
    let page = format!("/groups/grp/meetups/{}", meetup["id"].as_str().unwrap());

    let anonymous = app.new_browser();
    let (status, html) = anonymous.page(&page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("/login?next="),
        "anonymous visitors are asked to sign in"
    );

    let alice = app.new_browser();
    alice.register("alice@example.org", "Alice").await;
    let response = alice
        .submit_form(
            &page,
            &format!("{page}/rsvp"),
            &[("answer", "yes"), ("guests", "1")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = alice.page(&page).await;
    assert!(html.contains("Vous participez avec 1 invité."), "{html}");
    assert!(html.contains("Complet"));

    let carol = app.new_browser();
    carol.register("carol@example.org", "Carol").await;
    carol
        .submit_form(
            &page,
            &format!("{page}/rsvp"),
            &[("answer", "yes"), ("guests", "0")],
        )
        .await;
    let (_, html) = carol.page(&page).await;
    assert!(html
        .contains("La rencontre est complète\u{202f}: vous êtes en liste d'attente, position 1."));
    assert!(html.contains("Vous êtes en liste d'attente, position 1."));
    assert!(html.contains("id=\"waitlist\""));

    alice
        .submit_form(
            &page,
            &format!("{page}/rsvp"),
            &[("answer", "no"), ("guests", "0")],
        )
        .await;
    let (_, html) = carol.page(&page).await;
    assert!(html.contains("Vous participez."), "Carol was promoted");
    let (_, own) = app
        .get(
            &format!("/api/v1/meetups/{}/rsvp", meetup["id"].as_str().unwrap()),
            None,
        )
        .await;
    assert_eq!(own["error"]["code"], "unauthorized");

    // A stale form (no token) changes nothing and gets a friendly page.
    let response = carol
        .client
        .post(carol.url(&format!("{page}/rsvp")))
        .form(&[("answer", "no")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let (_, html) = carol.page(&page).await;
    assert!(html.contains("Vous participez."));
}

async fn organisers_check_in_who_came(app: TestApp) {
    let f = group_with_venue(&app).await;
    let id = crate::check_in::meetup_in(&app, &f.owner, 1, json!({})).await;
    app.rsvp(&id, &f.member.token, "yes").await;
    let page = format!("/groups/grp/meetups/{id}");

    let member = app.new_browser();
    member.login("member@example.org").await;
    let (status, _) = member.page(&format!("{page}/checkin")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let owner = app.new_browser();
    owner.login("owner@example.org").await;
    let (status, html) = owner.page(&format!("{page}/checkin")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Member"));
    for (came, attended) in [("1", true), ("0", false)] {
        let response = owner
            .submit_form(
                &format!("{page}/checkin"),
                &format!("{page}/checkin"),
                &[("member", &f.member.id), ("came", came)],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let (_, list) = app
            .get(
                &format!("/api/v1/meetups/{id}/attendees"),
                Some(&f.owner.token),
            )
            .await;
        assert_eq!(list["going"][0]["attended"], attended);
    }
}

on_both_backends!(
    rsvp_waitlist_and_promotion_through_the_page,
    organisers_check_in_who_came
);
