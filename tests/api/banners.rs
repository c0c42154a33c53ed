//! A group's banner (#32 item 4): PNG, JPEG or WebP up to 2 MiB, re-encoded by the server so no
//! metadata survives, shown on the group page and in the preview cards of its pages.

use image::codecs::jpeg::JpegEncoder;
use image::{ImageEncoder, Rgb, RgbImage};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::groups::create_group;
use crate::helpers::{body, csrf_token, TestApp};
use crate::meetups::create_meetup;
use crate::on_both_backends;

/// A JPEG of `width` × `height` with an APP1 Exif segment holding a GPS position spliced in
/// after its start marker, as a phone writes one.
pub fn jpeg_with_gps(width: u32, height: u32) -> Vec<u8> {
    let img = RgbImage::from_pixel(width, height, Rgb([30, 90, 200]));
    let mut plain = Vec::new();
    JpegEncoder::new_with_quality(&mut plain, 90)
        .write_image(img.as_raw(), width, height, image::ExtendedColorType::Rgb8)
        .unwrap();
    let mut payload =
        b"Exif\0\0MM\0*\0\0\0\x08GPSLatitude 45.7772 N GPSLongitude 3.0870 E".to_vec();
    payload.resize(80, 0);
    let length = (payload.len() + 2) as u16;
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&length.to_be_bytes());
    out.extend_from_slice(&payload);
    out.extend_from_slice(&plain[2..]);
    out
}

/// PUTs `bytes` as a picture of `content_type` to `path`.
pub async fn put_picture(
    app: &TestApp,
    path: &str,
    token: &str,
    content_type: &str,
    bytes: Vec<u8>,
) -> (StatusCode, Value) {
    let response = app
        .api
        .put(app.url(path))
        .bearer_auth(token)
        .header("Content-Type", content_type)
        .body(bytes)
        .send()
        .await
        .unwrap();
    body(response).await
}

/// An absolute URL of the app (its `BASE_URL`), as the test reaches it.
pub fn local(app: &TestApp, url: &str) -> String {
    app.url(url.trim_start_matches(app.settings.base_url.as_str()))
}

/// The `content` of the page's `<meta property="…">`.
fn meta(html: &str, property: &str) -> String {
    let marker = format!("property=\"{property}\" content=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {property}"))
        + marker.len();
    html[start..]
        .chars()
        .take_while(|c| *c != '"')
        .collect::<String>()
        .replace("&amp;", "&")
}

