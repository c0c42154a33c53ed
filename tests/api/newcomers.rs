//! Newcomers from a shared link (#32): "I'm going" and "Join the group" lead a signed-out visitor
//! through sign-up or sign-in and back, with the answer recorded by that form's own POST; the
//! link's preview, seats left on the group's lists, and a suggestion for a mistyped group.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{Browser, TestApp};
use crate::meetups::{create_meetup, group_with_venue};
use crate::on_both_backends;

/// The `href` of the element with this id (ids come before `href` in our markup).
fn href_of(html: &str, id: &str) -> String {
    let marker = format!("id=\"{id}\" href=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no #{id} in {html}"))
        + marker.len();
    let end = html[start..].find('"').unwrap() + start;
    html[start..end].replace("&amp;", "&")
}

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_string()
}

async fn meetup(app: &TestApp, token: &str, capacity: Option<i64>) -> (String, String) {
    let mut input = json!({ "title": "Apéro Django", "starts_at": "2030-12-03T19:00" });
    if let Some(capacity) = capacity {
        input["capacity"] = json!(capacity);
    }
    let id = create_meetup(app, token, input).await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let page = format!("/groups/grp/meetups/{id}");
    (id, page)
}

async fn going_count(app: &TestApp, id: &str) -> Value {
    app.get(&format!("/api/v1/meetups/{id}"), None).await.1["going_count"].clone()
}

/// Follows "I'm going" as a signed-out visitor to the sign-up page, checking what it carries.
async fn sign_up_page_from_going(visitor: &Browser, page: &str) -> String {
    let (_, html) = visitor.page(page).await;
    let register = href_of(&html, "rsvp-going");
    assert!(register.starts_with("/register?next="), "{register}");
    let (status, form) = visitor.page(&register).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        form.contains(&format!("name=\"next\" value=\"{page}/rsvp?answer=yes\"")),
        "{form}"
    );
    assert!(
        form.contains("id=\"sign-in-intent\""),
        "says what happens next"
    );
    assert!(
        form.contains("/login?next=%2Fgroups%2Fgrp%2Fmeetups%2F"),
        "the sign-in link carries next"
    );
    register
}

async fn signing_up_from_im_going_lands_on_the_meetup_going(app: TestApp) {
    let f = group_with_venue(&app).await;
    let (id, page) = meetup(&app, &f.owner.token, None).await;
    let visitor = app.new_browser();
    let register = sign_up_page_from_going(&visitor, &page).await;
    let response = visitor
        .submit_form(
            &register,
            "/register",
            &[
                ("email", "zoe@example.org"),
                ("name", "Zoë"),
                ("password", "correct horse battery"),
                ("locale", "fr"),
                ("next", &format!("{page}/rsvp?answer=yes")),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), format!("{page}#rsvp"));
    let (_, html) = visitor.page(&page).await;
    assert!(
        html.contains("Bienvenue, Zoë\u{202f}! C'est noté\u{202f}: vous participez\u{202f}!"),
        "{html}"
    );
    assert!(html.contains("Vous participez."), "{html}");
    assert_eq!(going_count(&app, &id).await, 1);
}

