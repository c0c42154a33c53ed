use std::time::Duration;

use chrono::{NaiveDateTime, Utc};
use rendezvous::mail::worker::{run_once, Delivery};
use rendezvous::mail::Mailer;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{spawn_app_with, Backend, TestApp};
use crate::meetups::{create_meetup, group_with_venue};
use crate::on_both_backends_with;
use crate::smtp_sink::{ReceivedMail, SmtpSink};

pub const WAIT: Duration = Duration::from_secs(10);

pub async fn app_with_sink(backend: Backend, sink: &SmtpSink) -> Option<TestApp> {
    let url = sink.url();
    spawn_app_with(backend, move |s| s.smtp_url = Some(url)).await
}

pub async fn deliver(app: &TestApp, at: NaiveDateTime) -> Delivery {
    let mailer = Mailer::from_settings(&app.settings).unwrap();
    run_once(&app.db, &mailer, &app.settings, at).await.unwrap()
}

/// Outbox rows of a kind, as stored (`meetup_announced`, `organiser_message`…).
pub async fn outbox_count(app: &TestApp, kind: &'static str) -> i64 {
    use diesel::prelude::*;
    use rendezvous::db::schema::outbox;
    app.db
        .run(move |conn| {
            Ok(outbox::table
                .filter(outbox::kind.eq(kind))
                .count()
                .get_result(conn)?)
        })
        .await
        .unwrap()
}

/// A mail-to-many job as the worker left it.
#[derive(Debug)]
pub struct FanoutJob {
    pub kind: String,
    pub cursor: Option<String>,
    pub done: bool,
}

/// The fan-out jobs (`mail_fanouts`), oldest first.
pub async fn fanout_jobs(app: &TestApp) -> Vec<FanoutJob> {
    use diesel::prelude::*;
    use rendezvous::db::schema::mail_fanouts as f;
    let rows: Vec<(String, Option<String>, Option<NaiveDateTime>)> = app
        .db
        .run(|conn| {
            Ok(f::table
                .order((f::created_at.asc(), f::id.asc()))
                .select((f::kind, f::cursor_user_id, f::done_at))
                .load(conn)?)
        })
        .await
        .unwrap();
    rows.into_iter()
        .map(|(kind, cursor, done_at)| FanoutJob {
            kind,
            cursor,
            done: done_at.is_some(),
        })
        .collect()
}

/// Runs at most `batches` fan-out batches of `size` recipients, then stops, as a worker that
/// dies between two batches; the mails queued.
pub async fn expand_batches(app: &TestApp, size: i64, batches: usize) -> usize {
    rendezvous::mail::fanout::expand(&app.db, &app.settings, now(), size, batches)
        .await
        .unwrap()
        .0
}

/// Puts every job back at its start, unfinished: as if the worker had lost its cursor after
/// writing the mails (the outbox's unique key must then ignore each mail written again).
pub async fn rewind_fanouts(app: &TestApp) {
    use diesel::prelude::*;
    use rendezvous::db::schema::mail_fanouts as f;
    app.db
        .run_write(|conn| {
            diesel::update(f::table)
                .set((
                    f::cursor_user_id.eq(None::<String>),
                    f::done_at.eq(None::<NaiveDateTime>),
                ))
                .execute(conn)?;
            Ok(())
        })
        .await
        .unwrap();
}

/// Every mail parses as MIME with a plain-text and an HTML part; one about a meetup's time
/// gives its end as well as its start; and each says why it came.
pub fn assert_well_formed(mails: &[ReceivedMail]) {
    for mail in mails {
        use mail_parser::MimeHeaders;
        let message = mail_parser::MessageParser::default()
            .parse(mail.data.as_bytes())
            .expect("a MIME message");
        let subject = message.subject().unwrap_or_default().to_string();
        let types: Vec<String> = message
            .parts
            .iter()
            .filter_map(|p| p.content_type())
            .map(|t| format!("{}/{}", t.ctype(), t.subtype().unwrap_or_default()))
            .collect();
        for wanted in ["multipart/alternative", "text/plain", "text/html"] {
            assert!(
                types.iter().any(|t| t == wanted),
                "{subject}: {wanted} in {types:?}"
            );
        }
        let text = message.body_text(0).expect("a text part");
        for line in text.lines() {
            if line.starts_with("When: ") || line.starts_with("Quand\u{202f}: ") {
                assert!(line.contains(" – "), "{subject}: no end time in {line:?}");
            }
        }
        assert!(
            text.contains("You get this e-mail") || text.contains("Vous recevez cet e-mail"),
            "{subject}: why it came, in {text}"
        );
    }
}

