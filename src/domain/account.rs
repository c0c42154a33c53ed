use super::FieldError;

/// An e-mail address, trimmed and lower-cased so uniqueness is case-insensitive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

/// Where erased accounts' addresses point: a reserved domain (RFC 2606) no mail reaches, and
/// that nobody may register or move to.
pub const ERASED_EMAIL_DOMAIN: &str = "deleted.invalid";

/// The address an erased account keeps: unique, so the real one is free again.
pub fn erased_email(id: &impl std::fmt::Display) -> String {
    format!("deleted-{id}@{ERASED_EMAIL_DOMAIN}")
}

/// Whether an address is an erased account's: nothing is mailed there, no link of it works.
pub fn is_erased_email(email: &str) -> bool {
    email
        .rsplit_once('@')
        .is_some_and(|(_, domain)| domain == ERASED_EMAIL_DOMAIN)
}

impl Email {
    pub fn parse(text: &str) -> Result<Email, FieldError> {
        let text = text.trim().to_lowercase();
        let invalid = || FieldError::new("email", "error-email_invalid");
        if text.len() > 254 || text.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(invalid());
        }
        let (local, domain) = text.rsplit_once('@').ok_or_else(invalid)?;
        if local.is_empty()
            || domain.len() < 3
            || !domain.contains('.')
            || domain.starts_with('.')
            || domain.ends_with('.')
            || local.contains(['<', '>', '"', ',', ';'])
            || domain.contains(['@', '<', '>', '"', ',', ';'])
            || domain == ERASED_EMAIL_DOMAIN
        {
            return Err(invalid());
        }
        Ok(Email(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A display name: 1 to 100 characters, no control characters.
/// What stays of the name of someone whose data was erased.
pub const ERASED_NAME: &str = "—";

pub fn parse_name(text: &str) -> Result<String, FieldError> {
    let name = text.trim();
    if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
        return Err(FieldError::new("name", "error-name_invalid"));
    }
    Ok(name.to_string())
}

pub const MIN_PASSWORD_CHARS: usize = 10;

pub fn check_password(password: &str) -> Result<(), FieldError> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        return Err(FieldError::new("password", "error-password_short"));
    }
    if n > 1024 {
        return Err(FieldError::new("password", "error-password_long"));
    }
    Ok(())
}

/// The languages we speak: one line per language, with its folder under `locales/` and the
/// locale whose data (day and month names, digit grouping) it uses.
macro_rules! locales {
    ($($variant:ident = $code:literal, $dates:ident;)+) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Locale {
            $($variant),+
        }

        impl Locale {
            pub const ALL: &[Locale] = &[$(Locale::$variant),+];

            pub fn code(self) -> &'static str {
                match self {
                    $(Locale::$variant => $code),+
                }
            }

            pub fn locale_data(self) -> chrono::Locale {
                match self {
                    $(Locale::$variant => chrono::Locale::$dates),+
                }
            }
        }
    };
}

locales! {
    Fr = "fr", fr_FR;
    En = "en", en_GB;
}

/// The language of anyone who has not chosen one, and of every text missing from another language.
impl Default for Locale {
    fn default() -> Self {
        Locale::En
    }
}

impl Locale {
    pub fn parse(text: &str) -> Option<Locale> {
        let code = text.trim().to_ascii_lowercase();
        Locale::ALL.iter().copied().find(|l| l.code() == code)
    }

    pub fn parse_field(text: &str, field: &'static str) -> Result<Locale, FieldError> {
        Locale::parse(text).ok_or(FieldError::new(field, "error-locale_invalid"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_is_normalised_and_checked() {
        assert_eq!(
            Email::parse("  Alice@Example.ORG ").unwrap().as_str(),
            "alice@example.org"
        );
        for bad in [
            "",
            "alice",
            "@example.org",
            "alice@",
            "alice@org",
            "a b@example.org",
            "a@b@",
            "x@.org",
            "deleted-1@deleted.invalid",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn password_needs_ten_characters() {
        assert!(check_password("123456789").is_err());
        assert!(check_password("éééééééééé").is_ok());
    }

    #[test]
    fn names_and_locales() {
        assert_eq!(parse_name("  Zoë ").unwrap(), "Zoë");
        assert!(parse_name("   ").is_err());
        assert!(parse_name("a\nb").is_err());
        assert_eq!(Locale::parse("FR"), Some(Locale::Fr));
        assert_eq!(Locale::parse("de"), None);
    }
}
