//! A group's code of conduct: where to read it and whom to tell of an incident, on the group's
//! and meetups' pages and in announcements; accepted (and timestamped) when the group requires
//! it, before joining or a first answer.

use chrono::{Duration, Utc};
use rendezvous::domain::ids::{MeetupId, UserId};
use rendezvous::mail::answer_links::{AnswerLink, LinkAction};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::groups::create_group;
use crate::helpers::{Backend, TestApp};
use crate::mail::{app_with_sink, deliver, now, to, WAIT};
use crate::meetups::{create_meetup, group_with_venue};
use crate::smtp_sink::SmtpSink;
use crate::{on_both_backends, on_both_backends_with};

const COC: &str = "https://example.org/code-of-conduct";

async fn set_conduct(app: &TestApp, token: &str, require: bool) -> Value {
    let (status, group) = app
        .patch(
            "/api/v1/groups/grp",
            Some(token),
            json!({
                "code_of_conduct_url": COC,
                "incident_contact": "conduct@example.org",
                "require_code_of_conduct": require,
            }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{group}");
    group
}

async fn code_of_conduct_settings_round_trip_and_are_validated(app: TestApp) {
    let f = group_with_venue(&app).await;
    let (_, group) = app.get("/api/v1/groups/grp", None).await;
    assert_eq!(
        (
            &group["code_of_conduct_url"],
            &group["incident_contact"],
            &group["require_code_of_conduct"]
        ),
        (&Value::Null, &Value::Null, &json!(false))
    );
    // The group page, cached for anonymous visitors, shows nothing of it yet.
    let (_, html) = app.new_browser().page("/groups/grp").await;
    assert!(!html.contains("Code de conduite"));
    let meetup = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Apéro", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let meetup_page = format!("/groups/grp/meetups/{}", meetup["id"].as_str().unwrap());
    let (_, html) = app.new_browser().page(&meetup_page).await;
    assert!(!html.contains("Code de conduite"));

    // Members cannot set it; organisers can, and read it back.
    let (status, _) = app
        .patch(
            "/api/v1/groups/grp",
            Some(&f.member.token),
            json!({ "code_of_conduct_url": COC }),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let group = set_conduct(&app, &f.owner.token, true).await;
    assert_eq!(group["code_of_conduct_url"], COC);
    assert_eq!(group["incident_contact"], "conduct@example.org");
    assert_eq!(group["require_code_of_conduct"], true);
    let (_, group) = app.get("/api/v1/groups/grp", None).await;
    assert_eq!(group["code_of_conduct_url"], COC);
    // Another change keeps it.
    let (_, group) = app
        .patch(
            "/api/v1/groups/grp",
            Some(&f.owner.token),
            json!({ "name": "Renamed" }),
        )
        .await;
    assert_eq!(group["incident_contact"], "conduct@example.org");

    // Both pages show it at once (their cached copies are not served stale).
    for path in ["/groups/grp", meetup_page.as_str()] {
        let (status, html) = app.new_browser().page(path).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("Code de conduite"), "{path}");
        assert!(html.contains(&format!("href=\"{COC}\"")), "{path}");
        assert!(html.contains("Signaler un incident\u{202f}:"), "{path}");
        assert!(
            html.contains("href=\"mailto:conduct@example.org\""),
            "{path}"
        );
    }

    // Refused values name their field and change nothing.
    for (patch, field) in [
        (
            json!({ "code_of_conduct_url": "javascript:alert(1)" }),
            "code_of_conduct_url",
        ),
        (
            json!({ "code_of_conduct_url": "ftp://example.org/coc" }),
            "code_of_conduct_url",
        ),
        (
            json!({ "incident_contact": "x".repeat(201) }),
            "incident_contact",
        ),
        (json!({ "incident_contact": "a\u{7}b" }), "incident_contact"),
    ] {
        let (status, body) = app
            .patch("/api/v1/groups/grp", Some(&f.owner.token), patch)
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["error"]["code"], "validation_failed");
        assert_eq!(body["error"]["field"], field);
    }
    let (_, group) = app.get("/api/v1/groups/grp", None).await;
    assert_eq!(group["code_of_conduct_url"], COC);

    // A short text is a contact too (no mailto link then); null clears the address.
    let (status, group) = app
        .patch(
            "/api/v1/groups/grp",
            Some(&f.owner.token),
            json!({ "incident_contact": "Ask Zoë at the bar", "code_of_conduct_url": null }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(group["code_of_conduct_url"], Value::Null);
    let (_, html) = app.new_browser().page("/groups/grp").await;
    assert!(html.contains("Ask Zoë at the bar"));
    assert!(!html.contains(COC));
}

on_both_backends!(code_of_conduct_settings_round_trip_and_are_validated);

async fn members_list(app: &TestApp, token: &str) -> Vec<Value> {
    let (status, body) = app.get("/api/v1/groups/grp/members", Some(token)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["members"].as_array().unwrap().clone()
}

fn accepted_at<'a>(members: &'a [Value], user_id: &str) -> Option<&'a Value> {
    members
        .iter()
        .find(|m| m["user_id"] == user_id)
        .and_then(|m| m.get("code_of_conduct_accepted_at"))
}

async fn joining_and_a_first_answer_ask_for_the_code_when_required(app: TestApp) {
    let f = group_with_venue(&app).await;
    // The member joined before the group asked for anything.
    app.post(
        "/api/v1/groups/grp/members",
        Some(&f.member.token),
        json!({}),
    )
    .await;
    let meetup = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Apéro", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let id = meetup["id"].as_str().unwrap();
    let rsvp = format!("/api/v1/meetups/{id}/rsvp");
    // Without a URL, "require" asks nothing.
    let (_, group) = app
        .patch(
            "/api/v1/groups/grp",
            Some(&f.owner.token),
            json!({ "require_code_of_conduct": true }),
        )
        .await;
    assert_eq!(group["require_code_of_conduct"], true);
    let early = app.register("early@example.org", "Early").await;
    let (status, _) = app
        .post("/api/v1/groups/grp/members", Some(&early.token), json!({}))
        .await;
    assert_eq!(status, StatusCode::OK);

    set_conduct(&app, &f.owner.token, true).await;
    // A newcomer joining without accepting: refused, and not a member.
    let newcomer = app.register("new@example.org", "Newcomer").await;
    for body in [json!({}), json!({ "accept_code_of_conduct": false })] {
        let (status, body) = app
            .post("/api/v1/groups/grp/members", Some(&newcomer.token), body)
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["error"]["code"], "validation_failed");
        assert_eq!(body["error"]["field"], "accept_code_of_conduct");
    }
    // No body at all reads as not accepting.
    let response = app
        .api
        .post(app.url("/api/v1/groups/grp/members"))
        .bearer_auth(&newcomer.token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let members = members_list(&app, &f.owner.token).await;
    assert!(members.iter().all(|m| m["user_id"] != newcomer.id.as_str()));
    let (status, body) = app
        .post(
            "/api/v1/groups/grp/members",
            Some(&newcomer.token),
            json!({ "accept_code_of_conduct": true }),
        )
        .await;
    assert_eq!((status, &body["role"]), (StatusCode::OK, &json!("member")));
    // Joining again asks nothing more.
    let (status, _) = app
        .post(
            "/api/v1/groups/grp/members",
            Some(&newcomer.token),
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);

    // A member who never accepted is asked at their first answer.
    let (status, body) = app
        .put(&rsvp, Some(&f.member.token), json!({ "answer": "yes" }))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["field"], "accept_code_of_conduct");
    assert_eq!(
        app.get(&rsvp, Some(&f.member.token)).await.0,
        StatusCode::NOT_FOUND
    );
    let (status, body) = app
        .put(
            &rsvp,
            Some(&f.member.token),
            json!({ "answer": "yes", "accept_code_of_conduct": true }),
        )
        .await;
    assert_eq!((status, &body["status"]), (StatusCode::OK, &json!("going")));
    // Then never again.
    let (status, _) = app
        .put(
            &rsvp,
            Some(&f.member.token),
            json!({ "answer": "yes", "guests": 1 }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    // Someone new answering joins only by accepting; organisers set the code and are not asked.
    let walk_in = app.register("walkin@example.org", "Walk-in").await;
    let (status, _) = app
        .put(&rsvp, Some(&walk_in.token), json!({ "answer": "yes" }))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let members = members_list(&app, &f.owner.token).await;
    assert!(members.iter().all(|m| m["user_id"] != walk_in.id.as_str()));
    let (status, _) = app
        .put(&rsvp, Some(&f.owner.token), json!({ "answer": "yes" }))
        .await;
    assert_eq!(status, StatusCode::OK);

    // Organisers read when each member accepted; members do not.
    let members = members_list(&app, &f.owner.token).await;
    for who in [&newcomer.id, &f.member.id] {
        let at = accepted_at(&members, who)
            .expect("accepted")
            .as_str()
            .unwrap();
        let at = chrono::DateTime::parse_from_rfc3339(at).unwrap();
        assert!((Utc::now() - at.with_timezone(&Utc)).num_minutes() < 5);
    }
    assert_eq!(accepted_at(&members, &early.id), None);
    let seen_by_member = members_list(&app, &f.member.token).await;
    assert!(seen_by_member
        .iter()
        .all(|m| m.get("code_of_conduct_accepted_at").is_none()));

    // The member's export says when they accepted.
    let (status, export) = app.get("/api/v1/me/export", Some(&f.member.token)).await;
    assert_eq!(status, StatusCode::OK);
    let membership = export["memberships"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["group_slug"] == "grp")
        .unwrap()
        .clone();
    assert_eq!(
        Some(&membership["code_of_conduct_accepted_at"]),
        accepted_at(&members, &f.member.id)
    );
    let (_, export) = app.get("/api/v1/me/export", Some(&early.token)).await;
    assert_eq!(
        export["memberships"][0]["code_of_conduct_accepted_at"],
        Value::Null
    );
}

on_both_backends!(joining_and_a_first_answer_ask_for_the_code_when_required);

/// Proposing a talk or suggesting a venue makes one a member too: a newcomer is asked to join
/// first, accepting the code; a member is not asked again.
async fn proposals_and_suggestions_do_not_join_past_the_code(app: TestApp) {
    let f = group_with_venue(&app).await;
    set_conduct(&app, &f.owner.token, true).await;
    let newcomer = app.register("new@example.org", "Newcomer").await;
    let talk = json!({ "title": "Diesel", "abstract": "a", "duration_minutes": 10 });
    let place = json!({ "name": "Bar", "address": "Vichy" });
    for (path, body) in [
        ("/api/v1/groups/grp/talks", &talk),
        ("/api/v1/groups/grp/venue-suggestions", &place),
    ] {
        let (status, error) = app.post(path, Some(&newcomer.token), body.clone()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{path}: {error}");
        assert_eq!(error["error"]["field"], "accept_code_of_conduct");
    }
    let members = members_list(&app, &f.owner.token).await;
    assert!(members.iter().all(|m| m["user_id"] != newcomer.id.as_str()));
    let accept = json!({ "accept_code_of_conduct": true });
    app.post("/api/v1/groups/grp/members", Some(&newcomer.token), accept)
        .await;
    for (path, body) in [
        ("/api/v1/groups/grp/talks", &talk),
        ("/api/v1/groups/grp/venue-suggestions", &place),
    ] {
        let (status, body) = app.post(path, Some(&newcomer.token), body.clone()).await;
        assert_eq!(status, StatusCode::CREATED, "{path}: {body}");
    }
}

on_both_backends!(proposals_and_suggestions_do_not_join_past_the_code);

async fn the_pages_ask_for_the_code_with_a_box(app: TestApp) {
    let f = group_with_venue(&app).await;
    set_conduct(&app, &f.owner.token, true).await;
    let meetup = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Apéro", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let id = meetup["id"].as_str().unwrap();
    let page = format!("/groups/grp/meetups/{id}");

    // Joining from the group page: the box is there, and needed.
    let alice = app.new_browser();
    alice.register("alice@example.org", "Alice").await;
    let (_, html) = alice.page("/groups/grp").await;
    assert!(html.contains("name=\"accept_code_of_conduct\""));
    let response = alice
        .submit_form("/groups/grp", "/groups/grp/join", &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = alice.page("/groups/grp").await;
    assert!(html.contains("accepter son code de conduite"), "{html}");
    assert!(html.contains("name=\"accept_code_of_conduct\""));
    let response = alice
        .submit_form(
            "/groups/grp",
            "/groups/grp/join",
            &[("accept_code_of_conduct", "yes")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = alice.page("/groups/grp").await;
    assert!(!html.contains("name=\"accept_code_of_conduct\""));

    // Answering from the meetup page: someone new sees the box and cannot go without it.
    let bob = app.new_browser();
    bob.register("bob@example.org", "Bob").await;
    let (_, html) = bob.page(&page).await;
    assert!(html.contains("name=\"accept_code_of_conduct\""));
    let rsvp = format!("{page}/rsvp");
    bob.submit_form(&page, &rsvp, &[("answer", "yes"), ("guests", "0")])
        .await;
    let (_, html) = bob.page(&page).await;
    assert!(!html.contains("Vous participez."), "{html}");
    bob.submit_form(
        &page,
        &rsvp,
        &[
            ("answer", "yes"),
            ("guests", "0"),
            ("accept_code_of_conduct", "yes"),
        ],
    )
    .await;
    let (_, html) = bob.page(&page).await;
    assert!(html.contains("Vous participez."), "{html}");
    assert!(!html.contains("name=\"accept_code_of_conduct\""));

    // A one-click "I'm going" from a mail opens the page with the box instead of answering.
    let sign = |user: &str| {
        AnswerLink {
            meetup_id: MeetupId::from(id),
            user_id: UserId::from(user),
            action: LinkAction::Going,
            expires: (Utc::now() + Duration::days(30)).naive_utc(),
        }
        .sign(&app.settings.secret_key)
    };
    let link = format!("/r/{}", sign(&f.member.id));
    let visitor = app.new_browser();
    let (status, html) = visitor.page(&link).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("name=\"accept_code_of_conduct\""));
    assert!(html.contains(COC));
    let response = visitor.submit_form(&link, &link, &[]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("name=\"accept_code_of_conduct\""));
    let rsvp_api = format!("/api/v1/meetups/{id}/rsvp");
    assert_eq!(
        app.get(&rsvp_api, Some(&f.member.token)).await.0,
        StatusCode::NOT_FOUND
    );
    let response = visitor
        .submit_form(&link, &link, &[("accept_code_of_conduct", "yes")])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let (_, own) = app.get(&rsvp_api, Some(&f.member.token)).await;
    assert_eq!(own["status"], "going");
    // Accepted once, the next link asks nothing.
    let (_, html) = visitor.page(&link).await;
    assert!(!html.contains("name=\"accept_code_of_conduct\""));

    // Organisers see when members accepted on the members page, and set it all in the form.
    let owner = app.new_browser();
    owner.login("owner@example.org").await;
    let (status, html) = owner.page("/groups/grp/members").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Code de conduite accepté"));
    assert!(html.contains("class=\"conduct-accepted\""));
    let (_, html) = owner.page("/groups/grp/edit").await;
    assert!(html.contains(&format!("value=\"{COC}\"")));
    let response = owner
        .submit_form(
            "/groups/grp/edit",
            "/groups/grp/edit",
            &[
                ("name", "DjangAuvergne"),
                ("timezone", "Europe/Paris"),
                ("locale", "fr"),
                ("attendee_visibility", "members"),
                ("code_of_conduct_url", "not a url"),
                ("incident_contact", "Zoë"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let response = owner
        .submit_form(
            "/groups/grp/edit",
            "/groups/grp/edit",
            &[
                ("name", "DjangAuvergne"),
                ("timezone", "Europe/Paris"),
                ("locale", "fr"),
                ("attendee_visibility", "members"),
                ("code_of_conduct_url", "https://example.org/coc-2"),
                ("incident_contact", "Zoë"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, group) = app.get("/api/v1/groups/grp", None).await;
    assert_eq!(
        (
            &group["code_of_conduct_url"],
            &group["incident_contact"],
            &group["require_code_of_conduct"]
        ),
        (
            &json!("https://example.org/coc-2"),
            &json!("Zoë"),
            &json!(false)
        )
    );
}

on_both_backends!(the_pages_ask_for_the_code_with_a_box);

async fn announcements_carry_the_code_and_the_incident_contact(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    let owner = app.register("owner@example.org", "Owner").await;
    create_group(&app, &owner, "grp").await;
    let english = app.register("en@example.org", "English").await;
    let (status, body) = app
        .post(
            "/api/v1/auth/register",
            None,
            json!({ "email": "fr@example.org", "name": "Français", "password": "correct horse battery", "locale": "fr" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let french = body["token"].as_str().unwrap().to_string();
    set_conduct(&app, &owner.token, true).await;
    for token in [&english.token, &french] {
        let (status, _) = app
            .post(
                "/api/v1/groups/grp/members",
                Some(token),
                json!({ "accept_code_of_conduct": true }),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
    }
    create_meetup(
        &app,
        &owner.token,
        json!({ "title": "Annoncée", "starts_at": "2030-12-03T19:00", "announce": true }),
    )
    .await;
    deliver(&app, now()).await;
    let mails = sink.wait_for(3, WAIT).await;
    let text = |m: &crate::smtp_sink::ReceivedMail| m.data.replace("=\r\n", "").replace("=3D", "=");
    let en = text(&to(&mails, "en@example.org").pop().expect("announced"));
    let fr = text(&to(&mails, "fr@example.org").pop().expect("announced"));
    for (mail, label, contact) in [
        (
            &en,
            "Code of conduct: ",
            "Report an incident: conduct@example.org",
        ),
        (&fr, "Code de conduite", "Signaler un incident"),
    ] {
        assert!(mail.contains("text/plain") && mail.contains("text/html"));
        // In the text part, and as a link in the HTML part.
        assert!(mail.contains(label), "{mail}");
        assert!(mail.contains(COC), "{mail}");
        assert!(mail.contains(&format!("href=\"{COC}\"")), "{mail}");
        assert!(mail.contains(contact), "{mail}");
        assert!(mail.contains("conduct@example.org"), "{mail}");
    }
}

on_both_backends_with!(announcements_carry_the_code_and_the_incident_contact);
