//! Where a webhook may be sent: its host is resolved once, every address it resolves to must
//! be public ([`forbidden_address`]), and the request then goes to that very address, so a
//! second DNS answer (a rebind) cannot send it elsewhere.

use std::net::{IpAddr, SocketAddr};

use url::{Host, Url};

use crate::config::Settings;
use crate::domain::webhook::{forbidden_address, parse_url};

/// A URL cleared for one request: connect to `addr`; `domain` is pinned to it.
#[derive(Debug, Clone)]
pub struct Cleared {
    pub url: Url,
    pub domain: Option<String>,
    pub addr: SocketAddr,
}

/// Why a URL may not be requested. The texts name the host only: a webhook URL's path often
/// holds its secret (Discord, Slack), so it is never written in the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Not `https://` (or `http://` when private addresses are allowed), or malformed.
    Scheme,
    /// The name does not resolve.
    Unresolved(String),
    /// The host is, or resolves to, a private, loopback, link-local or metadata address.
    Private(String),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Scheme => f.write_str("refused: only https:// URLs are allowed"),
            Refusal::Unresolved(host) => write!(f, "refused: {host} does not resolve"),
            Refusal::Private(host) => write!(f, "refused: {host} is a private address"),
        }
    }
}

/// Resolves `url`'s host and clears it for a request, unless the instance allows private
/// addresses (`WEBHOOK_ALLOW_PRIVATE`, tests only), in which case it is still resolved and
/// pinned but not checked.
pub async fn clear(settings: &Settings, url: &str) -> Result<Cleared, Refusal> {
    let allow = settings.webhook_allow_private;
    let url = parse_url(url, allow).map_err(|_| Refusal::Scheme)?;
    let port = url.port_or_known_default().ok_or(Refusal::Scheme)?;
    let (domain, addrs): (Option<String>, Vec<IpAddr>) = match url.host() {
        Some(Host::Ipv4(ip)) => (None, vec![IpAddr::V4(ip)]),
        Some(Host::Ipv6(ip)) => (None, vec![IpAddr::V6(ip)]),
        Some(Host::Domain(name)) => {
            let name = name.to_ascii_lowercase();
            let pinned: Vec<IpAddr> = settings
                .webhook_hosts
                .iter()
                .filter(|(host, _)| host.eq_ignore_ascii_case(&name))
                .map(|(_, ip)| *ip)
                .collect();
            let addrs = if pinned.is_empty() {
                match tokio::net::lookup_host((name.as_str(), port)).await {
                    Ok(found) => found.map(|a| a.ip()).collect(),
                    Err(_) => Vec::new(),
                }
            } else {
                pinned
            };
            (Some(name), addrs)
        }
        None => return Err(Refusal::Scheme),
    };
    let host = url.host_str().unwrap_or_default().to_string();
    let Some(first) = addrs.first().copied() else {
        return Err(Refusal::Unresolved(host));
    };
    // Every answer must be public: a name answering a public and a private address could
    // otherwise be sent to the private one by the next resolution.
    if !allow && addrs.iter().any(|ip| forbidden_address(*ip)) {
        return Err(Refusal::Private(host));
    }
    Ok(Cleared {
        url,
        domain,
        addr: SocketAddr::new(first, port),
    })
}
