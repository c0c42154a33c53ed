//! The group's talk pool: proposals for no meetup yet, votes, scheduling and moving between
//! meetups, and materials.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::check_in::tick_directly;
use crate::groups::create_group;
use crate::helpers::{Backend, Registered, TestApp};
use crate::mail::{app_with_sink, assert_well_formed, deliver, now, to, WAIT};
use crate::meetups::{create_meetup, group_with_venue};
use crate::smtp_sink::{ReceivedMail, SmtpSink};
use crate::talks::propose;
use crate::{on_both_backends, on_both_backends_with};

pub async fn propose_to_pool(app: &TestApp, who: &Registered, title: &str) -> Value {
    let (status, body) = app
        .post(
            "/api/v1/groups/grp/talks",
            Some(&who.token),
            json!({ "title": title, "abstract": format!("About {title}"), "duration_minutes": 20 }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body
}

fn id(v: &Value) -> &str {
    v["id"].as_str().unwrap()
}

/// `(title, field)` of each talk listed in `body`.
fn titles_with(body: &Value, field: &str) -> Vec<(String, i64)> {
    body["talks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["title"].as_str().unwrap().into(),
                t[field].as_i64().unwrap(),
            )
        })
        .collect()
}

/// `(title, votes)` of the group's talks, as `who` sees them.
async fn pool(app: &TestApp, query: &str, who: Option<&Registered>) -> Vec<(String, i64)> {
    let (status, body) = app
        .get(
            &format!("/api/v1/groups/grp/talks{query}"),
            who.map(|w| w.token.as_str()),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    titles_with(&body, "votes")
}

/// `(title, position)` of a meetup's programme.
async fn programme(app: &TestApp, meetup: &str) -> Vec<(String, i64)> {
    let (_, body) = app
        .get(&format!("/api/v1/meetups/{meetup}/talks"), None)
        .await;
    titles_with(&body, "position")
}

async fn sequence(app: &TestApp, meetup: &str) -> i64 {
    let (_, m) = app.get(&format!("/api/v1/meetups/{meetup}"), None).await;
    m["sequence"].as_i64().unwrap()
}

fn subject(mail: &ReceivedMail) -> String {
    let message = mail_parser::MessageParser::default()
        .parse(mail.data.as_bytes())
        .unwrap();
    message.subject().unwrap_or_default().to_string()
}

fn text(mail: &ReceivedMail) -> String {
    let message = mail_parser::MessageParser::default()
        .parse(mail.data.as_bytes())
        .unwrap();
    message.body_text(0).unwrap_or_default().to_string()
}

async fn pool_talks_are_voted_listed_and_kept_from_strangers(app: TestApp) {
    let f = group_with_venue(&app).await;
    let other = app.register("other@example.org", "Other").await;
    let first = propose_to_pool(&app, &f.member, "Wagtail").await;
    assert_eq!(first["meetup_id"], Value::Null);
    assert_eq!(first["status"], "proposed");
    assert_eq!(first["votes"], 0);
    let htmx = propose_to_pool(&app, &other, "HTMX").await;
    let one = format!("/api/v1/talks/{}", id(&htmx));
    assert_eq!(
        app.get(&one, None).await.0,
        StatusCode::NOT_FOUND,
        "a proposal"
    );
    let (status, body) = app.get(&one, Some(&f.member.token)).await;
    assert_eq!(
        (status, body["title"].as_str()),
        (StatusCode::OK, Some("HTMX"))
    );
    // Proposing joined `other` to the group: members see every live proposal.
    assert_eq!(
        pool(&app, "", None).await,
        [],
        "anonymous: accepted talks only"
    );
    for voter in [&f.member, &f.owner, &f.owner] {
        let (status, body) = app
            .put(
                &format!("/api/v1/talks/{}/vote", id(&first)),
                Some(&voter.token),
                json!({}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let votes = |n: i64| vec![("Wagtail".to_string(), n), ("HTMX".to_string(), 0)];
    assert_eq!(pool(&app, "?sort=votes", Some(&other)).await, votes(2));
    let recent = pool(&app, "?status=proposed&sort=recent", Some(&other)).await;
    assert_eq!(recent[0].0, "HTMX", "newest first");
    let (status, body) = app
        .delete(
            &format!("/api/v1/talks/{}/vote", id(&first)),
            Some(&f.owner.token),
        )
        .await;
    assert_eq!((status, body["votes"].as_i64()), (StatusCode::OK, Some(1)));
    assert_eq!(pool(&app, "", Some(&f.member)).await, votes(1));
    let (status, body) = app.get("/api/v1/groups/grp/talks?sort=best", None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["field"], "sort", "{body}");
    // A rejected proposal leaves members' view of the pool, not its proposer's.
    let (status, _) = app
        .patch(
            &format!("/api/v1/talks/{}", id(&first)),
            Some(&f.owner.token),
            json!({ "status": "rejected" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        pool(&app, "", Some(&other)).await,
        [("HTMX".to_string(), 0)]
    );
    assert_eq!(
        pool(&app, "?status=rejected", Some(&f.member)).await,
        [("Wagtail".to_string(), 1)]
    );
    let (status, body) = app
        .put(
            &format!("/api/v1/talks/{}/vote", id(&first)),
            Some(&other.token),
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
}

async fn a_pool_talk_is_scheduled_then_moved(backend: Backend) {
    let sink = SmtpSink::start().await;
    let app = app_with_sink(backend, &sink).await.unwrap();
    let f = group_with_venue(&app).await;
    let talk = propose_to_pool(&app, &f.member, "Pelican").await;
    let path = format!("/api/v1/talks/{}", id(&talk));
    // Turned down while in the pool: the proposer hears of it all the same.
    let idea = propose_to_pool(&app, &f.member, "Blockchain").await;
    let (status, _) = app
        .patch(
            &format!("/api/v1/talks/{}", id(&idea)),
            Some(&f.owner.token),
            json!({ "status": "rejected" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let meetup = |title: &str, day: &str| {
        create_meetup(
            &app,
            &f.owner.token,
            json!({ "title": title, "starts_at": format!("{day}T19:00") }),
        )
    };
    let a = meetup("December", "2030-12-03").await;
    let b = meetup("January", "2031-01-07").await;
    let (a, b) = (id(&a).to_string(), id(&b).to_string());
    // Another talk in A: once the pool talk leaves, it closes up to position 1.
    let other = propose(&app, &a, &f.owner, "Diesel", 30).await;
    let schedule = |meetup: &str, position: Option<i64>| json!({ "meetup_id": meetup, "status": "accepted", "position": position });
    let (status, _) = app
        .patch(&path, Some(&f.member.token), schedule(&a, Some(1)))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "organisers schedule");
    let (status, body) = app
        .patch(&path, Some(&f.owner.token), schedule(&a, Some(1)))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        (body["meetup_id"].as_str(), body["position"].as_i64()),
        (Some(a.as_str()), Some(1))
    );
    let (status, _) = app
        .patch(
            &format!("/api/v1/talks/{}", id(&other)),
            Some(&f.owner.token),
            json!({ "status": "accepted" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        programme(&app, &a).await,
        [("Pelican".into(), 1), ("Diesel".into(), 2)]
    );
    let (seq_a, seq_b) = (sequence(&app, &a).await, sequence(&app, &b).await);

    // Only to an upcoming meetup of the same group.
    create_group(&app, &f.owner, "elsewhere").await;
    let (_, foreign) = app
        .post(
            "/api/v1/groups/elsewhere/meetups",
            Some(&f.owner.token),
            json!({ "title": "Not ours", "starts_at": "2031-02-01T19:00", "announce": false }),
        )
        .await;
    for wrong in [id(&foreign), "no-such-meetup"] {
        let (status, body) = app
            .patch(&path, Some(&f.owner.token), schedule(wrong, None))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["error"]["field"], "meetup_id");
    }

    let (status, body) = app
        .patch(&path, Some(&f.owner.token), schedule(&b, None))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["meetup_id"].as_str(), Some(b.as_str()));
    assert_eq!(programme(&app, &a).await, [("Diesel".into(), 1)]);
    assert_eq!(programme(&app, &b).await, [("Pelican".into(), 1)]);
    assert_eq!(sequence(&app, &a).await, seq_a + 1);
    assert_eq!(sequence(&app, &b).await, seq_b + 1);
    let (_, ics) = app.page(&format!("/meetups/{b}.ics")).await;
    assert!(ics.contains(&format!("SEQUENCE:{}", seq_b + 1)), "{ics}");
    assert!(ics.replace("\r\n ", "").contains("Pelican"), "{ics}");

    deliver(&app, now()).await;
    let all = sink.wait_for(4, WAIT).await;
    let speaker = to(&all, "member@example.org");
    let subjects: Vec<String> = speaker.iter().map(subject).collect();
    assert_eq!(speaker.len(), 3, "{subjects:?}");
    let rejected = speaker
        .iter()
        .find(|m| subject(m) == "Talk not selected: Blockchain")
        .expect("a mail about the pool talk turned down");
    assert!(
        text(rejected).contains("/groups/grp/talks"),
        "{}",
        text(rejected)
    );
    assert!(subjects
        .iter()
        .any(|s| s.starts_with("Talk accepted: Pelican")));
    let moved = speaker
        .iter()
        .find(|m| subject(m).starts_with("Your talk moves: Pelican"))
        .expect("a mail about the move");
    assert!(text(moved).contains("7 January 2031"), "{}", text(moved));
    assert_well_formed(&all);
}

async fn materials_are_web_links_shown_with_the_programme(app: TestApp) {
    let f = group_with_venue(&app).await;
    let stranger = app.register("stranger@example.org", "Stranger").await;
    let m = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Talks", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let talk = propose(&app, id(&m), &f.member, "Pelican", 20).await;
    let path = format!("/api/v1/talks/{}/links", id(&talk));
    let slides = "https://slides.example.org/pelican.pdf";
    let links = json!([{ "kind": "slides", "url": slides }, { "kind": "code", "url": "https://git.example.org/p", "title": "Repo" }]);
    let (status, _) = app.put(&path, Some(&stranger.token), links.clone()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    for bad in [
        json!([{ "kind": "slides", "url": "javascript:alert(1)" }]),
        json!([{ "kind": "slides", "url": "ftp://example.org/x" }]),
    ] {
        let (status, body) = app.put(&path, Some(&f.member.token), bad).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["error"]["field"], "links");
    }
    let (status, body) = app
        .put(
            &path,
            Some(&f.member.token),
            json!([{ "kind": "blog", "url": slides }]),
        )
        .await;
    assert!(status.is_client_error(), "{status} {body}");
    let (status, body) = app.put(&path, Some(&f.member.token), links).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["links"][0], json!({ "kind": "slides", "url": slides }));
    assert_eq!(body["links"][1]["title"], "Repo");
    let (status, _) = app
        .patch(
            &format!("/api/v1/talks/{}", id(&talk)),
            Some(&f.owner.token),
            json!({ "status": "accepted" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, page) = app.page(&format!("/groups/grp/meetups/{}", id(&m))).await;
    assert!(page.contains(&format!("href=\"{slides}\"")), "{page}");
    let (_, ics) = app.page(&format!("/meetups/{}.ics", id(&m))).await;
    let unfolded = ics.replace("\r\n ", "");
    assert!(unfolded.contains(slides), "{ics}");
    assert!(unfolded.contains("Repo (Code)"), "{ics}");
}

async fn text_of(app: &TestApp, path: &str, who: &Registered) -> (StatusCode, String) {
    let response = app
        .api
        .get(app.url(path))
        .bearer_auth(&who.token)
        .send()
        .await
        .unwrap();
    (response.status(), response.text().await.unwrap())
}

async fn the_report_writes_itself(app: TestApp) {
    let f = group_with_venue(&app).await;
    let m = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Talks", "starts_at": "2030-12-03T19:00", "venue_id": f.venue_id }),
    )
    .await;
    let id = id(&m).to_string();
    let alexis = app.register("alexis@example.org", "Alexis Couronne").await;
    let julien = app.register("julien@example.org", "Julien Maupetit").await;
    let absent = app.register("absent@example.org", "Absentee").await;
    for who in [&alexis, &julien, &absent] {
        app.rsvp(&id, &who.token, "yes").await;
    }
    for who in [&alexis, &julien] {
        tick_directly(&app, &id, &who.id, true).await;
    }
    let slides = "https://slides.example.org/pelican.pdf";
    for (who, title) in [(&alexis, "Pelican"), (&f.member, "Django")] {
        let talk = propose(&app, &id, who, title, 20).await;
        let path = format!("/api/v1/talks/{}", talk["id"].as_str().unwrap());
        let (status, _) = app
            .patch(&path, Some(&f.owner.token), json!({ "status": "accepted" }))
            .await;
        assert_eq!(status, StatusCode::OK);
        if title == "Pelican" {
            let links = json!([{ "kind": "slides", "url": slides }]);
            app.put(&format!("{path}/links"), Some(&alexis.token), links)
                .await;
        }
    }
    let path = format!("/api/v1/meetups/{id}/report/draft");
    assert_eq!(
        text_of(&app, &path, &f.member).await.0,
        StatusCode::FORBIDDEN
    );
    let (status, draft) = text_of(&app, &path, &f.owner).await;
    assert_eq!(status, StatusCode::OK, "{draft}");
    for wanted in [
        "* Date\u{202f}: mardi 3 décembre 2030\n",
        "* Lieu\u{202f}: Ness Pub, Clermont-Ferrand\n",
        "* Étaient présents (2)\n",
        "* 19:00 — Pelican (Alexis Couronne, 20 min)\u{202f}: [Diapositives](https://slides.example.org/pelican.pdf)\n",
        "* 19:20 — Django (Member, 20 min)\n",
        "## Ce qui s'est dit",
    ] {
        assert!(draft.contains(wanted), "{wanted:?} in {draft}");
    }
    assert!(
        !draft.contains("Absentee") && !draft.contains("Julien Maupetit"),
        "checked in: those who came, counted, not named (the page names them)"
    );
    let (_, pelican) = text_of(&app, &format!("{path}?format=pelican"), &f.owner).await;
    assert!(
        pelican.starts_with("Title: Talks\nDate: 2030-12-03\n"),
        "{pelican}"
    );
    for header in [
        "Category: DjangAuvergne\n",
        "Tags: Meetup, DjangAuvergne\n",
        "Slug: 2030-12-03-talks\n",
    ] {
        assert!(pelican.contains(header), "{header:?} in {pelican}");
    }
    assert!(pelican.ends_with(&draft), "{pelican}");
    let (status, _) = text_of(&app, &format!("{path}?format=docx"), &f.owner).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    // The editor starts from the draft; saved, the report's export carries the materials.
    let owner = app.new_browser();
    owner.login("owner@example.org").await;
    let (_, editor) = owner
        .page(&format!("/groups/grp/meetups/{id}/report"))
        .await;
    assert!(editor.contains("Étaient présents (2)"), "{editor}");
    let (_, saved) = app
        .put(
            &format!("/api/v1/meetups/{id}/report"),
            Some(&f.owner.token),
            json!({ "body_markdown": draft, "published": true }),
        )
        .await;
    let url = saved["url"].as_str().unwrap();
    let page = url.strip_prefix("http://rendezvous.test").unwrap();
    let (_, export) = app.new_browser().page(&format!("{page}.md")).await;
    assert!(export.contains(slides), "{export}");
    let (_, html) = app.new_browser().page(page).await;
    assert!(html.contains(&format!("href=\"{slides}\"")), "{html}");
}

on_both_backends!(
    pool_talks_are_voted_listed_and_kept_from_strangers,
    materials_are_web_links_shown_with_the_programme,
    the_report_writes_itself
);
on_both_backends_with!(a_pool_talk_is_scheduled_then_moved);

async fn those_who_came_get_the_follow_up_once(backend: Backend) {
    let sink = SmtpSink::start().await;
    let app = app_with_sink(backend, &sink).await.unwrap();
    let f = group_with_venue(&app).await;
    // Both end at 20:00Z on 3 December 2030.
    let a = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Checked", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let b = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Unchecked", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let (a, b) = (id(&a).to_string(), id(&b).to_string());
    // The group's next meetup, offered in one click; a cancelled one before it is not.
    let next = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "January", "starts_at": "2031-01-07T19:00" }),
    )
    .await;
    let cancelled = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Called off", "starts_at": "2030-12-17T19:00" }),
    )
    .await;
    let cancel = format!("/api/v1/meetups/{}/cancel", id(&cancelled));
    app.post(&cancel, Some(&f.owner.token), json!({})).await;
    let came = app.register("came@example.org", "Came").await;
    let quiet = app.register("quiet@example.org", "Quiet").await;
    let noshow = app.register("noshow@example.org", "No Show").await;
    let declined = app.register("declined@example.org", "Declined").await;
    for who in [&came, &quiet, &noshow, &f.member] {
        app.rsvp(&a, &who.token, "yes").await;
    }
    app.rsvp(&a, &declined.token, "no").await;
    app.rsvp(&b, &noshow.token, "yes").await;
    for who in [&came, &quiet, &f.member] {
        tick_directly(&app, &a, &who.id, true).await;
    }
    let (status, body) = app
        .put(
            "/api/v1/groups/grp/subscription",
            Some(&quiet.token),
            json!({ "follow_ups": false }),
        )
        .await;
    assert_eq!(
        (status, body["follow_ups"].as_bool()),
        (StatusCode::OK, Some(false))
    );
    let talk = propose(&app, &a, &f.member, "Pelican", 20).await;
    let talk = talk["id"].as_str().unwrap();
    app.patch(
        &format!("/api/v1/talks/{talk}"),
        Some(&f.owner.token),
        json!({ "status": "accepted" }),
    )
    .await;
    let slides = "https://slides.example.org/pelican.pdf";
    app.put(
        &format!("/api/v1/talks/{talk}/links"),
        Some(&f.member.token),
        json!([{ "kind": "slides", "url": slides }]),
    )
    .await;
    let earlier = deliver(&app, now()).await.sent;

    let ended = chrono::NaiveDate::from_ymd_opt(2030, 12, 3)
        .unwrap()
        .and_hms_opt(20, 0, 0)
        .unwrap();
    let hours = |n: i64| ended + chrono::Duration::hours(n);
    assert_eq!(
        deliver(&app, hours(11)).await.follow_ups_queued,
        0,
        "not yet"
    );
    let due = deliver(&app, hours(12)).await;
    assert_eq!((due.follow_ups_queued, due.sent), (3, 3));
    assert_eq!(deliver(&app, hours(13)).await.follow_ups_queued, 0, "once");
    let all = sink.wait_for(earlier + 3, WAIT).await;
    let follow_ups: Vec<&ReceivedMail> = all
        .iter()
        .filter(|m| subject(m).starts_with("Thank you for coming"))
        .collect();
    let mut recipients: Vec<(String, String)> = follow_ups
        .iter()
        .map(|m| (m.rcpt_to[0].clone(), subject(m)))
        .collect();
    recipients.sort();
    assert_eq!(
        recipients,
        [
            (
                "came@example.org".into(),
                "Thank you for coming: Checked".into()
            ),
            (
                "member@example.org".into(),
                "Thank you for coming: Checked".into()
            ),
            (
                "noshow@example.org".into(),
                "Thank you for coming: Unchecked".into()
            ),
        ],
        "checked in where anyone was; else those going"
    );
    let mail = follow_ups
        .iter()
        .find(|m| m.rcpt_to[0] == "came@example.org")
        .unwrap();
    assert!(
        text(mail).contains("Pelican (Member, 20 min)"),
        "{}",
        text(mail)
    );
    assert!(text(mail).contains(slides), "{}", text(mail));
    assert!(
        text(mail).contains("I'm going to the next one: January, Tuesday 7 January 2031"),
        "{}",
        text(mail)
    );
    let going = crate::announcements::link(mail, "/r/");
    let response = app.new_browser().submit_form(&going, &going, &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let (_, rsvp) = app
        .get(
            &format!("/api/v1/meetups/{}/rsvp", id(&next)),
            Some(&came.token),
        )
        .await;
    assert_eq!(
        rsvp["status"], "going",
        "one click answered the next meetup"
    );
    assert!(follow_ups
        .iter()
        .all(|m| m.header("List-Unsubscribe").is_some()));
    let owned: Vec<ReceivedMail> = follow_ups.into_iter().cloned().collect();
    assert_well_formed(&owned);
}

on_both_backends_with!(those_who_came_get_the_follow_up_once);

async fn the_pool_through_the_pages(app: TestApp) {
    let f = group_with_venue(&app).await;
    let member = app.new_browser();
    member.login("member@example.org").await;
    let browser = &member;
    let propose = move |minutes: &'static str| async move {
        let fields = [
            ("title", "Wagtail"),
            ("abstract", "A CMS"),
            ("duration_minutes", minutes),
        ];
        browser
            .submit_form("/groups/grp/talks/new", "/groups/grp/talks/new", &fields)
            .await
    };
    let response = propose("abc").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response.text().await.unwrap().contains("A CMS"),
        "the form is kept"
    );
    assert_eq!(propose("25").await.status(), StatusCode::SEE_OTHER);
    let (_, list) = app
        .get("/api/v1/groups/grp/talks", Some(&f.member.token))
        .await;
    let talk = list["talks"][0]["id"].as_str().unwrap().to_string();
    let response = member
        .submit_form(
            "/groups/grp/talks",
            &format!("/talks/{talk}/vote"),
            &[("vote", "add")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = member.page("/groups/grp/talks").await;
    assert!(
        html.contains("Wagtail") && html.contains("1 vote"),
        "{html}"
    );
    assert!(
        html.contains("Retirer mon vote"),
        "the group speaks French: {html}"
    );

    // Materials: a bad address comes back on the form, kept; a good one is saved.
    let materials = format!("/talks/{talk}/materials");
    let response = member
        .submit_form(
            &materials,
            &materials,
            &[("kind_0", "slides"), ("url_0", "javascript:alert(1)")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("javascript:alert(1)"));
    let slides = "https://slides.example.org/wagtail.pdf";
    let response = member
        .submit_form(
            &materials,
            &materials,
            &[("kind_0", "slides"), ("url_0", slides), ("title_0", "v2")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let stranger = app.new_browser();
    app.register("stranger@example.org", "Stranger").await;
    stranger.login("stranger@example.org").await;
    // Not a member: the proposal is not theirs to see.
    assert_eq!(stranger.page(&materials).await.0, StatusCode::NOT_FOUND);

    // The meetup form offers the pool talk; ticked, it goes on the new meetup's programme.
    let owner = app.new_browser();
    owner.login("owner@example.org").await;
    let (_, form) = owner.page("/groups/grp/meetups/new").await;
    assert!(form.contains("Wagtail — Member, 1 vote"), "{form}");
    let ticked = format!("pool_talk-{talk}");
    let response = owner
        .submit_form(
            "/groups/grp/meetups/new",
            "/groups/grp/meetups/new",
            &[
                ("title", "Wagtail night"),
                ("starts_at", "2030-12-03T19:00"),
                (&ticked, "on"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, talk) = app.get("/api/v1/groups/grp/talks", None).await;
    let talk = &talk["talks"][0];
    assert_eq!(
        (talk["status"].as_str(), talk["position"].as_i64()),
        (Some("accepted"), Some(1))
    );
    assert_eq!(talk["links"][0]["title"], "v2");
    let meetup = talk["meetup_id"].as_str().unwrap();
    let (_, page) = app.page(&format!("/groups/grp/meetups/{meetup}")).await;
    assert!(page.contains(slides), "{page}");

    // From the pool page, an organiser moves it to another upcoming meetup.
    let later = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "January", "starts_at": "2031-01-07T19:00" }),
    )
    .await;
    let cancelled = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "January", "starts_at": "2031-01-14T19:00" }),
    )
    .await;
    let cancel = format!("/api/v1/meetups/{}/cancel", id(&cancelled));
    assert_eq!(
        app.post(&cancel, Some(&f.owner.token), json!({})).await.0,
        StatusCode::OK
    );
    let (_, pool) = owner.page("/groups/grp/talks").await;
    assert!(pool.contains("Déplacer vers"), "{pool}");
    // Meetups of one name are told apart by their date; a cancelled one is not offered.
    assert!(pool.contains("January — mardi 7 janvier 2031"), "{pool}");
    assert!(!pool.contains("14 janvier 2031"), "{pool}");
    let talk = talk["id"].as_str().unwrap();
    let response = owner
        .submit_form(
            "/groups/grp/talks",
            &format!("/talks/{talk}/schedule"),
            &[("meetup_id", id(&later))],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, moved) = app.get(&format!("/api/v1/talks/{talk}"), None).await;
    assert_eq!(moved["meetup_id"].as_str(), Some(id(&later)), "{moved}");
}

on_both_backends!(the_pool_through_the_pages);
