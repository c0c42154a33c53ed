//! Organisers' invitations (#32 item 3): the list of addresses an organiser pastes, and what
//! became of each.

use super::account::Email;
use super::FieldError;

/// Addresses one request may invite at most.
pub const MAX_ADDRESSES: usize = 200;
/// Days an invitation nobody followed is kept (personal data of someone who did not ask).
pub const KEPT_DAYS: i64 = 90;
/// Characters of an organiser's note at most.
pub const MAX_NOTE: usize = 1000;

/// What became of one address of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Mailed.
    Invited,
    /// The address belongs to a member already.
    AlreadyMember,
    /// The address asked for no invitations.
    Unsubscribed,
    /// Invited to the same group (and meetup) before, or earlier in the same request.
    AlreadyInvited,
    /// Not an address.
    Invalid,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Invited => "invited",
            Outcome::AlreadyMember => "already_member",
            Outcome::Unsubscribed => "unsubscribed",
            Outcome::AlreadyInvited => "already_invited",
            Outcome::Invalid => "invalid",
        }
    }
}

/// One address as given, and the address it parses to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Given {
    pub given: String,
    pub email: Option<Email>,
}

/// Splits what an organiser pasted: one address a line, or separated by commas, semicolons or
/// spaces; empty entries dropped. 422 `emails` when there are none, or more than
/// [`MAX_ADDRESSES`].
pub fn split_addresses<S: AsRef<str>>(entries: &[S]) -> Result<Vec<Given>, FieldError> {
    let given: Vec<Given> = entries
        .iter()
        .flat_map(|e| {
            e.as_ref()
                .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter(|e| !e.is_empty())
        .map(|given| Given {
            email: Email::parse(&given).ok(),
            given,
        })
        .collect();
    if given.is_empty() {
        return Err(FieldError::new("emails", "error-required"));
    }
    if given.len() > MAX_ADDRESSES {
        return Err(FieldError::new("emails", "error-invitations_too_many"));
    }
    Ok(given)
}

/// The note an organiser adds, trimmed; none when empty. 422 `note` past [`MAX_NOTE`].
pub fn parse_note(note: Option<&str>) -> Result<Option<String>, FieldError> {
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    match note {
        Some(n) if n.chars().count() > MAX_NOTE => {
            Err(FieldError::new("note", "error-invitation_note_too_long"))
        }
        other => Ok(other.map(str::to_string)),
    }
}

/// Whether `count` more invitations fit in the group's day, `sent` being those of the last 24
/// hours.
pub fn within_daily_limit(sent: i64, count: usize, per_day: u32) -> bool {
    sent.saturating_add(i64::try_from(count).unwrap_or(i64::MAX)) <= i64::from(per_day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_addresses_split_on_lines_commas_and_spaces() {
        let given =
            split_addresses(&["a@example.org, B@Example.org\n\nnot-an-address;c@example.org"])
                .unwrap();
        let parsed: Vec<Option<&str>> = given
            .iter()
            .map(|g| g.email.as_ref().map(Email::as_str))
            .collect();
        assert_eq!(
            parsed,
            [
                Some("a@example.org"),
                Some("b@example.org"),
                None,
                Some("c@example.org")
            ]
        );
        assert_eq!(given[2].given, "not-an-address");
        assert_eq!(
            split_addresses(&[" \n, "]).unwrap_err().key,
            "error-required"
        );
        let many: Vec<String> = (0..=MAX_ADDRESSES).map(|i| format!("a{i}@x.org")).collect();
        assert_eq!(
            split_addresses(&many).unwrap_err().key,
            "error-invitations_too_many"
        );
        assert_eq!(split_addresses(&many[1..]).unwrap().len(), MAX_ADDRESSES);
    }

    #[test]
    fn the_daily_limit_counts_the_whole_request() {
        assert!(within_daily_limit(0, 200, 200));
        assert!(!within_daily_limit(1, 200, 200));
        assert!(within_daily_limit(199, 1, 200));
        assert!(!within_daily_limit(200, 1, 200));
        assert!(within_daily_limit(200, 0, 200));
    }

    #[test]
    fn notes_are_trimmed_and_bounded() {
        assert_eq!(parse_note(Some("  ")), Ok(None));
        assert_eq!(parse_note(Some(" Hi ")), Ok(Some("Hi".into())));
        assert!(parse_note(Some(&"x".repeat(MAX_NOTE + 1))).is_err());
    }
}
