//! "A poll that becomes the meetup": organisers offer dates and venues, members vote, the close
//! makes the meetup; its "yes" voters hear first, everyone else once, after the window.

use chrono::Duration;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::groups::create_group;
use crate::helpers::{Backend, Registered, TestApp};
use crate::mail::{app_with_sink, deliver, now, to};
use crate::smtp_sink::SmtpSink;
use crate::{on_both_backends, on_both_backends_with};

const POLLS: &str = "/api/v1/groups/grp/polls";

/// Owner's group `grp` (Europe/Paris) with one venue, and `members` joined.
pub(crate) async fn group_with_members(
    app: &TestApp,
    names: &[&str],
) -> (Registered, Vec<Registered>, String) {
    let owner = app.register("owner@example.org", "Owner").await;
    create_group(app, &owner, "grp").await;
    let (status, venue) = app
        .post(
            "/api/v1/groups/grp/venues",
            Some(&owner.token),
            json!({ "name": "Ness Pub", "address": "Clermont-Ferrand" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{venue}");
    let mut members = Vec::new();
    for name in names {
        let m = app
            .register(&format!("{}@example.org", name.to_lowercase()), name)
            .await;
        let (status, body) = app
            .post("/api/v1/groups/grp/members", Some(&m.token), json!({}))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        members.push(m);
    }
    (owner, members, venue["id"].as_str().unwrap().to_string())
}

pub(crate) fn option_ids(poll: &Value, kind: &str) -> Vec<String> {
    poll[kind]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap().to_string())
        .collect()
}

async fn vote(app: &TestApp, who: &Registered, poll: &str, body: Value) -> (StatusCode, Value) {
    app.put(
        &format!("/api/v1/polls/{poll}/vote"),
        Some(&who.token),
        body,
    )
    .await
}

/// Outbox rows to `email` of `kind`, and how many of them were sent.
pub(crate) async fn mails_of(app: &TestApp, email: &str, kind: &'static str) -> (i64, i64) {
    use diesel::prelude::*;
    use rendezvous::db::schema::outbox;
    let email = email.to_string();
    let rows: Vec<String> = app
        .db
        .run(move |conn| {
            Ok(outbox::table
                .filter(outbox::kind.eq(kind))
                .filter(outbox::to_email.eq(email))
                .select(outbox::status)
                .load(conn)?)
        })
        .await
        .unwrap();
    let sent = rows.iter().filter(|s| *s == "sent").count() as i64;
    (rows.len() as i64, sent)
}

async fn the_done_when_journey(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    let (owner, members, venue_id) =
        group_with_members(&app, &["Alice", "Bruno", "Chloe", "Denis"]).await;
    let [a, b, c, d] = [&members[0], &members[1], &members[2], &members[3]];
    let (status, suggestion) = app
        .post(
            "/api/v1/groups/grp/venue-suggestions",
            Some(&c.token),
            json!({ "name": "Le Bivouac", "address": "Place de Jaude" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{suggestion}");
    let suggestion_id = suggestion["id"].as_str().unwrap();

    // Only organisers open polls; a date a clock change skips is refused, naming it.
    let body = json!({
        "title": "Apéro de janvier",
        "description": "On choisit ensemble.",
        "date_options": ["2030-01-15T19:00", "2030-01-22T19:00", "2030-01-29T19:00"],
        "venue_options": [venue_id, suggestion_id],
    });
    let (status, _) = app.post(POLLS, Some(&a.token), body.clone()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let mut gap = body.clone();
    gap["date_options"] = json!(["2030-01-15T19:00", "2030-03-31T02:30"]);
    let (status, err) = app.post(POLLS, Some(&owner.token), gap).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
    assert_eq!(err["error"]["field"], "date_options[1]");
    let (status, poll) = app.post(POLLS, Some(&owner.token), body).await;
    assert_eq!(status, StatusCode::CREATED, "{poll}");
    let id = poll["id"].as_str().unwrap().to_string();
    assert_eq!(poll["date_options"][0]["local"], "2030-01-15T19:00");
    let dates = option_ids(&poll, "date_options");
    let venues = option_ids(&poll, "venue_options");
    assert_eq!((dates.len(), venues.len()), (3, 2));
    assert_eq!(poll["venue_options"][1]["name"], "Le Bivouac");

    // The poll is announced to the five members, with the link to its page.
    deliver(&app, now()).await;
    for who in ["owner", "alice", "bruno", "chloe", "denis"] {
        let email = format!("{who}@example.org");
        assert_eq!(
            mails_of(&app, &email, "poll_announced").await,
            (1, 1),
            "{who}"
        );
    }
    let mails = sink.wait_for(5, crate::mail::WAIT).await;
    let mail = to(&mails, "alice@example.org").pop().unwrap();
    assert!(
        mail.data
            .replace("=\r\n", "")
            .contains(&format!("/groups/grp/polls/{id}")),
        "{}",
        mail.data
    );

    // Four members vote: the first and second dates both get two "yes" and one "if need be";
    // the earlier wins.
    let votes = [
        (
            a,
            json!({ dates[0].clone(): "yes", dates[1].clone(): "no", dates[2].clone(): "if_need_be" }),
            json!({ venues[1].clone(): "yes" }),
        ),
        (
            b,
            json!({ dates[0].clone(): "yes", dates[1].clone(): "yes" }),
            json!({ venues[1].clone(): "yes" }),
        ),
        (
            c,
            json!({ dates[0].clone(): "if_need_be", dates[1].clone(): "yes" }),
            json!({ venues[0].clone(): "yes" }),
        ),
        (
            d,
            json!({ dates[0].clone(): "no", dates[1].clone(): "if_need_be" }),
            json!({}),
        ),
    ];
    for (who, dates_vote, venues_vote) in &votes {
        let (status, body) = vote(
            &app,
            who,
            &id,
            json!({ "dates": dates_vote, "venues": venues_vote }),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    // Voting again changes nothing; "if need be" is no answer for a venue.
    let (status, again) = vote(
        &app,
        a,
        &id,
        json!({ "dates": votes[0].1, "venues": votes[0].2 }),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, err) = vote(
        &app,
        a,
        &id,
        json!({ "venues": { venues[0].clone(): "if_need_be" } }),
    )
    .await;
    assert_eq!(
        (status, err["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("venues"))
    );
    assert_eq!(again["voters_count"], 4);
    let (_, poll) = app
        .get(&format!("/api/v1/polls/{id}"), Some(&a.token))
        .await;
    let tally = |i: usize| {
        let o = &poll["date_options"][i];
        (
            o["yes"].as_i64().unwrap(),
            o["if_need_be"].as_i64().unwrap(),
            o["no"].as_i64().unwrap(),
            o["best"].as_bool().unwrap(),
        )
    };
    assert_eq!(tally(0), (2, 1, 1, true));
    assert_eq!(tally(1), (2, 1, 1, false));
    assert_eq!(tally(2), (0, 1, 0, false));
    assert_eq!(poll["venue_options"][1]["best"], true);
    assert_eq!(poll["date_options"][0]["my_answer"], "yes");

    // A member closing it: 403; the organiser closes it on the best date and venue.
    let close = format!("/api/v1/polls/{id}/close");
    let choice = json!({ "date_option": dates[0], "venue_option": venues[1] });
    assert_eq!(
        app.post(&close, Some(&b.token), choice.clone()).await.0,
        StatusCode::FORBIDDEN
    );
    let (status, meetup) = app.post(&close, Some(&owner.token), choice.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{meetup}");
    // 19:00 in Paris in January is 18:00 UTC.
    assert_eq!(meetup["starts_at"], "2030-01-15T18:00:00Z");
    assert_eq!(meetup["title"], "Apéro de janvier");
    assert_eq!(meetup["venue"]["name"], "Le Bivouac");
    // The suggestion went through the accept path.
    let (_, list) = app.get("/api/v1/groups/grp/venue-suggestions", None).await;
    let accepted = list["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == suggestion_id)
        .unwrap()
        .clone();
    assert_eq!(accepted["status"], "accepted");
    assert_eq!(accepted["venue_id"], meetup["venue"]["id"]);

    // Closing twice, voting late: 409 poll_closed.
    let (status, err) = app.post(&close, Some(&owner.token), choice).await;
    assert_eq!(
        (status, err["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("poll_closed"))
    );
    let (status, err) = vote(
        &app,
        d,
        &id,
        json!({ "dates": { dates[0].clone(): "yes" } }),
    )
    .await;
    assert_eq!(
        (status, err["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("poll_closed"))
    );
    let (_, poll) = app.get(&format!("/api/v1/polls/{id}"), None).await;
    assert_eq!(
        (poll["status"].as_str(), poll["meetup_id"].as_str()),
        (Some("closed"), meetup["id"].as_str())
    );

    // The "yes" voters of that date hear at once; nobody else yet.
    deliver(&app, now()).await;
    for who in ["alice", "bruno"] {
        let email = format!("{who}@example.org");
        assert_eq!(
            mails_of(&app, &email, "poll_priority").await,
            (1, 1),
            "{who}"
        );
    }
    for who in ["owner", "chloe", "denis"] {
        let email = format!("{who}@example.org");
        assert_eq!(
            mails_of(&app, &email, "poll_priority").await,
            (0, 0),
            "{who}"
        );
        assert_eq!(
            mails_of(&app, &email, "meetup_announced").await.1,
            0,
            "{who}"
        );
    }
    // Nobody is going without clicking.
    let (_, attendees) = app
        .get(
            &format!(
                "/api/v1/meetups/{}/attendees",
                meetup["id"].as_str().unwrap()
            ),
            Some(&owner.token),
        )
        .await;
    assert_eq!(
        attendees["going"].as_array().unwrap().len(),
        0,
        "{attendees}"
    );

    // After the window (24 hours by default), everyone else hears once; the voters never twice.
    deliver(&app, now() + Duration::hours(25)).await;
    deliver(&app, now() + Duration::hours(26)).await;
    for who in ["owner", "chloe", "denis"] {
        let email = format!("{who}@example.org");
        assert_eq!(
            mails_of(&app, &email, "meetup_announced").await,
            (1, 1),
            "{who}"
        );
    }
    for who in ["alice", "bruno"] {
        let email = format!("{who}@example.org");
        assert_eq!(
            mails_of(&app, &email, "meetup_announced").await,
            (0, 0),
            "{who}"
        );
        assert_eq!(
            mails_of(&app, &email, "poll_priority").await,
            (1, 1),
            "{who}"
        );
    }
    // Over SMTP: 5 poll announcements, 2 priority mails, 3 announcements, the suggester's
    // thanks (Chloe suggested the venue) and the organiser's notice of her suggestion.
    let mails = sink.wait_for(12, crate::mail::WAIT).await;
    assert_eq!(mails.len(), 12);
    assert_eq!(to(&mails, "owner@example.org").len(), 3);
    assert_eq!(to(&mails, "alice@example.org").len(), 2);
    assert_eq!(to(&mails, "bruno@example.org").len(), 2);
    assert_eq!(to(&mails, "chloe@example.org").len(), 3);
    assert_eq!(to(&mails, "denis@example.org").len(), 2);
    sink.stop().await;
}

async fn auto_rsvp_seats_yes_voters_in_the_order_of_their_latest_yes(app: TestApp) {
    let (owner, members, _) = group_with_members(&app, &["Alice", "Bruno", "Chloe"]).await;
    let [a, b, c] = [&members[0], &members[1], &members[2]];
    let (status, poll) = app
        .post(
            POLLS,
            Some(&owner.token),
            json!({ "title": "Apéro", "date_options": ["2030-02-05T19:00", "2030-02-12T19:00"] }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{poll}");
    let id = poll["id"].as_str().unwrap().to_string();
    let dates = option_ids(&poll, "date_options");
    let yes = json!({ "dates": { dates[0].clone(): "yes" } });
    for who in [a, b, c] {
        assert_eq!(vote(&app, who, &id, yes.clone()).await.0, StatusCode::OK);
    }
    // Alice says yes again: she keeps her place. Bruno changes his mind twice: his latest yes
    // comes after Chloe's.
    assert_eq!(vote(&app, a, &id, yes.clone()).await.0, StatusCode::OK);
    let no = json!({ "dates": { dates[0].clone(): "no" } });
    assert_eq!(vote(&app, b, &id, no).await.0, StatusCode::OK);
    assert_eq!(vote(&app, b, &id, yes).await.0, StatusCode::OK);
    let (status, meetup) = app
        .post(
            &format!("/api/v1/polls/{id}/close"),
            Some(&owner.token),
            json!({ "date_option": dates[0], "capacity": 2, "auto_rsvp": true }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{meetup}");
    assert_eq!(meetup["starts_at"], "2030-02-05T18:00:00Z");
    assert_eq!(meetup["venue"], Value::Null);
    let mid = meetup["id"].as_str().unwrap();
    let status_of = |who: &Registered| {
        let (app, token) = (&app, who.token.clone());
        async move {
            let (_, rsvp) = app
                .get(&format!("/api/v1/meetups/{mid}/rsvp"), Some(&token))
                .await;
            rsvp["status"].as_str().unwrap_or("none").to_string()
        }
    };
    assert_eq!(status_of(a).await, "going");
    assert_eq!(status_of(c).await, "going");
    assert_eq!(status_of(b).await, "waitlisted");
    // Seated voters had their answer's confirmation: no priority mail besides it.
    deliver(&app, now()).await;
    assert_eq!(
        mails_of(&app, "alice@example.org", "poll_priority").await.0,
        0
    );
    assert_eq!(mails_of(&app, "alice@example.org", "rsvp_going").await.0, 1);
    assert_eq!(
        mails_of(&app, "bruno@example.org", "rsvp_waitlisted")
            .await
            .0,
        1
    );
}

async fn voter_names_follow_the_group_privacy(app: TestApp) {
    let (owner, members, _) = group_with_members(&app, &["Alice", "Bruno"]).await;
    let [a, b] = [&members[0], &members[1]];
    let (_, poll) = app
        .post(
            POLLS,
            Some(&owner.token),
            json!({ "title": "Apéro", "date_options": ["2030-02-05T19:00", "2030-02-12T19:00"] }),
        )
        .await;
    let id = poll["id"].as_str().unwrap().to_string();
    let dates = option_ids(&poll, "date_options");
    for who in [a, b] {
        let body = json!({ "dates": { dates[0].clone(): "yes" } });
        assert_eq!(vote(&app, who, &id, body).await.0, StatusCode::OK);
    }
    let (status, body) = app
        .patch(
            "/api/v1/me",
            Some(&b.token),
            json!({ "hide_from_lists": true }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let names = |poll: &Value| -> Vec<String> {
        poll["date_options"][0]["voters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["name"].as_str().unwrap().to_string())
            .collect()
    };
    let path = format!("/api/v1/polls/{id}");
    // Members-only names by default: visitors read counts, no names.
    let (_, public) = app.get(&path, None).await;
    assert_eq!(public["date_options"][0]["yes"], 2);
    assert!(names(&public).is_empty(), "{public}");
    // Bruno keeps out of lists: other members do not read his name, organisers and he do.
    assert_eq!(
        names(&app.get(&path, Some(&a.token)).await.1),
        vec!["Alice"]
    );
    assert_eq!(
        names(&app.get(&path, Some(&owner.token)).await.1),
        vec!["Alice", "Bruno"]
    );
    assert_eq!(
        names(&app.get(&path, Some(&b.token)).await.1),
        vec!["Alice", "Bruno"]
    );
    // A public group names its voters to visitors, still not those who keep out of lists.
    let (status, _) = app
        .patch(
            "/api/v1/groups/grp",
            Some(&owner.token),
            json!({ "attendee_visibility": "public" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(names(&app.get(&path, None).await.1), vec!["Alice"]);
}

async fn voting_joins_the_group_and_a_ban_refuses_it(app: TestApp) {
    let (owner, _, _) = group_with_members(&app, &[]).await;
    let newcomer = app.register("new@example.org", "Newcomer").await;
    let (_, poll) = app
        .post(
            POLLS,
            Some(&owner.token),
            json!({ "title": "Apéro", "date_options": ["2030-02-05T19:00", "2030-02-12T19:00"] }),
        )
        .await;
    let id = poll["id"].as_str().unwrap().to_string();
    let dates = option_ids(&poll, "date_options");
    let body = json!({ "dates": { dates[1].clone(): "if_need_be" } });
    let (status, voted) = vote(&app, &newcomer, &id, body.clone()).await;
    assert_eq!(status, StatusCode::OK, "{voted}");
    let (_, members) = app
        .get("/api/v1/groups/grp/members", Some(&owner.token))
        .await;
    assert!(members["members"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["user_id"] == newcomer.id.as_str()));
    // Unknown options are refused.
    let (status, err) = vote(&app, &newcomer, &id, json!({ "dates": { "nope": "yes" } })).await;
    assert_eq!(
        (status, err["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("dates"))
    );
    let (status, ban) = app
        .post(
            "/api/v1/groups/grp/bans",
            Some(&owner.token),
            json!({ "user_id": newcomer.id, "reason": "Spam" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{ban}");
    let (status, err) = vote(&app, &newcomer, &id, body).await;
    assert_eq!(
        (status, err["error"]["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("banned"))
    );
    // Bad input: too few dates, an unknown venue, a venue of the wrong kind.
    let (status, err) = app
        .post(
            POLLS,
            Some(&owner.token),
            json!({ "title": "X", "date_options": ["2030-02-05T19:00"] }),
        )
        .await;
    assert_eq!(
        (status, err["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("date_options"))
    );
    let (status, err) = app
        .post(POLLS, Some(&owner.token), json!({ "title": "X", "date_options": ["2030-02-05T19:00", "2030-02-06T19:00"], "venue_options": ["nope"] }))
        .await;
    assert_eq!(
        (status, err["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("venue_options[0]"))
    );
    let (status, err) = app
        .post(
            POLLS,
            Some(&owner.token),
            json!({ "title": "X", "date_options": ["2030-10-27T02:30", "2030-02-06T19:00"] }),
        )
        .await;
    assert_eq!(
        (status, err["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("date_options[0]")),
        "a time the clocks repeat"
    );
}

async fn members_who_did_not_answer_are_reminded_once(app: TestApp) {
    let (owner, members, _) = group_with_members(&app, &["Alice", "Bruno"]).await;
    let closes = (now() + Duration::days(3))
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    let (status, poll) = app
        .post(
            POLLS,
            Some(&owner.token),
            json!({ "title": "Apéro", "closes_at": closes, "date_options": ["2030-02-05T19:00", "2030-02-12T19:00"] }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{poll}");
    let id = poll["id"].as_str().unwrap().to_string();
    let dates = option_ids(&poll, "date_options");
    let body = json!({ "dates": { dates[0].clone(): "yes" } });
    assert_eq!(vote(&app, &members[0], &id, body).await.0, StatusCode::OK);
    // Not yet: more than a day before the close.
    deliver(&app, now() + Duration::hours(12)).await;
    assert_eq!(
        mails_of(&app, "bruno@example.org", "poll_reminder").await.0,
        0
    );
    // A day before: Bruno and the owner, who did not answer; Alice did.
    deliver(&app, now() + Duration::hours(49)).await;
    deliver(&app, now() + Duration::hours(50)).await;
    assert_eq!(
        mails_of(&app, "bruno@example.org", "poll_reminder").await,
        (1, 1)
    );
    assert_eq!(
        mails_of(&app, "owner@example.org", "poll_reminder").await.0,
        1
    );
    assert_eq!(
        mails_of(&app, "alice@example.org", "poll_reminder").await.0,
        0
    );
}

async fn votes_are_in_the_export_and_leave_with_the_account(app: TestApp) {
    let (owner, members, _) = group_with_members(&app, &["Alice"]).await;
    let (_, poll) = app
        .post(
            POLLS,
            Some(&owner.token),
            json!({ "title": "Apéro", "date_options": ["2030-02-05T19:00", "2030-02-12T19:00"] }),
        )
        .await;
    let id = poll["id"].as_str().unwrap().to_string();
    let dates = option_ids(&poll, "date_options");
    let body = json!({ "dates": { dates[1].clone(): "if_need_be" } });
    assert_eq!(vote(&app, &members[0], &id, body).await.0, StatusCode::OK);
    let (status, export) = app.get("/api/v1/me/export", Some(&members[0].token)).await;
    assert_eq!(status, StatusCode::OK);
    let exported = &export["poll_votes"][0];
    assert_eq!(
        (
            exported["poll_title"].as_str(),
            exported["answer"].as_str(),
            exported["starts_at"].as_str()
        ),
        (
            Some("Apéro"),
            Some("if_need_be"),
            Some("2030-02-12T18:00:00Z")
        )
    );
    let (status, body) = app
        .send(
            reqwest::Method::DELETE,
            "/api/v1/me",
            Some(&members[0].token),
            Some(json!({ "password": "correct horse battery" })),
        )
        .await;
    assert!(status.is_success(), "{status} {body}");
    let (_, poll) = app
        .get(&format!("/api/v1/polls/{id}"), Some(&owner.token))
        .await;
    assert_eq!(poll["voters_count"], 0, "{poll}");
    assert_eq!(poll["date_options"][1]["if_need_be"], 0);
}

async fn members_answer_on_the_poll_page(app: TestApp) {
    let (owner, _, _) = group_with_members(&app, &[]).await;
    let (_, poll) = app
        .post(
            POLLS,
            Some(&owner.token),
            json!({ "title": "Apéro de février", "date_options": ["2030-02-05T19:00", "2030-02-12T19:00"] }),
        )
        .await;
    let id = poll["id"].as_str().unwrap().to_string();
    let dates = option_ids(&poll, "date_options");
    let page = format!("/groups/grp/polls/{id}");
    // The group page lists it; visitors read the grid and are asked to sign in.
    let (status, group) = app.page("/groups/grp").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        group.contains(&page) && group.contains("Apéro de février"),
        "{group}"
    );
    let (status, html) = app.page(&page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("mardi 5 février 2030"), "{html}");
    assert!(html.contains("/login"), "{html}");
    // A member answers with the radio buttons, without JavaScript.
    let browser = app.new_browser();
    browser.register("zoe@example.org", "Zoé").await;
    let first = format!("d.{}", dates[0]);
    let second = format!("d.{}", dates[1]);
    let response = browser
        .submit_form(
            &page,
            &format!("{page}/vote"),
            &[(&first, "yes"), (&second, "if_need_be")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = browser.page(&page).await;
    assert!(
        html.contains(&format!("name=\"{first}\" value=\"yes\" checked")),
        "{html}"
    );
    let (_, poll) = app.get(&format!("/api/v1/polls/{id}"), None).await;
    assert_eq!(
        (
            poll["date_options"][0]["yes"].as_i64(),
            poll["date_options"][1]["if_need_be"].as_i64()
        ),
        (Some(1), Some(1))
    );
    // Another group's path: 404.
    assert_eq!(
        app.page(&format!("/groups/nope/polls/{id}")).await.0,
        StatusCode::NOT_FOUND
    );
}

async fn a_poll_on_an_occurrence_moves_it_and_tells_those_going(app: TestApp) {
    let (owner, members, _) = group_with_members(&app, &["Alice", "Bruno"]).await;
    let (status, meetup) = app
        .post(
            "/api/v1/groups/grp/meetups",
            Some(&owner.token),
            json!({ "title": "Apéro de janvier", "starts_at": "2030-01-08T19:00",
                    "ends_at": "2030-01-08T22:00" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{meetup}");
    let mid = meetup["id"].as_str().unwrap().to_string();
    assert_eq!(
        app.rsvp(&mid, &members[0].token, "yes").await.0,
        StatusCode::OK
    );
    // Neither another group's meetup nor an unknown one can be the target.
    let (status, body) = app
        .post(
            POLLS,
            Some(&owner.token),
            json!({ "title": "Moving", "date_options": ["2030-01-15T19:00", "2030-01-22T19:00"],
                    "target_meetup_id": "nope" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["field"], "target_meetup_id");
    let (status, poll) = app
        .post(
            POLLS,
            Some(&owner.token),
            json!({ "title": "Moving", "date_options": ["2030-01-15T19:00", "2030-01-22T19:00"],
                    "target_meetup_id": mid }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{poll}");
    assert_eq!(poll["target_meetup_id"], mid.as_str());
    let id = poll["id"].as_str().unwrap().to_string();
    let dates = option_ids(&poll, "date_options");
    let (status, _) = vote(
        &app,
        &members[1],
        &id,
        json!({ "dates": { dates[1].clone(): "yes" } }),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    deliver(&app, now()).await;
    let (status, moved) = app
        .post(
            &format!("/api/v1/polls/{id}/close"),
            Some(&owner.token),
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{moved}");
    // The same meetup, a week later, its three hours kept; no second meetup was made.
    assert_eq!(moved["id"], mid.as_str());
    assert_eq!(moved["starts_at"], "2030-01-22T18:00:00Z");
    assert_eq!(moved["ends_at"], "2030-01-22T21:00:00Z");
    let (_, list) = app.get("/api/v1/groups/grp/meetups", None).await;
    assert_eq!(list["meetups"].as_array().map(Vec::len), Some(1), "{list}");
    let (_, poll) = app.get(&format!("/api/v1/polls/{id}"), None).await;
    assert_eq!(poll["meetup_id"], mid.as_str());
    // Alice, going, is told of the change; Bruno, not going, is not, and gets no announcement.
    deliver(&app, now()).await;
    assert_eq!(
        mails_of(&app, "alice@example.org", "meetup_changed")
            .await
            .0,
        1
    );
    assert_eq!(
        mails_of(&app, "bruno@example.org", "meetup_changed")
            .await
            .0,
        0
    );
    assert_eq!(
        mails_of(&app, "bruno@example.org", "poll_priority").await.0,
        0
    );
}

on_both_backends_with!(the_done_when_journey);
on_both_backends!(
    auto_rsvp_seats_yes_voters_in_the_order_of_their_latest_yes,
    voter_names_follow_the_group_privacy,
    voting_joins_the_group_and_a_ban_refuses_it,
    members_who_did_not_answer_are_reminded_once,
    votes_are_in_the_export_and_leave_with_the_account,
    members_answer_on_the_poll_page,
    a_poll_on_an_occurrence_moves_it_and_tells_those_going,
);
