//! A group's code of conduct, and members' reports of a problem to its organisers.

use super::group::parse_web_url;
use super::FieldError;

/// Longest incident contact (an address or a short sentence).
pub const INCIDENT_CONTACT_MAX: usize = 200;
/// Longest report of a problem.
pub const REPORT_MAX: usize = 4_000;
/// Reports one member may send to one group's organisers in an hour.
pub const MAX_REPORTS_PER_HOUR: i64 = 5;

/// The code of conduct's address: none when blank, else an http(s) URL.
pub fn parse_conduct_url(text: Option<&str>) -> Result<Option<String>, FieldError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(url) => parse_web_url(url, "code_of_conduct_url").map(Some),
    }
}

/// Whom to tell of an incident: none when blank, else one line of at most
/// [`INCIDENT_CONTACT_MAX`] characters.
pub fn parse_incident_contact(text: Option<&str>) -> Result<Option<String>, FieldError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) if t.chars().count() > INCIDENT_CONTACT_MAX || t.chars().any(char::is_control) => {
            Err(FieldError::new("incident_contact", "error-text_too_long"))
        }
        Some(t) => Ok(Some(t.to_string())),
    }
}

/// Whether a group asks its members to accept a code of conduct: it must say where to read it.
pub fn is_required(require: bool, url: Option<&str>) -> bool {
    require && url.is_some_and(|u| !u.is_empty())
}

/// Where a person stands with the group's code of conduct when they join or answer a meetup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// The group asks for acceptance (see [`is_required`]).
    pub required: bool,
    /// They organise the group (organisers set the code; they are not asked).
    pub organiser: bool,
    /// They accepted it already.
    pub accepted: bool,
}

/// What to do about the code of conduct for someone who wants in (`accepts`: they ticked the
/// box): nothing, record the acceptance now, or refuse (422 on `accept_code_of_conduct`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Acceptance {
    NotNeeded,
    Record,
}

pub fn acceptance(standing: Standing, accepts: bool) -> Result<Acceptance, FieldError> {
    if !standing.required || standing.organiser || standing.accepted {
        Ok(Acceptance::NotNeeded)
    } else if accepts {
        Ok(Acceptance::Record)
    } else {
        Err(FieldError::new(
            "accept_code_of_conduct",
            "error-code_of_conduct_required",
        ))
    }
}

/// What a member reports: required, at most [`REPORT_MAX`] characters.
pub fn parse_report(text: &str) -> Result<String, FieldError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(FieldError::new("text", "error-required"));
    }
    if t.chars().count() > REPORT_MAX {
        return Err(FieldError::new("text", "error-text_too_long"));
    }
    Ok(t.replace("\r\n", "\n"))
}

/// Whether one more report is within the hour's limit, `sent` counting it.
pub fn within_report_limit(sent: i64) -> bool {
    sent <= MAX_REPORTS_PER_HOUR
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conduct_settings_parse() {
        assert_eq!(parse_conduct_url(Some("  ")), Ok(None));
        assert_eq!(
            parse_conduct_url(Some("https://ex.org/coc")),
            Ok(Some("https://ex.org/coc".into()))
        );
        assert_eq!(
            parse_conduct_url(Some("javascript:alert(1)"))
                .unwrap_err()
                .field,
            "code_of_conduct_url"
        );
        assert_eq!(parse_incident_contact(None), Ok(None));
        assert!(parse_incident_contact(Some(&"x".repeat(201))).is_err());
        assert!(parse_incident_contact(Some("a\u{7}b")).is_err());
        assert!(!is_required(true, None));
        assert!(is_required(true, Some("https://ex.org")));
    }

    #[test]
    fn acceptance_is_asked_once_of_members_only() {
        let s = |required, organiser, accepted| Standing {
            required,
            organiser,
            accepted,
        };
        assert_eq!(
            acceptance(s(false, false, false), false),
            Ok(Acceptance::NotNeeded)
        );
        assert_eq!(
            acceptance(s(true, true, false), false),
            Ok(Acceptance::NotNeeded)
        );
        assert_eq!(
            acceptance(s(true, false, true), false),
            Ok(Acceptance::NotNeeded)
        );
        assert_eq!(
            acceptance(s(true, false, false), true),
            Ok(Acceptance::Record)
        );
        assert_eq!(
            acceptance(s(true, false, false), false).unwrap_err().field,
            "accept_code_of_conduct"
        );
    }

    #[test]
    fn reports_are_required_and_bounded() {
        assert!(parse_report(" ").is_err());
        assert!(parse_report(&"x".repeat(REPORT_MAX + 1)).is_err());
        assert_eq!(parse_report(" a\r\nb ").unwrap(), "a\nb");
        assert!(within_report_limit(MAX_REPORTS_PER_HOUR));
        assert!(!within_report_limit(MAX_REPORTS_PER_HOUR + 1));
    }
}
