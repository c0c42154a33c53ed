//! Plain-Rust rules: no actix, no diesel. Each type parses its input, so holding one means it is valid.

pub mod account;
pub mod duration;
pub mod group;
pub mod ids;
pub mod meetup;
pub mod message;
pub mod password;
pub mod privacy;
pub mod report;
pub mod rsvp;
pub mod talk;
pub mod text;
pub mod time;
pub mod token;
pub mod venue_suggestion;

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
