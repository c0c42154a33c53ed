//! "Next meetup is on": a new meetup is announced once to the members who want it, with
//! one-click answers and a one-click way to stop.

use reqwest::StatusCode;
use serde_json::json;

use crate::groups::create_group;
use crate::helpers::{Backend, Registered, TestApp};
use crate::mail::{
    app_with_sink, deliver, expand_batches, fanout_jobs, now, outbox_count, rewind_fanouts, to,
    WAIT,
};
use crate::meetups::create_meetup;
use crate::smtp_sink::{ReceivedMail, SmtpSink};
use crate::{on_both_backends, on_both_backends_with};

/// The first link of `mail` under `prefix` (quoted-printable soft breaks undone).
pub fn link(mail: &ReceivedMail, prefix: &str) -> String {
    let text = mail.data.replace("=\r\n", "");
    let start = text
        .find(prefix)
        .unwrap_or_else(|| panic!("no {prefix} in {}", mail.data));
    text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || "/.-:".contains(*c))
        .collect()
}

async fn new_meetups_are_announced_once(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    let owner = app.register("owner@example.org", "Owner").await;
    let keen = app.register("keen@example.org", "Keen").await;
    let quiet = app.register("quiet@example.org", "Quiet").await;
    create_group(&app, &owner, "grp").await;
    for member in [&keen, &quiet] {
        app.post("/api/v1/groups/grp/members", Some(&member.token), json!({}))
            .await;
    }
    let subscription = "/api/v1/groups/grp/subscription";
    let (status, body) = app
        .put(
            subscription,
            Some(&quiet.token),
            json!({ "announcements": false }),
        )
        .await;
    assert_eq!(
        (status, body["announcements"].as_bool()),
        (StatusCode::OK, Some(false))
    );
    let outsider = app.register("outsider@example.org", "Outsider").await;
    assert_eq!(
        app.get(subscription, Some(&outsider.token)).await.0,
        StatusCode::NOT_FOUND
    );

    // Announced by default.
    let (status, meetup) = app
        .post(
            "/api/v1/groups/grp/meetups",
            Some(&owner.token),
            json!({ "title": "Annoncée", "starts_at": "2030-12-03T19:00", "capacity": 10,
                    "rsvp_deadline": "2030-12-02T12:00",
                    "description": "**Django** et café.\n\nSecond paragraphe : [le plan](https://example.org/plan)." }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{meetup}");
    let id = meetup["id"].as_str().unwrap();
    assert_eq!(
        deliver(&app, now()).await.sent,
        2,
        "two of three members want announcements"
    );
    let mails = sink.wait_for(2, WAIT).await;
    assert!(to(&mails, "quiet@example.org").is_empty());
    let mail = to(&mails, "keen@example.org").pop().unwrap();
    let subject = mail.header("Subject").unwrap();
    assert!(subject.starts_with("New meetup: "), "{subject}");
    assert!(
        subject.ends_with(" Tuesday 3 December 2030"),
        "the date: {subject}"
    );
    assert!(mail.data.contains("10 seats left out of 10"));
    let data = mail.data.replace("=\r\n", "");
    // The description in both parts: formatted in HTML, readable as text, paragraphs kept.
    assert!(data.contains("<strong>Django</strong> et caf"), "{data}");
    assert!(
        data.contains("Django et caf"),
        "the text part without the asterisks"
    );
    assert!(
        data.contains("le plan (https://example.org/plan)."),
        "{data}"
    );
    assert!(
        data.contains("Answers are open until Monday 2 December 2030, 12:00."),
        "{data}"
    );
    assert!(data.contains("has scheduled a new meetup"));
    assert!(mail.data.contains("text/plain") && mail.data.contains("text/html"));
    assert!(mail.header("List-Unsubscribe").is_some());
    // An edit sends no second announcement.
    app.patch(
        &format!("/api/v1/meetups/{id}"),
        Some(&owner.token),
        json!({ "title": "Annoncée !" }),
    )
    .await;
    assert_eq!(deliver(&app, now()).await.sent, 0);
    // "I'm going" from the mail.
    let going = link(&mail, "/r/");
    let browser = app.new_browser();
    let response = browser.submit_form(&going, &going, &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let (_, rsvp) = app
        .get(&format!("/api/v1/meetups/{id}/rsvp"), Some(&keen.token))
        .await;
    assert_eq!(rsvp["status"], "going");
    // One click stops announcements of this group.
    let unsubscribe = link(&mail, "/unsubscribe/");
    // (RFC 8058: the mail client POSTs without any form.)
    let response = app.api.post(app.url(&unsubscribe)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        app.get(subscription, Some(&keen.token)).await.1["announcements"],
        false
    );

    // Created quietly, announced later, once.
    let later = create_meetup(
        &app,
        &owner.token,
        json!({ "title": "Plus tard", "starts_at": "2030-12-10T19:00", "announce": false }),
    )
    .await;
    deliver(&app, now()).await;
    let announce = format!("/api/v1/meetups/{}/announce", later["id"].as_str().unwrap());
    let (status, _) = app.post(&announce, Some(&keen.token), json!({})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app.post(&announce, Some(&owner.token), json!({})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        deliver(&app, now()).await.sent,
        1,
        "only the owner still wants them"
    );
    let (status, body) = app.post(&announce, Some(&owner.token), json!({})).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("already_announced"))
    );
}

on_both_backends_with!(new_meetups_are_announced_once);

/// Creating a meetup writes one job, not a mail per member: the worker writes the mails, a
/// batch at a time, to the members who want them when it runs, and a worker stopped between
/// two batches (or made to write a batch again) sends nobody a second announcement.
async fn announcements_fan_out_in_the_worker(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    let owner = app.register("owner@example.org", "Owner").await;
    create_group(&app, &owner, "grp").await;
    let solo = app.register("solo@example.org", "Solo").await;
    create_group(&app, &solo, "solo").await;
    let members = app.register_many(8, "fan").await;
    for member in &members {
        let (status, _) = app
            .post("/api/v1/groups/grp/members", Some(&member.token), json!({}))
            .await;
        assert!(status.is_success());
    }

    // As many statements for a meetup of a group of nine as for one of a group of one.
    let mut statements = Vec::new();
    for (slug, token) in [("grp", &owner.token), ("solo", &solo.token)] {
        let before = app.db.query_count();
        let (status, body) = app
            .post(
                &format!("/api/v1/groups/{slug}/meetups"),
                Some(token),
                json!({ "title": "Fan-out", "starts_at": "2030-12-03T19:00" }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        statements.push(app.db.query_count() - before);
    }
    assert_eq!(statements[0], statements[1], "statements of each request");
    assert_eq!(
        outbox_count(&app, "meetup_announced").await,
        0,
        "no mail written by the request"
    );
    let jobs = fanout_jobs(&app).await;
    assert_eq!(jobs.len(), 2, "{jobs:?}");
    assert!(jobs
        .iter()
        .all(|j| j.kind == "meetup_announced" && j.cursor.is_none() && !j.done));

    // Before the worker runs, fan6 stops announcements and fan7 leaves: it goes by what holds
    // then.
    let (status, _) = app
        .put(
            "/api/v1/groups/grp/subscription",
            Some(&members[6].token),
            json!({ "announcements": false }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = app
        .delete("/api/v1/groups/grp/members/me", Some(&members[7].token))
        .await;
    assert!(status.is_success(), "{status}");
    // A newcomer joining after the meetup was announced is not sent the announcement: their
    // welcome mail lists the meetup (#32).
    let late = app.register("late@example.org", "Late").await;
    let (status, _) = app
        .post("/api/v1/groups/grp/members", Some(&late.token), json!({}))
        .await;
    assert!(status.is_success());

    // One batch of three, then the worker stops, as if its process died between two batches.
    assert_eq!(expand_batches(&app, 3, 1).await, 3);
    assert_eq!(outbox_count(&app, "meetup_announced").await, 3);
    let jobs = fanout_jobs(&app).await;
    assert!(jobs[0].cursor.is_some() && !jobs[0].done, "{jobs:?}");
    // The next pass resumes after the cursor, and sends each member's mail once.
    let report = deliver(&app, now()).await;
    let wanting = ["owner@example.org"]
        .into_iter()
        .map(String::from)
        .chain((0..6).map(|i| format!("fan{i}@example.org")))
        .collect::<Vec<_>>();
    assert_eq!(
        (report.fanned_out, report.sent),
        (wanting.len() - 3 + 1, wanting.len() + 2),
        "the rest of grp, solo's owner; then every one of them, and late's welcome: {report:?}"
    );
    let mails = sink.wait_for(wanting.len() + 2, WAIT).await;
    for email in &wanting {
        assert_eq!(to(&mails, email).len(), 1, "{email}");
    }
    for email in ["fan6@example.org", "fan7@example.org"] {
        assert!(to(&mails, email).is_empty(), "{email}");
    }
    let late_mails = to(&mails, "late@example.org");
    assert_eq!(late_mails.len(), 1);
    assert!(late_mails[0]
        .header("Subject")
        .unwrap_or_default()
        .contains("Welcome to"));
    assert_eq!(to(&mails, "solo@example.org").len(), 1);
    assert!(fanout_jobs(&app).await.iter().all(|j| j.done));

    // Expanded all over again from the start (a cursor lost after its batch was written): the
    // outbox ignores every key it holds, and nobody gets a second mail.
    rewind_fanouts(&app).await;
    let report = deliver(&app, now()).await;
    assert_eq!((report.fanned_out, report.sent), (0, 0), "{report:?}");
    assert_eq!(
        outbox_count(&app, "meetup_announced").await,
        i64::try_from(wanting.len() + 1).unwrap()
    );
    assert!(fanout_jobs(&app).await.iter().all(|j| j.done));
    assert_eq!(
        sink.received().len(),
        wanting.len() + 2,
        "and late's welcome"
    );
}

/// The owner of group `grp`, which one other member joined.
async fn owner_and_one_member(app: &TestApp) -> Registered {
    let owner = app.register("owner@example.org", "Owner").await;
    create_group(app, &owner, "grp").await;
    let member = app.register("member@example.org", "Member").await;
    app.post("/api/v1/groups/grp/members", Some(&member.token), json!({}))
        .await;
    owner
}

/// A meetup cancelled before the worker expands its announcement is announced to nobody.
async fn a_meetup_cancelled_before_the_worker_is_not_announced(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    let owner = owner_and_one_member(&app).await;
    let (status, meetup) = app
        .post(
            "/api/v1/groups/grp/meetups",
            Some(&owner.token),
            json!({ "title": "Finalement non", "starts_at": "2030-12-03T19:00" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let cancel = format!("/api/v1/meetups/{}/cancel", meetup["id"].as_str().unwrap());
    let (status, _) = app
        .send(reqwest::Method::POST, &cancel, Some(&owner.token), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    let report = deliver(&app, now()).await;
    assert_eq!((report.fanned_out, report.sent), (0, 0), "{report:?}");
    assert!(fanout_jobs(&app).await.iter().all(|j| j.done));
}

on_both_backends_with!(
    announcements_fan_out_in_the_worker,
    a_meetup_cancelled_before_the_worker_is_not_announced,
);

/// An organiser deletes a meetup just created while the mail worker expands its announcement:
/// the deletion waits for the batch in hand and the meetup goes. The worker's batch holds the
/// job, then checks the meetup for each letter it writes; the deletion used to take the meetup
/// first and the job through the cascade, and PostgreSQL ended one of them as a deadlock (a
/// 500 for the organiser). The batch is played here on a connection of the test's own.
async fn a_meetup_deleted_while_announced_waits_for_the_batch(app: TestApp) {
    if app.db.backend != rendezvous::db::Backend::Postgres {
        return;
    }
    let owner = owner_and_one_member(&app).await;
    let meetup = create_meetup(
        &app,
        &owner.token,
        json!({ "title": "Annoncé puis supprimé", "starts_at": "2030-12-03T19:00", "announce": true }),
    )
    .await;
    let id = meetup["id"].as_str().unwrap().to_string();
    let url = app.database_url.clone();
    let worker = {
        let id = id.clone();
        tokio::task::spawn_blocking(move || {
            use diesel::{Connection, PgConnection, RunQueryDsl};
            let mut conn = PgConnection::establish(&url).unwrap();
            let mut run = |sql: String| diesel::sql_query(sql).execute(&mut conn).unwrap();
            run("BEGIN".into());
            run(format!(
                "SELECT id FROM mail_fanouts WHERE meetup_id = '{id}' FOR UPDATE"
            ));
            (conn, id)
        })
        .await
        .unwrap()
    };
    let deletion = {
        let (api, url, token) = (
            app.api.clone(),
            app.url(&format!("/api/v1/meetups/{id}")),
            owner.token.clone(),
        );
        tokio::spawn(async move { api.delete(url).bearer_auth(token).send().await.unwrap() })
    };
    // Once the deletion waits for the batch, the batch checks the meetup (as its letters'
    // foreign key does) and commits.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while app.postgres_backends("wait_event_type = 'Lock'").await == 0 {
        assert!(std::time::Instant::now() < deadline, "the deletion waits");
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    tokio::task::spawn_blocking(move || {
        use diesel::RunQueryDsl;
        let (mut conn, id) = worker;
        let mut run = |sql: String| diesel::sql_query(sql).execute(&mut conn).unwrap();
        run(format!(
            "SELECT id FROM meetups WHERE id = '{id}' FOR KEY SHARE"
        ));
        run("COMMIT".into());
    })
    .await
    .unwrap();
    assert_eq!(deletion.await.unwrap().status(), StatusCode::NO_CONTENT);
    let (status, _) = app.get(&format!("/api/v1/meetups/{id}"), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

on_both_backends!(a_meetup_deleted_while_announced_waits_for_the_batch);
