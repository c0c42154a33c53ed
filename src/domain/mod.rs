//! Plain-Rust rules: no HTTP, no diesel. Each type parses its input, so holding one means it is valid.

pub mod account;
pub mod check_in;
pub mod cohost;
pub mod conduct;
pub mod duration;
pub mod embed;
pub mod explore;
pub mod group;
pub mod guest;
pub mod ids;
pub mod invitation;
pub mod mail;
pub mod meetup;
pub mod message;
pub mod paging;
pub mod password;
pub mod picture;
pub mod poll;
pub mod privacy;
pub mod question;
pub mod reconfirm;
pub mod report;
pub mod rsvp;
pub mod series;
pub mod spelling;
pub mod sponsor;
pub mod stats;
pub mod talk;
pub mod text;
pub mod time;
pub mod time_zones;
pub mod token;
pub mod venue;
pub mod venue_suggestion;
pub mod webhook;

/// A rule broken by one input field; `key` names a message in the i18n catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub key: &'static str,
}

impl FieldError {
    pub fn new(field: &'static str, key: &'static str) -> Self {
        FieldError { field, key }
    }
}

/// Every field at fault in one input, in the order they were checked: forms show them all
/// at once instead of one per submit.
#[derive(Debug, Default)]
pub struct Faults(Vec<FieldError>);

impl Faults {
    /// The checked value, or `None` with its fault kept.
    pub fn take<T>(&mut self, checked: Result<T, FieldError>) -> Option<T> {
        checked.map_err(|e| self.0.push(e)).ok()
    }

    pub fn push(&mut self, fault: FieldError) {
        self.0.push(fault);
    }

    /// `value` when nothing was at fault (it then has every part), else the faults.
    pub fn finish<T>(self, value: Option<T>) -> Result<T, Vec<FieldError>> {
        match value {
            Some(v) if self.0.is_empty() => Ok(v),
            _ => Err(self.0),
        }
    }
}
