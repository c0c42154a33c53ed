//! The catalogues against each other and against the code: every language has every message,
//! every message the code asks for exists, and every message is asked for somewhere.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast;

use chrono::NaiveDate;

use super::*;

/// Every message of every language's files, with its language.
fn messages() -> impl Iterator<Item = (&'static str, ast::Message<&'static str>)> {
    embedded::FILES.iter().flat_map(|(lang, _, text)| {
        let resource = fluent_syntax::parser::parse(*text).expect("build.rs checked the syntax");
        resource
            .body
            .into_iter()
            .filter_map(move |entry| match entry {
                Entry::Message(m) => Some((*lang, m)),
                _ => None,
            })
    })
}

/// The ids each language's files define.
fn ids() -> BTreeMap<&'static str, BTreeSet<&'static str>> {
    let mut ids: BTreeMap<_, BTreeSet<_>> = BTreeMap::new();
    for (lang, m) in messages() {
        ids.entry(lang).or_default().insert(m.id.name);
    }
    ids
}

/// Each id some language has and another lacks.
fn language_gaps(ids: &BTreeMap<&str, BTreeSet<&str>>) -> Vec<String> {
    let all: BTreeSet<&str> = ids.values().flatten().copied().collect();
    ids.iter()
        .flat_map(|(lang, own)| {
            all.difference(own)
                .map(move |id| format!("`{id}` is missing from locales/{lang}/"))
        })
        .collect()
}

/// The string literals of Rust source, outside comments and char literals.
fn string_literals(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                chars.by_ref().find(|c| *c == '\n');
            }
            '\'' => {
                // A char literal ('"', '\'') is skipped; a lifetime has no closing quote nearby.
                let ahead: String = chars.clone().take(3).collect();
                if ahead.starts_with('\\') && ahead.chars().nth(2) == Some('\'') {
                    chars.nth(2);
                } else if ahead.chars().nth(1) == Some('\'') {
                    chars.nth(1);
                }
            }
            '"' => {
                let mut literal = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        c => literal.push(c),
                    }
                }
                found.push(literal);
            }
            _ => {}
        }
    }
    found
}

fn is_id(text: &str) -> bool {
    let mut parts = text.split('-');
    let first = parts.next().unwrap_or("");
    first.starts_with(|c: char| c.is_ascii_lowercase())
        && text.contains('-')
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
        && text.split('-').all(|p| !p.is_empty())
}

/// Whether `id` fits a `format!` template such as `"mail-{}-link"`, each `{…}` standing for
/// one or more id characters.
fn fits(template: &str, id: &str) -> bool {
    match template.split_once('{') {
        None => template == id,
        Some((head, rest)) => {
            let tail = rest.split_once('}').map_or("", |(_, tail)| tail);
            let Some(id) = id.strip_prefix(head) else {
                return false;
            };
            id.char_indices()
                .skip(1)
                .map(|(at, _)| at)
                .chain([id.len()])
                .any(|at| fits(tail, &id[at..]))
        }
    }
}

/// Ids the code names that no catalogue defines, and ids no code names.
fn usage_faults(sources: &[(String, String)], defined: &BTreeSet<&str>) -> Vec<String> {
    let areas: BTreeSet<&str> = defined
        .iter()
        .filter_map(|id| id.split('-').next())
        .collect();
    let mut used = BTreeSet::new();
    let mut templates = Vec::new();
    let mut faults = Vec::new();
    for (path, source) in sources {
        for literal in string_literals(source) {
            if literal.contains('{') {
                // Only a template that names its area can stand for message ids.
                let area = literal.split(['-', '{']).next().unwrap();
                if areas.contains(area)
                    && is_id(&literal.replace("{}", "x").replace(['{', '}'], ""))
                {
                    templates.push(literal);
                }
            } else if defined.contains(literal.as_str()) {
                used.insert(literal);
            } else if literal.contains('-')
                && defined
                    .iter()
                    .any(|id| id.starts_with(&format!("{literal}-")))
            {
                // The start of ids a template completes, as "mail-talk_proposed" + "{}-subject".
                templates.push(format!("{literal}-{{}}"));
            } else if is_id(&literal)
                && areas.contains(literal.split('-').next().unwrap())
                && !NOT_MESSAGES.contains(&literal.as_str())
            {
                faults.push(format!(
                    "{path} asks for `{literal}`, which no catalogue defines"
                ));
            }
        }
    }
    for id in defined {
        if !used.contains(*id) && !templates.iter().any(|t| fits(t, id)) {
            faults.push(format!("`{id}` is defined but no code asks for it"));
        }
    }
    faults
}

/// Literals that look like message ids and are not: keys of other kinds.
const NOT_MESSAGES: &[&str] = &["rsvp-notices"];

fn rust_sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("i18n/tests.rs") {
            out.push((
                path.display().to_string(),
                std::fs::read_to_string(&path).unwrap(),
            ));
        }
    }
}

#[test]
fn every_language_has_a_folder_and_every_folder_a_language() {
    let folders: BTreeSet<&str> = embedded::FILES.iter().map(|f| f.0).collect();
    let languages: BTreeSet<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
    assert_eq!(folders, languages);
}

