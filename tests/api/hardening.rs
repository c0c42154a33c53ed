//! Hostile input: whatever arrives, the answer is a clear 4xx and nothing is stored.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{csrf_token, TestApp};
use crate::meetups::{create_meetup, group_with_venue};
use crate::on_both_backends;
use crate::reports::import;

const FIXTURE: &[u8] = include_bytes!("../../src/reports/testdata/premier-meetup.md");

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

const UNSUPPORTED: &str = "This kind of content cannot be sent here.";

/// Issue 30, defect 7: a page's form sent with no `Content-Type`, as text, as JSON or as
/// multipart reached its handler unchecked (a NUL answered 500 on PostgreSQL; NUL, ESC and BEL
/// were stored). Each route reads one kind of body, checked, and refuses any other with 415.
async fn control_characters_are_refused_whatever_the_content_type(app: TestApp) {
    let f = group_with_venue(&app).await;
    let browser = app.new_browser();
    browser.login("member@example.org").await;
    let form_page = "/groups/grp/venue-suggestions/new";
    let token = csrf_token(&browser.page(form_page).await.1);
    let post = || browser.client.post(browser.url(form_page));
    for bad in ["Nul\u{0}", "Esc\u{1b}[31m", "Bel\u{7}"] {
        let fields = [
            ("name", "Salle"),
            ("address", "1 rue Blatin"),
            ("note", bad),
            ("csrf_token", &token),
        ];
        let encoded = serde_urlencoded::to_string(fields).unwrap();
        for content_type in [
            None,
            Some("text/plain"),
            Some("application/json"),
            Some("multipart/form-data; boundary=x"),
            Some("text/markdown"),
        ] {
            let mut request = post().body(encoded.clone());
            if let Some(content_type) = content_type {
                request = request.header("content-type", content_type);
            }
            let response = request.send().await.unwrap();
            assert_eq!(
                response.status(),
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "{bad:?} as {content_type:?}"
            );
            let html = response.text().await.unwrap();
            assert!(html.contains(UNSUPPORTED), "a page says why: {html}");
        }
        // Real multipart fields, too: a page's form is URL-encoded.
        let mut form = reqwest::multipart::Form::new();
        for (name, value) in fields {
            form = form.text(name, value.to_string());
        }
        let response = post().multipart(form).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
        // URL-encoded, the field is named.
        let response = post().form(&fields).send().await.unwrap();
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{bad:?}"
        );
        let html = response.text().await.unwrap();
        assert!(html.contains("&quot;note&quot; contains a control character"));
    }
    let suggestions = || app.get("/api/v1/groups/grp/venue-suggestions", None);
    assert_eq!(
        suggestions().await.1["suggestions"],
        json!([]),
        "nothing stored"
    );
    let clean = [
        ("name", "Salle"),
        ("address", "1 rue Blatin"),
        ("note", "Tab\there\r\nand line"),
        ("csrf_token", &token),
    ];
    let response = post().form(&clean).send().await.unwrap();
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "a clean form is saved"
    );

    // The API reads JSON only, including where the body is optional.
    let (_, suggestion) = app
        .post(
            "/api/v1/groups/grp/venue-suggestions",
            Some(&f.member.token),
            json!({ "name": "Le Bistrot", "address": "1 place de Jaude" }),
        )
        .await;
    let accept = format!(
        "/api/v1/venue-suggestions/{}/accept",
        suggestion["id"].as_str().unwrap()
    );
    let meetup = json!({ "title": "Nul\u{0}", "starts_at": "2030-12-03T19:00" }).to_string();
    for (path, body) in [
        (accept.as_str(), json!({ "meetup_id": "\u{0}" }).to_string()),
        ("/api/v1/groups/grp/meetups", meetup),
    ] {
        for content_type in [
            None,
            Some("text/plain"),
            Some("application/x-www-form-urlencoded"),
        ] {
            let mut request = app
                .api
                .post(app.url(path))
                .bearer_auth(&f.owner.token)
                .body(body.clone());
            if let Some(content_type) = content_type {
                request = request.header("content-type", content_type);
            }
            let (status, body) = crate::helpers::body(request.send().await.unwrap()).await;
            assert_eq!(
                (status, body["error"]["code"].as_str()),
                (
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    Some("unsupported_media_type")
                ),
                "{path} as {content_type:?}"
            );
        }
    }
    let (_, listed) = suggestions().await;
    let listed = listed["suggestions"].as_array().unwrap();
    assert_eq!(listed.len(), 2);
    assert!(
        listed.iter().all(|s| s["status"] == "open"),
        "none accepted"
    );
    let (_, listed) = app.get("/api/v1/groups/grp/meetups", None).await;
    assert_eq!(listed["meetups"], json!([]));

    // The upload of report files checks its fields; its files go through the Pelican parser.
    let owner = app.new_browser();
    owner.login("owner@example.org").await;
    let page = "/groups/grp/reports/import";
    let token = csrf_token(&owner.page(page).await.1);
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", token)
        .text("note", "Bel\u{7}")
        .part(
            "files",
            reqwest::multipart::Part::bytes(FIXTURE).file_name("a.md"),
        );
    let response = owner
        .client
        .post(owner.url(page))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("&quot;note&quot; contains a control character"));
    let (_, past) = app.get("/api/v1/groups/grp/meetups?when=past", None).await;
    assert_eq!(past["meetups"], json!([]), "nothing imported");

    // A mail client's one-click unsubscribe reads no body, whatever it is sent as (RFC 8058).
    let topic = rendezvous::mail::unsubscribe::MailTopic::Reminders;
    let member = rendezvous::domain::ids::UserId::from(f.member.id.clone());
    let unsubscribe =
        rendezvous::mail::unsubscribe::unsubscribe_path(&app.settings.secret_key, &member, &topic);
    let one_click = reqwest::multipart::Form::new().text("List-Unsubscribe", "One-Click");
    let response = app
        .api
        .post(app.url(&unsubscribe))
        .multipart(one_click)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

