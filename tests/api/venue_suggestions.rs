use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::groups::create_group;
use crate::helpers::{Registered, TestApp};
use crate::meetups::{create_meetup, group_with_venue};
use crate::on_both_backends;

const LIST: &str = "/api/v1/groups/grp/venue-suggestions";

async fn suggest(app: &TestApp, who: &Registered, name: &str, extra: Value) -> Value {
    let mut body = json!({ "name": name, "address": format!("1 rue {name}") });
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        b.extend(e.clone());
    }
    let (status, created) = app.post(LIST, Some(&who.token), body).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    created
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_string()
}

async fn vote(app: &TestApp, suggestion: &str, who: &Registered) -> (StatusCode, Value) {
    app.send(
        Method::PUT,
        &format!("/api/v1/venue-suggestions/{suggestion}/vote"),
        Some(&who.token),
        None,
    )
    .await
}

async fn unvote(app: &TestApp, suggestion: &str, who: &Registered) -> (StatusCode, Value) {
    app.delete(
        &format!("/api/v1/venue-suggestions/{suggestion}/vote"),
        Some(&who.token),
    )
    .await
}

async fn decide(
    app: &TestApp,
    suggestion: &str,
    action: &str,
    who: Option<&Registered>,
    body: Option<Value>,
) -> (StatusCode, Value) {
    app.send(
        Method::POST,
        &format!("/api/v1/venue-suggestions/{suggestion}/{action}"),
        who.map(|w| w.token.as_str()),
        body,
    )
    .await
}

fn assert_error(status: StatusCode, body: &Value, expected: StatusCode, code: &str) {
    assert_eq!(status, expected, "{body}");
    assert_eq!(body["error"]["code"], code, "{body}");
}

/// Asked by the person: the list is for members (see `attendee_visibility`), so a stranger
/// reads none.
async fn is_member(app: &TestApp, who: &Registered) -> bool {
    let (_, members) = app
        .get("/api/v1/groups/grp/members", Some(&who.token))
        .await;
    members["members"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["user_id"] == who.id.as_str())
}

async fn anyone_signed_in_suggests(app: TestApp) {
    let f = group_with_venue(&app).await;
    let body = json!({ "name": "Le Bistrot", "address": "2 place de Jaude" });
    let (status, err) = app.post(LIST, None, body.clone()).await;
    assert_error(status, &err, StatusCode::UNAUTHORIZED, "unauthorized");
    let (status, err) = app
        .post(
            "/api/v1/groups/nope/venue-suggestions",
            Some(&f.member.token),
            body.clone(),
        )
        .await;
    assert_error(status, &err, StatusCode::NOT_FOUND, "not_found");

    assert!(!is_member(&app, &f.member).await);
    let (status, created) = app.post(LIST, Some(&f.member.token), body).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    for (key, value) in [
        ("name", json!("Le Bistrot")),
        ("address", json!("2 place de Jaude")),
        ("url", Value::Null),
        ("note", Value::Null),
        ("meetup_id", Value::Null),
        ("votes", json!(0)),
        ("status", json!("open")),
    ] {
        assert_eq!(created[key], value, "{key}: {created}");
    }
    assert!(created["id"].is_string());
    assert!(
        is_member(&app, &f.member).await,
        "suggesting joins the group"
    );

    let meetup = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "M", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let with_meetup = suggest(
        &app,
        &f.member,
        "Salle",
        json!({ "meetup_id": meetup["id"], "url": "https://salle.example", "note": "Big" }),
    )
    .await;
    assert_eq!(with_meetup["meetup_id"], meetup["id"]);
    assert_eq!(with_meetup["url"], "https://salle.example");
    assert_eq!(with_meetup["note"], "Big");

    create_group(&app, &f.owner, "other").await;
    let (_, foreign) = app
        .post(
            "/api/v1/groups/other/meetups",
            Some(&f.owner.token),
            json!({ "title": "Elsewhere", "starts_at": "2030-12-03T19:00" }),
        )
        .await;
    for (body, field) in [
        (json!({ "name": "", "address": "A" }), "name"),
        (json!({ "name": "N" }), "address"),
        (
            json!({ "name": "N", "address": "A", "url": "javascript:alert(1)" }),
            "url",
        ),
        (
            json!({ "name": "N", "address": "A", "meetup_id": uuid::Uuid::new_v4().to_string() }),
            "meetup_id",
        ),
        (
            json!({ "name": "N", "address": "A", "meetup_id": foreign["id"] }),
            "meetup_id",
        ),
    ] {
        let (status, err) = app.post(LIST, Some(&f.member.token), body.clone()).await;
        assert_error(
            status,
            &err,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        );
        assert_eq!(err["error"]["field"], field, "{body}");
    }
}

