//! Pages, feeds and lists issue a fixed number of queries, whatever the amount of data.

use reqwest::StatusCode;
use serde_json::json;

use crate::groups::create_group;
use crate::helpers::{Registered, TestApp};
use crate::on_both_backends;

/// A group with `meetups` meetups; the first upcoming one has `attendees` going and `talks` accepted.
async fn group_of_size(
    app: &TestApp,
    slug: &str,
    meetups: usize,
    attendees: usize,
    talks: usize,
) -> (String, Registered, Registered) {
    let owner = app
        .register(&format!("owner-{slug}@example.org"), "Owner")
        .await;
    create_group(app, &owner, slug).await;
    let (_, venue) = app
        .post(
            &format!("/api/v1/groups/{slug}/venues"),
            Some(&owner.token),
            json!({ "name": "V", "address": "A" }),
        )
        .await;
    let mut set = tokio::task::JoinSet::new();
    for i in 0..meetups.saturating_sub(1) {
        let (api, url, token) = (
            app.api.clone(),
            app.url(&format!("/api/v1/groups/{slug}/meetups")),
            owner.token.clone(),
        );
        let year = if i % 2 == 0 {
            2031 + i / 24
        } else {
            2010 + i / 24
        };
        let body = json!({ "title": format!("M{i}"), "starts_at": format!("{year}-{:02}-10T19:00", 1 + i % 12), "venue_id": venue["id"] });
        set.spawn(async move {
            api.post(url)
                .bearer_auth(token)
                .json(&body)
                .send()
                .await
                .unwrap()
                .status()
        });
    }
    for status in set.join_all().await {
        assert_eq!(status, StatusCode::CREATED);
    }
    let (_, main) = app
        .post(&format!("/api/v1/groups/{slug}/meetups"), Some(&owner.token), json!({ "title": "Main", "starts_at": "2030-12-03T19:00", "venue_id": venue["id"], "capacity": 1000 }))
        .await;
    let id = main["id"].as_str().unwrap().to_string();
    let people = app.register_many(attendees, &format!("{slug}-a")).await;
    let mut set = tokio::task::JoinSet::new();
    for p in &people {
        let (api, url, token) = (
            app.api.clone(),
            app.url(&format!("/api/v1/meetups/{id}/rsvp")),
            p.token.clone(),
        );
        set.spawn(async move {
            api.put(url)
                .bearer_auth(token)
                .json(&json!({ "answer": "yes", "guests": 1 }))
                .send()
                .await
                .unwrap()
                .status()
        });
    }
    set.join_all().await;
    for i in 0..talks {
        let (_, talk) = app
            .post(
                &format!("/api/v1/meetups/{id}/talks"),
                Some(&people[i % people.len()].token),
                json!({ "title": format!("T{i}"), "abstract": "a", "duration_minutes": 10 }),
            )
            .await;
        app.patch(
            &format!("/api/v1/talks/{}", talk["id"].as_str().unwrap()),
            Some(&owner.token),
            json!({ "status": "accepted" }),
        )
        .await;
    }
    let member = people.into_iter().next().unwrap();
    (id, member, owner)
}