/// Issue 30, defect 12: the upload of report files capped each file (20 × 1 MiB) but not the
/// body: 12 MB of other fields were read and accepted. Its fields share a form's limit, and the
/// whole body has one (`UPLOAD_LIMIT`).
async fn upload_form_body_is_capped_as_a_whole(app: TestApp) {
    group_with_venue(&app).await;
    let owner = app.new_browser();
    owner.login("owner@example.org").await;
    let page = "/groups/grp/reports/import";
    let token = csrf_token(&owner.page(page).await.1);
    let upload = |form: reqwest::multipart::Form| {
        let form = form.text("csrf_token", token.clone()).part(
            "files",
            reqwest::multipart::Part::bytes(FIXTURE).file_name("a.md"),
        );
        owner.client.post(owner.url(page)).multipart(form).send()
    };
    let mut junk_fields = reqwest::multipart::Form::new();
    for i in 0..12 {
        junk_fields = junk_fields.text(format!("junk{i}"), "x".repeat(1_000_000));
    }
    let mut junk_files = reqwest::multipart::Form::new();
    for i in 0..=rendezvous::config::UPLOAD_MAX_FILES {
        let part =
            reqwest::multipart::Part::bytes(vec![b'x'; rendezvous::config::UPLOAD_MAX_FILE_BYTES])
                .file_name(format!("junk{i}.bin"));
        junk_files = junk_files.part("junk", part);
    }
    for (what, form) in [
        ("12 MB of fields", junk_fields),
        ("21 MiB of other files", junk_files),
    ] {
        let response = upload(form).await.unwrap();
        assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE, "{what}");
        let html = response.text().await.unwrap();
        assert!(
            html.contains("What you sent is too large."),
            "a page says why: {html}"
        );
    }
    let (_, past) = app.get("/api/v1/groups/grp/meetups?when=past", None).await;
    assert_eq!(past["meetups"], json!([]), "nothing imported");
    // The same upload with a note of a few words goes through.
    let response = upload(reqwest::multipart::Form::new().text("note", "ok"))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let (_, past) = app.get("/api/v1/groups/grp/meetups?when=past", None).await;
    assert_eq!(past["meetups"].as_array().unwrap().len(), 1);
}

on_both_backends!(
    control_characters_are_refused_whatever_the_content_type,
    upload_form_body_is_capped_as_a_whole,
);

/// Issue 33: the expired-form page labels what was kept with the form's own labels, not its
/// field names, and keeps line breaks with the style sheet (its CSP refuses inline styles).
async fn an_expired_form_labels_what_was_typed(app: TestApp) {
    let f = group_with_venue(&app).await;
    let m = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Talks", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let browser = app.new_browser();
    browser.login("member@example.org").await;
    let action = format!(
        "/groups/grp/meetups/{}/talks/new",
        m["id"].as_str().unwrap()
    );
    let response = browser
        .client
        .post(browser.url(&format!("{action}?lang=en")))
        .header("sec-fetch-site", "same-origin")
        .form(&[
            ("title", "Forgotten talk"),
            ("abstract", "Line one\nLine two"),
            ("csrf_token", "stale"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let html = response.text().await.unwrap();
    assert!(html.contains("<dt>Title</dt>"), "{html}");
    assert!(html.contains("<dt>Abstract</dt>"), "{html}");
    assert!(!html.contains("<dt>abstract</dt>"));
    assert!(html.contains("class=\"facts kept\""), "{html}");
    assert!(!html.contains("style="), "no inline style: {html}");
}

on_both_backends!(an_expired_form_labels_what_was_typed);
