//! Pelican Markdown files (`Key: value` header, blank line, Markdown body).
//!
//! The header grammar follows Python-Markdown's `meta` extension, which is what
//! Pelican uses: up to three leading spaces, a key of `[A-Za-z0-9_-]`, a colon,
//! the value; lines indented by four or more spaces continue the previous value.
//! The header ends at the first blank line, or at the first line that is neither
//! (that line then starts the body, as in Pelican).

use std::borrow::Cow;
use std::fmt;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use crate::domain::text::forbidden_control;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PelicanDoc {
    pub title: String,
    /// Local wall time as written; a date without time is midnight.
    pub date: NaiveDateTime,
    /// False when the file gave only a date, so export does not invent a time.
    pub date_has_time: bool,
    /// Kept as written: Pelican accepts many formats and nothing here needs the value.
    pub modified: Option<String>,
    pub category: Option<String>,
    /// Kept as given (may contain capitals): it is already part of published URLs.
    pub slug: Option<String>,
    pub tags: Vec<String>,
    pub authors: Vec<String>,
    pub summary: Option<String>,
    pub lang: Option<String>,
    /// Other header keys in file order, with their original spelling.
    pub extra: Vec<(String, String)>,
    /// Markdown after the header and the blank lines that end it, byte for byte
    /// except that CRLF line endings are normalised to LF.
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PelicanError {
    /// `"title"`, `"date"` or `"file"`, so a form can attach the message to a field.
    pub field: &'static str,
    pub message: String,
}

impl PelicanError {
    fn new(field: &'static str, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
        }
    }
}

impl fmt::Display for PelicanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for PelicanError {}

/// The 1-based line of the header field `key`, to point at it in an error.
fn header_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .take_while(|l| !l.trim().is_empty())
        .position(|l| {
            l.split_once(':')
                .is_some_and(|(k, _)| k.trim().eq_ignore_ascii_case(key))
        })
        .map(|i| i + 1)
}

pub fn parse(bytes: &[u8]) -> Result<PelicanDoc, PelicanError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        PelicanError::new(
            "file",
            format!(
                "file is not UTF-8 (invalid byte at offset {})",
                e.valid_up_to()
            ),
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text: Cow<str> = if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        Cow::Borrowed(text)
    };
    let (fields, body) = split_header(&text);
    let body_start = text.len() - body.len();
    let mut offset = 0;
    for (n, line) in text.split('\n').enumerate() {
        if forbidden_control(line).is_some() {
            return Err(PelicanError::new(
                if offset >= body_start { "body" } else { "file" },
                format!("line {} contains a control character", n + 1),
            ));
        }
        offset += line.len() + 1;
    }

    let mut title = None;
    let mut date_raw = None;
    let mut modified = None;
    let mut category = None;
    let mut slug = None;
    let mut summary = None;
    let mut lang = None;
    let mut tags = Vec::new();
    let mut authors = Vec::new();
    let mut extra = Vec::new();
    for (key, value) in fields {
        // Pelican keeps the first value of a repeated single-valued key.
        match key.to_ascii_lowercase().as_str() {
            "title" => set_first(&mut title, one_line(value)),
            "date" => set_first(&mut date_raw, one_line(value)),
            "modified" => set_first(&mut modified, one_line(value)),
            "category" => set_first(&mut category, one_line(value)),
            "slug" => set_first(&mut slug, one_line(value)),
            "lang" => set_first(&mut lang, one_line(value)),
            "summary" => set_first(&mut summary, value),
            "tags" => tags.extend(split_list(&value)),
            "author" | "authors" => authors.extend(split_list(&value)),
            _ => extra.push((key.to_owned(), value)),
        }
    }

    let title = title.ok_or_else(|| PelicanError::new("title", "missing Title"))?;
    let date_raw = date_raw.ok_or_else(|| PelicanError::new("date", "missing Date"))?;
    let (date, date_has_time) = parse_date(&date_raw).ok_or_else(|| {
        let line = header_line(&text, "date").map_or(String::new(), |n| format!("line {n}: "));
        PelicanError::new(
            "date",
            format!("{line}unsupported Date {date_raw:?} (expected YYYY-MM-DD, optionally followed by HH:MM or HH:MM:SS)"),
        )
    })?;

    Ok(PelicanDoc {
        title,
        date,
        date_has_time,
        modified,
        category,
        slug,
        tags,
        authors,
        summary,
        lang,
        extra,
        body: body.to_owned(),
    })
}

