use std::path::PathBuf;

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::TestApp;
use crate::meetups::{create_meetup, group_with_venue};
use crate::on_both_backends;

/// Where feeds are written for the real parsers of `tests/ical/run.sh` (Python icalendar, ical.js).
fn conformance_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/ical-conformance");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn expected_event(m: &Value) -> Value {
    json!({
        "uid": format!("{}@rendezvous.test", m["id"].as_str().unwrap()),
        "summary": m["title"],
        "start_utc": m["starts_at"],
        "end_utc": m["ends_at"],
        "tzid": m["timezone"],
        "status": if m["status"] == "cancelled" { "CANCELLED" } else { "CONFIRMED" },
        "sequence": m["sequence"],
    })
}

async fn fetch(app: &TestApp, path: &str) -> (reqwest::header::HeaderMap, String) {
    let response = app.api.get(app.url(path)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    let headers = response.headers().clone();
    (headers, response.text().await.unwrap())
}

fn assert_wellformed(body: &str) {
    assert!(body.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(body.ends_with("END:VCALENDAR\r\n"));
    for line in body.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
        assert!(!line.contains('\n') && !line.contains('\r'));
    }
}

fn save(app: &TestApp, name: &str, body: &str, calname: &str, events: &[Value]) {
    let backend = format!("{:?}", app.backend).to_lowercase();
    let dir = conformance_dir();
    std::fs::write(dir.join(format!("{backend}-{name}.ics")), body).unwrap();
    let expected = json!({ "calname": calname, "events": events });
    std::fs::write(
        dir.join(format!("{backend}-{name}.expected.json")),
        expected.to_string(),
    )
    .unwrap();
}

async fn feeds_for_every_calendar_app(app: TestApp) {
    let f = group_with_venue(&app).await;
    let token = &f.owner.token;
    let (_, venue) = app
        .post("/api/v1/groups/grp/venues", Some(token), json!({ "name": "Ness Pub", "address": "2 rue Saint-Dominique, Clermont-Ferrand", "latitude": 45.7772, "longitude": 3.087 }))
        .await;
    // Each side of the 2030 spring-forward (31 March).
    let before_dst = create_meetup(&app, token, json!({ "title": "Avant l'heure d'été", "starts_at": "2030-03-30T19:00", "venue_id": venue["id"] })).await;
    let after_dst = create_meetup(
        &app,
        token,
        json!({ "title": "Après l'heure d'été", "starts_at": "2030-04-01T19:00" }),
    )
    .await;
    let cancelled = create_meetup(
        &app,
        token,
        json!({ "title": "Annulé", "starts_at": "2030-05-01T19:00" }),
    )
    .await;
    let cid = cancelled["id"].as_str().unwrap();
    let (_, cancelled) = app
        .send(
            reqwest::Method::POST,
            &format!("/api/v1/meetups/{cid}/cancel"),
            Some(token),
            None,
        )
        .await;
    let changed = create_meetup(
        &app,
        token,
        json!({ "title": "Déplacé", "starts_at": "2030-06-01T19:00" }),
    )
    .await;
    let path = format!("/api/v1/meetups/{}", changed["id"].as_str().unwrap());
    app.patch(
        &path,
        Some(token),
        json!({ "starts_at": "2030-06-02T19:00" }),
    )
    .await;
    let (_, changed) = app
        .patch(&path, Some(token), json!({ "venue_id": f.venue_id }))
        .await;
    assert_eq!(changed["sequence"], 2);
    let tricky_title = "Café, thé; \"quotes\" \\ et 🎉 émojis, à Clermont";
    let description = format!(
        "Ligne 1, avec virgule; point-virgule\nLigne 2 — accents éàü 🎉\n\n{}",
        "Des poneys motivés. ".repeat(150)
    );
    assert!(description.chars().count() > 3000);
    let tricky = create_meetup(&app, token, json!({ "title": tricky_title, "starts_at": "2030-07-01T19:00", "description": description })).await;
    let tid = tricky["id"].as_str().unwrap();
    let (_, talk) = app
        .post(
            &format!("/api/v1/meetups/{tid}/talks"),
            Some(&f.member.token),
            json!({ "title": "Pelican, Jinja; et moi", "abstract": "x", "duration_minutes": 20 }),
        )
        .await;
    app.patch(
        &format!("/api/v1/talks/{}", talk["id"].as_str().unwrap()),
        Some(token),
        json!({ "status": "accepted" }),
    )
    .await;
    let (_, tricky) = app.get(&format!("/api/v1/meetups/{tid}"), None).await;
    let old = create_meetup(
        &app,
        token,
        json!({ "title": "Trop ancien", "starts_at": "2012-10-15T19:00" }),
    )
    .await;

    let (headers, group_feed) = fetch(&app, "/groups/grp/calendar.ics").await;
    assert_eq!(headers["content-type"], "text/calendar; charset=utf-8");
    assert_eq!(headers["cache-control"], "max-age=300");
    assert!(headers["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("inline; filename="));
    assert_wellformed(&group_feed);
    let unfolded = group_feed.replace("\r\n ", "");
    for needle in [
        "METHOD:PUBLISH",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:DjangAuvergne",
        "NAME:DjangAuvergne",
        "X-WR-TIMEZONE:Europe/Paris",
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        "X-PUBLISHED-TTL:PT1H",
        "BEGIN:VTIMEZONE",
        "STATUS:CANCELLED",
        "GEO:45.777200;3.087000",
        "SEQUENCE:2",
        "ORGANIZER;CN=\"DjangAuvergne\"",
        "Pelican\\, Jinja\\; et moi",
    ] {
        assert!(unfolded.contains(needle), "missing {needle}");
    }
    assert!(
        !unfolded.contains(old["id"].as_str().unwrap()),
        "meetups older than six months are left out"
    );

    // Strong ETag: the same feed twice is byte-identical; If-None-Match gets 304.
    let etag = headers["etag"].to_str().unwrap().to_string();
    assert!(etag.starts_with('"'));
    let (again_headers, again) = fetch(&app, "/groups/grp/calendar.ics").await;
    assert_eq!(again, group_feed);
    assert_eq!(again_headers["etag"].to_str().unwrap(), etag);
    let not_modified = app
        .api
        .get(app.url("/groups/grp/calendar.ics"))
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(not_modified.status(), StatusCode::NOT_MODIFIED);
    // Any change gives a new ETag.
    app.patch(&path, Some(token), json!({ "title": "Déplacé encore" }))
        .await;
    let (changed_headers, _) = fetch(&app, "/groups/grp/calendar.ics").await;
    assert_ne!(changed_headers["etag"].to_str().unwrap(), etag);
    let (_, changed) = app.get(&path, None).await;

    let mut tricky_expected = expected_event(&tricky);
    tricky_expected["description_contains"] = json!("Pelican, Jinja; et moi");
    let group_events = vec![
        expected_event(&before_dst),
        expected_event(&after_dst),
        expected_event(&cancelled),
        expected_event(&changed),
        tricky_expected.clone(),
    ];
    let (_, group_feed) = fetch(&app, "/groups/grp/calendar.ics").await;
    save(&app, "group", &group_feed, "DjangAuvergne", &group_events);

    let (_, meetup_feed) = fetch(&app, &format!("/meetups/{tid}.ics")).await;
    assert_wellformed(&meetup_feed);
    save(
        &app,
        "meetup",
        &meetup_feed,
        "DjangAuvergne",
        &[tricky_expected.clone()],
    );

    for id in [before_dst["id"].as_str().unwrap(), tid] {
        app.rsvp(id, &f.member.token, "yes").await;
    }
    let (_, calendar) = app.get("/api/v1/me/calendar", Some(&f.member.token)).await;
    let personal_path = calendar["url"]
        .as_str()
        .unwrap()
        .strip_prefix("http://rendezvous.test")
        .unwrap()
        .to_string();
    let (_, personal) = fetch(&app, &personal_path).await;
    assert_wellformed(&personal);
    assert!(
        !personal.contains(after_dst["id"].as_str().unwrap()),
        "only meetups the member is going to"
    );
    save(
        &app,
        "personal",
        &personal,
        "Rendezvous — Member",
        &[expected_event(&before_dst), tricky_expected],
    );

    // Unknown or rotated secrets are not found.
    let response = app
        .api
        .get(app.url("/calendar/not-a-secret.ics"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    app.send(
        reqwest::Method::POST,
        "/api/v1/me/calendar/rotate",
        Some(&f.member.token),
        None,
    )
    .await;
    let response = app.api.get(app.url(&personal_path)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let response = app
        .api
        .get(app.url("/groups/nope/calendar.ics"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

on_both_backends!(feeds_for_every_calendar_app);
