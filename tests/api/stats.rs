//! The show-rate page (#31 item 5): per meetup, seats going at the start, people checked in,
//! show rate, first-timers and returning members, the waitlist at the start, seats released and
//! members promoted; JSON, CSV and HTML for organisers and door helpers; the digest's line.

use chrono::{Duration, Utc};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::check_in::meetup_in;
use crate::helpers::{Backend, Registered, TestApp};
use crate::mail::{app_with_sink, deliver, now, to, WAIT};
use crate::meetups::{group_with_venue, Fixture};
use crate::smtp_sink::SmtpSink;
use crate::{on_both_backends, on_both_backends_with};

/// Days around today, so that the group's zone cannot move a meetup out of the range.
fn range() -> String {
    let today = Utc::now().date_naive();
    format!(
        "from={}&to={}",
        today - Duration::days(3),
        today + Duration::days(3)
    )
}

struct Scene {
    f: Fixture,
    helper: Registered,
    c: Registered,
    earlier: String,
    full: String,
}

/// An earlier meetup the member went to (moved to yesterday), and a full one in an hour with
/// two seats: the member and B going, C and D waiting; B gives the seat back, C is promoted,
/// the member is ticked in, C is not.
async fn scene(app: &TestApp) -> Scene {
    let f = group_with_venue(app).await;
    let (b, c, d, helper) = (
        app.register("b@example.org", "B").await,
        app.register("c@example.org", "C").await,
        app.register("d@example.org", "D").await,
        app.register("helper@example.org", "Helper").await,
    );
    let earlier = meetup_in(app, &f.owner, 1, json!({ "title": "Earlier" })).await;
    app.rsvp(&earlier, &f.member.token, "yes").await;
    let yesterday = Utc::now() - Duration::days(1);
    let (status, body) = app
        .patch(
            &format!("/api/v1/meetups/{earlier}"),
            Some(&f.owner.token),
            json!({ "starts_at": yesterday.to_rfc3339(), "ends_at": (yesterday + Duration::hours(2)).to_rfc3339() }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let full = meetup_in(app, &f.owner, 1, json!({ "title": "Full", "capacity": 2 })).await;
    for who in [&f.member, &b, &c, &d] {
        app.rsvp(&full, &who.token, "yes").await;
    }
    let (_, answer) = app.rsvp(&full, &b.token, "no").await;
    assert_eq!(answer["status"], "not_going");
    let (_, own) = app
        .get(&format!("/api/v1/meetups/{full}/rsvp"), Some(&c.token))
        .await;
    assert_eq!(own["status"], "going", "C promoted: {own}");
    let (status, _) = app
        .put(
            &format!("/api/v1/meetups/{full}/attendance/{}", f.member.id),
            Some(&f.owner.token),
            json!({ "attended": true }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = app
        .post("/api/v1/groups/grp/members", Some(&helper.token), json!({}))
        .await;
    assert!(status.is_success());
    let (status, _) = app
        .put(
            &format!("/api/v1/groups/grp/members/{}", helper.id),
            Some(&f.owner.token),
            json!({ "role": "helper" }),
        )
        .await;
    assert!(status.is_success());
    Scene {
        f,
        helper,
        c,
        earlier,
        full,
    }
}

fn line<'a>(stats: &'a Value, meetup: &str) -> &'a Value {
    stats["meetups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["meetup_id"] == meetup)
        .unwrap_or_else(|| panic!("{meetup} in {stats}"))
}

/// Each meetup's figures, exact; organisers and helpers read them, members and strangers not.
async fn figures_per_meetup(app: TestApp) {
    let s = scene(&app).await;
    let path = format!("/api/v1/groups/grp/stats?{}", range());
    let (status, stats) = app.get(&path, Some(&s.f.owner.token)).await;
    assert_eq!(status, StatusCode::OK, "{stats}");
    let names = [
        "going",
        "checked_in",
        "show_rate",
        "first_timers",
        "returning",
        "waitlist",
        "released",
        "promoted",
    ];
    let figures = |m: &Value| names.map(|n| m[n].clone());
    assert_eq!(
        figures(line(&stats, &s.full)),
        [
            json!(2),
            json!(1),
            json!(0.5),
            json!(1),
            json!(1),
            json!(1),
            json!(1),
            json!(1)
        ],
        "{stats}"
    );
    let earlier = line(&stats, &s.earlier);
    assert_eq!(
        figures(earlier),
        [
            json!(1),
            json!(0),
            Value::Null,
            json!(1),
            json!(0),
            json!(0),
            json!(0),
            json!(0)
        ],
        "no check-in, no rate: {earlier}"
    );
    assert_eq!(stats["meetups"][0]["meetup_id"], s.earlier, "first first");
    // Counts only: nobody is named.
    for leak in ["Member", "member@example.org", s.f.member.id.as_str()] {
        assert!(!stats.to_string().contains(leak), "{leak} in {stats}");
    }

    let (status, _) = app.get(&path, Some(&s.helper.token)).await;
    assert_eq!(status, StatusCode::OK, "door helpers read them");
    assert_eq!(
        app.get(&path, Some(&s.f.member.token)).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.get(&path, None).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.get("/api/v1/groups/nope/stats", Some(&s.f.owner.token))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    for (query, field) in [
        ("from=yesterday", "from"),
        ("from=2030-02-01&to=2030-01-01", "from"),
        ("to=2030-13-01", "to"),
    ] {
        let (status, body) = app
            .get(
                &format!("/api/v1/groups/grp/stats?{query}"),
                Some(&s.f.owner.token),
            )
            .await;
        assert_eq!(
            (status, body["error"]["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some(field)),
            "{query}"
        );
    }
    // Out of the range: not listed.
    let (_, none) = app
        .get(
            "/api/v1/groups/grp/stats?from=2020-01-01&to=2020-12-31",
            Some(&s.f.owner.token),
        )
        .await;
    assert_eq!(none["meetups"], json!([]));
}

on_both_backends!(figures_per_meetup);

/// The CSV has the meetup's row, over the API and from the page; the page shows the table and
/// the chart to organisers and helpers, keeps a bad date in its form, and refuses members.
async fn csv_and_page(app: TestApp) {
    let s = scene(&app).await;
    let response = reqwest::Client::new()
        .get(app.url(&format!("/api/v1/groups/grp/stats?format=csv&{}", range())))
        .bearer_auth(&s.f.owner.token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let csv = response.text().await.unwrap();
    let mut rows = csv.lines();
    assert_eq!(
        rows.next(),
        Some("meetup_id,title,starts_at,going,checked_in,show_rate,first_timers,returning,waitlist,released,promoted")
    );
    let row = rows
        .find(|r| r.starts_with(&s.full))
        .unwrap_or_else(|| panic!("the meetup's row in {csv}"));
    assert!(row.ends_with(",2,1,0.500,1,1,1,1,1"), "{row}");

    let owner = app.new_browser();
    owner.login("owner@example.org").await;
    let (status, html) = owner
        .page(&format!("/groups/grp/stats?lang=en&{}", range()))
        .await;
    assert_eq!(status, StatusCode::OK);
    for shown in ["Show rate", "Full", "50%", "<svg", "stats.csv?from="] {
        assert!(html.contains(shown), "{shown}");
    }
    let (status, csv) = owner
        .page(&format!("/groups/grp/stats.csv?{}", range()))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(csv.lines().any(|r| r.starts_with(&s.full)), "{csv}");
    let (status, html) = owner.page("/groups/grp/stats?lang=en&from=someday").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("value=\"someday\""), "the input kept");

    let helper = app.new_browser();
    helper.login("helper@example.org").await;
    assert_eq!(helper.page("/groups/grp/stats").await.0, StatusCode::OK);
    let member = app.new_browser();
    member.login("member@example.org").await;
    assert_eq!(
        member.page("/groups/grp/stats").await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        member.page("/groups/grp/stats.csv").await.0,
        StatusCode::FORBIDDEN
    );
}

on_both_backends!(csv_and_page);

/// The organiser who takes a daily digest of answers reads how many seats were given back and
/// how many waiting members were promoted.
async fn the_digest_counts_releases_and_promotions(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    let s = scene(&app).await;
    let (status, _) = app
        .put(
            "/api/v1/groups/grp/subscription",
            Some(&s.f.owner.token),
            json!({ "rsvp_notices": "digest" }),
        )
        .await;
    assert!(status.is_success());
    // C gives the promoted seat back in turn: D is promoted.
    app.rsvp(&s.full, &s.c.token, "no").await;
    let first = deliver(&app, now() + chrono::Duration::days(1)).await;
    assert_eq!(first.digests_queued, 1);
    let mails = sink.wait_for(first.sent, WAIT).await;
    let digest = to(&mails, "owner@example.org")
        .into_iter()
        .find(|m| {
            m.header("Subject")
                .is_some_and(|s| s.contains("DjangAuvergne"))
                && m.data.contains("promoted")
        })
        .expect("the digest");
    let text = digest.data.replace("=\r\n", "");
    assert!(
        text.contains("2 released, 2 promoted from the waitlist"),
        "{text}"
    );
}

on_both_backends_with!(the_digest_counts_releases_and_promotions);
