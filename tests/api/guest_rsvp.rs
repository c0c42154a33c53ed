//! Answering without an account (#32 item 1): a name and an address, a mailed link that
//! confirms, then the same queue as members.

use chrono::Duration;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{Backend, TestApp};
use crate::mail::{app_with_sink, deliver, now, to, WAIT};
use crate::meetups::{create_meetup, group_with_venue, Fixture};
use crate::on_both_backends_with;
use crate::smtp_sink::{ReceivedMail, SmtpSink};

async fn answer(
    app: &TestApp,
    meetup: &str,
    name: &str,
    email: &str,
    guests: i64,
) -> (StatusCode, Value) {
    app.post(
        &format!("/api/v1/meetups/{meetup}/guest-rsvp"),
        None,
        json!({ "name": name, "email": email, "guests": guests }),
    )
    .await
}

/// An app mailing to a sink, the group `grp` and one meetup ("Apéro", with `extra` fields).
async fn with_meetup(
    backend: Backend,
    extra: Value,
) -> Option<(SmtpSink, TestApp, Fixture, Value)> {
    let sink = SmtpSink::start().await;
    let app = app_with_sink(backend, &sink).await?;
    let f = group_with_venue(&app).await;
    let mut input = json!({ "title": "Apéro", "starts_at": "2030-12-03T19:00" });
    if let (Some(input), Some(extra)) = (input.as_object_mut(), extra.as_object()) {
        input.extend(extra.clone());
    }
    let m = create_meetup(&app, &f.owner.token, input).await;
    Some((sink, app, f, m))
}

