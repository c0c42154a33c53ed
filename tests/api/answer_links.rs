//! One-click answers from mails: signed, bound to one member, meetup and answer; opening one
//! changes nothing, confirming it follows the RSVP rules.

use chrono::{Duration, Utc};
use rendezvous::domain::ids::{MeetupId, UserId};
use rendezvous::mail::answer_links::{AnswerLink, LinkAction};
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
    // The confirmation of the member going offers to release the seat; the waitlist's to leave it.
    let text = to(&mails, "member@example.org")[0]
        .data
        .replace("=\r\n", "");
    let start = text.find("/r/").expect("a release link") + 3;
    let token: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '.')
        .collect();
    assert!(to(&mails, "waiting@example.org")[0].data.contains("/r/"));
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
            action: if going {
                LinkAction::Going
            } else {
                LinkAction::Release
            },
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

/// The token after `prefix` in a mail's text (quoted-printable soft breaks undone).
fn hex_after(mail: &crate::smtp_sink::ReceivedMail, prefix: &str) -> String {
    let text = mail.data.replace("=\r\n", "");
    let start = text.find(prefix).expect("a link") + prefix.len();
    text[start..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect()
}

/// After `DELETE /api/v1/me`, every link mailed to the account is dead (410 `link_expired`):
/// its one-click answers (an erased account must not rejoin a group and queue for a seat),
/// its pending change of address and reset, its unsubscribe links; and no mail is queued to
/// it any more (the follow-up of a meetup it was at, for one).
async fn a_deleted_accounts_links_expire_and_no_mail_is_queued_to_it(backend: Backend) {
    let sink = crate::smtp_sink::SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    let f = group_with_venue(&app).await;
    let leaving = app.register("leaving@example.org", "Léa Partante").await;
    let full = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Complet", "starts_at": "2030-12-03T19:00", "capacity": 1 }),
    )
    .await;
    let full = full["id"].as_str().unwrap().to_string();
    app.rsvp(&full, &f.member.token, "yes").await;
    // A meetup over when the account goes: its seat stays, as history.
    let started = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "En cours", "starts_at": "2030-12-04T19:00" }),
    )
    .await;
    let started = started["id"].as_str().unwrap().to_string();
    for who in [&leaving, &f.member] {
        assert_eq!(
            app.rsvp(&started, &who.token, "yes").await.0,
            StatusCode::OK
        );
    }
    let (began, ended) = (
        (Utc::now() - Duration::hours(3)).to_rfc3339(),
        (Utc::now() - Duration::hours(1)).to_rfc3339(),
    );
    let (status, body) = app
        .patch(
            &format!("/api/v1/meetups/{started}"),
            Some(&f.owner.token),
            json!({ "starts_at": began, "ends_at": ended }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // A pending change of address, a reset link.
    let password = "correct horse battery";
    let (status, _) = app
        .post(
            "/api/v1/me/email",
            Some(&leaving.token),
            json!({ "email": "moving@example.org", "password": password }),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    app.post(
        "/api/v1/auth/password-reset",
        None,
        json!({ "email": "leaving@example.org" }),
    )
    .await;
    let sent = deliver(&app, now()).await.sent;
    let mails = sink.wait_for(sent, WAIT).await;
    let email_link = hex_after(&to(&mails, "moving@example.org")[0], "/email-change/");
    let reset_link = to(&mails, "leaving@example.org")
        .iter()
        .find(|m| m.data.contains("/password-reset/"))
        .map(|m| hex_after(m, "/password-reset/"))
        .expect("a reset link");
    let sign = |meetup: &str, going: bool| {
        let link = AnswerLink {
            meetup_id: MeetupId::from(meetup),
            user_id: UserId::from(leaving.id.as_str()),
            action: if going {
                LinkAction::Going
            } else {
                LinkAction::Release
            },
            expires: (Utc::now() + Duration::days(30)).naive_utc(),
        };
        format!("/r/{}", link.sign(&app.settings.secret_key))
    };
    let unsubscribe = rendezvous::mail::unsubscribe::unsubscribe_path(
        &app.settings.secret_key,
        &UserId::from(leaving.id.as_str()),
        &rendezvous::mail::unsubscribe::MailTopic::Reminders,
    );

    let (status, _) = app
        .send(
            reqwest::Method::DELETE,
            "/api/v1/me",
            Some(&leaving.token),
            Some(json!({ "password": password })),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);

    // Each link is dead, opened or followed, and changes nothing.
    let visitor = app.new_browser();
    for link in [sign(&full, true), sign(&full, false)] {
        assert_eq!(visitor.page(&link).await.0, StatusCode::GONE, "{link}");
        let response = visitor.submit_form("/login", &link, &[]).await;
        assert_eq!(response.status(), StatusCode::GONE, "{link}");
    }
    let (_, attendees) = app
        .get(
            &format!("/api/v1/meetups/{full}/attendees"),
            Some(&f.owner.token),
        )
        .await;
    assert_eq!(attendees["waitlist"].as_array().map(Vec::len), Some(0));
    let (_, members) = app
        .get("/api/v1/groups/grp/members", Some(&f.owner.token))
        .await;
    assert!(
        members["members"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["user_id"] != leaving.id.as_str()),
        "{members}"
    );
    let (status, body) = app
        .post(
            "/api/v1/me/email/confirm",
            None,
            json!({ "token": email_link }),
        )
        .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::GONE, Some("link_expired"))
    );
    let (status, body) = app
        .post(
            "/api/v1/auth/password-reset/confirm",
            None,
            json!({ "token": reset_link, "password": "taking it back" }),
        )
        .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::GONE, Some("link_expired"))
    );
    let response = app.api.post(app.url(&unsubscribe)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::GONE);

    // The meetup it was at ends: its follow-up goes to the member, none to the erased account.
    let before = sink.received().len();
    let later = deliver(&app, now() + Duration::hours(13)).await;
    assert_eq!(later.follow_ups_queued, 1);
    let mails = sink.wait_for(before + later.sent, WAIT).await;
    assert_eq!(to(&mails[before..], "member@example.org").len(), 1);
    assert!(
        mails
            .iter()
            .all(|m| m.rcpt_to.iter().all(|r| !r.ends_with(".invalid"))),
        "a mail to an erased account"
    );
}

