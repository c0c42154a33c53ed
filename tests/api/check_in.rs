//! Check-in at the door (#31 item 3): the door code and its QR code, self check-in and its
//! window and limit, door helpers, and the phone page's parties and walk-ins.

use chrono::{Duration, Utc};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{Registered, TestApp};
use crate::meetups::{create_meetup, group_with_venue, Fixture};
use crate::on_both_backends;

/// A meetup of `grp` starting `hours` from now (negative: in the past), two hours long.
pub async fn meetup_in(app: &TestApp, owner: &Registered, hours: i64, extra: Value) -> String {
    let starts = (Utc::now() + Duration::hours(hours)).to_rfc3339();
    let mut input = json!({ "title": "At the door", "starts_at": starts });
    if let (Some(input), Some(extra)) = (input.as_object_mut(), extra.as_object()) {
        input.extend(extra.clone());
    }
    create_meetup(app, &owner.token, input).await["id"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Ticks a member in or out without the door's window: for tests about what check-ins change
/// (reports, follow-ups) on meetups dated years ahead.
pub async fn tick_directly(app: &TestApp, meetup: &str, member: &str, attended: bool) {
    use rendezvous::db::repo::rsvps;
    use rendezvous::domain::check_in::PartyCame;
    use rendezvous::domain::ids::{MeetupId, UserId};
    let (meetup, member) = (MeetupId::from(meetup), UserId::from(member));
    app.db
        .transaction(move |conn| {
            rsvps::set_attendance(conn, &meetup, &member, PartyCame::all_or_none(attended, 0))
        })
        .await
        .unwrap();
}

fn door_path(meetup: &str) -> String {
    format!("/groups/grp/meetups/{meetup}/checkin")
}

/// The door code, as the check-in page shows it to `email`'s browser.
async fn door_code(app: &TestApp, email: &str, meetup: &str) -> String {
    let browser = app.new_browser();
    browser.login(email).await;
    let (status, html) = browser.page(&door_path(meetup)).await;
    assert_eq!(status, StatusCode::OK);
    let at = html.find("id=\"door-code\">").expect("the door code") + 15;
    html[at..at + 6].to_string()
}

async fn check_in(
    app: &TestApp,
    meetup: &str,
    who: &Registered,
    code: &str,
) -> (StatusCode, Value) {
    app.post(
        &format!("/api/v1/meetups/{meetup}/check-in"),
        Some(&who.token),
        json!({ "code": code }),
    )
    .await
}

async fn attended(app: &TestApp, meetup: &str, f: &Fixture) -> Value {
    app.get(
        &format!("/api/v1/meetups/{meetup}/attendees"),
        Some(&f.owner.token),
    )
    .await
    .1["going"][0]["attended"]
        .clone()
}

/// The right code checks a going member in; a wrong one is 422 on `code`; before the doors open
/// or after the end it is 409 `checkin_closed`; nobody but those going checks in.
async fn members_check_themselves_in(app: TestApp) {
    let f = group_with_venue(&app).await;
    let soon = meetup_in(&app, &f.owner, 1, json!({})).await;
    app.rsvp(&soon, &f.member.token, "yes").await;
    let code = door_code(&app, "owner@example.org", &soon).await;
    assert_eq!(code.len(), 6);

    let (status, body) = check_in(&app, &soon, &f.member, "WRONG1").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["field"], "code");
    assert_eq!(attended(&app, &soon, &f).await, false);
    let typed = format!("{}-{}", &code[..3], &code[3..]).to_lowercase();
    let (status, body) = check_in(&app, &soon, &f.member, &typed).await;
    assert_eq!(
        (status, body),
        (StatusCode::OK, json!({ "attended": true }))
    );
    assert_eq!(attended(&app, &soon, &f).await, true);
    let (status, _) = check_in(&app, &soon, &f.member, &code).await;
    assert_eq!(status, StatusCode::OK, "again changes nothing");

    let stranger = app.register("stranger@example.org", "Stranger").await;
    let (status, _) = check_in(&app, &soon, &stranger, &code).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // Three hours before the start, and after the end: closed, whatever the code.
    let later = meetup_in(&app, &f.owner, 3, json!({})).await;
    app.rsvp(&later, &f.member.token, "yes").await;
    let code = door_code(&app, "owner@example.org", &later).await;
    let (status, body) = check_in(&app, &later, &f.member, &code).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"]["code"], "checkin_closed");
    let (status, body) = app
        .put(
            &format!("/api/v1/meetups/{later}/attendance/{}", f.member.id),
            Some(&f.owner.token),
            json!({ "attended": true }),
        )
        .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("checkin_closed")),
        "ticking opens two hours before the start too"
    );
    let over = meetup_in(&app, &f.owner, -3, json!({})).await;
    let code = door_code(&app, "owner@example.org", &over).await;
    let (status, body) = check_in(&app, &over, &f.owner, &code).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("checkin_closed"))
    );
}

