//! rendezvous: meetup organisation and RSVP platform.

pub mod app;
pub mod assets;
pub mod cli;
pub mod config;
pub mod db;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod ical;
pub mod mail;
pub mod reports;
pub mod startup;
pub mod urls;
pub mod views;
pub mod web;