async fn query_counts_do_not_grow_with_data(app: TestApp) {
    let (small, small_member, _) = group_of_size(&app, "small", 3, 1, 1).await;
    let (large, large_member, _) = group_of_size(&app, "large", 1000, 300, 36).await;
    // The large group's member also goes to many meetups, for the personal feed.
    let (_, list) = app
        .get("/api/v1/groups/large/meetups?when=upcoming", None)
        .await;
    for m in list["meetups"].as_array().unwrap().iter().take(30) {
        app.put(
            &format!("/api/v1/meetups/{}/rsvp", m["id"].as_str().unwrap()),
            Some(&large_member.token),
            json!({ "answer": "yes" }),
        )
        .await;
    }
    let feed = |member: &Registered| {
        let token = member.token.clone();
        let app = &app;
        async move {
            let (_, calendar) = app.get("/api/v1/me/calendar", Some(&token)).await;
            calendar["url"]
                .as_str()
                .unwrap()
                .strip_prefix("http://rendezvous.test")
                .unwrap()
                .to_string()
        }
    };
    let (small_feed, large_feed) = (feed(&small_member).await, feed(&large_member).await);
    let pairs = [
        (
            "meetup page",
            format!("/groups/small/meetups/{small}"),
            format!("/groups/large/meetups/{large}"),
        ),
        (
            "group page",
            "/groups/small".to_string(),
            "/groups/large".to_string(),
        ),
        (
            "group feed",
            "/groups/small/calendar.ics".to_string(),
            "/groups/large/calendar.ics".to_string(),
        ),
        (
            "meetup feed",
            format!("/meetups/{small}.ics"),
            format!("/meetups/{large}.ics"),
        ),
        ("personal feed", small_feed, large_feed),
        (
            "attendees",
            format!("/api/v1/meetups/{small}/attendees"),
            format!("/api/v1/meetups/{large}/attendees"),
        ),
        (
            "meetup API",
            format!("/api/v1/meetups/{small}"),
            format!("/api/v1/meetups/{large}"),
        ),
        ("home page", "/".to_string(), "/".to_string()),
    ];
    for (name, small_path, large_path) in pairs {
        let (few, many) = (
            app.queries_for(&small_path).await,
            app.queries_for(&large_path).await,
        );
        assert_eq!(
            few, many,
            "{name}: {few} queries with little data, {many} with much"
        );
        assert!(few > 0 && few <= 30, "{name}: {few} queries");
    }
}

on_both_backends!(query_counts_do_not_grow_with_data);

/// Who looks at a page. Besides the page's one read, a signed-in viewer's session (or token) is
/// resolved with their roles, and an anonymous visitor's cached page reads its fingerprint first:
/// one checkout either way.
#[derive(Clone, Copy, Debug)]
enum Looker {
    Anonymous,
    Member,
    Organiser,
}

