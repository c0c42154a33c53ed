//! The meetup page's form without an account (#32): a fault in what was typed answers a page
//! with the form again, the values kept and the fault beside its field.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::TestApp;
use crate::meetups::{create_meetup, group_with_venue};
use crate::on_both_backends;

async fn faults_show_the_form_again_with_what_was_typed(app: TestApp) {
    let f = group_with_venue(&app).await;
    let m = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Apéro", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let path = format!(
        "/groups/grp/meetups/{}/guest-rsvp",
        m["id"].as_str().unwrap()
    );
    let visitor = app.new_browser();
    let post = |fields: Vec<(&'static str, &'static str)>| {
        visitor.client.post(visitor.url(&path)).form(&fields).send()
    };
    // A bad address: the name and the guests stay, the fault is beside the address.
    let response = post(vec![
        ("name", "Ada Lovelace"),
        ("email", "ada-at-example"),
        ("guests", "2"),
        ("keep_informed", "yes"),
    ])
    .await
    .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(page.contains(r#"value="Ada Lovelace""#), "{page}");
    assert!(page.contains(r#"value="ada-at-example""#), "{page}");
    assert!(page.contains(r#"<option value="2" selected>"#), "{page}");
    assert!(page.contains(r#"id="email-error""#), "{page}");
    assert!(!page.contains(r#"id="name-error""#), "{page}");
    assert!(
        page.contains(r#"name="keep_informed" value="yes" checked"#),
        "{page}"
    );
    // An empty name: its own fault, the address kept.
    let response = post(vec![
        ("name", "  "),
        ("email", "ada@example.org"),
        ("guests", "0"),
    ])
    .await
    .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(page.contains(r#"id="name-error""#), "{page}");
    assert!(page.contains(r#"value="ada@example.org""#), "{page}");
    assert!(page.contains("<html lang=\"fr\""), "the group's language");
    // Fixed, it goes through as before.
    let response = post(vec![
        ("name", "Ada"),
        ("email", "ada@example.org"),
        ("guests", "0"),
    ])
    .await
    .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
}

on_both_backends!(faults_show_the_form_again_with_what_was_typed);
