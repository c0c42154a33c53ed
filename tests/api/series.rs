//! Recurring meetups through the API: local time across daylight saving, numbering, skipping,
//! ending, and topping up as time goes by, once however many instances do it.

use std::sync::Arc;

use chrono::{Datelike, Duration, NaiveDateTime, TimeZone, Timelike, Utc, Weekday};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{Backend, TestApp};
use crate::mail::{app_with_sink, deliver, now, to, WAIT};
use crate::meetups::group_with_venue;
use crate::smtp_sink::SmtpSink;
use crate::{on_both_backends, on_both_backends_with};

fn utc(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%SZ").unwrap()
}

fn paris(at: NaiveDateTime) -> NaiveDateTime {
    chrono_tz::Europe::Paris
        .from_utc_datetime(&at)
        .naive_local()
}

async fn start(app: &TestApp, token: &str, body: Value) -> (StatusCode, Value) {
    app.post("/api/v1/groups/grp/series", Some(token), body)
        .await
}

async fn second_tuesdays_at_seven_keep_their_local_time(app: TestApp) {
    let f = group_with_venue(&app).await;
    let (status, series) = start(
        &app,
        &f.owner.token,
        json!({
            "title": "Apéro #{n}", "rule": "FREQ=MONTHLY;BYDAY=2TU", "start_time": "19:00",
            "venue_id": f.venue_id, "capacity": 30, "rsvp_deadline_before": "4h", "horizon": 12
        }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{series}");
    let next = series["next"].as_array().unwrap();
    assert_eq!(next.len(), 12);
    let mut hours = std::collections::BTreeSet::new();
    for (i, m) in next.iter().enumerate() {
        assert_eq!(m["title"], format!("Apéro #{}", i + 1));
        assert_eq!(m["series_id"], series["id"]);
        let starts = utc(m["starts_at"].as_str().unwrap());
        let local = paris(starts);
        assert_eq!((local.hour(), local.minute()), (19, 0), "{starts}");
        assert_eq!(local.weekday(), Weekday::Tue);
        assert!(
            (8..=14).contains(&local.day()),
            "the second Tuesday: {local}"
        );
        let deadline = utc(m["rsvp_deadline"].as_str().unwrap());
        assert_eq!(starts - deadline, Duration::hours(4));
        hours.insert(starts.hour());
    }
    // Twelve months hold winter (UTC+1) and summer (UTC+2): 19:00 in Paris is both.
    assert_eq!(hours.into_iter().collect::<Vec<_>>(), [17, 18]);

    let (status, _) = start(
        &app,
        &f.member.token,
        json!({ "title": "X", "rule": "FREQ=WEEKLY", "start_time": "19:00" }),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    for rule in [
        "FREQ=SOMETIMES",
        "FREQ=HOURLY",
        "FREQ=YEARLY;UNTIL=20000101T000000Z",
    ] {
        let (status, body) = start(
            &app,
            &f.owner.token,
            json!({ "title": "X", "rule": rule, "start_time": "19:00" }),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{rule}");
        assert_eq!(body["error"]["field"], "rule", "{rule}");
    }
}

async fn a_skipped_date_is_cancelled_and_the_series_goes_on(app: TestApp) {
    let f = group_with_venue(&app).await;
    let (_, series) = start(
        &app,
        &f.owner.token,
        json!({ "title": "Soirée #{n}", "rule": "FREQ=WEEKLY;BYDAY=TH", "start_time": "19:00" }),
    )
    .await;
    let id = series["id"].as_str().unwrap();
    let second = &series["next"][1];
    let day = paris(utc(second["starts_at"].as_str().unwrap())).date();
    let path = format!("/api/v1/series/{id}/skip");
    let (status, after) = app
        .post(
            &path,
            Some(&f.owner.token),
            json!({ "date": day.to_string() }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{after}");
    let titles: Vec<&str> = after["next"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Soirée #1", "Soirée #3", "Soirée #4"]);
    let skipped = second["id"].as_str().unwrap();
    let (_, meetup) = app.get(&format!("/api/v1/meetups/{skipped}"), None).await;
    assert_eq!(meetup["status"], "cancelled");
    let feed = app
        .api
        .get(app.url("/groups/grp/calendar.ics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
        .replace("\r\n ", "");
    let event = feed
        .split("BEGIN:VEVENT")
        .find(|e| e.contains(skipped))
        .expect("the skipped meetup stays in the feed");
    assert!(event.contains("STATUS:CANCELLED"), "{event}");

    let friday = (day + Duration::days(1)).to_string();
    let (status, body) = app
        .post(&path, Some(&f.owner.token), json!({ "date": friday }))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["field"], "date");
    let (status, _) = app
        .post(
            &path,
            Some(&f.member.token),
            json!({ "date": day.to_string() }),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

async fn series_are_topped_up_once_as_time_goes_by(app: TestApp) {
    let f = group_with_venue(&app).await;
    let (_, series) = start(
        &app,
        &f.owner.token,
        json!({ "title": "Atelier #{n}", "rule": "FREQ=WEEKLY;BYDAY=MO", "start_time": "18:30" }),
    )
    .await;
    let id = series["id"].as_str().unwrap();
    let first = utc(series["next"][0]["starts_at"].as_str().unwrap());
    let settings = Arc::new(app.settings.clone());
    let later = first + Duration::minutes(1);
    // Two instances at the same moment: one makes the missing occurrence, the other finds none
    // missing.
    let (a, b) = tokio::join!(
        rendezvous::app::series::top_up_all(&app.db, &settings, later),
        rendezvous::app::series::top_up_all(&app.db, &settings, later),
    );
    assert_eq!(a.unwrap() + b.unwrap(), 1);
    let (_, list) = app.get("/api/v1/groups/grp/meetups", None).await;
    let titles: Vec<&str> = list["meetups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        ["Atelier #1", "Atelier #2", "Atelier #3", "Atelier #4"]
    );
    let ahead = list["meetups"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| utc(m["starts_at"].as_str().unwrap()) > later)
        .count();
    assert_eq!(ahead, 3, "three occurrences ahead again");

    let (status, ended) = app
        .post(
            &format!("/api/v1/series/{id}/end"),
            Some(&f.owner.token),
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(ended["ended_at"].is_string());
    let much_later = Utc::now().naive_utc() + Duration::days(60);
    let made = rendezvous::app::series::top_up_all(&app.db, &settings, much_later)
        .await
        .unwrap();
    assert_eq!(made, 0, "an ended series makes no more");
    let (status, shown) = app.get(&format!("/api/v1/series/{id}"), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        shown["next"].as_array().unwrap().len(),
        4,
        "those made stay"
    );
}

on_both_backends!(
    second_tuesdays_at_seven_keep_their_local_time,
    a_skipped_date_is_cancelled_and_the_series_goes_on,
    series_are_topped_up_once_as_time_goes_by
);

/// A new venue for the series moves the occurrences nobody edited, tells who is going, and
/// leaves the one an organiser changed by hand alone.
async fn changing_the_series_moves_its_untouched_occurrences(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    let f = group_with_venue(&app).await;
    let (_, series) = start(
        &app,
        &f.owner.token,
        json!({ "title": "Atelier", "rule": "FREQ=WEEKLY;BYDAY=WE", "start_time": "19:00",
                "venue_id": f.venue_id }),
    )
    .await;
    let id = series["id"].as_str().unwrap();
    let occurrence = |i: usize| series["next"][i]["id"].as_str().unwrap().to_string();
    let (first, edited) = (occurrence(0), occurrence(1));
    app.rsvp(&first, &f.member.token, "yes").await;
    let (status, _) = app
        .patch(
            &format!("/api/v1/meetups/{edited}"),
            Some(&f.owner.token),
            json!({ "title": "Atelier spécial" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    deliver(&app, now()).await;
    let before = sink.received().len();

    let (_, venue) = app
        .post(
            "/api/v1/groups/grp/venues",
            Some(&f.owner.token),
            json!({ "name": "La Baraque", "address": "Clermont-Ferrand" }),
        )
        .await;
    let path = format!("/api/v1/series/{id}");
    let (status, changed) = app
        .patch(
            &path,
            Some(&f.owner.token),
            json!({ "venue_id": venue["id"] }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    let (_, moved) = app.get(&format!("/api/v1/meetups/{first}"), None).await;
    assert_eq!(moved["venue"]["name"], "La Baraque");
    assert_eq!(moved["sequence"], 1);
    let (_, kept) = app.get(&format!("/api/v1/meetups/{edited}"), None).await;
    assert_eq!(
        kept["venue"]["name"], "Ness Pub",
        "edited by hand: left alone"
    );
    assert_eq!(changed["next"][2]["venue"]["name"], "La Baraque");

    deliver(&app, now()).await;
    let mails = sink.wait_for(before + 1, WAIT).await;
    let changes: Vec<_> = to(&mails[before..], "member@example.org")
        .into_iter()
        .filter(|m| {
            m.header("Subject")
                .unwrap_or_default()
                .starts_with("New place: Atelier")
        })
        .collect();
    assert_eq!(changes.len(), 1, "the member going is told, once");

    // Wednesdays become Thursdays: the Wednesdays nobody edited are cancelled (the one edited by
    // hand stays), three Thursdays are scheduled, numbered on.
    let (status, moved) = app
        .patch(
            &path,
            Some(&f.owner.token),
            json!({ "rule": "FREQ=WEEKLY;BYDAY=TH" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{moved}");
    let (_, first_after) = app.get(&format!("/api/v1/meetups/{first}"), None).await;
    assert_eq!(first_after["status"], "cancelled");
    let (_, kept) = app.get(&format!("/api/v1/meetups/{edited}"), None).await;
    assert_eq!(kept["status"], "scheduled");
    let thursdays: Vec<(String, Weekday)> = moved["next"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["id"] != edited.as_str())
        .map(|m| {
            let day = paris(utc(m["starts_at"].as_str().unwrap())).weekday();
            (m["title"].as_str().unwrap().to_string(), day)
        })
        .collect();
    assert_eq!(
        thursdays,
        [
            ("Atelier".to_string(), Weekday::Thu),
            ("Atelier".to_string(), Weekday::Thu)
        ]
    );
    let (status, body) = app
        .patch(
            &path,
            Some(&f.owner.token),
            json!({ "rule": "FREQ=HOURLY" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["field"], "rule");
    let (status, _) = app
        .patch(&path, Some(&f.member.token), json!({ "title": "X" }))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

on_both_backends_with!(changing_the_series_moves_its_untouched_occurrences);

/// "Make this a series" on the new-meetup form, the series page, and its organisers' buttons.
async fn a_series_is_made_and_run_from_the_pages(app: TestApp) {
    let f = group_with_venue(&app).await;
    let owner = app.new_browser();
    owner.login("owner@example.org").await;
    // The second Tuesday of a month a year from now.
    let today = Utc::now().date_naive();
    let first = (1..=14)
        .map(|d| chrono::NaiveDate::from_ymd_opt(today.year() + 1, today.month(), d).unwrap())
        .find(|d| d.weekday() == Weekday::Tue && d.day() > 7)
        .unwrap();
    let response = owner
        .submit_form(
            "/groups/grp/meetups/new",
            "/groups/grp/meetups/new",
            &[
                ("title", "Apéro #{n}"),
                ("starts_at", &format!("{first}T19:00")),
                ("ends_at", &format!("{first}T21:30")),
                ("rsvp_deadline", &format!("{first}T12:00")),
                ("venue_id", &f.venue_id),
                ("capacity", "25"),
                ("repeat", "monthly_nth"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let series_page = response.headers()["location"].to_str().unwrap().to_string();
    assert!(
        series_page.starts_with("/groups/grp/series/"),
        "{series_page}"
    );
    let (status, html) = owner.page(&series_page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("le deuxième mardi du mois à 19:00"),
        "the rule in words"
    );
    assert!(html.contains("Apéro #1") && html.contains("Apéro #3"));
    let (_, html) = app.page(&format!("{series_page}?lang=en")).await;
    assert!(html.contains("every second Tuesday of the month at 19:00"));
    assert!(
        !html.contains("/skip\"") && !html.contains("/end\""),
        "visitors get no organiser forms"
    );

    let id = series_page.rsplit('/').next().unwrap();
    let (_, series) = app.get(&format!("/api/v1/series/{id}"), None).await;
    let first_meetup = &series["next"][0];
    assert_eq!(
        paris(utc(first_meetup["starts_at"].as_str().unwrap())).date(),
        first
    );
    assert_eq!(first_meetup["capacity"], 25);
    let starts = utc(first_meetup["starts_at"].as_str().unwrap());
    assert_eq!(
        utc(first_meetup["ends_at"].as_str().unwrap()) - starts,
        Duration::minutes(150)
    );
    assert_eq!(
        starts - utc(first_meetup["rsvp_deadline"].as_str().unwrap()),
        Duration::hours(7)
    );
    let meetup_id = first_meetup["id"].as_str().unwrap();
    let (_, html) = app
        .page(&format!("/groups/grp/meetups/{meetup_id}?lang=fr"))
        .await;
    assert!(
        html.contains(&format!("href=\"{series_page}\"")),
        "the occurrence links its series"
    );
    assert!(html.contains("Fait partie d'une série"));
    // The series' list says "You're going" to a member going, and to nobody else.
    app.rsvp(meetup_id, &f.member.token, "yes").await;
    let member = app.new_browser();
    member.login("member@example.org").await;
    let (_, html) = member.page(&format!("{series_page}?lang=en")).await;
    assert_eq!(
        html.matches("You&#39;re going").count() + html.matches("You're going").count(),
        1,
        "{html}"
    );
    let (_, html) = app.page(&format!("{series_page}?lang=en")).await;
    assert!(!html.contains("re going"), "not for visitors");

    let response = owner
        .submit_form(
            &series_page,
            &format!("{series_page}/skip"),
            &[("date", &first.to_string())],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, meetup) = app.get(&format!("/api/v1/meetups/{meetup_id}"), None).await;
    assert_eq!(meetup["status"], "cancelled");
    let response = owner
        .submit_form(&series_page, &format!("{series_page}/end"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = owner.page(&series_page).await;
    assert!(html.contains("Cette série est terminée"));
}

on_both_backends!(a_series_is_made_and_run_from_the_pages);

/// A meetup's page says which series it is part of, in words: a new rule for the series shows
/// there at once, though the occurrence itself did not change.
async fn a_new_rule_shows_on_the_cached_meetup_page(app: TestApp) {
    let f = group_with_venue(&app).await;
    let (_, series) = start(
        &app,
        &f.owner.token,
        json!({ "title": "Atelier", "rule": "FREQ=WEEKLY;BYDAY=WE", "start_time": "19:00" }),
    )
    .await;
    let meetup = series["next"][0]["id"].as_str().unwrap();
    let page = format!("/groups/grp/meetups/{meetup}");
    let thursday = |html: &str| html.contains("Thursday") || html.contains("jeudi");
    let (_, before) = app.page(&page).await;
    assert!(!thursday(&before), "{before}");
    let (status, changed) = app
        .patch(
            &format!("/api/v1/series/{}", series["id"].as_str().unwrap()),
            Some(&f.owner.token),
            json!({ "rule": "FREQ=WEEKLY;BYDAY=WE,TH" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    let (_, after) = app.page(&page).await;
    assert!(thursday(&after), "the page names the new rule");
}

on_both_backends!(a_new_rule_shows_on_the_cached_meetup_page);

/// The group page lists the series running, with their rules in words, and follows their
/// changes and their end though it is cached.
async fn the_group_page_lists_running_series(app: TestApp) {
    let f = group_with_venue(&app).await;
    let (_, series) = start(
        &app,
        &f.owner.token,
        json!({ "title": "Apéro #{n}", "rule": "FREQ=MONTHLY;BYDAY=2TU", "start_time": "19:00" }),
    )
    .await;
    let id = series["id"].as_str().unwrap();
    let listed = |html: &str| html.contains(&format!("/groups/grp/series/{id}"));
    let (_, html) = app.page("/groups/grp").await;
    assert!(listed(&html), "{html}");
    assert!(html.contains("deuxième mardi"), "the rule in words: {html}");
    let (status, _) = app
        .patch(
            &format!("/api/v1/series/{id}"),
            Some(&f.owner.token),
            json!({ "rule": "FREQ=MONTHLY;BYDAY=3TU" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, html) = app.page("/groups/grp").await;
    assert!(html.contains("troisième mardi"), "{html}");
    let end = format!("/api/v1/series/{id}/end");
    assert_eq!(
        app.post(&end, Some(&f.owner.token), json!({})).await.0,
        StatusCode::OK
    );
    let (_, html) = app.page("/groups/grp").await;
    assert!(!listed(&html), "an ended series is not listed");
}

on_both_backends!(the_group_page_lists_running_series);

/// A first day far enough ahead that no reminder falls due while a test counts mails.
fn in_two_weeks() -> String {
    (Utc::now().date_naive() + Duration::days(14)).to_string()
}

/// The series edit page (issue 33): the same rules as `PATCH /api/v1/series/{id}`, with the
/// dates it reaches shown first. The next two untouched occurrences move to 19:30, the one an
/// organiser edited by hand stays, and each member going to a moved one gets one change mail.
async fn the_series_edit_page_moves_untouched_dates(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    let f = group_with_venue(&app).await;
    let second = app.register("second@example.org", "Second").await;
    let (_, series) = start(
        &app,
        &f.owner.token,
        json!({ "title": "Atelier", "rule": "FREQ=WEEKLY;BYDAY=WE", "start_time": "19:00",
                "venue_id": f.venue_id, "starts_on": in_two_weeks() }),
    )
    .await;
    let id = series["id"].as_str().unwrap();
    let occurrence = |i: usize| series["next"][i]["id"].as_str().unwrap().to_string();
    let (first, edited, third) = (occurrence(0), occurrence(1), occurrence(2));
    app.rsvp(&first, &f.member.token, "yes").await;
    app.rsvp(&third, &second.token, "yes").await;
    app.rsvp(&edited, &second.token, "yes").await;
    let (status, _) = app
        .patch(
            &format!("/api/v1/meetups/{edited}"),
            Some(&f.owner.token),
            json!({ "title": "Atelier special" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    deliver(&app, now()).await;
    let before = sink.received().len();

    let owner = app.new_browser();
    owner.login("owner@example.org").await;
    let edit = format!("/groups/grp/series/{id}/edit");
    let (status, html) = owner.page(&format!("{edit}?lang=en")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("value=\"19:00\""),
        "the form shows the series"
    );
    assert_eq!(html.matches("Changes</span>").count(), 2, "{html}");
    assert_eq!(
        html.matches("Edited on its own: stays as it is").count(),
        1,
        "the preview names the date left alone"
    );
    let (status, _) = app.page(&edit).await;
    assert_ne!(status, StatusCode::OK, "visitors get no form");
    let member = app.new_browser();
    member.login("member@example.org").await;
    assert_eq!(member.page(&edit).await.0, StatusCode::FORBIDDEN);

    let form = |time: &'static str| {
        vec![
            ("title", "Atelier"),
            ("start_time", time),
            ("duration_minutes", "120"),
            ("venue_id", f.venue_id.as_str()),
            ("capacity", ""),
            ("online_url", "https://meet.example.org/atelier"),
            ("online_url_public", "on"),
            ("rsvp_deadline_before", ""),
            ("description", ""),
        ]
    };
    // A wrong time comes back on the form, what was typed kept.
    let response = owner.submit_form(&edit, &edit, &form("25:00")).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("value=\"25:00\""), "{html}");

    let response = owner.submit_form(&edit, &edit, &form("19:30")).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        response.headers()["location"],
        format!("/groups/grp/series/{id}").as_str()
    );
    let local_time = |m: &Value| {
        let at = paris(utc(m["starts_at"].as_str().unwrap()));
        (at.hour(), at.minute())
    };
    for moved in [&first, &third] {
        let (_, m) = app.get(&format!("/api/v1/meetups/{moved}"), None).await;
        assert_eq!(local_time(&m), (19, 30), "{m}");
        assert_eq!(m["sequence"], 1);
        assert_eq!(m["online_url_visibility"], "public");
        assert_eq!(
            m["online_url"], "https://meet.example.org/atelier",
            "public: {m}"
        );
    }
    let (_, kept) = app.get(&format!("/api/v1/meetups/{edited}"), None).await;
    assert_eq!(local_time(&kept), (19, 0), "edited by hand: left alone");
    assert_eq!(kept["title"], "Atelier special");
    assert_eq!(kept["online_url_visibility"], "going");
    let (_, shown) = app
        .get(&format!("/api/v1/series/{id}"), Some(&f.owner.token))
        .await;
    assert_eq!(shown["online_url_visibility"], "public");

    deliver(&app, now()).await;
    let mails = sink.wait_for(before + 2, WAIT).await;
    for email in ["member@example.org", "second@example.org"] {
        let changes: Vec<_> = to(&mails[before..], email)
            .into_iter()
            .filter(|m| {
                m.header("Subject")
                    .unwrap_or_default()
                    .starts_with("New time: Atelier, ")
            })
            .collect();
        assert_eq!(changes.len(), 1, "{email} is told once");
    }
    assert_eq!(sink.received().len(), before + 2, "nobody else is told");

    // Editing one date says that only this date changes, and where to change them all.
    let (_, html) = owner
        .page(&format!("/groups/grp/meetups/{edited}/edit?lang=en"))
        .await;
    assert!(html.contains("Only this date changes."), "{html}");
    assert!(html.contains(&format!("href=\"{edit}\"")));
}

on_both_backends_with!(the_series_edit_page_moves_untouched_dates);

/// "Skip this date" and "End the series" ask first, saying who will be told.
async fn skipping_and_ending_a_series_ask_first(app: TestApp) {
    let f = group_with_venue(&app).await;
    let (_, series) = start(
        &app,
        &f.owner.token,
        json!({ "title": "Soirée", "rule": "FREQ=WEEKLY;BYDAY=TH", "start_time": "19:00" }),
    )
    .await;
    let id = series["id"].as_str().unwrap();
    let meetup = series["next"][0]["id"].as_str().unwrap();
    app.rsvp(meetup, &f.member.token, "yes").await;
    let day = paris(utc(series["next"][0]["starts_at"].as_str().unwrap())).date();
    let page = format!("/groups/grp/series/{id}");
    let owner = app.new_browser();
    owner.login("owner@example.org").await;
    let (_, html) = owner.page(&page).await;
    let skip = format!("{page}/skip?date={day}");
    assert!(html.contains(&format!("href=\"{skip}\"")), "{html}");
    assert!(html.contains(&format!("href=\"{page}/end\"")));
    assert!(html.contains(&format!("href=\"{page}/edit\"")));

    let (status, html) = owner.page(&format!("{skip}&lang=en")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("One person is going and nobody is waiting: they will be told"),
        "{html}"
    );
    let member = app.new_browser();
    member.login("member@example.org").await;
    assert_eq!(member.page(&skip).await.0, StatusCode::FORBIDDEN);
    let response = owner
        .submit_form(
            &skip,
            &format!("{page}/skip"),
            &[("date", &day.to_string())],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, m) = app.get(&format!("/api/v1/meetups/{meetup}"), None).await;
    assert_eq!(m["status"], "cancelled");

    let end = format!("{page}/end");
    let (status, html) = owner.page(&format!("{end}?lang=en")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("The 3 meetups already scheduled stay, with 0 going in all"),
        "{html}"
    );
    let response = owner.submit_form(&end, &end, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, shown) = app.get(&format!("/api/v1/series/{id}"), None).await;
    assert!(shown["ended_at"].is_string());
}

on_both_backends!(skipping_and_ending_a_series_ask_first);

/// A new series is announced in one mail per member listing the dates made, each with its
/// one-click answers; a date made later by a top-up is announced on its own.
async fn a_new_series_is_announced_once_per_member(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    let f = group_with_venue(&app).await;
    app.post(
        "/api/v1/groups/grp/members",
        Some(&f.member.token),
        json!({}),
    )
    .await;
    let (status, series) = start(
        &app,
        &f.owner.token,
        json!({ "title": "Atelier #{n}", "rule": "FREQ=WEEKLY;BYDAY=MO", "start_time": "18:30",
                "description": "Bring **a laptop**.", "starts_on": in_two_weeks() }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{series}");
    assert_eq!(
        deliver(&app, now()).await.sent,
        2,
        "the member and the organiser"
    );
    let mails = sink.wait_for(2, WAIT).await;
    let mine = to(&mails, "member@example.org");
    assert_eq!(mine.len(), 1, "one announcement, not one per date");
    let mail = &mine[0];
    let subject = mail.header("Subject").unwrap();
    assert!(
        subject.starts_with("New series: Atelier, 3 dates from Monday "),
        "{subject}"
    );
    let data = mail.data.replace("=\r\n", "");
    assert!(data.contains("<strong>a laptop</strong>"), "{data}");
    assert!(data.contains("text/plain") && data.contains("text/html"));
    assert!(mail.header("List-Unsubscribe").is_some());
    for m in series["next"].as_array().unwrap() {
        let day = paris(utc(m["starts_at"].as_str().unwrap()));
        let date = day.format("%-d %B %Y").to_string();
        assert_eq!(
            data.matches(&format!("{date}, 18:30: I'm going")).count(),
            2,
            "{date}, in both parts: {data}"
        );
    }
    // One click from the mail answers that date.
    let going = crate::announcements::link(mail, "/r/");
    let browser = app.new_browser();
    let response = browser.submit_form(&going, &going, &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let first = series["next"][0]["id"].as_str().unwrap();
    let (_, rsvp) = app
        .get(
            &format!("/api/v1/meetups/{first}/rsvp"),
            Some(&f.member.token),
        )
        .await;
    assert_eq!(rsvp["status"], "going", "{rsvp}");

    // Time goes by: the date made to keep three ahead is announced as a new meetup.
    let later = utc(series["next"][0]["starts_at"].as_str().unwrap()) + Duration::minutes(1);
    let settings = Arc::new(app.settings.clone());
    let made = rendezvous::app::series::top_up_all(&app.db, &settings, later)
        .await
        .unwrap();
    assert_eq!(made, 1);
    deliver(&app, now()).await;
    let mails = sink.wait_for(4, WAIT).await;
    let mine = to(&mails, "member@example.org");
    let subjects: Vec<String> = mine
        .iter()
        .filter_map(|m| m.header("Subject"))
        .filter(|s| s.starts_with("New "))
        .collect();
    assert_eq!(subjects.len(), 2, "{subjects:?}");
    assert!(
        subjects[1].starts_with("New meetup: Atelier #4, "),
        "{subjects:?}"
    );
}

on_both_backends_with!(a_new_series_is_announced_once_per_member);