pub fn now() -> NaiveDateTime {
    Utc::now().naive_utc()
}

pub fn to(mails: &[ReceivedMail], email: &str) -> Vec<ReceivedMail> {
    mails
        .iter()
        .filter(|m| m.rcpt_to.iter().any(|r| r == email))
        .cloned()
        .collect()
}

/// 2030-12-03T19:00 in Europe/Paris.
fn meetup_start() -> NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(2030, 12, 3)
        .unwrap()
        .and_hms_opt(18, 0, 0)
        .unwrap()
}

async fn rsvp_confirmation_arrives_once_with_invitation(backend: Backend) {
    let sink = SmtpSink::start().await;
    let app = app_with_sink(backend, &sink).await.unwrap();
    let f = group_with_venue(&app).await;
    let m = create_meetup(&app, &f.owner.token, json!({ "title": "Apéro Django", "starts_at": "2030-12-03T19:00", "venue_id": f.venue_id, "capacity": 1 })).await;
    let id = m["id"].as_str().unwrap();
    app.rsvp(id, &f.member.token, "yes").await;
    let report = deliver(&app, now()).await;
    assert_eq!(report.sent, 1);
    // The worker run twice sends nothing more.
    assert_eq!(deliver(&app, now()).await.sent, 0);
    let mails = sink.wait_for(1, WAIT).await;
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    assert_eq!(mail.rcpt_to, ["member@example.org"]);
    let subject = mail.header("Subject").unwrap();
    assert!(
        subject.is_ascii() && subject.contains("=?utf-8?"),
        "encoded subject: {subject}"
    );
    assert!(mail.header("Message-ID").is_some());
    assert!(mail.header("Date").is_some());
    assert!(mail
        .data
        .contains("text/calendar; charset=utf-8; method=REQUEST"));
    assert!(mail.data.contains(&format!("UID:{id}@rendezvous.test")));
    assert!(
        mail.header("List-Unsubscribe").is_none(),
        "a confirmation is transactional"
    );

    // A second member lands on the waitlist; the first cancels; the second is promoted.
    let other = app.register("other@example.org", "Other").await;
    app.rsvp(id, &other.token, "yes").await;
    app.delete(&format!("/api/v1/meetups/{id}/rsvp"), Some(&f.member.token))
        .await;
    assert_eq!(deliver(&app, now()).await.sent, 2);
    let mails = sink.wait_for(3, WAIT).await;
    let for_other = to(&mails, "other@example.org");
    assert_eq!(for_other.len(), 2, "waitlisted notice, then promotion");
    assert!(for_other[0].data.contains("position 1"));
    assert!(for_other[1].data.contains("text/calendar"));
}

async fn outage_then_every_message_exactly_once(backend: Backend) {
    let sink = SmtpSink::start().await;
    let port = sink.port;
    let app = app_with_sink(backend, &sink).await.unwrap();
    let f = group_with_venue(&app).await;
    let m = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "T", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let id = m["id"].as_str().unwrap();
    sink.stop().await;
    for i in 0..3 {
        let u = app.register(&format!("p{i}@example.org"), "P").await;
        app.rsvp(id, &u.token, "yes").await;
    }
    let t0 = now();
    let report = deliver(&app, t0).await;
    assert_eq!((report.sent, report.failed), (0, 3));
    // Not due again before the backoff has passed.
    assert_eq!(
        deliver(&app, t0 + chrono::Duration::seconds(2))
            .await
            .failed,
        0
    );
    let sink = SmtpSink::start_on(port).await.unwrap();
    let report = deliver(&app, t0 + chrono::Duration::seconds(6)).await;
    assert_eq!(report.sent, 3);
    assert_eq!(deliver(&app, t0 + chrono::Duration::hours(1)).await.sent, 0);
    let mails = sink.wait_for(3, WAIT).await;
    for i in 0..3 {
        assert_eq!(to(&mails, &format!("p{i}@example.org")).len(), 1);
    }
    assert_eq!(mails.len(), 3);
}

