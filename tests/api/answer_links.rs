//! One-click answers from mails: signed, bound to one member, meetup and answer; opening one
//! changes nothing, confirming it follows the RSVP rules.

use chrono::{Duration, Utc};
use rendezvous::domain::ids::{MeetupId, UserId};
use rendezvous::mail::answer_links::AnswerLink;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{Backend, TestApp};
use crate::mail::{app_with_sink, deliver, now, to, WAIT};
use crate::meetups::{create_meetup, group_with_venue};
use crate::on_both_backends_with;

async fn status_of(app: &TestApp, meetup: &str, token: &str) -> String {
    let (_, rsvp) = app
        .get(&format!("/api/v1/meetups/{meetup}/rsvp"), Some(token))
        .await;
    rsvp["status"].as_str().unwrap_or("none").to_string()
}

async fn a_mailed_link_releases_a_seat_and_a_signed_one_answers(backend: Backend) {
    let sink = crate::smtp_sink::SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    let f = group_with_venue(&app).await;
    let waiting = app.register("waiting@example.org", "Waiting").await;
    let meetup = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Une place", "starts_at": "2030-12-03T19:00", "capacity": 1 }),
    )
    .await;
    let id = meetup["id"].as_str().unwrap();
    app.rsvp(id, &f.member.token, "yes").await;
    app.rsvp(id, &waiting.token, "yes").await;
    deliver(&app, now()).await;
    let mails = sink.wait_for(2, WAIT).await;
    // The confirmation of the member going offers to release the seat; the waitlist's does not.
    let text = to(&mails, "member@example.org")[0]
        .data
        .replace("=\r\n", "");
    let start = text.find("/r/").expect("a release link") + 3;
    let token: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '.')
        .collect();
    assert!(!to(&mails, "waiting@example.org")[0].data.contains("/r/"));
    let link = format!("/r/{token}");
    let visitor = app.new_browser();
    assert_eq!(visitor.page(&link).await.0, StatusCode::OK);
    assert_eq!(
        status_of(&app, id, &f.member.token).await,
        "going",
        "opening changes nothing"
    );
    // A tampered link is refused, opened or sent.
    // (The last hex digit of the signature changed, whatever it was.)
    let flipped = if token.ends_with('0') { '1' } else { '0' };
    let tampered = format!("/r/{}{flipped}", &token[..token.len() - 1]);
    assert_eq!(visitor.page(&tampered).await.0, StatusCode::FORBIDDEN);
    let response = visitor.submit_form(&link, &tampered, &[]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    // Confirming releases the seat; the waitlist moves up, with its mail; again changes nothing.
    for _ in 0..2 {
        let response = visitor.submit_form(&link, &link, &[]).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(status_of(&app, id, &f.member.token).await, "not_going");
    }
    assert_eq!(status_of(&app, id, &waiting.token).await, "going");
    assert_eq!(deliver(&app, now()).await.sent, 1);
    // A signed "I'm going" for someone new: full, so the waitlist; twice, the same place.
    let newcomer = app.register("new@example.org", "Newcomer").await;
    let sign = |going: bool, expires| {
        AnswerLink {
            meetup_id: MeetupId::from(id),
            user_id: UserId::from(newcomer.id.as_str()),
            going,
            expires,
        }
        .sign(&app.settings.secret_key)
    };
    let later = (Utc::now() + Duration::days(30)).naive_utc();
    let yes = format!("/r/{}", sign(true, later));
    for _ in 0..2 {
        let response = visitor.submit_form(&yes, &yes, &[]).await;
        assert_eq!(response.status(), StatusCode::OK);
        let (_, rsvp) = app
            .get(&format!("/api/v1/meetups/{id}/rsvp"), Some(&newcomer.token))
            .await;
        assert_eq!(
            (rsvp["status"].as_str(), rsvp["waitlist_position"].as_i64()),
            (Some("waitlisted"), Some(1))
        );
    }
    // After RSVPs close the link says so.
    let expired = format!(
        "/r/{}",
        sign(false, (Utc::now() - Duration::hours(1)).naive_utc())
    );
    let response = visitor.submit_form(&expired, &expired, &[]).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_eq!(status_of(&app, id, &newcomer.token).await, "waitlisted");
}

on_both_backends_with!(a_mailed_link_releases_a_seat_and_a_signed_one_answers);
