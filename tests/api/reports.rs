use rendezvous::db::Backend;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::check_in::tick_directly;
use crate::helpers::TestApp;
use crate::meetups::{create_meetup, group_with_venue};
use crate::on_both_backends;

const FIXTURE: &[u8] = include_bytes!("../../src/reports/testdata/premier-meetup.md");

pub async fn import(app: &TestApp, token: Option<&str>, body: &[u8]) -> (StatusCode, Value) {
    let mut req = app
        .api
        .post(app.url("/api/v1/groups/grp/reports/import"))
        .header("content-type", "text/markdown")
        .body(body.to_vec());
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    crate::helpers::body(req.send().await.unwrap()).await
}

async fn pelican_fixture_round_trip(app: TestApp) {
    let f = group_with_venue(&app).await;
    let (status, body) = import(&app, Some(&f.owner.token), FIXTURE).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["slug"], "2012-10-15-Premier-Meetup-DjangAuvergne");
    let meetup_id = body["meetup_id"].as_str().unwrap().to_string();
    let (_, meetup) = app.get(&format!("/api/v1/meetups/{meetup_id}"), None).await;
    assert_eq!(
        meetup["starts_at"], "2012-10-15T17:00:00Z",
        "19:00 in Paris on the day given"
    );
    // The same file again updates; it does not duplicate.
    let (status, again) = import(&app, Some(&f.owner.token), FIXTURE).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(again["meetup_id"], meetup_id.as_str());
    let (_, past) = app.get("/api/v1/groups/grp/meetups?when=past", None).await;
    assert_eq!(past["meetups"].as_array().unwrap().len(), 1);

    let page = "/groups/grp/reports/2012-10-15-Premier-Meetup-DjangAuvergne";
    let (status, html) = app.new_browser().page(page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<html lang=\"fr\">"));
    assert!(html.contains("<h2>Les attentes de la communauté</h2>"));
    assert!(html.contains("<h3>Ouverture</h3>"));
    assert!(html.contains("<li>Lieu : Ness Pub de Clermont-Ferrand</li>"));
    // The date is the text's: the page does not repeat it.
    let article = &html[html.find("<article").unwrap()..];
    assert!(article.contains("Date : 15 octobre 2012"));
    assert!(!article.contains("lundi 15 octobre 2012"));
    assert!(
        html.contains("<del><a href=\"http://www.bonjourmadame.fr\" rel=\"nofollow noopener\">"),
        "struck-through link kept"
    );
    assert!(html.contains("href=\"irc://chat.freenode.net:6667/djangauvergne\""));

    let atom = app
        .api
        .get(app.url("/groups/grp/reports.atom"))
        .send()
        .await
        .unwrap();
    assert!(atom.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/atom+xml"));
    let atom = atom.text().await.unwrap();
    assert_eq!(atom.matches("<entry>").count(), 1);
    assert!(atom.contains("Compte-Rendu du premier Meetup DjangAuvergne"));
    let (_, group_page) = app.new_browser().page("/groups/grp").await;
    assert!(group_page.contains(page) && group_page.contains("/groups/grp/reports.atom"));
    let (_, meetup_page) = app
        .new_browser()
        .page(&format!("/groups/grp/meetups/{meetup_id}"))
        .await;
    assert!(
        meetup_page.contains(page),
        "the meetup page links its report"
    );

    let exported = app
        .api
        .get(app.url(&format!("{page}.md")))
        .send()
        .await
        .unwrap();
    assert!(exported.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/markdown"));
    let exported = exported.text().await.unwrap();
    let original = rendezvous::reports::pelican::parse(FIXTURE).unwrap();
    let round_trip = rendezvous::reports::pelican::parse(exported.as_bytes()).unwrap();
    assert_eq!(
        round_trip, original,
        "every metadata value and the body survive"
    );
    assert!(exported.contains("Date: 2012-10-15\n"));
}

async fn bad_files_name_their_field(app: TestApp) {
    let f = group_with_venue(&app).await;
    for (body, field) in [
        (b"Date: 2012-10-15\n\nNo title".to_vec(), "title"),
        (b"Title: T\nDate: someday\n\nBody".to_vec(), "date"),
        (b"Title: T\n\nNo date".to_vec(), "date"),
        (vec![b'T', b'i', 0xff, 0xfe, b'\n'], "file"),
    ] {
        let (status, error) = import(&app, Some(&f.owner.token), &body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(error["error"]["field"], field);
    }
    let (status, _) = import(&app, None, FIXTURE).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = import(&app, Some(&f.member.token), FIXTURE).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

async fn drafts_editor_and_hostile_markdown(app: TestApp) {
    let f = group_with_venue(&app).await;
    let m = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Soirée", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let id = m["id"].as_str().unwrap();
    let hostile = "# Hi\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[click](javascript:alert(3))\n\n<div style=\"position:fixed\">x</div>";
    let (status, _) = app
        .put(
            &format!("/api/v1/meetups/{id}/report"),
            Some(&f.member.token),
            json!({ "body_markdown": "x", "published": true }),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, saved) = app
        .put(
            &format!("/api/v1/meetups/{id}/report"),
            Some(&f.owner.token),
            json!({ "body_markdown": hostile, "published": false }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert_eq!(saved["published"], false);
    let path = saved["url"]
        .as_str()
        .unwrap()
        .strip_prefix("http://rendezvous.test")
        .unwrap()
        .to_string();
    let (status, _) = app.get(&format!("/api/v1/meetups/{id}/report"), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "drafts are for organisers");
    let (status, _) = app
        .get(
            &format!("/api/v1/meetups/{id}/report"),
            Some(&f.owner.token),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = app.new_browser().page(&path).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // The editor: preview without saving, then publish.
    let owner = app.new_browser();
    owner.login("owner@example.org").await;
    let editor = format!("/groups/grp/meetups/{id}/report");
    let response = owner
        .submit_form(
            &editor,
            &editor,
            &[
                ("title", "Compte-rendu"),
                ("body_markdown", "**Preview me**"),
                ("preview", "1"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("<strong>Preview me</strong>"));
    let (_, draft) = app
        .get(
            &format!("/api/v1/meetups/{id}/report"),
            Some(&f.owner.token),
        )
        .await;
    assert_eq!(draft["body_markdown"], hostile, "a preview saves nothing");
    let response = owner
        .submit_form(
            &editor,
            &editor,
            &[
                ("title", "Compte-rendu"),
                ("body_markdown", hostile),
                ("published", "on"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (status, html) = app.new_browser().page(&path).await;
    assert_eq!(status, StatusCode::OK);
    let article = &html[html.find("<article").unwrap()..];
    for bad in [
        "<script",
        "onerror",
        "javascript:",
        "style=",
        "alert(1)</script",
    ] {
        assert!(!article.contains(bad), "{bad} survived");
    }
    assert!(article.contains("<h1>Hi</h1>"));
}

async fn report_lists_who_came(app: TestApp) {
    let f = group_with_venue(&app).await;
    // Names for everyone (by default only members read them).
    let public = json!({ "attendee_visibility": "public" });
    app.patch("/api/v1/groups/grp", Some(&f.owner.token), public)
        .await;
    let m = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Check", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let id = m["id"].as_str().unwrap();
    let other = app.register("other@example.org", "Absentee").await;
    for token in [&f.member.token, &other.token] {
        app.rsvp(id, token, "yes").await;
    }
    let (_, saved) = app
        .put(
            &format!("/api/v1/meetups/{id}/report"),
            Some(&f.owner.token),
            json!({ "body_markdown": "Merci", "published": true }),
        )
        .await;
    let path = saved["url"]
        .as_str()
        .unwrap()
        .strip_prefix("http://rendezvous.test")
        .unwrap()
        .to_string();
    let (_, html) = app.new_browser().page(&path).await;
    assert!(
        html.contains("Member") && html.contains("Absentee"),
        "without check-in: those going"
    );
    tick_directly(&app, id, &f.member.id, true).await;
    let (_, html) = app.new_browser().page(&path).await;
    assert!(
        html.contains("Member") && !html.contains("Absentee"),
        "with check-in: those who came"
    );
    // Kept for anonymous readers, yet following every check-in: as many people checked in as
    // before, but not the same ones.
    if app.db.backend == Backend::Sqlite {
        assert_eq!(app.queries_for(&path).await, 1, "served from cache");
    }
    for (who, attended) in [(&f.member.id, false), (&other.id, true)] {
        tick_directly(&app, id, who, attended).await;
    }
    let (_, html) = app.new_browser().page(&path).await;
    assert!(html.contains("Absentee"), "the new check-in shows");
    // Back to names for members: the cached page follows, a member still reads them.
    let members = json!({ "attendee_visibility": "members" });
    app.patch("/api/v1/groups/grp", Some(&f.owner.token), members)
        .await;
    let (_, html) = app.new_browser().page(&path).await;
    assert!(!html.contains("Absentee"), "names are for members");
    let member = app.new_browser();
    member.login("member@example.org").await;
    assert!(member.page(&path).await.1.contains("Absentee"));
}

async fn cli_imports_a_folder_and_exports_a_site(app: TestApp) {
    group_with_venue(&app).await;
    let dir = std::env::temp_dir().join(format!("rendezvous-pelican-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("2012-10-15-premier.md"), FIXTURE).unwrap();
    std::fs::write(dir.join("broken.md"), b"Title: No date\n\nBody").unwrap();
    let (imported, failures) = rendezvous::cli::import_pelican(&app.db, "grp", &dir)
        .await
        .unwrap();
    assert_eq!(imported, 1);
    assert_eq!(failures.len(), 1);
    assert!(
        failures[0].contains("broken.md") && failures[0].contains("date"),
        "{failures:?}"
    );
    let site = dir.join("site");
    let n = rendezvous::cli::export_site(&app.db, &app.settings, "grp", &site)
        .await
        .unwrap();
    assert_eq!(n, 1);
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(index.contains("reports/2012-10-15-Premier-Meetup-DjangAuvergne.html"));
    assert!(site
        .join("reports/2012-10-15-Premier-Meetup-DjangAuvergne.html")
        .exists());
    assert!(site.join("assets/style.css").exists());
    assert!(std::fs::read_to_string(site.join("feed.atom"))
        .unwrap()
        .contains("<entry>"));
    let markdown =
        std::fs::read(site.join("content/2012-10-15-2012-10-15-Premier-Meetup-DjangAuvergne.md"))
            .unwrap();
    assert_eq!(
        rendezvous::reports::pelican::parse(&markdown).unwrap(),
        rendezvous::reports::pelican::parse(FIXTURE).unwrap()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

on_both_backends!(
    pelican_fixture_round_trip,
    bad_files_name_their_field,
    drafts_editor_and_hostile_markdown,
    report_lists_who_came,
    cli_imports_a_folder_and_exports_a_site,
);

async fn organisers_upload_pelican_files_from_a_page(app: TestApp) {
    group_with_venue(&app).await;
    let browser = app.new_browser();
    browser.login("owner@example.org").await;
    let page = "/groups/grp/reports/import";
    let (status, html) = browser.page(page).await;
    assert_eq!(status, StatusCode::OK);
    let token = crate::helpers::csrf_token(&html);
    let upload = |token: String, files: Vec<(&'static str, &'static [u8])>| {
        let mut form = reqwest::multipart::Form::new().text("csrf_token", token);
        for (name, bytes) in files {
            let part = reqwest::multipart::Part::bytes(bytes).file_name(name);
            form = form.part("files", part);
        }
        browser
            .client
            .post(browser.url(page))
            .multipart(form)
            .send()
    };
    let broken: &[u8] = b"Title: Sans date\nDate: 15 octobre 2012\n\nCorps.";
    let response = upload(
        token.clone(),
        vec![("premier-meetup.md", FIXTURE), ("casse.md", broken)],
    )
    .await
    .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.unwrap();
    let results = &html[html.find("import-results").expect("the results")..];
    assert_eq!(results.matches("badge ok").count(), 1, "{results}");
    assert_eq!(results.matches("badge bad").count(), 1);
    assert!(
        results.contains("casse.md") && results.contains("date"),
        "the field at fault"
    );
    assert!(results.contains("line 2"), "and its line: {results}");
    let (_, past) = app.get("/api/v1/groups/grp/meetups?when=past", None).await;
    assert_eq!(
        past["meetups"].as_array().unwrap().len(),
        1,
        "one report, one meetup"
    );
    // Without a valid token nothing is imported; members may not import.
    let response = upload("stale".into(), vec![("b.md", broken)])
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let member = app.new_browser();
    member.login("member@example.org").await;
    assert_eq!(member.page(page).await.0, StatusCode::FORBIDDEN);
}

on_both_backends!(organisers_upload_pelican_files_from_a_page);

/// Issue 33: the editor's heading names the meetup with a link back, the preview keeps the
/// text, and the draft counts guests among those present.
async fn the_editor_names_its_meetup_and_the_draft_counts_guests(app: TestApp) {
    let f = group_with_venue(&app).await;
    let m = create_meetup(
        &app,
        &f.owner.token,
        json!({ "title": "Apéro", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let id = m["id"].as_str().unwrap();
    let (status, _) = app
        .put(
            &format!("/api/v1/meetups/{id}/rsvp"),
            Some(&f.member.token),
            json!({ "answer": "yes", "guests": 2 }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    app.patch(
        &format!("/api/v1/meetups/{id}"),
        Some(&f.owner.token),
        json!({ "starts_at": "2020-12-03T19:00" }),
    )
    .await;
    let response = app
        .api
        .get(app.url(&format!("/api/v1/meetups/{id}/report/draft")))
        .bearer_auth(&f.owner.token)
        .send()
        .await
        .unwrap();
    let draft = response.text().await.unwrap();
    assert!(
        draft.contains("* Étaient présents (3)\n"),
        "a member and two guests: {draft}"
    );

    let owner = app.new_browser();
    owner.login("owner@example.org").await;
    let editor = format!("/groups/grp/meetups/{id}/report");
    let (status, html) = owner.page(&format!("{editor}?lang=en")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<h1>Report of Apéro</h1>"), "{html}");
    assert!(html.contains(&format!("href=\"/groups/grp/meetups/{id}\"")));
    assert!(html.contains("report-editor"));
    let response = owner
        .submit_form(
            &editor,
            &editor,
            &[
                ("title", "Apéro"),
                ("body_markdown", "Kept **as typed**"),
                ("preview", "1"),
            ],
        )
        .await;
    let html = response.text().await.unwrap();
    assert!(html.contains("<strong>as typed</strong>"), "{html}");
    assert!(html.contains(">Kept **as typed**</textarea>"), "{html}");
}

on_both_backends!(the_editor_names_its_meetup_and_the_draft_counts_guests);
