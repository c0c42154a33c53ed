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

/// The layering the README describes, checked on the source itself so it stays true.
#[cfg(test)]
mod layering {
    use std::path::{Path, PathBuf};

    fn rust_files(dir: &Path) -> Vec<PathBuf> {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                files.extend(rust_files(&path));
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
        files
    }

    /// (file, line) of the code lines (comments left out) under `dir` that contain `needle`.
    fn uses(dir: &str, needle: &str) -> Vec<String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        rust_files(&root.join(dir))
            .into_iter()
            .flat_map(|file| {
                let text = std::fs::read_to_string(&file).unwrap();
                let name = file.strip_prefix(&root).unwrap().display().to_string();
                text.lines()
                    .enumerate()
                    .filter(|(_, l)| !l.trim_start().starts_with("//") && l.contains(needle))
                    .map(|(i, _)| format!("{name}:{}", i + 1))
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    #[test]
    fn nothing_below_the_web_layer_imports_it() {
        let upward: Vec<String> = uses("", "crate::web")
            .into_iter()
            .filter(|at| !at.starts_with("web/") && !at.starts_with("main.rs"))
            // The app is put together here; this check itself names what it looks for.
            .filter(|at| !at.starts_with("startup.rs") && !at.starts_with("lib.rs"))
            .collect();
        assert!(upward.is_empty(), "{upward:?}");
    }

    #[test]
    fn handler_files_do_not_import_each_other() {
        let mut found = uses("web/handlers", "super::");
        found.extend(uses("web/handlers", "handlers::"));
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn the_repository_holds_queries_only() {
        let mut found = uses("db/repo", "FnOnce");
        found.extend(uses("db/repo", ".transaction("));
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn rules_know_nothing_of_the_database() {
        let found = uses("domain", "diesel");
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn nothing_outside_the_web_layer_knows_http() {
        // The needles are spelled in two halves, so that `grep` over src/ finds none here either.
        let outside_web = |at: &String| !at.starts_with("web/");
        // The server is put together and started here.
        let outside_server =
            |at: &String| !at.starts_with("startup.rs") && !at.starts_with("main.rs");
        let mut found: Vec<String> = uses("", concat!("act", "ix"))
            .into_iter()
            .filter(|at| outside_web(at) && outside_server(at))
            .collect();
        // Wire shapes (what the OpenAPI document describes) are the web layer's own.
        found.extend(
            uses("", concat!("To", "Schema"))
                .into_iter()
                .filter(outside_web),
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn rules_are_given_their_settings_and_handlers_their_limits() {
        let mut found = uses("domain", "crate::config");
        found.extend(uses("web", "crate::startup"));
        assert!(found.is_empty(), "{found:?}");
    }
}
