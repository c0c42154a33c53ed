//! Cached pages and feeds are never stale, even when the write went through another instance.

use std::time::{Duration, Instant};

use diesel::RunQueryDsl;
use rendezvous::db::Backend;
use reqwest::StatusCode;
use serde_json::json;

use crate::groups::create_group;
use crate::helpers::TestApp;
use crate::meetups::{create_meetup, group_with_venue};
use crate::on_both_backends;

async fn body(app: &TestApp, base: &str, path: &str) -> String {
    app.api
        .get(format!("{base}{path}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// Reads `path` from `base` until its body satisfies `wanted`: another instance learns of a write
/// when the database's notification reaches it (PostgreSQL) or at once (SQLite). Fails the test
/// after `NOTIFICATION_BOUND`, far above the delay measured by the bench.
async fn seen_on(app: &TestApp, base: &str, path: &str, wanted: impl Fn(&str) -> bool) -> bool {
    let deadline = Instant::now() + NOTIFICATION_BOUND;
    loop {
        if wanted(&body(app, base, path).await) {
            return true;
        }
        if Instant::now() > deadline {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

const NOTIFICATION_BOUND: Duration = Duration::from_secs(10);

async fn cached_output_follows_every_write(app: TestApp) {
    let f = group_with_venue(&app).await;
    // Attendee names on the anonymous page, to see RSVPs arrive there.
    let public = json!({ "attendee_visibility": "public" });
    app.patch("/api/v1/groups/grp", Some(&f.owner.token), public)
        .await;
    let m = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Before", "starts_at": "2030-12-03T19:00", "capacity": 5 }),
    )
    .await;
    let id = m["id"].as_str().unwrap();
    let other = app.another_instance().await;
    let page = format!("/groups/grp/meetups/{id}");
    let feed = "/groups/grp/calendar.ics";
    // Warm both instances' caches.
    for base in [&app.address, &other] {
        assert!(body(&app, base, &page).await.contains("Before"));
        assert!(body(&app, base, feed).await.contains("SUMMARY:Before"));
        assert_eq!(
            body(&app, base, &page).await,
            body(&app, base, &page).await,
            "served from cache"
        );
    }
    let api = format!("/api/v1/meetups/{id}");
    let list = "/api/v1/groups/grp/meetups";
    for base in [&app.address, &other] {
        assert!(body(&app, base, &api).await.contains("\"going_count\":0"));
        assert!(body(&app, base, list).await.contains("\"going_count\":0"));
    }
    // An RSVP through instance A shows on A's page at once, and on instance B's page.
    app.rsvp(id, &f.member.token, "yes").await;
    assert!(body(&app, &app.address, &page).await.contains("Member"));
    assert!(seen_on(&app, &other, &page, |b| b.contains("Member")).await);
    assert!(body(&app, &app.address, &api)
        .await
        .contains("\"going_count\":1"));
    assert!(seen_on(&app, &other, &api, |b| b.contains("\"going_count\":1")).await);
    assert!(body(&app, &app.address, list)
        .await
        .contains("\"going_count\":1"));
    assert!(seen_on(&app, &other, list, |b| b.contains("\"going_count\":1")).await);
    // An edit shows on pages and feeds everywhere.
    app.patch(
        &format!("/api/v1/meetups/{id}"),
        Some(&f.owner.token),
        json!({ "title": "After" }),
    )
    .await;
    let html = body(&app, &app.address, &page).await;
    assert!(html.contains("After") && !html.contains("Before"));
    assert!(body(&app, &app.address, feed)
        .await
        .contains("SUMMARY:After"));
    assert!(body(&app, &app.address, "/groups/grp")
        .await
        .contains("After"));
    assert!(
        seen_on(&app, &other, &page, |b| b.contains("After")
            && !b.contains("Before"))
        .await
    );
    assert!(seen_on(&app, &other, feed, |b| b.contains("SUMMARY:After")).await);
    assert!(seen_on(&app, &other, "/groups/grp", |b| b.contains("After")).await);
    assert!(seen_on(&app, &other, list, |b| b.contains("\"After\"")).await);
    // A meetup recorded after the fact joins the past list, not the upcoming one.
    let past = format!("{list}?when=past");
    assert!(!body(&app, &other, &past).await.contains("Earlier"));
    create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Earlier", "starts_at": "2020-12-03T19:00", "announce": false }),
    )
    .await;
    assert!(seen_on(&app, &other, &past, |b| b.contains("Earlier")).await);
    assert!(!body(&app, &other, list).await.contains("Earlier"));
    // A talk accepted: the programme reaches the feeds.
    let (_, talk) = app
        .post(
            &format!("/api/v1/meetups/{id}/talks"),
            Some(&f.member.token),
            json!({ "title": "Cached talk", "abstract": "a", "duration_minutes": 10 }),
        )
        .await;
    assert!(!body(&app, &other, &format!("/meetups/{id}.ics"))
        .await
        .contains("Cached talk"));
    app.patch(
        &format!("/api/v1/talks/{}", talk["id"].as_str().unwrap()),
        Some(&f.owner.token),
        json!({ "status": "accepted" }),
    )
    .await;
    let meetup_feed = format!("/meetups/{id}.ics");
    assert!(seen_on(&app, &other, &meetup_feed, |b| b.contains("Cached talk")).await);
    assert!(seen_on(&app, &other, &page, |b| b.contains("Cached talk")).await);
    // A venue edited, a venue suggestion and a vote: the group page follows.
    let (_, venues) = app.get("/api/v1/groups/grp/venues", None).await;
    let venue = venues["venues"][0]["id"].as_str().unwrap();
    app.patch(
        &format!("/api/v1/venues/{venue}"),
        Some(&f.owner.token),
        json!({ "name": "Renamed pub", "address": "Clermont" }),
    )
    .await;
    app.patch(
        &format!("/api/v1/meetups/{id}"),
        Some(&f.owner.token),
        json!({ "venue_id": venue }),
    )
    .await;
    assert!(seen_on(&app, &other, &page, |b| b.contains("Renamed pub")).await);
    app.post(
        "/api/v1/groups/grp/venue-suggestions",
        Some(&f.member.token),
        json!({ "name": "Suggested bar", "address": "Vichy" }),
    )
    .await;
    assert!(seen_on(&app, &other, "/groups/grp", |b| b.contains("Suggested bar")).await);
    // A new member: the member count on the group page follows.
    let before = body(&app, &other, "/groups/grp").await;
    let newcomer = app.register("newcomer@example.org", "Newcomer").await;
    app.send(
        reqwest::Method::POST,
        "/api/v1/groups/grp/members",
        Some(&newcomer.token),
        None,
    )
    .await;
    assert!(seen_on(&app, &other, "/groups/grp", |b| b != before).await);
    // Signed-in visitors get their own page, never the shared one.
    let member = app.new_browser();
    member.login("member@example.org").await;
    let (_, html) = member.page(&page).await;
    assert!(html.contains("id=\"own-rsvp\""));
    assert!(!body(&app, &app.address, &page)
        .await
        .contains("id=\"own-rsvp\""));
}

on_both_backends!(cached_output_follows_every_write);

/// Statements to serve `page` again while the data version stays the same from before a first
/// request to after a second (a notification of the test's own last write may still be on its
/// way, or the listener may have connected since the page was cached).
async fn quiet_hit(app: &TestApp, page: &str) -> u64 {
    for _ in 0..100 {
        let before = app.db.data_version();
        app.queries_for(page).await;
        let statements = app.queries_for(page).await;
        if before.is_some() && app.db.data_version() == before {
            return statements;
        }
    }
    panic!("{page}: the data version never held still");
}

/// While nothing is written a cached page costs one statement on SQLite, which reads the
/// database's data version, not the data, and none on PostgreSQL, whose commits are signalled.
/// A write elsewhere costs a fingerprint check, not a new rendering.
async fn a_cached_page_costs_one_statement(app: TestApp) {
    let hit = match app.db.backend {
        Backend::Sqlite => 1,
        Backend::Postgres => 0,
    };
    let f = group_with_venue(&app).await;
    let m = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Quiet", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let id = m["id"].as_str().unwrap();
    for page in [
        format!("/groups/grp/meetups/{id}"),
        "/groups/grp".to_string(),
        "/groups/grp/calendar.ics".to_string(),
        format!("/meetups/{id}.ics"),
        format!("/api/v1/meetups/{id}"),
        "/api/v1/groups/grp/meetups".to_string(),
    ] {
        let rendered = app.queries_for(&page).await;
        assert!(rendered > 3, "{page}: {rendered} statements to render");
        let cached = quiet_hit(&app, &page).await;
        assert!(
            cached <= hit,
            "{page} served from cache: {cached} statements"
        );
        // Another group's news: this page's data did not change.
        let other = app
            .register(&format!("x{}@example.org", page.len()), "X")
            .await;
        create_group(&app, &other, &format!("g{}", page.len())).await;
        let checked = app.queries_for(&page).await;
        assert!(checked < rendered, "{page} checked, not rendered");
        let cached = quiet_hit(&app, &page).await;
        assert!(
            cached <= hit,
            "{page} served from cache again: {cached} statements"
        );
    }
    // An answer to this meetup: its page is rendered again, with it.
    let page = format!("/groups/grp/meetups/{id}");
    let before = body(&app, &app.address, &page).await;
    app.rsvp(id, &f.member.token, "yes").await;
    assert!(app.queries_for(&page).await > 3, "rendered again");
    assert_ne!(body(&app, &app.address, &page).await, before);
}

on_both_backends!(a_cached_page_costs_one_statement);

/// After a commit, visitors arriving together at a cached page check its fingerprint once: one
/// request reads it, the others wait for that answer instead of each reading the same data.
/// SQLite only: there the data version moves once per commit, so the test knows what each
/// request sees (PostgreSQL's notification of the write may land in the middle of the burst,
/// and the code is the same).
async fn a_burst_after_a_commit_checks_the_page_once(app: TestApp) {
    if app.db.backend != Backend::Sqlite {
        return;
    }
    let owner = app.register("owner@example.org", "Owner").await;
    create_group(&app, &owner, "grp").await;
    for round in 0..3 {
        app.queries_for("/groups/grp").await;
        // Another group's news: this page is checked, not rendered again.
        create_group(&app, &owner, &format!("other{round}")).await;
        let before = app.db.query_count();
        let mut set = tokio::task::JoinSet::new();
        for _ in 0..8 {
            let (api, url) = (app.api.clone(), app.url("/groups/grp"));
            set.spawn(async move { api.get(url).send().await.unwrap().status() });
        }
        for status in set.join_all().await {
            assert_eq!(status, StatusCode::OK);
        }
        // Each request reads the data version (one statement on SQLite); one reads the page's
        // fingerprint.
        assert_eq!(app.db.query_count() - before, 8 + 1, "round {round}");
    }
}

on_both_backends!(a_burst_after_a_commit_checks_the_page_once);

/// The listeners of this app's database: one per running instance.
async fn listeners(app: &TestApp) -> i64 {
    app.postgres_backends("application_name = 'rendezvous-listener'")
        .await
}

/// Kills every instance's listening connection under load of cached reads: the instances drop
/// what they cached meanwhile, reconnect, and a write is never missed, during or after.
async fn a_lost_listener_misses_no_write(app: TestApp) {
    if app.db.backend != Backend::Postgres {
        return;
    }
    let f = group_with_venue(&app).await;
    let m = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "First", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let id = m["id"].as_str().unwrap();
    let other = app.another_instance().await;
    let page = format!("/groups/grp/meetups/{id}");
    assert!(seen_on(&app, &other, &page, |b| b.contains("First")).await);
    let deadline = Instant::now() + NOTIFICATION_BOUND;
    while listeners(&app).await < 2 {
        assert!(Instant::now() < deadline, "both instances listen");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    app.as_postgres_admin(&["SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = '{db}' AND application_name = 'rendezvous-listener'"])
        .await;
    // Written while the listeners are away (or not yet known to be).
    app.patch(
        &format!("/api/v1/meetups/{id}"),
        Some(&f.owner.token),
        json!({ "title": "Second" }),
    )
    .await;
    assert!(seen_on(&app, &other, &page, |b| b.contains("Second")).await);
    let deadline = Instant::now() + NOTIFICATION_BOUND;
    while listeners(&app).await < 2 {
        assert!(Instant::now() < deadline, "both instances listen again");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    // And after they are back.
    app.patch(
        &format!("/api/v1/meetups/{id}"),
        Some(&f.owner.token),
        json!({ "title": "Third" }),
    )
    .await;
    assert!(body(&app, &app.address, &page).await.contains("Third"));
    assert!(seen_on(&app, &other, &page, |b| b.contains("Third")).await);
}

/// Each table a page or feed shows notifies its commits; the others are listed, on purpose.
async fn every_shown_table_signals_its_commits(app: TestApp) {
    if app.db.backend != Backend::Postgres {
        return;
    }
    #[derive(diesel::QueryableByName)]
    struct Table {
        #[diesel(sql_type = diesel::sql_types::Text)]
        name: String,
    }
    let silent: Vec<String> = app
        .db
        .run(|conn| {
            Ok(diesel::sql_query(
                "SELECT tablename AS name FROM pg_tables t WHERE schemaname = current_schema() \
                 AND NOT EXISTS (SELECT 1 FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid \
                 WHERE c.relname = t.tablename AND g.tgname = 'notify_commit' \
                 AND (g.tgtype & 1) = 1)",
            )
            .load::<Table>(conn)?
            .into_iter()
            .map(|t| t.name)
            .collect())
        })
        .await
        .unwrap();
    let mut silent = silent;
    silent.sort();
    let mut unsignalled = rendezvous::db::listen::UNSIGNALLED_TABLES
        .map(String::from)
        .to_vec();
    unsignalled.sort();
    assert_eq!(
        silent, unsignalled,
        "a new table needs the notify_commit triggers, for each row (see the \
         notify_changed_rows migration), or a place in UNSIGNALLED_TABLES if no cached page \
         shows it"
    );
}

/// A statement that changes no row notifies nobody: the mail worker's idle passes, every few
/// seconds, would otherwise have every instance read its cached pages' fingerprints again. A
/// changed row does. Notifications arrive in commit order, so a marker sent last closes each
/// look at what arrived.
async fn only_changed_rows_signal_a_commit(app: TestApp) {
    if app.db.backend != Backend::Postgres {
        return;
    }
    create_group(&app, &app.register("owner@x.org", "Owner").await, "grp").await;
    let url = app.database_url.clone();
    tokio::task::spawn_blocking(move || {
        use diesel::{Connection, PgConnection};
        let mut listener = PgConnection::establish(&url).unwrap();
        let mut writer = PgConnection::establish(&url).unwrap();
        let run = |conn: &mut PgConnection, sql: &str| {
            diesel::sql_query(sql).execute(conn).unwrap();
        };
        run(&mut listener, "LISTEN rendezvous_commits");
        let heard_until = |listener: &mut PgConnection, marker: &str| {
            let deadline = Instant::now() + NOTIFICATION_BOUND;
            let mut payloads = Vec::new();
            while payloads.last().map(String::as_str) != Some(marker) {
                assert!(Instant::now() < deadline, "the marker {marker} arrives");
                run(listener, "SELECT 1");
                payloads.extend(listener.notifications_iter().map(|n| n.unwrap().payload));
            }
            payloads
        };
        run(&mut writer, "DELETE FROM meetups WHERE id = 'none'");
        run(
            &mut writer,
            "UPDATE groups SET name = name WHERE slug = 'none'",
        );
        run(
            &mut writer,
            "SELECT pg_notify('rendezvous_commits', 'first')",
        );
        assert_eq!(heard_until(&mut listener, "first"), ["first"]);
        run(
            &mut writer,
            "UPDATE groups SET name = name WHERE slug = 'grp'",
        );
        run(
            &mut writer,
            "SELECT pg_notify('rendezvous_commits', 'second')",
        );
        assert_eq!(heard_until(&mut listener, "second"), ["", "second"]);
    })
    .await
    .unwrap();
}

on_both_backends!(
    a_lost_listener_misses_no_write,
    every_shown_table_signals_its_commits,
    only_changed_rows_signal_a_commit
);

/// A member's personal calendar is served from the cache too, and follows their answers, the
/// meetups' edits, their name, and the rotation of its secret.
async fn a_personal_calendar_is_cached_and_follows_its_member(app: TestApp) {
    let hit = match app.db.backend {
        Backend::Sqlite => 1,
        Backend::Postgres => 0,
    };
    let f = group_with_venue(&app).await;
    let mut ids = Vec::new();
    for title in ["Going first", "Going later"] {
        let m = create_meetup(
            &app,
            &f.owner.token,
            json!({ "title": title, "starts_at": "2030-12-03T19:00" }),
        )
        .await;
        ids.push(m["id"].as_str().unwrap().to_string());
    }
    app.rsvp(&ids[0], &f.member.token, "yes").await;
    let (_, calendar) = app.get("/api/v1/me/calendar", Some(&f.member.token)).await;
    let path = calendar["url"]
        .as_str()
        .unwrap()
        .replace("http://rendezvous.test", "");
    let feed = body(&app, &app.address, &path).await;
    assert!(feed.contains("Going first") && !feed.contains("Going later"));
    assert!(quiet_hit(&app, &path).await <= hit, "served from cache");
    app.rsvp(&ids[1], &f.member.token, "yes").await;
    assert!(body(&app, &app.address, &path)
        .await
        .contains("Going later"));
    app.patch(
        &format!("/api/v1/meetups/{}", ids[0]),
        Some(&f.owner.token),
        json!({ "title": "Renamed first" }),
    )
    .await;
    assert!(body(&app, &app.address, &path)
        .await
        .contains("Renamed first"));
    app.patch(
        "/api/v1/me",
        Some(&f.member.token),
        json!({ "name": "Renamed member" }),
    )
    .await;
    assert!(body(&app, &app.address, &path)
        .await
        .contains("Renamed member"));
    app.send(
        reqwest::Method::POST,
        "/api/v1/me/calendar/rotate",
        Some(&f.member.token),
        None,
    )
    .await;
    let gone = app.api.get(app.url(&path)).send().await.unwrap();
    assert_eq!(gone.status(), reqwest::StatusCode::NOT_FOUND);
}

on_both_backends!(a_personal_calendar_is_cached_and_follows_its_member);

/// The feed of reports is cached like pages: a quiet hit reads no data, and a report published
/// or edited through another instance shows there.
async fn the_reports_feed_is_cached_and_follows_its_reports(app: TestApp) {
    let hit = match app.db.backend {
        Backend::Sqlite => 1,
        Backend::Postgres => 0,
    };
    let f = group_with_venue(&app).await;
    let m = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Reported", "starts_at": "2020-12-03T19:00" }),
    )
    .await;
    let id = m["id"].as_str().unwrap();
    let feed = "/groups/grp/reports.atom";
    let other = app.another_instance().await;
    assert!(!body(&app, &other, feed).await.contains("<entry>"));
    let report = |text: &str| json!({ "body_markdown": text, "published": true });
    let path = format!("/api/v1/meetups/{id}/report");
    let (status, _) = app
        .put(&path, Some(&f.owner.token), report("Première version"))
        .await;
    assert!(status.is_success());
    assert!(seen_on(&app, &other, feed, |b| b.contains("Première version")).await);
    assert!(quiet_hit(&app, feed).await <= hit, "served from cache");
    app.put(&path, Some(&f.owner.token), report("Seconde version"))
        .await;
    assert!(
        seen_on(&app, &other, feed, |b| b.contains("Seconde version")
            && !b.contains("Première version"))
        .await
    );
}

on_both_backends!(the_reports_feed_is_cached_and_follows_its_reports);

/// An answer without an account shows on the cached meetup page once confirmed (first name), and
/// by the whole name once the guest registers; the group's switch shows at once too.
async fn cached_pages_follow_answers_without_an_account(app: TestApp) {
    use diesel::prelude::*;
    use rendezvous::db::schema::outbox;
    let f = group_with_venue(&app).await;
    let public = json!({ "attendee_visibility": "public" });
    app.patch("/api/v1/groups/grp", Some(&f.owner.token), public)
        .await;
    let m = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Apéro", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let id = m["id"].as_str().unwrap();
    let page = format!("/groups/grp/meetups/{id}");
    let other = app.another_instance().await;
    for base in [&app.address, &other] {
        assert!(body(&app, base, &page).await.contains(r#"id="guest-rsvp""#));
    }
    let (status, _) = app
        .post(
            &format!("/api/v1/meetups/{id}/guest-rsvp"),
            None,
            json!({ "name": "Ada Lovelace", "email": "ada@example.org" }),
        )
        .await;
    assert_eq!(status, reqwest::StatusCode::ACCEPTED);
    let text: String = app
        .db
        .run(|conn| {
            Ok(outbox::table
                .filter(outbox::kind.eq("guest_answer_confirm"))
                .select(outbox::body_text)
                .first(conn)?)
        })
        .await
        .unwrap();
    let start = text.find("/guest-rsvp/").unwrap() + "/guest-rsvp/".len();
    let token: String = text[start..].chars().take(64).collect();
    let (status, _) = app
        .post(
            &format!("/api/v1/guest-rsvps/{token}/confirm"),
            None,
            json!({}),
        )
        .await;
    assert_eq!(status, reqwest::StatusCode::OK);
    for base in [&app.address, &other] {
        assert!(seen_on(&app, base, &page, |b| b.contains("<li>Ada</li>")).await);
    }
    app.register("ada@example.org", "Ada Lovelace").await;
    for base in [&app.address, &other] {
        assert!(seen_on(&app, base, &page, |b| b.contains("Ada Lovelace")).await);
    }
    let off = json!({ "guest_rsvps": false });
    app.patch("/api/v1/groups/grp", Some(&f.owner.token), off)
        .await;
    for base in [&app.address, &other] {
        assert!(seen_on(&app, base, &page, |b| !b.contains(r#"id="guest-rsvp""#)).await);
    }
}

on_both_backends!(cached_pages_follow_answers_without_an_account);
