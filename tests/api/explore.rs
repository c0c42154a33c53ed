//! Every group's meetups in one place: search by text and distance, the directory of groups,
//! the instance's calendar and reports feed.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::TestApp;
use crate::on_both_backends;

async fn meetup(app: &TestApp, token: &str, slug: &str, body: Value) -> String {
    let mut body = body;
    body["announce"] = Value::Bool(false);
    let (status, m) = app
        .post(&format!("/api/v1/groups/{slug}/meetups"), Some(token), body)
        .await;
    assert_eq!(status, StatusCode::CREATED, "{m}");
    m["id"].as_str().unwrap().to_string()
}

async fn venue(app: &TestApp, token: &str, slug: &str, body: Value) -> String {
    let (status, v) = app
        .post(&format!("/api/v1/groups/{slug}/venues"), Some(token), body)
        .await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    v["id"].as_str().unwrap().to_string()
}

/// Two groups: DjangAuvergne in Clermont-Ferrand, Paris.py 350 km away; an online meetup, a
/// cancelled one, a past one.
async fn two_groups(app: &TestApp) -> (String, String) {
    let owner = app.register("owner@example.org", "Owner").await;
    for (slug, name) in [("djangauvergne", "DjangAuvergne"), ("parispy", "Paris.py")] {
        let (status, body) = app
            .post(
                "/api/v1/groups",
                Some(&owner.token),
                json!({ "slug": slug, "name": name, "timezone": "Europe/Paris", "locale": "en" }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    let t = &owner.token;
    let ness = venue(app, t, "djangauvergne", json!({ "name": "Ness Pub", "address": "2 rue Saint-Dominique", "city": "Clermont-Ferrand", "latitude": 45.7772, "longitude": 3.0870 })).await;
    let paris = venue(app, t, "parispy", json!({ "name": "Cantine", "address": "rue du Caire", "city": "Paris", "latitude": 48.8686, "longitude": 2.3497 })).await;
    let clermont = meetup(
        app,
        t,
        "djangauvergne",
        json!({ "title": "Apéro Django", "starts_at": "2030-12-03T19:00", "venue_id": ness }),
    )
    .await;
    meetup(
        app,
        t,
        "parispy",
        json!({ "title": "Python à Paris", "starts_at": "2030-12-04T19:00", "venue_id": paris }),
    )
    .await;
    meetup(app, t, "djangauvergne", json!({ "title": "Visio Wagtail", "starts_at": "2030-12-05T19:00", "online_url": "https://meet.example.org/w" })).await;
    let cancelled = meetup(
        app,
        t,
        "parispy",
        json!({ "title": "Annulé", "starts_at": "2030-12-06T19:00", "venue_id": paris }),
    )
    .await;
    app.post(
        &format!("/api/v1/meetups/{cancelled}/cancel"),
        Some(t),
        json!({}),
    )
    .await;
    meetup(
        app,
        t,
        "djangauvergne",
        json!({ "title": "Passé", "starts_at": "2020-12-06T19:00", "venue_id": ness }),
    )
    .await;
    (owner.token, clermont)
}

fn titles(body: &Value) -> Vec<String> {
    body["meetups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["title"].as_str().unwrap().to_string())
        .collect()
}

async fn search_by_distance_and_text(app: TestApp) {
    let (_, clermont) = two_groups(&app).await;
    let (status, body) = app.get("/api/v1/meetups", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        titles(&body),
        ["Apéro Django", "Python à Paris", "Visio Wagtail"]
    );
    let online = &body["meetups"][2];
    assert_eq!(online["place"], "Online");
    assert_eq!(online["online"], true);
    assert_eq!(online["group_slug"], "djangauvergne");

    let (status, body) = app
        .get("/api/v1/meetups?near=45.77,3.08&radius_km=20", None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(titles(&body), ["Apéro Django"]);
    assert_eq!(body["meetups"][0]["id"], clermont.as_str());
    assert!(body["meetups"][0]["distance_km"].as_f64().unwrap() < 2.0);
    let (_, wide) = app
        .get("/api/v1/meetups?near=45.77,3.08&radius_km=400", None)
        .await;
    assert_eq!(titles(&wide), ["Apéro Django", "Python à Paris"]);

    let (_, body) = app.get("/api/v1/meetups?q=clermont", None).await;
    assert_eq!(titles(&body), ["Apéro Django"], "by the venue's city");
    let (_, body) = app.get("/api/v1/meetups?q=PYTHON%20A", None).await;
    assert_eq!(titles(&body), ["Python à Paris"], "case and accents aside");
    let (_, body) = app.get("/api/v1/meetups?q=djangauvergne", None).await;
    assert_eq!(
        titles(&body),
        ["Apéro Django", "Visio Wagtail"],
        "by the group"
    );
    let (_, body) = app
        .get("/api/v1/meetups?from=2030-12-04&to=2030-12-05", None)
        .await;
    assert_eq!(titles(&body), ["Python à Paris"]);

    for (query, field) in [
        ("near=45.77", "near"),
        ("near=95,3", "near"),
        ("near=45.77,3.08&radius_km=-5", "radius_km"),
        ("from=demain", "from"),
    ] {
        let (status, body) = app.get(&format!("/api/v1/meetups?{query}"), None).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert_eq!(body["error"]["field"], field, "{query}");
    }

    // The page lists the same.
    let (status, html) = app
        .page("/explore?near=45.77,3.08&radius_km=20&lang=en")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Apéro Django") && !html.contains("Python à Paris"));
    let (_, html) = app.page("/explore?lang=en").await;
    assert!(html.contains("Visio Wagtail") && html.contains("Online"));
    assert!(!html.contains("Annulé") && !html.contains("Passé"));
    let (status, html) = app.page("/explore?near=nowhere&lang=en").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("nowhere"), "the form is kept");
}

async fn groups_calendar_and_reports_of_the_instance(app: TestApp) {
    let (token, _) = two_groups(&app).await;
    let member = app.register("member@example.org", "Member").await;
    app.post(
        "/api/v1/groups/parispy/members",
        Some(&member.token),
        json!({}),
    )
    .await;
    let (status, html) = app.page("/groups?lang=en").await;
    assert_eq!(status, StatusCode::OK);
    let dja = html.find("DjangAuvergne").unwrap();
    let paris = html.find("Paris.py").unwrap();
    assert!(dja < paris, "by name");
    assert!(
        html.contains("2 members"),
        "Paris.py: its organiser and a member"
    );
    assert!(html.contains("Apéro Django") && html.contains("Python à Paris"));

    let response = app.api.get(app.url("/calendar.ics")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let etag = response.headers()["etag"].to_str().unwrap().to_string();
    let ics = response.text().await.unwrap();
    for title in ["Apéro Django", "Python à Paris", "Visio Wagtail"] {
        assert!(ics.contains(title), "{title}");
    }
    assert!(ics.contains("STATUS:CANCELLED"));
    let again = app
        .api
        .get(app.url("/calendar.ics"))
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);

    // A past meetup's report, published, is in the instance's feed.
    let past = meetup(
        &app,
        &token,
        "parispy",
        json!({ "title": "Ancien", "starts_at": "2021-03-01T19:00" }),
    )
    .await;
    let (status, _) = app
        .put(
            &format!("/api/v1/meetups/{past}/report"),
            Some(&token),
            json!({ "title": "Compte rendu de mars", "body_markdown": "Bien.", "published": true }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let response = app.api.get(app.url("/reports.atom")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let atom = response.text().await.unwrap();
    assert!(atom.contains("Paris.py — Compte rendu de mars"), "{atom}");
}

on_both_backends!(
    search_by_distance_and_text,
    groups_calendar_and_reports_of_the_instance,
);
