//! HTML with maud: pure functions of view data, never a database handle.

pub mod accounts;
pub mod answer_links;
pub mod audit;
pub mod bans;
pub mod check_in;
pub mod cohosts;
pub mod components;
pub mod conduct;
pub mod embed;
pub mod errors;
pub mod explore;
pub mod groups;
pub mod guest_rsvp;
pub mod invitations;
pub mod layout;
pub mod meetups;
pub mod messages;
pub mod password_resets;
pub mod polls;
pub mod questions;
pub mod reports;
pub mod rsvp;
pub mod series;
pub mod sponsors;
pub mod stats;
pub mod talk_pool;
pub mod talks;
pub mod webhooks;

use crate::i18n::Lang;

pub use layout::layout;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlashKind {
    Ok,
    Warn,
    Bad,
}

#[derive(Debug, Clone)]
pub struct Flash {
    pub kind: FlashKind,
    pub text: String,
    /// The id of the form on the page it answers: shown there, next to it, rather than at the
    /// top of a long page (see `components::placed_flash`).
    pub anchor: Option<String>,
}

/// What every page's frame shows: language, who is signed in, the CSRF token, a one-time message.
pub struct Chrome<'a> {
    pub lang: Lang,
    pub user_name: Option<&'a str>,
    pub csrf: &'a str,
    pub flash: Option<&'a Flash>,
    /// Current path and query, for the language switch.
    pub path: &'a str,
}

impl Chrome<'_> {
    pub fn t(&self, key: &str) -> &'static str {
        crate::i18n::t(self.lang, key)
    }
}

/// Markdown written by organisers, rendered and sanitised (no raw HTML survives).
pub fn markdown(source: &str) -> maud::Markup {
    maud::PreEscaped(crate::reports::render_markdown(source))
}
