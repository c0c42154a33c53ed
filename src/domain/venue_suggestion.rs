//! Venue suggestions: members propose a place, members vote, organisers accept or decline once.
//! Accepting turns the suggestion into one of the group's venues (and maybe a meetup's venue).

use std::cmp::Ordering;

use chrono::NaiveDateTime;

use super::group::{parse_long_text, parse_text, parse_web_url};
use super::ids::MeetupId;
use super::FieldError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuggestionStatus {
    Open,
    Accepted,
    Declined,
}

impl SuggestionStatus {
    /// `None` for a value this version does not know: never read as some default state.
    pub fn parse(text: &str) -> Option<SuggestionStatus> {
        match text {
            "open" => Some(SuggestionStatus::Open),
            "accepted" => Some(SuggestionStatus::Accepted),
            "declined" => Some(SuggestionStatus::Declined),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SuggestionStatus::Open => "open",
            SuggestionStatus::Accepted => "accepted",
            SuggestionStatus::Declined => "declined",
        }
    }
}

/// What a client sends to suggest a venue.
#[derive(Debug, Default, Clone)]
pub struct SuggestionInput {
    pub name: String,
    pub address: String,
    pub url: Option<String>,
    pub note: Option<String>,
    pub meetup_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuggestionFields {
    pub name: String,
    pub address: String,
    pub url: Option<String>,
    pub note: Option<String>,
    /// The meetup this place is suggested for; the caller checks it belongs to the group.
    pub meetup_id: Option<MeetupId>,
}

fn non_empty(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl SuggestionInput {
    pub fn fields(&self) -> Result<SuggestionFields, FieldError> {
        Ok(SuggestionFields {
            name: parse_text(&self.name, "name", 200)?,
            address: parse_text(&self.address, "address", 500)?,
            url: non_empty(&self.url)
                .map(|u| parse_web_url(u, "url"))
                .transpose()?,
            note: non_empty(&self.note)
                .map(|n| parse_long_text(n, "note", 2_000))
                .transpose()?,
            meetup_id: non_empty(&self.meetup_id).map(MeetupId::from),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuggestionRefusal {
    Forbidden,
    AlreadyDecided,
}

/// Votes count only while the suggestion is open.
pub fn may_vote(status: SuggestionStatus) -> Result<(), SuggestionRefusal> {
    match status {
        SuggestionStatus::Open => Ok(()),
        _ => Err(SuggestionRefusal::AlreadyDecided),
    }
}

/// Organisers accept or decline, once.
pub fn may_decide(organiser: bool, status: SuggestionStatus) -> Result<(), SuggestionRefusal> {
    if !organiser {
        return Err(SuggestionRefusal::Forbidden);
    }
    may_vote(status)
}

/// Most votes first; equal votes, the oldest suggestion first (then by id, so the order is total).
pub fn ranking(a: (i64, NaiveDateTime, &str), b: (i64, NaiveDateTime, &str)) -> Ordering {
    b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(b.2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn suggestions_are_checked() {
        let input = SuggestionInput {
            name: " Ness Pub ".into(),
            address: "Clermont".into(),
            url: Some(" ".into()),
            note: Some("Quiet upstairs".into()),
            meetup_id: Some(String::new()),
        };
        let f = input.fields().unwrap();
        assert_eq!(f.name, "Ness Pub");
        assert_eq!((f.url, f.meetup_id), (None, None));
        let mut bad = input.clone();
        bad.url = Some("javascript:alert(1)".into());
        assert_eq!(bad.fields().unwrap_err().field, "url");
        let mut bad = input.clone();
        bad.address = String::new();
        assert_eq!(bad.fields().unwrap_err().field, "address");
        let mut bad = input;
        bad.name = String::new();
        assert_eq!(bad.fields().unwrap_err().field, "name");
    }

    #[test]
    fn decisions_happen_once_and_close_the_vote() {
        assert!(may_vote(SuggestionStatus::Open).is_ok());
        assert_eq!(
            may_vote(SuggestionStatus::Accepted),
            Err(SuggestionRefusal::AlreadyDecided)
        );
        assert!(may_decide(true, SuggestionStatus::Open).is_ok());
        assert_eq!(
            may_decide(false, SuggestionStatus::Open),
            Err(SuggestionRefusal::Forbidden)
        );
        assert_eq!(
            may_decide(true, SuggestionStatus::Declined),
            Err(SuggestionRefusal::AlreadyDecided)
        );
    }

    #[test]
    fn ranked_by_votes_then_age() {
        let day = |d| {
            NaiveDate::from_ymd_opt(2030, 1, d)
                .unwrap()
                .and_hms_opt(12, 0, 0)
                .unwrap()
        };
        let mut list = [
            (1, day(1), "old-one-vote"),
            (3, day(3), "new-three"),
            (1, day(2), "new-one-vote"),
            (0, day(1), "none"),
        ];
        list.sort_by(|a, b| ranking(*a, *b));
        let ids: Vec<_> = list.iter().map(|x| x.2).collect();
        assert_eq!(ids, ["new-three", "old-one-vote", "new-one-vote", "none"]);
    }
}