/// The token of the mail's confirmation link.
fn token_in(mail: &ReceivedMail) -> String {
    let text = mail.data.replace("=\r\n", "");
    let start = text.find("/guest-rsvp/").expect("a confirmation link") + "/guest-rsvp/".len();
    text[start..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect()
}

/// The signed one-click link doing `action` (`n`: release) in a mail.
fn answer_link(mail: &ReceivedMail, action: &str) -> Option<String> {
    let text = mail.data.replace("=\r\n", "").replace("=3D", "=");
    text.match_indices("/r/")
        .map(|(at, _)| {
            text[at + 3..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '.')
                .collect::<String>()
        })
        .find(|token| token.split('.').nth(2) == Some(action))
        .map(|token| format!("/r/{token}"))
}

/// The mails to `address`, once there are `n` of them (or after a wait).
async fn mails_to(sink: &SmtpSink, address: &str, n: usize) -> Vec<ReceivedMail> {
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let mails = to(&sink.received(), address);
        if mails.len() >= n || std::time::Instant::now() > deadline {
            return mails;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

async fn confirm(app: &TestApp, token: &str) -> (StatusCode, Value) {
    app.post(
        &format!("/api/v1/guest-rsvps/{token}/confirm"),
        None,
        json!({}),
    )
    .await
}

async fn counts(app: &TestApp, meetup: &str) -> (i64, i64) {
    let (_, m) = app.get(&format!("/api/v1/meetups/{meetup}"), None).await;
    (
        m["going_count"].as_i64().unwrap(),
        m["waitlist_count"].as_i64().unwrap(),
    )
}

/// The Done-when of #32 item 1: no seat until the link is followed, then the seat or the
/// waitlist in FIFO order with one confirmation and one invitation; the manage link releases the
/// seat and promotes the head; the same address registering keeps the answer.
async fn a_guest_answer_takes_its_place_once_confirmed(backend: Backend) {
    let Some((sink, app, f, m)) = with_meetup(backend, json!({ "capacity": 2 })).await else {
        return;
    };
    let id = m["id"].as_str().unwrap();
    app.rsvp(id, &f.member.token, "yes").await;
    let (status, body) = answer(&app, id, "Ada Lovelace", "Ada@Example.org", 0).await;
    assert_eq!(
        (status, &body),
        (StatusCode::ACCEPTED, &json!({ "status": "pending" }))
    );
    assert_eq!(
        counts(&app, id).await,
        (1, 0),
        "an unconfirmed answer holds no seat"
    );
    // Someone else takes the last seat meanwhile: the guest comes after them.
    let late = app.register("late@example.org", "Late").await;
    assert_eq!(app.rsvp(id, &late.token, "yes").await.1["status"], "going");
    deliver(&app, now()).await;
    let mails = sink.wait_for(3, WAIT).await;
    let ada = to(&mails, "ada@example.org");
    assert_eq!(ada.len(), 1, "one confirmation mail");
    assert!(ada[0].data.contains("text/plain") && ada[0].data.contains("text/html"));
    assert!(
        !ada[0].data.contains("text/calendar"),
        "no invitation before confirming"
    );
    let token = token_in(&ada[0]);
    assert_eq!(token.len(), 64);
    // Opening the link changes nothing (mail scanners open links).
    let visitor = app.new_browser();
    let link = format!("/guest-rsvp/{token}");
    assert_eq!(visitor.page(&link).await.0, StatusCode::OK);
    assert_eq!(counts(&app, id).await, (2, 0));
    let (status, rsvp) = confirm(&app, &token).await;
    assert_eq!(status, StatusCode::OK, "{rsvp}");
    assert_eq!(
        (rsvp["status"].as_str(), rsvp["waitlist_position"].as_i64()),
        (Some("waitlisted"), Some(1))
    );
    assert_eq!(confirm(&app, &token).await.0, StatusCode::GONE, "one use");
    assert_eq!(counts(&app, id).await, (2, 1));
    // Listed by first name to members, whole to organisers; not a member of the group.
    let (_, list) = app
        .get(
            &format!("/api/v1/meetups/{id}/attendees"),
            Some(&f.member.token),
        )
        .await;
    assert_eq!(list["waitlist"][0]["name"], "Ada", "{list}");
    let (_, list) = app
        .get(
            &format!("/api/v1/meetups/{id}/attendees"),
            Some(&f.owner.token),
        )
        .await;
    assert_eq!(list["waitlist"][0]["name"], "Ada Lovelace", "{list}");
    let (_, members) = app
        .get("/api/v1/groups/grp/members", Some(&f.owner.token))
        .await;
    assert!(!members.to_string().contains("Ada"), "{members}");
    // The waitlist mail, with a way out; a seat frees up: the head (Ada) gets it, with the
    // calendar invitation and a link to release it.
    deliver(&app, now()).await;
    let mails = sink.wait_for(4, WAIT).await;
    let waiting = to(&mails, "ada@example.org");
    assert_eq!(waiting.len(), 2);
    assert!(
        answer_link(&waiting[1], "n").is_some(),
        "leave the waitlist"
    );
    assert!(waiting[1].data.contains("/register"), "create my account");
    assert_eq!(app.rsvp(id, &f.member.token, "no").await.0, StatusCode::OK);
    deliver(&app, now()).await;
    let mails = sink.wait_for(5, WAIT).await;
    let promoted = to(&mails, "ada@example.org");
    assert_eq!(promoted.len(), 3);
    assert!(promoted[2].data.contains("text/calendar"), "the invitation");
    assert_eq!(
        mails
            .iter()
            .filter(|m| m.data.contains("text/calendar")
                && m.rcpt_to.iter().any(|r| r == "ada@example.org"))
            .count(),
        1,
        "one invitation"
    );
    let release = answer_link(&promoted[2], "n").expect("a release link");
    // Behind her, the member waits again; releasing through the mail promotes them.
    assert_eq!(
        app.rsvp(id, &f.member.token, "yes").await.1["status"],
        "waitlisted"
    );
    let response = visitor.submit_form(&release, &release, &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let (_, own) = app
        .get(&format!("/api/v1/meetups/{id}/rsvp"), Some(&f.member.token))
        .await;
    assert_eq!(own["status"], "going");
    assert_eq!(counts(&app, id).await, (2, 0));

    // Organisers have the guests (whole name and address) in the CSV, sign-in sheet and check-in.
    let guest = answer(&app, id, "Grace Hopper", "grace@example.org", 0).await;
    assert_eq!(guest.0, StatusCode::ACCEPTED);
    deliver(&app, now()).await;
    let grace = token_in(&mails_to(&sink, "grace@example.org", 1).await[0]);
    assert_eq!(confirm(&app, &grace).await.1["status"], "waitlisted");
    assert_eq!(app.rsvp(id, &late.token, "no").await.0, StatusCode::OK);
    let csv = app
        .api
        .get(app.url(&format!("/api/v1/meetups/{id}/attendees.csv")))
        .bearer_auth(&f.owner.token)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        csv.contains("Grace Hopper") && csv.contains("grace@example.org"),
        "{csv}"
    );
    let organiser = app.new_browser();
    organiser.login("owner@example.org").await;
    for page in ["checkin", "sign-in-sheet"] {
        let (_, html) = organiser
            .page(&format!("/groups/grp/meetups/{id}/{page}"))
            .await;
        assert!(html.contains("Grace Hopper"), "{page}");
    }

    // A second meetup, confirmed; then she registers with the address: the answers stay hers.
    let m2 = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Atelier Rust", "starts_at": "2030-12-10T19:00" }),
    )
    .await;
    let id2 = m2["id"].as_str().unwrap();
    assert_eq!(
        answer(&app, id2, "Ada Lovelace", "ada@example.org", 1)
            .await
            .0,
        StatusCode::ACCEPTED
    );
    deliver(&app, now()).await;
    let token = token_in(&mails_to(&sink, "ada@example.org", 4).await[3]);
    assert_eq!(confirm(&app, &token).await.1["status"], "going");
    let ada = app.register("ada@example.org", "Ada Lovelace").await;
    let (_, own) = app
        .get(&format!("/api/v1/meetups/{id2}/rsvp"), Some(&ada.token))
        .await;
    assert_eq!(
        (own["status"].as_str(), own["guests"].as_i64()),
        (Some("going"), Some(1))
    );
    let browser = app.new_browser();
    browser.login("ada@example.org").await;
    let (_, html) = browser.page("/account").await;
    assert!(html.contains("Atelier Rust"), "the answer on /account");
    // Now an account: listed by her whole name.
    let (_, list) = app
        .get(
            &format!("/api/v1/meetups/{id2}/attendees"),
            Some(&f.member.token),
        )
        .await;
    assert_eq!(list["going"][0]["name"], "Ada Lovelace", "{list}");
}

/// An address with an account gets the same answer, and the confirmed answer is the account's;
/// an answer not confirmed in time is refused; the group may turn answers without an account off.
async fn accounts_expiry_and_the_group_setting(backend: Backend) {
    let Some((sink, app, f, m)) = with_meetup(backend, json!({})).await else {
        return;
    };
    let id = m["id"].as_str().unwrap();
    let bob = app.register("bob@example.org", "Bob Martin").await;
    let known = answer(&app, id, "Someone", "bob@example.org", 0).await;
    let unknown = answer(&app, id, "Someone", "nobody@example.org", 0).await;
    assert_eq!(known, unknown, "the answer tells nothing of accounts");
    deliver(&app, now()).await;
    let mails = sink.wait_for(2, WAIT).await;
    let token = token_in(&to(&mails, "bob@example.org")[0]);
    assert_eq!(confirm(&app, &token).await.1["status"], "going");
    let (_, own) = app
        .get(&format!("/api/v1/meetups/{id}/rsvp"), Some(&bob.token))
        .await;
    assert_eq!(own["status"], "going", "the account's answer");
    // The other answer expires unconfirmed (a day later, or when answers close).
    let token = token_in(&to(&mails, "nobody@example.org")[0]);
    {
        use diesel::prelude::*;
        use rendezvous::db::schema::guest_answers;
        let expiry: chrono::NaiveDateTime = app
            .db
            .run(|conn| {
                Ok(guest_answers::table
                    .filter(guest_answers::used_at.is_null())
                    .select(guest_answers::expires_at)
                    .first(conn)?)
            })
            .await
            .unwrap();
        let day = now() + Duration::hours(24);
        assert!(
            expiry <= day && expiry > day - Duration::minutes(5),
            "{expiry}"
        );
        app.db
            .run(|conn| {
                diesel::update(guest_answers::table)
                    .set(guest_answers::expires_at.eq(now() - Duration::minutes(1)))
                    .execute(conn)?;
                Ok(())
            })
            .await
            .unwrap();
    }
    assert_eq!(
        app.new_browser()
            .page(&format!("/guest-rsvp/{token}"))
            .await
            .0,
        StatusCode::GONE
    );
    let (status, body) = confirm(&app, &token).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::GONE, Some("link_expired"))
    );
    assert_eq!(counts(&app, id).await, (1, 0));
    // Bad input is a 422 naming the field.
    let (status, body) = answer(&app, id, "", "x@example.org", 0).await;
    assert_eq!(
        (status, body["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("name"))
    );
    let (status, body) = answer(&app, id, "X", "not an address", 0).await;
    assert_eq!(
        (status, body["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("email"))
    );
    let (status, body) = answer(&app, id, "X", "x@example.org", 9).await;
    assert_eq!(
        (status, body["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("guests"))
    );
    // The meetup page offers the form to visitors while the group allows it.
    let path = format!("/groups/grp/meetups/{id}");
    assert!(app
        .new_browser()
        .page(&path)
        .await
        .1
        .contains(r#"id="guest-rsvp""#));
    let (status, group) = app
        .patch(
            "/api/v1/groups/grp",
            Some(&f.owner.token),
            json!({ "guest_rsvps": false }),
        )
        .await;
    assert_eq!(
        (status, &group["guest_rsvps"]),
        (StatusCode::OK, &json!(false))
    );
    assert_eq!(
        answer(&app, id, "X", "x@example.org", 0).await.0,
        StatusCode::FORBIDDEN
    );
    assert!(!app
        .new_browser()
        .page(&path)
        .await
        .1
        .contains(r#"id="guest-rsvp""#));
    let browser = app.new_browser();
    browser.login("owner@example.org").await;
    let (_, html) = browser.page("/groups/grp/edit").await;
    assert!(html.contains(r#"name="guest_rsvps""#));
}

/// A visitor on the HTML page: the form, the flash, the mailed link's page and its button.
async fn a_visitor_answers_on_the_page(backend: Backend) {
    let Some((sink, app, f, m)) = with_meetup(backend, json!({})).await else {
        return;
    };
    let id = m["id"].as_str().unwrap();
    let path = format!("/groups/grp/meetups/{id}");
    // Someone else opened the page first: the visitor gets the page every visitor shares.
    app.new_browser().page(&path).await;
    let visitor = app.new_browser();
    // A post made by another site's page is refused.
    let response = visitor
        .client
        .post(app.url(&format!("{path}/guest-rsvp")))
        .header("sec-fetch-site", "cross-site")
        .form(&[
            ("name", "Zoé"),
            ("email", "zoe@example.org"),
            ("guests", "0"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let (_, html) = visitor.page(&path).await;
    assert!(
        html.contains("id=\"guest-rsvp\""),
        "the form is on the shared page"
    );
    let response = visitor
        .client
        .post(app.url(&format!("{path}/guest-rsvp")))
        .form(&[
            ("name", "Zoé Durand"),
            ("email", "zoe@example.org"),
            ("guests", "0"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = visitor.page(&path).await;
    assert!(
        html.contains("Presque fini") || html.contains("Almost done"),
        "the flash"
    );
    deliver(&app, now()).await;
    let mails = sink.wait_for(1, WAIT).await;
    let link = format!("/guest-rsvp/{}", token_in(&mails[0]));
    let response = visitor.submit_form(&link, &link, &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(counts(&app, id).await, (1, 0));
    // Purged 30 days after the meetup; an account is kept.
    let start = chrono::NaiveDate::from_ymd_opt(2030, 12, 3)
        .unwrap()
        .and_hms_opt(18, 0, 0)
        .unwrap();
    assert_eq!(
        deliver(&app, start + Duration::days(29))
            .await
            .guests_purged,
        0
    );
    assert_eq!(
        deliver(&app, start + Duration::days(31))
            .await
            .guests_purged,
        1
    );
    let (_, list) = app
        .get(
            &format!("/api/v1/meetups/{id}/attendees"),
            Some(&f.owner.token),
        )
        .await;
    assert!(!list.to_string().contains("zoe@example.org"), "{list}");
    assert!(!list.to_string().contains("Zoé"), "{list}");
}

/// 48 answers at once for one address: exactly the limit of three gets through, with three
/// mails; the client address has its own limit.
async fn answers_are_limited_exactly_under_a_burst(backend: Backend) {
    let Some((sink, app, _, m)) = with_meetup(backend, json!({})).await else {
        return;
    };
    let id = m["id"].as_str().unwrap().to_string();
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..48 {
        let (api, url) = (
            app.api.clone(),
            app.url(&format!("/api/v1/meetups/{id}/guest-rsvp")),
        );
        set.spawn(async move {
            api.post(url)
                .json(&json!({ "name": "Burst", "email": "burst@example.org" }))
                .send()
                .await
                .unwrap()
                .status()
        });
    }
    let answers = set.join_all().await;
    let accepted = answers
        .iter()
        .filter(|s| **s == StatusCode::ACCEPTED)
        .count();
    let limited = answers
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!((accepted, limited), (3, 45), "{answers:?}");
    assert_eq!(deliver(&app, now()).await.sent, 3);
    assert_eq!(
        to(&sink.wait_for(3, WAIT).await, "burst@example.org").len(),
        3
    );
    // From one client address: 20 an hour, whatever the addresses.
    for n in 0..17 {
        let email = format!("p{n}@example.org");
        assert_eq!(
            answer(&app, &id, "P", &email, 0).await.0,
            StatusCode::ACCEPTED
        );
    }
    let (status, body) = answer(&app, &id, "P", "last@example.org", 0).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::TOO_MANY_REQUESTS, Some("rate_limited"))
    );
}

on_both_backends_with!(
    a_guest_answer_takes_its_place_once_confirmed,
    accounts_expiry_and_the_group_setting,
    a_visitor_answers_on_the_page,
    answers_are_limited_exactly_under_a_burst,
);
