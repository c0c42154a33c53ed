//! Venues that say how to get in (#35 item 4): accessibility facts for everyone, the way in for
//! members going and organisers only (pages, API, their mails and invitations), the contact at
//! the venue for organisers only, and seats that a new meetup takes unless it sets its own.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{Backend, TestApp};
use crate::mail::{app_with_sink, deliver, now, to, WAIT};
use crate::meetups::{create_meetup, group_with_venue, Fixture};
use crate::smtp_sink::{ReceivedMail, SmtpSink};
use crate::{on_both_backends, on_both_backends_with};

const WAY_IN: &str = "Third floor, door code 4711B, ask Camille";
const CONTACT: &str = "Camille, 04 73 00 00 00";

async fn venue_with_access(app: &TestApp, f: &Fixture) -> Value {
    let (status, venue) = app
        .post(
            "/api/v1/groups/grp/venues",
            Some(&f.owner.token),
            json!({
                "name": "La Baraque",
                "address": "2 rue du Port",
                "accessibility": { "step_free": true, "hearing_loop": false, "notes": "Lift at the back" },
                "entry_instructions": WAY_IN,
                "host_contact": CONTACT,
                "capacity": 40
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{venue}");
    venue
}

async fn venue_facts_are_public_and_the_rest_is_not(app: TestApp) {
    let f = group_with_venue(&app).await;
    let venue = venue_with_access(&app, &f).await;
    assert_eq!(venue["entry_instructions"], WAY_IN);
    assert_eq!(venue["host_contact"], CONTACT);
    assert_eq!(venue["accessibility"]["step_free"], true);
    assert_eq!(venue["accessibility"]["accessible_toilet"], Value::Null);
    let listed = |list: &Value| {
        list["venues"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["id"] == venue["id"])
            .cloned()
            .unwrap()
    };
    for token in [None, Some(f.member.token.as_str())] {
        let (_, list) = app.get("/api/v1/groups/grp/venues", token).await;
        let v = listed(&list);
        assert_eq!(v["accessibility"]["notes"], "Lift at the back");
        assert_eq!(v["capacity"], 40);
        assert!(v.get("entry_instructions").is_none(), "{v}");
        assert!(v.get("host_contact").is_none(), "{v}");
    }
    let (_, list) = app
        .get("/api/v1/groups/grp/venues", Some(&f.owner.token))
        .await;
    assert_eq!(listed(&list)["host_contact"], CONTACT);
    // Bad input names its field.
    let (status, body) = app
        .patch(
            &format!("/api/v1/venues/{}", venue["id"].as_str().unwrap()),
            Some(&f.owner.token),
            json!({ "capacity": 0 }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["field"], "capacity");
    // A partial change keeps the rest.
    let (status, body) = app
        .patch(
            &format!("/api/v1/venues/{}", venue["id"].as_str().unwrap()),
            Some(&f.owner.token),
            json!({ "accessibility": { "accessible_toilet": true } }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["accessibility"]["accessible_toilet"], true);
    assert_eq!(
        body["accessibility"]["step_free"],
        Value::Null,
        "replaced whole"
    );
    assert_eq!(body["entry_instructions"], WAY_IN);
}

on_both_backends!(venue_facts_are_public_and_the_rest_is_not);

async fn a_new_meetup_takes_the_venue_seats_unless_it_sets_its_own(app: TestApp) {
    let f = group_with_venue(&app).await;
    let venue = venue_with_access(&app, &f).await;
    let at = |title: &str, extra: Value| {
        let mut input =
            json!({ "title": title, "starts_at": "2030-12-03T19:00", "venue_id": venue["id"] });
        input
            .as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        input
    };
    let seats = create_meetup(&app, &f.owner.token, at("Venue's", json!({}))).await;
    assert_eq!(seats["capacity"], 40);
    let own = create_meetup(&app, &f.owner.token, at("Own", json!({ "capacity": 12 }))).await;
    assert_eq!(own["capacity"], 12);
    let open = create_meetup(
        &app,
        &f.owner.token,
        at("Open", json!({ "capacity": null })),
    )
    .await;
    assert_eq!(open["capacity"], Value::Null, "null says: no limit");
}

on_both_backends!(a_new_meetup_takes_the_venue_seats_unless_it_sets_its_own);

fn plain_text(mail: &ReceivedMail) -> String {
    let message = mail_parser::MessageParser::default()
        .parse(mail.data.as_bytes())
        .expect("a MIME message");
    message.body_text(0).expect("a text part").into_owned()
}

/// The invitation attached to a mail, unfolded, if any.
fn invitation(mail: &ReceivedMail) -> Option<String> {
    use mail_parser::MimeHeaders;
    let message = mail_parser::MessageParser::default()
        .parse(mail.data.as_bytes())
        .expect("a MIME message");
    message
        .parts
        .iter()
        .find(|p| {
            p.content_type()
                .is_some_and(|t| t.subtype() == Some("calendar"))
        })
        .and_then(|p| {
            p.text_contents()
                .map(str::to_string)
                .or_else(|| std::str::from_utf8(p.contents()).ok().map(str::to_string))
        })
        .map(|ics| ics.replace("\r\n ", ""))
}

async fn the_way_in_is_for_those_going(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    let f = group_with_venue(&app).await;
    let venue = venue_with_access(&app, &f).await;
    let watcher = app.register("watcher@example.org", "Watcher").await;
    app.post(
        "/api/v1/groups/grp/members",
        Some(&watcher.token),
        json!({}),
    )
    .await;
    app.post(
        "/api/v1/groups/grp/members",
        Some(&f.member.token),
        json!({}),
    )
    .await;
    let m = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Apero", "starts_at": "2030-12-03T19:00", "venue_id": venue["id"], "announce": true }),
    )
    .await;
    let id = m["id"].as_str().unwrap();
    let page = format!("/groups/grp/meetups/{id}");
    // Anyone reads the facts; the way in is hidden before answering.
    let (_, html) = app.page(&format!("{page}?lang=en")).await;
    assert!(html.contains("Step-free access: yes"), "public facts");
    assert!(html.contains("Hearing loop: no"));
    assert!(!html.contains("4711B"), "no way in for visitors");
    let read = |token: String| {
        let app = &app;
        async move {
            let (_, json) = app
                .get(&format!("/api/v1/meetups/{id}"), Some(&token))
                .await;
            json["venue"]["entry_instructions"].clone()
        }
    };
    assert_eq!(read(f.member.token.clone()).await, Value::Null, "not going");
    let (_, anonymous) = app.get(&format!("/api/v1/meetups/{id}"), None).await;
    assert!(anonymous["venue"].get("entry_instructions").is_none());
    assert_eq!(read(f.owner.token.clone()).await, WAY_IN, "organisers");
    let (status, _) = app.rsvp(id, &f.member.token, "yes").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(read(f.member.token.clone()).await, WAY_IN, "going");
    let browser = app.new_browser();
    browser.login("member@example.org").await;
    let (_, html) = browser.page(&format!("{page}?lang=en")).await;
    assert!(html.contains("4711B"), "the page shows it to those going");
    // Not in the group's calendar.
    let (_, ics) = app.page("/groups/grp/calendar.ics").await;
    assert!(!ics.contains("4711B"));
    // The announcement (to everyone) does not say it; the confirmation and its invitation do.
    deliver(&app, now()).await;
    let mails = sink.wait_for(3, WAIT).await;
    let announced = to(&mails, "watcher@example.org");
    assert_eq!(announced.len(), 1);
    assert!(!announced[0].data.contains("4711B"));
    let member = to(&mails, "member@example.org");
    let confirmation = member
        .iter()
        .find(|m| m.header("Subject").unwrap().contains("going"))
        .expect("a confirmation");
    assert!(plain_text(confirmation).contains(WAY_IN));
    let ics = invitation(confirmation).expect("an invitation");
    assert!(ics.contains("door code 4711B"), "{ics}");
    // The reminder to those going says it too.
    let start = chrono::NaiveDate::from_ymd_opt(2030, 12, 3)
        .unwrap()
        .and_hms_opt(18, 0, 0)
        .unwrap();
    let before = sink.received().len();
    deliver(&app, start - chrono::Duration::hours(23)).await;
    let mails = sink.wait_for(before + 1, WAIT).await;
    let reminder = to(&mails[before..], "member@example.org");
    assert_eq!(reminder.len(), 1);
    assert!(plain_text(&reminder[0]).contains(WAY_IN));
    assert!(to(&mails[before..], "watcher@example.org").is_empty());
}

on_both_backends_with!(the_way_in_is_for_those_going);
