use serde::{Deserialize, Serialize};

use super::FieldError;

/// `^[a-z0-9][a-z0-9-]{1,62}$`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slug(String);

impl Slug {
    pub fn parse(text: &str) -> Result<Slug, FieldError> {
        let valid = (2..=63).contains(&text.len())
            && text
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            && text
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if valid {
            Ok(Slug(text.to_string()))
        } else {
            Err(FieldError::new("slug", "error-slug_invalid"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupRole {
    Organiser,
    /// A member who helps at the door: sees the check-in list and ticks people in, nothing else.
    Helper,
    Member,
}

impl GroupRole {
    pub fn parse(text: &str) -> Option<GroupRole> {
        match text {
            "organiser" => Some(GroupRole::Organiser),
            "helper" => Some(GroupRole::Helper),
            "member" => Some(GroupRole::Member),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            GroupRole::Organiser => "organiser",
            GroupRole::Helper => "helper",
            GroupRole::Member => "member",
        }
    }

    /// Whether the role sees the check-in list and ticks people in.
    pub fn checks_in(self) -> bool {
        matches!(self, GroupRole::Organiser | GroupRole::Helper)
    }
}

/// Who may create groups on this instance (`ALLOW_GROUP_CREATION`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GroupCreation {
    #[default]
    Anyone,
    /// Only the accounts named in `ADMIN_EMAILS`.
    Admins,
}

impl GroupCreation {
    pub fn parse(text: &str) -> Option<GroupCreation> {
        match text.trim() {
            "anyone" => Some(GroupCreation::Anyone),
            "admins" => Some(GroupCreation::Admins),
            _ => None,
        }
    }
}

/// Whether the account at `email` may create a group: administrators always may.
pub fn may_create_groups(policy: GroupCreation, admin_emails: &[String], email: &str) -> bool {
    policy == GroupCreation::Anyone || admin_emails.iter().any(|a| a.eq_ignore_ascii_case(email))
}

/// Why a change of role is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleRefusal {
    LastOrganiser,
}

impl RoleRefusal {
    pub fn code(self) -> &'static str {
        match self {
            RoleRefusal::LastOrganiser => "last_organiser",
        }
    }
}

/// A group always keeps at least one organiser: the last one cannot step down.
pub fn check_role_change(
    current: GroupRole,
    wanted: GroupRole,
    organisers: i64,
) -> Result<(), RoleRefusal> {
    if current == GroupRole::Organiser && wanted != GroupRole::Organiser && organisers <= 1 {
        return Err(RoleRefusal::LastOrganiser);
    }
    Ok(())
}

/// A link shown on the group page: website, social account, chat channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupLink {
    pub label: String,
    pub url: String,
}

/// Schemes a community links to; anything else (`javascript:`…) is refused.
const LINK_SCHEMES: [&str; 6] = [
    "https://", "http://", "irc://", "ircs://", "mailto:", "matrix:",
];

pub fn parse_links(links: &[GroupLink]) -> Result<Vec<GroupLink>, FieldError> {
    if links.len() > 20 {
        return Err(FieldError::new("links", "error-links_invalid"));
    }
    links
        .iter()
        .map(|l| {
            let label = l.label.trim();
            let url = l.url.trim();
            let ok = !label.is_empty()
                && label.chars().count() <= 60
                && url.len() <= 500
                && !url.chars().any(|c| c.is_whitespace() || c.is_control())
                && LINK_SCHEMES
                    .iter()
                    .any(|s| url.len() > s.len() && url.to_ascii_lowercase().starts_with(s));
            if ok {
                Ok(GroupLink {
                    label: label.into(),
                    url: url.into(),
                })
            } else {
                Err(FieldError::new("links", "error-links_invalid"))
            }
        })
        .collect()
}

/// An http(s) URL, for venue pages and online meetings.
pub fn parse_web_url(text: &str, field: &'static str) -> Result<String, FieldError> {
    let url = text.trim();
    let lower = url.to_ascii_lowercase();
    let ok = (lower.starts_with("https://") || lower.starts_with("http://"))
        && url.len() > 8
        && url.len() <= 500
        && !url.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok {
        Ok(url.to_string())
    } else {
        Err(FieldError::new(field, "error-url_invalid"))
    }
}

/// A required single-line text of at most `max` characters.
pub fn parse_text(text: &str, field: &'static str, max: usize) -> Result<String, FieldError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(FieldError::new(field, "error-required"));
    }
    if t.chars().count() > max || t.chars().any(|c| c.is_control()) {
        return Err(FieldError::new(field, "error-text_too_long"));
    }
    Ok(t.to_string())
}

/// Free text (descriptions): at most `max` characters, may be empty.
pub fn parse_long_text(text: &str, field: &'static str, max: usize) -> Result<String, FieldError> {
    if text.chars().count() > max {
        return Err(FieldError::new(field, "error-text_too_long"));
    }
    Ok(text.replace("\r\n", "\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn administrators_always_create_groups() {
        let admins = ["Admin@Example.org".to_string()];
        assert!(may_create_groups(
            GroupCreation::Anyone,
            &[],
            "x@example.org"
        ));
        assert!(!may_create_groups(
            GroupCreation::Admins,
            &admins,
            "x@example.org"
        ));
        assert!(may_create_groups(
            GroupCreation::Admins,
            &admins,
            "admin@example.org"
        ));
        assert_eq!(GroupCreation::parse("admins"), Some(GroupCreation::Admins));
        assert_eq!(GroupCreation::parse("nobody"), None);
    }

    #[test]
    fn slugs() {
        assert!(Slug::parse("djangauvergne").is_ok());
        assert!(Slug::parse("rust-lyon-2").is_ok());
        for bad in ["", "a", "-abc", "Abc", "a_b", "été", &"a".repeat(64)] {
            assert!(Slug::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn links_allow_community_schemes_only() {
        let ok = parse_links(&[
            GroupLink {
                label: "Twitter".into(),
                url: "http://twitter.com/DjangAuvergne".into(),
            },
            GroupLink {
                label: "IRC".into(),
                url: "irc://chat.freenode.net:6667/djangauvergne".into(),
            },
        ]);
        assert_eq!(ok.unwrap().len(), 2);
        let bad = parse_links(&[GroupLink {
            label: "x".into(),
            url: "javascript:alert(1)".into(),
        }]);
        assert!(bad.is_err());
    }

    #[test]
    fn urls_and_texts() {
        assert!(parse_web_url("https://meet.example/abc", "online_url").is_ok());
        assert!(parse_web_url("javascript:alert(1)", "online_url").is_err());
        assert!(parse_text("  ", "title", 10).is_err());
        assert!(parse_text("abcdefghijk", "title", 10).is_err());
        assert_eq!(parse_text(" ok ", "title", 10).unwrap(), "ok");
    }
}