#[test]
fn every_language_defines_the_same_messages() {
    let gaps = language_gaps(&ids());
    assert!(gaps.is_empty(), "{}", gaps.join("\n"));
}

#[test]
fn the_code_and_the_catalogues_name_the_same_messages() {
    let mut sources = Vec::new();
    rust_sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut sources,
    );
    let defined = ids().into_values().flatten().collect();
    let faults = usage_faults(&sources, &defined);
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}

#[test]
fn the_checks_catch_a_broken_catalogue() {
    let code = r#"
        // t(lang, "talks-not_a_comment")
        let q = '"';
        chrome.t("talks-title"); tf(lang, &format!("mail-{}-link", kind), &[]);
        page.t("talks-gone"); let class = "btn-primary"; let id = format!("{}-{field}", slug);
    "#;
    let sources = vec![("view.rs".to_string(), code.to_string())];
    let defined = [
        "talks-title",
        "talks-unused",
        "mail-going-link",
        "mail-going-subject",
    ]
    .into_iter()
    .collect();
    assert_eq!(
        usage_faults(&sources, &defined),
        [
            "view.rs asks for `talks-gone`, which no catalogue defines",
            "`mail-going-subject` is defined but no code asks for it",
            "`talks-unused` is defined but no code asks for it",
        ]
    );
    let ids = BTreeMap::from([
        ("en", BTreeSet::from(["a-b", "a-c"])),
        ("fr", BTreeSet::from(["a-b", "a-d"])),
    ]);
    assert_eq!(
        language_gaps(&ids),
        [
            "`a-d` is missing from locales/en/",
            "`a-c` is missing from locales/fr/",
        ]
    );
}

fn message_lines(lang: &str) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
    embedded::FILES
        .iter()
        .filter(move |f| f.0 == lang)
        .flat_map(|(_, file, text)| text.lines().map(move |line| (*file, line)))
        .filter(|(_, line)| !line.trim_start().starts_with('#'))
}

#[test]
fn french_typography_uses_narrow_no_break_spaces() {
    let faults: Vec<_> = message_lines("fr")
        .filter(|(_, line)| {
            [" :", " ;", " !", " ?", "« ", " »"]
                .iter()
                .any(|bad| line.contains(bad))
        })
        .collect();
    assert!(faults.is_empty(), "{faults:#?}");
}

#[test]
fn english_puts_no_space_before_punctuation() {
    let faults: Vec<_> = message_lines("en")
        .filter(|(_, line)| {
            [" :", "\u{202f}:", " ;", " !", " ?"]
                .iter()
                .any(|bad| line.contains(bad))
        })
        .collect();
    assert!(faults.is_empty(), "{faults:#?}");
}

#[test]
fn no_message_writes_a_plural_by_hand() {
    let faults: Vec<_> = Lang::ALL
        .iter()
        .flat_map(|l| message_lines(l.code()))
        .filter(|(_, line)| line.contains("(s)"))
        .collect();
    assert!(faults.is_empty(), "{faults:#?}");
}

#[test]
fn counts_take_each_language_plural_rules() {
    let seats = |lang, n: i64| tf(lang, "rsvp-seats_left", &[("n", &n), ("capacity", &2)]);
    assert_eq!(seats(Lang::Fr, 0), "0 place restante sur 2");
    assert_eq!(seats(Lang::Fr, 1), "1 place restante sur 2");
    assert_eq!(seats(Lang::Fr, 2), "2 places restantes sur 2");
    assert_eq!(seats(Lang::En, 0), "0 seats left out of 2");
    assert_eq!(seats(Lang::En, 1), "1 seat left out of 2");
    assert_eq!(seats(Lang::En, 2), "2 seats left out of 2");
    let members = |lang, n: i64| tf(lang, "groups-members", &[("n", &n)]);
    assert_eq!(
        [0, 1, 2].map(|n| members(Lang::Fr, n)),
        ["0 membre", "1 membre", "2 membres"]
    );
    assert_eq!(
        [0, 1, 2].map(|n| members(Lang::En, n)),
        ["0 members", "1 member", "2 members"]
    );
    let votes = |lang, n: i64| tf(lang, "venue_suggestions-votes", &[("count", &n)]);
    assert_eq!(
        [0, 1, 2].map(|n| votes(Lang::Fr, n)),
        ["0 vote", "1 vote", "2 votes"]
    );
    assert_eq!(
        [0, 1, 2].map(|n| votes(Lang::En, n)),
        ["0 votes", "1 vote", "2 votes"]
    );
    let guests = |lang, n: i64| tf(lang, "rsvp-you_going_guests", &[("n", &n)]);
    assert_eq!(guests(Lang::Fr, 1), "Vous participez avec 1 invité.");
    assert_eq!(guests(Lang::Fr, 2), "Vous participez avec 2 invités.");
    assert_eq!(guests(Lang::En, 1), "You are going with 1 guest.");
    assert_eq!(guests(Lang::En, 2), "You are going with 2 guests.");
}

