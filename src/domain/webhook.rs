//! Webhooks: what a group's chat or site is told, in which format, and the rules that keep
//! deliveries away from the instance's own network (no request to a private address).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::time::Duration;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::token::to_hex;
use super::FieldError;

/// What a webhook may be told of. Each is queued by the use case making the change, inside its
/// transaction (see `webhooks::events`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WebhookEvent {
    MeetupCreated,
    MeetupChanged,
    MeetupCancelled,
    TalkScheduled,
    ReportPublished,
    PollOpened,
}

impl WebhookEvent {
    pub const ALL: [WebhookEvent; 6] = [
        WebhookEvent::MeetupCreated,
        WebhookEvent::MeetupChanged,
        WebhookEvent::MeetupCancelled,
        WebhookEvent::TalkScheduled,
        WebhookEvent::ReportPublished,
        WebhookEvent::PollOpened,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WebhookEvent::MeetupCreated => "meetup.created",
            WebhookEvent::MeetupChanged => "meetup.changed",
            WebhookEvent::MeetupCancelled => "meetup.cancelled",
            WebhookEvent::TalkScheduled => "talk.scheduled",
            WebhookEvent::ReportPublished => "report.published",
            WebhookEvent::PollOpened => "poll.opened",
        }
    }

    pub fn parse(text: &str) -> Option<WebhookEvent> {
        Self::ALL.into_iter().find(|e| e.as_str() == text)
    }
}

/// How a delivery is written: signed JSON for any receiver, or a chat's own message format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WebhookFormat {
    /// The event as JSON, signed with HMAC-SHA256 over `{timestamp}.{body}`.
    Generic,
    /// `{"content": text}` to a Discord channel webhook.
    Discord,
    /// `{"text": text}` to a Slack incoming webhook.
    Slack,
    /// An `m.text` message: PUT to the room's send URL with the access token, or POSTed to a
    /// bridge (hookshot) without one.
    Matrix,
    /// A public status on a Mastodon account, with its access token.
    Mastodon,
}

impl WebhookFormat {
    pub const ALL: [WebhookFormat; 5] = [
        WebhookFormat::Generic,
        WebhookFormat::Discord,
        WebhookFormat::Slack,
        WebhookFormat::Matrix,
        WebhookFormat::Mastodon,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WebhookFormat::Generic => "generic",
            WebhookFormat::Discord => "discord",
            WebhookFormat::Slack => "slack",
            WebhookFormat::Matrix => "matrix",
            WebhookFormat::Mastodon => "mastodon",
        }
    }

    pub fn parse(text: &str) -> Option<WebhookFormat> {
        Self::ALL.into_iter().find(|f| f.as_str() == text)
    }
}

/// Where a delivery is: waiting for (another) attempt, delivered, or given up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryStatus {
    Pending,
    Delivered,
    /// Every attempt failed ([`MAX_ATTEMPTS`]).
    Failed,
}

impl DeliveryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Pending => "pending",
            DeliveryStatus::Delivered => "delivered",
            DeliveryStatus::Failed => "failed",
        }
    }

    pub fn parse(text: &str) -> Option<DeliveryStatus> {
        [
            DeliveryStatus::Pending,
            DeliveryStatus::Delivered,
            DeliveryStatus::Failed,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }
}

/// Attempts before a delivery is given up (about a day with the backoff below).
pub const MAX_ATTEMPTS: i32 = 12;
/// Longest wait for an answer: connecting, sending and reading together.
pub const TIMEOUT: Duration = Duration::from_secs(5);
pub const URL_MAX: usize = 2000;
pub const SECRET_MAX: usize = 200;
pub const TOKEN_MAX: usize = 500;
/// Webhooks a group may have.
pub const PER_GROUP: i64 = 20;

/// Wait before the next attempt after `attempts` failures: 5 s, 10 s, 20 s… capped at 1 h.
pub fn backoff(attempts: i32) -> Duration {
    let exp = attempts.clamp(1, 20) as u32 - 1;
    Duration::from_secs(5u64.saturating_mul(1 << exp)).min(Duration::from_secs(3600))
}

/// A webhook as an organiser asks for it, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookInput {
    pub url: url::Url,
    pub format: WebhookFormat,
    pub events: Vec<WebhookEvent>,
    pub secret: Option<String>,
    pub token: Option<String>,
}