async fn signing_in_from_im_going_lands_on_the_meetup_with_the_usual_rules(app: TestApp) {
    let f = group_with_venue(&app).await;
    let (id, page) = meetup(&app, &f.owner.token, Some(1)).await;
    app.rsvp(&id, &f.owner.token, "yes").await;
    let visitor = app.new_browser();
    let (_, html) = visitor.page(&page).await;
    let login = href_of(&html, "rsvp-going").replace("/register?", "/login?");
    let (_, form) = visitor.page(&login).await;
    assert!(
        form.contains("/register?next=%2Fgroups%2Fgrp%2Fmeetups%2F"),
        "the sign-up link carries next"
    );
    let response = visitor
        .submit_form(
            &login,
            "/login",
            &[
                ("email", "member@example.org"),
                ("password", "correct horse battery"),
                ("next", &format!("{page}/rsvp?answer=yes")),
            ],
        )
        .await;
    assert_eq!(location(&response), format!("{page}#rsvp"));
    let (_, html) = visitor.page(&page).await;
    assert!(
        html.contains("Welcome, Member! The meetup is full: you are on the waitlist, position 1."),
        "full: the newcomer waits in line, {html}"
    );
    assert_eq!(going_count(&app, &id).await, 1);

    // Someone already going with a guest keeps the guest.
    let (guest_id, guest_page) = meetup(&app, &f.owner.token, None).await;
    let (status, _) = app
        .put(
            &format!("/api/v1/meetups/{guest_id}/rsvp"),
            Some(&f.owner.token),
            json!({ "answer": "yes", "guests": 1 }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let returning = app.new_browser();
    returning
        .submit_form(
            "/login",
            "/login",
            &[
                ("email", "owner@example.org"),
                ("password", "correct horse battery"),
                ("next", &format!("{guest_page}/rsvp?answer=yes")),
            ],
        )
        .await;
    assert_eq!(going_count(&app, &guest_id).await, 2);

    // Past the deadline the answer is refused, and the refusal is flashed.
    let (_, closed) = app
        .post(
            "/api/v1/groups/grp/meetups",
            Some(&f.owner.token),
            json!({ "title": "Hier", "starts_at": "2020-01-01T19:00", "announce": false }),
        )
        .await;
    let closed_page = format!("/groups/grp/meetups/{}", closed["id"].as_str().unwrap());
    let late = app.new_browser();
    let response = late
        .submit_form(
            "/login",
            "/login",
            &[
                ("email", "owner@example.org"),
                ("password", "correct horse battery"),
                ("next", &format!("{closed_page}/rsvp?answer=yes")),
            ],
        )
        .await;
    assert_eq!(location(&response), format!("{closed_page}#rsvp"));
    let (_, html) = late.page(&closed_page).await;
    assert!(html.contains("class=\"flash bad\""), "{html}");
    assert_eq!(going_count(&app, closed["id"].as_str().unwrap()).await, 0);
}

async fn joining_from_the_group_page_goes_through_sign_up_and_back(app: TestApp) {
    let _f = group_with_venue(&app).await;
    let visitor = app.new_browser();
    let (_, html) = visitor.page("/groups/grp").await;
    let register = href_of(&html, "join-group");
    assert_eq!(register, "/register?next=%2Fgroups%2Fgrp%2Fjoin");
    let response = visitor
        .submit_form(
            &register,
            "/register",
            &[
                ("email", "zoe@example.org"),
                ("name", "Zoë"),
                ("password", "correct horse battery"),
                ("locale", "fr"),
                ("next", "/groups/grp/join"),
            ],
        )
        .await;
    assert_eq!(location(&response), "/groups/grp");
    let (_, html) = visitor.page("/groups/grp").await;
    assert!(html.contains("Bienvenue dans le groupe"), "{html}");
    assert!(html.contains("Vous êtes membre."), "{html}");
}

/// Only a path on this site is kept as `next`; a plain GET of the intent's path records nothing.
async fn next_never_leaves_the_site_and_a_get_changes_nothing(app: TestApp) {
    let f = group_with_venue(&app).await;
    let (id, page) = meetup(&app, &f.owner.token, None).await;
    let visitor = app.new_browser();
    for form in ["/login", "/register"] {
        let (_, html) = visitor
            .page(&format!("{form}?next=https%3A%2F%2Fevil.example%2F"))
            .await;
        assert!(!html.contains("name=\"next\""), "{form}: {html}");
    }
    let response = visitor
        .submit_form(
            "/login",
            "/login",
            &[
                ("email", "member@example.org"),
                ("password", "correct horse battery"),
                ("next", "https://evil.example/"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/");

    let (status, _) = visitor.page(&format!("{page}/rsvp?answer=yes")).await;
    assert!(status.is_client_error(), "{status}");
    assert_eq!(going_count(&app, &id).await, 0);
    let newcomer = app.new_browser();
    let response = newcomer
        .submit_form(
            "/register",
            "/register",
            &[
                ("email", "zoe@example.org"),
                ("name", "Zoë"),
                ("password", "correct horse battery"),
                ("locale", "fr"),
                ("next", "//evil.example/groups/grp/join"),
            ],
        )
        .await;
    assert_eq!(location(&response), "/");
}

on_both_backends!(
    signing_up_from_im_going_lands_on_the_meetup_going,
    signing_in_from_im_going_lands_on_the_meetup_with_the_usual_rules,
    joining_from_the_group_page_goes_through_sign_up_and_back,
    next_never_leaves_the_site_and_a_get_changes_nothing,
    shared_links_preview_with_the_group_name_and_an_image,
    group_lists_show_seats_left_full_and_your_answer,
    a_near_group_address_is_suggested
);

/// A shared link's preview names the group and the site, and shows an image that is served.
async fn shared_links_preview_with_the_group_name_and_an_image(app: TestApp) {
    let f = group_with_venue(&app).await;
    let (_, page) = meetup(&app, &f.owner.token, None).await;
    let (_, html) = app.page(&page).await;
    assert!(
        html.contains(r#"<meta property="og:title" content="Apéro Django · DjangAuvergne">"#),
        "{html}"
    );
    assert!(html.contains(r#"<meta property="og:site_name" content="Rendezvous">"#));
    let marker = r#"<meta property="og:image" content=""#;
    let start = html.find(marker).expect("og:image") + marker.len();
    let image = &html[start..start + html[start..].find('"').unwrap()];
    assert!(image.starts_with("http"), "absolute: {image}");
    let path = &image[image.find("/assets/").expect("an asset")..];
    let response = reqwest::get(app.url(path)).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "image/png");
    assert!(response.bytes().await.unwrap().starts_with(b"\x89PNG"));

    let (_, group) = app.page("/groups/grp").await;
    assert!(group.contains(r#"<meta property="og:title" content="DjangAuvergne">"#));
    assert!(group.contains(&format!(r#"<meta property="og:image" content="{image}">"#)));
}

/// The group page lists seats left and "Full" for everyone (its shared copy follows answers),
/// and "You're going" only to the member who is.
async fn group_lists_show_seats_left_full_and_your_answer(app: TestApp) {
    let f = group_with_venue(&app).await;
    let (id, _) = meetup(&app, &f.owner.token, Some(2)).await;
    let (_, html) = app.page("/groups/grp").await;
    assert!(html.contains("2 places restantes"), "{html}");

    app.rsvp(&id, &f.member.token, "yes").await;
    let (_, html) = app.page("/groups/grp").await;
    assert!(
        html.contains("1 place restante"),
        "the shared copy follows: {html}"
    );
    assert!(
        !html.contains("Vous participez"),
        "no one's answer on the shared page"
    );

    let member = app.new_browser();
    member.login("member@example.org").await;
    let (_, html) = member.page("/groups/grp").await;
    assert!(html.contains("Vous participez"), "{html}");

    app.rsvp(&id, &f.owner.token, "yes").await;
    let (_, html) = app.page("/groups/grp").await;
    assert!(html.contains(">Complet<"), "{html}");
    let (_, html) = member.page("/groups/grp").await;
    assert!(html.contains(">Complet<") && html.contains("Vous participez"));
}

/// A mistyped group address suggests the group meant; a far one is a plain 404.
async fn a_near_group_address_is_suggested(app: TestApp) {
    let owner = app.register("owner@example.org", "Owner").await;
    crate::groups::create_group(&app, &owner, "djangauvergne").await;
    let (status, html) = app.page("/groups/djangoauvergne").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        html.contains(r#"<a href="/groups/djangauvergne">Did you mean DjangAuvergne?</a>"#),
        "{html}"
    );
    let (status, html) = app.page("/groups/ruby-lille").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!html.contains("Did you mean"), "{html}");
}

/// Feeds show their https address to copy and "Add to Google Calendar" beside the webcal link;
/// the meetup page's answer bar (for phones) is there for visitors and members, with one-tap yes.
async fn feeds_to_copy_and_the_answer_bar(app: TestApp) {
    let f = group_with_venue(&app).await;
    let (id, page) = meetup(&app, &f.owner.token, None).await;
    let google = "https://calendar.google.com/calendar/r?cid=webcal%3A%2F%2F";
    let (_, html) = app.new_browser().page("/groups/grp").await;
    assert!(
        html.contains(r#"id="group-feed-url""#) && html.contains("readonly"),
        "{html}"
    );
    assert!(html.contains(google), "{html}");
    let browser = app.new_browser();
    browser.login("member@example.org").await;
    let (_, html) = browser.page("/account").await;
    assert!(
        html.contains(r#"class="copy-field""#) && html.contains(google),
        "{html}"
    );
    let (_, html) = app.new_browser().page(&page).await;
    assert!(
        html.contains(r##"<div class="rsvp-bar" id="rsvp-bar"><a class="button" href="#rsvp">"##),
        "{html}"
    );
    let (_, html) = browser.page(&page).await;
    let bar = &html[html.find(r#"id="rsvp-bar""#).unwrap()..];
    assert!(bar.contains(r#"name="answer" value="yes""#), "{bar}");
    let response = browser
        .submit_form(&page, &format!("{page}/rsvp"), &[("answer", "yes")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(going_count(&app, &id).await, 1);
    let (_, html) = browser.page(&page).await;
    let bar = &html[html.find(r#"id="rsvp-bar""#).unwrap()..];
    assert!(bar.contains(r##"href="#rsvp""##), "{bar}");
}

on_both_backends!(feeds_to_copy_and_the_answer_bar);