async fn two_workers_never_send_twice(backend: Backend) {
    let sink = SmtpSink::start().await;
    let app = app_with_sink(backend, &sink).await.unwrap();
    let f = group_with_venue(&app).await;
    let m = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "T", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let id = m["id"].as_str().unwrap();
    for i in 0..30 {
        let u = app.register(&format!("w{i}@example.org"), "W").await;
        app.rsvp(id, &u.token, "yes").await;
    }
    // A second worker with its own pool, as in another app instance.
    let other_db = rendezvous::db::Db::connect_and_migrate(&app.database_url, 4).unwrap();
    let mailer = Mailer::from_settings(&app.settings).unwrap();
    let at = now();
    let (a, b) = tokio::join!(
        run_once(&app.db, &mailer, &app.settings, at),
        run_once(&other_db, &mailer, &app.settings, at)
    );
    assert_eq!(a.unwrap().sent + b.unwrap().sent, 30);
    let mails = sink.wait_for(30, WAIT).await;
    assert_eq!(mails.len(), 30);
    let mut recipients: Vec<String> = mails.iter().flat_map(|m| m.rcpt_to.clone()).collect();
    recipients.sort();
    recipients.dedup();
    assert_eq!(recipients.len(), 30, "nobody got two");
}

async fn reminders_follow_the_clock(backend: Backend) {
    let sink = SmtpSink::start().await;
    let app = app_with_sink(backend, &sink).await.unwrap();
    let f = group_with_venue(&app).await;
    let m = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Rappel", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let id = m["id"].as_str().unwrap();
    let leaver = app.register("leaver@example.org", "Leaver").await;
    for token in [&f.member.token, &leaver.token] {
        app.rsvp(id, token, "yes").await;
    }
    let start = meetup_start();
    let h = |n: i64| start - chrono::Duration::hours(n);
    let confirmations = deliver(&app, h(30)).await;
    assert_eq!(confirmations.reminders_queued, 0, "too early");
    assert_eq!(confirmations.sent, 2);
    // 23 h before: the 24 h reminder is due. Queued, but the leaver says no before it goes out.
    let sink_port = sink.port;
    sink.stop().await;
    let report = deliver(&app, h(23)).await;
    assert_eq!(report.reminders_queued, 2);
    app.delete(&format!("/api/v1/meetups/{id}/rsvp"), Some(&leaver.token))
        .await;
    let sink = SmtpSink::start_on(sink_port).await.unwrap();
    let report = deliver(&app, h(22)).await;
    assert_eq!(
        (report.sent, report.skipped, report.reminders_queued),
        (1, 1, 0)
    );
    assert_eq!(
        deliver(&app, h(21)).await.reminders_queued,
        0,
        "each reminder once"
    );
    let report = deliver(&app, h(1)).await;
    assert_eq!(
        (report.reminders_queued, report.sent),
        (1, 1),
        "the 2 h reminder"
    );
    assert_eq!(
        deliver(&app, start + chrono::Duration::minutes(1))
            .await
            .reminders_queued,
        0,
        "never after the start"
    );
    let mails = sink.wait_for(2, WAIT).await;
    let reminders = to(&mails, "member@example.org");
    assert_eq!(reminders.len(), 2);
    assert!(to(&mails, "leaver@example.org").is_empty());
    let unsubscribe = reminders[0]
        .header("List-Unsubscribe")
        .expect("reminders can be unsubscribed");
    assert!(reminders[0]
        .header("List-Unsubscribe-Post")
        .unwrap()
        .contains("One-Click"));

    // One-click unsubscribe (RFC 8058), then no more reminders for this member.
    let url = unsubscribe.trim_matches(|c| c == '<' || c == '>');
    let path = url.strip_prefix("http://rendezvous.test").unwrap();
    let (status, html) = app.page(path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<form"), "GET only asks");
    let response = app
        .api
        .post(app.url(path))
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let flipped = if path.ends_with('0') { '1' } else { '0' };
    let forged = format!("{}{flipped}", &path[..path.len() - 1]);
    assert_eq!(
        app.api
            .post(app.url(&forged))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );

    let later = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Later", "starts_at": "2030-12-10T19:00" }),
    )
    .await;
    let later_id = later["id"].as_str().unwrap();
    app.rsvp(later_id, &f.member.token, "yes").await;
    let later_start = start + chrono::Duration::days(7);
    assert_eq!(
        deliver(&app, later_start - chrono::Duration::hours(1))
            .await
            .reminders_queued,
        0
    );

    // A cancelled meetup gets no reminder.
    let cancelled = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Off", "starts_at": "2030-12-17T19:00" }),
    )
    .await;
    let cid = cancelled["id"].as_str().unwrap();
    app.rsvp(cid, &leaver.token, "yes").await;
    app.send(
        reqwest::Method::POST,
        &format!("/api/v1/meetups/{cid}/cancel"),
        Some(&f.owner.token),
        None,
    )
    .await;
    let off_start = start + chrono::Duration::days(14);
    assert_eq!(
        deliver(&app, off_start - chrono::Duration::hours(1))
            .await
            .reminders_queued,
        0
    );
    assert_well_formed(&sink.received());
}

