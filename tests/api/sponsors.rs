//! Sponsors and hosts (#35 item 3): a group keeps a list with logos, a meetup names its own,
//! and they are shown on its page, in its announcement and thanked in its report draft.

use image::codecs::png::PngEncoder;
use image::{ImageEncoder, Rgba, RgbaImage};
use reqwest::StatusCode;
use serde_json::json;

use crate::banners::{local, put_picture};
use crate::helpers::{csrf_token, Backend};
use crate::mail::{app_with_sink, deliver, now, to, WAIT};
use crate::meetups::{create_meetup, group_with_venue};
use crate::on_both_backends_with;
use crate::smtp_sink::SmtpSink;

fn png_logo() -> Vec<u8> {
    let img = RgbaImage::from_pixel(600, 300, Rgba([200, 0, 0, 128]));
    let mut png = Vec::new();
    PngEncoder::new(&mut png)
        .write_image(img.as_raw(), 600, 300, image::ExtendedColorType::Rgba8)
        .unwrap();
    png
}

async fn sponsors_are_shown_announced_and_thanked(backend: Backend) {
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
    let list = "/api/v1/groups/grp/sponsors";

    // Organisers only; a name is needed.
    let acme = json!({ "name": "Acme", "url": "https://acme.example" });
    let (status, _) = app.post(list, Some(&f.member.token), acme.clone()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, err) = app
        .post(list, Some(&f.owner.token), json!({ "name": " " }))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(err["error"]["field"], "name");
    let (status, acme) = app.post(list, Some(&f.owner.token), acme).await;
    assert_eq!(status, StatusCode::CREATED, "{acme}");
    let acme_id = acme["id"].as_str().unwrap().to_string();
    let (_, pizza) = app
        .post(list, Some(&f.owner.token), json!({ "name": "Pizza Co" }))
        .await;
    let pizza_id = pizza["id"].as_str().unwrap().to_string();

    // A logo, shrunk and re-encoded like a banner (transparency kept, as PNG).
    let logo_path = format!("/api/v1/sponsors/{acme_id}/logo");
    let (status, err) = put_picture(
        &app,
        &logo_path,
        &f.owner.token,
        "image/png",
        b"GIF89a".to_vec(),
    )
    .await;
    assert_eq!(
        (status, err["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("logo"))
    );
    let (status, _) = put_picture(&app, &logo_path, &f.member.token, "image/png", png_logo()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, with_logo) =
        put_picture(&app, &logo_path, &f.owner.token, "image/png", png_logo()).await;
    assert_eq!(status, StatusCode::OK, "{with_logo}");
    assert_eq!(with_logo["logo"]["content_type"], "image/png");
    assert_eq!(with_logo["logo"]["width"], 400);
    let logo_url = with_logo["logo"]["url"].as_str().unwrap().to_string();
    let logo = app.api.get(local(&app, &logo_url)).send().await.unwrap();
    assert_eq!(logo.headers()["content-type"], "image/png");
    let (_, listed) = app.get(list, None).await;
    let names: Vec<&str> = listed["sponsors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Acme", "Pizza Co"]);

    // A meetup names its host and its sponsor before it is announced.
    let meetup = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Apéro Django", "starts_at": "2030-12-03T19:00", "venue_id": f.venue_id, "announce": true }),
    )
    .await;
    let id = meetup["id"].as_str().unwrap().to_string();
    let path = format!("/api/v1/meetups/{id}/sponsors");
    let (status, err) = app
        .put(
            &path,
            Some(&f.owner.token),
            json!([{ "sponsor_id": acme_id, "role": "pizza" }]),
        )
        .await;
    assert_eq!(
        (status, err["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("sponsors"))
    );
    let (status, err) = app
        .put(
            &path,
            Some(&f.owner.token),
            json!([{ "sponsor_id": "nobody", "role": "food" }]),
        )
        .await;
    assert_eq!(
        (status, err["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("sponsors"))
    );
    let chosen = json!([
        { "sponsor_id": acme_id, "role": "venue" },
        { "sponsor_id": pizza_id, "role": "food" }
    ]);
    let (status, _) = app.put(&path, Some(&f.member.token), chosen.clone()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, named) = app.put(&path, Some(&f.owner.token), chosen).await;
    assert_eq!(status, StatusCode::OK, "{named}");
    let (_, read) = app.get(&format!("/api/v1/meetups/{id}"), None).await;
    assert_eq!(read["sponsors"][0]["name"], "Acme");
    assert_eq!(read["sponsors"][0]["role"], "venue");
    assert_eq!(read["sponsors"][1]["role"], "food");

    // The meetup page shows them, logo and link.
    let (_, page) = app.page(&format!("/groups/grp/meetups/{id}")).await;
    let section = &page[page.find("id=\"sponsors\"").expect("sponsors section")..];
    assert!(
        section.contains("href=\"https://acme.example\""),
        "{section}"
    );
    assert!(section.contains("/logo?v="), "the logo");
    assert!(section.contains("Pizza Co"));

    // The announcement thanks them.
    assert!(deliver(&app, now()).await.sent >= 1);
    let mails = sink.wait_for(1, WAIT).await;
    let mail = to(&mails, "member@example.org").pop().expect("announced");
    let text = mail.data.replace("=\r\n", "");
    assert!(text.contains("Acme (https://acme.example)"), "{text}");
    assert!(text.contains("Pizza Co"), "{text}");

    // The report draft thanks them, in its text and its Pelican export.
    let draft_path = format!("/api/v1/meetups/{id}/report/draft");
    for format in ["", "?format=pelican"] {
        let draft = app
            .api
            .get(app.url(&format!("{draft_path}{format}")))
            .bearer_auth(&f.owner.token)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            draft.contains(
                "Merci à [Acme](https://acme.example) pour l'accueil et à Pizza Co pour le repas."
            ),
            "{draft}"
        );
    }

    // Renamed, then deleted: the meetup follows.
    let (status, renamed) = app
        .patch(
            &format!("/api/v1/sponsors/{pizza_id}"),
            Some(&f.owner.token),
            json!({ "name": "Pizzeria Roma" }),
        )
        .await;
    assert_eq!(
        (status, renamed["name"].as_str()),
        (StatusCode::OK, Some("Pizzeria Roma"))
    );
    assert_eq!(
        app.delete(
            &format!("/api/v1/sponsors/{acme_id}"),
            Some(&f.member.token)
        )
        .await
        .0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.delete(&format!("/api/v1/sponsors/{acme_id}"), Some(&f.owner.token))
            .await
            .0,
        StatusCode::NO_CONTENT
    );
    let (_, read) = app.get(&format!("/api/v1/meetups/{id}"), None).await;
    let left: Vec<&str> = read["sponsors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(left, ["Pizzeria Roma"]);
}

async fn organisers_manage_sponsors_from_the_pages(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    let f = group_with_venue(&app).await;
    let meetup = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Apéro Django", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let id = meetup["id"].as_str().unwrap().to_string();
    let browser = app.new_browser();
    browser.login("owner@example.org").await;
    let response = browser
        .submit_form(
            "/groups/grp/sponsors",
            "/groups/grp/sponsors",
            &[("name", "Acme"), ("url", "https://acme.example")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = browser.page("/groups/grp/sponsors").await;
    assert!(html.contains("Acme"), "{html}");
    let (_, listed) = app.get("/api/v1/groups/grp/sponsors", None).await;
    let acme = listed["sponsors"][0]["id"].as_str().unwrap().to_string();
    // A logo that is no picture: the page again with the error.
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", csrf_token(&html))
        .part(
            "logo",
            reqwest::multipart::Part::bytes(b"not a picture".to_vec()).file_name("logo.png"),
        );
    let response = browser
        .client
        .post(browser.url(&format!("/groups/grp/sponsors/{acme}/logo")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // The meetup's sponsors, picked on its page.
    let form_page = format!("/groups/grp/meetups/{id}/sponsors");
    let (status, html) = browser.page(&form_page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&format!("name=\"role-{acme}\"")), "{html}");
    let field = format!("role-{acme}");
    let response = browser
        .submit_form(&form_page, &form_page, &[(field.as_str(), "drinks")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, read) = app.get(&format!("/api/v1/meetups/{id}"), None).await;
    assert_eq!(read["sponsors"][0]["role"], "drinks");
    // Others may not see these pages.
    let other = app.new_browser();
    other.login("member@example.org").await;
    app.post(
        "/api/v1/groups/grp/members",
        Some(&f.member.token),
        json!({}),
    )
    .await;
    assert_eq!(
        other.page("/groups/grp/sponsors").await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(other.page(&form_page).await.0, StatusCode::FORBIDDEN);
}

/// The text and HTML parts of a mail, decoded.
fn parts(mail: &crate::smtp_sink::ReceivedMail) -> (String, String) {
    let message = mail_parser::MessageParser::default()
        .parse(mail.data.as_bytes())
        .unwrap();
    (
        message.body_text(0).unwrap_or_default().to_string(),
        message.body_html(0).unwrap_or_default().to_string(),
    )
}

/// The mail after the meetup thanks its hosts and sponsors, in each reader's language, in its
/// text and its HTML; a meetup without sponsors thanks nobody.
async fn the_follow_up_thanks_the_sponsors(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_sink(backend, &sink).await else {
        return;
    };
    let f = group_with_venue(&app).await;
    let (status, body) = app
        .post(
            "/api/v1/auth/register",
            None,
            json!({ "email": "francoise@example.org", "name": "Françoise",
                    "password": "correct horse battery", "locale": "fr" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let francoise = body["token"].as_str().unwrap().to_string();
    let list = "/api/v1/groups/grp/sponsors";
    let (_, acme) = app
        .post(
            list,
            Some(&f.owner.token),
            json!({ "name": "Acme", "url": "https://acme.example" }),
        )
        .await;
    let (_, pizza) = app
        .post(list, Some(&f.owner.token), json!({ "name": "Pizza Co" }))
        .await;
    // Both end at 20:00Z on 3 December 2030; only the first has sponsors.
    let mut ids = Vec::new();
    for title in ["Sponsored", "Plain"] {
        let meetup = create_meetup(
            &app,
            &f.owner.token,
            json!({ "title": title, "starts_at": "2030-12-03T19:00", "venue_id": f.venue_id }),
        )
        .await;
        ids.push(meetup["id"].as_str().unwrap().to_string());
    }
    let (status, named) = app
        .put(
            &format!("/api/v1/meetups/{}/sponsors", ids[0]),
            Some(&f.owner.token),
            json!([
                { "sponsor_id": acme["id"], "role": "venue" },
                { "sponsor_id": pizza["id"], "role": "food" }
            ]),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{named}");
    app.rsvp(&ids[0], &f.member.token, "yes").await;
    app.rsvp(&ids[0], &francoise, "yes").await;
    app.rsvp(&ids[1], &f.member.token, "yes").await;
    let before = deliver(&app, now()).await.sent;

    let ended = chrono::NaiveDate::from_ymd_opt(2030, 12, 3)
        .unwrap()
        .and_hms_opt(20, 0, 0)
        .unwrap();
    let due = deliver(&app, ended + chrono::Duration::hours(12)).await;
    assert_eq!((due.follow_ups_queued, due.sent), (3, 3));
    let mails = sink.wait_for(before + 3, WAIT).await;
    let follow_up = |to_whom: &str, title: &str| {
        let mine = to(&mails[before..], to_whom);
        let mail = mine
            .iter()
            .find(|m| parts(m).0.contains(title))
            .unwrap_or_else(|| panic!("no follow-up of {title} to {to_whom}"));
        parts(mail)
    };
    let (text, html) = follow_up("francoise@example.org", "Sponsored");
    assert!(
        text.contains(
            "Merci à Acme (https://acme.example) pour l'accueil et à Pizza Co pour le repas."
        ),
        "{text}"
    );
    assert!(
        html.contains("href=\"https://acme.example\"") && html.contains("Pizza Co pour le repas"),
        "{html}"
    );
    let (text, html) = follow_up("member@example.org", "Sponsored");
    assert!(
        text.contains(
            "Thanks to Acme (https://acme.example) for hosting us and Pizza Co for the food."
        ),
        "{text}"
    );
    assert!(html.contains("Pizza Co for the food"), "{html}");
    let (text, html) = follow_up("member@example.org", "Plain");
    for part in [&text, &html] {
        assert!(
            !part.contains("Acme") && !part.contains("Thanks to"),
            "{part}"
        );
    }
}

on_both_backends_with!(
    sponsors_are_shown_announced_and_thanked,
    organisers_manage_sponsors_from_the_pages,
    the_follow_up_thanks_the_sponsors,
);
