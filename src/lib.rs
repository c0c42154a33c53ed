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
pub mod webhooks;

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

    /// [`uses`] of `name` as a whole path segment (`crate::web`, not `crate::webhooks`).
    fn uses_module(dir: &str, name: &str) -> Vec<String> {
        let whole = |line: &str| {
            line.match_indices(name).any(|(at, _)| {
                !line[at + name.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
            })
        };
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        uses(dir, name)
            .into_iter()
            .filter(|at| {
                let (file, line) = at.rsplit_once(':').unwrap();
                let text = std::fs::read_to_string(root.join(file)).unwrap();
                let n: usize = line.parse().unwrap();
                whole(text.lines().nth(n - 1).unwrap())
            })
            .collect()
    }

    #[test]
    fn nothing_below_the_web_layer_imports_it() {
        let upward: Vec<String> = uses_module("", "crate::web")
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

    /// Code text of a file: comments and the unit tests at its end left out.
    fn code_of(file: &Path) -> String {
        let text = std::fs::read_to_string(file).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        code.lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The names that follow each `prefix` in `code` (`crate::` → `app`, `db`…), the names of
    /// a group too (`super::{letter, rsvps}`).
    fn names_after<'a>(code: &'a str, prefix: &str) -> Vec<&'a str> {
        let name = |text: &'a str| {
            let text = text.trim_start();
            let end = text
                .find(|c: char| !c.is_alphanumeric() && c != '_')
                .unwrap_or(text.len());
            &text[..end]
        };
        code.match_indices(prefix)
            .flat_map(|(at, _)| {
                let rest = &code[at + prefix.len()..];
                match rest.strip_prefix('{') {
                    Some(group) => {
                        let group = &group[..group.find('}').unwrap_or(group.len())];
                        group.split(',').map(name).collect()
                    }
                    None => vec![name(rest)],
                }
            })
            .collect()
    }

    /// A path of `graph` that comes back to where it started, if there is one.
    fn cycle(graph: &std::collections::BTreeMap<String, Vec<String>>) -> Option<Vec<String>> {
        fn visit(
            graph: &std::collections::BTreeMap<String, Vec<String>>,
            path: &mut Vec<String>,
            done: &mut std::collections::BTreeSet<String>,
        ) -> Option<Vec<String>> {
            let here = path.last().unwrap().clone();
            for next in graph.get(&here).into_iter().flatten() {
                if let Some(start) = path.iter().position(|p| p == next) {
                    let mut found = path[start..].to_vec();
                    found.push(next.clone());
                    return Some(found);
                }
                if !done.contains(next) {
                    path.push(next.clone());
                    if let Some(found) = visit(graph, path, done) {
                        return Some(found);
                    }
                    path.pop();
                }
            }
            done.insert(here);
            None
        }
        let mut done = std::collections::BTreeSet::new();
        graph
            .keys()
            .find_map(|start| visit(graph, &mut vec![start.clone()], &mut done))
    }

    /// Which module of `names` each file imports, per module: top-level modules of `src/`
    /// (`dir` empty) or the files of one folder.
    fn imports(dir: &str, prefixes: &[&str]) -> std::collections::BTreeMap<String, Vec<String>> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let folder = root.join(dir);
        let mut graph = std::collections::BTreeMap::<String, Vec<String>>::new();
        for file in rust_files(&folder) {
            let relative = file.strip_prefix(&folder).unwrap();
            let first = relative.components().next().unwrap();
            let module = first
                .as_os_str()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_string();
            if ["lib", "main", "mod"].contains(&module.as_str()) {
                continue;
            }
            let code = code_of(&file);
            let entry = graph.entry(module.clone()).or_default();
            for prefix in prefixes {
                for name in names_after(&code, prefix) {
                    if name != module && !entry.iter().any(|n| n == name) {
                        entry.push(name.to_string());
                    }
                }
            }
        }
        let known: Vec<String> = graph.keys().cloned().collect();
        for targets in graph.values_mut() {
            targets.retain(|t| known.contains(t));
        }
        graph
    }

    #[test]
    fn modules_do_not_import_each_other_in_a_circle() {
        let top = imports("", &["crate::"]);
        assert_eq!(cycle(&top), None, "between the top-level modules");
        for folder in ["app", "mail"] {
            let files = imports(folder, &["super::", &format!("crate::{folder}::")]);
            assert!(files.len() > 3, "{folder}: {files:?}");
            assert_eq!(cycle(&files), None, "between the files of {folder}/");
        }
    }

    #[test]
    fn rules_are_given_their_settings_and_handlers_their_limits() {
        let mut found = uses("domain", "crate::config");
        found.extend(uses("web", "crate::startup"));
        assert!(found.is_empty(), "{found:?}");
    }
}