async fn changes_and_cancellations_reach_going_and_waitlisted(backend: Backend) {
    let sink = SmtpSink::start().await;
    let app = app_with_sink(backend, &sink).await.unwrap();
    let f = group_with_venue(&app).await;
    let m = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Moved", "starts_at": "2030-12-03T19:00", "capacity": 1 }),
    )
    .await;
    let id = m["id"].as_str().unwrap();
    let waiting = app.register("waiting@example.org", "Waiting").await;
    for token in [&f.member.token, &waiting.token] {
        app.rsvp(id, token, "yes").await;
    }
    deliver(&app, now()).await;
    let before = sink.wait_for(2, WAIT).await.len();
    app.patch(
        &format!("/api/v1/meetups/{id}"),
        Some(&f.owner.token),
        json!({ "starts_at": "2030-12-04T19:00" }),
    )
    .await;
    app.patch(
        &format!("/api/v1/meetups/{id}"),
        Some(&f.owner.token),
        json!({ "title": "Only a new title" }),
    )
    .await;
    assert_eq!(
        deliver(&app, now()).await.sent,
        2,
        "one change notice each, none for a retitle"
    );
    app.send(
        reqwest::Method::POST,
        &format!("/api/v1/meetups/{id}/cancel"),
        Some(&f.owner.token),
        None,
    )
    .await;
    assert_eq!(deliver(&app, now()).await.sent, 2);
    let mails = sink.wait_for(before + 4, WAIT).await;
    let member = to(&mails, "member@example.org");
    let changed = &member[member.len() - 2];
    assert!(changed.data.contains("method=REQUEST"));
    // The notice says what changed: the new time, then the old one.
    let text = changed.data.replace("=\r\n", "");
    assert!(text.contains("(was "), "{text}");
    assert!(
        text.contains("December 4") || text.contains("4 December"),
        "{text}"
    );
    assert!(changed.data.contains("SEQUENCE:1"));
    assert!(changed.header("List-Unsubscribe").is_some());
    let cancelled = &member[member.len() - 1];
    assert!(cancelled.data.contains("method=CANCEL"));
    assert!(cancelled.data.contains("STATUS:CANCELLED"));
    assert_eq!(to(&mails, "waiting@example.org").len(), 3);
    // Cancelled by mistake: reinstating tells the same people and puts the event back.
    let (status, reinstated) = app
        .send(
            reqwest::Method::POST,
            &format!("/api/v1/meetups/{id}/reinstate"),
            Some(&f.owner.token),
            None,
        )
        .await;
    assert_eq!(status, reqwest::StatusCode::OK, "{reinstated}");
    assert_eq!(reinstated["status"], "scheduled");
    assert_eq!(
        (
            reinstated["going_count"].as_i64(),
            reinstated["waitlist_count"].as_i64()
        ),
        (Some(1), Some(1))
    );
    assert_eq!(deliver(&app, now()).await.sent, 2);
    let mails = sink.wait_for(before + 6, WAIT).await;
    let back = to(&mails, "member@example.org").pop().unwrap();
    assert_eq!(
        back.header("Subject").as_deref(),
        Some("Back on: Only a new title")
    );
    assert!(back.data.contains("method=REQUEST"));
    assert!(back
        .data
        .contains(&format!("SEQUENCE:{}", reinstated["sequence"])));
    assert!(back.data.contains("STATUS:CONFIRMED"));
    assert!(back.data.contains("text/html"));
    assert_eq!(to(&mails, "waiting@example.org").len(), 4);
    assert_well_formed(&mails);
    // Reinstating again changes nothing and sends nothing.
    app.send(
        reqwest::Method::POST,
        &format!("/api/v1/meetups/{id}/reinstate"),
        Some(&f.owner.token),
        None,
    )
    .await;
    assert_eq!(deliver(&app, now()).await.sent, 0);
}

