//! The one integration-test binary: each test spawns the app with its own database.

mod helpers;

mod account_settings;
mod accounts;
mod announcements;
mod answer_links;
mod attendees;
mod audit;
mod bans;
mod cache;
mod email_changes;
mod feeds;
mod group_pages;
mod groups;
mod hardening;
mod health;
mod mail;
mod meetups;
mod messages;
mod openapi;
mod pages;
mod password_resets;
mod personal_data;
mod privacy;
mod query_counts;
mod reports;
mod rsvp_pages;
mod rsvps;
mod series;
mod smtp_sink;
mod talk_pool;
mod talks;
mod translations;
mod venue_suggestions;
