//! Mail bodies: a plain-text part and an HTML part in the recipient's language.

use maud::{html, Markup, PreEscaped, DOCTYPE};

use crate::domain::message::link_runs;
use crate::i18n::{colon, t, tf, Lang};

/// What a mail says about a meetup, already formatted for the recipient (a mail about the group
/// alone leaves `title` and `when` empty).
pub struct MeetupSummary {
    pub title: String,
    pub group_name: String,
    /// « jeudi 3 décembre 2026, 19:00 (Europe/Paris) »
    pub when: String,
    pub place: Option<String>,
    pub online_url: Option<String>,
    /// How to get into the venue: only in mails to members going.
    pub entry: Option<String>,
    pub url: String,
}

/// Markdown as both parts of a mail show it: sanitised HTML, and readable plain text.
pub struct Rich {
    pub html: String,
    pub text: String,
}

pub struct MailContent {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Everything one mail says, already in the recipient's language. Every mail has the same
/// shape: greeting, what happened, an organiser's own words if any, the meetup, one call to
/// action, other links, a signature, and a footer saying why it came and how to stop it.
pub struct Mail<'a> {
    pub lang: Lang,
    pub recipient: &'a str,
    pub subject: String,
    pub intro: String,
    /// Plain text a person wrote (an organiser's message): kept as is, links made clickable.
    pub message: Option<&'a str>,
    /// Formatted text a person wrote (a meetup's description), in each part's form.
    pub rich: Option<&'a Rich>,
    pub meetup: Option<&'a MeetupSummary>,
    /// The one thing the mail asks of the reader, as (label, URL): a button in HTML.
    pub action: (String, String),
    /// Other links, as (label, URL), less prominent.
    pub links: Vec<(String, String)>,
    pub note: Option<String>,
    pub signature: String,
    /// Why the recipient gets this mail.
    pub reason: String,
    /// The one-click link to stop this kind of mail, when it is one a member can stop.
    pub unsubscribe: Option<&'a str>,
    /// Where the recipient chooses which mails they get.
    pub settings_url: String,
}

impl Mail<'_> {
    pub fn render(self) -> MailContent {
        let lang = self.lang;
        let greeting = tf(lang, "mail-greeting", &[("name", &self.recipient)]);
        let colon = colon(lang);
        let mut text = format!("{greeting}\n\n{}\n\n", self.intro);
        if let Some(message) = self.message {
            text.push_str(&format!("{message}\n\n"));
        }
        if let Some(rich) = self.rich {
            text.push_str(&format!("{}\n\n", rich.text));
        }
        if let Some(m) = self.meetup {
            text.push_str(&format!("{}\n", m.title));
            text.push_str(&format!("{}{}\n", labelled(lang, "mail-when"), m.when));
            if let Some(place) = &m.place {
                text.push_str(&format!("{}{place}\n", labelled(lang, "mail-where")));
            }
            if let Some(url) = &m.online_url {
                text.push_str(&format!("{}{url}\n", labelled(lang, "mail-online")));
            }
            if let Some(entry) = &m.entry {
                text.push_str(&format!("{}{entry}\n", labelled(lang, "mail-entry")));
            }
            text.push('\n');
        }
        let (label, url) = &self.action;
        text.push_str(&format!("{label}{colon}{url}\n"));
        for (label, url) in &self.links {
            text.push_str(&format!("{label}{colon}{url}\n"));
        }
        if let Some(note) = &self.note {
            text.push_str(&format!("\n{note}\n"));
        }
        text.push_str(&format!("\n{}\n\n-- \n{}\n", self.signature, self.reason));
        text.push_str(&format!(
            "{}{colon}{}\n",
            t(lang, "mail-footer-settings"),
            self.settings_url
        ));
        if let Some(url) = self.unsubscribe {
            text.push_str(&format!("{}{colon}{url}\n", t(lang, "mail-unsubscribe")));
        }
        let html = page(
            lang,
            &self.subject,
            html! {
                p { (greeting) }
                p { (self.intro) }
                @if let Some(message) = self.message {
                    div style="border-left:4px solid #c9d1e0;padding:4px 12px;margin:16px 0;white-space:pre-wrap" {
                        (linked(message))
                    }
                }
                @if let Some(rich) = self.rich {
                    div style="margin:16px 0" { (PreEscaped(&rich.html)) }
                }
                @if let Some(m) = self.meetup {
                    h2 style="font-size:18px;margin-bottom:4px" { (m.title) }
                    table role="presentation" style="border-collapse:collapse" {
                        tr { th align="left" style="padding-right:12px" { (t(lang, "mail-when")) } td { (m.when) } }
                        @if let Some(place) = &m.place { tr { th align="left" style="padding-right:12px" { (t(lang, "mail-where")) } td { (place) } } }
                        @if let Some(url) = &m.online_url { tr { th align="left" style="padding-right:12px" { (t(lang, "mail-online")) } td { a href=(url) { (url) } } } }
                        @if let Some(entry) = &m.entry { tr { th align="left" style="padding-right:12px;vertical-align:top" { (t(lang, "mail-entry")) } td style="white-space:pre-wrap" { (entry) } } }
                    }
                }
                p style="margin:24px 0" {
                    a href=(url) style="display:inline-block;background:#1d4ed8;color:#ffffff;padding:10px 18px;border-radius:6px;font-weight:bold;text-decoration:none" { (label) }
                }
                @for (label, url) in &self.links { p { a href=(url) style="color:#1d4ed8" { (label) } } }
                @if let Some(note) = &self.note { p { (note) } }
                p { (self.signature) }
                hr style="border:none;border-top:1px solid #d5dae3;margin-top:24px";
                p style="font-size:13px;color:#4b5563" {
                    (self.reason) " "
                    a href=(self.settings_url) style="color:#4b5563" { (t(lang, "mail-footer-settings")) }
                    @if let Some(url) = self.unsubscribe {
                        " · " a href=(url) style="color:#4b5563" { (t(lang, "mail-unsubscribe")) }
                    }
                }
            },
        );
        MailContent {
            subject: self.subject,
            text,
            html,
        }
    }
}