async fn without_smtp_mail_goes_to_eml_files(backend: Backend) {
    let dir = std::env::temp_dir().join(format!("rendezvous-outbox-{}", uuid::Uuid::new_v4()));
    let d = dir.display().to_string();
    let Some(app) = spawn_app_with(backend, move |s| s.outbox_dir = d).await else {
        return;
    };
    let f = group_with_venue(&app).await;
    let m = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Offline", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    app.put(
        &format!("/api/v1/meetups/{}/rsvp", m["id"].as_str().unwrap()),
        Some(&f.member.token),
        json!({ "answer": "yes" }),
    )
    .await;
    assert_eq!(deliver(&app, now()).await.sent, 1);
    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1);
    assert!(files[0].extension().is_some_and(|e| e == "eml"));
    let raw = std::fs::read_to_string(&files[0]).unwrap();
    assert!(raw.contains("To: Member <member@example.org>"));
    let _ = std::fs::remove_dir_all(&dir);
}

on_both_backends_with!(
    rsvp_confirmation_arrives_once_with_invitation,
    outage_then_every_message_exactly_once,
    two_workers_never_send_twice,
    reminders_follow_the_clock,
    changes_and_cancellations_reach_going_and_waitlisted,
    without_smtp_mail_goes_to_eml_files,
);

async fn proposers_hear_about_decisions(backend: Backend) {
    let sink = SmtpSink::start().await;
    let app = app_with_sink(backend, &sink).await.unwrap();
    let f = group_with_venue(&app).await;
    let m = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Talks", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let id = m["id"].as_str().unwrap();
    let (_, talk) = app
        .post(
            &format!("/api/v1/meetups/{id}/talks"),
            Some(&f.member.token),
            json!({ "title": "Pelican & co", "abstract": "Static sites", "duration_minutes": 20 }),
        )
        .await;
    let path = format!("/api/v1/talks/{}", talk["id"].as_str().unwrap());
    let (status, _) = app
        .patch(&path, Some(&f.owner.token), json!({ "status": "accepted" }))
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, suggestion) = app
        .post(
            "/api/v1/groups/grp/venue-suggestions",
            Some(&f.member.token),
            json!({ "name": "La Baie des Singes", "address": "Cournon", "meetup_id": id }),
        )
        .await;
    let accept = format!(
        "/api/v1/venue-suggestions/{}/accept",
        suggestion["id"].as_str().unwrap()
    );
    let (status, _) = app.post(&accept, Some(&f.owner.token), json!({})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(deliver(&app, now()).await.sent, 4);
    let all = sink.wait_for(4, WAIT).await;
    let mails = to(&all, "member@example.org");
    assert_eq!(mails.len(), 2);
    assert!(mails.iter().any(|m| m.data.contains("Pelican & co")));
    assert!(mails.iter().any(|m| m.data.contains("La Baie des Singes")));
    // The organiser heard of the proposal and of the suggestion, once each, with a way to stop.
    let notices = to(&all, "owner@example.org");
    assert_eq!(notices.len(), 2);
    let text = |m: &crate::smtp_sink::ReceivedMail| m.data.replace("=\r\n", "");
    assert!(notices.iter().any(|m| text(m).contains("/talks/review")));
    assert!(notices
        .iter()
        .any(|m| text(m).contains("#venue-suggestions")));
    assert!(notices
        .iter()
        .all(|m| m.header("List-Unsubscribe").is_some()));
    assert_well_formed(&all);
}