async fn a_page_render_takes_one_connection(app: TestApp) {
    let (id, member, owner) = group_of_size(&app, "checkouts", 2, 2, 1).await;
    let id = id.as_str();
    let (_, report) = app
        .put(
            &format!("/api/v1/meetups/{id}/report"),
            Some(&owner.token),
            json!({ "body_markdown": "Merci", "published": true }),
        )
        .await;
    let report_path = report["url"]
        .as_str()
        .unwrap()
        .strip_prefix("http://rendezvous.test")
        .unwrap()
        .to_string();
    let (member_browser, owner_browser) = (app.new_browser(), app.new_browser());
    member_browser.login("checkouts-a0@example.org").await;
    owner_browser.login("owner-checkouts@example.org").await;

    // (path, cached for anonymous visitors)
    let pages = [
        (format!("/groups/checkouts/meetups/{id}"), true),
        ("/groups/checkouts".to_string(), true),
        (report_path, true),
        ("/groups/checkouts/talks".to_string(), false),
    ];
    // (path, cached for anonymous callers)
    let reads = [
        (format!("/api/v1/meetups/{id}"), true),
        (format!("/api/v1/meetups/{id}/attendees"), false),
        ("/api/v1/groups/checkouts/meetups".to_string(), true),
        ("/api/v1/groups/checkouts/members".to_string(), false),
        ("/api/v1/groups/checkouts/talks".to_string(), false),
        (
            "/api/v1/groups/checkouts/venue-suggestions".to_string(),
            false,
        ),
    ];
    for looker in [Looker::Anonymous, Looker::Member, Looker::Organiser] {
        let (client, token) = match looker {
            Looker::Anonymous => (&app.api, None),
            Looker::Member => (&member_browser.client, Some(&member.token)),
            Looker::Organiser => (&owner_browser.client, Some(&owner.token)),
        };
        for (path, cached) in &pages {
            let checkouts = app.checkouts_for(client.get(app.url(path))).await;
            let before_the_read = u64::from(token.is_some() || *cached);
            assert_eq!(checkouts, before_the_read + 1, "{path} for {looker:?}");
        }
        for (path, cached) in &reads {
            let mut request = app.api.get(app.url(path));
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            let checkouts = app.checkouts_for(request).await;
            let before_the_read = u64::from(token.is_some() || *cached);
            assert_eq!(checkouts, before_the_read + 1, "{path} for {looker:?}");
        }
    }
    // Organiser-only pages and forms: the viewer with its roles, then the page's one read.
    for path in [
        "/groups/checkouts/edit".to_string(),
        "/groups/checkouts/members".to_string(),
        "/groups/checkouts/messages".to_string(),
        format!("/groups/checkouts/meetups/{id}/messages"),
        format!("/groups/checkouts/meetups/{id}/report"),
        "/groups/checkouts/reports/import".to_string(),
        format!("/groups/checkouts/meetups/{id}/checkin"),
        format!("/groups/checkouts/meetups/{id}/sign-in-sheet"),
        format!("/groups/checkouts/meetups/{id}/edit"),
        format!("/groups/checkouts/meetups/new?from={id}"),
        format!("/groups/checkouts/meetups/{id}/talks/review"),
        format!("/groups/checkouts/meetups/{id}/cohosts"),
        "/groups/checkouts/cohosts".to_string(),
    ] {
        let checkouts = app
            .checkouts_for(owner_browser.client.get(app.url(&path)))
            .await;
        assert_eq!(checkouts, 2, "{path}");
    }
    for path in [
        "/api/v1/groups/checkouts",
        "/api/v1/groups/checkouts/venues",
    ] {
        assert_eq!(
            app.checkouts_for(app.api.get(app.url(path))).await,
            1,
            "{path}"
        );
    }
    for feed in [
        "/groups/checkouts/calendar.ics".to_string(),
        format!("/meetups/{id}.ics"),
    ] {
        // Fingerprint, then the feed's one read.
        let checkouts = app.checkouts_for(app.api.get(app.url(&feed))).await;
        assert_eq!(checkouts, 2, "{feed}");
    }
}

on_both_backends!(a_page_render_takes_one_connection);

