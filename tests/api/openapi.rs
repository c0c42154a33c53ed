use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::TestApp;
use crate::on_both_backends;

/// Every endpoint of the contract, as clients know them.
const ENDPOINTS: [&str; 72] = [
    "post /api/v1/auth/register",
    "post /api/v1/auth/login",
    "post /api/v1/auth/logout",
    "post /api/v1/auth/password-reset",
    "post /api/v1/auth/password-reset/confirm",
    "get /api/v1/me",
    "delete /api/v1/me/sessions",
    "patch /api/v1/me",
    "get /api/v1/me/export",
    "post /api/v1/me/email",
    "post /api/v1/me/email/confirm",
    "delete /api/v1/me",
    "post /api/v1/me/password",
    "delete /api/v1/groups/{slug}/members/me",
    "get /api/v1/me/calendar",
    "post /api/v1/me/calendar/rotate",
    "post /api/v1/groups",
    "get /api/v1/groups",
    "get /api/v1/groups/{slug}",
    "patch /api/v1/groups/{slug}",
    "post /api/v1/groups/{slug}/members",
    "get /api/v1/groups/{slug}/members",
    "put /api/v1/groups/{slug}/members/{user_id}",
    "post /api/v1/groups/{slug}/venues",
    "get /api/v1/groups/{slug}/venues",
    "patch /api/v1/venues/{id}",
    "post /api/v1/groups/{slug}/meetups",
    "get /api/v1/groups/{slug}/meetups",
    "get /api/v1/meetups/{id}",
    "patch /api/v1/meetups/{id}",
    "post /api/v1/meetups/{id}/cancel",
    "post /api/v1/meetups/{id}/reinstate",
    "post /api/v1/meetups/{id}/announce",
    "post /api/v1/meetups/{id}/duplicate",
    "post /api/v1/groups/{slug}/series",
    "get /api/v1/series/{id}",
    "patch /api/v1/series/{id}",
    "post /api/v1/series/{id}/skip",
    "post /api/v1/series/{id}/end",
    "get /api/v1/groups/{slug}/subscription",
    "put /api/v1/groups/{slug}/subscription",
    "post /api/v1/groups/{slug}/messages",
    "get /api/v1/groups/{slug}/messages",
    "post /api/v1/meetups/{id}/messages",
    "get /api/v1/meetups/{id}/messages",
    "delete /api/v1/meetups/{id}",
    "delete /api/v1/venues/{id}",
    "delete /api/v1/groups/{slug}/members/{user_id}",
    "get /api/v1/meetups/{id}/attendees.csv",
    "put /api/v1/meetups/{id}/rsvp",
    "get /api/v1/meetups/{id}/rsvp",
    "delete /api/v1/meetups/{id}/rsvp",
    "get /api/v1/meetups/{id}/attendees",
    "put /api/v1/meetups/{id}/attendance/{user_id}",
    "post /api/v1/meetups/{id}/talks",
    "get /api/v1/meetups/{id}/talks",
    "patch /api/v1/talks/{id}",
    "delete /api/v1/talks/{id}",
    "post /api/v1/groups/{slug}/talks",
    "get /api/v1/groups/{slug}/talks",
    "put /api/v1/talks/{id}/vote",
    "delete /api/v1/talks/{id}/vote",
    "put /api/v1/talks/{id}/links",
    "get /api/v1/talks/{id}",
    "get /api/v1/meetups/{id}/report/draft",
    "post /api/v1/groups/{slug}/venue-suggestions",
    "get /api/v1/groups/{slug}/venue-suggestions",
    "put /api/v1/venue-suggestions/{id}/vote",
    "delete /api/v1/venue-suggestions/{id}/vote",
    "post /api/v1/venue-suggestions/{id}/accept",
    "post /api/v1/venue-suggestions/{id}/decline",
    "put /api/v1/meetups/{id}/report",
];

async fn the_api_describes_itself(app: TestApp) {
    let response = app
        .api
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let doc: Value = response.json().await.unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    for endpoint in ENDPOINTS.iter().chain(&[
        "get /api/v1/meetups/{id}/report",
        "post /api/v1/groups/{slug}/reports/import",
    ]) {
        let (method, path) = endpoint.split_once(' ').unwrap();
        let operation = &doc["paths"][path][method];
        assert!(operation.is_object(), "{endpoint} is not described");
        let responses = operation["responses"].as_object().unwrap();
        assert!(
            responses.keys().any(|s| s.starts_with('2')),
            "{endpoint}: no success answer"
        );
        assert_eq!(
            responses["422"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/ErrorBody",
            "{endpoint}: errors are described"
        );
    }
    // The error codes of the contract are named with their endpoints.
    let rsvp = doc["paths"]["/api/v1/meetups/{id}/rsvp"]["put"]["responses"]["409"]["description"]
        .as_str()
        .unwrap();
    for code in ["rsvp_closed", "meetup_cancelled", "capacity_exceeded"] {
        assert!(rsvp.contains(code), "{rsvp}");
    }
}

on_both_backends!(the_api_describes_itself);
