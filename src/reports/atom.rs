//! Atom 1.0 (RFC 4287) feed of published reports.
//!
//! Built as a string: the document is tiny and fixed-shape, and every piece of
//! user text goes through [`escape`], which is the only thing that matters here.

use chrono::NaiveDateTime;

pub struct AtomFeed<'a> {
    /// A permanent IRI, e.g. a `tag:` URI or the feed URL.
    pub id: &'a str,
    pub title: &'a str,
    pub self_url: &'a str,
    pub html_url: &'a str,
    /// UTC.
    pub updated: NaiveDateTime,
    pub author_name: &'a str,
}

pub struct AtomEntry {
    pub id: String,
    pub title: String,
    pub url: String,
    /// UTC.
    pub published: NaiveDateTime,
    /// UTC.
    pub updated: NaiveDateTime,
    pub summary: Option<String>,
    /// Already sanitised HTML; it is escaped again here as `type="html"` requires.
    pub content_html: String,
    pub categories: Vec<String>,
}

pub fn render_atom(feed: &AtomFeed, entries: &[AtomEntry]) -> String {
    let mut xml = String::with_capacity(1024 + entries.len() * 2048);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    element(&mut xml, 1, "id", feed.id);
    element(&mut xml, 1, "title", feed.title);
    element(&mut xml, 1, "updated", &timestamp(feed.updated));
    link(&mut xml, 1, "self", "application/atom+xml", feed.self_url);
    link(&mut xml, 1, "alternate", "text/html", feed.html_url);
    xml.push_str("  <author>\n");
    element(&mut xml, 2, "name", feed.author_name);
    xml.push_str("  </author>\n");
    for entry in entries {
        xml.push_str("  <entry>\n");
        element(&mut xml, 2, "id", &entry.id);
        element(&mut xml, 2, "title", &entry.title);
        link(&mut xml, 2, "alternate", "text/html", &entry.url);
        element(&mut xml, 2, "published", &timestamp(entry.published));
        element(&mut xml, 2, "updated", &timestamp(entry.updated));
        for term in &entry.categories {
            xml.push_str("    <category term=\"");
            escape_into(&mut xml, term);
            xml.push_str("\"/>\n");
        }
        if let Some(summary) = &entry.summary {
            element(&mut xml, 2, "summary", summary);
        }
        xml.push_str("    <content type=\"html\">");
        escape_into(&mut xml, &entry.content_html);
        xml.push_str("</content>\n");
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

fn timestamp(utc: NaiveDateTime) -> String {
    utc.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn element(xml: &mut String, depth: usize, name: &str, text: &str) {
    indent(xml, depth);
    xml.push('<');
    xml.push_str(name);
    xml.push('>');
    escape_into(xml, text);
    xml.push_str("</");
    xml.push_str(name);
    xml.push_str(">\n");
}

fn link(xml: &mut String, depth: usize, rel: &str, media_type: &str, href: &str) {
    indent(xml, depth);
    xml.push_str("<link rel=\"");
    xml.push_str(rel);
    xml.push_str("\" type=\"");
    xml.push_str(media_type);
    xml.push_str("\" href=\"");
    escape_into(xml, href);
    xml.push_str("\"/>\n");
}

fn indent(xml: &mut String, depth: usize) {
    for _ in 0..depth {
        xml.push_str("  ");
    }
}

/// Escapes for both text and attribute values, and drops characters XML 1.0
/// forbids outright (they cannot even be written as character references, and a
/// single one makes feed readers reject the whole feed).
fn escape_into(xml: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => xml.push_str("&amp;"),
            '<' => xml.push_str("&lt;"),
            '>' => xml.push_str("&gt;"),
            '"' => xml.push_str("&quot;"),
            '\'' => xml.push_str("&apos;"),
            '\t' | '\n' | '\r' => xml.push(c),
            c if is_xml_char(c) => xml.push(c),
            _ => {}
        }
    }
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    fn feed() -> AtomFeed<'static> {
        AtomFeed {
            id: "tag:rendezvous.example,2012:groups/djangauvergne/reports",
            title: "DjangAuvergne — comptes-rendus",
            self_url: "https://rendezvous.example/groups/djangauvergne/reports.atom",
            html_url: "https://rendezvous.example/groups/djangauvergne?tab=reports&x=1",
            updated: at("2012-10-16 08:00:00"),
            author_name: "DjangAuvergne",
        }
    }

    fn entry() -> AtomEntry {
        AtomEntry {
            id: "tag:rendezvous.example,2012:reports/1".into(),
            title: "Premier <script>&\"Meetup'".into(),
            url: "https://rendezvous.example/r/1?a=1&b=2".into(),
            published: at("2012-10-15 18:30:00"),
            updated: at("2012-10-16 07:05:09"),
            summary: Some("Résumé <b>court</b>\u{0}\u{1b}\u{FFFE}".into()),
            content_html: "<p>Hello &amp; <a href=\"https://x.example\">bye</a></p>".into(),
            categories: vec!["Meetup".into(), "R&D \"<x>\"".into()],
        }
    }

    /// Minimal well-formedness check: balanced tags, quoted attributes, only
    /// known entities, no raw `<`/`&` in text, no control characters.
    fn assert_well_formed(xml: &str) {
        let body = xml
            .strip_prefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
            .expect("xml declaration first");
        assert!(!xml
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r')));
        let mut stack: Vec<&str> = Vec::new();
        let mut rest = body;
        let mut roots = 0;
        while let Some(open) = rest.find('<') {
            assert_text_escaped(&rest[..open]);
            let close = open + rest[open..].find('>').expect("unclosed tag");
            let tag = &rest[open + 1..close];
            assert!(!tag.contains('<'), "raw < inside tag {tag:?}");
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(stack.pop(), Some(name), "mismatched </{name}>");
            } else {
                let self_closing = tag.ends_with('/');
                let tag = tag.trim_end_matches('/');
                let (name, attributes) = tag.split_once(' ').unwrap_or((tag, ""));
                assert_attributes_quoted(attributes);
                if stack.is_empty() {
                    roots += 1;
                }
                if !self_closing {
                    stack.push(name);
                }
            }
            rest = &rest[close + 1..];
        }
        assert_text_escaped(rest);
        assert!(stack.is_empty(), "unclosed elements {stack:?}");
        assert_eq!(roots, 1);
    }

    fn assert_attributes_quoted(mut attributes: &str) {
        while let Some(eq) = attributes.find('=') {
            let after = &attributes[eq + 1..];
            let value = after.strip_prefix('"').expect("attribute value quoted");
            let end = value.find('"').expect("attribute value closed");
            assert_text_escaped(&value[..end]);
            attributes = &value[end + 1..];
        }
    }

    fn assert_text_escaped(text: &str) {
        assert!(!text.contains('<') && !text.contains('>'), "{text:?}");
        for (i, _) in text.match_indices('&') {
            let entity = &text[i..];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
                    .iter()
                    .any(|known| entity.starts_with(known)),
                "bad entity at {entity:?}"
            );
        }
    }

    #[test]
    fn renders_well_formed_atom() {
        let xml = render_atom(&feed(), &[entry(), entry()]);
        assert_well_formed(&xml);
        assert!(xml.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
        assert!(xml.contains("<updated>2012-10-16T08:00:00Z</updated>"));
        assert!(xml.contains("<published>2012-10-15T18:30:00Z</published>"));
        assert!(xml.contains(
            "<link rel=\"self\" type=\"application/atom+xml\" href=\"https://rendezvous.example/groups/djangauvergne/reports.atom\"/>"
        ));
        assert!(xml.contains(
            "<link rel=\"alternate\" type=\"text/html\" href=\"https://rendezvous.example/groups/djangauvergne?tab=reports&amp;x=1\"/>"
        ));
        assert!(xml.contains("<author>\n    <name>DjangAuvergne</name>\n  </author>"));
        assert_eq!(xml.matches("<entry>").count(), 2);
    }

    #[test]
    fn escapes_user_text_everywhere() {
        let xml = render_atom(&feed(), &[entry()]);
        assert!(xml.contains("<title>Premier &lt;script&gt;&amp;&quot;Meetup&apos;</title>"));
        assert!(xml.contains("<category term=\"R&amp;D &quot;&lt;x&gt;&quot;\"/>"));
        assert!(xml.contains(
            "<content type=\"html\">&lt;p&gt;Hello &amp;amp; &lt;a href=&quot;https://x.example&quot;&gt;bye&lt;/a&gt;&lt;/p&gt;</content>"
        ));
        assert!(xml.contains("href=\"https://rendezvous.example/r/1?a=1&amp;b=2\""));
    }

    #[test]
    fn strips_characters_illegal_in_xml() {
        let xml = render_atom(&feed(), &[entry()]);
        assert!(
            xml.contains("<summary>Résumé &lt;b&gt;court&lt;/b&gt;</summary>"),
            "{xml}"
        );
    }

    #[test]
    fn empty_feed_is_valid() {
        let xml = render_atom(&feed(), &[]);
        assert_well_formed(&xml);
        assert!(!xml.contains("<entry>"));
    }
}
