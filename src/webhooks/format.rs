//! The request each format makes of a delivery: pure, so each chat's shape is checked by unit
//! tests without a network.

use serde_json::json;
use url::Url;

use crate::domain::webhook::{signature, WebhookFormat};

/// Names of the headers every delivery carries; generic ones are signed.
pub const EVENT_HEADER: &str = "X-Rendezvous-Event";
pub const DELIVERY_HEADER: &str = "X-Rendezvous-Delivery";
pub const TIMESTAMP_HEADER: &str = "X-Rendezvous-Timestamp";
pub const SIGNATURE_HEADER: &str = "X-Rendezvous-Signature";

/// What one delivery sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    /// `POST`, or `PUT` for a Matrix room's send URL.
    pub put: bool,
    pub url: Url,
    pub headers: Vec<(&'static str, String)>,
    pub body: String,
}

/// What a delivery knows when it goes.
pub struct Parts<'a> {
    pub format: WebhookFormat,
    pub url: &'a Url,
    pub secret: &'a str,
    pub token: Option<&'a str>,
    /// The idempotency key: receivers may drop a delivery they already took.
    pub key: &'a str,
    pub event: &'a str,
    /// The generic JSON body.
    pub payload: &'a str,
    /// The chat text.
    pub message: &'a str,
    /// Unix seconds, signed with the body.
    pub timestamp: i64,
}

/// Discord refuses content over 2,000 characters; Mastodon's default limit is 500.
fn clipped(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max - 1).collect();
    out.push('…');
    out
}

pub fn outgoing(p: &Parts) -> Outgoing {
    let mut headers = vec![
        (EVENT_HEADER, p.event.to_string()),
        (DELIVERY_HEADER, p.key.to_string()),
    ];
    let bearer = |headers: &mut Vec<(&'static str, String)>| {
        if let Some(token) = p.token {
            headers.push(("Authorization", format!("Bearer {token}")));
        }
    };
    let (put, url, body) = match p.format {
        WebhookFormat::Generic => {
            headers.push((TIMESTAMP_HEADER, p.timestamp.to_string()));
            headers.push((
                SIGNATURE_HEADER,
                signature(p.secret, p.timestamp, p.payload),
            ));
            (false, p.url.clone(), p.payload.to_string())
        }
        WebhookFormat::Discord => (
            false,
            p.url.clone(),
            json!({ "content": clipped(p.message, 2000), "allowed_mentions": { "parse": [] } })
                .to_string(),
        ),
        WebhookFormat::Slack => (
            false,
            p.url.clone(),
            json!({ "text": p.message }).to_string(),
        ),
        WebhookFormat::Matrix => {
            let content = json!({ "msgtype": "m.text", "body": p.message, "text": p.message });
            bearer(&mut headers);
            match p.token {
                // The room's send URL (…/rooms/{room}/send/m.room.message) takes a transaction
                // id: the key, so a retried delivery posts the message once.
                Some(_) => {
                    let mut url = p.url.clone();
                    let txn: String = p
                        .key
                        .chars()
                        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                        .collect();
                    url.path_segments_mut()
                        .map(|mut s| {
                            s.pop_if_empty().push(&txn);
                        })
                        .ok();
                    (true, url, content.to_string())
                }
                None => (false, p.url.clone(), content.to_string()),
            }
        }
        WebhookFormat::Mastodon => {
            bearer(&mut headers);
            // Mastodon keeps a status posted under an Idempotency-Key for an hour.
            headers.push(("Idempotency-Key", p.key.to_string()));
            let mut url = p.url.clone();
            url.set_query(None);
            url.path_segments_mut()
                .map(|mut s| {
                    s.clear().extend(["api", "v1", "statuses"]);
                })
                .ok();
            (
                false,
                url,
                json!({ "status": clipped(p.message, 500), "visibility": "public" }).to_string(),
            )
        }
    };
    headers.push(("Content-Type", "application/json".to_string()));
    Outgoing {
        put,
        url,
        headers,
        body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts<'a>(format: WebhookFormat, url: &'a Url, token: Option<&'a str>) -> Parts<'a> {
        Parts {
            format,
            url,
            secret: "s3cret",
            token,
            key: "w1:meetup.created:m1",
            event: "meetup.created",
            payload: "{\"event\":\"meetup.created\"}",
            message: "New meetup: Apéro",
            timestamp: 1_700_000_000,
        }
    }

    fn header<'a>(o: &'a Outgoing, name: &str) -> Option<&'a str> {
        o.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn generic_is_the_payload_signed_with_its_timestamp() {
        let url = Url::parse("https://example.org/hook").unwrap();
        let o = outgoing(&parts(WebhookFormat::Generic, &url, None));
        assert_eq!(o.body, "{\"event\":\"meetup.created\"}");
        assert_eq!(header(&o, TIMESTAMP_HEADER), Some("1700000000"));
        assert_eq!(
            header(&o, SIGNATURE_HEADER).unwrap(),
            signature("s3cret", 1_700_000_000, &o.body)
        );
        assert_eq!(header(&o, "Authorization"), None);
    }

    #[test]
    fn chats_get_their_own_shapes() {
        let url = Url::parse("https://discord.com/api/webhooks/1/x").unwrap();
        let d = outgoing(&parts(WebhookFormat::Discord, &url, None));
        let body: serde_json::Value = serde_json::from_str(&d.body).unwrap();
        assert_eq!(body["content"], "New meetup: Apéro");
        assert_eq!(header(&d, SIGNATURE_HEADER), None);
        let s = outgoing(&parts(WebhookFormat::Slack, &url, None));
        assert_eq!(s.body, "{\"text\":\"New meetup: Apéro\"}");

        let room = Url::parse(
            "https://matrix.example.org/_matrix/client/v3/rooms/!r:example.org/send/m.room.message",
        )
        .unwrap();
        let m = outgoing(&parts(WebhookFormat::Matrix, &room, Some("tok")));
        assert!(m.put);
        assert!(m
            .url
            .as_str()
            .ends_with("/send/m.room.message/w1_meetup_created_m1"));
        assert_eq!(header(&m, "Authorization"), Some("Bearer tok"));

        let home = Url::parse("https://mastodon.social/").unwrap();
        let t = outgoing(&parts(WebhookFormat::Mastodon, &home, Some("tok")));
        assert_eq!(t.url.as_str(), "https://mastodon.social/api/v1/statuses");
        assert_eq!(header(&t, "Idempotency-Key"), Some("w1:meetup.created:m1"));
        assert!(t.body.contains("\"status\":\"New meetup: Apéro\""));
    }

    #[test]
    fn long_messages_are_clipped_for_the_chat() {
        let long = "x".repeat(3000);
        assert_eq!(clipped(&long, 2000).chars().count(), 2000);
        assert_eq!(clipped("short", 500), "short");
    }
}