/// Canonical header order, then one blank line, then the body unchanged.
pub fn export(doc: &PelicanDoc) -> String {
    let mut out = String::with_capacity(doc.body.len() + 256);
    push_field(&mut out, "Title", &doc.title);
    push_field(&mut out, "Date", &format_date(doc.date, doc.date_has_time));
    let optional = |value: &Option<String>| value.clone().unwrap_or_default();
    push_field(&mut out, "Modified", &optional(&doc.modified));
    push_field(&mut out, "Category", &optional(&doc.category));
    push_field(&mut out, "Tags", &join_list(&doc.tags));
    push_field(&mut out, "Slug", &optional(&doc.slug));
    push_field(&mut out, "Authors", &join_list(&doc.authors));
    push_field(&mut out, "Summary", &optional(&doc.summary));
    push_field(&mut out, "Lang", &optional(&doc.lang));
    for (key, value) in &doc.extra {
        push_field(&mut out, key, value);
    }
    out.push('\n');
    out.push_str(&doc.body);
    out
}

/// Returns the header fields (continuations joined with `\n`) and the body.
fn split_header(text: &str) -> (Vec<(&str, String)>, &str) {
    let mut fields: Vec<(&str, String)> = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
        if line.trim().is_empty() {
            break;
        }
        if let Some((key, value)) = metadata_line(line) {
            fields.push((key, value.trim().to_owned()));
        } else if let (Some(more), Some((_, value))) = (continuation_line(line), fields.last_mut())
        {
            if !value.is_empty() {
                value.push('\n');
            }
            value.push_str(more.trim());
        } else {
            break;
        }
        rest = after;
    }
    // Blank lines between header and body are the separator, not body text:
    // Markdown ignores them and export writes exactly one.
    while let Some((line, after)) = rest.split_once('\n') {
        if !line.trim().is_empty() {
            break;
        }
        rest = after;
    }
    if rest.trim().is_empty() {
        rest = "";
    }
    (fields, rest)
}

fn metadata_line(line: &str) -> Option<(&str, &str)> {
    let unindented = line.trim_start_matches(' ');
    if line.len() - unindented.len() > 3 {
        return None;
    }
    let (key, value) = unindented.split_once(':')?;
    let valid_key = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    valid_key.then_some((key, value))
}

fn continuation_line(line: &str) -> Option<&str> {
    line.starts_with("    ").then_some(line)
}

fn set_first(slot: &mut Option<String>, value: String) {
    if slot.is_none() && !value.is_empty() {
        *slot = Some(value);
    }
}

fn one_line(value: String) -> String {
    if value.contains('\n') {
        value.replace('\n', " ")
    } else {
        value
    }
}

/// Pelican's rule: split on `;` if there is one (so names may contain commas),
/// otherwise on `,`.
fn split_list(value: &str) -> Vec<String> {
    value
        .lines()
        .flat_map(|line| {
            let separator = if line.contains(';') { ';' } else { ',' };
            line.split(separator)
        })
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

fn join_list(items: &[String]) -> String {
    let separator = if items.iter().any(|item| item.contains(',')) {
        "; "
    } else {
        ", "
    };
    items.join(separator)
}

fn parse_date(raw: &str) -> Option<(NaiveDateTime, bool)> {
    let raw = raw.trim();
    let (date_part, time_part) = match raw.split_once([' ', 'T']) {
        Some((date, time)) => (date, Some(time.trim())),
        None => (raw, None),
    };
    let date = ["%Y-%m-%d", "%Y/%m/%d"]
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(date_part, format).ok())?;
    match time_part {
        None => Some((date.and_time(NaiveTime::MIN), false)),
        Some(time) => {
            let time = ["%H:%M:%S", "%H:%M"]
                .iter()
                .find_map(|format| NaiveTime::parse_from_str(time, format).ok())?;
            Some((date.and_time(time), true))
        }
    }
}

