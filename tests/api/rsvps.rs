use std::collections::HashSet;

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{Registered, TestApp};
use crate::meetups::{create_meetup, group_with_venue};
use crate::on_both_backends;

async fn rsvp(
    app: &TestApp,
    meetup: &str,
    who: &Registered,
    answer: &str,
    guests: i64,
) -> (StatusCode, Value) {
    app.put(
        &format!("/api/v1/meetups/{meetup}/rsvp"),
        Some(&who.token),
        json!({ "answer": answer, "guests": guests }),
    )
    .await
}

async fn meetup_with_capacity(app: &TestApp, owner: &Registered, capacity: i64) -> String {
    let m = create_meetup(
        app,
        &owner.token,
        json!({ "title": "Full house", "starts_at": "2030-12-03T19:00", "capacity": capacity }),
    )
    .await;
    m["id"].as_str().unwrap().to_string()
}

async fn users(app: &TestApp, n: usize, prefix: &str) -> Vec<Registered> {
    app.register_many(n, prefix).await
}

async fn attendees(app: &TestApp, meetup: &str, token: Option<&str>) -> Value {
    let (status, body) = app
        .get(&format!("/api/v1/meetups/{meetup}/attendees"), token)
        .await;
    assert_eq!(status, StatusCode::OK);
    body
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|a| a["user_id"].as_str().unwrap().to_string())
        .collect()
}

/// Positions 1..n without gaps, seats within capacity, and the head of the queue does not fit.
fn assert_consistent(app_meetup: &Value, people: &Value, capacity: i64) {
    let going: i64 = people["going"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| 1 + a["guests"].as_i64().unwrap())
        .sum();
    assert!(going <= capacity, "overbooked: {going} > {capacity}");
    assert_eq!(app_meetup["going_count"], going);
    let waitlist = people["waitlist"].as_array().unwrap();
    assert_eq!(app_meetup["waitlist_count"], waitlist.len());
    for (i, w) in waitlist.iter().enumerate() {
        assert_eq!(w["position"], i + 1, "positions are 1..n");
    }
    if let Some(head) = waitlist.first() {
        assert!(
            1 + head["guests"].as_i64().unwrap() > capacity - going,
            "the head of the queue would fit: {people}"
        );
    }
}

