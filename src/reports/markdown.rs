//! Markdown → safe HTML for report bodies.
//!
//! Report bodies are written by organisers and may contain raw HTML, so every
//! rendering goes through ammonia; nothing pulldown-cmark emits is trusted.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use ammonia::Builder;
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag};

/// Footnote ids are rewritten to `fn-<n>` so that author-chosen labels can
/// never clobber DOM globals (`id="location"`, `id="forms"`…) or collide with
/// the page's own ids; ammonia then only lets ids of exactly that shape through.
const FOOTNOTE_ID_PREFIX: &str = "fn-";

pub fn render_markdown(source: &str) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let mut footnote_ids: HashMap<String, String> = HashMap::new();
    let mut footnote_id = |label: &str| -> CowStr<'static> {
        // Labels match case-insensitively in CommonMark, so their ids must too.
        let next = footnote_ids.len() + 1;
        let id = footnote_ids
            .entry(label.to_lowercase())
            .or_insert_with(|| format!("{FOOTNOTE_ID_PREFIX}{next}"));
        CowStr::from(id.clone())
    };
    let events = Parser::new_ext(source, options).map(|event| match event {
        Event::FootnoteReference(label) => Event::FootnoteReference(footnote_id(&label)),
        Event::Start(Tag::FootnoteDefinition(label)) => {
            Event::Start(Tag::FootnoteDefinition(footnote_id(&label)))
        }
        other => other,
    });
    let mut unsafe_html = String::with_capacity(source.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut unsafe_html, events);
    sanitizer().clean(&unsafe_html).to_string()
}

/// Markdown as a plain-text mail part reads it: paragraphs and list items kept, emphasis
/// markers dropped, each link's address after its text, images by their description.
pub fn markdown_text(source: &str) -> String {
    use pulldown_cmark::TagEnd;
    let mut text = String::with_capacity(source.len());
    let mut links: Vec<String> = Vec::new();
    for event in Parser::new_ext(
        source,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    ) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push('\n'),
            Event::Start(Tag::Item) => text.push_str("- "),
            Event::Start(Tag::Link { dest_url, .. }) => links.push(dest_url.to_string()),
            Event::End(TagEnd::Link) => {
                if let Some(url) = links.pop() {
                    if !text.ends_with(url.as_str()) {
                        text.push_str(&format!(" ({url})"));
                    }
                }
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock) => {
                text.push_str("\n\n")
            }
            Event::End(TagEnd::Item | TagEnd::TableRow | TagEnd::TableHead)
                if !text.ends_with('\n') =>
            {
                text.push('\n')
            }
            Event::End(TagEnd::TableCell) => text.push_str(" | "),
            Event::End(TagEnd::List(_)) => text.push('\n'),
            Event::Rule => text.push_str("---\n\n"),
            _ => {}
        }
    }
    text.trim_end().to_string()
}

fn sanitizer() -> &'static Builder<'static> {
    static SANITIZER: OnceLock<Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut builder = Builder::default();
        // ammonia's defaults already drop script/style/iframe/form/svg, event
        // handlers, `style` attributes and comments; these settings narrow it further.
        builder
            .url_schemes(HashSet::from(["http", "https", "mailto", "irc", "ircs"]))
            .link_rel(Some("nofollow noopener"))
            .add_tag_attributes("div", ["id"])
            .allowed_classes(HashMap::from([
                (
                    "sup",
                    HashSet::from(["footnote-reference", "footnote-definition-label"]),
                ),
                ("div", HashSet::from(["footnote-definition"])),
            ]))
            .attribute_filter(|_element, attribute, value| {
                if attribute == "id" && !is_footnote_id(value) {
                    None
                } else {
                    Some(Cow::Borrowed(value))
                }
            });
        builder
    })
}

