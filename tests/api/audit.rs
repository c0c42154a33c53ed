//! The organisers' audit log: every organiser action is recorded with who, what and when, in
//! the transaction of the action, and listed to organisers only (API and page), newest first;
//! a deleted account shows as such.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::TestApp;
use crate::meetups::{create_meetup, group_with_venue};
use crate::on_both_backends;

const AUDIT: &str = "/api/v1/groups/grp/audit";

async fn entries(app: &TestApp, token: &str) -> Vec<Value> {
    let (status, body) = app.get(&format!("{AUDIT}?per_page=100"), Some(token)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["entries"].as_array().unwrap().clone()
}

/// (action, label) of each entry, newest first.
fn actions(list: &[Value]) -> Vec<(String, String)> {
    list.iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap().to_string(),
                e["label"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn ok(status: StatusCode, body: &Value) {
    assert!(status.is_success(), "{status}: {body}");
}

async fn every_organiser_action_is_in_the_audit_log(app: TestApp) {
    let f = group_with_venue(&app).await;
    let (owner, member) = (&f.owner, &f.member);
    let other = app.register("other@example.org", "Other").await;
    for who in [member, &other] {
        app.post("/api/v1/groups/grp/members", Some(&who.token), json!({}))
            .await;
    }
    // Nothing recorded for what members do.
    assert_eq!(entries(&app, &owner.token).await, Vec::<Value>::new());
    let roles = |id: &str| format!("/api/v1/groups/grp/members/{id}");
    let (s, b) = app
        .put(
            &roles(&member.id),
            Some(&owner.token),
            json!({ "role": "organiser" }),
        )
        .await;
    ok(s, &b);
    let (s, b) = app
        .put(
            &roles(&member.id),
            Some(&owner.token),
            json!({ "role": "member" }),
        )
        .await;
    ok(s, &b);
    let (s, b) = app.delete(&roles(&other.id), Some(&owner.token)).await;
    ok(s, &b);
    let bans = "/api/v1/groups/grp/bans";
    let (s, b) = app
        .post(
            bans,
            Some(&owner.token),
            json!({ "user_id": other.id, "reason": "Spam" }),
        )
        .await;
    ok(s, &b);
    let (s, b) = app
        .delete(&format!("{bans}/{}", other.id), Some(&owner.token))
        .await;
    ok(s, &b);
    let meetup = create_meetup(
        &app,
        &owner.token,
        json!({ "title": "Apéro", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let id = meetup["id"].as_str().unwrap();
    for action in ["cancel", "reinstate"] {
        let (s, b) = app
            .post(
                &format!("/api/v1/meetups/{id}/{action}"),
                Some(&owner.token),
                json!({}),
            )
            .await;
        ok(s, &b);
    }
    let talks = format!("/api/v1/meetups/{id}/talks");
    let mut talk_ids = Vec::new();
    for title in ["Diesel", "Maud"] {
        let (s, t) = app
            .post(
                &talks,
                Some(&member.token),
                json!({ "title": title, "abstract": "…", "duration_minutes": 20 }),
            )
            .await;
        ok(s, &t);
        talk_ids.push(t["id"].as_str().unwrap().to_string());
    }
    for (talk, status) in talk_ids.iter().zip(["accepted", "rejected"]) {
        let (s, b) = app
            .patch(
                &format!("/api/v1/talks/{talk}"),
                Some(&owner.token),
                json!({ "status": status }),
            )
            .await;
        ok(s, &b);
    }
    let (s, b) = app
        .post(
            "/api/v1/groups/grp/messages",
            Some(&owner.token),
            json!({ "subject": "Assemblée", "body": "Jeudi." }),
        )
        .await;
    ok(s, &b);
    let past = create_meetup(
        &app,
        &owner.token,
        json!({ "title": "Passé", "starts_at": "2020-01-09T19:00" }),
    )
    .await;
    let past = past["id"].as_str().unwrap();
    let report = format!("/api/v1/meetups/{past}/report");
    let body = json!({ "title": "Compte-rendu", "body_markdown": "Bien.", "published": true });
    let (s, b) = app.put(&report, Some(&owner.token), body.clone()).await;
    ok(s, &b);
    // Saving a published report again is no new publication.
    let (s, b) = app.put(&report, Some(&owner.token), body).await;
    ok(s, &b);
    let scratch = create_meetup(
        &app,
        &owner.token,
        json!({ "title": "Doublon", "starts_at": "2030-12-10T19:00" }),
    )
    .await;
    let (s, b) = app
        .delete(
            &format!("/api/v1/meetups/{}", scratch["id"].as_str().unwrap()),
            Some(&owner.token),
        )
        .await;
    ok(s, &b);

    let list = entries(&app, &owner.token).await;
    let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
        v.iter()
            .map(|(a, l)| (a.to_string(), l.to_string()))
            .collect()
    };
    assert_eq!(
        actions(&list),
        pairs(&[
            ("meetup_deleted", "Doublon"),
            ("report_published", "Compte-rendu"),
            ("message_sent", "Assemblée"),
            ("talk_declined", "Maud"),
            ("talk_accepted", "Diesel"),
            ("meetup_reinstated", "Apéro"),
            ("meetup_cancelled", "Apéro"),
            ("ban_lifted", ""),
            ("member_banned", ""),
            ("member_removed", ""),
            ("role_changed", "member"),
            ("role_changed", "organiser"),
        ])
    );
    for e in &list {
        assert_eq!(e["actor_id"].as_str(), Some(owner.id.as_str()));
        assert_eq!(e["actor_name"], "Owner");
        assert!(e["at"].as_str().unwrap().ends_with('Z'));
    }
    let banned = &list[8];
    assert_eq!(
        (
            banned["target_kind"].as_str(),
            banned["target_id"].as_str(),
            banned["target_name"].as_str()
        ),
        (Some("user"), Some(other.id.as_str()), Some("Other"))
    );
    assert_eq!(list[0]["target_kind"], "meetup");
    assert_eq!(list[3]["target_id"].as_str(), Some(talk_ids[1].as_str()));

    // Paginated, newest first.
    let (_, page) = app
        .get(&format!("{AUDIT}?page=2&per_page=5"), Some(&owner.token))
        .await;
    assert_eq!(
        (
            page["page"].as_i64(),
            page["per_page"].as_i64(),
            page["total"].as_i64()
        ),
        (Some(2), Some(5), Some(12))
    );
    assert_eq!(
        actions(page["entries"].as_array().unwrap()),
        actions(&list[5..10])
    );

    // Organisers only.
    assert_eq!(
        app.get(AUDIT, Some(&member.token)).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.get(AUDIT, None).await.0, StatusCode::UNAUTHORIZED);
    let browser = app.new_browser();
    browser.login("member@example.org").await;
    assert_eq!(
        browser.page("/groups/grp/audit").await.0,
        StatusCode::FORBIDDEN
    );

    // The page, in the group's language, with the group page's link to it.
    let organiser = app.new_browser();
    organiser.login("owner@example.org").await;
    let (_, html) = organiser.page("/groups/grp").await;
    assert!(
        html.contains("/groups/grp/audit"),
        "linked from the organisers' tools"
    );
    let (status, html) = organiser.page("/groups/grp/audit").await;
    assert_eq!(status, StatusCode::OK);
    for text in [
        "Journal des actions",
        "A supprimé une rencontre",
        "Doublon",
        "A banni",
        "Other",
        "Owner",
    ] {
        assert!(html.contains(text), "{text}: {html}");
    }
    let (_, html) = organiser.page("/groups/grp/audit?lang=en").await;
    assert!(html.contains("Deleted a meetup"), "{html}");
}

/// An erased account stays in the log, as "deleted account" (never a name kept from before),
/// whether it acted or was acted upon; its entries are not deleted with it.
async fn a_deleted_account_shows_as_deleted_in_the_audit_log(app: TestApp) {
    let f = group_with_venue(&app).await;
    let (owner, member) = (&f.owner, &f.member);
    let removed = app.register("removed@example.org", "Rémi Retiré").await;
    for who in [member, &removed] {
        app.post("/api/v1/groups/grp/members", Some(&who.token), json!({}))
            .await;
    }
    let roles = |id: &str| format!("/api/v1/groups/grp/members/{id}");
    app.put(
        &roles(&member.id),
        Some(&owner.token),
        json!({ "role": "organiser" }),
    )
    .await;
    // The second organiser removes someone, then both accounts go.
    let (s, b) = app.delete(&roles(&removed.id), Some(&member.token)).await;
    ok(s, &b);
    for who in [member, &removed] {
        let (s, b) = app
            .send(
                reqwest::Method::DELETE,
                "/api/v1/me",
                Some(&who.token),
                Some(json!({ "password": "correct horse battery" })),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT, "{b}");
    }
    let list = entries(&app, &owner.token).await;
    assert_eq!(
        actions(&list),
        vec![
            ("member_removed".to_string(), String::new()),
            ("role_changed".to_string(), "organiser".to_string())
        ]
    );
    let removal = &list[0];
    assert_eq!(
        (
            removal["actor_name"].as_str(),
            removal["target_name"].as_str()
        ),
        (None, None)
    );
    assert_eq!(list[1]["target_name"], Value::Null);
    assert_eq!(list[1]["actor_name"], "Owner");
    let organiser = app.new_browser();
    organiser.login("owner@example.org").await;
    let (_, html) = organiser.page("/groups/grp/audit").await;
    assert!(html.contains("compte supprimé"), "{html}");
    assert!(!html.contains("Rémi") && !html.contains("Member"), "{html}");
}

/// A report published by importing a Pelican article is a publication too; importing it again
/// is not another.
async fn an_imported_report_is_a_publication_in_the_audit_log(app: TestApp) {
    let f = group_with_venue(&app).await;
    let article = include_bytes!("../../src/reports/testdata/premier-meetup.md");
    for _ in 0..2 {
        let (status, body) = crate::reports::import(&app, Some(&f.owner.token), article).await;
        assert!(status.is_success(), "{body}");
    }
    let list = entries(&app, &f.owner.token).await;
    let published: Vec<_> = actions(&list)
        .into_iter()
        .filter(|(action, _)| action == "report_published")
        .collect();
    assert_eq!(published.len(), 1, "{list:?}");
}

on_both_backends!(
    every_organiser_action_is_in_the_audit_log,
    a_deleted_account_shows_as_deleted_in_the_audit_log,
    an_imported_report_is_a_publication_in_the_audit_log,
);