async fn the_banner_is_checked_stripped_and_shown(app: TestApp) {
    let owner = app.register("owner@example.org", "Owner").await;
    let member = app.register("member@example.org", "Member").await;
    create_group(&app, &owner, "grp").await;
    app.post("/api/v1/groups/grp/members", Some(&member.token), json!({}))
        .await;
    let path = "/api/v1/groups/grp/banner";

    // Too large, and not a picture: 422 naming the banner.
    let big = vec![0xAB; 3 * 1024 * 1024];
    let (status, err) = put_picture(&app, path, &owner.token, "image/jpeg", big).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
    assert_eq!(err["error"]["field"], "banner");
    let text = b"<svg xmlns='http://www.w3.org/2000/svg'/>".to_vec();
    let (status, err) = put_picture(&app, path, &owner.token, "image/svg+xml", text).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
    assert_eq!(err["error"]["field"], "banner");
    // Members who do not organise may not.
    let upload = jpeg_with_gps(1600, 1000);
    assert!(upload.windows(4).any(|w| w == b"Exif"));
    let (status, _) = put_picture(&app, path, &member.token, "image/jpeg", upload.clone()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // A phone's photo: shrunk, its EXIF (and GPS position) gone.
    let (status, banner) = put_picture(&app, path, &owner.token, "image/jpeg", upload).await;
    assert_eq!(status, StatusCode::OK, "{banner}");
    assert_eq!(
        (banner["width"].as_i64(), banner["height"].as_i64()),
        (Some(1008), Some(630))
    );
    let url = banner["url"].as_str().unwrap().to_string();
    let served = app.api.get(local(&app, &url)).send().await.unwrap();
    assert_eq!(served.status(), StatusCode::OK);
    assert_eq!(served.headers()["content-type"], "image/jpeg");
    assert!(served.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("immutable"));
    let etag = served.headers()["etag"].clone();
    let bytes = served.bytes().await.unwrap();
    assert!(!bytes.windows(4).any(|w| w == b"Exif"), "EXIF survived");
    assert!(!bytes.windows(3).any(|w| w == b"GPS"), "GPS survived");
    let decoded = image::load_from_memory(&bytes).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (1008, 630));
    let again = app
        .api
        .get(local(&app, &url))
        .header("If-None-Match", etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);

    // Shown on the group page, and the picture of its meetups' preview cards.
    let (_, group_page) = app.page("/groups/grp").await;
    assert_eq!(meta(&group_page, "og:image"), url);
    assert_eq!(meta(&group_page, "og:image:width"), "1008");
    assert!(group_page.contains("class=\"banner\""), "banner shown");
    let meetup = create_meetup(
        &app,
        &owner.token,
        json!({ "title": "Apéro Django", "starts_at": "2030-12-03T19:00" }),
    )
    .await;
    let meetup_path = format!("/groups/grp/meetups/{}", meetup["id"].as_str().unwrap());
    let (_, page) = app.page(&meetup_path).await;
    assert_eq!(meta(&page, "og:image"), url);
    assert_eq!(meta(&page, "og:title"), "Apéro Django · DjangAuvergne");
    assert!(!meta(&page, "og:site_name").is_empty());

    // Removed: the default card again, and the old address is gone.
    assert_eq!(
        app.delete(path, Some(&member.token)).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.delete(path, Some(&owner.token)).await.0,
        StatusCode::NO_CONTENT
    );
    let (_, page) = app.page(&meetup_path).await;
    assert!(
        meta(&page, "og:image").contains("/assets/card.png"),
        "default card"
    );
    assert_eq!(meta(&page, "og:image:width"), "1200");
    assert_eq!(
        app.api
            .get(local(&app, &url))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
}

async fn organisers_upload_the_banner_from_the_settings_page(app: TestApp) {
    let owner = app.register("owner@example.org", "Owner").await;
    create_group(&app, &owner, "grp").await;
    let browser = app.new_browser();
    browser.login("owner@example.org").await;
    let (status, html) = browser.page("/groups/grp/edit").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("action=\"/groups/grp/banner\""),
        "upload form"
    );
    let token = csrf_token(&html);
    let send = |bytes: Vec<u8>, name: &'static str| {
        let form = reqwest::multipart::Form::new()
            .text("csrf_token", token.clone())
            .part(
                "banner",
                reqwest::multipart::Part::bytes(bytes)
                    .file_name(name)
                    .mime_str("image/jpeg")
                    .unwrap(),
            );
        browser
            .client
            .post(browser.url("/groups/grp/banner"))
            .multipart(form)
            .send()
    };
    // Not a picture: the settings page again, with the error next to the field.
    let response = send(b"plain text".to_vec(), "notes.txt").await.unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("id=\"banner-error\""), "{html}");
    let response = send(jpeg_with_gps(300, 200), "photo.jpg").await.unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = browser.page("/groups/grp/edit").await;
    assert!(html.contains("/groups/grp/banner?v="), "the banner shown");
    let (_, group) = app.get("/api/v1/groups/grp", None).await;
    assert_eq!(group["slug"], "grp");
    let (_, page) = app.page("/groups/grp").await;
    let image = meta(&page, "og:image");
    let bytes = app
        .api
        .get(local(&app, &image))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert!(!bytes.windows(4).any(|w| w == b"Exif"));
}

on_both_backends!(
    the_banner_is_checked_stripped_and_shown,
    organisers_upload_the_banner_from_the_settings_page,
);