fn format_date(date: NaiveDateTime, has_time: bool) -> String {
    let format = if !has_time {
        "%Y-%m-%d"
    } else if date.second() == 0 && date.nanosecond() == 0 {
        "%Y-%m-%d %H:%M"
    } else {
        "%Y-%m-%d %H:%M:%S"
    };
    date.format(format).to_string()
}

/// Multi-line values become continuation lines; empty lines are dropped because
/// a blank line would end the header.
fn push_field(out: &mut String, key: &str, value: &str) {
    let mut lines = value.lines().map(str::trim).filter(|line| !line.is_empty());
    let Some(first) = lines.next() else {
        if key == "Title" {
            out.push_str("Title:\n");
        }
        return;
    };
    out.push_str(key);
    out.push_str(": ");
    out.push_str(first);
    out.push('\n');
    for line in lines {
        out.push_str("    ");
        out.push_str(line);
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &str = include_str!("testdata/premier-meetup.md");

    fn at(date: &str, time: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(&format!("{date} {time}"), "%Y-%m-%d %H:%M:%S").unwrap()
    }

    fn fixture_body() -> &'static str {
        FIXTURE.split_once("\n\n\n").unwrap().1
    }

    #[test]
    fn a_bad_date_names_its_line() {
        let e = parse(b"Title: T\nCategory: C\nDate: 15 octobre\n\nBody").unwrap_err();
        assert_eq!(e.field, "date");
        assert!(
            e.message.starts_with("line 3: unsupported Date"),
            "{}",
            e.message
        );
    }

    #[test]
    fn parses_fixture_header() {
        let doc = parse(FIXTURE.as_bytes()).unwrap();
        assert_eq!(doc.title, "Compte-Rendu du premier Meetup DjangAuvergne");
        assert_eq!(doc.date, at("2012-10-15", "00:00:00"));
        assert!(!doc.date_has_time);
        assert_eq!(doc.category.as_deref(), Some("La communauté"));
        assert_eq!(
            doc.slug.as_deref(),
            Some("2012-10-15-Premier-Meetup-DjangAuvergne")
        );
        assert_eq!(doc.tags, ["Meetup", "Django"]);
        assert!(doc.authors.is_empty() && doc.extra.is_empty());
        assert_eq!((doc.modified, doc.summary, doc.lang), (None, None, None));
    }

    #[test]
    fn fixture_body_starts_after_both_blank_lines_and_is_unchanged() {
        let doc = parse(FIXTURE.as_bytes()).unwrap();
        assert!(doc.body.starts_with("* Date : 15 octobre 2012\n"));
        assert!(doc.body.ends_with("via les gh-pages."));
        assert_eq!(doc.body, fixture_body());
    }

    #[test]
    fn fixture_round_trips() {
        let doc = parse(FIXTURE.as_bytes()).unwrap();
        let exported = export(&doc);
        for line in [
            "Title: Compte-Rendu du premier Meetup DjangAuvergne\n",
            "Date: 2012-10-15\n",
            "Category: La communauté\n",
            "Tags: Meetup, Django\n",
            "Slug: 2012-10-15-Premier-Meetup-DjangAuvergne\n",
        ] {
            assert!(exported.contains(line), "{line:?} missing from\n{exported}");
        }
        assert!(exported.starts_with("Title: "));
        let (_, exported_body) = exported.split_once("\n\n").unwrap();
        assert_eq!(exported_body.as_bytes(), fixture_body().as_bytes());
        assert_eq!(parse(exported.as_bytes()).unwrap(), doc);
        assert_eq!(export(&parse(exported.as_bytes()).unwrap()), exported);
    }

    #[test]
    fn keys_are_case_insensitive_and_extras_keep_order_and_spelling() {
        let doc =
            parse(b"TITLE: T\ndate: 2020-01-02\nStatus: draft\nsave_as: x.html\nLANG: fr\n\nBody")
                .unwrap();
        assert_eq!(doc.title, "T");
        assert_eq!(doc.lang.as_deref(), Some("fr"));
        assert_eq!(
            doc.extra,
            [
                ("Status".to_owned(), "draft".to_owned()),
                ("save_as".to_owned(), "x.html".to_owned())
            ]
        );
        let exported = export(&doc);
        assert!(exported.ends_with("Lang: fr\nStatus: draft\nsave_as: x.html\n\nBody"));
        assert_eq!(parse(exported.as_bytes()).unwrap(), doc);
    }

    #[test]
    fn author_and_authors_both_fill_authors() {
        let doc = parse(b"Title: T\nDate: 2020-01-02\nAuthor: Alexis\nAuthors: Julien, Ana ,\n\n")
            .unwrap();
        assert_eq!(doc.authors, ["Alexis", "Julien", "Ana"]);
        let doc = parse(b"Title: T\nDate: 2020-01-02\nAuthors: Doe, Jane; Roe, Rick\n\n").unwrap();
        assert_eq!(doc.authors, ["Doe, Jane", "Roe, Rick"]);
        let exported = export(&doc);
        assert!(
            exported.contains("Authors: Doe, Jane; Roe, Rick\n"),
            "{exported}"
        );
        assert_eq!(parse(exported.as_bytes()).unwrap(), doc);
    }

    #[test]
    fn accepted_date_formats_and_export_precision() {
        for (raw, expected, has_time, exported) in [
            ("2012-10-15", "00:00:00", false, "2012-10-15"),
            ("2012/10/15", "00:00:00", false, "2012-10-15"),
            ("2012-10-15 20:30", "20:30:00", true, "2012-10-15 20:30"),
            ("2012-10-15 20:30:00", "20:30:00", true, "2012-10-15 20:30"),
            ("2012-10-15T20:30", "20:30:00", true, "2012-10-15 20:30"),
            (
                "2012-10-15 20:30:15",
                "20:30:15",
                true,
                "2012-10-15 20:30:15",
            ),
        ] {
            let source = format!("Title: T\nDate: {raw}\n\nx");
            let doc = parse(source.as_bytes()).unwrap();
            assert_eq!(doc.date, at("2012-10-15", expected), "{raw}");
            assert_eq!(doc.date_has_time, has_time, "{raw}");
            assert!(
                export(&doc).contains(&format!("Date: {exported}\n")),
                "{raw}"
            );
        }
    }

    #[test]
    fn bom_and_crlf_are_handled() {
        let doc = parse(
            "\u{feff}Title: T\r\nDate: 2020-01-02\r\n\r\n\r\nLine 1\r\nLine 2\r\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(doc.title, "T");
        assert_eq!(doc.body, "Line 1\nLine 2\n");
    }

    #[test]
    fn errors_name_the_field() {
        let field = |source: &[u8]| parse(source).unwrap_err().field;
        assert_eq!(field(b"Title: \xff\nDate: 2020-01-01\n\n"), "file");
        assert_eq!(field(b"Date: 2020-01-01\n\nBody"), "title");
        assert_eq!(field(b"Title:   \nDate: 2020-01-01\n\nBody"), "title");
        assert_eq!(field(b""), "title");
        assert_eq!(field(b"Title: T\n\nBody"), "date");
        assert_eq!(field(b"Title: T\nDate: 15 octobre 2012\n\n"), "date");
        assert_eq!(field(b"Title: T\nDate: 2012-13-40\n\n"), "date");
        assert_eq!(field(b"Title: T\nDate: 2012-10-15 25:00\n\n"), "date");
        // Metadata after the blank line is body, not header.
        assert_eq!(field(b"Title: T\n\nDate: 2020-01-01\n"), "date");
        // PostgreSQL cannot store NUL, and no control character belongs in a report.
        assert_eq!(field(b"Title: T\0\nDate: 2020-01-01\n\nBody"), "file");
        let error = parse(b"Title: T\nDate: 2020-01-01\n\nBody\nline \x1b[31m").unwrap_err();
        assert_eq!(
            (error.field, error.message.as_str()),
            ("body", "line 5 contains a control character")
        );
    }

    #[test]
    fn header_without_blank_line_ends_at_first_non_metadata_line() {
        let doc = parse(b"Title: T\nDate: 2020-01-02\n# Heading\n\ntext").unwrap();
        assert_eq!(doc.body, "# Heading\n\ntext");
        let doc = parse(b"Title: T\nDate: 2020-01-02").unwrap();
        assert_eq!(doc.body, "");
        assert_eq!(export(&doc), "Title: T\nDate: 2020-01-02\n\n");
    }

    #[test]
    fn continuation_lines_round_trip() {
        let source = "Title: A long\n    title\nDate: 2020-01-02\nSummary: First line\n    second line\nTags: a, b\n    c\n\nBody";
        let doc = parse(source.as_bytes()).unwrap();
        assert_eq!(doc.title, "A long title");
        assert_eq!(doc.summary.as_deref(), Some("First line\nsecond line"));
        assert_eq!(doc.tags, ["a", "b", "c"]);
        let exported = export(&doc);
        assert!(
            exported.contains("Summary: First line\n    second line\n"),
            "{exported}"
        );
        assert_eq!(parse(exported.as_bytes()).unwrap(), doc);
    }

    #[test]
    fn first_value_of_a_repeated_key_wins() {
        let doc =
            parse(b"Title: First\nTitle: Second\nDate: 2020-01-02\nTags: a\nTags: b\n\n").unwrap();
        assert_eq!(doc.title, "First");
        assert_eq!(doc.tags, ["a", "b"]);
    }
}

#[cfg(test)]
mod properties {
    use chrono::NaiveDate;
    use proptest::prelude::*;

    use super::*;

    /// One line of header text as people write it: no control character, no edge spaces.
    fn words() -> impl Strategy<Value = String> {
        "[A-Za-zÀ-ÿ0-9][A-Za-zÀ-ÿ0-9 .!?'’«»()-]{0,40}[A-Za-zÀ-ÿ0-9.!?)»]"
    }

    fn doc() -> impl Strategy<Value = PelicanDoc> {
        (
            words(),
            (2000i32..2040, 1u32..=12, 1u32..=28, 0u32..24, 0u32..60),
            any::<bool>(),
            prop::option::of(words()),
            prop::collection::vec("[A-Za-z0-9][A-Za-z0-9 -]{0,15}[A-Za-z0-9]", 0..4),
            // Empty, or starting with text: blank lines after the header belong to the header.
            "([^\\s\\p{Cc}][^\\p{Cc}]{0,60}(\n[^\\p{Cc}]{0,60}){0,4})?",
        )
            .prop_map(
                |(title, (y, m, d, h, min), with_time, category, tags, body)| {
                    let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
                    let time = if with_time { (h, min) } else { (0, 0) };
                    PelicanDoc {
                        title,
                        date: date.and_hms_opt(time.0, time.1, 0).unwrap(),
                        date_has_time: with_time,
                        modified: None,
                        category,
                        slug: None,
                        tags,
                        authors: Vec::new(),
                        summary: None,
                        lang: None,
                        extra: Vec::new(),
                        body,
                    }
                },
            )
    }

    proptest! {
        /// Any bytes: a document or an error naming a field, never a panic.
        #[test]
        fn any_bytes_parse_or_name_a_field(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
            if let Err(e) = parse(&bytes) {
                prop_assert!(!e.field.is_empty());
            }
        }

        /// A header written in Pelican's shape with arbitrary text.
        #[test]
        fn header_lines_with_any_text_parse(title in "\\PC{0,60}", body in "\\PC{0,100}") {
            let source = format!("Title: {title}\nDate: 2020-01-02\n\n{body}");
            let _ = parse(source.as_bytes());
        }

        /// What we export, we read back identically.
        #[test]
        fn export_then_parse_is_identity(doc in doc()) {
            let exported = export(&doc);
            prop_assert_eq!(parse(exported.as_bytes()), Ok(doc), "{}", exported);
        }
    }
}