/// `text` with its `http(s)` links as anchors, the rest escaped.
fn linked(text: &str) -> Markup {
    html! {
        @for (run, link) in link_runs(text) {
            @if link { a href=(run) { (run) } } @else { (run) }
        }
    }
}

/// `key`'s text followed by the language's colon ("When: ", « Quand : »).
fn labelled(lang: Lang, key: &str) -> String {
    format!("{}{}", t(lang, key), colon(lang))
}

fn page(lang: Lang, title: &str, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head { meta charset="utf-8"; title { (title) } }
            body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2430" { (body) }
        }
    }
    .into_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mail<'a>(lang: Lang, meetup: &'a MeetupSummary, message: Option<&'a str>) -> Mail<'a> {
        Mail {
            lang,
            recipient: "Zoë",
            subject: "Sujet".into(),
            intro: "Intro".into(),
            message,
            rich: None,
            meetup: Some(meetup),
            action: ("Details".into(), meetup.url.clone()),
            links: vec![("Release".into(), "https://example.org/r/x".into())],
            note: None,
            signature: "— DjangAuvergne".into(),
            reason: "You are going.".into(),
            unsubscribe: Some("https://example.org/u"),
            settings_url: "https://example.org/account".into(),
        }
    }

    #[test]
    fn french_mail_escapes_html_and_keeps_text() {
        let meetup = MeetupSummary {
            title: "Rust & <Django>".into(),
            group_name: "DjangAuvergne".into(),
            when: "jeudi 3 décembre 2026, 19:00".into(),
            place: Some("Ness Pub, Clermont-Ferrand".into()),
            entry: None,
            online_url: None,
            url: "https://example.org/m".into(),
        };
        let fr = mail(
            Lang::Fr,
            &meetup,
            Some("Salle <b>2</b> : https://ex.org/plan."),
        )
        .render();
        assert!(fr.text.contains("Bonjour Zoë,"));
        assert!(fr.text.contains("Rust & <Django>"));
        assert!(fr.html.contains("Rust &amp; &lt;Django&gt;"));
        assert!(fr.html.contains("lang=\"fr\""));
        assert!(fr.text.contains("https://example.org/u"));
        assert!(fr.text.contains("Release\u{202f}: https://example.org/r/x"));
        assert!(fr.html.contains("href=\"https://example.org/r/x\""));
        assert!(fr
            .html
            .contains("Salle &lt;b&gt;2&lt;/b&gt; : <a href=\"https://ex.org/plan\">"));
        assert!(fr.text.contains("You are going.") && fr.html.contains("You are going."));
        assert!(fr.html.contains("href=\"https://example.org/account\""));
        let en = mail(Lang::En, &meetup, None).render();
        assert!(en.text.contains("When: jeudi"), "{}", en.text);
        assert!(!en.text.contains(" :"), "{}", en.text);
    }
}
