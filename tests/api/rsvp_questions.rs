//! RSVP questions with consent per answer, and the host link: a required "Name on your ID"
//! shared with the host, an optional "Dietary needs" kept for the organisers.

use chrono::{Duration, Utc};
use rendezvous::domain::ids::{MeetupId, UserId};
use rendezvous::mail::answer_links::{AnswerLink, LinkAction};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::groups::create_group;
use crate::helpers::{Registered, TestApp};
use crate::mail::deliver;
use crate::meetups::create_meetup;
use crate::on_both_backends;

struct Fixture {
    owner: Registered,
    meetup: String,
    id_question: String,
    diet_question: String,
}

async fn meetup_with_questions(app: &TestApp) -> Fixture {
    let owner = app.register("owner@example.org", "Owner").await;
    create_group(app, &owner, "grp").await;
    let meetup = create_meetup(
        app,
        &owner.token,
        json!({ "title": "Chez l'hôte", "starts_at": "2030-12-03T19:00", "capacity": 20 }),
    )
    .await;
    let id = meetup["id"].as_str().unwrap().to_string();
    let (status, questions) = app
        .put(
            &format!("/api/v1/meetups/{id}/questions"),
            Some(&owner.token),
            json!([
                { "label": "Name on your ID", "kind": "text", "required": true, "share_with_host": true },
                { "label": "Dietary needs", "kind": "choice", "options": ["none", "vegetarian", "vegan"],
                  "required": false, "share_with_host": false }
            ]),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{questions}");
    assert_eq!(questions.as_array().unwrap().len(), 2);
    assert_eq!(questions[0]["label"], "Name on your ID");
    Fixture {
        owner,
        meetup: id,
        id_question: questions[0]["id"].as_str().unwrap().to_string(),
        diet_question: questions[1]["id"].as_str().unwrap().to_string(),
    }
}

async fn rsvp(app: &TestApp, f: &Fixture, who: &Registered, body: Value) -> (StatusCode, Value) {
    app.put(
        &format!("/api/v1/meetups/{}/rsvp", f.meetup),
        Some(&who.token),
        body,
    )
    .await
}

/// The host link's URL as a path on the test server.
fn local(url: &str) -> String {
    let start = url.find("/host/").expect("a host link");
    url[start..].to_string()
}

async fn questions_answers_and_the_host_link(app: TestApp) {
    let f = meetup_with_questions(&app).await;
    let ann = app.register("ann@example.org", "Ann Member").await;
    let bob = app.register("bob@example.org", "Bob Member").await;
    let cy = app.register("cy@example.org", "Cy Member").await;

    // Questions are organisers' business.
    let (status, _) = app
        .put(
            &format!("/api/v1/meetups/{}/questions", f.meetup),
            Some(&ann.token),
            json!([]),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, listed) = app
        .get(&format!("/api/v1/meetups/{}/questions", f.meetup), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(listed[1]["options"], json!(["none", "vegetarian", "vegan"]));

    // "Yes" without the required answer: 422 naming it, and no seat taken.
    let id_field = format!("answers.{}", f.id_question);
    let (status, body) = rsvp(
        &app,
        &f,
        &ann,
        json!({ "answer": "yes", "answers": { &f.diet_question: "vegan" } }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["field"], id_field.as_str());
    let (status, _) = app
        .get(
            &format!("/api/v1/meetups/{}/rsvp", f.meetup),
            Some(&ann.token),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // An option the question does not offer.
    let (status, body) = rsvp(
        &app,
        &f,
        &ann,
        json!({ "answer": "yes", "answers": { &f.id_question: "Ann Lee", &f.diet_question: "meat" } }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(
        body["error"]["field"],
        format!("answers.{}", f.diet_question).as_str()
    );

    // Ann answers both and shares her ID name; Bob withholds his; Cy says nothing more.
    let (status, body) = rsvp(
        &app,
        &f,
        &ann,
        json!({ "answer": "yes", "answers": { &f.id_question: "Ann Lee", &f.diet_question: "vegan" } }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["status"], "going");
    let (status, body) = rsvp(
        &app,
        &f,
        &bob,
        json!({ "answer": "yes", "answers": { &f.id_question: "Robert Secret" },
                "withheld": [&f.id_question] }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = rsvp(
        &app,
        &f,
        &cy,
        json!({ "answer": "yes", "answers": { &f.id_question: "Cy Young" } }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // Changing guests later keeps the answers given.
    let (status, body) = rsvp(&app, &f, &cy, json!({ "answer": "yes", "guests": 1 })).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, own) = app
        .get(
            &format!("/api/v1/meetups/{}/rsvp", f.meetup),
            Some(&bob.token),
        )
        .await;
    assert_eq!(own["answers"][&f.id_question], "Robert Secret");
    assert_eq!(own["withheld"], json!([&f.id_question]));

    // The organisers' CSV has every answer, the dietary one included.
    let csv = app
        .api
        .get(app.url(&format!("/api/v1/meetups/{}/attendees.csv", f.meetup)))
        .bearer_auth(&f.owner.token)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        csv.lines().next().unwrap().contains("Dietary needs"),
        "{csv}"
    );
    assert!(
        csv.contains("vegan") && csv.contains("Robert Secret"),
        "{csv}"
    );

    // Cy keeps out of lists; the host's list names everyone going all the same (a security
    // desk admits only the names it was given).
    let (status, body) = app
        .patch(
            "/api/v1/me",
            Some(&cy.token),
            json!({ "hide_from_lists": true }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // The host link: members may not make one.
    let link_path = format!("/api/v1/meetups/{}/host-link", f.meetup);
    let (status, _) = app.post(&link_path, Some(&ann.token), json!({})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, link) = app.post(&link_path, Some(&f.owner.token), json!({})).await;
    assert_eq!(status, StatusCode::CREATED, "{link}");
    assert_eq!(link["expires_at"], "2030-12-03T20:00:00Z");
    let host = local(link["url"].as_str().unwrap());
    let (status, page) = app.page(&host).await;
    assert_eq!(status, StatusCode::OK);
    for shown in [
        "Ann Member",
        "Bob Member",
        "Cy Member",
        "Ann Lee",
        "Cy Young",
    ] {
        assert!(page.contains(shown), "{shown} missing from the host page");
    }
    assert!(page.contains("Name on your ID"));
    assert!(
        page.contains("non partagé"),
        "Bob's withheld answer says so"
    );
    for hidden in ["Robert Secret", "vegan", "Dietary needs", "@example.org"] {
        assert!(!page.contains(hidden), "{hidden} leaked to the host page");
    }
    for csv_path in [format!("{host}.csv"), format!("{host}?format=csv")] {
        let response = app.api.get(app.url(&csv_path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let csv = response.text().await.unwrap();
        assert!(
            csv.contains("Ann Lee") && csv.contains("non partagé"),
            "{csv}"
        );
        assert!(
            !csv.contains("vegan") && !csv.contains("Robert Secret") && !csv.contains("Dietary"),
            "{csv}"
        );
    }
    // Revoked: 404, page and CSV alike; revoking twice is 404 too.
    let (status, _) = app.delete(&link_path, Some(&f.owner.token)).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(app.page(&host).await.0, StatusCode::NOT_FOUND);
    assert_eq!(
        app.page(&format!("{host}.csv")).await.0,
        StatusCode::NOT_FOUND
    );
    let (status, _) = app.delete(&link_path, Some(&f.owner.token)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn answers_are_exported_then_purged_after_the_meetup(app: TestApp) {
    let f = meetup_with_questions(&app).await;
    let ann = app.register("ann@example.org", "Ann Member").await;
    let (status, body) = rsvp(
        &app,
        &f,
        &ann,
        json!({ "answer": "yes", "answers": { &f.id_question: "Ann Lee", &f.diet_question: "vegetarian" },
                "withheld": [&f.id_question] }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, export) = app.get("/api/v1/me/export", Some(&ann.token)).await;
    let answers = export["rsvp_answers"].as_array().unwrap();
    assert_eq!(answers.len(), 2, "{export}");
    let id_answer = answers
        .iter()
        .find(|a| a["question"] == "Name on your ID")
        .unwrap();
    assert_eq!(id_answer["value"], "Ann Lee");
    assert_eq!(id_answer["withheld"], true);

    // The meetup ends 2030-12-03T20:00Z: kept 30 days after, gone then.
    let end = chrono::NaiveDate::from_ymd_opt(2030, 12, 3)
        .unwrap()
        .and_hms_opt(20, 0, 0)
        .unwrap();
    assert_eq!(
        deliver(&app, end + Duration::days(29)).await.answers_purged,
        0
    );
    let (_, export) = app.get("/api/v1/me/export", Some(&ann.token)).await;
    assert_eq!(export["rsvp_answers"].as_array().unwrap().len(), 2);
    assert_eq!(
        deliver(&app, end + Duration::days(31)).await.answers_purged,
        2
    );
    let (_, export) = app.get("/api/v1/me/export", Some(&ann.token)).await;
    assert_eq!(export["rsvp_answers"], json!([]), "{export}");
    // The RSVP itself stays (history), without its answers.
    let (_, own) = app
        .get(
            &format!("/api/v1/meetups/{}/rsvp", f.meetup),
            Some(&ann.token),
        )
        .await;
    assert_eq!(own["status"], "going");
    assert_eq!(own["answers"], json!({}));
}

async fn group_defaults_are_copied_to_new_meetups(app: TestApp) {
    let owner = app.register("owner@example.org", "Owner").await;
    create_group(&app, &owner, "grp").await;
    let (status, set) = app
        .put(
            "/api/v1/groups/grp/questions",
            Some(&owner.token),
            json!([{ "label": "Name on your ID", "kind": "text", "required": true, "share_with_host": true }]),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{set}");
    let (status, bad) = app
        .put(
            "/api/v1/groups/grp/questions",
            Some(&owner.token),
            json!([{ "label": "Pick", "kind": "choice", "options": [] }]),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad["error"]["field"], "options");
    let meetup = create_meetup(
        &app,
        &owner.token,
        json!({ "title": "Next", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let (_, asked) = app
        .get(
            &format!(
                "/api/v1/meetups/{}/questions",
                meetup["id"].as_str().unwrap()
            ),
            None,
        )
        .await;
    assert_eq!(asked[0]["label"], "Name on your ID");
    assert_eq!(asked[0]["required"], true);
    // A copy: its own id.
    assert_ne!(asked[0]["id"], set[0]["id"]);
}

/// Leaving the account takes the answers with it.
async fn answers_leave_with_the_account(app: TestApp) {
    let f = meetup_with_questions(&app).await;
    let ann = app.register("ann@example.org", "Ann Member").await;
    let (status, _) = rsvp(
        &app,
        &f,
        &ann,
        json!({ "answer": "yes", "answers": { &f.id_question: "Ann Lee" } }),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = app
        .send(
            reqwest::Method::DELETE,
            "/api/v1/me",
            Some(&ann.token),
            Some(json!({ "password": "correct horse battery" })),
        )
        .await;
    assert!(status.is_success(), "{status} {body}");
    let csv = app
        .api
        .get(app.url(&format!("/api/v1/meetups/{}/attendees.csv", f.meetup)))
        .bearer_auth(&f.owner.token)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!csv.contains("Ann Lee"), "{csv}");
}

/// The meetup page's RSVP form asks the questions, says which answer is shared with a box to
/// withhold it, and shows what was sent again with the fault beside its field.
async fn the_rsvp_form_asks_the_questions(app: TestApp) {
    let f = meetup_with_questions(&app).await;
    app.register("ann@example.org", "Ann Member").await;
    let ann = app.new_browser();
    ann.login("ann@example.org").await;
    let page_path = format!("/groups/grp/meetups/{}", f.meetup);
    let (_, html) = ann.page(&page_path).await;
    assert!(html.contains("Name on your ID") && html.contains("Dietary needs"));
    assert!(html.contains("Partagée avec l\u{2019}hôte") || html.contains("Partagée avec l'hôte"));
    assert!(html.contains(&format!("name=\"withhold.{}\"", f.id_question)));
    assert!(!html.contains(&format!("name=\"withhold.{}\"", f.diet_question)));
    let action = format!("{page_path}/rsvp");
    let (q_id, q_diet) = (
        format!("q.{}", f.id_question),
        format!("q.{}", f.diet_question),
    );
    let response = ann
        .submit_form(
            &page_path,
            &action,
            &[
                ("answer", "yes"),
                ("questions", "1"),
                (&q_id, ""),
                (&q_diet, "vegan"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = ann.page(&page_path).await;
    assert!(
        html.contains("Merci de répondre à cette question"),
        "fault shown"
    );
    assert!(
        html.contains("<option value=\"vegan\" selected>"),
        "input kept"
    );
    let response = ann
        .submit_form(
            &page_path,
            &action,
            &[
                ("answer", "yes"),
                ("questions", "1"),
                (&q_id, "Ann Lee"),
                (&q_diet, "vegan"),
                (&format!("withhold.{}", f.id_question), "1"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = ann.page(&page_path).await;
    assert!(html.contains("value=\"Ann Lee\""), "answer shown back");
    // The organisers' page of questions and host link.
    let owner = app.new_browser();
    owner.login("owner@example.org").await;
    let (status, html) = owner.page(&format!("{page_path}/questions")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Name on your ID"));
    let response = owner
        .submit_form(
            &format!("{page_path}/questions"),
            &format!("{page_path}/host-link"),
            &[("action", "create")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.unwrap();
    let start = html.find("/host/").unwrap();
    let token: String = html[start + 6..]
        .chars()
        .take_while(|c| c.is_ascii_hexdigit())
        .collect();
    let (status, host) = app.page(&format!("/host/{token}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(host.contains("Ann Member") && host.contains("non partagé"));
    assert!(!host.contains("Ann Lee") && !host.contains("vegan"));
}

/// The `<tr>` of the table row naming `name`.
fn row_of<'a>(html: &'a str, name: &str) -> &'a str {
    html.split("<tr>")
        .find(|row| row.contains(name))
        .unwrap_or_else(|| panic!("no row for {name}"))
}

/// The organisers' printable sign-in sheet has a column per question and every answer, withheld
/// ones included, as the organisers' CSV; a door helper's sheet has the names only. One read.
async fn the_sign_in_sheet_has_the_answers_for_organisers(app: TestApp) {
    let f = meetup_with_questions(&app).await;
    let ann = app.register("ann@example.org", "Ann Member").await;
    let bob = app.register("bob@example.org", "Bob Member").await;
    let helper = app.register("helper@example.org", "Door Helper").await;
    let (status, body) = rsvp(
        &app,
        &f,
        &ann,
        json!({ "answer": "yes", "answers": { &f.id_question: "Ann Lee", &f.diet_question: "vegan" } }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = rsvp(
        &app,
        &f,
        &bob,
        json!({ "answer": "yes", "answers": { &f.id_question: "Robert Secret" },
                "withheld": [&f.id_question] }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    app.post("/api/v1/groups/grp/members", Some(&helper.token), json!({}))
        .await;
    let (status, _) = app
        .put(
            &format!("/api/v1/groups/grp/members/{}", helper.id),
            Some(&f.owner.token),
            json!({ "role": "helper" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);

    let sheet = format!("/groups/grp/meetups/{}/sign-in-sheet", f.meetup);
    let owner = app.new_browser();
    owner.login("owner@example.org").await;
    let (status, html) = owner.page(&sheet).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("<th scope=\"col\">Name on your ID</th><th scope=\"col\">Dietary needs</th>"),
        "a column per question, in order"
    );
    assert!(
        row_of(&html, "Ann Member").contains("<td>Ann Lee</td><td>vegan</td>"),
        "{html}"
    );
    assert!(
        row_of(&html, "Bob Member").contains("<td>Robert Secret</td><td></td>"),
        "a withheld answer is the organisers' to see"
    );
    // The viewer with its roles, then the sheet's one read, answers and all.
    assert_eq!(
        app.checkouts_for(owner.client.get(app.url(&sheet))).await,
        2
    );

    // A door helper ticks names: no answers on their sheet.
    let door = app.new_browser();
    door.login("helper@example.org").await;
    let (status, html) = door.page(&sheet).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Ann Member") && html.contains("Bob Member"));
    for hidden in [
        "Name on your ID",
        "Dietary needs",
        "Ann Lee",
        "vegan",
        "Robert Secret",
    ] {
        assert!(!html.contains(hidden), "{hidden} on a door helper's sheet");
    }
}

/// A one-click "I'm going" from a mail, on a meetup with a required question not answered yet,
/// opens the meetup's RSVP form instead of answering blind: neither opening the link nor
/// confirming it records an RSVP; the form sent with the answer does, and the link answers
/// once the question has been.
async fn a_one_click_going_opens_the_form_for_a_required_question(app: TestApp) {
    let f = meetup_with_questions(&app).await;
    let ann = app.register("ann@example.org", "Ann Member").await;
    let link = format!(
        "/r/{}",
        AnswerLink {
            meetup_id: MeetupId::from(f.meetup.as_str()),
            user_id: UserId::from(ann.id.as_str()),
            action: LinkAction::Going,
            expires: (Utc::now() + Duration::days(30)).naive_utc(),
        }
        .sign(&app.settings.secret_key)
    );
    let page_path = format!("/groups/grp/meetups/{}", f.meetup);
    let own_rsvp = format!("/api/v1/meetups/{}/rsvp", f.meetup);
    let browser = app.new_browser();
    browser.login("ann@example.org").await;
    let location = |r: &reqwest::Response| {
        r.headers()
            .get("location")
            .map(|l| l.to_str().unwrap().to_string())
    };

    // Opened (a click in the mail): the meetup's form, at its RSVP section.
    let opened = browser.client.get(browser.url(&link)).send().await.unwrap();
    assert_eq!(opened.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&opened), Some(format!("{page_path}#rsvp")));
    assert_eq!(
        app.get(&own_rsvp, Some(&ann.token)).await.0,
        StatusCode::NOT_FOUND
    );
    // Confirmed without opening (a page kept open from before): the form too, nothing answered.
    let confirmed = browser.submit_form(&page_path, &link, &[]).await;
    assert_eq!(confirmed.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&confirmed), Some(format!("{page_path}#rsvp")));
    assert_eq!(
        app.get(&own_rsvp, Some(&ann.token)).await.0,
        StatusCode::NOT_FOUND
    );
    let (_, html) = browser.page(&page_path).await;
    assert!(html.contains(&format!("name=\"q.{}\"", f.id_question)));

    // The form sent with the answer: going, with it.
    let response = browser
        .submit_form(
            &page_path,
            &format!("{page_path}/rsvp"),
            &[
                ("answer", "yes"),
                ("questions", "1"),
                (&format!("q.{}", f.id_question), "Ann Lee"),
                (&format!("q.{}", f.diet_question), ""),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (status, own) = app.get(&own_rsvp, Some(&ann.token)).await;
    assert_eq!(status, StatusCode::OK, "{own}");
    assert_eq!(own["status"], "going");
    assert_eq!(own["answers"][&f.id_question], "Ann Lee");
    // Answered: the same link now asks to confirm, as for any meetup.
    let (status, _) = browser.page(&link).await;
    assert_eq!(status, StatusCode::OK);
}

on_both_backends!(
    the_rsvp_form_asks_the_questions,
    a_one_click_going_opens_the_form_for_a_required_question,
    the_sign_in_sheet_has_the_answers_for_organisers,
    questions_answers_and_the_host_link,
    answers_are_exported_then_purged_after_the_meetup,
    group_defaults_are_copied_to_new_meetups,
    answers_leave_with_the_account,
);