/// Connections a form's POST takes (the CSRF token is read from `form_page` first, uncounted),
/// with the status it answered.
async fn post_checkouts(
    app: &TestApp,
    browser: &crate::helpers::Browser,
    form_page: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> (u64, StatusCode) {
    let (_, html) = browser.page(form_page).await;
    let token = crate::helpers::csrf_token(&html);
    let mut form = fields.to_vec();
    form.push(("csrf_token", &token));
    let before = app.db.checkout_count();
    let response = browser
        .client
        .post(browser.url(action))
        .form(&form)
        .send()
        .await
        .unwrap();
    let status = response.status();
    response.bytes().await.unwrap();
    (app.db.checkout_count() - before, status)
}

/// A form page, the form's action, its fields and the status expected.
type Submission<'a> = (String, String, Vec<(&'a str, &'a str)>, StatusCode);

async fn a_form_submission_takes_one_connection(app: TestApp) {
    let (id, member, owner_api) = group_of_size(&app, "forms", 2, 1, 0).await;
    let owner = app.new_browser();
    owner.login("owner-forms@example.org").await;
    let meetup = format!("/groups/forms/meetups/{id}");
    let (status, series) = app
        .post(
            "/api/v1/groups/forms/series",
            Some(&owner_api.token),
            json!({ "title": "Apéro #{n}", "rule": "FREQ=WEEKLY", "start_time": "19:00", "horizon": 3 }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{series}");
    let second = series["next"][1]["starts_at"].as_str().unwrap()[..10].to_string();
    let series = format!("/groups/forms/series/{}", series["id"].as_str().unwrap());
    // (form page, action, fields, expected status): the viewer, then one checkout that reads
    // the group or meetup and writes in one transaction, refusals included.
    let forms: Vec<Submission> = vec![
        (
            "/groups/forms/edit".into(),
            "/groups/forms/edit".into(),
            vec![
                ("name", "Forms"),
                ("timezone", "Europe/Paris"),
                ("locale", "fr"),
            ],
            StatusCode::SEE_OTHER,
        ),
        (
            "/groups/forms/edit".into(),
            "/groups/forms/edit".into(),
            vec![("name", ""), ("timezone", "Europe/Paris"), ("locale", "fr")],
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "/groups/forms/venues/new".into(),
            "/groups/forms/venues/new".into(),
            vec![("name", "Ness Pub"), ("address", "2 rue Saint-Dominique")],
            StatusCode::SEE_OTHER,
        ),
        (
            "/groups/forms/members".into(),
            format!("/groups/forms/members/{}/role", member.id),
            vec![("role", "organiser")],
            StatusCode::SEE_OTHER,
        ),
        (
            "/groups/forms/meetups/new".into(),
            "/groups/forms/meetups/new".into(),
            vec![("title", "Nouveau"), ("starts_at", "2031-03-03T19:00")],
            StatusCode::SEE_OTHER,
        ),
        (
            format!("{meetup}/edit"),
            format!("{meetup}/edit"),
            vec![
                ("title", "Main"),
                ("starts_at", "2030-12-03T19:00"),
                ("capacity", "1000"),
            ],
            StatusCode::SEE_OTHER,
        ),
        (
            "/groups/forms/messages".into(),
            "/groups/forms/messages".into(),
            vec![
                ("subject", "Bonjour"),
                ("body", "À bientôt"),
                ("step", "send"),
            ],
            StatusCode::SEE_OTHER,
        ),
        (
            format!("{meetup}/report"),
            format!("{meetup}/report"),
            vec![("title", "Compte rendu"), ("body_markdown", "Merci")],
            StatusCode::SEE_OTHER,
        ),
        (
            format!("{meetup}/cancel"),
            format!("{meetup}/cancel"),
            vec![],
            StatusCode::SEE_OTHER,
        ),
        (
            meetup.clone(),
            format!("{meetup}/reinstate"),
            vec![],
            StatusCode::SEE_OTHER,
        ),
        (
            format!("{series}/edit"),
            format!("{series}/edit"),
            vec![
                ("title", "Apéro #{n}"),
                ("start_time", "19:30"),
                ("duration_minutes", "120"),
            ],
            StatusCode::SEE_OTHER,
        ),
        (
            series.clone(),
            format!("{series}/skip"),
            vec![("date", second.as_str())],
            StatusCode::SEE_OTHER,
        ),
        (
            series.clone(),
            format!("{series}/end"),
            vec![],
            StatusCode::SEE_OTHER,
        ),
    ];
    for (form_page, action, fields, expected) in &forms {
        let (checkouts, status) = post_checkouts(&app, &owner, form_page, action, fields).await;
        assert_eq!(status, *expected, "{action}");
        assert_eq!(checkouts, 2, "{action} ({status})");
    }
    // A member's answer, and the organiser ticking them in.
    let guest = app.new_browser();
    guest.login("forms-a0@example.org").await;
    let rsvp = format!("{meetup}/rsvp");
    for answer in ["no", "yes"] {
        let fields = [("answer", answer), ("guests", "0")];
        let (checkouts, status) = post_checkouts(&app, &guest, &meetup, &rsvp, &fields).await;
        assert_eq!((checkouts, status), (2, StatusCode::SEE_OTHER), "{answer}");
    }
    let checkin = format!("{meetup}/checkin");
    let fields = [("member", member.id.as_str()), ("came", "1")];
    let (checkouts, status) = post_checkouts(&app, &owner, &checkin, &checkin, &fields).await;
    assert_eq!((checkouts, status), (2, StatusCode::SEE_OTHER), "check-in");
    talk_and_suggestion_forms(&app, &id, &guest, &owner, &owner_api.token).await;
}

/// The one id in the list at `path` (read as the organiser of `token`).
async fn only_id(app: &TestApp, path: &str, token: &str, list: &str) -> String {
    let (_, body) = app.get(path, Some(token)).await;
    body[list][0]["id"].as_str().unwrap().to_string()
}

/// Who posts, the form page, the form's action and its fields.
type Step<'a> = (
    &'a crate::helpers::Browser,
    String,
    String,
    Vec<(&'a str, &'a str)>,
);

/// A member proposes, edits, votes and suggests; the organiser decides and schedules: each
/// form takes one checkout beside the viewer's.
async fn talk_and_suggestion_forms(
    app: &TestApp,
    id: &str,
    member: &crate::helpers::Browser,
    owner: &crate::helpers::Browser,
    token: &str,
) {
    let meetup = format!("/groups/forms/meetups/{id}");
    let talk = [
        ("title", "Rust"),
        ("abstract", "Ownership"),
        ("duration_minutes", "20"),
    ];
    let new_talk = format!("{meetup}/talks/new");
    let pool = "/groups/forms/talks".to_string();
    let mut steps: Vec<Step> = vec![
        (member, new_talk.clone(), new_talk, talk.to_vec()),
        (
            member,
            format!("{pool}/new"),
            format!("{pool}/new"),
            talk.to_vec(),
        ),
    ];
    let suggest = "/groups/forms/venue-suggestions/new".to_string();
    let place = vec![("name", "Le Bistrot"), ("address", "1 place de Jaude")];
    steps.push((member, suggest.clone(), suggest, place));
    for (who, form_page, action, fields) in &steps {
        let (checkouts, status) = post_checkouts(app, who, form_page, action, fields).await;
        assert_eq!((checkouts, status), (2, StatusCode::SEE_OTHER), "{action}");
    }
    let talks = format!("/api/v1/meetups/{id}/talks");
    let in_meetup = only_id(app, &talks, token, "talks").await;
    let (_, listed) = app.get("/api/v1/groups/forms/talks", Some(token)).await;
    let in_pool = listed["talks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["meetup_id"].is_null())
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let suggestions = "/api/v1/groups/forms/venue-suggestions";
    let suggestion = only_id(app, suggestions, token, "suggestions").await;
    let edit = format!("{meetup}/talks/{in_meetup}/edit");
    let review = format!("{meetup}/talks/review");
    let materials = format!("/talks/{in_pool}/materials");
    let steps: Vec<Step> = vec![
        (member, edit.clone(), edit, talk.to_vec()),
        (
            owner,
            review.clone(),
            format!("{meetup}/talks/action"),
            vec![("talk_id", &in_meetup), ("action", "accept")],
        ),
        (
            member,
            pool.clone(),
            format!("/talks/{in_pool}/vote"),
            vec![],
        ),
        (
            member,
            materials.clone(),
            materials,
            vec![
                ("kind_0", "slides"),
                ("url_0", "https://example.org/slides"),
            ],
        ),
        (
            owner,
            pool.clone(),
            format!("/talks/{in_pool}/schedule"),
            vec![("meetup_id", id)],
        ),
        (
            member,
            "/groups/forms".into(),
            format!("/venue-suggestions/{suggestion}/vote"),
            vec![],
        ),
        (
            owner,
            "/groups/forms".into(),
            format!("/venue-suggestions/{suggestion}/decide"),
            vec![("decision", "decline")],
        ),
    ];
    for (who, form_page, action, fields) in &steps {
        let (checkouts, status) = post_checkouts(app, who, form_page, action, fields).await;
        assert_eq!((checkouts, status), (2, StatusCode::SEE_OTHER), "{action}");
    }
}

on_both_backends!(a_form_submission_takes_one_connection);
