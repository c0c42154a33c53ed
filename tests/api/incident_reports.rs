//! "Report a problem": a member tells the group's organisers, and only them, at once by mail,
//! a few times an hour at most.

use reqwest::StatusCode;
use serde_json::json;

use crate::groups::create_group;
use crate::helpers::{Backend, Registered, TestApp};
use crate::mail::{app_with_sink, deliver, now, outbox_count, to, WAIT};
use crate::meetups::create_meetup;
use crate::smtp_sink::SmtpSink;
use crate::{on_both_backends, on_both_backends_with};

async fn register_in(app: &TestApp, email: &str, name: &str, locale: &str) -> Registered {
    let (status, body) = app
        .post(
            "/api/v1/auth/register",
            None,
            json!({ "email": email, "name": name, "password": "correct horse battery", "locale": locale }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    Registered {
        id: body["user"]["id"].as_str().unwrap().to_string(),
        token: body["token"].as_str().unwrap().to_string(),
    }
}

async fn join(app: &TestApp, who: &Registered) {
    let (status, _) = app
        .post("/api/v1/groups/grp/members", Some(&who.token), json!({}))
        .await;
    assert_eq!(status, StatusCode::OK);
}

fn reports_path(meetup: &str) -> String {
    format!("/api/v1/meetups/{meetup}/reports-to-organisers")
}

async fn a_report_reaches_the_organisers_only_in_their_language(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    let owner = register_in(&app, "owner@example.org", "Owner", "fr").await;
    create_group(&app, &owner, "grp").await;
    let co = register_in(&app, "co@example.org", "Co", "en").await;
    let reporter = register_in(&app, "reporter@example.org", "Rita Reporter", "en").await;
    let bystander = register_in(&app, "member@example.org", "Member", "en").await;
    for who in [&co, &reporter, &bystander] {
        join(&app, who).await;
    }
    let (status, _) = app
        .put(
            &format!("/api/v1/groups/grp/members/{}", co.id),
            Some(&owner.token),
            json!({ "role": "organiser" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let meetup = create_meetup(
        &app,
        &owner.token,
        json!({ "title": "Apero", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let id = meetup["id"].as_str().unwrap();
    let (status, talk) = app
        .post(
            &format!("/api/v1/meetups/{id}/talks"),
            Some(&bystander.token),
            json!({ "title": "Pelican and co", "abstract": "Static sites", "duration_minutes": 20 }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{talk}");
    let talk_id = talk["id"].as_str().unwrap();

    // Refusals first: nobody signed in, not a member, nothing said, a proposal not theirs.
    let outsider = app.register("outsider@example.org", "Outsider").await;
    let text = json!({ "text": "Someone kept interrupting the speakers." });
    assert_eq!(
        app.post(&reports_path(id), None, text.clone()).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.post(&reports_path(id), Some(&outsider.token), text.clone())
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    let (status, body) = app
        .post(
            &reports_path(id),
            Some(&reporter.token),
            json!({ "text": "  " }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["field"], "text");
    let (status, body) = app
        .post(
            &reports_path(id),
            Some(&reporter.token),
            json!({ "text": "x".repeat(4_001) }),
        )
        .await;
    assert_eq!(
        (status, &body["error"]["field"]),
        (StatusCode::UNPROCESSABLE_ENTITY, &json!("text"))
    );
    let (status, _) = app
        .post(
            &reports_path(id),
            Some(&reporter.token),
            json!({ "text": "About the talk", "talk_id": talk_id }),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "a proposal is not shown to others"
    );
    assert_eq!(outbox_count(&app, "incident_reported").await, 0);

    // About the meetup, then about the talk once accepted.
    let (status, body) = app
        .post(&reports_path(id), Some(&reporter.token), text.clone())
        .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    assert!(body["id"].is_string());
    let (status, _) = app
        .patch(
            &format!("/api/v1/talks/{talk_id}"),
            Some(&owner.token),
            json!({ "status": "accepted" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = app
        .post(
            &reports_path(id),
            Some(&reporter.token),
            json!({ "text": "The slides were offensive.", "talk_id": talk_id }),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    assert_eq!(outbox_count(&app, "incident_reported").await, 4);
    // Organisers list them, newest first; members and strangers do not.
    let list = "/api/v1/groups/grp/incident-reports";
    let (status, body) = app.get(list, Some(&co.token)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let reports = body["reports"].as_array().unwrap();
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[0]["talk_title"], "Pelican and co");
    assert_eq!(reports[0]["text"], "The slides were offensive.");
    assert_eq!(reports[1]["talk_title"], serde_json::Value::Null);
    assert_eq!(reports[1]["reporter_email"], "reporter@example.org");
    assert_eq!(reports[1]["meetup_id"], id);
    assert_eq!(
        app.get(list, Some(&reporter.token)).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.get(list, None).await.0, StatusCode::UNAUTHORIZED);

    deliver(&app, now()).await;
    // Four reports; the talk's proposal (to both organisers) and its acceptance.
    let mails = sink.wait_for(7, WAIT).await;
    assert_eq!(mails.len(), 7);
    assert!(to(&mails, "reporter@example.org").is_empty());
    assert_eq!(
        to(&mails, "member@example.org").len(),
        1,
        "only the talk's decision"
    );
    assert!(!to(&mails, "member@example.org")[0]
        .data
        .contains("Rita Reporter"));
    let text_of = |m: &crate::smtp_sink::ReceivedMail| m.data.replace("=\r\n", "");
    let reports = |email| -> Vec<String> {
        to(&mails, email)
            .iter()
            .map(text_of)
            .filter(|m| m.contains("Rita Reporter"))
            .collect()
    };
    let (fr, en) = (reports("owner@example.org"), reports("co@example.org"));
    assert_eq!((fr.len(), en.len()), (2, 2));
    for mail in fr.iter().chain(&en) {
        assert!(mail.contains("Rita Reporter") && mail.contains("reporter@example.org"));
        assert!(
            mail.contains(&format!("/groups/grp/meetups/{id}")),
            "{mail}"
        );
        assert!(mail.contains("text/plain") && mail.contains("text/html"));
    }
    assert!(fr.iter().all(|m| m.contains("Seuls les organisateurs")));
    assert!(en.iter().all(|m| m.contains("Only the organisers")));
    assert!(en
        .iter()
        .any(|m| m.contains("Someone kept interrupting the speakers.")));
    assert!(en
        .iter()
        .any(|m| m.contains("with the talk \"Pelican and co\"")
            || m.contains("with the talk =22Pelican and co=22")));
}

on_both_backends_with!(a_report_reaches_the_organisers_only_in_their_language);

/// 48 reports at once from one member: five an hour pass, exactly, whatever the backend.
async fn reports_to_organisers_are_limited_exactly_under_a_burst(app: TestApp) {
    let owner = app.register("owner@example.org", "Owner").await;
    create_group(&app, &owner, "grp").await;
    let member = app.register("member@example.org", "Member").await;
    join(&app, &member).await;
    let meetup = create_meetup(
        &app,
        &owner.token,
        json!({ "title": "Apero", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let id = meetup["id"].as_str().unwrap().to_string();
    let mut set = tokio::task::JoinSet::new();
    for n in 0..48 {
        let (api, url, token) = (
            app.api.clone(),
            app.url(&reports_path(&id)),
            member.token.clone(),
        );
        set.spawn(async move {
            let response = api
                .post(url)
                .bearer_auth(token)
                .json(&json!({ "text": format!("Report {n}") }))
                .send()
                .await
                .unwrap();
            let status = response.status();
            let body: serde_json::Value = response.json().await.unwrap();
            (status, body["error"]["code"].as_str().map(str::to_string))
        });
    }
    let answers = set.join_all().await;
    let accepted = answers
        .iter()
        .filter(|(s, _)| *s == StatusCode::ACCEPTED)
        .count();
    let limited = answers
        .iter()
        .filter(|(s, code)| {
            *s == StatusCode::TOO_MANY_REQUESTS && code.as_deref() == Some("rate_limited")
        })
        .count();
    assert_eq!((accepted, limited), (5, 43), "{answers:?}");
    assert_eq!(outbox_count(&app, "incident_reported").await, 5);
    // The limit is the reporter's: another member still may.
    let other = app.register("other@example.org", "Other").await;
    join(&app, &other).await;
    let (status, _) = app
        .post(
            &reports_path(&id),
            Some(&other.token),
            json!({ "text": "Me too" }),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED);
}

on_both_backends!(reports_to_organisers_are_limited_exactly_under_a_burst);

async fn the_report_form_is_for_signed_in_members(app: TestApp) {
    let owner = app.register("owner@example.org", "Owner").await;
    create_group(&app, &owner, "grp").await;
    let meetup = create_meetup(
        &app,
        &owner.token,
        json!({ "title": "Apero", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let page = format!("/groups/grp/meetups/{}", meetup["id"].as_str().unwrap());
    let form = format!("{page}/report-problem");

    // Anonymous visitors see no link, and the form sends them to sign in.
    let anonymous = app.new_browser();
    let (_, html) = anonymous.page(&page).await;
    assert!(!html.contains("report-problem"));
    let response = anonymous
        .client
        .get(anonymous.url(&form))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(response.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("/login?next="));

    // A signed-in stranger to the group: no link, 403.
    let stranger = app.new_browser();
    stranger.register("stranger@example.org", "Stranger").await;
    let (_, html) = stranger.page(&page).await;
    assert!(!html.contains("report-problem"));
    assert_eq!(stranger.page(&form).await.0, StatusCode::FORBIDDEN);

    // A member: the link, the form, a refusal of an empty report, then the report.
    let member = app.new_browser();
    member.register("member@example.org", "Member").await;
    member
        .submit_form("/groups/grp", "/groups/grp/join", &[])
        .await;
    let (_, html) = member.page(&page).await;
    assert!(html.contains(&format!("href=\"{form}\"")), "{html}");
    assert!(html.contains("Signaler un problème"));
    let (status, html) = member.page(&form).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Apero") && html.contains("name=\"text\""));
    let response = member.submit_form(&form, &form, &[("text", " ")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let response = member
        .submit_form(&form, &form, &[("text", "Quelqu'un a été insultant.")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], page.as_str());
    let (_, html) = member.page(&page).await;
    assert!(html.contains("Votre signalement a été envoyé aux organisateurs."));
    assert_eq!(outbox_count(&app, "incident_reported").await, 1);

    // The organisers' list shows it, to them alone.
    let organiser = app.new_browser();
    organiser.login("owner@example.org").await;
    let (_, html) = organiser.page("/groups/grp").await;
    assert!(html.contains("href=\"/groups/grp/incident-reports\""));
    let (status, html) = organiser.page("/groups/grp/incident-reports").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Quelqu&#39;un a été insultant.")
            || html.contains("Quelqu'un a été insultant."),
        "{html}"
    );
    assert!(html.contains("member@example.org"));
    assert_eq!(
        member.page("/groups/grp/incident-reports").await.0,
        StatusCode::FORBIDDEN
    );
}

on_both_backends!(the_report_form_is_for_signed_in_members);
