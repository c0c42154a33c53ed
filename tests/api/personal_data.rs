//! Taking one's data, and leaving for good: the API, `/account`, and what the others keep.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::groups::create_group;
use crate::helpers::{Backend, TestApp};
use crate::mail::{app_with_sink, deliver, now, to, WAIT};
use crate::meetups::create_meetup;
use crate::on_both_backends_with;
use crate::smtp_sink::SmtpSink;

async fn delete_me(app: &TestApp, token: &str, password: &str) -> (StatusCode, Value) {
    app.send(
        reqwest::Method::DELETE,
        "/api/v1/me",
        Some(token),
        Some(json!({ "password": password })),
    )
    .await
}

async fn export_then_delete_the_account(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    let owner = app.register("owner@example.org", "Owner").await;
    let leaving = app.register("leaving@example.org", "Léa Partante").await;
    let waiting = app.register("waiting@example.org", "Waiting").await;
    create_group(&app, &owner, "grp").await;
    let meetup = create_meetup(
        &app,
        &owner.token,
        json!({ "title": "Complet", "starts_at": "2030-12-03T19:00", "capacity": 1 }),
    )
    .await;
    let id = meetup["id"].as_str().unwrap();
    assert_eq!(
        app.rsvp(id, &leaving.token, "yes").await.1["status"],
        "going"
    );
    assert_eq!(
        app.rsvp(id, &waiting.token, "yes").await.1["status"],
        "waitlisted"
    );
    let talks = format!("/api/v1/meetups/{id}/talks");
    let talk =
        |title: &str| json!({ "title": title, "abstract": "Un résumé.", "duration_minutes": 20 });
    let (_, accepted) = app
        .post(&talks, Some(&leaving.token), talk("Acceptée"))
        .await;
    let (_, proposed) = app
        .post(&talks, Some(&leaving.token), talk("En attente"))
        .await;
    let accepted_path = format!("/api/v1/talks/{}", accepted["id"].as_str().unwrap());
    app.patch(
        &accepted_path,
        Some(&owner.token),
        json!({ "status": "accepted" }),
    )
    .await;
    let (_, suggestion) = app
        .post(
            "/api/v1/groups/grp/venue-suggestions",
            Some(&leaving.token),
            json!({ "name": "Le Bistrot", "address": "Place de Jaude" }),
        )
        .await;
    let vote = format!(
        "/api/v1/venue-suggestions/{}/vote",
        suggestion["id"].as_str().unwrap()
    );
    app.put(&vote, Some(&leaving.token), json!({})).await;
    let accepted_vote = format!("{accepted_path}/vote");
    app.put(&accepted_vote, Some(&leaving.token), json!({}))
        .await;

    // The export holds all of it.
    let (status, export) = app.get("/api/v1/me/export", Some(&leaving.token)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(export["profile"]["email"], "leaving@example.org");
    assert_eq!(export["memberships"][0]["group_slug"], "grp");
    assert_eq!(
        (
            export["rsvps"][0]["meetup_id"].as_str(),
            export["rsvps"][0]["status"].as_str()
        ),
        (Some(id), Some("going"))
    );
    assert_eq!(export["talks"].as_array().unwrap().len(), 2, "{export}");
    assert_eq!(export["venue_suggestions"][0]["name"], "Le Bistrot");
    assert_eq!(export["venue_votes"][0]["suggestion_name"], "Le Bistrot");
    assert_eq!(export["talk_votes"][0]["talk_title"], "Acceptée");

    // The last organiser hands over first; a wrong password deletes nothing.
    let (status, body) = delete_me(&app, &owner.token, "correct horse battery").await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("last_organiser"))
    );
    assert_eq!(
        delete_me(&app, &leaving.token, "not it").await.0,
        StatusCode::UNAUTHORIZED
    );
    deliver(&app, now()).await;
    let before = sink.received().len();
    assert_eq!(
        delete_me(&app, &leaving.token, "correct horse battery")
            .await
            .0,
        StatusCode::NO_CONTENT
    );

    // The seat went to the waitlist's head, who is told.
    let (_, rsvp) = app
        .get(&format!("/api/v1/meetups/{id}/rsvp"), Some(&waiting.token))
        .await;
    assert_eq!(rsvp["status"], "going");
    crate::rsvps::assert_tally_exact(&app, id).await;
    assert_eq!(deliver(&app, now()).await.sent, 1);
    let mails = sink.wait_for(before + 1, WAIT).await;
    assert_eq!(to(&mails[before..], "waiting@example.org").len(), 1);
    // The accepted talk stays under the name it was published with; the proposal is withdrawn.
    let (_, list) = app.get(&talks, Some(&owner.token)).await;
    let find = |talk: &Value| {
        list["talks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == talk["id"])
            .cloned()
            .unwrap()
    };
    assert_eq!(find(&accepted)["speaker_name"], "Léa Partante");
    assert_eq!(find(&accepted)["status"], "accepted");
    assert_eq!(find(&proposed)["status"], "withdrawn");
    assert_eq!(find(&accepted)["votes"], 0, "votes go with the account");
    let (_, suggestions) = app.get("/api/v1/groups/grp/venue-suggestions", None).await;
    assert_eq!(suggestions["suggestions"][0]["votes"], 0);
    // Nothing signs in as that account any more; its address is free.
    assert_eq!(
        app.get("/api/v1/me", Some(&leaving.token)).await.0,
        StatusCode::UNAUTHORIZED
    );
    let (status, _) = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({ "email": "leaving@example.org", "password": "correct horse battery" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    app.register("leaving@example.org", "Léa again").await;
}

async fn the_account_page_exports_and_deletes(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    app.register("carla@example.org", "Carla").await;
    let browser = app.new_browser();
    browser.login("carla@example.org").await;
    let response = browser
        .client
        .get(browser.url("/account/export"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    let export: Value = response.json().await.unwrap();
    assert_eq!(export["profile"]["name"], "Carla");
    let response = browser
        .submit_form(
            "/account/delete",
            "/account/delete",
            &[("password", "not it")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("id=\"password-error\""));
    let response = browser
        .submit_form(
            "/account/delete",
            "/account/delete",
            &[("password", "correct horse battery")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, home) = browser.page("/").await;
    assert!(
        home.contains("Your account is deleted") || home.contains("Votre compte est supprimé"),
        "{home}"
    );
    assert_eq!(browser.page("/account").await.0, StatusCode::SEE_OTHER);
}

/// What the database still holds of a person, by their id, address and name: (mails to
/// them, mails naming them, e-mail changes, reset links, reset requests, sign-in records,
/// non-accepted proposals carrying a speaker name).
async fn residue(app: &TestApp, id: &str, email: &str, name: &str) -> [i64; 7] {
    use diesel::prelude::*;
    use rendezvous::db::schema::{
        email_changes, login_failures, outbox, password_reset_requests, password_resets, talks,
    };
    use rendezvous::domain::talk::TalkStatus;
    let (id, email, name) = (id.to_string(), email.to_string(), name.to_string());
    app.db
        .run(move |conn| {
            let mentions = format!("%{name}%");
            Ok([
                outbox::table
                    .filter(outbox::user_id.eq(&id).or(outbox::to_email.eq(&email)))
                    .count()
                    .get_result(conn)?,
                outbox::table
                    .filter(
                        outbox::subject
                            .like(&mentions)
                            .or(outbox::body_text.like(&mentions))
                            .or(outbox::body_html.like(&mentions))
                            .or(outbox::body_text.like(format!("%{email}%"))),
                    )
                    .count()
                    .get_result(conn)?,
                email_changes::table
                    .filter(email_changes::user_id.eq(&id))
                    .count()
                    .get_result(conn)?,
                password_resets::table
                    .filter(password_resets::user_id.eq(&id))
                    .count()
                    .get_result(conn)?,
                password_reset_requests::table
                    .filter(password_reset_requests::email.eq(&email))
                    .count()
                    .get_result(conn)?,
                login_failures::table
                    .filter(login_failures::email.eq(&email))
                    .count()
                    .get_result(conn)?,
                talks::table
                    .filter(talks::proposer_id.eq(&id))
                    .filter(talks::status.ne(TalkStatus::Accepted))
                    .filter(talks::speaker_name.is_not_null())
                    .count()
                    .get_result(conn)?,
            ])
        })
        .await
        .unwrap()
}

/// After `DELETE /api/v1/me` nothing names the person but what the README keeps (an accepted
/// talk's published speaker name): not the mails sent to them or naming them (an organiser's
/// notice of their proposal), their changes of address, reset links and requests, sign-in
/// records, nor the speaker name of a withdrawn proposal. Before, the export lists what the
/// account holds of these: its pending change of address and its mails.
async fn erasure_leaves_no_residue_and_the_export_lists_mails_and_pending_changes(
    backend: Backend,
) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    let (email, name, password) = (
        "leaving@example.org",
        "Léa Partante",
        "correct horse battery",
    );
    let owner = app.register("owner@example.org", "Owner").await;
    let leaving = app.register(email, name).await;
    create_group(&app, &owner, "grp").await;
    let meetup = create_meetup(
        &app,
        &owner.token,
        json!({ "title": "Rencontre", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let id = meetup["id"].as_str().unwrap();
    app.rsvp(id, &leaving.token, "yes").await;
    // A proposal the organisers hear of by name (withdrawn when the account goes), and one
    // withdrawn under a chosen speaker name.
    let talks = format!("/api/v1/meetups/{id}/talks");
    let (status, _) = app
        .post(
            &talks,
            Some(&leaving.token),
            json!({ "title": "Proposée", "abstract": "Un résumé.", "duration_minutes": 20 }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, talk) = app
        .post(
            &talks,
            Some(&leaving.token),
            json!({ "title": "Retirée", "abstract": "Un résumé.", "duration_minutes": 20,
                    "speaker_name": "Léa P." }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{talk}");
    let (status, _) = app
        .delete(
            &format!("/api/v1/talks/{}", talk["id"].as_str().unwrap()),
            Some(&leaving.token),
        )
        .await;
    assert!(status.is_success(), "{status}");
    let (status, _) = app
        .post(
            "/api/v1/me/email",
            Some(&leaving.token),
            json!({ "email": "moving@example.org", "password": password }),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    app.post(
        "/api/v1/auth/password-reset",
        None,
        json!({ "email": email }),
    )
    .await;
    app.post(
        "/api/v1/auth/login",
        None,
        json!({ "email": email, "password": "a wrong guess" }),
    )
    .await;
    deliver(&app, now()).await;

    let (status, export) = app.get("/api/v1/me/export", Some(&leaving.token)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        export["pending_email_changes"][0]["new_email"], "moving@example.org",
        "{export}"
    );
    assert!(export["pending_email_changes"][0]["expires_at"].is_string());
    let kinds: Vec<&str> = export["mails"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["kind"].as_str().unwrap())
        .collect();
    for kind in [
        "rsvp_going",
        "email_change_confirm",
        "email_change_notice",
        "password_reset",
    ] {
        assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
    }
    assert!(export["mails"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["to_email"] == "moving@example.org" && m["status"] == "sent"));
    // The organisers' notice names the person; so does the database, everywhere checked.
    let notices = to(&sink.received(), "owner@example.org");
    assert!(notices.iter().any(|m| m.data.contains("Partante")));
    assert!(
        residue(&app, &leaving.id, email, name)
            .await
            .iter()
            .all(|&n| n > 0),
        "the test sees what it checks"
    );

    assert_eq!(
        delete_me(&app, &leaving.token, password).await.0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(residue(&app, &leaving.id, email, name).await, [0; 7]);
    assert_eq!(residue(&app, &leaving.id, email, "Léa P.").await[1], 0);
    let erased = format!("deleted-{}@deleted.invalid", leaving.id);
    assert_eq!(residue(&app, &leaving.id, &erased, name).await[..2], [0, 0]);
}

/// Defect 1 of issue 30: the two organisers of a group delete their accounts at the same
/// instant. The last-organiser check runs under the group's lock in the deletion's own
/// transaction, so in every group exactly one of them goes (204) and the other is told they are
/// the last organiser (409); no group is left without one.
async fn two_organisers_deleting_their_accounts_at_once_leave_one(backend: Backend) {
    let Some(app) = crate::helpers::spawn_app(backend).await else {
        return;
    };
    for round in 0..10 {
        let first = app
            .register(&format!("first{round}@example.org"), "First")
            .await;
        let second = app
            .register(&format!("second{round}@example.org"), "Second")
            .await;
        let slug = format!("race{round}");
        create_group(&app, &first, &slug).await;
        app.post(
            &format!("/api/v1/groups/{slug}/members"),
            Some(&second.token),
            json!({}),
        )
        .await;
        let (status, _) = app
            .put(
                &format!("/api/v1/groups/{slug}/members/{}", second.id),
                Some(&first.token),
                json!({ "role": "organiser" }),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        let password = "correct horse battery";
        let (a, b) = tokio::join!(
            delete_me(&app, &first.token, password),
            delete_me(&app, &second.token, password)
        );
        let mut statuses = [a.0, b.0];
        statuses.sort();
        assert_eq!(
            statuses,
            [StatusCode::NO_CONTENT, StatusCode::CONFLICT],
            "round {round}: {a:?} {b:?}"
        );
        let refused = if a.0 == StatusCode::CONFLICT {
            a.1
        } else {
            b.1
        };
        assert_eq!(refused["error"]["code"], "last_organiser");
        let (_, members) = app
            .get(
                &format!("/api/v1/groups/{slug}/members"),
                Some(if a.0 == StatusCode::CONFLICT {
                    &first.token
                } else {
                    &second.token
                }),
            )
            .await;
        let organisers = members["members"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["role"] == "organiser")
            .count();
        assert_eq!(organisers, 1, "round {round}: {members}");
    }
}

on_both_backends_with!(
    export_then_delete_the_account,
    the_account_page_exports_and_deletes,
    erasure_leaves_no_residue_and_the_export_lists_mails_and_pending_changes,
    two_organisers_deleting_their_accounts_at_once_leave_one
);