/// 48 wrong codes at once from one member: exactly five are counted (422), the rest and any
/// later try, even the right code, are 429.
async fn wrong_codes_are_limited_exactly(app: TestApp) {
    let f = group_with_venue(&app).await;
    let soon = meetup_in(&app, &f.owner, 1, json!({})).await;
    app.rsvp(&soon, &f.member.token, "yes").await;
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..48 {
        let (client, url, token) = (
            reqwest::Client::new(),
            app.url(&format!("/api/v1/meetups/{soon}/check-in")),
            f.member.token.clone(),
        );
        set.spawn(async move {
            client
                .post(url)
                .bearer_auth(token)
                .json(&json!({ "code": "ZZZZZZ" }))
                .send()
                .await
                .unwrap()
                .status()
        });
    }
    let mut statuses = Vec::new();
    while let Some(status) = set.join_next().await {
        statuses.push(status.unwrap());
    }
    let wrong = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNPROCESSABLE_ENTITY)
        .count();
    let limited = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!((wrong, limited), (5, 43), "{statuses:?}");
    let code = door_code(&app, "owner@example.org", &soon).await;
    let (status, body) = check_in(&app, &soon, &f.member, &code).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(body["error"]["code"], "rate_limited");
}

/// A door helper sees the list (without addresses) and ticks people in, and nothing else.
async fn helpers_tick_and_nothing_else(app: TestApp) {
    let f = group_with_venue(&app).await;
    let helper = app.register("helper@example.org", "Helper").await;
    let soon = meetup_in(&app, &f.owner, 1, json!({})).await;
    for who in [&f.member, &helper] {
        app.rsvp(&soon, &who.token, "yes").await;
    }
    let role = format!("/api/v1/groups/grp/members/{}", helper.id);
    let (status, body) = app
        .put(&role, Some(&helper.token), json!({ "role": "helper" }))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (status, body) = app
        .put(&role, Some(&f.owner.token), json!({ "role": "helper" }))
        .await;
    assert_eq!(
        (status, body["role"].as_str()),
        (StatusCode::OK, Some("helper"))
    );

    let tick = format!("/api/v1/meetups/{soon}/attendance/{}", f.member.id);
    let (status, _) = app
        .put(&tick, Some(&f.member.token), json!({ "attended": true }))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "members do not tick");
    let (status, _) = app
        .put(&tick, Some(&helper.token), json!({ "attended": true }))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(attended(&app, &soon, &f).await, true);

    // Nothing else: not the meetup, not the list of addresses, not the members.
    let (status, _) = app
        .patch(
            &format!("/api/v1/meetups/{soon}"),
            Some(&helper.token),
            json!({ "title": "Mine now" }),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app
        .get(
            &format!("/api/v1/meetups/{soon}/attendees.csv"),
            Some(&helper.token),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app
        .put(
            &format!("/api/v1/groups/grp/members/{}", f.member.id),
            Some(&helper.token),
            json!({ "role": "organiser" }),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, members) = app
        .get("/api/v1/groups/grp/members", Some(&helper.token))
        .await;
    assert!(members["members"][0].get("email").is_none(), "{members}");

    let browser = app.new_browser();
    browser.login("helper@example.org").await;
    let (status, html) = browser.page(&door_path(&soon)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Member") && html.contains("<svg"));
    assert!(
        !html.contains("member@example.org"),
        "no addresses for helpers"
    );
    let (status, _) = browser
        .page(&format!("/groups/grp/meetups/{soon}/sign-in-sheet"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, html) = browser.page(&format!("/groups/grp/meetups/{soon}")).await;
    assert!(
        html.contains(&format!("{soon}/checkin\"")),
        "the way to the door"
    );
    assert!(!html.contains(&format!("{soon}/edit\"")));
    let (status, _) = browser
        .page(&format!("/groups/grp/meetups/{soon}/edit"))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let member = app.new_browser();
    member.login("member@example.org").await;
    assert_eq!(
        member.page(&door_path(&soon)).await.0,
        StatusCode::FORBIDDEN
    );
}

/// On the phone at the door: a name filter, a party ticked as a number, walk-ins over capacity.
async fn the_door_page_counts_parties_and_walk_ins(app: TestApp) {
    let f = group_with_venue(&app).await;
    let soon = meetup_in(&app, &f.owner, 1, json!({ "capacity": 3 })).await;
    app.put(
        &format!("/api/v1/meetups/{soon}/rsvp"),
        Some(&f.member.token),
        json!({ "answer": "yes", "guests": 2 }),
    )
    .await;
    let door = door_path(&soon);
    let owner = app.new_browser();
    owner.login("owner@example.org").await;
    let (_, html) = owner.page(&format!("{door}?q=MEM&lang=en")).await;
    assert!(html.contains("Member") && html.contains("0 of 3 came"));
    assert!(html.contains("<svg"), "the QR code");
    let (_, html) = owner.page(&format!("{door}?q=zzz&lang=en")).await;
    assert!(html.contains("Nobody by that name.") && !html.contains(">Member<"));

    let response = owner
        .submit_form(
            &door,
            &door,
            &[("member", &f.member.id), ("came", "2"), ("q", "mem")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()["location"].to_str().unwrap().to_string();
    assert!(location.contains("q=mem"), "{location}");
    let (_, html) = owner.page(&format!("{door}?lang=en")).await;
    assert!(html.contains("2 of 3 came"), "the party as a number");
    assert_eq!(attended(&app, &soon, &f).await, true);
    let response = owner
        .submit_form(&door, &door, &[("member", &f.member.id), ("came", "4")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "refused, flashed");
    let (_, html) = owner.page(&format!("{door}?lang=en")).await;
    assert!(html.contains("2 of 3 came"), "unchanged");

    // A walk-in: a name (and an address if given), over capacity, flagged as such.
    let walk_ins = format!("/groups/grp/meetups/{soon}/walk-ins");
    let response = owner
        .submit_form(&door, &walk_ins, &[("name", " "), ("email", "ada@example")])
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("value=\"ada@example\""), "the input is kept");
    let response = owner
        .submit_form(
            &door,
            &walk_ins,
            &[("name", "Ada Walk"), ("email", "ada@example.org")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = owner.page(&format!("{door}?lang=en")).await;
    assert!(html.contains("Ada Walk") && html.contains("walk-in"));
    let (_, meetup) = app.get(&format!("/api/v1/meetups/{soon}"), None).await;
    assert_eq!(meetup["going_count"], 3, "walk-ins take no seat");

    // The page the QR code opens: the code filled in, one button.
    let code = door_code(&app, "owner@example.org", &soon).await;
    let (_, sheet) = owner
        .page(&format!("/groups/grp/meetups/{soon}/sign-in-sheet"))
        .await;
    assert!(sheet.contains(&code) && sheet.contains("<svg"));
    let member = app.new_browser();
    member.login("member@example.org").await;
    let page = format!("/groups/grp/meetups/{soon}/check-in");
    let (status, html) = member.page(&format!("{page}?code={code}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&format!("value=\"{code}\"")));
    let response = member.submit_form(&page, &page, &[("code", "nope")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let response = member.submit_form(&page, &page, &[("code", &code)]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
}

on_both_backends!(
    members_check_themselves_in,
    wrong_codes_are_limited_exactly,
    helpers_tick_and_nothing_else,
    the_door_page_counts_parties_and_walk_ins,
);

/// Moves every answer to meetup `m` back by `by`, as if given that much earlier (instead of
/// waiting for the clock to pass a start set to the current second).
async fn answered_earlier(app: &TestApp, m: &str, by: Duration) {
    use diesel::prelude::*;
    use rendezvous::db::schema::rsvps;
    let m = m.to_string();
    app.db
        .run(move |conn| {
            let rows: Vec<(String, chrono::NaiveDateTime, chrono::NaiveDateTime)> = rsvps::table
                .filter(rsvps::meetup_id.eq(&m))
                .select((rsvps::user_id, rsvps::created_at, rsvps::updated_at))
                .load(conn)?;
            for (user, created, updated) in rows {
                diesel::update(rsvps::table.find((&m, &user)))
                    .set((
                        rsvps::created_at.eq(created - by),
                        rsvps::updated_at.eq(updated - by),
                    ))
                    .execute(conn)?;
            }
            Ok(())
        })
        .await
        .unwrap();
}

/// History counts, over the last twelve months, one no-show for a member going who never
/// checked in where others did, and a late release; the member and organisers read it, others
/// not; it is on the members page, the account page and in the export.
async fn history_counts_no_shows_and_late_releases(app: TestApp) {
    let f = group_with_venue(&app).await;
    let (b, c, d) = (
        app.register("b@example.org", "B").await,
        app.register("c@example.org", "C").await,
        app.register("d@example.org", "D").await,
    );
    let m = meetup_in(&app, &f.owner, 1, json!({})).await;
    for who in [&f.member, &b, &c] {
        app.rsvp(&m, &who.token, "yes").await;
    }
    app.rsvp(&m, &c.token, "no").await;
    let (status, _) = app
        .put(
            &format!("/api/v1/meetups/{m}/attendance/{}", b.id),
            Some(&f.owner.token),
            json!({ "attended": true }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    // The meetup starts now (to the second): everyone's answers were given before the start.
    answered_earlier(&app, &m, Duration::seconds(5)).await;
    let (status, body) = app
        .patch(
            &format!("/api/v1/meetups/{m}"),
            Some(&f.owner.token),
            json!({ "starts_at": Utc::now().to_rfc3339(), "ends_at": (Utc::now() + Duration::hours(2)).to_rfc3339() }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let path = |who: &Registered| format!("/api/v1/groups/grp/members/{}/attendance", who.id);
    let (status, own) = app.get(&path(&f.member), Some(&f.member.token)).await;
    assert_eq!(status, StatusCode::OK, "{own}");
    assert_eq!(
        (
            &own["going"],
            &own["attended"],
            &own["no_shows"],
            &own["late_releases"]
        ),
        (&json!(1), &json!(0), &json!(1), &json!(0)),
        "{own}"
    );
    assert!(own["since"].as_str().unwrap().ends_with('Z'));
    let (_, came) = app.get(&path(&b), Some(&f.owner.token)).await;
    assert_eq!(
        (&came["attended"], &came["no_shows"]),
        (&json!(1), &json!(0))
    );
    let (_, late) = app.get(&path(&c), Some(&f.owner.token)).await;
    assert_eq!(late["late_releases"], 1, "{late}");
    assert_eq!(
        app.get(&path(&f.member), Some(&b.token)).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get(&path(&f.member), None).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.get(&path(&d), Some(&f.owner.token)).await.0,
        StatusCode::NOT_FOUND,
        "not a member"
    );

    let owner = app.new_browser();
    owner.login("owner@example.org").await;
    let (_, html) = owner.page("/groups/grp/members?lang=en").await;
    assert!(html.contains("came 0 of 1 · no-shows: 1"), "members page");
    let member = app.new_browser();
    member.login("member@example.org").await;
    let (_, html) = member.page("/account?lang=en").await;
    assert!(html.contains("came 0 of 1 · no-shows: 1"), "account page");
    let (_, export) = app.get("/api/v1/me/export", Some(&f.member.token)).await;
    assert_eq!(
        export["memberships"][0]["attendance"]["no_shows"], 1,
        "{export}"
    );
}

on_both_backends!(history_counts_no_shows_and_late_releases);
