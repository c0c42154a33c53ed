//! URL slugs for reports created without one.
//!
//! Imported Pelican slugs are kept verbatim (they may contain capitals and are
//! already part of published URLs); this is only for titles typed in the app.

use deunicode::deunicode;

const MAX_LEN: usize = 80;
const FALLBACK: &str = "report";

pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len().min(MAX_LEN));
    // Transliterate first so "Été" becomes "ete" rather than disappearing.
    for c in deunicode(text).chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    if slug.len() > MAX_LEN {
        // Prefer cutting between words so the slug does not end in half a word.
        let cut = match slug[..=MAX_LEN].rfind('-') {
            Some(dash) if dash > 0 => dash,
            _ => MAX_LEN,
        };
        slug.truncate(cut);
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() {
        FALLBACK.to_owned()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterates_and_collapses_punctuation() {
        assert_eq!(
            slugify("Compte-Rendu du premier Meetup — Été 2012!"),
            "compte-rendu-du-premier-meetup-ete-2012"
        );
        assert_eq!(slugify("  --Hello,   World--  "), "hello-world");
        assert_eq!(slugify("Straße & Œuvre"), "strasse-oeuvre");
    }

    #[test]
    fn never_empty() {
        assert_eq!(slugify(""), "report");
        assert_eq!(slugify("!!! — ???"), "report");
    }

    #[test]
    fn only_ascii_lowercase_digits_and_single_dashes() {
        for input in [
            "Ünïcödé 日本語 🎉 tab\there",
            "a\u{0}b\u{202e}c",
            "x--__--y",
        ] {
            let slug = slugify(input);
            assert!(!slug.is_empty());
            assert!(!slug.starts_with('-') && !slug.ends_with('-'), "{slug}");
            assert!(!slug.contains("--"), "{slug}");
            assert!(
                slug.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{slug}"
            );
        }
    }

    #[test]
    fn truncates_at_a_word_boundary_within_80_chars() {
        let slug = slugify(&"meetup ".repeat(30));
        assert!(slug.len() <= 80, "{}", slug.len());
        assert!(slug.ends_with("meetup"), "{slug}");

        let one_word = slugify(&"a".repeat(200));
        assert_eq!(one_word.len(), 80);
    }
}
