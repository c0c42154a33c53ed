//! Seats for people who come (#31): "Still coming?" at the meetup's reconfirmation time, its
//! one-click answers, the release of unconfirmed seats, and a waitlist people understand.

use chrono::{Duration, NaiveDateTime};
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{Backend, Registered, TestApp};
use crate::mail::{app_with_sink, deliver, outbox_count, to, WAIT};
use crate::meetups::{create_meetup, group_with_venue};
use crate::smtp_sink::ReceivedMail;
use crate::{on_both_backends, on_both_backends_with};

/// 2030-12-03T19:00 in Europe/Paris, in UTC.
fn start() -> NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(2030, 12, 3)
        .unwrap()
        .and_hms_opt(18, 0, 0)
        .unwrap()
}

fn before(hours: i64) -> NaiveDateTime {
    start() - Duration::hours(hours)
}

/// The signed links of a mail, as `/r/{token}` paths, with what each does (`y`, `n`, `c`, `f`).
fn links(mail: &ReceivedMail) -> Vec<(String, String)> {
    let text = mail.data.replace("=\r\n", "").replace("=3D", "=");
    let mut found: Vec<(String, String)> = text
        .match_indices("/r/")
        .map(|(at, _)| {
            text[at + 3..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '.')
                .collect::<String>()
        })
        .filter_map(|token| {
            let action = token.split('.').nth(2)?.to_string();
            Some((action, format!("/r/{token}")))
        })
        .collect();
    found.sort();
    found.dedup();
    found
}

fn link(mail: &ReceivedMail, action: &str) -> String {
    links(mail)
        .into_iter()
        .find(|(a, _)| a == action)
        .unwrap_or_else(|| panic!("a `{action}` link in {:?}", links(mail)))
        .1
}

async fn rsvp_of(app: &TestApp, meetup: &str, who: &Registered) -> serde_json::Value {
    app.get(&format!("/api/v1/meetups/{meetup}/rsvp"), Some(&who.token))
        .await
        .1
}

async fn status_of(app: &TestApp, meetup: &str, who: &Registered) -> String {
    rsvp_of(app, meetup, who).await["status"]
        .as_str()
        .unwrap_or("none")
        .to_string()
}

async fn reminders_off(app: &TestApp, who: &Registered) {
    use diesel::prelude::*;
    use rendezvous::db::schema::users;
    let id = who.id.clone();
    app.db
        .run(move |conn| {
            diesel::update(users::table.filter(users::id.eq(id)))
                .set(users::mail_reminders.eq(false))
                .execute(conn)?;
            Ok(())
        })
        .await
        .unwrap();
}

/// The "Still coming?" mails among `mails`: those with a `c` link.
fn reconfirmations(mails: &[ReceivedMail]) -> Vec<ReceivedMail> {
    mails
        .iter()
        .filter(|m| links(m).iter().any(|(a, _)| a == "c"))
        .cloned()
        .collect()
}

