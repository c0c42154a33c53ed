use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::groups::create_group;
use crate::helpers::{Registered, TestApp};
use crate::on_both_backends;

pub struct Fixture {
    pub owner: Registered,
    pub member: Registered,
    pub venue_id: String,
}

pub async fn group_with_venue(app: &TestApp) -> Fixture {
    let owner = app.register("owner@example.org", "Owner").await;
    let member = app.register("member@example.org", "Member").await;
    create_group(app, &owner, "grp").await;
    let (_, venue) = app
        .post(
            "/api/v1/groups/grp/venues",
            Some(&owner.token),
            json!({ "name": "Ness Pub", "address": "Clermont-Ferrand" }),
        )
        .await;
    Fixture {
        owner,
        member,
        venue_id: venue["id"].as_str().unwrap().to_string(),
    }
}

/// Creates a meetup in `grp`, unannounced unless `input` says otherwise: tests that count mails
/// count those they are about (`announcements.rs` covers the announcement itself).
pub async fn create_meetup(app: &TestApp, token: &str, mut input: Value) -> Value {
    if input.get("announce").is_none() {
        input["announce"] = Value::Bool(false);
    }
    let (status, body) = app
        .post("/api/v1/groups/grp/meetups", Some(token), input)
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body
}

async fn local_time_is_read_in_the_group_zone(app: TestApp) {
    let f = group_with_venue(&app).await;
    let meetup = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Premier meetup", "starts_at": "2030-12-03T19:00", "venue_id": f.venue_id, "capacity": 20 }),
    )
    .await;
    assert_eq!(meetup["starts_at"], "2030-12-03T18:00:00Z");
    assert_eq!(meetup["ends_at"], "2030-12-03T20:00:00Z");
    assert_eq!(meetup["timezone"], "Europe/Paris");
    assert_eq!(meetup["venue"]["name"], "Ness Pub");
    assert_eq!(meetup["status"], "scheduled");
    assert_eq!(meetup["sequence"], 0);
    assert_eq!(meetup["going_count"], 0);
    assert_eq!(meetup["waitlist_count"], 0);
    assert_eq!(meetup["group_slug"], "grp");
    let id = meetup["id"].as_str().unwrap();
    assert!(meetup["ics_url"]
        .as_str()
        .unwrap()
        .ends_with(&format!("/meetups/{id}.ics")));
    let (status, mut fetched) = app.get(&format!("/api/v1/meetups/{id}"), None).await;
    assert_eq!(status, StatusCode::OK);
    // One meetup's read also names its sponsors and co-hosts (lists leave them out).
    let fetched_map = fetched.as_object_mut().unwrap();
    assert_eq!(fetched_map.remove("sponsors"), Some(json!([])));
    assert_eq!(fetched_map.remove("cohosts"), Some(json!([])));
    assert_eq!(fetched, meetup);

    let offset = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Offset", "starts_at": "2030-07-01T19:00:00+02:00" }),
    )
    .await;
    assert_eq!(offset["starts_at"], "2030-07-01T17:00:00Z");
}

