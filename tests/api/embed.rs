//! The group's list for other sites: the embeddable page's framing policy, `upcoming.json`
//! readable from anywhere, the organisers' choice of sites.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::TestApp;
use crate::meetups::{create_meetup, group_with_venue};
use crate::on_both_backends;

fn header(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_string())
}

async fn the_embed_may_be_framed_and_nothing_else(app: TestApp) {
    let f = group_with_venue(&app).await;
    create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Apéro Django", "starts_at": "2030-12-03T19:00", "venue_id": f.venue_id, "capacity": 12 }),
    )
    .await;
    create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Visio Python", "starts_at": "2030-12-10T19:00", "online_url": "https://meet.example.org/x" }),
    )
    .await;
    let cancelled = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Annulée", "starts_at": "2030-12-17T19:00" }),
    )
    .await;
    let id = cancelled["id"].as_str().unwrap();
    app.post(
        &format!("/api/v1/meetups/{id}/cancel"),
        Some(&f.owner.token),
        json!({}),
    )
    .await;
    create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Passée", "starts_at": "2020-01-10T19:00" }),
    )
    .await;

    let response = app
        .api
        .get(app.url("/groups/grp/embed?lang=en"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let csp = header(&response, "content-security-policy").unwrap();
    assert!(csp.contains("frame-ancestors *"), "{csp}");
    assert!(csp.contains("script-src 'none'"));
    assert_eq!(header(&response, "x-frame-options"), None);
    let html = response.text().await.unwrap();
    assert!(html.contains("Apéro Django") && html.contains("Visio Python"));
    assert!(html.contains("12 seats left"), "{html}");
    assert!(html.contains("Online"));
    assert!(!html.contains("Annulée") && !html.contains("Passée"));
    assert!(!html.contains("<script"));
    assert!(html.contains("target=\"_top\""));

    // Every other page keeps refusing frames.
    for path in [
        "/groups/grp",
        "/",
        "/groups/grp/upcoming.json",
        "/api/v1/groups/grp",
    ] {
        let response = app.api.get(app.url(path)).send().await.unwrap();
        let csp = header(&response, "content-security-policy").unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert_eq!(
            header(&response, "x-frame-options").as_deref(),
            Some("DENY"),
            "{path}"
        );
    }

    // Organisers name the sites allowed.
    let (status, body) = app
        .put(
            "/api/v1/groups/grp/embed",
            Some(&f.owner.token),
            json!({ "origins": ["https://djangauvergne.org/", "https://*.example.org"] }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body["origins"],
        json!(["https://djangauvergne.org", "https://*.example.org"])
    );
    let response = app
        .api
        .get(app.url("/groups/grp/embed"))
        .send()
        .await
        .unwrap();
    let csp = header(&response, "content-security-policy").unwrap();
    assert!(
        csp.ends_with("frame-ancestors https://djangauvergne.org https://*.example.org"),
        "{csp}"
    );
    for bad in ["djangauvergne.org", "https://x.org; script-src *", "'self'"] {
        let (status, body) = app
            .put(
                "/api/v1/groups/grp/embed",
                Some(&f.owner.token),
                json!({ "origins": [bad] }),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert_eq!(body["error"]["field"], "embed_origins");
    }
    let (status, _) = app
        .put(
            "/api/v1/groups/grp/embed",
            Some(&f.member.token),
            json!({ "origins": [] }),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // Back to any site.
    app.put(
        "/api/v1/groups/grp/embed",
        Some(&f.owner.token),
        json!({ "origins": [] }),
    )
    .await;
    let response = app
        .api
        .get(app.url("/groups/grp/embed"))
        .send()
        .await
        .unwrap();
    assert!(header(&response, "content-security-policy")
        .unwrap()
        .contains("frame-ancestors *"));

    // One connection per render.
    assert_eq!(
        app.checkouts_for(app.api.get(app.url("/groups/grp/embed")))
            .await,
        1
    );
    assert_eq!(
        app.checkouts_for(app.api.get(app.url("/groups/grp/upcoming.json")))
            .await,
        1
    );
    let (status, _) = app.page("/groups/nope/embed").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn upcoming_json_is_readable_from_any_site(app: TestApp) {
    let f = group_with_venue(&app).await;
    let m = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Apéro Django", "starts_at": "2030-12-03T19:00", "venue_id": f.venue_id, "capacity": 12 }),
    )
    .await;
    create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Visio", "starts_at": "2030-12-10T19:00" }),
    )
    .await;
    app.rsvp(m["id"].as_str().unwrap(), &f.member.token, "yes")
        .await;
    let response = app
        .api
        .get(app.url("/groups/grp/upcoming.json"))
        .header("Origin", "https://djangauvergne.org")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        header(&response, "access-control-allow-origin").as_deref(),
        Some("*")
    );
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["group"]["slug"], "grp");
    let meetups = body["meetups"].as_array().unwrap();
    assert_eq!(meetups.len(), 2);
    assert_eq!(meetups[0]["title"], "Apéro Django");
    assert_eq!(meetups[0]["starts_at"], "2030-12-03T18:00:00Z");
    assert_eq!(meetups[0]["seats_left"], 11);
    assert_eq!(meetups[0]["venue"]["name"], "Ness Pub");
    assert_eq!(meetups[1]["online"], true);
    assert_eq!(meetups[1]["venue"], serde_json::Value::Null);
}

async fn the_settings_page_gives_the_snippet(app: TestApp) {
    let _f = group_with_venue(&app).await;
    let browser = app.new_browser();
    browser.login("owner@example.org").await;
    let (status, html) = browser.page("/groups/grp/edit?lang=en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("&lt;iframe src=&quot;http://rendezvous.test/groups/grp/embed&quot;"),
        "{html}"
    );
    assert!(html.contains("/groups/grp/upcoming.json"));
    assert!(html.contains("/groups/grp/webhooks"));
    let response = browser
        .submit_form(
            "/groups/grp/edit",
            "/groups/grp/embed/origins",
            &[(
                "embed_origins",
                "https://djangauvergne.org\nhttp://localhost:8000",
            )],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = browser.page("/groups/grp/edit").await;
    assert!(html.contains("https://djangauvergne.org\nhttp://localhost:8000"));
    let response = app
        .api
        .get(app.url("/groups/grp/embed"))
        .send()
        .await
        .unwrap();
    assert!(header(&response, "content-security-policy")
        .unwrap()
        .ends_with("frame-ancestors https://djangauvergne.org http://localhost:8000"));
}

on_both_backends!(
    the_embed_may_be_framed_and_nothing_else,
    upcoming_json_is_readable_from_any_site,
    the_settings_page_gives_the_snippet,
);
