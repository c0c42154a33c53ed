use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::TestApp;
use crate::meetups::{create_meetup, group_with_venue};
use crate::on_both_backends;

/// The journey: register, create DjangAuvergne, add the Ness Pub, schedule, see it in French.
async fn organiser_builds_a_group_in_the_browser(app: TestApp) {
    let browser = app.new_browser();
    browser.register("julien@example.org", "Julien").await;
    let response = browser
        .submit_form(
            "/groups/new",
            "/groups/new",
            &[
                ("slug", "djangauvergne"),
                ("name", "DjangAuvergne"),
                ("description", "La communauté Django **auvergnate**."),
                ("timezone", "Europe/Paris"),
                ("locale", "fr"),
                ("links", "Twitter | http://twitter.com/DjangAuvergne\nIRC | irc://chat.freenode.net:6667/djangauvergne"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/groups/djangauvergne");
    let response = browser
        .submit_form(
            "/groups/djangauvergne/venues/new",
            "/groups/djangauvergne/venues/new",
            &[
                ("name", "Ness Pub"),
                ("address", "2 rue Saint-Dominique"),
                ("city", "Clermont-Ferrand"),
                ("latitude", "45,7772"),
                ("longitude", "3.087"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, venues) = app.get("/api/v1/groups/djangauvergne/venues", None).await;
    let venue_id = venues["venues"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(venues["venues"][0]["latitude"], 45.7772);
    let response = browser
        .submit_form(
            "/groups/djangauvergne/meetups/new",
            "/groups/djangauvergne/meetups/new",
            &[
                ("title", "Premier meetup"),
                ("starts_at", "2030-12-03T19:00"),
                ("venue_id", &venue_id),
                ("capacity", "20"),
                ("description", "Apéro et mini-conférences"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let meetup_path = response.headers()["location"].to_str().unwrap().to_string();

    let (status, html) = browser.page("/groups/djangauvergne").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<html lang=\"fr\">"));
    assert!(html.contains("Premier meetup"));
    assert!(
        html.contains("mardi 3 décembre 2030, 19:00"),
        "French date at local time"
    );
    assert!(html.contains("webcal://rendezvous.test/groups/djangauvergne/calendar.ics"));
    assert!(html.contains("irc://chat.freenode.net:6667/djangauvergne"));
    let (_, html) = browser.page("/groups/djangauvergne?lang=en").await;
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("Tuesday 3 December 2030, 19:00"));

    let (status, html) = browser.page(&format!("{meetup_path}?lang=fr")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Ness Pub"));
    assert!(html.contains("https://www.openstreetmap.org/?mlat=45.7772&amp;mlon=3.087"));
    assert!(html.contains("/meetups/") && html.contains(".ics"));
    assert!(html.contains("20 places restantes sur 20"));
    // The same through the API: stored in UTC.
    let (_, api) = app
        .get(
            &format!(
                "/api/v1/meetups/{}",
                meetup_path.rsplit('/').next().unwrap()
            ),
            None,
        )
        .await;
    assert_eq!(api["starts_at"], "2030-12-03T18:00:00Z");
}

async fn forms_keep_typed_values_and_guard_permissions(app: TestApp) {
    let f = group_with_venue(&app).await;
    let owner = app.new_browser();
    owner.login("owner@example.org").await;
    let response = owner
        .submit_form(
            "/groups/grp/meetups/new",
            "/groups/grp/meetups/new",
            &[
                ("title", ""),
                ("starts_at", "2030-03-31T02:30"),
                ("capacity", "12"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("value=\"2030-03-31T02:30\""),
        "typed values kept"
    );
    assert!(html.contains("value=\"12\""));
    assert!(html.contains("id=\"title-error\""));
    let response = owner
        .submit_form(
            "/groups/grp/meetups/new",
            "/groups/grp/meetups/new",
            &[("title", "DST"), ("starts_at", "2030-03-31T02:30")],
        )
        .await;
    let html = response.text().await.unwrap();
    assert!(
        html.contains("id=\"starts_at-error\""),
        "a time in the spring-forward gap is refused"
    );
    let response = owner
        .submit_form(
            "/groups/grp/meetups/new",
            "/groups/grp/meetups/new",
            &[
                ("title", "Cap"),
                ("starts_at", "2030-05-01T19:00"),
                ("capacity", "lots"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("id=\"capacity-error\""));

    let member = app.new_browser();
    member.login("member@example.org").await;
    for path in [
        "/groups/grp/meetups/new",
        "/groups/grp/edit",
        "/groups/grp/venues/new",
    ] {
        let (status, html) = member.page(path).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
        assert!(html.contains("<html"));
    }
    let anonymous = app.new_browser();
    let response = anonymous
        .client
        .get(anonymous.url("/groups/grp/meetups/new"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (status, _) = anonymous.page("/groups/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Joining from the page, idempotently.
    let joiner = app.new_browser();
    joiner.register("joiner@example.org", "Joiner").await;
    joiner
        .submit_form("/groups/grp", "/groups/grp/join", &[])
        .await;
    let (_, html) = joiner.page("/groups/grp").await;
    assert!(html.contains("Vous êtes membre.") || html.contains("You are a member."));
    let _ = f;
}

async fn cancel_flow_and_escaping(app: TestApp) {
    let f = group_with_venue(&app).await;
    let m = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "<script>alert(1)</script>", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let path = format!("/groups/grp/meetups/{}", m["id"].as_str().unwrap());
    let owner = app.new_browser();
    owner.login("owner@example.org").await;
    let (_, html) = owner.page(&path).await;
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<script>alert(1)"));
    let (status, html) = owner.page(&format!("{path}/cancel")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("method=\"post\""));
    let response = owner
        .submit_form(&format!("{path}/cancel"), &format!("{path}/cancel"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, api) = app
        .get(
            &format!("/api/v1/meetups/{}", m["id"].as_str().unwrap()),
            None,
        )
        .await;
    assert_eq!(api["status"], "cancelled");
    let (_, html) = owner.page(&path).await;
    assert!(html.contains("class=\"badge bad\""));
    // An accidental cancellation is undone from the same page.
    assert!(html.contains(&format!("action=\"{path}/reinstate\"")));
    let response = owner
        .submit_form(&path, &format!("{path}/reinstate"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, api) = app
        .get(
            &format!("/api/v1/meetups/{}", m["id"].as_str().unwrap()),
            None,
        )
        .await;
    assert_eq!(api["status"], "scheduled");
    let (_, html) = owner.page(&path).await;
    assert!(!html.contains("/reinstate\""));
    // A meetup that has started stays cancelled.
    let past = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Yesterday", "starts_at": "2020-01-01T19:00" }),
    )
    .await;
    let past_id = past["id"].as_str().unwrap();
    app.send(
        reqwest::Method::POST,
        &format!("/api/v1/meetups/{past_id}/cancel"),
        Some(&f.owner.token),
        None,
    )
    .await;
    let (status, body) = app
        .send(
            reqwest::Method::POST,
            &format!("/api/v1/meetups/{past_id}/reinstate"),
            Some(&f.owner.token),
            None,
        )
        .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("meetup_started"))
    );
    // A meetup id under another group's slug is not found.
    app.post(
        "/api/v1/groups",
        Some(&f.owner.token),
        json!({ "slug": "other", "name": "Other", "timezone": "UTC", "locale": "en" }),
    )
    .await;
    let (status, _) = owner
        .page(&format!(
            "/groups/other/meetups/{}",
            m["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// Emptying a required field is an error shown next to it, not "Changes saved." with the old
/// value quietly kept.
async fn clearing_a_required_field_is_an_error(app: TestApp) {
    let f = group_with_venue(&app).await;
    let m = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Before", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let id = m["id"].as_str().unwrap();
    let edit = format!("/groups/grp/meetups/{id}/edit");
    let owner = app.new_browser();
    owner.login("owner@example.org").await;
    for (field, title, starts_at) in [
        ("starts_at", "After", ""),
        ("title", "", "2030-12-03T19:00"),
    ] {
        let response = owner
            .submit_form(
                &edit,
                &edit,
                &[
                    ("title", title),
                    ("description", ""),
                    ("starts_at", starts_at),
                ],
            )
            .await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}"
        );
        let html = response.text().await.unwrap();
        assert!(
            html.contains(&format!("id=\"{field}-error\"")),
            "{field}: {html}"
        );
    }
    let (_, api) = app.get(&format!("/api/v1/meetups/{id}"), None).await;
    assert_eq!(
        (api["title"].as_str(), api["starts_at"].as_str()),
        (Some("Before"), Some("2030-12-03T18:00:00Z"))
    );
}

async fn talks_and_venue_suggestions_through_pages(app: TestApp) {
    let f = group_with_venue(&app).await;
    let m = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Mini-conférences", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let path = format!("/groups/grp/meetups/{}", m["id"].as_str().unwrap());
    let member = app.new_browser();
    member.login("member@example.org").await;
    for (title, minutes) in [("Django REST", "20"), ("Pelican", "15")] {
        let response = member
            .submit_form(
                &format!("{path}/talks/new"),
                &format!("{path}/talks/new"),
                &[
                    ("title", title),
                    ("abstract", "Résumé"),
                    ("duration_minutes", minutes),
                ],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
    }
    let response = member
        .submit_form(
            &format!("{path}/talks/new"),
            &format!("{path}/talks/new"),
            &[
                ("title", "Too long"),
                ("abstract", "x"),
                ("duration_minutes", "500"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("id=\"duration_minutes-error\""));
    let (status, _) = member.page(&format!("{path}/talks/review")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let owner = app.new_browser();
    owner.login("owner@example.org").await;
    let (_, talks) = app
        .get(
            &format!("/api/v1/meetups/{}/talks", m["id"].as_str().unwrap()),
            Some(&f.owner.token),
        )
        .await;
    for talk in talks["talks"].as_array().unwrap().iter().rev() {
        let response = owner
            .submit_form(
                &format!("{path}/talks/review"),
                &format!("{path}/talks/action"),
                &[
                    ("talk_id", talk["id"].as_str().unwrap()),
                    ("action", "accept"),
                ],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
    }
    let (_, html) = app.new_browser().page(&path).await;
    let pelican = html.find("Pelican").unwrap();
    let django = html.find("Django REST").unwrap();
    assert!(
        pelican < django,
        "accepted last-first: Pelican is first in the programme"
    );
    assert!(
        html.contains("19:00") && html.contains("19:15"),
        "running start times"
    );

    let response = member
        .submit_form(
            "/groups/grp/venue-suggestions/new",
            "/groups/grp/venue-suggestions/new",
            &[
                ("name", "La Baie des Singes"),
                ("address", "Cournon"),
                ("meetup_id", m["id"].as_str().unwrap()),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, list) = app.get("/api/v1/groups/grp/venue-suggestions", None).await;
    let sid = list["suggestions"][0]["id"].as_str().unwrap().to_string();
    member
        .submit_form(
            "/groups/grp",
            &format!("/venue-suggestions/{sid}/vote"),
            &[("vote", "add")],
        )
        .await;
    member
        .submit_form(
            "/groups/grp",
            &format!("/venue-suggestions/{sid}/vote"),
            &[("vote", "add")],
        )
        .await;
    let (_, list) = app.get("/api/v1/groups/grp/venue-suggestions", None).await;
    assert_eq!(list["suggestions"][0]["votes"], 1);
    owner
        .submit_form(
            "/groups/grp",
            &format!("/venue-suggestions/{sid}/decide"),
            &[("decision", "accept")],
        )
        .await;
    let (_, html) = app.new_browser().page(&path).await;
    assert!(
        html.contains("La Baie des Singes"),
        "the chosen venue is the meetup's venue"
    );
}

on_both_backends!(
    clearing_a_required_field_is_an_error,
    organiser_builds_a_group_in_the_browser,
    forms_keep_typed_values_and_guard_permissions,
    cancel_flow_and_escaping,
    talks_and_venue_suggestions_through_pages,
);

async fn organisers_edit_and_delete_venues_from_the_pages(app: TestApp) {
    let f = crate::meetups::group_with_venue(&app).await;
    let (_, spare) = app
        .post(
            "/api/v1/groups/grp/venues",
            Some(&f.owner.token),
            json!({ "name": "La Baraque", "address": "Place de Jaude" }),
        )
        .await;
    let spare = spare["id"].as_str().unwrap().to_string();
    crate::meetups::create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Chez Ness", "starts_at": "2030-12-03T19:00", "venue_id": f.venue_id }),
    )
    .await;

    let browser = app.new_browser();
    browser.login("owner@example.org").await;
    let (_, group) = browser.page("/groups/grp").await;
    let edit = format!("/groups/grp/venues/{spare}/edit");
    assert!(
        group.contains(&format!("href=\"{edit}\"")),
        "each venue has its edit link"
    );
    let (status, form) = browser.page(&edit).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        form.contains("value=\"Place de Jaude\""),
        "the form starts from the venue"
    );
    // Errors come back next to the field, the typed text kept.
    let response = browser
        .submit_form(&edit, &edit, &[("name", " "), ("address", "Rue Neuve")])
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("value=\"Rue Neuve\""));
    let response = browser
        .submit_form(
            &edit,
            &edit,
            &[
                ("name", "La Baraque"),
                ("address", "Rue Neuve"),
                ("city", "Clermont"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, venues) = app.get("/api/v1/groups/grp/venues", None).await;
    let changed = venues["venues"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == spare.as_str())
        .unwrap()
        .clone();
    assert_eq!(
        (changed["address"].as_str(), changed["city"].as_str()),
        (Some("Rue Neuve"), Some("Clermont"))
    );

    // A venue a meetup uses stays; an unused one goes.
    let (status, body) = app
        .delete(
            &format!("/api/v1/venues/{}", f.venue_id),
            Some(&f.owner.token),
        )
        .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("venue_in_use"))
    );
    let used = format!("/groups/grp/venues/{}", f.venue_id);
    let response = browser
        .submit_form(&format!("{used}/edit"), &format!("{used}/delete"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, page) = browser.page(&format!("{used}/edit")).await;
    assert!(
        page.contains("Des rencontres ont lieu à cet endroit"),
        "the refusal is said"
    );
    let (status, _) = app
        .delete(&format!("/api/v1/venues/{spare}"), Some(&f.member.token))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let response = browser
        .submit_form(&edit, &format!("/groups/grp/venues/{spare}/delete"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(browser.page(&edit).await.0, StatusCode::NOT_FOUND);
}

on_both_backends!(organisers_edit_and_delete_venues_from_the_pages);

/// Issue 33: a meetup typed with a start in the past asks first ("for a report?"), and the
/// group form offers canonical time zones by region, without deprecated aliases.
async fn a_past_start_asks_first_and_zones_are_canonical(app: TestApp) {
    let f = group_with_venue(&app).await;
    let owner = app.new_browser();
    owner.login("owner@example.org").await;
    let form = "/groups/grp/meetups/new";
    let past = [("title", "Apéro d'hier"), ("starts_at", "2020-03-03T19:00")];
    let response = owner.submit_form(form, form, &past).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(
        html.contains(
            "Cette date est passée\u{202f}: la créer quand même (pour un compte rendu)\u{202f}?"
        ),
        "{html}"
    );
    assert!(html.contains("name=\"confirm_past\""));
    assert!(
        html.contains("value=\"2020-03-03T19:00\""),
        "what was typed is kept"
    );
    let (_, list) = app.get("/api/v1/groups/grp/meetups?when=past", None).await;
    assert_eq!(
        list["meetups"].as_array().unwrap().len(),
        0,
        "nothing made yet"
    );
    let confirmed = [past[0], past[1], ("confirm_past", "on")];
    let response = owner.submit_form(form, form, &confirmed).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, list) = app.get("/api/v1/groups/grp/meetups?when=past", None).await;
    assert_eq!(list["meetups"][0]["title"], "Apéro d'hier");

    let (_, html) = owner.page("/groups/grp/edit").await;
    assert!(html.contains("<optgroup label=\"Europe\">"), "{html}");
    assert!(html.contains("<option value=\"Europe/Paris\" selected>"));
    assert!(html.contains("value=\"Asia/Kolkata\""));
    for alias in ["US/Pacific", "Asia/Calcutta", "Europe/Kiev", "Etc/GMT+5"] {
        assert!(!html.contains(&format!("value=\"{alias}\"")), "{alias}");
    }
    // A group on an old name keeps it offered, so saving its form does not move it.
    app.patch(
        "/api/v1/groups/grp",
        Some(&f.owner.token),
        json!({ "timezone": "US/Pacific" }),
    )
    .await;
    let (_, html) = owner.page("/groups/grp/edit").await;
    assert!(
        html.contains("<option value=\"US/Pacific\" selected>"),
        "{html}"
    );
}

on_both_backends!(a_past_start_asks_first_and_zones_are_canonical);