async fn the_rules_are_set_per_group_and_meetup(app: TestApp) {
    let f = group_with_venue(&app).await;
    let (status, group) = app
        .patch(
            "/api/v1/groups/grp",
            Some(&f.owner.token),
            json!({ "reconfirm_before": "48h", "auto_release_before": "24h" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{group}");
    assert_eq!(group["reconfirm_before"], "48h");
    assert_eq!(group["auto_release_before"], "24h");
    // A new meetup takes the group's defaults; one may turn them off.
    let m = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "A", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    assert_eq!(
        (
            m["reconfirm_before"].as_str(),
            m["auto_release_before"].as_str()
        ),
        (Some("48h"), Some("24h"))
    );
    let off = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "B", "starts_at": "2030-12-03T19:00", "reconfirm_before": "72h", "auto_release_before": null }),
    )
    .await;
    assert_eq!(off["reconfirm_before"], "72h");
    assert!(off["auto_release_before"].is_null());
    let path = format!("/api/v1/meetups/{}", m["id"].as_str().unwrap());
    let (status, body) = app
        .patch(
            &path,
            Some(&f.owner.token),
            json!({ "auto_release_before": null }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(body["auto_release_before"].is_null());
    assert_eq!(body["reconfirm_before"], "48h", "kept");
    for (input, field) in [
        (json!({ "reconfirm_before": "soon" }), "reconfirm_before"),
        (
            json!({ "reconfirm_before": null, "auto_release_before": "24h" }),
            "auto_release_before",
        ),
        (
            json!({ "auto_release_before": "3d" }),
            "auto_release_before",
        ),
    ] {
        let (status, body) = app.patch(&path, Some(&f.owner.token), input).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["error"]["field"], field, "{body}");
    }
    let (status, body) = app
        .patch(
            "/api/v1/groups/grp",
            Some(&f.owner.token),
            json!({ "reconfirm_before": "10m" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["field"], "reconfirm_before");
    // So do the occurrences of a series.
    let (status, series) = app
        .post(
            "/api/v1/groups/grp/series",
            Some(&f.owner.token),
            json!({ "title": "Apéro #{n}", "rule": "FREQ=WEEKLY", "start_time": "19:00", "horizon": 2 }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{series}");
    assert_eq!(series["next"][0]["reconfirm_before"], "48h", "{series}");
    assert_eq!(series["next"][1]["auto_release_before"], "24h");
    // The HTML forms carry them too.
    let browser = app.default_browser();
    browser.login("owner@example.org").await;
    let (status, html) = browser.page("/groups/grp/edit").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(r#"name="reconfirm_before""#) && html.contains(r#"value="48h""#));
    let (_, html) = browser.page("/groups/grp/meetups/new").await;
    assert!(html.contains(r#"name="auto_release_before""#) && html.contains(r#"value="24h""#));
}

/// A full meetup with a waitlist of 2: one "Still coming?" per going member at T−48h; "Yes"
/// confirms, "Release" promotes the head, posting again changes nothing; whoever comes in
/// afterwards counts as confirmed; moving the meetup asks again.
async fn still_coming_is_asked_once_and_answered_in_one_click(backend: Backend) {
    let sink = crate::smtp_sink::SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    let f = group_with_venue(&app).await;
    let (b, c) = (
        app.register("b@example.org", "B").await,
        app.register("c@example.org", "C").await,
    );
    let (w1, w2) = (
        app.register("w1@example.org", "W1").await,
        app.register("w2@example.org", "W2").await,
    );
    let m = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Full", "starts_at": "2030-12-03T19:00", "capacity": 4, "reconfirm_before": "48h" }),
    )
    .await;
    let id = m["id"].as_str().unwrap();
    app.put(
        &format!("/api/v1/meetups/{id}/rsvp"),
        Some(&f.member.token),
        json!({ "answer": "yes", "guests": 1 }),
    )
    .await;
    for who in [&b, &c, &w1, &w2] {
        app.rsvp(id, &who.token, "yes").await;
    }
    assert_eq!(rsvp_of(&app, id, &w2).await["waitlist_position"], 2);
    assert_eq!(rsvp_of(&app, id, &b).await["confirmed"], false);
    let early = deliver(&app, before(49)).await;
    assert_eq!(early.reconfirmations_queued, 0, "too early");
    let report = deliver(&app, before(47)).await;
    assert_eq!(report.reconfirmations_queued, 3, "{report:?}");
    assert_eq!(
        deliver(&app, before(46)).await.reconfirmations_queued,
        0,
        "once"
    );
    assert_eq!(outbox_count(&app, "reconfirmation").await, 3);
    let mails = sink.wait_for(5 + 3, WAIT).await;
    let asked = reconfirmations(&mails);
    assert_eq!(asked.len(), 3);
    for who in ["member@example.org", "b@example.org", "c@example.org"] {
        assert_eq!(to(&asked, who).len(), 1, "{who}");
    }
    assert!(to(&asked, "w1@example.org").is_empty());
    // Fewer guests is offered to a party with guests only; release to everyone.
    let member_mail = &to(&asked, "member@example.org")[0];
    let b_mail = &to(&asked, "b@example.org")[0];
    link(member_mail, "f");
    link(b_mail, "n");
    assert!(links(b_mail).iter().all(|(a, _)| a != "f"));
    // "Yes": opening changes nothing, posting confirms, again changes nothing.
    let yes = link(b_mail, "c");
    let visitor = app.new_browser();
    assert_eq!(visitor.page(&yes).await.0, StatusCode::OK);
    assert_eq!(rsvp_of(&app, id, &b).await["confirmed"], false);
    for _ in 0..2 {
        let response = visitor.submit_form(&yes, &yes, &[]).await;
        assert_eq!(response.status(), StatusCode::OK);
        let rsvp = rsvp_of(&app, id, &b).await;
        assert_eq!(
            (rsvp["status"].as_str(), rsvp["confirmed"].as_bool()),
            (Some("going"), Some(true))
        );
    }
    // Fewer guests: the freed seat goes to the head of the waitlist, who counts as confirmed.
    let fewer = link(member_mail, "f");
    let response = visitor
        .submit_form(&fewer, &fewer, &[("guests", "0")])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let rsvp = rsvp_of(&app, id, &f.member).await;
    assert_eq!(
        (rsvp["guests"].as_i64(), rsvp["confirmed"].as_bool()),
        (Some(0), Some(true))
    );
    let head = rsvp_of(&app, id, &w1).await;
    assert_eq!(
        (head["status"].as_str(), head["confirmed"].as_bool()),
        (Some("going"), Some(true))
    );
    // "Release": the seat goes to the next in line; posting again changes nothing.
    let release = link(&to(&asked, "c@example.org")[0], "n");
    for _ in 0..2 {
        let response = visitor.submit_form(&release, &release, &[]).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(rsvp_of(&app, id, &c).await["status"], "not_going");
        assert_eq!(rsvp_of(&app, id, &w2).await["status"], "going");
    }
    let (_, meetup) = app.get(&format!("/api/v1/meetups/{id}"), None).await;
    assert_eq!(meetup["going_count"], 4, "capacity kept");
    // "Yes" from someone without a seat is refused, and changes nothing.
    let c_yes = link(&to(&asked, "c@example.org")[0], "c");
    let response = visitor.submit_form(&c_yes, &c_yes, &[]).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    // Organisers see who confirmed.
    let (_, list) = app
        .get(
            &format!("/api/v1/meetups/{id}/attendees"),
            Some(&f.owner.token),
        )
        .await;
    let confirmed: Vec<_> = list["going"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["confirmed"].as_bool())
        .collect();
    assert!(confirmed.iter().all(|c| *c == Some(true)), "{list}");
    let (_, list) = app
        .get(&format!("/api/v1/meetups/{id}/attendees"), Some(&b.token))
        .await;
    assert!(
        list["going"][0].get("confirmed").is_none(),
        "for organisers"
    );
    // Moving the meetup forgets the confirmations and asks again.
    let (status, _) = app
        .patch(
            &format!("/api/v1/meetups/{id}"),
            Some(&f.owner.token),
            json!({ "starts_at": "2030-12-03T20:00" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(rsvp_of(&app, id, &b).await["confirmed"], false);
    assert_eq!(deliver(&app, before(46)).await.reconfirmations_queued, 4);
}

/// With automatic release at T−24h: an unconfirmed member is released and the head promoted;
/// not one who confirmed, nor one with reminders off, nor one promoted after T−48h.
async fn unconfirmed_seats_go_to_the_waitlist(backend: Backend) {
    let sink = crate::smtp_sink::SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    let f = group_with_venue(&app).await;
    let silent = app.register("silent@example.org", "Silent").await;
    let quiet = app.register("quiet@example.org", "Quiet").await;
    let leaving = app.register("leaving@example.org", "Leaving").await;
    let (w1, w2) = (
        app.register("w1@example.org", "W1").await,
        app.register("w2@example.org", "W2").await,
    );
    let m = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Auto", "starts_at": "2030-12-03T19:00", "capacity": 4,
                "reconfirm_before": "48h", "auto_release_before": "24h" }),
    )
    .await;
    let id = m["id"].as_str().unwrap();
    for who in [&f.member, &silent, &quiet, &leaving, &w1, &w2] {
        app.rsvp(id, &who.token, "yes").await;
    }
    reminders_off(&app, &quiet).await;
    assert_eq!(deliver(&app, before(47)).await.reconfirmations_queued, 3);
    let mails = sink.wait_for(6 + 3, WAIT).await;
    let asked = reconfirmations(&mails);
    let visitor = app.new_browser();
    let yes = link(&to(&asked, "member@example.org")[0], "c");
    visitor.submit_form(&yes, &yes, &[]).await;
    // Leaving gives the seat to W1, promoted after the question went out.
    let release = link(&to(&asked, "leaving@example.org")[0], "n");
    visitor.submit_form(&release, &release, &[]).await;
    assert_eq!(rsvp_of(&app, id, &w1).await["status"], "going");
    assert_eq!(deliver(&app, before(25)).await.seats_released, 0, "not yet");
    let report = deliver(&app, before(23)).await;
    assert_eq!(report.seats_released, 1, "{report:?}");
    assert_eq!(deliver(&app, before(22)).await.seats_released, 0, "once");
    assert_eq!(status_of(&app, id, &silent).await, "not_going");
    assert_eq!(
        status_of(&app, id, &w2).await,
        "going",
        "the head is promoted"
    );
    for kept in [&f.member, &quiet, &w1] {
        assert_eq!(status_of(&app, id, kept).await, "going");
    }
    let (_, meetup) = app.get(&format!("/api/v1/meetups/{id}"), None).await;
    assert_eq!(meetup["going_count"], 4);
    assert_eq!(outbox_count(&app, "seat_released").await, 1);
    // The show-rate page counts both seats given back (by link, then automatically) and both
    // promotions, exactly.
    let (_, stats) = app
        .get(
            "/api/v1/groups/grp/stats?from=2030-12-03&to=2030-12-03",
            Some(&f.owner.token),
        )
        .await;
    let line = &stats["meetups"][0];
    assert_eq!(
        (&line["released"], &line["promoted"]),
        (&json!(2), &json!(2)),
        "{stats}"
    );
    let n = sink.received().len();
    deliver(&app, before(22)).await;
    let mails = sink.wait_for(n + 1, WAIT).await;
    let told = to(&mails, "silent@example.org");
    let released = told.last().unwrap();
    // One click gets back in line.
    let back = link(released, "y");
    let response = visitor.submit_form(&back, &back, &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(status_of(&app, id, &silent).await, "waitlisted");
}

/// Released members are only those the question reached: a reconfirmation still on its way
/// protects the seat.
async fn an_undelivered_question_releases_nobody(backend: Backend) {
    let sink = crate::smtp_sink::SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    let f = group_with_venue(&app).await;
    let m = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Pending", "starts_at": "2030-12-03T19:00", "capacity": 1,
                "reconfirm_before": "48h", "auto_release_before": "24h" }),
    )
    .await;
    let id = m["id"].as_str().unwrap();
    app.rsvp(id, &f.member.token, "yes").await;
    deliver(&app, before(72)).await;
    // The SMTP server is down when the question goes out: it stays pending.
    sink.stop().await;
    let report = deliver(&app, before(47)).await;
    assert_eq!(
        (report.reconfirmations_queued, report.sent),
        (1, 0),
        "{report:?}"
    );
    assert_eq!(deliver(&app, before(23)).await.seats_released, 0);
    assert_eq!(rsvp_of(&app, id, &f.member).await["status"], "going");
}

/// The waitlist says what it is: the button, the status, the mail and its way out; a party
/// larger than the meetup is refused instead of waiting forever.
async fn the_waitlist_explains_itself(backend: Backend) {
    let sink = crate::smtp_sink::SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    let f = group_with_venue(&app).await;
    let m = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Small", "starts_at": "2030-12-03T19:00", "capacity": 2 }),
    )
    .await;
    let id = m["id"].as_str().unwrap();
    let rsvp = format!("/api/v1/meetups/{id}/rsvp");
    let (status, body) = app
        .put(
            &rsvp,
            Some(&f.member.token),
            json!({ "answer": "yes", "guests": 2 }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["field"], "guests");
    assert_eq!(
        rsvp_of(&app, id, &f.member).await["status"].as_str(),
        None,
        "nothing recorded"
    );
    app.put(
        &rsvp,
        Some(&f.member.token),
        json!({ "answer": "yes", "guests": 1 }),
    )
    .await;
    let waiting = app.register("waiting@example.org", "Waiting").await;
    let browser = app.default_browser();
    browser.login("waiting@example.org").await;
    let path = format!("/groups/grp/meetups/{id}");
    let (_, html) = browser.page(&path).await;
    assert!(
        html.contains(r#"id="waitlist-how""#),
        "says how the waitlist works"
    );
    let (status, _) = app.rsvp(id, &waiting.token, "yes").await;
    assert_eq!(status, StatusCode::OK);
    let (_, html) = browser.page(&path).await;
    assert!(
        html.contains(r#"class="flash wait" id="own-rsvp""#),
        "not a success"
    );
    deliver(&app, crate::mail::now()).await;
    let mails = sink.wait_for(2, WAIT).await;
    let mail = &to(&mails, "waiting@example.org")[0];
    let leave = link(mail, "n");
    let response = app.new_browser().submit_form(&leave, &leave, &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(rsvp_of(&app, id, &waiting).await["status"], "not_going");
}

on_both_backends!(the_rules_are_set_per_group_and_meetup);
on_both_backends_with!(
    still_coming_is_asked_once_and_answered_in_one_click,
    unconfirmed_seats_go_to_the_waitlist,
    an_undelivered_question_releases_nobody,
    the_waitlist_explains_itself,
);
