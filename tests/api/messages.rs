//! Organisers write to a meetup's participants or to the group; organisers hear of proposals
//! and RSVPs as they happen or in a daily digest.

use reqwest::StatusCode;
use serde_json::json;

use crate::groups::create_group;
use crate::helpers::{Backend, Registered, TestApp};
use crate::mail::{
    app_with_sink, assert_well_formed, deliver, expand_batches, fanout_jobs, now, outbox_count,
    rewind_fanouts, to, WAIT,
};
use crate::meetups::create_meetup;
use crate::on_both_backends_with;
use crate::smtp_sink::{ReceivedMail, SmtpSink};

fn text(mail: &ReceivedMail) -> String {
    mail.data.replace("=\r\n", "")
}

async fn join(app: &TestApp, member: &Registered) {
    let (status, _) = app
        .post("/api/v1/groups/grp/members", Some(&member.token), json!({}))
        .await;
    assert!(status.is_success());
}

async fn messages_reach_their_audience(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    let owner = app.register("owner@example.org", "Owner").await;
    create_group(&app, &owner, "grp").await;
    let [ann, bob, eve, wait, dan] = ["ann", "bob", "eve", "wait", "dan"];
    let mut members = Vec::new();
    for name in [ann, bob, eve, wait, dan] {
        let m = app.register(&format!("{name}@example.org"), name).await;
        join(&app, &m).await;
        members.push(m);
    }
    let (status, body) = app
        .put(
            "/api/v1/groups/grp/subscription",
            Some(&members[2].token),
            json!({ "messages": false }),
        )
        .await;
    assert_eq!(
        (status, body["messages"].as_bool()),
        (StatusCode::OK, Some(false))
    );
    let meetup = create_meetup(
        &app,
        &owner.token,
        json!({ "title": "Salle 2", "starts_at": "2030-12-03T19:00", "capacity": 3 }),
    )
    .await;
    let id = meetup["id"].as_str().unwrap();
    for m in &members[..4] {
        app.rsvp(id, &m.token, "yes").await;
    }
    deliver(&app, now()).await;
    let before = sink.received().len();

    let messages = format!("/api/v1/meetups/{id}/messages");
    let room = json!({
        "audience": "going",
        "subject": "Changement de salle",
        "body": "Nous sommes au 2e étage.\nPlan : https://example.org/plan."
    });
    let (status, _) = app
        .post(&messages, Some(&members[0].token), room.clone())
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "members cannot write");
    let (status, sent) = app.post(&messages, Some(&owner.token), room).await;
    assert_eq!(status, StatusCode::CREATED, "{sent}");
    assert_eq!(
        sent["recipients"], 2,
        "ann and bob; eve turned messages off"
    );
    assert_eq!(deliver(&app, now()).await.sent, 2);
    let mails = sink.wait_for(before + 2, WAIT).await[before..].to_vec();
    let mut reached: Vec<_> = mails.iter().flat_map(|m| m.rcpt_to.clone()).collect();
    reached.sort();
    assert_eq!(reached, ["ann@example.org", "bob@example.org"]);
    let mail = &mails[0];
    assert_eq!(
        mail.header("Subject").as_deref(),
        Some("[DjangAuvergne] Changement de salle")
    );
    assert!(mail.data.contains("text/plain") && mail.data.contains("text/html"));
    assert!(mail.header("List-Unsubscribe").is_some());
    assert_eq!(
        mail.header("Reply-To").as_deref(),
        Some("owner@example.org"),
        "replies go to the organiser who wrote"
    );
    let body = text(mail);
    assert!(body.contains("Nous sommes au 2e"), "{body}");
    assert!(
        body.contains("Written by Owner, organiser of DjangAuvergne: reply"),
        "{body}"
    );
    assert!(
        body.contains("<a href=3D\"https://example.org/plan\">"),
        "{body}"
    );

    // Who sees what was sent.
    let listed = |token: String| {
        let (app, messages) = (&app, &messages);
        async move {
            let (status, body) = app.get(messages, Some(&token)).await;
            assert_eq!(status, StatusCode::OK);
            body["messages"].as_array().unwrap().len()
        }
    };
    assert_eq!(listed(owner.token.clone()).await, 1);
    assert_eq!(listed(members[0].token.clone()).await, 1);
    assert_eq!(
        listed(members[3].token.clone()).await,
        0,
        "waitlisted: not sent to them"
    );

    // Faulty drafts name their field.
    for (draft, field) in [
        (
            json!({ "audience": "going", "subject": " ", "body": "b" }),
            "subject",
        ),
        (
            json!({ "audience": "going", "subject": "s", "body": "" }),
            "body",
        ),
        (
            json!({ "audience": "everyone", "subject": "s", "body": "b" }),
            "audience",
        ),
        (json!({ "subject": "s", "body": "b" }), "audience"),
    ] {
        let (status, body) = app.post(&messages, Some(&owner.token), draft).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body["error"]["field"], field);
    }

    // The waitlist, then the whole group.
    let (_, sent) = app
        .post(
            &messages,
            Some(&owner.token),
            json!({ "audience": "waitlisted", "subject": "Patience", "body": "Une place va se libérer.",
                    "no_replies": true }),
        )
        .await;
    assert_eq!(sent["recipients"], 1);
    let before = sink.received().len();
    assert_eq!(deliver(&app, now()).await.sent, 1);
    let mails = sink.wait_for(before + 1, WAIT).await;
    assert_eq!(mails[before].header("Reply-To"), None, "no replies asked");
    assert!(text(&mails[before]).contains("who asked for no replies"));
    let group = "/api/v1/groups/grp/messages";
    let (status, sent) = app
        .post(
            group,
            Some(&owner.token),
            json!({ "subject": "AG", "body": "Jeudi." }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(
        sent["recipients"], 5,
        "every member but eve, the organiser included"
    );
    let (_, list) = app.get(group, Some(&members[4].token)).await;
    assert_eq!(list["messages"][0]["subject"], "AG");

    // Each member's export holds the messages sent to them and their choices.
    let (_, export) = app.get("/api/v1/me/export", Some(&members[0].token)).await;
    let subjects: Vec<_> = export["messages_received"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["subject"].as_str().unwrap())
        .collect();
    assert_eq!(subjects, ["Changement de salle", "AG"]);
    let (_, export) = app.get("/api/v1/me/export", Some(&members[2].token)).await;
    assert_eq!(export["memberships"][0]["messages"], false);
    assert_eq!(export["messages_received"], json!([]));

    // Ten a day per group.
    for n in 3..10 {
        let (status, _) = app
            .post(
                group,
                Some(&owner.token),
                json!({ "subject": format!("n°{n}"), "body": "." }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "message {n}");
    }
    let (status, body) = app
        .post(
            group,
            Some(&owner.token),
            json!({ "subject": "11", "body": "." }),
        )
        .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(body["error"]["code"], "rate_limited");
}

on_both_backends_with!(messages_reach_their_audience);

async fn set(app: &TestApp, who: &Registered, choice: serde_json::Value) {
    let (status, body) = app
        .put("/api/v1/groups/grp/subscription", Some(&who.token), choice)
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

async fn organisers_choose_how_they_hear(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    let owner = app.register("owner@example.org", "Owner").await;
    create_group(&app, &owner, "grp").await;
    let second = app.register("second@example.org", "Second").await;
    let member = app.register("member@example.org", "Member").await;
    for m in [&second, &member] {
        join(&app, m).await;
    }
    let role = format!("/api/v1/groups/grp/members/{}", second.id);
    let (status, _) = app
        .put(&role, Some(&owner.token), json!({ "role": "organiser" }))
        .await;
    assert!(status.is_success());
    // Owner: everything at once; second: one mail a day.
    set(&app, &owner, json!({ "rsvp_notices": "instant" })).await;
    set(
        &app,
        &second,
        json!({ "organiser_notices": "digest", "rsvp_notices": "digest" }),
    )
    .await;
    let (_, choice) = app
        .get("/api/v1/groups/grp/subscription", Some(&second.token))
        .await;
    assert_eq!(choice["organiser_notices"], "digest");
    let (status, body) = app
        .put(
            "/api/v1/groups/grp/subscription",
            Some(&second.token),
            json!({ "rsvp_notices": "weekly" }),
        )
        .await;
    assert_eq!(
        (status, body["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("rsvp_notices"))
    );

    let meetup = create_meetup(
        &app,
        &owner.token,
        json!({ "title": "Apéro", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let id = meetup["id"].as_str().unwrap();
    app.post(
        &format!("/api/v1/meetups/{id}/talks"),
        Some(&member.token),
        json!({ "title": "Wagtail", "abstract": "CMS", "duration_minutes": 20 }),
    )
    .await;
    app.rsvp(id, &member.token, "yes").await;
    // The owner's own answer is not news to them; the second organiser will read it tomorrow.
    app.rsvp(id, &owner.token, "yes").await;
    let instant = deliver(&app, now()).await;
    let mails = sink.wait_for(instant.sent, WAIT).await;
    let owner_mails = to(&mails, "owner@example.org");
    // Besides the confirmation of their own answer.
    let subjects: Vec<_> = owner_mails
        .iter()
        .filter_map(|m| m.header("Subject"))
        .filter(|s| !s.starts_with("You're going"))
        .collect();
    assert_eq!(subjects.len(), 2, "{subjects:?}");
    assert!(subjects.iter().any(|s| s.contains("Wagtail")));
    assert!(
        subjects.iter().any(|s| s.contains("Member is going")),
        "{subjects:?}"
    );
    assert!(to(&mails, "second@example.org").is_empty(), "digest only");

    // At the next 08:00 in Paris (within a day), one digest lists the three events.
    let morning = now() + chrono::Duration::days(1);
    let first = deliver(&app, morning).await;
    assert_eq!(first.digests_queued, 1);
    let again = deliver(&app, morning + chrono::Duration::hours(1)).await;
    assert_eq!(again.digests_queued, 0, "once a day");
    let mails = sink.wait_for(mails.len() + 1, WAIT).await;
    let digest = to(&mails, "second@example.org").pop().unwrap();
    let body = text(&digest);
    assert!(digest.header("Subject").unwrap().contains("DjangAuvergne"));
    for event in ["Wagtail", "Member is going", "Owner is going"] {
        assert!(body.contains(event), "{event} in {body}");
    }
    assert!(digest.header("List-Unsubscribe").is_some());
    assert_well_formed(&mails);
    // Nothing happened since: no digest the day after.
    let later = deliver(&app, morning + chrono::Duration::days(1)).await;
    assert_eq!(later.digests_queued, 0);
}

on_both_backends_with!(organisers_choose_how_they_hear);

async fn organisers_write_from_the_pages(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    let owner = app.register("owner@example.org", "Owner").await;
    create_group(&app, &owner, "grp").await;
    let member = app.register("member@example.org", "Member").await;
    join(&app, &member).await;
    let meetup = create_meetup(
        &app,
        &owner.token,
        json!({ "title": "Salle 2", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let id = meetup["id"].as_str().unwrap();
    app.rsvp(id, &member.token, "yes").await;
    deliver(&app, now()).await;
    let before = sink.received().len();

    let organiser = app.new_browser();
    organiser.login("owner@example.org").await;
    let meetup_page = format!("/groups/grp/meetups/{id}");
    let write = format!("{meetup_page}/messages");
    let (_, html) = organiser.page(&meetup_page).await;
    assert!(
        html.contains(&format!("href=\"{write}\"")),
        "the meetup page offers it"
    );
    // Every fault at once, the draft kept.
    let response = organiser
        .submit_form(
            &write,
            &write,
            &[
                ("step", "preview"),
                ("audience", "going"),
                ("subject", " "),
                ("body", ""),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("href=\"#subject\"") && html.contains("href=\"#body\""));
    assert!(
        html.contains("<strong>Objet</strong>") && html.contains("<strong>Message</strong>"),
        "each summary item names its field"
    );
    // The preview says how many will get it, and sends nothing.
    let draft = [
        ("audience", "going"),
        ("subject", "Salle 2, 2e étage"),
        ("body", "Plan : https://example.org/plan"),
    ];
    let mut fields = draft.to_vec();
    fields.push(("step", "preview"));
    let response = organiser.submit_form(&write, &write, &fields).await;
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("1 membre"),
        "the group's language, one recipient"
    );
    assert!(html.contains("<a href=\"https://example.org/plan\""));
    assert_eq!(deliver(&app, now()).await.sent, 0);
    fields.pop();
    fields.push(("step", "send"));
    let response = organiser.submit_form(&write, &write, &fields).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = organiser.page(&write).await;
    assert!(html.contains("Salle 2, 2e étage"), "listed as sent");
    assert_eq!(deliver(&app, now()).await.sent, 1);
    let mails = sink.wait_for(before + 1, WAIT).await;
    assert_eq!(to(&mails[before..], "member@example.org").len(), 1);

    // The group page's "Write to members".
    let (_, html) = organiser.page("/groups/grp").await;
    assert!(html.contains("href=\"/groups/grp/messages\""));
    let browser = app.new_browser();
    browser.login("member@example.org").await;
    let (status, _) = browser.page("/groups/grp/messages").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "organisers only");

    // A member turns the group's messages off from /account.
    let (_, html) = browser.page("/account").await;
    assert!(html.contains("action=\"/account/groups/grp/mail\""));
    let response = browser
        .submit_form(
            "/account",
            "/account/groups/grp/mail",
            &[("announcements", "on")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, choice) = app
        .get("/api/v1/groups/grp/subscription", Some(&member.token))
        .await;
    assert_eq!(choice["messages"], false);
    assert_eq!(choice["announcements"], true);
}

on_both_backends_with!(organisers_write_from_the_pages);

/// Sending a message writes one job, not a mail per recipient: the worker writes the mails, a
/// batch at a time, to the message's recipients still in the group and taking its messages,
/// and resumes after a stop without sending anyone the message twice.
async fn messages_fan_out_in_the_worker(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    let owner = app.register("owner@example.org", "Owner").await;
    create_group(&app, &owner, "grp").await;
    let members = app.register_many(4, "reader").await;
    for m in &members {
        join(&app, m).await;
    }
    let (status, sent) = app
        .post(
            "/api/v1/groups/grp/messages",
            Some(&owner.token),
            json!({ "subject": "AG", "body": "Jeudi, 19 h." }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{sent}");
    assert_eq!(sent["recipients"], 5, "the organiser included");
    assert_eq!(
        outbox_count(&app, "organiser_message").await,
        0,
        "no mail written by the request"
    );
    let jobs = fanout_jobs(&app).await;
    assert_eq!(jobs.len(), 1);
    assert_eq!(jobs[0].kind, "organiser_message");

    // Before the worker runs: reader2 stops the group's messages, reader3 leaves, and someone
    // joins who was not a member when it was sent.
    set(&app, &members[2], json!({ "messages": false })).await;
    let (status, _) = app
        .delete("/api/v1/groups/grp/members/me", Some(&members[3].token))
        .await;
    assert!(status.is_success());
    let late = app.register("late@example.org", "Late").await;
    join(&app, &late).await;

    // A batch of two, a stop, then the rest.
    assert_eq!(expand_batches(&app, 2, 1).await, 2);
    let report = deliver(&app, now()).await;
    assert_eq!((report.fanned_out, report.sent), (1, 3), "{report:?}");
    let mails = sink.wait_for(3, WAIT).await;
    for email in [
        "owner@example.org",
        "reader0@example.org",
        "reader1@example.org",
    ] {
        let mine = to(&mails, email);
        assert_eq!(mine.len(), 1, "{email}");
        assert_eq!(
            mine[0].header("Subject").as_deref(),
            Some("[DjangAuvergne] AG")
        );
    }
    assert_well_formed(&mails);
    // Written again from the start: nobody gets it twice.
    rewind_fanouts(&app).await;
    let report = deliver(&app, now()).await;
    assert_eq!((report.fanned_out, report.sent), (0, 0), "{report:?}");
    assert_eq!(sink.received().len(), 3);
    // The list of what was sent still says to whom.
    let (_, list) = app
        .get("/api/v1/groups/grp/messages", Some(&members[0].token))
        .await;
    assert_eq!(list["messages"][0]["subject"], "AG");
    let (_, list) = app
        .get("/api/v1/groups/grp/messages", Some(&late.token))
        .await;
    assert_eq!(list["messages"], json!([]), "not sent to them");
}

on_both_backends_with!(messages_fan_out_in_the_worker);