/// Local time in the test group's zone, as the API takes it.
fn paris(at: chrono::NaiveDateTime) -> String {
    use chrono::TimeZone;
    chrono_tz::Europe::Paris
        .from_utc_datetime(&at)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// #31's defect: with a 4-hour deadline and a 2-hour reminder, the reminder's "Release my seat"
/// works an hour before the start, and the waitlist's head is promoted with one mail. Seats
/// may be given back after the deadline; none may be taken.
async fn a_seat_can_be_given_back_until_the_start(backend: Backend) {
    let sink = crate::smtp_sink::SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    let f = group_with_venue(&app).await;
    let waiting = app.register("waiting@example.org", "Waiting").await;
    let guest = app.register("guest@example.org", "Guest").await;
    let late = app.register("late@example.org", "Late").await;
    // Starts in an hour: its 4-hour deadline has passed, its 2-hour reminder is due.
    let start = now() + Duration::minutes(61);
    let meetup = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Last hour", "starts_at": paris(start), "capacity": 3 }),
    )
    .await;
    let id = meetup["id"].as_str().unwrap();
    app.rsvp(id, &f.member.token, "yes").await;
    let (status, _) = app
        .put(
            &format!("/api/v1/meetups/{id}/rsvp"),
            Some(&guest.token),
            json!({ "answer": "yes", "guests": 1 }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    app.rsvp(id, &waiting.token, "yes").await;
    assert_eq!(status_of(&app, id, &waiting.token).await, "waitlisted");
    let deadline = paris(start - Duration::hours(4));
    let (status, _) = app
        .patch(
            &format!("/api/v1/meetups/{id}"),
            Some(&f.owner.token),
            json!({ "rsvp_deadline": deadline }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    // Past the 2-hour mark: the confirmations go out; the reminder due with them is merged
    // into them (issue 33), so the confirmation's "Release my seat" is the link used.
    let report = deliver(&app, now()).await;
    assert_eq!(report.reminders_queued, 0, "{report:?}");
    let sent = report.sent + deliver(&app, now()).await.sent;
    let mails = sink.wait_for(sent, WAIT).await;
    let subjects: Vec<_> = mails.iter().map(|m| m.header("Subject")).collect();
    let reminder = to(&mails, "member@example.org")
        .into_iter()
        .find(|m| m.data.contains("/r/"))
        .unwrap_or_else(|| panic!("a confirmation with a link among {subjects:?}"));
    assert!(reminder.data.contains("/r/"), "a release link");
    let text = reminder.data.replace("=\r\n", "");
    let at = text.find("/r/").unwrap() + 3;
    let token: String = text[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '.')
        .collect();
    let link = format!("/r/{token}");
    let sent_before = sink.received().len();
    let response = app.new_browser().submit_form(&link, &link, &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(status_of(&app, id, &f.member.token).await, "not_going");
    assert_eq!(status_of(&app, id, &waiting.token).await, "going");
    assert_eq!(deliver(&app, now()).await.sent, 1);
    let mails = sink.wait_for(sent_before + 1, WAIT).await;
    assert_eq!(to(&mails[sent_before..], "waiting@example.org").len(), 1);
    // Fewer guests and "no" still work through the API; taking a seat does not.
    let rsvp = format!("/api/v1/meetups/{id}/rsvp");
    let (status, body) = app
        .put(
            &rsvp,
            Some(&guest.token),
            json!({ "answer": "yes", "guests": 0 }),
        )
        .await;
    assert_eq!((status, body["guests"].as_i64()), (StatusCode::OK, Some(0)));
    let (status, body) = app
        .put(
            &rsvp,
            Some(&guest.token),
            json!({ "answer": "yes", "guests": 1 }),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"]["code"], "rsvp_closed");
    let (status, body) = app
        .put(
            &rsvp,
            Some(&late.token),
            json!({ "answer": "yes", "guests": 0 }),
        )
        .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("rsvp_closed"))
    );
    let (status, _) = app.delete(&rsvp, Some(&guest.token)).await;
    assert_eq!(status, StatusCode::OK);
    // The page offers the same to a member still going, and only that.
    let browser = app.new_browser();
    browser.login("waiting@example.org").await;
    let (_, html) = browser.page(&format!("/groups/grp/meetups/{id}")).await;
    assert!(html.contains("name=\"answer\" value=\"no\""), "{html}");
    assert!(!html.contains("name=\"answer\" value=\"yes\""));
    let response = browser
        .submit_form(
            &format!("/groups/grp/meetups/{id}"),
            &format!("/groups/grp/meetups/{id}/rsvp"),
            &[("answer", "no")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(status_of(&app, id, &waiting.token).await, "not_going");
}

on_both_backends_with!(
    a_mailed_link_releases_a_seat_and_a_signed_one_answers,
    a_deleted_accounts_links_expire_and_no_mail_is_queued_to_it,
    a_seat_can_be_given_back_until_the_start
);
