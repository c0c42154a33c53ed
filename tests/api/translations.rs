//! Counts, punctuation and language choice as a visitor and a mail reader meet them.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{Backend, TestApp};
use crate::mail::{app_with_sink, deliver, now, to, WAIT};
use crate::meetups::{create_meetup, group_with_venue};
use crate::smtp_sink::SmtpSink;
use crate::{on_both_backends, on_both_backends_with};

fn plain_text(mail: &crate::smtp_sink::ReceivedMail) -> String {
    let message = mail_parser::MessageParser::default()
        .parse(mail.data.as_bytes())
        .expect("a MIME message");
    message.body_text(0).expect("a text part").into_owned()
}

/// `fr` on the French page, `en` on the English one.
async fn both(app: &TestApp, page: &str, fr: &str, en: &str) {
    let (_, html) = app.page(&format!("{page}?lang=fr")).await;
    assert!(html.contains(fr), "{fr:?} missing from the French page");
    let (_, html) = app.page(&format!("{page}?lang=en")).await;
    assert!(html.contains(en), "{en:?} missing from the English page");
}

async fn seats_and_members_take_plural_forms(app: TestApp) {
    let f = group_with_venue(&app).await;
    let (_, html) = app.page("/groups/grp?lang=fr").await;
    assert!(html.contains("1 membre"), "the owner alone is a member");
    let (_, html) = app.page("/groups/grp?lang=en").await;
    assert!(html.contains("1 member") && !html.contains("1 members"));
    let (status, _) = app
        .send(
            reqwest::Method::POST,
            "/api/v1/groups/grp/members",
            Some(&f.member.token),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, html) = app.page("/groups/grp?lang=fr").await;
    assert!(html.contains("2 membres"));
    let (_, html) = app.page("/groups/grp?lang=en").await;
    assert!(html.contains("2 members"));
    let meetup = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Apéro", "starts_at": "2030-12-03T19:00", "capacity": 2 }),
    )
    .await;
    let id = meetup["id"].as_str().unwrap();
    let page = format!("/groups/grp/meetups/{id}");
    both(
        &app,
        &page,
        "2 places restantes sur 2",
        "2 seats left out of 2",
    )
    .await;
    both(&app, &page, "0 participant", "0 going").await;
    app.rsvp(id, &f.owner.token, "yes").await;
    both(
        &app,
        &page,
        "1 place restante sur 2",
        "1 seat left out of 2",
    )
    .await;
    both(&app, &page, "1 participant", "1 going").await;
    app.rsvp(id, &f.member.token, "yes").await;
    both(&app, &page, "2 participants", "2 going").await;

    let (_, html) = app.page("/?lang=fr").await;
    assert!(
        !html.contains("(s)"),
        "no hand-written plural on the home page"
    );
}

async fn the_browser_language_is_matched_to_ours(app: TestApp) {
    for (header, expected) in [
        ("fr-CA", "fr"),
        ("de-DE, fr;q=0.5, en;q=0.3", "fr"),
        ("de", "en"),
        ("en-US,en;q=0.9", "en"),
    ] {
        let response = app
            .api
            .get(app.url("/login"))
            .header("Accept-Language", header)
            .send()
            .await
            .unwrap();
        let html = response.text().await.unwrap();
        assert!(
            html.contains(&format!("<html lang=\"{expected}\">")),
            "{header} should give {expected}"
        );
    }
}

/// A member going with guests is told how many, in their own language, with its punctuation.
async fn mails_count_guests_in_the_reader_language(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    let f = group_with_venue(&app).await;
    let (status, _) = app
        .patch(
            "/api/v1/me",
            Some(&f.member.token),
            json!({ "locale": "fr" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let meetup = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Apéro", "starts_at": "2030-12-03T19:00", "capacity": 10 }),
    )
    .await;
    let id = meetup["id"].as_str().unwrap();
    let rsvp = format!("/api/v1/meetups/{id}/rsvp");
    let (status, _) = app
        .put(
            &rsvp,
            Some(&f.owner.token),
            json!({ "answer": "yes", "guests": 1 }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = app
        .put(
            &rsvp,
            Some(&f.member.token),
            json!({ "answer": "yes", "guests": 2 }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    deliver(&app, now()).await;
    let mails = sink.wait_for(2, WAIT).await;
    let english = plain_text(&to(&mails, "owner@example.org")[0]);
    assert!(english.contains("with 1 guest."), "{english}");
    assert!(
        english.contains("\nWhen: "),
        "no space before an English colon: {english}"
    );
    let french = plain_text(&to(&mails, "member@example.org")[0]);
    assert!(french.contains("avec 2 invités."), "{french}");
    assert!(
        french.contains("\nQuand\u{202f}: "),
        "a narrow no-break space: {french}"
    );
}

on_both_backends!(
    seats_and_members_take_plural_forms,
    the_browser_language_is_matched_to_ours
);
on_both_backends_with!(mails_count_guests_in_the_reader_language);