async fn impossible_local_times_are_refused(app: TestApp) {
    let f = group_with_venue(&app).await;
    for starts in ["2030-03-31T02:30", "2030-10-27T02:30"] {
        let (status, body) = app
            .post(
                "/api/v1/groups/grp/meetups",
                Some(&f.owner.token),
                json!({ "title": "DST", "starts_at": starts }),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{starts}");
        assert_eq!(body["error"]["field"], "starts_at");
    }
}

async fn meetup_validation_names_fields(app: TestApp) {
    let f = group_with_venue(&app).await;
    let cases = [
        (
            json!({ "title": "", "starts_at": "2030-12-03T19:00" }),
            "title",
        ),
        (json!({ "title": "T" }), "starts_at"),
        (
            json!({ "title": "T", "starts_at": "2030-12-03T19:00", "ends_at": "2030-12-03T18:00" }),
            "ends_at",
        ),
        (
            json!({ "title": "T", "starts_at": "2030-12-03T19:00", "capacity": 0 }),
            "capacity",
        ),
        (
            json!({ "title": "T", "starts_at": "2030-12-03T19:00", "rsvp_deadline": "2030-12-04T19:00" }),
            "rsvp_deadline",
        ),
        (
            json!({ "title": "T", "starts_at": "2030-12-03T19:00", "venue_id": uuid::Uuid::new_v4().to_string() }),
            "venue_id",
        ),
        (
            json!({ "title": "T", "starts_at": "2030-12-03T19:00", "online_url": "javascript:x" }),
            "online_url",
        ),
    ];
    for (input, field) in cases {
        let (status, body) = app
            .post(
                "/api/v1/groups/grp/meetups",
                Some(&f.owner.token),
                input.clone(),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{input}");
        assert_eq!(body["error"]["field"], field, "{input}");
    }
    let (status, body) = app
        .post(
            "/api/v1/groups/grp/meetups",
            Some(&f.owner.token),
            json!({ "title": "T", "starts_at": "2030-12-03T19:00", "capacity": "ten" }),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["code"], "invalid_json");
}

async fn only_organisers_schedule_and_change(app: TestApp) {
    let f = group_with_venue(&app).await;
    let input = json!({ "title": "T", "starts_at": "2030-12-03T19:00" });
    let (status, _) = app
        .post(
            "/api/v1/groups/grp/meetups",
            Some(&f.member.token),
            input.clone(),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app
        .post("/api/v1/groups/grp/meetups", None, input.clone())
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let meetup = create_meetup(&app, &f.owner.token, input).await;
    let path = format!("/api/v1/meetups/{}", meetup["id"].as_str().unwrap());
    let (status, _) = app
        .patch(&path, Some(&f.member.token), json!({ "title": "Hacked" }))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app
        .send(
            reqwest::Method::POST,
            &format!("{path}/cancel"),
            Some(&f.member.token),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, unchanged) = app.get(&path, None).await;
    assert_eq!(unchanged["title"], "T");
    assert_eq!(unchanged["status"], "scheduled");
}

async fn rescheduling_bumps_sequence_and_cancel_keeps_meetup(app: TestApp) {
    let f = group_with_venue(&app).await;
    let meetup = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "T", "starts_at": "2030-12-03T19:00", "ends_at": "2030-12-03T22:00" }),
    )
    .await;
    let path = format!("/api/v1/meetups/{}", meetup["id"].as_str().unwrap());
    let (status, m) = app
        .patch(
            &path,
            Some(&f.owner.token),
            json!({ "title": "Renamed", "description": "New" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(m["sequence"], 0, "a title change is not a reschedule");
    let (_, m) = app
        .patch(
            &path,
            Some(&f.owner.token),
            json!({ "starts_at": "2030-12-10T19:00" }),
        )
        .await;
    assert_eq!(m["sequence"], 1);
    assert_eq!(m["starts_at"], "2030-12-10T18:00:00Z");
    assert_eq!(m["ends_at"], "2030-12-10T21:00:00Z", "the duration is kept");
    let (_, m) = app
        .patch(
            &path,
            Some(&f.owner.token),
            json!({ "venue_id": f.venue_id }),
        )
        .await;
    assert_eq!(m["sequence"], 2);
    assert_eq!(m["venue"]["id"], f.venue_id.as_str());
    let (_, m) = app
        .patch(&path, Some(&f.owner.token), json!({ "capacity": 10 }))
        .await;
    assert_eq!(m["capacity"], 10);
    let (_, m) = app
        .patch(&path, Some(&f.owner.token), json!({ "capacity": null }))
        .await;
    assert_eq!(m["capacity"], Value::Null);
    let (status, body) = app
        .patch(
            &path,
            Some(&f.owner.token),
            json!({ "ends_at": "2030-12-01T10:00" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["field"], "ends_at");

    let (status, m) = app
        .send(
            reqwest::Method::POST,
            &format!("{path}/cancel"),
            Some(&f.owner.token),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(m["status"], "cancelled");
    let (_, fetched) = app.get(&path, None).await;
    assert_eq!(fetched["status"], "cancelled");
    assert_eq!(fetched["title"], "Renamed");
}

async fn upcoming_ascending_past_descending(app: TestApp) {
    let f = group_with_venue(&app).await;
    for (title, starts) in [
        ("Later", "2031-02-01T19:00"),
        ("Sooner", "2031-01-01T19:00"),
        ("Old", "2012-10-15T19:00"),
        ("Older", "2011-10-15T19:00"),
    ] {
        create_meetup(
            &app,
            &f.owner.token,
            json!({ "title": title, "starts_at": starts }),
        )
        .await;
    }
    let titles = |v: &Value| -> Vec<String> {
        v["meetups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["title"].as_str().unwrap().to_string())
            .collect()
    };
    let (_, upcoming) = app
        .get("/api/v1/groups/grp/meetups?when=upcoming", None)
        .await;
    assert_eq!(titles(&upcoming), ["Sooner", "Later"]);
    let (_, default) = app.get("/api/v1/groups/grp/meetups", None).await;
    assert_eq!(titles(&default), ["Sooner", "Later"]);
    let (_, past) = app.get("/api/v1/groups/grp/meetups?when=past", None).await;
    assert_eq!(titles(&past), ["Old", "Older"]);
    let (status, _) = app
        .get("/api/v1/groups/grp/meetups?when=someday", None)
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

on_both_backends!(
    local_time_is_read_in_the_group_zone,
    impossible_local_times_are_refused,
    meetup_validation_names_fields,
    only_organisers_schedule_and_change,
    rescheduling_bumps_sequence_and_cancel_keeps_meetup,
    upcoming_ascending_past_descending,
);

async fn only_a_meetup_nobody_answered_can_be_deleted(app: TestApp) {
    let f = group_with_venue(&app).await;
    let quiet = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Personne", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let busy = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Du monde", "starts_at": "2030-12-10T19:00" }),
    )
    .await;
    let (quiet, busy) = (quiet["id"].as_str().unwrap(), busy["id"].as_str().unwrap());
    app.rsvp(busy, &f.member.token, "yes").await;
    let path = |id: &str| format!("/api/v1/meetups/{id}");
    let (status, _) = app.delete(&path(quiet), Some(&f.member.token)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body) = app.delete(&path(busy), Some(&f.owner.token)).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("meetup_has_activity"))
    );

    // From the page, with a confirmation.
    let browser = app.new_browser();
    browser.login("owner@example.org").await;
    let page = format!("/groups/grp/meetups/{quiet}");
    let (_, html) = browser.page(&page).await;
    assert!(html.contains(&format!("href=\"{page}/delete\"")));
    let (status, _) = browser.page(&format!("{page}/delete")).await;
    assert_eq!(status, StatusCode::OK);
    let response = browser
        .submit_form(&format!("{page}/delete"), &format!("{page}/delete"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.get(&path(quiet), None).await.0, StatusCode::NOT_FOUND);
    let busy_page = format!("/groups/grp/meetups/{busy}");
    let (_, html) = browser.page(&busy_page).await;
    assert!(
        !html.contains(&format!("href=\"{busy_page}/delete\"")),
        "only cancelling is offered"
    );
    assert!(html.contains(&format!("href=\"{busy_page}/cancel\"")));
    let response = browser
        .submit_form(&busy_page, &format!("{busy_page}/delete"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = browser.page(&busy_page).await;
    assert!(
        html.contains("ne peut qu'être annulée"),
        "the refusal is said"
    );
    assert_eq!(app.get(&path(busy), None).await.0, StatusCode::OK);
}

on_both_backends!(only_a_meetup_nobody_answered_can_be_deleted);

async fn every_fault_of_a_meetup_is_reported_at_once(app: TestApp) {
    let f = group_with_venue(&app).await;
    let (status, body) = app
        .post(
            "/api/v1/groups/grp/meetups",
            Some(&f.owner.token),
            json!({ "title": " ", "starts_at": "2030-12-03T19:00", "ends_at": "2030-12-03T18:00", "capacity": 0 }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["field"], "title", "the first names the field");
    let fields: Vec<&str> = body["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["title", "capacity", "ends_at"]);

    let browser = app.new_browser();
    browser.login("owner@example.org").await;
    let response = browser
        .submit_form(
            "/groups/grp/meetups/new",
            "/groups/grp/meetups/new",
            &[
                ("title", ""),
                ("starts_at", "2030-12-03T19:00"),
                ("ends_at", "2030-12-03T18:00"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("href=\"#title\"") && html.contains("href=\"#ends_at\""),
        "both at once"
    );
}

on_both_backends!(every_fault_of_a_meetup_is_reported_at_once);

/// "Duplicate": everything but the date and the people, the deadline as long before the start.
async fn a_duplicate_copies_the_meetup_but_not_its_people(app: TestApp) {
    let f = group_with_venue(&app).await;
    let source = create_meetup(
        &app,
        &f.owner.token,
        json!({
            "title": "Apéro Python", "description": "Bières et poneys",
            "starts_at": "2030-07-02T19:00", "ends_at": "2030-07-02T22:00",
            "venue_id": f.venue_id, "capacity": 20,
            "online_url": "https://meet.example.org/apero", "rsvp_deadline": "2030-07-02T15:00"
        }),
    )
    .await;
    let id = source["id"].as_str().unwrap();
    app.rsvp(id, &f.member.token, "yes").await;
    crate::talks::propose(&app, id, &f.member, "Wagtail", 20).await;
    let path = format!("/api/v1/meetups/{id}/duplicate");

    let (status, copy) = app
        .post(
            &path,
            Some(&f.owner.token),
            json!({ "starts_at": "2031-01-07T19:00", "announce": false }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{copy}");
    assert_ne!(copy["id"], source["id"]);
    for field in ["title", "description", "venue", "capacity", "online_url"] {
        assert_eq!(copy[field], source[field], "{field}");
    }
    // Paris in winter is UTC+1 (the source, in summer, was UTC+2): the local times are kept.
    assert_eq!(copy["starts_at"], "2031-01-07T18:00:00Z");
    assert_eq!(copy["ends_at"], "2031-01-07T21:00:00Z");
    assert_eq!(copy["rsvp_deadline"], "2031-01-07T14:00:00Z");
    assert_eq!(
        (copy["going_count"].as_i64(), copy["sequence"].as_i64()),
        (Some(0), Some(0))
    );
    let copy_id = copy["id"].as_str().unwrap();
    let (_, talks) = app
        .get(
            &format!("/api/v1/meetups/{copy_id}/talks"),
            Some(&f.owner.token),
        )
        .await;
    assert_eq!(talks["talks"], json!([]), "no talks come along");
    let (_, source_after) = app.get(&format!("/api/v1/meetups/{id}"), None).await;
    assert_eq!(source_after["going_count"], 1, "the source keeps its RSVPs");

    let (status, _) = app
        .post(
            &path,
            Some(&f.member.token),
            json!({ "starts_at": "2031-01-07T19:00" }),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body) = app.post(&path, Some(&f.owner.token), json!({})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["field"], "starts_at");
}

on_both_backends!(a_duplicate_copies_the_meetup_but_not_its_people);

async fn duplicate_opens_the_form_filled_in_a_week_later(app: TestApp) {
    let f = group_with_venue(&app).await;
    let source = create_meetup(
        &app,
        &f.owner.token,
        json!({
            "title": "Apéro Python", "starts_at": "2030-12-03T19:00",
            "capacity": 20, "rsvp_deadline": "2030-12-03T12:00"
        }),
    )
    .await;
    let id = source["id"].as_str().unwrap();
    let form = format!("/groups/grp/meetups/new?from={id}");
    let owner = app.new_browser();
    owner.login("owner@example.org").await;
    let (_, html) = owner.page(&format!("/groups/grp/meetups/{id}")).await;
    assert!(
        html.contains(&format!("href=\"{form}\"")),
        "a Duplicate link"
    );
    let (status, html) = owner.page(&form).await;
    assert_eq!(status, StatusCode::OK);
    for value in [
        "Apéro Python",
        "2030-12-10T19:00",
        "2030-12-10T21:00",
        "2030-12-10T12:00",
        "20",
    ] {
        assert!(
            html.contains(&format!("value=\"{value}\"")),
            "{value} filled in"
        );
    }
    let member = app.new_browser();
    member.login("member@example.org").await;
    let (status, _) = member.page(&form).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

on_both_backends!(duplicate_opens_the_form_filled_in_a_week_later);
