use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{Registered, TestApp};
use crate::on_both_backends;

pub async fn create_group(app: &TestApp, owner: &Registered, slug: &str) -> Value {
    let (status, body) = app
        .post(
            "/api/v1/groups",
            Some(&owner.token),
            json!({
                "slug": slug, "name": "DjangAuvergne", "description": "Les **poneys** auvergnats",
                "timezone": "Europe/Paris", "locale": "fr",
                "links": [
                    { "label": "Twitter", "url": "http://twitter.com/DjangAuvergne" },
                    { "label": "IRC", "url": "irc://chat.freenode.net:6667/djangauvergne" }
                ]
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body
}

async fn organiser_creates_group_and_others_join(app: TestApp) {
    let owner = app.register("owner@example.org", "Owner").await;
    let group = create_group(&app, &owner, "djangauvergne").await;
    assert_eq!(group["slug"], "djangauvergne");
    assert_eq!(group["timezone"], "Europe/Paris");
    assert_eq!(group["locale"], "fr");
    assert_eq!(group["members_count"], 1);
    assert_eq!(
        group["links"][1]["url"],
        "irc://chat.freenode.net:6667/djangauvergne"
    );

    let (status, body) = app.get("/api/v1/groups/djangauvergne", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["name"], "DjangAuvergne");

    let member = app.register("member@example.org", "Member").await;
    for _ in 0..2 {
        let (status, body) = app
            .send(
                reqwest::Method::POST,
                "/api/v1/groups/djangauvergne/members",
                Some(&member.token),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, json!({ "role": "member" }));
    }
    let (_, body) = app.get("/api/v1/groups/djangauvergne", None).await;
    assert_eq!(body["members_count"], 2);
    let (status, _) = app
        .send(
            reqwest::Method::POST,
            "/api/v1/groups/djangauvergne/members",
            None,
            None,
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, body) = app.get("/api/v1/groups/nope", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["code"], "not_found");
}

async fn group_validation_and_slug_conflict(app: TestApp) {
    let owner = app.register("owner@example.org", "Owner").await;
    create_group(&app, &owner, "taken").await;
    let base =
        json!({ "slug": "ok-slug", "name": "N", "timezone": "Europe/Paris", "locale": "fr" });
    let cases = [
        ("slug", json!("Bad Slug")),
        ("slug", json!("-x")),
        ("timezone", json!("Mars/Olympus")),
        ("locale", json!("de")),
        ("name", json!("")),
    ];
    for (field, value) in cases {
        let mut input = base.clone();
        input[field] = value;
        let (status, body) = app.post("/api/v1/groups", Some(&owner.token), input).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        assert_eq!(body["error"]["field"], field);
    }
    let mut input = base.clone();
    input["links"] = json!([{ "label": "x", "url": "javascript:alert(1)" }]);
    let (status, body) = app.post("/api/v1/groups", Some(&owner.token), input).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["field"], "links");
    let mut input = base.clone();
    input["slug"] = json!("taken");
    let (status, body) = app.post("/api/v1/groups", Some(&owner.token), input).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"]["code"], "slug_taken");
    let (status, _) = app.post("/api/v1/groups", None, base).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

async fn roles_and_last_organiser(app: TestApp) {
    let owner = app.register("owner@example.org", "Owner").await;
    let member = app.register("member@example.org", "Member").await;
    create_group(&app, &owner, "grp").await;
    app.send(
        reqwest::Method::POST,
        "/api/v1/groups/grp/members",
        Some(&member.token),
        None,
    )
    .await;

    // Members list: names for members (by default), e-mails only for organisers.
    let (_, public) = app.get("/api/v1/groups/grp/members", None).await;
    assert_eq!(public["members"].as_array().unwrap().len(), 0);
    assert_eq!(public["names_hidden"], true);
    let (_, as_member) = app
        .get("/api/v1/groups/grp/members", Some(&member.token))
        .await;
    assert_eq!(as_member["members"].as_array().unwrap().len(), 2);
    assert!(as_member["members"][0].get("email").is_none());
    let (_, as_owner) = app
        .get("/api/v1/groups/grp/members", Some(&owner.token))
        .await;
    assert_eq!(as_owner["members"][0]["email"], "owner@example.org");
    assert_eq!(as_owner["members"][0]["role"], "organiser");

    let member_path = format!("/api/v1/groups/grp/members/{}", member.id);
    let owner_path = format!("/api/v1/groups/grp/members/{}", owner.id);
    let (status, _) = app
        .put(
            &owner_path,
            Some(&member.token),
            json!({ "role": "member" }),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body) = app
        .put(&owner_path, Some(&owner.token), json!({ "role": "member" }))
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"]["code"], "last_organiser");
    let (status, _) = app
        .put(&member_path, Some(&owner.token), json!({ "role": "boss" }))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = app
        .put(
            &member_path,
            Some(&owner.token),
            json!({ "role": "organiser" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    // Two organisers now: the first may step down, then the second is the last.
    let (status, _) = app
        .put(&owner_path, Some(&owner.token), json!({ "role": "member" }))
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = app
        .put(
            &member_path,
            Some(&member.token),
            json!({ "role": "member" }),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    let stranger = format!("/api/v1/groups/grp/members/{}", uuid::Uuid::new_v4());
    let (status, _) = app
        .put(&stranger, Some(&member.token), json!({ "role": "member" }))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn venues_are_managed_by_organisers(app: TestApp) {
    let owner = app.register("owner@example.org", "Owner").await;
    let member = app.register("member@example.org", "Member").await;
    create_group(&app, &owner, "grp").await;
    let venue = json!({ "name": "Ness Pub", "address": "2 rue Saint-Dominique", "city": "Clermont-Ferrand", "latitude": 45.7772, "longitude": 3.0870 });
    let (status, _) = app
        .post(
            "/api/v1/groups/grp/venues",
            Some(&member.token),
            venue.clone(),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app
        .post("/api/v1/groups/grp/venues", None, venue.clone())
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, created) = app
        .post("/api/v1/groups/grp/venues", Some(&owner.token), venue)
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(created["city"], "Clermont-Ferrand");
    assert_eq!(created["latitude"], 45.7772);
    let (status, body) = app
        .post(
            "/api/v1/groups/grp/venues",
            Some(&owner.token),
            json!({ "name": "X", "address": "Y", "latitude": 123.0, "longitude": 2.0 }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["field"], "latitude");
    let (_, list) = app.get("/api/v1/groups/grp/venues", None).await;
    assert_eq!(list["venues"].as_array().unwrap().len(), 1);
    let path = format!("/api/v1/venues/{}", created["id"].as_str().unwrap());
    let (status, _) = app
        .patch(
            &path,
            Some(&member.token),
            json!({ "name": "Z", "address": "Y" }),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, updated) = app
        .patch(
            &path,
            Some(&owner.token),
            json!({ "name": "Ness Pub (upstairs)", "address": "2 rue Saint-Dominique" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(updated["name"], "Ness Pub (upstairs)");
    // PATCH is partial: what is not sent stays, `null` clears an optional field.
    let (status, updated) = app
        .patch(&path, Some(&owner.token), json!({ "city": null }))
        .await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    assert_eq!(updated["name"], "Ness Pub (upstairs)");
    assert_eq!(updated["address"], "2 rue Saint-Dominique");
    assert_eq!(updated["latitude"], 45.7772);
    assert_eq!(updated["city"], Value::Null);
    // The result as a whole is still checked.
    let (status, body) = app
        .patch(&path, Some(&owner.token), json!({ "latitude": null }))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["field"], "latitude");
    let (status, body) = app
        .patch(&path, Some(&owner.token), json!({ "name": " " }))
        .await;
    assert_eq!(
        (status, body["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("name"))
    );
}

on_both_backends!(
    organiser_creates_group_and_others_join,
    group_validation_and_slug_conflict,
    roles_and_last_organiser,
    venues_are_managed_by_organisers,
);

async fn an_instance_can_keep_group_creation_to_its_admins(backend: crate::helpers::Backend) {
    let Some(app) = crate::helpers::spawn_app_with(backend, |s| {
        s.group_creation = rendezvous::domain::group::GroupCreation::Admins;
        s.admin_emails = vec!["admin@example.org".into()];
    })
    .await
    else {
        return;
    };
    let member = app.register("member@example.org", "Member").await;
    let group = json!({ "slug": "grp", "name": "G", "timezone": "Europe/Paris", "locale": "fr" });
    let (status, body) = app
        .post("/api/v1/groups", Some(&member.token), group.clone())
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let admin = app.register("Admin@example.org", "Admin").await;
    let (status, _) = app.post("/api/v1/groups", Some(&admin.token), group).await;
    assert_eq!(status, StatusCode::CREATED);

    let browser = app.new_browser();
    browser.login("member@example.org").await;
    let (_, home) = browser.page("/").await;
    assert!(!home.contains("href=\"/groups/new\""), "no way offered");
    assert_eq!(browser.page("/groups/new").await.0, StatusCode::FORBIDDEN);
    let browser = app.new_browser();
    browser.login("admin@example.org").await;
    let (_, home) = browser.page("/").await;
    assert!(home.contains("href=\"/groups/new\""));
    assert_eq!(browser.page("/groups/new").await.0, StatusCode::OK);
}

crate::on_both_backends_with!(an_instance_can_keep_group_creation_to_its_admins);

async fn organisers_manage_members_from_a_page(app: TestApp) {
    let owner = app.register("owner@example.org", "Owner").await;
    create_group(&app, &owner, "grp").await;
    let member = app.register("member@example.org", "Member").await;
    app.post("/api/v1/groups/grp/members", Some(&member.token), json!({}))
        .await;
    let browser = app.new_browser();
    browser.login("owner@example.org").await;
    let members = "/groups/grp/members";
    let (status, html) = browser.page(members).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("mailto:member@example.org"));
    // The last organiser is offered neither stepping down nor leaving, and cannot: the page
    // says why.
    let own = format!("/groups/grp/members/{}", owner.id);
    assert!(!html.contains(&format!("{own}/role")), "{html}");
    assert!(!html.contains(&format!("{own}/remove")));
    assert!(html.contains("Seul organisateur du groupe"));
    let response = browser
        .submit_form(members, &format!("{own}/role"), &[("role", "member")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = browser.page(members).await;
    assert!(html.contains("flash bad"), "the refusal is shown: {html}");
    let other = format!("/groups/grp/members/{}", member.id);
    browser
        .submit_form(members, &format!("{other}/role"), &[("role", "organiser")])
        .await;
    let (_, list) = app
        .get("/api/v1/groups/grp/members", Some(&owner.token))
        .await;
    let role = |list: &Value, id: &str| {
        list["members"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["user_id"] == id)
            .map(|m| m["role"].as_str().unwrap().to_string())
    };
    assert_eq!(role(&list, &member.id).as_deref(), Some("organiser"));
    let (_, html) = browser.page(members).await;
    assert!(
        html.contains(&format!("{own}/role")),
        "two organisers: either may step down"
    );
    let response = browser
        .submit_form(members, &format!("{other}/remove"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, list) = app
        .get("/api/v1/groups/grp/members", Some(&owner.token))
        .await;
    assert_eq!(role(&list, &member.id), None, "removed");
    // Through the API: members cannot remove, organisers can, the last organiser stays.
    app.post("/api/v1/groups/grp/members", Some(&member.token), json!({}))
        .await;
    let path = format!("/api/v1/groups/grp/members/{}", owner.id);
    assert_eq!(
        app.delete(&path, Some(&member.token)).await.0,
        StatusCode::FORBIDDEN
    );
    let (status, body) = app.delete(&path, Some(&owner.token)).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("last_organiser"))
    );
    let path = format!("/api/v1/groups/grp/members/{}", member.id);
    assert_eq!(
        app.delete(&path, Some(&owner.token)).await.0,
        StatusCode::NO_CONTENT
    );
    let (status, _) = app.page(members).await;
    assert_ne!(status, StatusCode::OK, "not for anonymous visitors");
}

on_both_backends!(organisers_manage_members_from_a_page);

async fn every_fault_of_a_group_and_a_venue_is_reported_at_once(app: TestApp) {
    let owner = app.register("owner@example.org", "Owner").await;
    let (status, body) = app
        .post(
            "/api/v1/groups",
            Some(&owner.token),
            json!({ "slug": "Pas un slug", "name": "", "timezone": "Mars/Olympus", "locale": "fr" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = |body: &Value| -> Vec<String> {
        body["error"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["field"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(fields(&body), ["slug", "name", "timezone"]);
    create_group(&app, &owner, "grp").await;
    let (_, body) = app
        .post(
            "/api/v1/groups/grp/venues",
            Some(&owner.token),
            json!({ "name": "", "address": "", "latitude": 91.0 }),
        )
        .await;
    assert_eq!(fields(&body), ["name", "address", "latitude", "longitude"]);
}

on_both_backends!(every_fault_of_a_group_and_a_venue_is_reported_at_once);
