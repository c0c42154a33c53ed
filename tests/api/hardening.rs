//! Hostile input: whatever arrives, the answer is a clear 4xx and nothing is stored.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::TestApp;
use crate::meetups::{create_meetup, group_with_venue};
use crate::on_both_backends;
use crate::reports::import;

async fn control_characters_are_refused_everywhere(app: TestApp) {
    let f = group_with_venue(&app).await;
    let owner = Some(f.owner.token.as_str());
    // A NUL in a JSON body names its field, and the meetup is not created.
    let (status, body) = app
        .post(
            "/api/v1/groups/grp/meetups",
            owner,
            json!({ "title": "Nul", "starts_at": "2030-12-03T19:00", "description": "a\u{0}b" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "validation_failed");
    assert_eq!(body["error"]["field"], "description");
    let (_, listed) = app.get("/api/v1/groups/grp/meetups", None).await;
    assert_eq!(listed["meetups"], json!([]));
    // Escape sequences and lone carriage returns too; tabs and CRLF line breaks are text.
    for (description, expected) in [
        ("\u{1b}[31mred", StatusCode::UNPROCESSABLE_ENTITY),
        ("one\rtwo", StatusCode::UNPROCESSABLE_ENTITY),
        ("Tab\there\r\nand line", StatusCode::CREATED),
    ] {
        let (status, body) = app
            .post(
                "/api/v1/groups/grp/meetups",
                owner,
                json!({ "title": "T", "starts_at": "2030-12-03T19:00", "description": description }),
            )
            .await;
        assert_eq!(status, expected, "{description:?}: {body}");
    }
    let meetup = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Ok", "starts_at": "2030-12-04T19:00" }),
    )
    .await;
    let id = meetup["id"].as_str().unwrap();
    // Ids inside bodies, and e-mail addresses at sign-in.
    let (status, body) = app
        .put(
            &format!("/api/v1/meetups/{id}/rsvp"),
            Some(&f.member.token),
            json!({ "answer": "yes", "note": "x\u{0}" }),
        )
        .await;
    assert_eq!(
        (status, body["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("note"))
    );
    let (status, body) = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({ "email": "member@example.org\u{0}", "password": "x" }),
        )
        .await;
    assert_eq!(
        (status, body["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("email"))
    );
    // Query parameters name theirs; path segments are simply not found, signed in or not.
    let (status, body) = app.get("/api/v1/groups/grp/meetups?when=%00", None).await;
    assert_eq!(
        (status, body["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("when"))
    );
    for path in [
        "/meetups/%00.ics".to_string(),
        "/groups/grp%00".to_string(),
        format!("/api/v1/meetups/{id}%00"),
        "/api/v1/groups/%01grp/meetups".to_string(),
    ] {
        let response = app.api.get(app.url(&path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
    }
    // HTML forms get the error page in the browser's language.
    let response = app
        .submit_form(
            "/login",
            "/login",
            &[("email", "a\u{0}@example.org"), ("password", "x")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("&quot;email&quot; contains a control character"),
        "{html}"
    );
    // A Pelican file: through the API (and the CLI, which shares the parser).
    let (status, body) = import(
        &app,
        owner,
        b"Title: T\nDate: 2020-01-01\n\nBody \x00 here\n",
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["field"], "body");
}

on_both_backends!(control_characters_are_refused_everywhere);
