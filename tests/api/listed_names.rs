//! Issue 30, defects 2 to 4: names that leaked past the privacy rules (a group's
//! `attendee_visibility`, a member's `hide_from_lists`) through venue suggestions, the members
//! API and the text of published reports.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{Registered, TestApp};
use crate::meetups::{create_meetup, group_with_venue};
use crate::on_both_backends;
use crate::talks::propose;

const SUGGESTIONS: &str = "/api/v1/groups/grp/venue-suggestions";
const MEMBERS: &str = "/api/v1/groups/grp/members";

async fn set_visibility(app: &TestApp, owner: &Registered, visibility: &str) {
    let (status, body) = app
        .patch(
            "/api/v1/groups/grp",
            Some(&owner.token),
            json!({ "attendee_visibility": visibility }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

async fn hide(app: &TestApp, who: &Registered, hidden: bool) {
    let (status, body) = app
        .patch(
            "/api/v1/me",
            Some(&who.token),
            json!({ "hide_from_lists": hidden }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

/// The suggester's name of the only suggestion, as `token` reads it.
async fn suggester_seen_by(app: &TestApp, token: Option<&str>) -> Value {
    let (status, list) = app.get(SUGGESTIONS, token).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    list["suggestions"][0]["suggester_name"].clone()
}

/// Defect 2: "Suggested by NAME" and `suggester_name` named a member who keeps out of lists
/// to everyone, and named suggesters of a members-only group to anonymous visitors.
async fn hide_from_lists_holds_for_venue_suggestion_authors(app: TestApp) {
    let f = group_with_venue(&app).await;
    let discreet = app.register("discreet@example.org", "Discreet").await;
    let stranger = app.register("stranger@example.org", "Stranger").await;
    app.post(MEMBERS, Some(&f.member.token), json!({})).await;
    set_visibility(&app, &f.owner, "public").await;
    let (status, created) = app
        .post(
            SUGGESTIONS,
            Some(&discreet.token),
            json!({ "name": "Chez Nous", "address": "1 rue Haute" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["suggester_name"], "Discreet", "their own name");
    // A public group names suggesters to anyone; the anonymous page is cached with the name.
    assert_eq!(suggester_seen_by(&app, None).await, "Discreet");
    let page = "/groups/grp";
    let (_, html) = app.new_browser().page(page).await;
    assert!(
        html.contains("Chez Nous") && html.contains("Discreet"),
        "{html}"
    );

    // Kept out of lists: named to the organisers and to themself only, and the cached page
    // follows the change of mind at once.
    hide(&app, &discreet, true).await;
    assert_eq!(suggester_seen_by(&app, None).await, Value::Null);
    assert_eq!(
        suggester_seen_by(&app, Some(&stranger.token)).await,
        Value::Null
    );
    assert_eq!(
        suggester_seen_by(&app, Some(&f.member.token)).await,
        Value::Null
    );
    assert_eq!(
        suggester_seen_by(&app, Some(&f.owner.token)).await,
        "Discreet"
    );
    assert_eq!(
        suggester_seen_by(&app, Some(&discreet.token)).await,
        "Discreet"
    );
    let (_, html) = app.new_browser().page(page).await;
    assert!(
        html.contains("Chez Nous") && !html.contains("Discreet"),
        "{html}"
    );
    let member = app.new_browser();
    member.login("member@example.org").await;
    assert!(!member.page(page).await.1.contains("Discreet"));
    let owner = app.new_browser();
    owner.login("owner@example.org").await;
    assert!(owner.page(page).await.1.contains("Discreet"));

    // Listed again, under a new name: the cached page shows the new name.
    hide(&app, &discreet, false).await;
    let (status, _) = app
        .patch(
            "/api/v1/me",
            Some(&discreet.token),
            json!({ "name": "Renamed" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, html) = app.new_browser().page(page).await;
    assert!(
        html.contains("Renamed") && !html.contains("Discreet"),
        "{html}"
    );

    // Names for members only: visitors and strangers read none, members do.
    set_visibility(&app, &f.owner, "members").await;
    assert_eq!(suggester_seen_by(&app, None).await, Value::Null);
    assert_eq!(
        suggester_seen_by(&app, Some(&stranger.token)).await,
        Value::Null
    );
    assert_eq!(
        suggester_seen_by(&app, Some(&f.member.token)).await,
        "Renamed"
    );
    let (_, html) = app.new_browser().page(page).await;
    assert!(
        html.contains("Chez Nous") && !html.contains("Renamed"),
        "{html}"
    );
    assert!(member.page(page).await.1.contains("Renamed"));
}

fn names(list: &Value) -> Vec<String> {
    list["members"]
        .as_array()
        .unwrap_or_else(|| panic!("a list: {list}"))
        .iter()
        .map(|m| m["name"].as_str().unwrap().to_string())
        .collect()
}

/// Defect 3: `GET /api/v1/groups/{slug}/members` named every member to anyone. It now follows
/// the group's `attendee_visibility` as the attendee list does.
async fn member_lists_follow_attendee_visibility(app: TestApp) {
    let f = group_with_venue(&app).await;
    let discreet = app.register("discreet@example.org", "Discreet").await;
    let stranger = app.register("stranger@example.org", "Stranger").await;
    for who in [&f.member, &discreet] {
        app.post(MEMBERS, Some(&who.token), json!({})).await;
    }
    hide(&app, &discreet, true).await;
    // Members only (the default): anonymous callers and strangers get no names.
    for token in [None, Some(stranger.token.as_str())] {
        let (status, list) = app.get(MEMBERS, token).await;
        assert_eq!(status, StatusCode::OK, "{list}");
        assert_eq!(list["names_hidden"], true, "{list}");
        assert!(names(&list).is_empty(), "{list}");
    }
    let (_, list) = app.get(MEMBERS, Some(&f.member.token)).await;
    assert_eq!(list["names_hidden"], false);
    assert_eq!(names(&list), ["Owner", "Member"], "{list}");
    assert!(list["members"][0].get("email").is_none());
    let (_, list) = app.get(MEMBERS, Some(&f.owner.token)).await;
    assert_eq!(names(&list), ["Owner", "Member", "Discreet"], "{list}");
    assert_eq!(list["members"][2]["email"], "discreet@example.org");
    // Public: names for anyone, still without those who keep out of lists, nor addresses.
    set_visibility(&app, &f.owner, "public").await;
    for token in [None, Some(stranger.token.as_str())] {
        let (_, list) = app.get(MEMBERS, token).await;
        assert_eq!(list["names_hidden"], false, "{list}");
        assert_eq!(names(&list), ["Owner", "Member"], "{list}");
        assert!(list["members"][0].get("email").is_none());
    }
    // A page at a time, the hidden member counted for the organisers only.
    let late = app.register("late@example.org", "Late").await;
    app.post(MEMBERS, Some(&late.token), json!({})).await;
    let page = |n: u32| format!("{MEMBERS}?page={n}&per_page=2");
    let (_, first) = app.get(&page(1), None).await;
    let (_, second) = app.get(&page(2), None).await;
    assert_eq!(names(&first), ["Owner", "Member"], "{first}");
    assert_eq!(names(&second), ["Late"], "{second}");
    assert_eq!(
        (first["total"].as_i64(), first["per_page"].as_i64()),
        (Some(3), Some(2))
    );
    let (_, second) = app.get(&page(2), Some(&f.owner.token)).await;
    assert_eq!(names(&second), ["Discreet", "Late"], "{second}");
    assert_eq!(
        (second["page"].as_i64(), second["total"].as_i64()),
        (Some(2), Some(4))
    );
    let (status, list) = app.get(&format!("{MEMBERS}?per_page=100000"), None).await;
    assert_eq!(
        (status, list["per_page"].as_i64()),
        (StatusCode::OK, Some(500))
    );
    // The organisers' page has links to the next page, and the page after the last is empty.
    let owner = app.new_browser();
    owner.login("owner@example.org").await;
    let (_, html) = owner.page("/groups/grp/members").await;
    assert!(html.contains("late@example.org"), "one page holds 100");
    assert!(!html.contains("members?page=2"), "{html}");
    let (status, html) = owner.page("/groups/grp/members?page=2").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("late@example.org"));
    assert!(html.contains("members?page=1"), "a link back");
}

/// The text of the attendee paragraph on a report page, if any.
fn attendees_on(html: &str) -> Option<String> {
    let start = html.find("<p class=\"attendees\">")? + "<p class=\"attendees\">".len();
    let end = html[start..].find("</p>")?;
    Some(html[start..start + end].to_string())
}

fn article(html: &str) -> &str {
    let start = html.find("<article").expect("an article");
    let end = html.find("</article>").expect("its end");
    &html[start..end]
}

/// Defect 4: the draft wrote the names of who came into the report's text, published to anyone
/// and to the Atom feed, kept after the accounts' deletion. The text now says how many came;
/// the page names them at read time to those who may read names.
async fn published_reports_carry_no_attendee_names(app: TestApp) {
    let f = group_with_venue(&app).await;
    let discreet = app.register("discreet@example.org", "Discreet").await;
    let leaver = app.register("leaver@example.org", "Leaver").await;
    let m = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Apéro", "starts_at": "2030-12-03T19:00", "venue_id": f.venue_id }),
    )
    .await;
    let id = m["id"].as_str().unwrap().to_string();
    for who in [&f.member, &discreet, &leaver] {
        let (status, body) = app.rsvp(&id, &who.token, "yes").await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let talk = propose(&app, &id, &f.owner, "Pelican", 20).await;
    let (status, _) = app
        .patch(
            &format!("/api/v1/talks/{}", talk["id"].as_str().unwrap()),
            Some(&f.owner.token),
            json!({ "status": "accepted" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    hide(&app, &discreet, true).await;
    // The meetup took place (a deleted account leaves its past answers behind).
    let sql = format!(
        "UPDATE meetups SET starts_at = '2020-12-03 18:00:00', ends_at = '2020-12-03 20:00:00' \
         WHERE id = '{id}'"
    );
    app.db
        .run(move |conn| {
            use diesel::RunQueryDsl;
            diesel::sql_query(sql).execute(conn)?;
            Ok(())
        })
        .await
        .unwrap();

    let response = app
        .api
        .get(app.url(&format!("/api/v1/meetups/{id}/report/draft")))
        .bearer_auth(&f.owner.token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let draft = response.text().await.unwrap();
    assert!(draft.contains("* Étaient présents (3)\n"), "{draft}");
    assert!(draft.contains("jeudi 3 décembre 2020"), "{draft}");
    assert!(draft.contains("Pelican"), "{draft}");
    for name in ["Member", "Discreet", "Leaver"] {
        assert!(!draft.contains(name), "{name} in {draft}");
    }
    let (status, saved) = app
        .put(
            &format!("/api/v1/meetups/{id}/report"),
            Some(&f.owner.token),
            json!({ "body_markdown": draft, "published": true }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    let path = saved["url"]
        .as_str()
        .unwrap()
        .strip_prefix("http://rendezvous.test")
        .unwrap()
        .to_string();

    // Members only: visitors read the count, not the names; the feed carries none.
    let (status, html) = app.new_browser().page(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(attendees_on(&html), None, "{html}");
    for name in ["Member", "Discreet", "Leaver"] {
        assert!(!html.contains(name), "{name} shown to a visitor");
    }
    let (_, atom) = app.new_browser().page("/groups/grp/reports.atom").await;
    assert!(atom.contains("Étaient présents (3)"), "{atom}");
    for name in ["Member", "Discreet", "Leaver"] {
        assert!(!atom.contains(name), "{name} in the feed");
    }
    // The page does not repeat the date and programme the text already gives.
    let text = article(&html);
    assert_eq!(text.matches("3 décembre 2020").count(), 1, "{text}");
    assert_eq!(text.matches("Pelican (Owner").count(), 1, "{text}");

    // Members read the names (not those who keep out of lists); organisers read them all.
    let member = app.new_browser();
    member.login("member@example.org").await;
    let (_, html) = member.page(&path).await;
    assert_eq!(
        attendees_on(&html).as_deref(),
        Some("Member, Leaver"),
        "{html}"
    );
    let owner = app.new_browser();
    owner.login("owner@example.org").await;
    let (_, html) = owner.page(&path).await;
    assert_eq!(
        attendees_on(&html).as_deref(),
        Some("Member, Discreet, Leaver")
    );

    // A deleted account vanishes from the page.
    let (status, body) = app
        .send(
            reqwest::Method::DELETE,
            "/api/v1/me",
            Some(&leaver.token),
            Some(json!({ "password": "correct horse battery" })),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    let (_, html) = member.page(&path).await;
    assert_eq!(attendees_on(&html).as_deref(), Some("Member"), "{html}");

    // Public names: the page cached for visitors follows the group's choice, and then each
    // member's wish to keep out of lists.
    set_visibility(&app, &f.owner, "public").await;
    let (_, html) = app.new_browser().page(&path).await;
    assert_eq!(attendees_on(&html).as_deref(), Some("Member"), "{html}");
    hide(&app, &f.member, true).await;
    let (_, html) = app.new_browser().page(&path).await;
    assert_eq!(attendees_on(&html), None, "{html}");
    let (_, atom) = app.new_browser().page("/groups/grp/reports.atom").await;
    assert!(!atom.contains("Member"), "{atom}");
}

on_both_backends!(
    hide_from_lists_holds_for_venue_suggestion_authors,
    member_lists_follow_attendee_visibility,
    published_reports_carry_no_attendee_names,
);
