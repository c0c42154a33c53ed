//! The embeddable list of a group's meetups: which sites may show it in a frame.

use super::FieldError;

/// Origins a group may list.
pub const MAX_ORIGINS: usize = 20;

/// The origins an organiser typed (separated by spaces, commas or lines), each
/// `https://host[:port]` or `http://…`, a `*.` wildcard allowed as the first label, as CSP's
/// `frame-ancestors` takes them; none means any site. Returned space-separated, as stored.
pub fn parse_origins(text: &str) -> Result<String, FieldError> {
    let bad = || FieldError::new("embed_origins", "error-embed_origins");
    let mut origins: Vec<String> = Vec::new();
    for item in text.split(|c: char| c.is_whitespace() || c == ',') {
        if item.is_empty() {
            continue;
        }
        let origin = parse_origin(item).ok_or_else(bad)?;
        if !origins.contains(&origin) {
            origins.push(origin);
        }
    }
    if origins.len() > MAX_ORIGINS {
        return Err(bad());
    }
    Ok(origins.join(" "))
}

fn parse_origin(item: &str) -> Option<String> {
    let item = item.trim_end_matches('/').to_ascii_lowercase();
    let (scheme, rest) = item.split_once("://")?;
    if scheme != "https" && scheme != "http" {
        return None;
    }
    let (host, port) = match rest.rsplit_once(':') {
        Some((h, p)) if !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()) => {
            (h, Some(p))
        }
        Some(_) => return None,
        None => (rest, None),
    };
    let host_part = host.strip_prefix("*.").unwrap_or(host);
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !l.starts_with('-')
    };
    if host_part.is_empty() || host_part.len() > 253 || !host_part.split('.').all(label_ok) {
        return None;
    }
    Some(match port {
        Some(p) => format!("{scheme}://{host}:{p}"),
        None => format!("{scheme}://{host}"),
    })
}

/// The `frame-ancestors` sources of the embeddable list: the group's origins, or any site.
pub fn frame_ancestors(stored: &str) -> String {
    if stored.trim().is_empty() {
        "*".to_string()
    } else {
        stored.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_schemes_hosts_and_ports_only() {
        assert_eq!(
            parse_origins(
                "https://djangauvergne.org/\nhttp://localhost:8000, https://*.example.org"
            )
            .unwrap(),
            "https://djangauvergne.org http://localhost:8000 https://*.example.org"
        );
        assert_eq!(parse_origins("  ").unwrap(), "");
        for bad in [
            "djangauvergne.org",
            "https://example.org/path",
            "javascript://x",
            "https://exa mple.org",
            "https://'none'",
            "https://example.org:x",
            "https://;script-src",
        ] {
            assert!(parse_origins(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn no_origin_means_any_site() {
        assert_eq!(frame_ancestors(""), "*");
        assert_eq!(frame_ancestors("https://a.org"), "https://a.org");
    }
}
