//! A group's sponsors and hosts, and what each gives a meetup. Sponsors are the group's data
//! (a company, a venue), not personal data.

use super::group::{parse_text, parse_web_url};
use super::{Faults, FieldError};

/// The longest sponsor name.
pub const MAX_NAME: usize = 100;
/// A meetup names at most this many sponsors.
pub const MAX_PER_MEETUP: usize = 20;

/// What a sponsor gives a meetup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SponsorRole {
    /// Hosts it.
    Venue,
    Food,
    Drinks,
    Other,
}

impl SponsorRole {
    pub const ALL: [SponsorRole; 4] = [
        SponsorRole::Venue,
        SponsorRole::Food,
        SponsorRole::Drinks,
        SponsorRole::Other,
    ];

    pub fn parse(text: &str) -> Option<SponsorRole> {
        SponsorRole::ALL.into_iter().find(|r| r.as_str() == text)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SponsorRole::Venue => "venue",
            SponsorRole::Food => "food",
            SponsorRole::Drinks => "drinks",
            SponsorRole::Other => "other",
        }
    }

    /// The message key naming the role ("Venue", « Accueil »).
    pub fn label_key(self) -> &'static str {
        match self {
            SponsorRole::Venue => "sponsors-role-venue",
            SponsorRole::Food => "sponsors-role-food",
            SponsorRole::Drinks => "sponsors-role-drinks",
            SponsorRole::Other => "sponsors-role-other",
        }
    }

    /// The message key thanking for it ("for hosting us", « pour l'accueil »).
    pub fn thanks_key(self) -> &'static str {
        match self {
            SponsorRole::Venue => "sponsors-thanks-venue",
            SponsorRole::Food => "sponsors-thanks-food",
            SponsorRole::Drinks => "sponsors-thanks-drinks",
            SponsorRole::Other => "sponsors-thanks-other",
        }
    }
}

/// A sponsor's fields, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SponsorFields {
    pub name: String,
    pub url: Option<String>,
}

impl SponsorFields {
    /// `url` blank or absent: none.
    pub fn parse(name: &str, url: Option<&str>) -> Result<SponsorFields, Vec<FieldError>> {
        let mut faults = Faults::default();
        let name = faults.take(parse_text(name, "name", MAX_NAME));
        let url = match url.map(str::trim).filter(|u| !u.is_empty()) {
            Some(u) => faults.take(parse_web_url(u, "url")).map(Some),
            None => Some(None),
        };
        let fields = match (name, url) {
            (Some(name), Some(url)) => Some(SponsorFields { name, url }),
            _ => None,
        };
        faults.finish(fields)
    }
}

/// A meetup's sponsors as asked: each sponsor once, at most [`MAX_PER_MEETUP`]; `field` names
/// the list in errors.
pub fn check_meetup_sponsors<T: PartialEq>(
    list: &[(T, SponsorRole)],
    field: &'static str,
) -> Result<(), FieldError> {
    if list.len() > MAX_PER_MEETUP {
        return Err(FieldError::new(field, "error-sponsors_too_many"));
    }
    for (i, (id, _)) in list.iter().enumerate() {
        if list[..i].iter().any(|(other, _)| other == id) {
            return Err(FieldError::new(field, "error-sponsors_duplicate"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_read_back_as_written() {
        for role in SponsorRole::ALL {
            assert_eq!(SponsorRole::parse(role.as_str()), Some(role));
        }
        assert_eq!(SponsorRole::parse("pizza"), None);
    }

    #[test]
    fn a_sponsor_has_a_name_and_maybe_a_web_address() {
        let ok = SponsorFields::parse(" Acme ", Some(" ")).unwrap();
        assert_eq!((ok.name.as_str(), ok.url), ("Acme", None));
        let errors = SponsorFields::parse("", Some("ftp://x")).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["name", "url"]);
    }

    #[test]
    fn a_meetup_names_each_sponsor_once() {
        let twice = [(1, SponsorRole::Venue), (1, SponsorRole::Food)];
        assert_eq!(
            check_meetup_sponsors(&twice, "sponsors").unwrap_err().key,
            "error-sponsors_duplicate"
        );
        assert!(
            check_meetup_sponsors(&[(1, SponsorRole::Venue), (2, SponsorRole::Food)], "s").is_ok()
        );
    }
}
