//! Polls without the API: organisers open and close them with HTML forms, and members answer
//! a date in one click from the announcement.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{Backend, Registered, TestApp};
use crate::mail::{app_with_sink, deliver, now, to, WAIT};
use crate::polls::{group_with_members, option_ids};
use crate::smtp_sink::SmtpSink;
use crate::{on_both_backends, on_both_backends_with};

fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

async fn poll_as(app: &TestApp, id: &str, who: &Registered) -> Value {
    let (status, poll) = app
        .get(&format!("/api/v1/polls/{id}"), Some(&who.token))
        .await;
    assert_eq!(status, StatusCode::OK, "{poll}");
    poll
}

async fn organisers_open_and_close_a_poll_with_the_forms(app: TestApp) {
    let (_, members, venue_id) = group_with_members(&app, &["Alice"]).await;
    let form = "/groups/grp/polls/new";
    // Members may not open one; the group page offers the form to organisers only.
    let member = app.new_browser();
    member.login("alice@example.org").await;
    assert_eq!(member.page(form).await.0, StatusCode::FORBIDDEN);
    let response = member
        .submit_form("/groups/grp", form, &[("title", "Non")])
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(!member.page("/groups/grp").await.1.contains(form));
    let owner = app.new_browser();
    owner.login("owner@example.org").await;
    assert!(owner.page("/groups/grp").await.1.contains(form));
    assert!(owner.page("/groups/grp/meetups/new").await.1.contains(form));
    let (status, html) = owner.page(form).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("type=\"datetime-local\"") && html.contains(&venue_id),
        "{html}"
    );

    // A date the clock change skips, typed in the third box: the form again, 422, with what
    // was typed and the fault beside that box.
    let gap = [
        ("title", "Apéro du printemps"),
        ("date_options[0]", "2030-03-24T19:00"),
        ("date_options[2]", "2030-03-31T02:30"),
        ("venue_options", venue_id.as_str()),
    ];
    let response = owner.submit_form(form, form, &gap).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("value=\"2030-03-31T02:30\""), "{html}");
    assert!(html.contains("value=\"Apéro du printemps\""), "{html}");
    assert!(html.contains("id=\"date_options[2]-error\""), "{html}");
    assert!(
        html.contains(&format!("value=\"{venue_id}\" checked")),
        "the venue stays ticked: {html}"
    );
    let (_, list) = app.get("/api/v1/groups/grp/meetups", None).await;
    assert_eq!(list["meetups"].as_array().map(Vec::len), Some(0));

    // Two dates in the first and third boxes, the venue: the poll's page.
    let fields = [
        ("title", "Apéro du printemps"),
        ("description", "On choisit."),
        ("date_options[0]", "2030-03-24T19:00"),
        ("date_options[2]", "2030-04-07T19:00"),
        ("venue_options", venue_id.as_str()),
    ];
    let response = owner.submit_form(form, form, &fields).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let page = location(&response);
    let id = page
        .strip_prefix("/groups/grp/polls/")
        .expect("the poll's page")
        .to_string();
    let poll = poll_as(&app, &id, &members[0]).await;
    assert_eq!(poll["date_options"][1]["local"], "2030-04-07T19:00");
    assert_eq!(poll["venue_options"][0]["venue_id"], venue_id.as_str());
    let dates = option_ids(&poll, "date_options");
    let venues = option_ids(&poll, "venue_options");

    // The close form is the organisers'; a member's close is refused.
    let close = format!("{page}/close");
    assert!(owner.page(&page).await.1.contains(&close));
    assert!(!member.page(&page).await.1.contains(&close));
    let response = member
        .submit_form(&page, &close, &[("date_option", &dates[1])])
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    // A priority window too long: the page again, 422, the values kept.
    let response = owner
        .submit_form(
            &page,
            &close,
            &[
                ("date_option", &dates[1]),
                ("capacity", "12"),
                ("priority_hours", "999"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("id=\"priority_hours-error\""), "{html}");
    assert!(
        html.contains("value=\"999\"") && html.contains("value=\"12\""),
        "{html}"
    );
    assert_eq!(poll_as(&app, &id, &members[0]).await["status"], "open");
    // Closed on the second date and the venue: the meetup's page.
    let response = owner
        .submit_form(
            &page,
            &close,
            &[
                ("date_option", &dates[1]),
                ("venue_option", &venues[0]),
                ("capacity", "12"),
                ("title", ""),
                ("priority_hours", "0"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let meetup_page = location(&response);
    let meetup_id = meetup_page
        .strip_prefix("/groups/grp/meetups/")
        .expect("the meetup's page");
    let (status, meetup) = app.get(&format!("/api/v1/meetups/{meetup_id}"), None).await;
    assert_eq!(status, StatusCode::OK, "{meetup}");
    assert_eq!(meetup["starts_at"], "2030-04-07T17:00:00Z");
    assert_eq!(meetup["title"], "Apéro du printemps");
    assert_eq!(meetup["capacity"], 12);
    assert_eq!(meetup["venue"]["id"], venue_id.as_str());
    let poll = poll_as(&app, &id, &members[0]).await;
    assert_eq!(
        (poll["status"].as_str(), poll["meetup_id"].as_str()),
        (Some("closed"), Some(meetup_id))
    );
    // Closed: no form any more.
    assert!(!owner.page(&page).await.1.contains(&close));
}

/// The `/poll-answer/` tokens of a mail, in order, each once.
fn poll_links(mail: &crate::smtp_sink::ReceivedMail) -> Vec<String> {
    let data = mail.data.replace("=\r\n", "");
    let mut tokens: Vec<String> = Vec::new();
    for (at, _) in data.match_indices("/poll-answer/") {
        let token: String = data[at + "/poll-answer/".len()..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '.')
            .collect();
        if !tokens.contains(&token) {
            tokens.push(token);
        }
    }
    tokens
}

async fn one_click_answers_from_the_announcement(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    let (owner, members, _) = group_with_members(&app, &["Alice", "Bruno"]).await;
    let (alice, bruno) = (&members[0], &members[1]);
    let (status, poll) = app
        .post(
            "/api/v1/groups/grp/polls",
            Some(&owner.token),
            json!({ "title": "Trois dates",
                    "date_options": ["2030-01-15T19:00", "2030-01-22T19:00", "2030-01-29T19:00"] }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{poll}");
    let id = poll["id"].as_str().unwrap().to_string();
    let dates = option_ids(&poll, "date_options");
    // Too many dates for a mail: only the poll's page.
    let seven: Vec<String> = (1..=7).map(|d| format!("2030-02-{d:02}T19:00")).collect();
    let (status, many) = app
        .post(
            "/api/v1/groups/grp/polls",
            Some(&owner.token),
            json!({ "title": "Sept dates", "date_options": seven }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{many}");
    let many_id = many["id"].as_str().unwrap();
    // Alice answered the first date already.
    let (status, _) = app
        .put(
            &format!("/api/v1/polls/{id}/vote"),
            Some(&alice.token),
            json!({ "dates": { dates[0].clone(): "yes" } }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);

    let sent = deliver(&app, now()).await.sent;
    assert!(sent >= 6, "two polls to three members: {sent}");
    let mails = sink.wait_for(sent, WAIT).await;
    let alices: Vec<_> = to(&mails, "alice@example.org")
        .into_iter()
        .filter(|m| m.data.replace("=\r\n", "").contains("/groups/grp/polls/"))
        .collect();
    let (three, seven): (Vec<_>, Vec<_>) = alices
        .iter()
        .partition(|m| !m.data.replace("=\r\n", "").contains(many_id));
    assert_eq!((three.len(), seven.len()), (1, 1));
    assert!(poll_links(seven[0]).is_empty());
    assert!(seven[0]
        .data
        .replace("=\r\n", "")
        .contains(&format!("/groups/grp/polls/{many_id}")));
    // Three answers for each of three dates, in the text part and in the HTML part.
    let links = poll_links(three[0]);
    assert_eq!(links.len(), 9, "{links:?}");
    let body = three[0].data.replace("=\r\n", "");
    let html_at = body.find("text/html").expect("an HTML part");
    for token in &links {
        let (text, html) = body.split_at(html_at);
        assert!(text.contains(token.as_str()) && html.contains(token.as_str()));
    }
    let maybe = links
        .iter()
        .find(|t| t.starts_with(&format!("{}.{}.m.", dates[1], alice.id)))
        .expect("Alice's \"if need be\" for the second date")
        .clone();

    // Opening it (a mail scanner does) changes nothing; confirming records that date only.
    let visitor = app.new_browser();
    let link = format!("/poll-answer/{maybe}");
    let (status, html) = visitor.page(&link).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Si besoin"), "{html}");
    let poll = poll_as(&app, &id, alice).await;
    assert_eq!(poll["date_options"][1]["my_answer"], Value::Null);
    let tampered = link.replacen(".m.", ".y.", 1);
    assert_eq!(visitor.page(&tampered).await.0, StatusCode::FORBIDDEN);
    for _ in 0..2 {
        let response = visitor.submit_form(&link, &link, &[]).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&response), format!("/groups/grp/polls/{id}"));
    }
    let (status, html) = visitor.page(&format!("/groups/grp/polls/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("est enregistrée"), "{html}");
    let poll = poll_as(&app, &id, alice).await;
    assert_eq!(poll["date_options"][0]["my_answer"], "yes", "kept");
    assert_eq!(poll["date_options"][1]["my_answer"], "if_need_be");
    assert_eq!(poll["date_options"][1]["if_need_be"], 1);
    assert_eq!(poll["date_options"][2]["my_answer"], Value::Null);

    // Bruno left the group: his links no longer work, opened or confirmed.
    let bruno_yes = poll_links(
        to(&mails, "bruno@example.org")
            .iter()
            .find(|m| !poll_links(m).is_empty())
            .expect("Bruno's announcement"),
    )
    .into_iter()
    .find(|t| t.starts_with(&format!("{}.{}.y.", dates[2], bruno.id)))
    .expect("Bruno's yes");
    let (status, _) = app
        .delete("/api/v1/groups/grp/members/me", Some(&bruno.token))
        .await;
    assert!(status.is_success(), "{status}");
    let link = format!("/poll-answer/{bruno_yes}");
    assert_eq!(visitor.page(&link).await.0, StatusCode::GONE);
    let token =
        crate::helpers::csrf_token(&visitor.page(&format!("/groups/grp/polls/{id}")).await.1);
    let response = visitor
        .client
        .post(visitor.url(&link))
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::GONE);
    assert_eq!(
        poll_as(&app, &id, &owner).await["date_options"][2]["yes"],
        0
    );

    // Once closed, a link says so (409) and records nothing.
    let (status, body) = app
        .post(
            &format!("/api/v1/polls/{id}/close"),
            Some(&owner.token),
            json!({ "date_option": dates[1] }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let no = links
        .iter()
        .find(|t| t.starts_with(&format!("{}.{}.n.", dates[2], alice.id)))
        .unwrap();
    let link = format!("/poll-answer/{no}");
    let (status, html) = visitor.page(&link).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(html.contains("clos"), "{html}");
    let response = visitor
        .submit_form(&format!("/groups/grp/polls/{id}"), &link, &[])
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let poll = poll_as(&app, &id, alice).await;
    assert_eq!(poll["date_options"][2]["my_answer"], Value::Null);
}

on_both_backends!(organisers_open_and_close_a_poll_with_the_forms);
on_both_backends_with!(one_click_answers_from_the_announcement);