#[test]
fn large_counts_group_their_digits_as_the_language_does() {
    let members = |lang, n: i64| tf(lang, "groups-members", &[("n", &n)]);
    assert_eq!(members(Lang::Fr, 999), "999 membres");
    assert_eq!(members(Lang::Fr, 12_345), "12\u{202f}345 membres");
    assert_eq!(members(Lang::En, 1_000), "1,000 members");
    assert_eq!(members(Lang::En, 1_234_567), "1,234,567 members");
}

#[test]
fn dates_read_naturally() {
    let t = NaiveDate::from_ymd_opt(2026, 12, 3)
        .unwrap()
        .and_hms_opt(19, 0, 0)
        .unwrap();
    assert_eq!(long_datetime(Lang::Fr, t), "jeudi 3 décembre 2026, 19:00");
    assert_eq!(
        long_datetime(Lang::En, t),
        "Thursday 3 December 2026, 19:00"
    );
    let first = NaiveDate::from_ymd_opt(2026, 10, 1)
        .unwrap()
        .and_hms_opt(9, 5, 0)
        .unwrap();
    assert_eq!(
        long_datetime(Lang::Fr, first),
        "jeudi 1er octobre 2026, 09:05"
    );
    assert_eq!(
        time_span(Lang::En, t, t + chrono::Duration::hours(2)),
        "Thursday 3 December 2026, 19:00 – 21:00"
    );
}

#[test]
fn series_rules_read_as_words() {
    let t = NaiveDate::from_ymd_opt(2027, 1, 12)
        .unwrap()
        .and_hms_opt(19, 0, 0)
        .unwrap();
    for (lang, rule, words) in [
        (
            Lang::En,
            "FREQ=MONTHLY;BYDAY=2TU",
            "every second Tuesday of the month at 19:00",
        ),
        (
            Lang::Fr,
            "FREQ=MONTHLY;BYDAY=2TU",
            "le deuxième mardi du mois à 19:00",
        ),
        (
            Lang::Fr,
            "FREQ=MONTHLY;BYDAY=-1FR",
            "le dernier vendredi du mois à 19:00",
        ),
        (
            Lang::En,
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH",
            "every 2 weeks on Thursday at 19:00",
        ),
        (
            Lang::Fr,
            "FREQ=WEEKLY;BYDAY=TU,TH",
            "chaque mardi et jeudi à 19:00",
        ),
        (
            Lang::En,
            "FREQ=YEARLY;BYMONTH=6",
            "following the rule FREQ=YEARLY;BYMONTH=6",
        ),
    ] {
        assert_eq!(rule_in_words(lang, rule, t), words);
    }
}

#[test]
fn accept_language_finds_the_best_of_ours() {
    assert_eq!(
        from_accept_language("fr-FR,fr;q=0.9,en;q=0.8"),
        Some(Lang::Fr)
    );
    assert_eq!(from_accept_language("fr-CA"), Some(Lang::Fr));
    assert_eq!(
        from_accept_language("de, en;q=0.5, fr;q=0.7"),
        Some(Lang::Fr)
    );
    assert_eq!(from_accept_language("en-GB"), Some(Lang::En));
    assert_eq!(from_accept_language("de"), None);
    assert_eq!(from_accept_language("fr;q=0"), None);
    assert_eq!(from_accept_language("*"), None);
}

#[test]
fn a_missing_message_shows_itself_without_failing() {
    assert_eq!(t(Lang::Fr, "no-such-message"), "…");
    assert_eq!(
        tf(Lang::En, "mail-greeting", &[("name", &"Zoë")]),
        "Hello Zoë,"
    );
    assert_eq!(colon(Lang::Fr), "\u{202f}: ");
    assert_eq!(colon(Lang::En), ": ");
}

/// The variables a pattern refers to, selectors and variants included.
fn variables<'s>(pattern: &ast::Pattern<&'s str>, found: &mut BTreeSet<&'s str>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, found);
        }
    }
}

fn expression_variables<'s>(expression: &ast::Expression<&'s str>, found: &mut BTreeSet<&'s str>) {
    let inline = |e: &ast::InlineExpression<&'s str>, found: &mut BTreeSet<&'s str>| match e {
        ast::InlineExpression::VariableReference { id } => {
            found.insert(id.name);
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, found),
        _ => {}
    };
    match expression {
        ast::Expression::Inline(e) => inline(e, found),
        ast::Expression::Select { selector, variants } => {
            inline(selector, found);
            for variant in variants {
                variables(&variant.value, found);
            }
        }
    }
}

#[test]
fn every_language_gives_a_message_the_same_arguments() {
    let mut by_id: BTreeMap<&str, BTreeMap<&str, BTreeSet<&str>>> = BTreeMap::new();
    for (lang, m) in messages() {
        let mut found = BTreeSet::new();
        if let Some(value) = &m.value {
            variables(value, &mut found);
        }
        by_id.entry(m.id.name).or_default().insert(lang, found);
    }
    let faults: Vec<String> = by_id
        .iter()
        .filter(|(_, langs)| langs.values().collect::<BTreeSet<_>>().len() > 1)
        .map(|(id, langs)| format!("`{id}` takes different arguments: {langs:?}"))
        .collect();
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}
