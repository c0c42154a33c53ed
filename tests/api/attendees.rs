//! What organisers get of who is coming: e-mail addresses, a CSV and a sign-in sheet.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::TestApp;
use crate::meetups::{create_meetup, group_with_venue};
use crate::on_both_backends;

async fn organisers_download_who_is_coming(app: TestApp) {
    let f = group_with_venue(&app).await;
    let meetup = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Apéro", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let id = meetup["id"].as_str().unwrap();
    let sly = app.register("sly@example.org", "=HYPERLINK(\"x\")").await;
    let (status, _) = app
        .put(
            &format!("/api/v1/meetups/{id}/rsvp"),
            Some(&sly.token),
            json!({ "answer": "yes", "guests": 2 }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    app.rsvp(id, &f.member.token, "yes").await;

    let csv = format!("/api/v1/meetups/{id}/attendees.csv");
    let response = app
        .api
        .get(app.url(&csv))
        .bearer_auth(&f.owner.token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let body = response.text().await.unwrap();
    let lines: Vec<&str> = body.lines().collect();
    assert_eq!(
        lines.len(),
        3,
        "a header and one row per going member: {body}"
    );
    assert!(
        lines.contains(&"\"'=HYPERLINK(\"\"x\"\")\",sly@example.org,2,0"),
        "a formula is kept as text: {body}"
    );
    let as_member = app
        .api
        .get(app.url(&csv))
        .bearer_auth(&f.member.token)
        .send()
        .await
        .unwrap();
    assert_eq!(as_member.status(), StatusCode::FORBIDDEN);
    let anonymous = app.api.get(app.url(&csv)).send().await.unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);

    // From the organiser's browser: the check-in page links the CSV and the sheet.
    let browser = app.new_browser();
    browser.login("owner@example.org").await;
    let page = format!("/groups/grp/meetups/{id}");
    let (_, checkin) = browser.page(&format!("{page}/checkin")).await;
    assert!(checkin.contains("href=\"mailto:sly@example.org\""));
    assert!(checkin.contains(&format!("href=\"{csv}\"")));
    let (status, body) = browser.page(&csv).await;
    assert_eq!((status, body.lines().count()), (StatusCode::OK, 3));
    let (status, sheet) = browser.page(&format!("{page}/sign-in-sheet")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(sheet.contains("=HYPERLINK(&quot;x&quot;)") && sheet.contains("☐"));
    let member = app.new_browser();
    member.login("member@example.org").await;
    let (status, _) = member.page(&format!("{page}/sign-in-sheet")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

on_both_backends!(organisers_download_who_is_coming);
