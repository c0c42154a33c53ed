//! Co-hosting: a meetup of one group shared with another once its organisers accept: on both
//! groups' pages, lists and calendars, announced once per person, one queue for both groups'
//! members, run by both groups' organisers, until a group leaves.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::groups::create_group;
use crate::helpers::{Backend, Registered, TestApp};
use crate::mail::{app_with_sink, deliver, now, to, WAIT};
use crate::smtp_sink::SmtpSink;
use crate::{on_both_backends, on_both_backends_with};

/// `grp` (owner A, "DjangAuvergne") and `py` (owner B, "PyClermont"), with `both` a member of
/// each, `onlya` of `grp` and `onlyb` of `py`.
struct Groups {
    a: Registered,
    b: Registered,
    both: Registered,
    onlya: Registered,
    onlyb: Registered,
}

async fn two_groups(app: &TestApp) -> Groups {
    let a = app.register("a@example.org", "Owner A").await;
    let b = app.register("b@example.org", "Owner B").await;
    create_group(app, &a, "grp").await;
    let (status, body) = app
        .post(
            "/api/v1/groups",
            Some(&b.token),
            json!({ "slug": "py", "name": "PyClermont", "timezone": "Europe/Paris", "locale": "en" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let both = app.register("both@example.org", "Both").await;
    let onlya = app.register("onlya@example.org", "Only A").await;
    let onlyb = app.register("onlyb@example.org", "Only B").await;
    for (who, slug) in [
        (&both, "grp"),
        (&both, "py"),
        (&onlya, "grp"),
        (&onlyb, "py"),
    ] {
        let (status, body) = app
            .post(
                &format!("/api/v1/groups/{slug}/members"),
                Some(&who.token),
                json!({}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    Groups {
        a,
        b,
        both,
        onlya,
        onlyb,
    }
}

async fn meetup_in_grp(app: &TestApp, owner: &Registered, input: Value) -> String {
    let (status, m) = app
        .post("/api/v1/groups/grp/meetups", Some(&owner.token), input)
        .await;
    assert_eq!(status, StatusCode::CREATED, "{m}");
    m["id"].as_str().unwrap().to_string()
}

async fn invite(app: &TestApp, token: &str, id: &str, slug: &str) -> (StatusCode, Value) {
    app.post(
        &format!("/api/v1/meetups/{id}/cohosts"),
        Some(token),
        json!({ "group_slug": slug }),
    )
    .await
}

async fn answer(app: &TestApp, token: &str, id: &str, verb: &str) -> (StatusCode, Value) {
    app.post(
        &format!("/api/v1/meetups/{id}/cohosts/py/{verb}"),
        Some(token),
        json!({}),
    )
    .await
}

async fn text(app: &TestApp, path: &str) -> String {
    app.api
        .get(app.url(path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

async fn a_member_of_both_groups_gets_one_announcement(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    let g = two_groups(&app).await;
    let id = meetup_in_grp(
        &app,
        &g.a,
        json!({ "title": "Apéro commun", "starts_at": "2030-12-03T19:00", "capacity": 30 }),
    )
    .await;
    // Only the meetup's own organisers may ask.
    for who in [&g.b, &g.onlya, &g.both] {
        assert_eq!(
            invite(&app, &who.token, &id, "py").await.0,
            StatusCode::FORBIDDEN
        );
    }
    let (status, err) = invite(&app, &g.a.token, &id, "grp").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
    assert_eq!(err["error"]["field"], "group_slug");
    let (status, err) = invite(&app, &g.a.token, &id, "nowhere").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
    // The co-host group's page and calendar, warmed in the cache before anything is accepted.
    let (page, feed, list, embed) = (
        "/groups/py",
        "/groups/py/calendar.ics",
        "/api/v1/groups/py/meetups",
        "/groups/py/upcoming.json",
    );
    for path in [page, feed, list, embed] {
        assert!(!text(&app, path).await.contains(&id), "{path}");
    }
    let (status, body) = invite(&app, &g.a.token, &id, "py").await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["cohosts"][0]["slug"], "py");
    assert_eq!(body["cohosts"][0]["status"], "pending");
    assert_eq!(
        invite(&app, &g.a.token, &id, "py").await.0,
        StatusCode::CONFLICT
    );
    // Pending: organisers see it, nobody else; no page lists the meetup under `py` yet.
    let meetup = format!("/api/v1/meetups/{id}");
    assert_eq!(app.get(&meetup, None).await.1["cohosts"], json!([]));
    assert_eq!(
        app.get(&meetup, Some(&g.onlyb.token)).await.1["cohosts"],
        json!([])
    );
    assert_eq!(
        app.get(&meetup, Some(&g.b.token)).await.1["cohosts"][0]["status"],
        "pending"
    );
    for path in [page, feed, list, embed] {
        assert!(
            !text(&app, path).await.contains(&id),
            "{path} before accepting"
        );
    }
    // B's organiser is mailed (text and HTML) with the page to answer on, and sees it there.
    deliver(&app, now()).await;
    let mails = sink.wait_for(1, WAIT).await;
    let asked = to(&mails, "b@example.org");
    assert_eq!(asked.len(), 1, "{asked:?}");
    let data = asked[0].data.replace("=\r\n", "");
    assert!(data.contains("text/plain") && data.contains("text/html"));
    assert!(data.contains("/groups/py/cohosts"), "{data}");
    let browser = app.new_browser();
    browser.login("b@example.org").await;
    let (status, html) = browser.page("/groups/py/cohosts").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Apéro commun"), "{html}");
    let member = app.new_browser();
    member.login("onlyb@example.org").await;
    assert_eq!(
        member.page("/groups/py/cohosts").await.0,
        StatusCode::FORBIDDEN
    );

    // Only B's organisers answer.
    for who in [&g.a, &g.onlyb, &g.both] {
        assert_eq!(
            answer(&app, &who.token, &id, "accept").await.0,
            StatusCode::FORBIDDEN
        );
    }
    let (status, body) = answer(&app, &g.b.token, &id, "accept").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["cohosts"][0]["status"], "accepted");
    assert_eq!(
        answer(&app, &g.b.token, &id, "decline").await.0,
        StatusCode::CONFLICT
    );
    assert_eq!(
        app.get(&meetup, None).await.1["cohosts"],
        json!([{ "slug": "py", "name": "PyClermont", "status": "accepted" }])
    );
    // Never stale: the cached page, calendar and list show it at once.
    for path in [page, feed, list, embed] {
        assert!(
            text(&app, path).await.contains(&id),
            "{path} after accepting"
        );
    }
    assert!(text(&app, page).await.contains("Apéro commun"));

    // Everyone in either group is told once, whichever group they are in.
    deliver(&app, now()).await;
    deliver(&app, now()).await;
    let mails = sink.wait_for(6, WAIT).await;
    for who in [
        "a@example.org",
        "b@example.org",
        "both@example.org",
        "onlya@example.org",
        "onlyb@example.org",
    ] {
        let got: Vec<String> = to(&mails, who)
            .iter()
            .filter_map(|m| m.header("Subject"))
            .filter(|s| s.starts_with("New meetup") || s.starts_with("Nouvelle"))
            .collect();
        assert_eq!(got.len(), 1, "{who}: {got:?}");
    }
    // B's member is told as a member of PyClermont, and its link stops PyClermont's
    // announcements (not A's, where they are not a member).
    let theirs = to(&mails, "onlyb@example.org");
    let announcement = theirs
        .iter()
        .find(|m| {
            m.header("Subject")
                .is_some_and(|s| s.starts_with("New meetup"))
        })
        .unwrap();
    let data = announcement.data.replace("=\r\n", "");
    assert!(data.contains("member of PyClermont and"), "{data}");
    let unsubscribe = announcement
        .header("List-Unsubscribe")
        .expect("an unsubscribe link");
    let url = unsubscribe.trim_matches(|c| c == '<' || c == '>');
    let path = url.strip_prefix("http://rendezvous.test").unwrap();
    let response = app
        .api
        .post(app.url(path))
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let (_, subscription) = app
        .get("/api/v1/groups/py/subscription", Some(&g.onlyb.token))
        .await;
    assert_eq!(subscription["announcements"], false, "{subscription}");

    // Leaving takes it off B's page and calendar, at once.
    assert_eq!(
        app.delete(
            &format!("/api/v1/meetups/{id}/cohosts/py"),
            Some(&g.onlyb.token)
        )
        .await
        .0,
        StatusCode::FORBIDDEN
    );
    let (status, _) = app
        .delete(
            &format!("/api/v1/meetups/{id}/cohosts/py"),
            Some(&g.b.token),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    for path in [page, feed, list, embed] {
        assert!(
            !text(&app, path).await.contains(&id),
            "{path} after leaving"
        );
    }
    assert_eq!(app.get(&meetup, None).await.1["cohosts"], json!([]));
    // Still on its own group's page.
    assert!(text(&app, "/groups/grp").await.contains(&id));
}

async fn three_racing_answers_from_both_groups_share_the_last_seat(app: TestApp) {
    let g = two_groups(&app).await;
    let id = meetup_in_grp(
        &app,
        &g.a,
        json!({ "title": "Petit comité", "starts_at": "2030-12-03T19:00", "capacity": 1, "announce": false }),
    )
    .await;
    invite(&app, &g.a.token, &id, "py").await;
    // B's organiser cannot see the attendees nor write to them before accepting.
    let csv = format!("/api/v1/meetups/{id}/attendees.csv");
    assert_eq!(
        app.get(&csv, Some(&g.b.token)).await.0,
        StatusCode::FORBIDDEN
    );
    let (status, body) = answer(&app, &g.b.token, &id, "accept").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (x, y, z) = tokio::join!(
        app.rsvp(&id, &g.onlya.token, "yes"),
        app.rsvp(&id, &g.onlyb.token, "yes"),
        app.rsvp(&id, &g.both.token, "yes"),
    );
    let mut statuses: Vec<String> = [x, y, z]
        .into_iter()
        .map(|(code, body)| {
            assert_eq!(code, StatusCode::OK, "{body}");
            body["status"].as_str().unwrap().to_string()
        })
        .collect();
    statuses.sort();
    assert_eq!(statuses, ["going", "waitlisted", "waitlisted"]);
    let (_, m) = app.get(&format!("/api/v1/meetups/{id}"), None).await;
    assert_eq!(
        (m["going_count"].as_i64(), m["waitlist_count"].as_i64()),
        (Some(1), Some(2))
    );
    // B's member answered without joining the meetup's own group.
    assert_eq!(
        app.get("/api/v1/groups/grp/subscription", Some(&g.onlyb.token))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    // B's organiser now runs the meetup with A's: the attendees, and a message to them.
    assert_eq!(app.get(&csv, Some(&g.b.token)).await.0, StatusCode::OK);
    assert_eq!(
        app.get(&csv, Some(&g.onlyb.token)).await.0,
        StatusCode::FORBIDDEN
    );
    let (status, body) = app
        .post(
            &format!("/api/v1/meetups/{id}/messages"),
            Some(&g.b.token),
            json!({ "audience": "going", "subject": "Salle", "body": "Deuxième étage." }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    // Declining is no more possible; a third group's organiser has no say.
    let c = app.register("c@example.org", "Owner C").await;
    assert_eq!(
        app.delete(&format!("/api/v1/meetups/{id}/cohosts/py"), Some(&c.token))
            .await
            .0,
        StatusCode::FORBIDDEN
    );
}

/// The mails to `email` whose subject names `subject`.
fn mails_about(mails: &[crate::smtp_sink::ReceivedMail], email: &str, subject: &str) -> usize {
    to(mails, email)
        .iter()
        .filter(|m| m.header("Subject").is_some_and(|s| s.contains(subject)))
        .count()
}

async fn both_groups_organisers_reach_every_attendee_once(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    let g = two_groups(&app).await;
    // `quiet` belongs to `py` only and takes none of its messages.
    let quiet = app.register("quiet@example.org", "Quiet").await;
    app.post("/api/v1/groups/py/members", Some(&quiet.token), json!({}))
        .await;
    let (status, body) = app
        .put(
            "/api/v1/groups/py/subscription",
            Some(&quiet.token),
            json!({ "messages": false }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let id = meetup_in_grp(
        &app,
        &g.a,
        json!({ "title": "Soirée commune", "starts_at": "2030-12-03T19:00", "capacity": 30, "announce": false }),
    )
    .await;
    invite(&app, &g.a.token, &id, "py").await;
    let (status, body) = answer(&app, &g.b.token, &id, "accept").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    for who in [&g.onlya, &g.onlyb, &g.both, &quiet] {
        let (status, body) = app.rsvp(&id, &who.token, "yes").await;
        assert_eq!(
            (status, body["status"].as_str()),
            (StatusCode::OK, Some("going"))
        );
    }
    // B's member answered without joining A's group: only B's membership says they may be
    // written to.
    assert_eq!(
        app.get("/api/v1/groups/grp/subscription", Some(&g.onlyb.token))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    let messages = format!("/api/v1/meetups/{id}/messages");
    let (status, sent) = app
        .post(
            &messages,
            Some(&g.b.token),
            json!({ "audience": "going", "subject": "Salle B12", "body": "Deuxième étage." }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{sent}");
    // Only A, Only B and Both: each once; Quiet turned B's messages off.
    assert_eq!(sent["recipients"], 3, "{sent}");
    let (status, sent) = app
        .post(
            &messages,
            Some(&g.a.token),
            json!({ "audience": "going", "subject": "Code acces", "body": "4512." }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{sent}");
    assert_eq!(sent["recipients"], 3, "{sent}");
    // Writing is for organisers of either group only.
    for who in [&g.onlyb, &g.both] {
        let (status, _) = app
            .post(
                &messages,
                Some(&who.token),
                json!({ "audience": "going", "subject": "Non", "body": "Non." }),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
    deliver(&app, now()).await;
    deliver(&app, now()).await;
    let mails = sink.wait_for(6, WAIT).await;
    for subject in ["Salle B12", "Code acces"] {
        for who in ["onlya@example.org", "onlyb@example.org", "both@example.org"] {
            assert_eq!(mails_about(&mails, who, subject), 1, "{who}: {subject}");
        }
        assert_eq!(mails_about(&mails, "quiet@example.org", subject), 0);
    }
    // Only B is told it is because of PyClermont, the group whose messages its link stops.
    let message_to = |email: &str| {
        let theirs = to(&mails, email);
        let mail = theirs
            .iter()
            .find(|m| m.header("Subject").is_some_and(|s| s.contains("Salle B12")))
            .unwrap();
        mail.data.replace("=\r\n", "")
    };
    let data = message_to("onlyb@example.org");
    assert!(data.contains("member of PyClermont and"), "{data}");
    let data = message_to("onlya@example.org");
    assert!(data.contains("member of DjangAuvergne and"), "{data}");
    let data = message_to("both@example.org");
    assert!(data.contains("member of DjangAuvergne and"), "{data}");

    // B's organiser writes from the page too; B's members do not.
    let page = format!("/groups/grp/meetups/{id}/messages");
    let organiser = app.new_browser();
    organiser.login("b@example.org").await;
    assert_eq!(organiser.page(&page).await.0, StatusCode::OK);
    let member = app.new_browser();
    member.login("onlyb@example.org").await;
    assert_eq!(member.page(&page).await.0, StatusCode::FORBIDDEN);
    // And they run the door: its list (with addresses, as organisers) and the sign-in sheet.
    for (door, shows) in [
        ("checkin", "onlyb@example.org"),
        ("sign-in-sheet", "Only B"),
    ] {
        let door = format!("/groups/grp/meetups/{id}/{door}");
        let (status, html) = organiser.page(&door).await;
        assert_eq!(status, StatusCode::OK, "{door}");
        assert!(html.contains(shows), "{door}: {html}");
        assert_eq!(member.page(&door).await.0, StatusCode::FORBIDDEN, "{door}");
    }

    // Once B left, its members who are not A's are no longer written to.
    let (status, _) = app
        .delete(
            &format!("/api/v1/meetups/{id}/cohosts/py"),
            Some(&g.b.token),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, sent) = app
        .post(
            &messages,
            Some(&g.a.token),
            json!({ "audience": "going", "subject": "Rappel", "body": "À ce soir." }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{sent}");
    assert_eq!(sent["recipients"], 2, "{sent}");
    let (status, _) = app
        .post(
            &messages,
            Some(&g.b.token),
            json!({ "audience": "going", "subject": "Non", "body": "Non." }),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let door = format!("/groups/grp/meetups/{id}/checkin");
    assert_eq!(organiser.page(&door).await.0, StatusCode::FORBIDDEN);
}

async fn organisers_ask_and_leave_co_hosting_through_the_forms(app: TestApp) {
    let g = two_groups(&app).await;
    let id = meetup_in_grp(
        &app,
        &g.a,
        json!({ "title": "Atelier commun", "starts_at": "2030-12-03T19:00", "announce": false }),
    )
    .await;
    let meetup_page = format!("/groups/grp/meetups/{id}");
    let form = format!("{meetup_page}/cohosts");
    let a = app.new_browser();
    a.login("a@example.org").await;
    // The organisers' link, and the page with the other groups to ask (not its own).
    let (_, html) = a.page(&meetup_page).await;
    assert!(html.contains(&format!("href=\"{form}\"")), "{html}");
    let (status, html) = a.page(&form).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("<option value=\"py\">PyClermont</option>"),
        "{html}"
    );
    assert!(!html.contains("<option value=\"grp\""), "{html}");
    // The public page, cached before anything is accepted, names no co-host.
    assert!(!text(&app, &meetup_page).await.contains("Co-organisé avec"));

    // Refusals come back as the form, the reason beside the field.
    let refused = a
        .submit_form(&form, &form, &[("group_slug", "nowhere")])
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text().await.unwrap();
    assert!(html.contains("Aucun groupe n’a cette adresse."), "{html}");
    assert!(html.contains("id=\"group_slug-error\""), "{html}");
    let asked = a.submit_form(&form, &form, &[("group_slug", "py")]).await;
    assert_eq!(asked.status(), StatusCode::SEE_OTHER);
    assert_eq!(asked.headers()["location"], form.as_str());
    let (_, html) = a.page(&form).await;
    assert!(html.contains("PyClermont a été invité"), "{html}");
    assert!(html.contains("Invité, réponse en attente"), "{html}");
    assert!(html.contains(&format!("{form}/py/withdraw")), "{html}");
    let again = a.submit_form(&form, &form, &[("group_slug", "py")]).await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.text().await.unwrap().contains("déjà été invité"));

    // Only the meetup's own organisers use it.
    let b = app.new_browser();
    b.login("b@example.org").await;
    assert_eq!(b.page(&form).await.0, StatusCode::FORBIDDEN);
    let refused = b
        .submit_form("/groups/py/cohosts", &format!("{form}/py/withdraw"), &[])
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);

    // B accepts on its page; the meetup shows there, to leave, and the public page names B.
    let accepted = b
        .submit_form(
            "/groups/py/cohosts",
            &format!("/groups/py/cohosts/{id}/accept"),
            &[],
        )
        .await;
    assert_eq!(accepted.status(), StatusCode::SEE_OTHER);
    let (_, html) = b.page("/groups/py/cohosts").await;
    assert!(html.contains("Atelier commun"), "{html}");
    let leave = format!("/groups/py/cohosts/{id}/leave");
    assert!(html.contains(&leave), "{html}");
    let public = text(&app, &meetup_page).await;
    assert!(public.contains("Co-organisé avec"), "{public}");
    assert!(public.contains("href=\"/groups/py\""), "{public}");
    let english = text(&app, &format!("{meetup_page}?lang=en")).await;
    assert!(english.contains("Co-hosted with"), "{english}");
    // B's organiser writes to the participants from the meetup's page.
    let (_, html) = b.page(&meetup_page).await;
    assert!(html.contains(&format!("{meetup_page}/messages")), "{html}");
    let (_, html) = a.page(&form).await;
    assert!(html.contains(&format!("{form}/py/withdraw")), "{html}");

    // A member of B cannot leave for B; B's organiser can.
    let member = app.new_browser();
    member.login("onlyb@example.org").await;
    let refused = member.submit_form("/account", &leave, &[]).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let left = b.submit_form("/groups/py/cohosts", &leave, &[]).await;
    assert_eq!(left.status(), StatusCode::SEE_OTHER);
    assert_eq!(left.headers()["location"], "/groups/py/cohosts");
    let (_, html) = b.page("/groups/py/cohosts").await;
    assert!(html.contains("no longer co-hosts this meetup"), "{html}");
    assert!(!html.contains(&leave), "{html}");
    assert!(!text(&app, &meetup_page).await.contains("Co-organisé avec"));

    // Asked again, then withdrawn by A.
    let asked = a.submit_form(&form, &form, &[("group_slug", "py")]).await;
    assert_eq!(asked.status(), StatusCode::SEE_OTHER);
    let withdrawn = a
        .submit_form(&form, &format!("{form}/py/withdraw"), &[])
        .await;
    assert_eq!(withdrawn.status(), StatusCode::SEE_OTHER);
    let (status, m) = app
        .get(&format!("/api/v1/meetups/{id}"), Some(&g.a.token))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(m["cohosts"], json!([]));
    let (_, html) = a.page(&form).await;
    assert!(
        html.contains("Aucun groupe n’a encore été invité."),
        "{html}"
    );
}

on_both_backends_with!(a_member_of_both_groups_gets_one_announcement);
on_both_backends_with!(both_groups_organisers_reach_every_attendee_once);
on_both_backends!(organisers_ask_and_leave_co_hosting_through_the_forms);
on_both_backends!(three_racing_answers_from_both_groups_share_the_last_seat);