/// Checks what an organiser typed. `allow_plain_http` (the instance's `WEBHOOK_ALLOW_PRIVATE`)
/// lets `http://` through for tests; where the URL points is checked apart, after resolving it
/// ([`forbidden_address`]).
pub fn parse_input(
    url: &str,
    format: &str,
    events: &[String],
    secret: Option<&str>,
    token: Option<&str>,
    allow_plain_http: bool,
) -> Result<WebhookInput, FieldError> {
    let url = parse_url(url, allow_plain_http)?;
    let format = WebhookFormat::parse(format.trim())
        .ok_or_else(|| FieldError::new("format", "error-webhook_format"))?;
    let mut wanted = Vec::new();
    for event in events {
        let event = WebhookEvent::parse(event.trim())
            .ok_or_else(|| FieldError::new("events", "error-webhook_events"))?;
        if !wanted.contains(&event) {
            wanted.push(event);
        }
    }
    if wanted.is_empty() {
        return Err(FieldError::new("events", "error-webhook_events"));
    }
    let secret = non_blank(secret);
    if secret.as_ref().is_some_and(|s| s.len() > SECRET_MAX) {
        return Err(FieldError::new("secret", "error-webhook_secret"));
    }
    let token = non_blank(token);
    if token
        .as_ref()
        .is_some_and(|t| t.len() > TOKEN_MAX || t.chars().any(char::is_control))
    {
        return Err(FieldError::new("token", "error-webhook_token"));
    }
    if format == WebhookFormat::Mastodon && token.is_none() {
        return Err(FieldError::new("token", "error-webhook_token"));
    }
    Ok(WebhookInput {
        url,
        format,
        events: wanted,
        secret,
        token,
    })
}

fn non_blank(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

/// An absolute `https://` URL with a host and no credentials in it.
pub fn parse_url(text: &str, allow_plain_http: bool) -> Result<url::Url, FieldError> {
    let bad = || FieldError::new("url", "error-webhook_url");
    let text = text.trim();
    if text.len() > URL_MAX || text.chars().any(char::is_control) {
        return Err(bad());
    }
    let url = url::Url::parse(text).map_err(|_| bad())?;
    let scheme_ok = url.scheme() == "https" || (allow_plain_http && url.scheme() == "http");
    if !scheme_ok || url.host().is_none() || !url.username().is_empty() || url.password().is_some()
    {
        return Err(bad());
    }
    Ok(url)
}

/// Whether a request to `ip` could reach the instance's own network rather than the
/// internet: loopback, private ranges, link-local (with the cloud metadata address
/// 169.254.169.254), carrier-grade NAT, unspecified, multicast and broadcast, and the same
/// behind IPv4-mapped or NAT64 IPv6 forms.
pub fn forbidden_address(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => forbidden_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return forbidden_v4(v4);
            }
            let s = v6.segments();
            // 64:ff9b::/96 (NAT64) carries an IPv4 address in its last 32 bits.
            if s[0] == 0x64 && s[1] == 0xff9b && s[2..6] == [0, 0, 0, 0] {
                let v4 =
                    Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8);
                return forbidden_v4(v4);
            }
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (s[0] & 0xffc0) == 0xfe80 // fe80::/10 link-local
                || (s[0] & 0xfe00) == 0xfc00 // fc00::/7 unique local
                || (s[0] & 0xffc0) == 0xfec0 // fec0::/10 site-local (deprecated)
                || v6 == Ipv6Addr::new(0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254) // AWS metadata (IPv6)
        }
    }
}

fn forbidden_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    ip.is_private() // 10/8, 172.16/12, 192.168/16
        || ip.is_loopback() // 127/8
        || ip.is_link_local() // 169.254/16, metadata included
        || ip.is_unspecified() // 0.0.0.0
        || ip.is_broadcast()
        || ip.is_multicast()
        || a == 0 // 0/8: "this network"
        || (a == 100 && (64..128).contains(&b)) // 100.64/10 carrier-grade NAT
        || (a == 192 && b == 0 && ip.octets()[2] == 0) // 192.0.0/24 protocol assignments
        || (a == 198 && (b == 18 || b == 19)) // 198.18/15 benchmarking
        || a >= 240 // reserved
}