/// The seats the meetup's row keeps (see the `meetup_seat_tally` migration) are those its
/// answers take, as counted from the answers themselves.
pub async fn assert_tally_exact(app: &TestApp, meetup: &str) {
    #[derive(diesel::QueryableByName, Debug, PartialEq)]
    struct Tally {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        kept: i64,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        counted: i64,
    }
    use diesel::RunQueryDsl;
    let id = meetup.to_string();
    let tally: Tally = app
        .db
        .run(move |conn| {
            // A meetup id is a UUID: written into the statement as it is.
            Ok(diesel::sql_query(format!(
                "SELECT m.seats_taken AS kept, CAST(COALESCE((SELECT SUM(r.guests + 1) \
                 FROM rsvps r WHERE r.meetup_id = m.id AND r.status = 'going'), 0) AS BIGINT) \
                 AS counted FROM meetups m WHERE m.id = '{id}'"
            ))
            .get_result(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(tally.kept, tally.counted, "seats kept on the meetup's row");
}

async fn going_then_waitlist_then_promotion(app: TestApp) {
    let f = group_with_venue(&app).await;
    let m = meetup_with_capacity(&app, &f.owner, 3).await;
    let u = users(&app, 4, "u").await;
    let (status, body) = rsvp(&app, &m, &u[0], "yes", 1).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body,
        json!({ "status": "going", "guests": 1, "waitlist_position": null, "confirmed": false })
    );
    // Same request twice changes nothing.
    let (_, again) = rsvp(&app, &m, &u[0], "yes", 1).await;
    assert_eq!(again, body);
    let (_, body) = rsvp(&app, &m, &u[1], "yes", 1).await;
    assert_eq!(body["status"], "waitlisted", "two seats needed, one free");
    assert_eq!(body["waitlist_position"], 1);
    // A newcomer who would fit in the free seat still queues behind.
    let (_, body) = rsvp(&app, &m, &u[2], "yes", 0).await;
    assert_eq!(body["status"], "waitlisted");
    assert_eq!(body["waitlist_position"], 2);
    let (status, own) = app
        .get(&format!("/api/v1/meetups/{m}/rsvp"), Some(&u[2].token))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(own["waitlist_position"], 2);
    let (status, _) = app
        .get(&format!("/api/v1/meetups/{m}/rsvp"), Some(&u[3].token))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // The first cancels: both waiting parties fit now, in order.
    let (status, body) = app
        .delete(&format!("/api/v1/meetups/{m}/rsvp"), Some(&u[0].token))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["status"], "not_going");
    let (_, own) = app
        .get(&format!("/api/v1/meetups/{m}/rsvp"), Some(&u[1].token))
        .await;
    assert_eq!(own["status"], "going");
    let (_, own) = app
        .get(&format!("/api/v1/meetups/{m}/rsvp"), Some(&u[2].token))
        .await;
    assert_eq!(own["status"], "going");
    let (_, meetup) = app.get(&format!("/api/v1/meetups/{m}"), None).await;
    assert_eq!(meetup["going_count"], 3);
    assert_eq!(meetup["waitlist_count"], 0);

    // RSVPing joined the group.
    let (_, group) = app.get("/api/v1/groups/grp", None).await;
    assert_eq!(
        group["members_count"], 4,
        "the organiser and the three who answered"
    );
}

async fn guests_capacity_and_deadlines(app: TestApp) {
    let f = group_with_venue(&app).await;
    let m = meetup_with_capacity(&app, &f.owner, 3).await;
    let u = users(&app, 3, "g").await;
    rsvp(&app, &m, &u[0], "yes", 0).await;
    rsvp(&app, &m, &u[1], "yes", 0).await;
    let (status, body) = rsvp(&app, &m, &u[0], "yes", 2).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"]["code"], "capacity_exceeded");
    let (_, own) = app
        .get(&format!("/api/v1/meetups/{m}/rsvp"), Some(&u[0].token))
        .await;
    assert_eq!(own["guests"], 0, "RSVP unchanged");
    let (status, body) = rsvp(&app, &m, &u[0], "yes", 6).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["field"], "guests");
    let (status, body) = app
        .put(
            &format!("/api/v1/meetups/{m}/rsvp"),
            Some(&u[0].token),
            json!({ "answer": "maybe" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["field"], "answer");
    let (status, _) = app
        .put(
            &format!("/api/v1/meetups/{m}/rsvp"),
            None,
            json!({ "answer": "yes" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // Capacity: lowering below seats taken is refused; raising promotes.
    rsvp(&app, &m, &u[2], "yes", 1).await;
    let path = format!("/api/v1/meetups/{m}");
    let (status, body) = app
        .patch(&path, Some(&f.owner.token), json!({ "capacity": 1 }))
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"]["code"], "capacity_below_going");
    let (status, meetup) = app
        .patch(&path, Some(&f.owner.token), json!({ "capacity": 4 }))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(meetup["going_count"], 4);
    assert_eq!(meetup["waitlist_count"], 0);

    // Deadline passed, meetup in the past, cancelled: closed, existing RSVPs kept.
    let closed = create_meetup(&app, &f.owner.token, json!({ "title": "Closed", "starts_at": "2030-12-03T19:00", "rsvp_deadline": "2020-01-01T10:00" })).await;
    let (status, body) = rsvp(&app, closed["id"].as_str().unwrap(), &u[0], "yes", 0).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"]["code"], "rsvp_closed");
    let past = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Past", "starts_at": "2012-10-15T19:00" }),
    )
    .await;
    let (_, body) = rsvp(&app, past["id"].as_str().unwrap(), &u[0], "yes", 0).await;
    assert_eq!(body["error"]["code"], "rsvp_closed");
    app.send(
        reqwest::Method::POST,
        &format!("{path}/cancel"),
        Some(&f.owner.token),
        None,
    )
    .await;
    let (status, body) = rsvp(&app, &m, &u[0], "no", 0).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"]["code"], "meetup_cancelled");
    let (_, own) = app
        .get(&format!("/api/v1/meetups/{m}/rsvp"), Some(&u[0].token))
        .await;
    assert_eq!(own["status"], "going", "kept");
    let (status, _) = rsvp(&app, &uuid::Uuid::new_v4().to_string(), &u[0], "yes", 0).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn unlimited_meetups_never_waitlist(app: TestApp) {
    let f = group_with_venue(&app).await;
    let m = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Open", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let m = m["id"].as_str().unwrap();
    for u in users(&app, 5, "o").await {
        let (_, body) = rsvp(&app, m, &u, "yes", 5).await;
        assert_eq!(body["status"], "going");
    }
    let (_, meetup) = app.get(&format!("/api/v1/meetups/{m}"), None).await;
    assert_eq!(meetup["going_count"], 30);
}

async fn attendees_and_check_in(app: TestApp) {
    let f = group_with_venue(&app).await;
    // Starting within the hour: the doors are open.
    let m = crate::check_in::meetup_in(&app, &f.owner, 1, json!({ "capacity": 1 })).await;
    rsvp(&app, &m, &f.member, "yes", 0).await;
    let u = users(&app, 1, "w").await;
    rsvp(&app, &m, &u[0], "yes", 0).await;
    // Names are for the group's members: strangers get the counts of the meetup only.
    let anonymous = attendees(&app, &m, None).await;
    assert_eq!(anonymous["going"], json!([]));
    assert_eq!(anonymous["waitlist"], json!([]));
    assert_eq!(anonymous["names_hidden"], true);
    let stranger = users(&app, 1, "s").await;
    assert_eq!(
        attendees(&app, &m, Some(&stranger[0].token)).await["names_hidden"],
        true
    );
    let members = attendees(&app, &m, Some(&u[0].token)).await;
    assert_eq!(members["names_hidden"], false);
    assert_eq!(members["going"][0]["name"], "Member");
    assert_eq!(members["going"][0]["attended"], false);
    assert!(members["going"][0].get("email").is_none());
    assert_eq!(members["waitlist"][0]["position"], 1);
    let organiser_view = attendees(&app, &m, Some(&f.owner.token)).await;
    assert_eq!(organiser_view["going"][0]["email"], "member@example.org");

    let path = format!("/api/v1/meetups/{m}/attendance/{}", f.member.id);
    let (status, _) = app
        .put(&path, Some(&f.member.token), json!({ "attended": true }))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app
        .put(&path, Some(&f.owner.token), json!({ "attended": true }))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        attendees(&app, &m, Some(&f.member.token)).await["going"][0]["attended"],
        true
    );
    let nobody = format!("/api/v1/meetups/{m}/attendance/{}", f.owner.id);
    let (status, _) = app
        .put(&nobody, Some(&f.owner.token), json!({ "attended": true }))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// 200 members answer at once, through two app instances on one database: never overbooked.
async fn two_hundred_concurrent_rsvps_never_overbook(app: TestApp) {
    let f = group_with_venue(&app).await;
    let m = meetup_with_capacity(&app, &f.owner, 20).await;
    let people = users(&app, 200, "c").await;
    let second = app.another_instance().await;
    let mut set = tokio::task::JoinSet::new();
    for (i, who) in people.iter().enumerate() {
        let base = if i % 2 == 0 {
            app.address.clone()
        } else {
            second.clone()
        };
        let url = format!("{base}/api/v1/meetups/{m}/rsvp");
        let api = app.api.clone();
        let token = who.token.clone();
        set.spawn(async move {
            let r = api
                .put(url)
                .bearer_auth(token)
                .json(&json!({ "answer": "yes", "guests": (i % 3) as i64 }))
                .send()
                .await
                .unwrap();
            let status = r.status();
            let body: Value = r.json().await.unwrap_or(Value::Null);
            (status, body)
        });
    }
    let results = set.join_all().await;
    for (status, body) in &results {
        assert_eq!(*status, StatusCode::OK, "{body}");
    }
    let (_, meetup) = app.get(&format!("/api/v1/meetups/{m}"), None).await;
    let list = attendees(&app, &m, Some(&f.owner.token)).await;
    assert_consistent(&meetup, &list, 20);
    assert_tally_exact(&app, &m).await;
    let going = list["going"].as_array().unwrap().len();
    let waiting = list["waitlist"].as_array().unwrap().len();
    assert_eq!(going + waiting, 200, "everyone else is waitlisted");
    let answered_going = results
        .iter()
        .filter(|(_, b)| b["status"] == "going")
        .count();
    assert_eq!(
        answered_going, going,
        "responses agree with the stored state"
    );
    // Nobody left the queue, so the position each waitlisted member was told is still theirs.
    let mut told: Vec<i64> = results
        .iter()
        .filter_map(|(_, b)| b["waitlist_position"].as_i64())
        .collect();
    told.sort_unstable();
    assert_eq!(
        told,
        (1..=waiting as i64).collect::<Vec<_>>(),
        "positions told were 1..n"
    );
}

/// Going members cancel while newcomers join: the freed seats go strictly to the queue's head.
async fn concurrent_cancellations_keep_fifo(app: TestApp) {
    let f = group_with_venue(&app).await;
    let m = meetup_with_capacity(&app, &f.owner, 20).await;
    let first = users(&app, 60, "f").await;
    for who in &first {
        rsvp(&app, &m, who, "yes", 0).await;
    }
    let before = attendees(&app, &m, Some(&f.owner.token)).await;
    let queue_before = ids(&before["waitlist"]);
    assert_eq!(queue_before.len(), 40);
    let newcomers = users(&app, 10, "n").await;
    let second = app.another_instance().await;

    let mut set = tokio::task::JoinSet::new();
    let cancelling: Vec<&Registered> = first[..10].iter().collect();
    let leaving_queue: Vec<String> = queue_before[..3].to_vec();
    for (i, who) in cancelling
        .iter()
        .chain(newcomers.iter().collect::<Vec<_>>().iter())
        .enumerate()
    {
        let base = if i % 2 == 0 {
            app.address.clone()
        } else {
            second.clone()
        };
        let url = format!("{base}/api/v1/meetups/{m}/rsvp");
        let answer = if i < 10 { "no" } else { "yes" };
        let (api, token) = (app.api.clone(), who.token.clone());
        set.spawn(async move {
            api.put(url)
                .bearer_auth(token)
                .json(&json!({ "answer": answer }))
                .send()
                .await
                .unwrap()
                .status()
        });
    }
    for user_id in &leaving_queue {
        let who = first.iter().find(|u| &u.id == user_id).unwrap();
        let (api, token) = (app.api.clone(), who.token.clone());
        let url = app.url(&format!("/api/v1/meetups/{m}/rsvp"));
        set.spawn(async move {
            api.delete(url)
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .status()
        });
    }
    for status in set.join_all().await {
        assert_eq!(status, StatusCode::OK);
    }

    let (_, meetup) = app.get(&format!("/api/v1/meetups/{m}"), None).await;
    let after = attendees(&app, &m, Some(&f.owner.token)).await;
    assert_consistent(&meetup, &after, 20);
    assert_tally_exact(&app, &m).await;
    assert_eq!(meetup["going_count"], 20);
    let going: HashSet<String> = ids(&after["going"]).into_iter().collect();
    let queue_after = ids(&after["waitlist"]);
    // The original queue, minus those who left, in its original order…
    let remaining: Vec<String> = queue_before
        .iter()
        .filter(|id| !leaving_queue.contains(id))
        .cloned()
        .collect();
    // …loses exactly its first members to the freed seats, whatever the timing was.
    let promoted: Vec<String> = remaining
        .iter()
        .filter(|id| going.contains(*id))
        .cloned()
        .collect();
    assert_eq!(
        promoted,
        remaining[..promoted.len()].to_vec(),
        "promotion skipped someone in the queue"
    );
    let still_waiting: Vec<String> = remaining[promoted.len()..].to_vec();
    assert_eq!(
        queue_after[..still_waiting.len()],
        still_waiting[..],
        "the queue kept its order"
    );
    let newcomer_ids: HashSet<String> = newcomers.iter().map(|n| n.id.clone()).collect();
    let tail: HashSet<String> = queue_after[still_waiting.len()..].iter().cloned().collect();
    assert_eq!(
        tail, newcomer_ids,
        "newcomers queue behind everyone who was already waiting"
    );
    for c in &cancelling {
        assert!(!going.contains(&c.id));
    }
}

/// Whether `read` fails once `sql` has stored a value this version does not know.
async fn read_fails_after<F>(app: &TestApp, sql: &'static str, read: F) -> bool
where
    F: FnOnce(&mut rendezvous::db::DbConn) -> Result<(), rendezvous::error::AppError>
        + Send
        + 'static,
{
    use diesel::RunQueryDsl;
    app.db
        .run(move |conn| {
            diesel::sql_query(sql).execute(conn)?;
            Ok(read(conn).is_err())
        })
        .await
        .unwrap()
}

/// A state this version does not know (a newer release wrote it, or a hand-made fix went wrong)
/// is refused loudly, never read as some default: a member "maybe" going is not "not going".
async fn unknown_stored_states_are_errors(app: TestApp) {
    use rendezvous::db::repo::{groups, meetups, rsvps as rsvp_repo, users};
    use rendezvous::domain::ids::{MeetupId, UserId};

    let f = group_with_venue(&app).await;
    let m = meetup_with_capacity(&app, &f.owner, 3).await;
    let (status, _) = rsvp(&app, &m, &f.member, "yes", 0).await;
    assert_eq!(status, StatusCode::OK);
    let (meetup_id, member_id) = (
        MeetupId::from(m.as_str()),
        UserId::from(f.member.id.as_str()),
    );
    let refused = read_fails_after(&app, "UPDATE rsvps SET status = 'maybe'", move |conn| {
        rsvp_repo::own_rsvp(conn, &meetup_id, &member_id).map(|_| ())
    })
    .await;
    assert!(refused, "an unknown RSVP state was read as a known one");
    let (status, body) = app
        .get(&format!("/api/v1/meetups/{m}/rsvp"), Some(&f.member.token))
        .await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{body}");
    assert_ne!(body["status"], "not_going");

    let meetup_id = MeetupId::from(m.as_str());
    let refused = read_fails_after(
        &app,
        "UPDATE meetups SET status = 'postponed'",
        move |conn| meetups::meetup_by_id(conn, &meetup_id).map(|_| ()),
    )
    .await;
    assert!(refused, "an unknown meetup state was read as a known one");

    // A language or time zone this version does not know is refused the same way, not read as
    // English or UTC.
    let refused = read_fails_after(
        &app,
        "UPDATE groups SET timezone = 'Mars/Olympus'",
        |conn| groups::group_by_slug(conn, "grp").map(|_| ()),
    )
    .await;
    assert!(refused, "an unknown time zone was read as a known one");
    let refused = read_fails_after(&app, "UPDATE users SET locale = 'tlh'", |conn| {
        users::user_by_email(conn, "member@example.org").map(|_| ())
    })
    .await;
    assert!(refused, "an unknown language was read as a known one");
}

/// An answer's write is prepared once on its connection, not parsed and planned by PostgreSQL
/// on every answer (diesel would prepare an UPDATE anew each time): two forms of it, going and
/// not, whatever the number of answers.
async fn an_answers_write_stays_prepared(app: TestApp) {
    use diesel::RunQueryDsl;
    use rendezvous::db::repo::rsvps::save_party;
    use rendezvous::domain::rsvp::{Party, RsvpStatus};
    if app.db.backend != rendezvous::db::Backend::Postgres {
        return;
    }
    let f = group_with_venue(&app).await;
    let m = meetup_with_capacity(&app, &f.owner, 20).await;
    let member = &users(&app, 1, "p").await[0];
    assert_eq!(rsvp(&app, &m, member, "yes", 0).await.0, StatusCode::OK);
    let (meetup, user) = (m.clone().into(), member.id.clone());
    let prepared = app
        .db
        .run(move |conn| {
            for status in [RsvpStatus::NotGoing, RsvpStatus::Going].repeat(3) {
                let party = Party {
                    user_id: user.clone().into(),
                    status,
                    guests: 0,
                    waitlist_seq: None,
                };
                save_party(conn, &meetup, &party)?;
            }
            #[derive(diesel::QueryableByName)]
            struct Count {
                #[diesel(sql_type = diesel::sql_types::BigInt)]
                n: i64,
            }
            Ok(diesel::sql_query(
                "SELECT COUNT(*) AS n FROM pg_prepared_statements \
                 WHERE statement LIKE 'UPDATE \"rsvps\"%'",
            )
            .get_result::<Count>(conn)?
            .n)
        })
        .await
        .unwrap();
    assert_eq!(prepared, 2);
}

on_both_backends!(
    an_answers_write_stays_prepared,
    unknown_stored_states_are_errors,
    going_then_waitlist_then_promotion,
    guests_capacity_and_deadlines,
    unlimited_meetups_never_waitlist,
    attendees_and_check_in,
    two_hundred_concurrent_rsvps_never_overbook,
    concurrent_cancellations_keep_fifo,
);