fn is_footnote_id(value: &str) -> bool {
    value
        .strip_prefix(FOOTNOTE_ID_PREFIX)
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_reads_as_plain_text() {
        let text = markdown_text(
            "Un **apéro** et [un plan](https://example.org/plan).\n\n- bières\n- *jus*\n\nFin.",
        );
        assert_eq!(
            text,
            "Un apéro et un plan (https://example.org/plan).\n\n- bières\n- jus\n\nFin."
        );
        assert_eq!(
            markdown_text("<https://example.org>"),
            "https://example.org"
        );
    }

    const FIXTURE: &str = include_str!("testdata/premier-meetup.md");

    fn assert_no_active_content(html: &str) {
        let lower = html.to_ascii_lowercase();
        for needle in [
            "<script",
            "<iframe",
            "<svg",
            "<style",
            "<form",
            "<!--",
            "onerror",
            "onload",
            "javascript:",
            "vbscript:",
            "data:",
            "style=",
        ] {
            assert!(!lower.contains(needle), "{needle:?} survived in {html:?}");
        }
    }

    #[test]
    fn script_tags_are_removed_with_their_content() {
        let html = render_markdown("Hello <script>alert(1)</script> world");
        assert_no_active_content(&html);
        assert!(!html.contains("alert"));
        assert!(html.contains("Hello"));
    }

    #[test]
    fn event_handlers_are_removed() {
        let html = render_markdown("<img src=x onerror=alert(1)>\n\n<p onclick=\"x()\">hi</p>");
        assert_no_active_content(&html);
        assert!(!html.contains("onclick"));
    }

    #[test]
    fn dangerous_url_schemes_are_removed() {
        for source in [
            "[x](javascript:alert(1))",
            "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
            "<a href=\"vbscript:msgbox(1)\">x</a>",
            "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
            "[x](&#106;avascript:alert(1))",
            "<a href=\"&#x6A;&#x61;vascript&#58;alert(1)\">x</a>",
            "<a href=\"java&#x09;script:alert(1)\">x</a>",
            "<a href=\" javascript:alert(1)\">x</a>",
        ] {
            let html = render_markdown(source);
            assert_no_active_content(&html);
            assert!(!html.contains("href=\"j"), "{source:?} -> {html:?}");
        }
    }

    #[test]
    fn styles_iframes_forms_svg_and_comments_are_removed() {
        for source in [
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
            "<style>body{display:none}</style>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<form action=\"https://evil.example\"><input name=a></form>",
            "<svg onload=alert(1)><circle/></svg>",
            "a <!-- secret --> b",
        ] {
            let html = render_markdown(source);
            assert_no_active_content(&html);
            assert!(
                !html.contains("evil.example") && !html.contains("secret"),
                "{html}"
            );
        }
    }

    #[test]
    fn ids_outside_footnotes_are_dropped() {
        let html = render_markdown("<div id=\"location\">x</div>\n\n<h2 id=\"forms\">y</h2>");
        assert!(!html.contains("id="), "{html}");
    }

    #[test]
    fn links_get_rel_and_allowed_schemes_survive() {
        let html = render_markdown(
            "[a](https://a.example) [b](http://b.example) [c](mailto:c@d.example) \
             [d](irc://chat.example:6667/room) [e](/relative)",
        );
        for href in [
            "https://a.example",
            "http://b.example",
            "mailto:c@d.example",
            "irc://chat.example:6667/room",
            "/relative",
        ] {
            assert!(
                html.contains(&format!("href=\"{href}\"")),
                "{href} in {html}"
            );
        }
        assert_eq!(
            html.matches("rel=\"nofollow noopener\"").count(),
            5,
            "{html}"
        );
    }

    #[test]
    fn tables_strikethrough_and_code_render() {
        let html = render_markdown(
            "| a | b |\n|:--|--:|\n| 1 | 2 |\n\n~~gone~~\n\n```rust\nlet x = 1 < 2;\n```",
        );
        for needle in [
            "<table>",
            "<th>a</th>",
            "<td>2</td>",
            "<del>gone</del>",
            "<pre><code",
        ] {
            assert!(html.contains(needle), "{needle} in {html}");
        }
        assert!(html.contains("1 &lt; 2"));
    }

    #[test]
    fn footnotes_keep_prefixed_ids_that_match_their_links() {
        let html = render_markdown("Claim[^Source].\n\n[^source]: Evidence.\n");
        assert!(
            html.contains(r##"<sup class="footnote-reference"><a href="#fn-1" rel="nofollow noopener">1</a></sup>"##),
            "{html}"
        );
        assert!(
            html.contains(r#"<div class="footnote-definition" id="fn-1">"#),
            "{html}"
        );
        assert!(html.contains("Evidence."));
    }

    #[test]
    fn hostile_footnote_labels_cannot_choose_ids() {
        let html = render_markdown(
            "x[^\"><script>alert(1)</script>]\n\n[^\"><script>alert(1)</script>]: y\n",
        );
        assert_no_active_content(&html);
        assert!(!html.contains("alert(1)</"), "{html}");
    }

    #[test]
    fn fixture_renders_structure() {
        let body = FIXTURE.split_once("\n\n").unwrap().1;
        let html = render_markdown(body);
        assert_no_active_content(&html);
        assert!(
            html.contains("<h2>Les attentes de la communauté</h2>"),
            "{html}"
        );
        assert!(html.contains("<h3>Découverte de modules python</h3>"));
        assert!(html.contains("<li>Lieu : Ness Pub de Clermont-Ferrand</li>"));
        assert!(html.contains(
            "<del><a href=\"http://www.bonjourmadame.fr\" rel=\"nofollow noopener\">http://www.bonjourmadame.fr</a></del>"
        ));
        assert!(html.contains(
            "<a href=\"irc://chat.freenode.net:6667/djangauvergne\" rel=\"nofollow noopener\">#djangauvergne sur freenode</a>"
        ));
        assert!(html.contains(
            "<a href=\"https://github.com/kennethreitz/python-guide\" rel=\"nofollow noopener\">"
        ));
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    const PIECES: [&str; 24] = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[a](javascript:alert(1))",
        "<a href=\"JaVaScRiPt:x\">y</a>",
        "<svg onload=alert(1)>",
        "<iframe src=x>",
        "<style>",
        "<div style=\"x\" onclick=\"y\">",
        "![i](data:text/html,x)",
        "[^n]",
        "[^n]: note",
        "**",
        "`",
        "\n",
        "\n\n",
        "| a | b |\n|---|---|\n| <b onmouseover=x> | c |",
        "<",
        ">",
        "\"",
        "'",
        "&",
        "text ",
        "<!-- c -->",
        "<form action=x><input></form>",
    ];

    /// Tag names and attributes (`name=\"value\"`, lowercased) of the HTML produced (text `<` comes out as `&lt;`).
    fn tags(html: &str) -> Vec<(String, Vec<String>)> {
        html.split('<')
            .skip(1)
            .filter_map(|rest| rest.split_once('>').map(|(tag, _)| tag))
            .map(|tag| {
                let mut words = tag.split_whitespace();
                let name = words
                    .next()
                    .unwrap_or_default()
                    .trim_start_matches('/')
                    .to_lowercase();
                let attributes = words.map(str::to_lowercase).collect();
                (name, attributes)
            })
            .collect()
    }

    proptest! {
        /// Whatever is written, nothing in the page can run: no script-like element, no event
        /// handler, no `javascript:` link.
        #[test]
        fn rendered_markdown_never_holds_live_markup(pieces in prop::collection::vec(prop::sample::select(PIECES.to_vec()), 0..12), free in "\\PC{0,20}") {
            let source = format!("{}{free}", pieces.concat());
            let html = render_markdown(&source);
            for (name, attributes) in tags(&html) {
                prop_assert!(!["script", "style", "iframe", "svg", "object", "embed", "form", "input"].contains(&name.as_str()), "{html}");
                prop_assert!(!attributes.iter().any(|a| a.starts_with("on") || a.starts_with("style")), "{html}");
            }
            for (_, attributes) in tags(&html) {
                let scripted = |a: &String| ["href=\"javascript:", "src=\"javascript:", "href=\"data:", "src=\"data:"].iter().any(|p| a.starts_with(p));
                prop_assert!(!attributes.iter().any(scripted), "{html}");
            }
        }
    }
}
