use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{Registered, TestApp};
use crate::meetups::{create_meetup, group_with_venue, Fixture};
use crate::on_both_backends;

/// The group "grp" (owner organiser), a meetup at 19:00 Paris (18:00Z), and a third user.
async fn setup(app: &TestApp) -> (Fixture, Registered, String) {
    let f = group_with_venue(app).await;
    let stranger = app.register("stranger@example.org", "Stranger").await;
    let meetup = create_meetup(
        app,
        &f.owner.token,
        json!({ "title": "Talks night", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    (f, stranger, meetup["id"].as_str().unwrap().to_string())
}

pub async fn propose(
    app: &TestApp,
    meetup: &str,
    who: &Registered,
    title: &str,
    minutes: i64,
) -> Value {
    let (status, body) = app
        .post(
            &format!("/api/v1/meetups/{meetup}/talks"),
            Some(&who.token),
            json!({ "title": title, "abstract": format!("About {title}"), "duration_minutes": minutes }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_string()
}

async fn list(app: &TestApp, meetup: &str, who: Option<&Registered>) -> Vec<Value> {
    let (status, body) = app
        .get(
            &format!("/api/v1/meetups/{meetup}/talks"),
            who.map(|w| w.token.as_str()),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["talks"].as_array().unwrap().clone()
}

fn titles(list: &[Value]) -> Vec<String> {
    list.iter()
        .map(|t| t["title"].as_str().unwrap().to_string())
        .collect()
}

/// `(title, position, starts_at)` of each listed talk.
fn programme(list: &[Value]) -> Vec<(String, i64, String)> {
    list.iter()
        .filter(|t| t["status"] == "accepted")
        .map(|t| {
            (
                t["title"].as_str().unwrap().to_string(),
                t["position"].as_i64().unwrap(),
                t["starts_at"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

async fn patch_talk(
    app: &TestApp,
    talk: &str,
    who: &Registered,
    body: Value,
) -> (StatusCode, Value) {
    app.patch(&format!("/api/v1/talks/{talk}"), Some(&who.token), body)
        .await
}

async fn decide(app: &TestApp, talk: &str, who: &Registered, body: Value) -> Value {
    let (status, body) = patch_talk(app, talk, who, body).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

fn assert_error(status: StatusCode, body: &Value, expected: StatusCode, code: &str) {
    assert_eq!(status, expected, "{body}");
    assert_eq!(body["error"]["code"], code, "{body}");
}

async fn anyone_signed_in_proposes_and_sees_their_own(app: TestApp) {
    let (f, stranger, meetup) = setup(&app).await;
    let path = format!("/api/v1/meetups/{meetup}/talks");
    let input = json!({ "title": "Diesel", "abstract": "Two backends", "duration_minutes": 20 });
    let (status, body) = app.post(&path, None, input.clone()).await;
    assert_error(status, &body, StatusCode::UNAUTHORIZED, "unauthorized");

    let talk = propose(&app, &meetup, &f.member, "Diesel", 20).await;
    let expected = json!({
        "id": talk["id"], "meetup_id": meetup, "title": "Diesel", "abstract": "About Diesel",
        "duration_minutes": 20, "speaker_name": null, "status": "proposed", "position": null,
        "links": [], "votes": 0, "voted": false,
    });
    assert_eq!(talk, expected);
    let (_, members) = app
        .get("/api/v1/groups/grp/members", Some(&f.owner.token))
        .await;
    assert!(
        members["members"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["user_id"] == f.member.id.as_str() && m["role"] == "member"),
        "proposing joins the group: {members}"
    );

    let (status, with_speaker) = app
        .post(
            &path,
            Some(&stranger.token),
            json!({ "title": "Maud", "abstract": "HTML", "duration_minutes": 30, "speaker_name": "Ada" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(with_speaker["speaker_name"], "Ada");

    for (body, field) in [
        (json!({ "abstract": "A", "duration_minutes": 20 }), "title"),
        (
            json!({ "title": " ", "abstract": "A", "duration_minutes": 20 }),
            "title",
        ),
        (json!({ "title": "T", "duration_minutes": 20 }), "abstract"),
        (json!({ "title": "T", "abstract": "A" }), "duration_minutes"),
        (
            json!({ "title": "T", "abstract": "A", "duration_minutes": 4 }),
            "duration_minutes",
        ),
        (
            json!({ "title": "T", "abstract": "A", "duration_minutes": 121 }),
            "duration_minutes",
        ),
    ] {
        let (status, err) = app.post(&path, Some(&f.member.token), body.clone()).await;
        assert_error(
            status,
            &err,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        );
        assert_eq!(err["error"]["field"], field, "{body}");
    }
    let (status, err) = app
        .post(
            &path,
            Some(&f.member.token),
            json!({ "title": "T", "abstract": "A", "duration_minutes": "ten" }),
        )
        .await;
    assert_error(status, &err, StatusCode::BAD_REQUEST, "invalid_json");
    let unknown = format!("/api/v1/meetups/{}/talks", uuid::Uuid::new_v4());
    let (status, err) = app.post(&unknown, Some(&f.member.token), input).await;
    assert_error(status, &err, StatusCode::NOT_FOUND, "not_found");
    let (status, _) = app.get(&unknown, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    assert!(
        list(&app, &meetup, None).await.is_empty(),
        "anonymous: accepted only"
    );
    assert_eq!(
        titles(&list(&app, &meetup, Some(&f.member)).await),
        ["Diesel"]
    );
    assert_eq!(
        titles(&list(&app, &meetup, Some(&stranger)).await),
        ["Maud"]
    );
    assert_eq!(
        titles(&list(&app, &meetup, Some(&f.owner)).await),
        ["Diesel", "Maud"],
        "organisers see every proposal, oldest first"
    );
}

async fn proposer_edits_only_while_proposed(app: TestApp) {
    let (f, stranger, meetup) = setup(&app).await;
    let talk = id(&propose(&app, &meetup, &f.member, "Diesel", 20).await);
    let edited = decide(
        &app,
        &talk,
        &f.member,
        json!({ "title": "Diesel 2.3", "abstract": "MultiConnection", "duration_minutes": 25, "speaker_name": "Bob" }),
    )
    .await;
    assert_eq!(edited["title"], "Diesel 2.3");
    assert_eq!(edited["abstract"], "MultiConnection");
    assert_eq!(edited["duration_minutes"], 25);
    assert_eq!(edited["speaker_name"], "Bob");
    assert_eq!(edited["status"], "proposed");

    let (status, err) = app
        .patch(
            &format!("/api/v1/talks/{talk}"),
            None,
            json!({ "title": "x" }),
        )
        .await;
    assert_error(status, &err, StatusCode::UNAUTHORIZED, "unauthorized");
    for who in [&stranger, &f.owner] {
        let (status, err) = patch_talk(&app, &talk, who, json!({ "title": "Hijacked" })).await;
        assert_error(status, &err, StatusCode::FORBIDDEN, "forbidden");
    }
    let (status, err) = patch_talk(&app, &talk, &stranger, json!({ "status": "nonsense" })).await;
    assert_error(status, &err, StatusCode::FORBIDDEN, "forbidden");
    let (status, err) = patch_talk(
        &app,
        &uuid::Uuid::new_v4().to_string(),
        &f.member,
        json!({ "title": "x" }),
    )
    .await;
    assert_error(status, &err, StatusCode::NOT_FOUND, "not_found");
    for (body, field) in [
        (json!({ "duration_minutes": 200 }), "duration_minutes"),
        (json!({ "title": "" }), "title"),
        (json!({ "abstract": "" }), "abstract"),
    ] {
        let (status, err) = patch_talk(&app, &talk, &f.member, body.clone()).await;
        assert_error(
            status,
            &err,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        );
        assert_eq!(err["error"]["field"], field, "{body}");
    }
    let (status, err) = patch_talk(&app, &talk, &f.member, json!({ "status": "accepted" })).await;
    assert_error(status, &err, StatusCode::FORBIDDEN, "forbidden");
    let cleared = decide(&app, &talk, &f.member, json!({ "speaker_name": null })).await;
    assert_eq!(cleared["speaker_name"], Value::Null);
    assert_eq!(
        cleared["title"], "Diesel 2.3",
        "absent fields keep their value"
    );

    decide(&app, &talk, &f.owner, json!({ "status": "accepted" })).await;
    let (status, err) = patch_talk(&app, &talk, &f.member, json!({ "title": "Late" })).await;
    assert_error(status, &err, StatusCode::CONFLICT, "already_decided");
    let (_, fetched) = app
        .get(&format!("/api/v1/meetups/{meetup}/talks"), None)
        .await;
    assert_eq!(fetched["talks"][0]["title"], "Diesel 2.3");
}

async fn programme_order_and_running_start_times(app: TestApp) {
    let (f, stranger, meetup) = setup(&app).await;
    let a = id(&propose(&app, &meetup, &f.member, "A", 20).await);
    let b = id(&propose(&app, &meetup, &stranger, "B", 30).await);
    let c = id(&propose(&app, &meetup, &f.member, "C", 10).await);
    let d = id(&propose(&app, &meetup, &stranger, "D", 15).await);

    let accepted = decide(&app, &a, &f.owner, json!({ "status": "accepted" })).await;
    assert_eq!(accepted["status"], "accepted");
    assert_eq!(accepted["position"], 1);
    assert_eq!(accepted["starts_at"], "2030-12-03T18:00:00Z");
    let b_first = decide(
        &app,
        &b,
        &f.owner,
        json!({ "status": "accepted", "position": 1 }),
    )
    .await;
    assert_eq!(b_first["position"], 1);
    let c_last = decide(&app, &c, &f.owner, json!({ "status": "accepted" })).await;
    assert_eq!(
        c_last["position"], 3,
        "accepting without a position appends"
    );
    assert_eq!(c_last["starts_at"], "2030-12-03T18:50:00Z");

    let expected = |rows: &[(&str, i64, &str)]| -> Vec<(String, i64, String)> {
        rows.iter()
            .map(|(t, p, s)| (t.to_string(), *p, s.to_string()))
            .collect()
    };
    let anonymous = list(&app, &meetup, None).await;
    assert_eq!(
        programme(&anonymous),
        expected(&[
            ("B", 1, "2030-12-03T18:00:00Z"),
            ("A", 2, "2030-12-03T18:30:00Z"),
            ("C", 3, "2030-12-03T18:50:00Z"),
        ])
    );
    assert_eq!(
        titles(&anonymous),
        ["B", "A", "C"],
        "anonymous: accepted only"
    );

    for position in [0, -1, 5] {
        let (status, err) = patch_talk(
            &app,
            &d,
            &f.owner,
            json!({ "status": "accepted", "position": position }),
        )
        .await;
        assert_error(
            status,
            &err,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        );
        assert_eq!(err["error"]["field"], "position", "{position}");
    }
    let (status, err) = patch_talk(&app, &d, &f.owner, json!({ "status": "withdrawn" })).await;
    assert_error(
        status,
        &err,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    );
    assert_eq!(err["error"]["field"], "status");
    let (status, err) = patch_talk(&app, &d, &f.owner, json!({ "position": 1 })).await;
    assert_error(
        status,
        &err,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    );
    assert_eq!(
        err["error"]["field"], "position",
        "only accepted talks move"
    );
    let (status, err) = patch_talk(&app, &d, &f.member, json!({ "status": "rejected" })).await;
    assert_error(status, &err, StatusCode::FORBIDDEN, "forbidden");

    // An organiser moves an accepted talk without re-deciding it.
    let moved = decide(&app, &c, &f.owner, json!({ "position": 1 })).await;
    assert_eq!(moved["position"], 1);
    assert_eq!(moved["starts_at"], "2030-12-03T18:00:00Z");
    let (status, _) = patch_talk(&app, &c, &stranger, json!({ "position": 2 })).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        programme(&list(&app, &meetup, None).await),
        expected(&[
            ("C", 1, "2030-12-03T18:00:00Z"),
            ("B", 2, "2030-12-03T18:10:00Z"),
            ("A", 3, "2030-12-03T18:40:00Z"),
        ])
    );

    let rejected = decide(&app, &d, &f.owner, json!({ "status": "rejected" })).await;
    assert_eq!(rejected["status"], "rejected");
    assert_eq!(rejected["position"], Value::Null);
    assert!(rejected.get("starts_at").is_none());
    assert_eq!(titles(&list(&app, &meetup, None).await), ["C", "B", "A"]);
    assert_eq!(
        titles(&list(&app, &meetup, Some(&stranger)).await),
        ["C", "B", "A", "D"],
        "the proposer also sees their rejected talk"
    );
    assert_eq!(
        titles(&list(&app, &meetup, Some(&f.owner)).await),
        ["C", "B", "A", "D"]
    );
}

async fn decisions_are_final_until_reopened(app: TestApp) {
    let (f, stranger, meetup) = setup(&app).await;
    let a = id(&propose(&app, &meetup, &f.member, "A", 20).await);
    let b = id(&propose(&app, &meetup, &stranger, "B", 30).await);
    decide(&app, &a, &f.owner, json!({ "status": "accepted" })).await;
    decide(&app, &b, &f.owner, json!({ "status": "accepted" })).await;

    for body in [
        json!({ "status": "accepted" }),
        json!({ "status": "accepted", "position": 2 }),
        json!({ "status": "rejected" }),
    ] {
        let (status, err) = patch_talk(&app, &a, &f.owner, body.clone()).await;
        assert_error(status, &err, StatusCode::CONFLICT, "already_decided");
    }
    let (status, _) = patch_talk(&app, &a, &f.member, json!({ "status": "proposed" })).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "only organisers reopen");

    let reopened = decide(&app, &a, &f.owner, json!({ "status": "proposed" })).await;
    assert_eq!(reopened["status"], "proposed");
    assert_eq!(reopened["position"], Value::Null);
    assert_eq!(
        programme(&list(&app, &meetup, None).await),
        [("B".to_string(), 1, "2030-12-03T18:00:00Z".to_string())],
        "reopening renumbers the programme"
    );
    // Reopened, the proposer may edit again.
    decide(&app, &a, &f.member, json!({ "duration_minutes": 45 })).await;
    let rejected = decide(&app, &a, &f.owner, json!({ "status": "rejected" })).await;
    assert_eq!(rejected["status"], "rejected");
    let (status, err) = patch_talk(&app, &a, &f.owner, json!({ "status": "accepted" })).await;
    assert_error(status, &err, StatusCode::CONFLICT, "already_decided");
    decide(&app, &a, &f.owner, json!({ "status": "proposed" })).await;
    let first = decide(
        &app,
        &a,
        &f.owner,
        json!({ "status": "accepted", "position": 1 }),
    )
    .await;
    assert_eq!(first["position"], 1);
    assert_eq!(first["duration_minutes"], 45);
    assert_eq!(
        programme(&list(&app, &meetup, None).await),
        [
            ("A".to_string(), 1, "2030-12-03T18:00:00Z".to_string()),
            ("B".to_string(), 2, "2030-12-03T18:45:00Z".to_string()),
        ]
    );
}

async fn withdrawing_renumbers_the_programme(app: TestApp) {
    let (f, stranger, meetup) = setup(&app).await;
    let a = id(&propose(&app, &meetup, &f.member, "A", 20).await);
    let b = id(&propose(&app, &meetup, &stranger, "B", 30).await);
    let c = id(&propose(&app, &meetup, &f.member, "C", 10).await);
    let d = id(&propose(&app, &meetup, &stranger, "D", 15).await);
    for t in [&a, &b, &c] {
        decide(&app, t, &f.owner, json!({ "status": "accepted" })).await;
    }
    let path = |t: &str| format!("/api/v1/talks/{t}");
    let (status, err) = app.delete(&path(&b), None).await;
    assert_error(status, &err, StatusCode::UNAUTHORIZED, "unauthorized");
    let (status, err) = app.delete(&path(&b), Some(&f.member.token)).await;
    assert_error(status, &err, StatusCode::FORBIDDEN, "forbidden");
    let (status, err) = app
        .delete(
            &path(&uuid::Uuid::new_v4().to_string()),
            Some(&f.member.token),
        )
        .await;
    assert_error(status, &err, StatusCode::NOT_FOUND, "not_found");

    for _ in 0..2 {
        let (status, withdrawn) = app.delete(&path(&b), Some(&stranger.token)).await;
        assert_eq!(status, StatusCode::OK, "{withdrawn}");
        assert_eq!(withdrawn["status"], "withdrawn");
        assert_eq!(withdrawn["position"], Value::Null);
    }
    assert_eq!(
        programme(&list(&app, &meetup, None).await),
        [
            ("A".to_string(), 1, "2030-12-03T18:00:00Z".to_string()),
            ("C".to_string(), 2, "2030-12-03T18:20:00Z".to_string()),
        ]
    );
    let (status, err) = patch_talk(&app, &b, &stranger, json!({ "title": "Back" })).await;
    assert_error(status, &err, StatusCode::CONFLICT, "already_decided");
    let (status, err) = patch_talk(&app, &b, &f.owner, json!({ "status": "proposed" })).await;
    assert_error(status, &err, StatusCode::CONFLICT, "already_decided");
    let (status, err) = patch_talk(&app, &b, &f.owner, json!({ "status": "accepted" })).await;
    assert_error(status, &err, StatusCode::CONFLICT, "already_decided");

    // Organisers may withdraw any talk; a rejected talk cannot be withdrawn.
    let (status, withdrawn) = app.delete(&path(&a), Some(&f.owner.token)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(withdrawn["status"], "withdrawn");
    assert_eq!(
        programme(&list(&app, &meetup, None).await),
        [("C".to_string(), 1, "2030-12-03T18:00:00Z".to_string())]
    );
    decide(&app, &d, &f.owner, json!({ "status": "rejected" })).await;
    let (status, err) = app.delete(&path(&d), Some(&stranger.token)).await;
    assert_error(status, &err, StatusCode::CONFLICT, "already_decided");

    let all = list(&app, &meetup, Some(&f.owner)).await;
    let statuses: Vec<(String, String)> = all
        .iter()
        .map(|t| {
            (
                t["title"].as_str().unwrap().to_string(),
                t["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        statuses,
        [
            ("C".to_string(), "accepted".to_string()),
            ("D".to_string(), "rejected".to_string()),
            ("A".to_string(), "withdrawn".to_string()),
            ("B".to_string(), "withdrawn".to_string()),
        ]
    );
    assert_eq!(
        titles(&list(&app, &meetup, Some(&stranger)).await),
        ["C", "D", "B"],
        "others see the programme and their own talks in any state"
    );
}

async fn concurrent_decisions_keep_positions_without_gaps(app: TestApp) {
    let (f, _, meetup) = setup(&app).await;
    let mut ids = Vec::new();
    for i in 0..8 {
        ids.push(id(
            &propose(&app, &meetup, &f.member, &format!("T{i}"), 10).await
        ));
    }
    let mut set = tokio::task::JoinSet::new();
    for (i, talk) in ids.iter().enumerate() {
        let api = app.api.clone();
        let url = app.url(&format!("/api/v1/talks/{talk}"));
        let token = f.owner.token.clone();
        // Half append, half ask for the first place: every answer must still be 1..n.
        let body = if i % 2 == 0 {
            json!({ "status": "accepted" })
        } else {
            json!({ "status": "accepted", "position": 1 })
        };
        set.spawn(async move {
            api.patch(url)
                .bearer_auth(token)
                .json(&body)
                .send()
                .await
                .unwrap()
                .status()
        });
    }
    for status in set.join_all().await {
        assert_eq!(status, StatusCode::OK);
    }
    let listed = list(&app, &meetup, None).await;
    let positions: Vec<i64> = listed
        .iter()
        .map(|t| t["position"].as_i64().unwrap())
        .collect();
    assert_eq!(positions, (1..=8).collect::<Vec<i64>>());
    let starts: Vec<&str> = listed
        .iter()
        .map(|t| t["starts_at"].as_str().unwrap())
        .collect();
    assert_eq!(starts[0], "2030-12-03T18:00:00Z");
    assert_eq!(starts[7], "2030-12-03T19:10:00Z");
}

on_both_backends!(
    concurrent_decisions_keep_positions_without_gaps,
    anyone_signed_in_proposes_and_sees_their_own,
    proposer_edits_only_while_proposed,
    programme_order_and_running_start_times,
    decisions_are_final_until_reopened,
    withdrawing_renumbers_the_programme,
);

async fn proposers_edit_their_proposal_from_the_page(app: TestApp) {
    let (f, _, meetup) = setup(&app).await;
    let talk = id(&propose(&app, &meetup, &f.member, "Wagtail", 20).await);
    let page = format!("/groups/grp/meetups/{meetup}");
    let edit = format!("{page}/talks/{talk}/edit");
    let browser = app.new_browser();
    browser.login("member@example.org").await;
    let (_, html) = browser.page(&page).await;
    assert!(
        html.contains(&format!("href=\"{edit}\"")),
        "an Edit link on the own proposal"
    );
    let (status, html) = browser.page(&edit).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("value=\"Wagtail\""));
    let response = browser
        .submit_form(
            &edit,
            &edit,
            &[
                ("title", "Wagtail 7"),
                ("abstract", ""),
                ("duration_minutes", "25"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("value=\"Wagtail 7\""),
        "kept"
    );
    let response = browser
        .submit_form(
            &edit,
            &edit,
            &[
                ("title", "Wagtail 7"),
                ("abstract", "Le CMS"),
                ("duration_minutes", "25"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, list) = app
        .get(
            &format!("/api/v1/meetups/{meetup}/talks"),
            Some(&f.member.token),
        )
        .await;
    let changed = &list["talks"][0];
    assert_eq!(
        (
            changed["title"].as_str(),
            changed["duration_minutes"].as_i64()
        ),
        (Some("Wagtail 7"), Some(25))
    );
    // Someone else, or once decided: no more editing.
    let owner = app.new_browser();
    owner.login("owner@example.org").await;
    assert_eq!(owner.page(&edit).await.0, StatusCode::FORBIDDEN);
    app.patch(
        &format!("/api/v1/talks/{talk}"),
        Some(&f.owner.token),
        json!({ "status": "accepted" }),
    )
    .await;
    assert_eq!(browser.page(&edit).await.0, StatusCode::FORBIDDEN);
}

on_both_backends!(proposers_edit_their_proposal_from_the_page);