on_both_backends_with!(proposers_hear_about_decisions);

/// Transactional mail is claimed before bulk mail: with 10,000 announcements waiting (and an
/// announcement job not yet expanded), a promotion from the waitlist is the first mail of the
/// next pass, not 10,000 mails later.
async fn promotion_goes_before_queued_announcements(backend: Backend) {
    use rendezvous::db::repo::outbox::{enqueue, NewMail};
    use rendezvous::domain::mail::MailKind;

    let sink = SmtpSink::start().await;
    let app = app_with_sink(backend, &sink).await.unwrap();
    let f = group_with_venue(&app).await;
    let m = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Une place", "starts_at": "2030-12-03T19:00", "capacity": 1 }),
    )
    .await;
    let id = m["id"].as_str().unwrap().to_string();
    let waiting = app.register("waiting@example.org", "Waiting").await;
    for token in [&f.member.token, &waiting.token] {
        app.rsvp(&id, token, "yes").await;
    }
    assert_eq!(deliver(&app, now()).await.sent, 2, "going, waitlisted");
    let before = sink.wait_for(2, WAIT).await.len();

    // 10,000 announcements waiting, written straight into the outbox through the function the
    // fan-out writes each mail with (`outbox::enqueue`, which sets the priority from the kind):
    // registering 10,000 members over HTTP would take this test minutes, and the fan-out
    // itself is tested on a smaller group in `announcements.rs`.
    let meetup = id.clone();
    app.db
        .transaction(move |conn| {
            for i in 0..10_000 {
                enqueue(
                    conn,
                    NewMail {
                        idempotency_key: format!("announce:{meetup}:seeded-{i}"),
                        kind: MailKind::MeetupAnnounced,
                        user_id: None,
                        meetup_id: None,
                        to_email: format!("bulk{i}@example.org"),
                        to_name: format!("Bulk {i}"),
                        subject: "New meetup".into(),
                        body_text: "A new meetup.".into(),
                        body_html: "<p>A new meetup.</p>".into(),
                        ics: None,
                        ics_method: None,
                        unsubscribe_url: None,
                        reply_to: None,
                        due_at: None,
                    },
                )?;
            }
            Ok(())
        })
        .await
        .unwrap();
    // And a real announcement, queued as a job the next pass expands before it claims.
    let (status, _) = app
        .post(
            "/api/v1/groups/grp/meetups",
            Some(&f.owner.token),
            json!({ "title": "Annoncée", "starts_at": "2030-12-10T19:00" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    // The first of the going gives up their seat: the waitlisted member is promoted.
    app.delete(&format!("/api/v1/meetups/{id}/rsvp"), Some(&f.member.token))
        .await;

    let report = deliver(&app, now()).await;
    assert!(report.fanned_out >= 1, "{report:?}");
    assert_eq!(report.sent, 50, "one claim's worth: {report:?}");
    assert!(report.busy, "more is waiting");
    let mails = sink.wait_for(before + 50, WAIT).await[before..].to_vec();
    let first = &mails[0];
    assert_eq!(
        first.rcpt_to,
        ["waiting@example.org"],
        "the promotion first"
    );
    assert!(first.data.contains("method=REQUEST"), "with the event");
    assert!(
        mails[1..]
            .iter()
            .all(|m| m.rcpt_to[0].starts_with("bulk") && m.data.contains("New meetup")),
        "then the announcements, oldest first"
    );
}

on_both_backends_with!(promotion_goes_before_queued_announcements);

/// A change notice says in its subject what changed and of which date, ends its sentences, and
/// carries the organiser's note (issue 33), from the API and from the edit form.
async fn change_notices_name_the_change_and_carry_a_note(backend: Backend) {
    let sink = SmtpSink::start().await;
    let app = app_with_sink(backend, &sink).await.unwrap();
    let f = group_with_venue(&app).await;
    let m = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Apero Django", "starts_at": "2030-12-03T19:00",
                "venue_id": f.venue_id }),
    )
    .await;
    let id = m["id"].as_str().unwrap();
    app.rsvp(id, &f.member.token, "yes").await;
    deliver(&app, now()).await;
    let before = sink.wait_for(1, WAIT).await.len();
    let (_, venue) = app
        .post(
            "/api/v1/groups/grp/venues",
            Some(&f.owner.token),
            json!({ "name": "Le Bivouac", "address": "Clermont-Ferrand" }),
        )
        .await;
    let path = format!("/api/v1/meetups/{id}");
    let (status, body) = app
        .patch(
            &path,
            Some(&f.owner.token),
            json!({ "venue_id": venue["id"], "note": "x".repeat(501) }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["field"], "note");
    let (status, body) = app
        .patch(
            &path,
            Some(&f.owner.token),
            json!({ "venue_id": venue["id"], "note": "Ring at 'Bivouac'." }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.get("note").is_none(), "the note is not kept");
    deliver(&app, now()).await;
    let mails = sink.wait_for(before + 1, WAIT).await;
    let notice = to(&mails[before..], "member@example.org").pop().unwrap();
    assert_eq!(
        notice.header("Subject").unwrap(),
        "New place: Apero Django, Tuesday 3 December 2030"
    );
    let text = notice.data.replace("=\r\n", "");
    assert!(text.contains("Ring at 'Bivouac'."), "{text}");
    assert!(text.contains("(was Ness Pub)."), "a full sentence: {text}");

    // The edit form: a new time, with a note.
    let owner = app.new_browser();
    owner.login("owner@example.org").await;
    let edit = format!("/groups/grp/meetups/{id}/edit");
    let (_, html) = owner.page(&format!("{edit}?lang=en")).await;
    assert!(html.contains("name=\"note\""), "{html}");
    let venue_id = venue["id"].as_str().unwrap();
    let response = owner
        .submit_form(
            &edit,
            &edit,
            &[
                ("title", "Apero Django"),
                ("starts_at", "2030-12-03T19:30"),
                ("venue_id", venue_id),
                ("note", "We start later: the room is busy."),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    deliver(&app, now()).await;
    let mails = sink.wait_for(before + 2, WAIT).await;
    let notice = to(&mails[before..], "member@example.org").pop().unwrap();
    assert_eq!(
        notice.header("Subject").unwrap(),
        "New time: Apero Django, Tuesday 3 December 2030"
    );
    assert!(notice
        .data
        .replace("=\r\n", "")
        .contains("We start later: the room is busy."));
}

/// A confirmation and a reminder that would go out together for the same member and meetup
/// are one mail: the confirmation (issue 33). A reminder due well after the confirmation goes.
async fn a_reminder_due_with_the_confirmation_is_merged_into_it(backend: Backend) {
    let sink = SmtpSink::start().await;
    let app = app_with_sink(backend, &sink).await.unwrap();
    let f = group_with_venue(&app).await;
    let at = now();
    let soon = at + chrono::Duration::minutes(119);
    let later = at + chrono::Duration::minutes(180);
    let utc = |t: NaiveDateTime| t.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let mut ids = Vec::new();
    for (title, starts) in [("Soon", soon), ("Later", later)] {
        let m = create_meetup(
            &app,
            &f.owner.token,
            json!({ "title": title, "starts_at": utc(starts) }),
        )
        .await;
        let id = m["id"].as_str().unwrap().to_string();
        app.rsvp(&id, &f.member.token, "yes").await;
        ids.push(id);
    }
    // The 2 h reminder of "Soon" is due as the member's confirmation goes: one mail.
    let report = deliver(&app, now()).await;
    assert_eq!(report.reminders_queued, 0, "merged into the confirmation");
    let a_minute_on = deliver(&app, now() + chrono::Duration::minutes(1)).await;
    assert_eq!(
        a_minute_on.reminders_queued, 0,
        "and not sent a minute later"
    );
    // "Later"'s 2 h reminder falls due an hour after its confirmation: it goes.
    let due = later - chrono::Duration::minutes(119);
    assert_eq!(deliver(&app, due).await.reminders_queued, 1);
    let mails = sink.wait_for(3, WAIT).await;
    assert_eq!(to(&mails, "member@example.org").len(), 3);
}

on_both_backends_with!(
    change_notices_name_the_change_and_carry_a_note,
    a_reminder_due_with_the_confirmation_is_merged_into_it
);
