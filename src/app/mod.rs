//! Use cases: what a person can do, one file per resource, called alike by the JSON API, the HTML
//! pages and the command line.
//!
//! Each use case takes the database handle (and the settings when it links or mails), reads top
//! to bottom in one transaction: load and lock, ask `domain/` to decide, write through `db/repo`,
//! queue the mails the change causes (`mail/`). Nothing here knows about HTTP.

pub mod access;
pub mod accounts;
pub mod admission;
pub mod attendance;
pub mod audit;
pub mod bans;
pub mod calendars;
pub mod check_in;
pub mod cohosts;
pub mod conduct;
pub mod email_changes;
pub mod embed;
pub mod explore;
pub mod freshness;
pub mod group_page;
pub mod groups;
pub mod guest_rsvps;
pub mod incident_reports;
pub mod invitations;
pub mod meetup_page;
pub mod meetups;
pub mod messages;
pub mod password_resets;
pub mod polls;
pub mod privacy;
pub mod questions;
pub mod reports;
pub mod rsvps;
pub mod series;
pub mod sponsors;
pub mod stats;
pub mod talks;
pub mod venue_suggestions;
pub mod webhooks;
