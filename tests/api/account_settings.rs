//! What a member changes of their own account, through the API and `/account`.

use reqwest::StatusCode;
use serde_json::json;

use crate::groups::create_group;
use crate::helpers::TestApp;
use crate::meetups::create_meetup;
use crate::on_both_backends;

async fn sign_in(app: &TestApp, email: &str, password: &str) -> (StatusCode, String) {
    let (status, body) = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({ "email": email, "password": password }),
        )
        .await;
    (
        status,
        body["token"].as_str().unwrap_or_default().to_string(),
    )
}

async fn profile_and_password_through_the_api(app: TestApp) {
    let sam = app.register("sam@example.org", "Sam").await;
    let (_, other_token) = sign_in(&app, "sam@example.org", "correct horse battery").await;
    let laptop = app.new_browser();
    laptop.login("sam@example.org").await;
    let token = Some(sam.token.as_str());
    let (status, me) = app
        .patch(
            "/api/v1/me",
            token,
            json!({ "name": "Samuel", "locale": "en" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(
        (me["name"].as_str(), me["locale"].as_str()),
        (Some("Samuel"), Some("en"))
    );
    for (body, field) in [
        (json!({ "name": " " }), "name"),
        (json!({ "locale": "de" }), "locale"),
    ] {
        let (status, error) = app.patch("/api/v1/me", token, body).await;
        assert_eq!(
            (status, error["error"]["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some(field))
        );
    }
    let change = |current: &str, new: &str| json!({ "current_password": current, "password": new });
    let (status, _) = app
        .post(
            "/api/v1/me/password",
            token,
            change("a wrong guess", "a new long secret"),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, error) = app
        .post(
            "/api/v1/me/password",
            token,
            change("correct horse battery", "short"),
        )
        .await;
    assert_eq!(
        (status, error["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("password"))
    );
    let (status, _) = app
        .post(
            "/api/v1/me/password",
            token,
            change("correct horse battery", "a new long secret"),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    // The token in use stays; every other session and token ends.
    assert_eq!(app.get("/api/v1/me", token).await.0, StatusCode::OK);
    assert_eq!(
        app.get("/api/v1/me", Some(&other_token)).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(laptop.page("/account").await.0, StatusCode::SEE_OTHER);
    assert_eq!(
        sign_in(&app, "sam@example.org", "correct horse battery")
            .await
            .0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        sign_in(&app, "sam@example.org", "a new long secret")
            .await
            .0,
        StatusCode::OK
    );
}

async fn leaving_groups_and_the_account_page(app: TestApp) {
    let owner = app.register("owner@example.org", "Owner").await;
    let member = app.register("member@example.org", "Member").await;
    create_group(&app, &owner, "grp").await;
    let leave = "/api/v1/groups/grp/members/me";
    let (status, body) = app.delete(leave, Some(&owner.token)).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("last_organiser"))
    );
    app.post("/api/v1/groups/grp/members", Some(&member.token), json!({}))
        .await;
    let meetup = create_meetup(
        &app,
        &owner.token,
        json!({ "title": "Soirée Wagtail", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    app.rsvp(meetup["id"].as_str().unwrap(), &member.token, "yes")
        .await;
    // `/account` lists my groups and what I am going to.
    let browser = app.new_browser();
    browser.login("member@example.org").await;
    let (status, html) = browser.page("/account").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Soirée Wagtail") && html.contains("action=\"/groups/grp/leave\""),
        "{html}"
    );
    // Forms come back with their errors next to the fields.
    let response = browser
        .submit_form(
            "/account",
            "/account/profile",
            &[("name", ""), ("locale", "fr")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("id=\"name-error\""));
    let response = browser
        .submit_form(
            "/account",
            "/account/password",
            &[
                ("current_password", "not it"),
                ("password", "a new long secret"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("id=\"current_password-error\""));
    let response = browser
        .submit_form(
            "/account",
            "/account/profile",
            &[("name", "Membre"), ("locale", "fr")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, me) = app.get("/api/v1/me", Some(&member.token)).await;
    assert_eq!(me["name"], "Membre");
    // Leaving from the page, then through the API (again: nothing to do).
    let response = browser
        .submit_form("/account", "/groups/grp/leave", &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, members) = app
        .get("/api/v1/groups/grp/members", Some(&owner.token))
        .await;
    assert_eq!(members["members"].as_array().unwrap().len(), 1, "{members}");
    assert_eq!(
        app.delete(leave, Some(&member.token)).await.0,
        StatusCode::NO_CONTENT
    );
}

on_both_backends!(
    profile_and_password_through_the_api,
    leaving_groups_and_the_account_page
);

async fn the_personal_calendar_link_can_be_changed_from_the_account_page(app: TestApp) {
    app.register("cal@example.org", "Cal").await;
    let browser = app.new_browser();
    browser.login("cal@example.org").await;
    let feed = |html: &str| {
        let start = html.find("/calendar/").expect("the feed address");
        html[start..].split('"').next().unwrap().to_string()
    };
    let (_, html) = browser.page("/account").await;
    let old = feed(&html);
    assert_eq!(browser.page(&old).await.0, StatusCode::OK);
    let response = browser
        .submit_form("/account", "/account/calendar/rotate", &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = browser.page("/account").await;
    let new = feed(&html);
    assert_ne!(new, old);
    assert_eq!(
        browser.page(&old).await.0,
        StatusCode::NOT_FOUND,
        "the old one stops"
    );
    assert_eq!(browser.page(&new).await.0, StatusCode::OK);
}

on_both_backends!(the_personal_calendar_link_can_be_changed_from_the_account_page);

/// Issue 33: a saved setting says so next to the form saved, not at the top of a long page.
async fn saved_settings_say_so_next_to_their_form(app: TestApp) {
    let owner = app.register("owner@example.org", "Owner").await;
    create_group(&app, &owner, "grp").await;
    let browser = app.new_browser();
    browser.login("owner@example.org").await;
    let response = browser
        .submit_form(
            "/account",
            "/account/groups/grp/mail",
            &[("announcements", "on")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/account#mail-grp");
    let (_, html) = browser.page("/account").await;
    let saved = html
        .find("Preferences saved for DjangAuvergne")
        .expect("the confirmation is shown");
    let form = html.find("id=\"mail-grp\"").unwrap();
    assert!(saved > form, "inside the group's form, not above the page");
    assert_eq!(html.matches("Preferences saved").count(), 1);
    let (_, html) = browser.page("/account").await;
    assert!(!html.contains("Preferences saved"), "shown once");

    let response = browser
        .submit_form("/account", "/account/mail", &[("reminders", "on")])
        .await;
    assert_eq!(response.headers()["location"], "/account#mail");
    let (_, html) = browser.page("/account").await;
    let saved = html.find("Preferences saved.").unwrap();
    assert!(saved > html.find("id=\"mail\"").unwrap());
}

on_both_backends!(saved_settings_say_so_next_to_their_form);