/// The signature header's value of a generic delivery: `sha256=` and the hex HMAC-SHA256,
/// keyed with the webhook's secret, of `{timestamp}.{body}` (the timestamp in Unix seconds, as
/// sent in its own header), so a receiver can refuse a replayed old delivery.
pub fn signature(secret: &str, timestamp: i64, body: &str) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body.as_bytes());
    format!("sha256={}", to_hex(&mac.finalize().into_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn private_loopback_link_local_and_metadata_are_refused() {
        for bad in [
            "10.0.0.1",
            "10.255.255.255",
            "172.16.0.1",
            "172.31.255.254",
            "192.168.1.1",
            "127.0.0.1",
            "127.1.2.3",
            "169.254.169.254",
            "169.254.0.1",
            "0.0.0.0",
            "100.64.0.1",
            "100.127.255.255",
            "::1",
            "::",
            "fe80::1",
            "fc00::1",
            "fd12:3456::1",
            "::ffff:10.0.0.1",
            "::ffff:127.0.0.1",
            "64:ff9b::a9fe:a9fe",
            "fd00:ec2::254",
            "255.255.255.255",
            "224.0.0.1",
        ] {
            assert!(forbidden_address(ip(bad)), "{bad}");
        }
        for good in [
            "1.1.1.1",
            "172.32.0.1",
            "100.128.0.1",
            "93.184.216.34",
            "2606:4700::1111",
            "192.169.0.1",
        ] {
            assert!(!forbidden_address(ip(good)), "{good}");
        }
    }

    #[test]
    fn only_https_without_credentials_is_accepted() {
        assert!(parse_url("https://discord.com/api/webhooks/1/abc", false).is_ok());
        for bad in [
            "http://example.org/hook",
            "ftp://example.org/",
            "https://user:pw@example.org/",
            "not a url",
            "https://exa\u{0}mple.org/",
        ] {
            assert_eq!(parse_url(bad, false).unwrap_err().field, "url", "{bad}");
        }
        assert!(parse_url("http://127.0.0.1:8080/hook", true).is_ok());
    }

    #[test]
    fn input_needs_known_events_and_a_token_for_mastodon() {
        let events = |e: &[&str]| e.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let ok = parse_input(
            "https://example.org/h",
            "generic",
            &events(&["meetup.created", "meetup.created", "talk.scheduled"]),
            None,
            None,
            false,
        )
        .unwrap();
        assert_eq!(
            ok.events,
            [WebhookEvent::MeetupCreated, WebhookEvent::TalkScheduled]
        );
        let err = |r: Result<WebhookInput, FieldError>| r.unwrap_err().field;
        assert_eq!(
            err(parse_input(
                "https://e.org/",
                "generic",
                &[],
                None,
                None,
                false
            )),
            "events"
        );
        assert_eq!(
            err(parse_input(
                "https://e.org/",
                "generic",
                &events(&["poll.opened.not"]),
                None,
                None,
                false
            )),
            "events"
        );
        assert_eq!(
            err(parse_input(
                "https://e.org/",
                "irc",
                &events(&["meetup.created"]),
                None,
                None,
                false
            )),
            "format"
        );
        assert_eq!(
            err(parse_input(
                "https://mastodon.social",
                "mastodon",
                &events(&["meetup.created"]),
                None,
                Some("  "),
                false
            )),
            "token"
        );
    }

    #[test]
    fn signature_is_hmac_sha256_of_timestamp_dot_body() {
        // echo -n '1700000000.{"a":1}' | openssl dgst -sha256 -hmac secret
        assert_eq!(
            signature("secret", 1_700_000_000, "{\"a\":1}"),
            "sha256=49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686"
        );
        assert_ne!(
            signature("secret", 1_700_000_001, "{\"a\":1}"),
            signature("secret", 1_700_000_000, "{\"a\":1}")
        );
    }

    #[test]
    fn backoff_grows_then_caps() {
        assert_eq!(backoff(1), Duration::from_secs(5));
        assert_eq!(backoff(2), Duration::from_secs(10));
        assert_eq!(backoff(30), Duration::from_secs(3600));
    }
}
