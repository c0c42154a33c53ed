//! Meetup reports: Markdown rendering, Pelican import/export, Atom feed and slugs.
//!
//! Pure functions only (no database, no HTTP), so use cases, pages and the CLI can share them.

pub mod atom;
pub mod draft;
pub mod markdown;
pub mod pelican;
pub mod publish;
pub mod site;
pub mod slug;

pub use atom::{render_atom, AtomEntry, AtomFeed};
pub use markdown::render_markdown;
pub use pelican::{PelicanDoc, PelicanError};
pub use slug::slugify;