async fn votes_are_idempotent_and_order_the_list(app: TestApp) {
    let f = group_with_venue(&app).await;
    let stranger = app.register("stranger@example.org", "Stranger").await;
    let s1 = id(&suggest(&app, &f.member, "Oldest", json!({})).await);
    let s2 = id(&suggest(&app, &f.member, "Middle", json!({})).await);
    let s3 = id(&suggest(&app, &f.member, "Newest", json!({})).await);

    let (status, err) = app
        .send(
            Method::PUT,
            &format!("/api/v1/venue-suggestions/{s2}/vote"),
            None,
            None,
        )
        .await;
    assert_error(status, &err, StatusCode::UNAUTHORIZED, "unauthorized");
    let (status, err) = vote(&app, &uuid::Uuid::new_v4().to_string(), &f.member).await;
    assert_error(status, &err, StatusCode::NOT_FOUND, "not_found");

    for _ in 0..2 {
        let (status, body) = vote(&app, &s2, &f.member).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["votes"], 1, "one vote per member");
    }
    assert!(!is_member(&app, &stranger).await);
    let (_, body) = vote(&app, &s2, &stranger).await;
    assert_eq!(body["votes"], 2);
    assert!(is_member(&app, &stranger).await, "voting joins the group");
    let (_, body) = vote(&app, &s3, &stranger).await;
    assert_eq!(body["votes"], 1);
    let (_, body) = vote(&app, &s1, &f.member).await;
    assert_eq!(body["votes"], 1);
    for _ in 0..2 {
        let (status, body) = unvote(&app, &s1, &f.member).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["votes"], 0);
    }
    let (_, body) = vote(&app, &s1, &f.owner).await;
    assert_eq!(body["votes"], 1);

    // Two votes for Middle; one each for Oldest and Newest (ties: oldest first).
    let (status, anonymous) = app.get(LIST, None).await;
    assert_eq!(status, StatusCode::OK);
    let listed: Vec<(String, i64)> = anonymous["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap().to_string(),
                s["votes"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [
            ("Middle".to_string(), 2),
            ("Oldest".to_string(), 1),
            ("Newest".to_string(), 1),
        ]
    );
    assert!(anonymous["suggestions"][0].get("voted_by_me").is_none());
    let (_, mine) = app.get(LIST, Some(&f.member.token)).await;
    let voted: Vec<bool> = mine["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["voted_by_me"].as_bool().unwrap())
        .collect();
    assert_eq!(voted, [true, false, false]);
    let (status, _) = app.get("/api/v1/groups/nope/venue-suggestions", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn accepting_sets_the_meetup_venue_once(app: TestApp) {
    let f = group_with_venue(&app).await;
    let meetup = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "M", "starts_at": "2030-12-03T19:00", "venue_id": f.venue_id }),
    )
    .await;
    let meetup_id = id(&meetup);
    let meetup_path = format!("/api/v1/meetups/{meetup_id}");
    let s = id(&suggest(
        &app,
        &f.member,
        "Le Bistrot",
        json!({ "meetup_id": meetup_id, "url": "https://bistrot.example" }),
    )
    .await);

    let (status, err) = decide(&app, &s, "accept", None, None).await;
    assert_error(status, &err, StatusCode::UNAUTHORIZED, "unauthorized");
    let (status, err) = decide(&app, &s, "accept", Some(&f.member), None).await;
    assert_error(status, &err, StatusCode::FORBIDDEN, "forbidden");
    let (status, err) = decide(&app, &s, "decline", Some(&f.member), None).await;
    assert_error(status, &err, StatusCode::FORBIDDEN, "forbidden");
    let (status, err) = decide(
        &app,
        &uuid::Uuid::new_v4().to_string(),
        "accept",
        Some(&f.owner),
        None,
    )
    .await;
    assert_error(status, &err, StatusCode::NOT_FOUND, "not_found");

    let (status, accepted) = decide(&app, &s, "accept", Some(&f.owner), None).await;
    assert_eq!(status, StatusCode::OK, "{accepted}");
    assert_eq!(accepted["status"], "accepted");
    let venue_id = accepted["venue_id"].as_str().unwrap().to_string();
    let (_, m) = app.get(&meetup_path, None).await;
    assert_eq!(m["venue"]["id"], venue_id.as_str());
    assert_eq!(m["venue"]["name"], "Le Bistrot");
    assert_eq!(m["venue"]["url"], "https://bistrot.example");
    assert_eq!(m["sequence"], 1, "a venue change bumps the sequence");
    let (_, venues) = app.get("/api/v1/groups/grp/venues", None).await;
    assert!(venues["venues"]
        .as_array()
        .unwrap()
        .iter()
        .any(|v| v["id"] == venue_id.as_str()));

    for action in ["accept", "decline"] {
        let (status, err) = decide(&app, &s, action, Some(&f.owner), None).await;
        assert_error(status, &err, StatusCode::CONFLICT, "already_decided");
    }
    let (status, err) = vote(&app, &s, &f.member).await;
    assert_error(status, &err, StatusCode::CONFLICT, "already_decided");
    let (status, err) = unvote(&app, &s, &f.member).await;
    assert_error(status, &err, StatusCode::CONFLICT, "already_decided");
    let (_, m) = app.get(&meetup_path, None).await;
    assert_eq!(m["sequence"], 1);

    // meetup_id in the body; a meetup of another group is refused and nothing changes.
    let second = id(&suggest(&app, &f.member, "La Salle", json!({})).await);
    create_group(&app, &f.owner, "other").await;
    let (_, foreign) = app
        .post(
            "/api/v1/groups/other/meetups",
            Some(&f.owner.token),
            json!({ "title": "Elsewhere", "starts_at": "2030-12-03T19:00" }),
        )
        .await;
    let (status, err) = decide(
        &app,
        &second,
        "accept",
        Some(&f.owner),
        Some(json!({ "meetup_id": foreign["id"] })),
    )
    .await;
    assert_error(
        status,
        &err,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    );
    assert_eq!(err["error"]["field"], "meetup_id");
    let (_, venues_after) = app.get("/api/v1/groups/grp/venues", None).await;
    assert_eq!(venues_after["venues"], venues["venues"], "rolled back");
    let (status, accepted) = decide(
        &app,
        &second,
        "accept",
        Some(&f.owner),
        Some(json!({ "meetup_id": meetup_id })),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{accepted}");
    let (_, m) = app.get(&meetup_path, None).await;
    assert_eq!(m["venue"]["id"], accepted["venue_id"]);
    assert_eq!(m["sequence"], 2);

    // Without a meetup, the venue only joins the group's venues.
    let third = id(&suggest(&app, &f.member, "Le Parc", json!({})).await);
    let (status, accepted) = decide(&app, &third, "accept", Some(&f.owner), Some(json!({}))).await;
    assert_eq!(status, StatusCode::OK, "{accepted}");
    assert!(accepted["venue_id"].is_string());
    let (_, m) = app.get(&meetup_path, None).await;
    assert_eq!(m["sequence"], 2);

    let fourth = id(&suggest(&app, &f.member, "Le Bar", json!({})).await);
    let (status, declined) = decide(&app, &fourth, "decline", Some(&f.owner), None).await;
    assert_eq!(status, StatusCode::OK, "{declined}");
    assert_eq!(declined["status"], "declined");
    for action in ["decline", "accept"] {
        let (status, err) = decide(&app, &fourth, action, Some(&f.owner), None).await;
        assert_error(status, &err, StatusCode::CONFLICT, "already_decided");
    }
    let (status, err) = vote(&app, &fourth, &f.member).await;
    assert_error(status, &err, StatusCode::CONFLICT, "already_decided");
    let (status, err) = decide(
        &app,
        &third,
        "accept",
        Some(&f.owner),
        Some(json!({ "meetup_id": 5 })),
    )
    .await;
    assert_error(status, &err, StatusCode::BAD_REQUEST, "invalid_json");
}

async fn concurrent_votes_and_accepts_count_once(app: TestApp) {
    let f = group_with_venue(&app).await;
    let meetup = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "M", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let s = id(&suggest(
        &app,
        &f.member,
        "Busy",
        json!({ "meetup_id": meetup["id"] }),
    )
    .await);
    let mut votes = tokio::task::JoinSet::new();
    for _ in 0..6 {
        let api = app.api.clone();
        let url = app.url(&format!("/api/v1/venue-suggestions/{s}/vote"));
        let token = f.member.token.clone();
        votes.spawn(async move {
            api.put(url)
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .status()
        });
    }
    for status in votes.join_all().await {
        assert_eq!(status, StatusCode::OK);
    }
    let (_, listed) = app.get(LIST, None).await;
    assert_eq!(listed["suggestions"][0]["votes"], 1);

    let mut accepts = tokio::task::JoinSet::new();
    for _ in 0..5 {
        let api = app.api.clone();
        let url = app.url(&format!("/api/v1/venue-suggestions/{s}/accept"));
        let token = f.owner.token.clone();
        accepts.spawn(async move {
            api.post(url)
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .status()
        });
    }
    let mut statuses = accepts.join_all().await;
    statuses.sort();
    assert_eq!(
        statuses,
        [
            StatusCode::OK,
            StatusCode::CONFLICT,
            StatusCode::CONFLICT,
            StatusCode::CONFLICT,
            StatusCode::CONFLICT,
        ]
    );
    let (_, m) = app
        .get(&format!("/api/v1/meetups/{}", id(&meetup)), None)
        .await;
    assert_eq!(m["sequence"], 1, "one acceptance, one venue change");
    let (_, venues) = app.get("/api/v1/groups/grp/venues", None).await;
    assert_eq!(
        venues["venues"].as_array().unwrap().len(),
        2,
        "one venue created"
    );
}

on_both_backends!(
    concurrent_votes_and_accepts_count_once,
    anyone_signed_in_suggests,
    votes_are_idempotent_and_order_the_list,
    accepting_sets_the_meetup_venue_once,
);
