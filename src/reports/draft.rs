//! The report a meetup writes itself: Markdown in the group's language, in the shape of the
//! community's own reports (a list of facts, who came as a count, the programme, sections to
//! complete).

use crate::domain::sponsor::SponsorRole;
use crate::domain::talk::TalkLink;
use crate::i18n::{colon, link_label, sponsor_thanks, t, tf, Lang};

/// What the draft says, already formatted for the group's language.
pub struct DraftFacts<'a> {
    pub lang: Lang,
    /// « jeudi 3 décembre 2026 »
    pub date: String,
    /// The venue, or « En ligne ».
    pub place: Option<String>,
    /// How many came (checked in; going ones when nobody was checked in). Only a count: the
    /// text is published and outlives accounts, so names are the report page's to show, at
    /// read time, to those allowed to read them.
    pub count: usize,
    /// One line a talk (« 19:00 — Title (Speaker, 20 min) ») with its materials.
    pub programme: Vec<(String, &'a [TalkLink])>,
    /// Its hosts and sponsors: (name, web address) and what each gave.
    pub sponsors: Vec<((String, Option<String>), SponsorRole)>,
}

/// Backslash before what Markdown would read as markup, so names and titles stay text.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A link destination Markdown cannot cut short.
fn destination(url: &str) -> String {
    url.replace('(', "%28")
        .replace(')', "%29")
        .replace(' ', "%20")
}

pub fn draft(f: &DraftFacts) -> String {
    let lang = f.lang;
    let colon = colon(lang);
    let item = |key: &str, value: &str| format!("* {}{colon}{value}\n", t(lang, key));
    let mut out = item("reports-draft-date", &escape(&f.date));
    let place = f.place.as_deref().map_or_else(|| "—".to_string(), escape);
    out.push_str(&item("reports-draft-place", &place));
    let came = tf(lang, "reports-draft-present", &[("n", &f.count)]);
    out.push_str(&format!("* {came}\n"));
    if !f.programme.is_empty() {
        out.push_str(&format!("\n## {}\n\n", t(lang, "talks-programme")));
        for (line, links) in &f.programme {
            out.push_str(&format!("* {}", escape(line)));
            let links: Vec<String> = links
                .iter()
                .map(|l| {
                    format!(
                        "[{}]({})",
                        escape(&link_label(lang, l)),
                        destination(&l.url)
                    )
                })
                .collect();
            if !links.is_empty() {
                out.push_str(&format!("{colon}{}", links.join(", ")));
            }
            out.push('\n');
        }
    }
    let named: Vec<(String, SponsorRole)> = f
        .sponsors
        .iter()
        .map(|((name, url), role)| {
            let name = match url {
                Some(url) => format!("[{}]({})", escape(name), destination(url)),
                None => escape(name),
            };
            (name, *role)
        })
        .collect();
    if let Some(thanks) = sponsor_thanks(lang, &named) {
        out.push_str(&format!("\n{thanks}\n"));
    }
    for section in ["reports-draft-said", "reports-draft-next"] {
        out.push_str(&format!("\n## {}\n\n", t(lang, section)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::talk::LinkKind;

    fn facts(lang: Lang, count: usize, links: &[TalkLink]) -> DraftFacts<'_> {
        DraftFacts {
            lang,
            date: "jeudi 3 décembre 2026".into(),
            place: Some("Ness Pub, Clermont-Ferrand".into()),
            count,
            programme: vec![("19:00 — Pelican (Alexis, 20 min)".into(), links)],
            sponsors: Vec::new(),
        }
    }

    #[test]
    fn the_draft_lists_the_facts_the_programme_and_empty_sections() {
        let links = [TalkLink {
            kind: LinkKind::Slides,
            url: "https://ex.org/a(1).pdf".into(),
            title: None,
        }];
        let fr = draft(&facts(Lang::Fr, 3, &links));
        assert_eq!(
            fr,
            "* Date\u{202f}: jeudi 3 décembre 2026\n\
             * Lieu\u{202f}: Ness Pub, Clermont-Ferrand\n\
             * Étaient présents (3)\n\
             \n## Programme\n\n\
             * 19:00 — Pelican (Alexis, 20 min)\u{202f}: [Diapositives](https://ex.org/a%281%29.pdf)\n\
             \n## Ce qui s'est dit\n\n\
             \n## Et ensuite\u{202f}?\n\n"
        );
        let en = draft(&facts(Lang::En, 2, &[]));
        assert!(en.contains("* Who came (2)\n"), "{en}");
        assert!(en.contains("* 19:00 — Pelican (Alexis, 20 min)\n"), "{en}");
        assert!(en.contains("## What was said"), "{en}");
    }

    #[test]
    fn the_draft_thanks_the_sponsors() {
        let with = DraftFacts {
            sponsors: vec![
                (
                    ("Acme".into(), Some("https://acme.example".into())),
                    SponsorRole::Venue,
                ),
                (("Pizza_Co".into(), None), SponsorRole::Food),
            ],
            ..facts(Lang::Fr, 3, &[])
        };
        let fr = draft(&with);
        assert!(
            fr.contains("\nMerci à [Acme](https://acme.example) pour l'accueil et à Pizza\\_Co pour le repas.\n"),
            "{fr}"
        );
        let en = draft(&DraftFacts {
            lang: Lang::En,
            ..with
        });
        assert!(
            en.contains("Thanks to [Acme](https://acme.example) for hosting us"),
            "{en}"
        );
    }

    #[test]
    fn markup_in_titles_stays_text() {
        assert_eq!(escape("*bold* [x](y) <b>"), "\\*bold\\* \\[x\\](y) \\<b\\>");
        let nobody = draft(&DraftFacts {
            count: 0,
            programme: Vec::new(),
            place: None,
            ..facts(Lang::En, 0, &[])
        });
        assert!(nobody.contains("* Place: —\n* Who came (0)\n"), "{nobody}");
        assert!(!nobody.contains("Programme"), "{nobody}");
    }
}
