//! Mail bodies: a plain-text part and an HTML part in the recipient's language.

use maud::{html, Markup, DOCTYPE};

use crate::i18n::{t, tf, Lang};

/// What a mail says about a meetup, already formatted for the recipient (a mail about the group
/// alone leaves `title` and `when` empty).
pub struct MeetupSummary {
    pub title: String,
    pub group_name: String,
    /// « jeudi 3 décembre 2026, 19:00 (Europe/Paris) »
    pub when: String,
    pub place: Option<String>,
    pub online_url: Option<String>,
    pub url: String,
}

pub struct MailContent {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Greeting, intro, the meetup's details and link, signature — the shape of every mail we send.
/// `actions`: links the recipient may follow from the mail, as (label, URL).
pub fn compose(
    lang: Lang,
    recipient: &str,
    subject: String,
    intro: String,
    meetup: &MeetupSummary,
    actions: &[(String, String)],
    unsubscribe_url: Option<&str>,
) -> MailContent {
    let greeting = tf(lang, "mail.greeting", &[("name", recipient)]);
    let signature = tf(lang, "mail.signature", &[("group", &meetup.group_name)]);
    let mut text = format!("{greeting}\n\n{intro}\n\n{}\n", meetup.title);
    text.push_str(&format!("{}{}\n", labelled(lang, "mail.when"), meetup.when));
    if let Some(place) = &meetup.place {
        text.push_str(&format!("{}{place}\n", labelled(lang, "mail.where")));
    }
    if let Some(url) = &meetup.online_url {
        text.push_str(&format!("{}{url}\n", labelled(lang, "mail.online")));
    }
    text.push_str(&format!(
        "\n{}{}\n",
        labelled(lang, "mail.details"),
        meetup.url
    ));
    for (label, url) in actions {
        text.push_str(&format!("{label}{}{url}\n", colon(lang)));
    }
    text.push_str(&format!("\n{signature}\n"));
    if let Some(url) = unsubscribe_url {
        text.push_str(&format!("\n{} : {url}\n", t(lang, "mail.unsubscribe")));
    }
    let html = page(
        lang,
        &subject,
        html! {
            p { (greeting) }
            p { (intro) }
            h2 style="font-size:18px" { (meetup.title) }
            table role="presentation" {
                tr { th align="left" { (t(lang, "mail.when")) } td { (meetup.when) } }
                @if let Some(place) = &meetup.place { tr { th align="left" { (t(lang, "mail.where")) } td { (place) } } }
                @if let Some(url) = &meetup.online_url { tr { th align="left" { (t(lang, "mail.online")) } td { a href=(url) { (url) } } } }
            }
            p { a href=(meetup.url) { (t(lang, "mail.details")) } }
            @for (label, url) in actions { p { a href=(url) { (label) } } }
            p { (signature) }
            @if let Some(url) = unsubscribe_url {
                p style="font-size:12px;color:#5b6474" { a href=(url) { (t(lang, "mail.unsubscribe")) } }
            }
        },
    );
    MailContent {
        subject,
        text,
        html,
    }
}

/// A mail about the account itself: greeting, what happened, one link to follow, a note.
pub fn compose_link(
    lang: Lang,
    recipient: &str,
    subject: String,
    intro: String,
    link: (&str, &str),
    note: String,
) -> MailContent {
    let (label, url) = link;
    let greeting = tf(lang, "mail.greeting", &[("name", recipient)]);
    let signature = t(lang, "mail.signature_site");
    let colon = colon(lang);
    let text = format!("{greeting}\n\n{intro}\n\n{label}{colon}{url}\n\n{note}\n\n{signature}\n");
    let html = page(
        lang,
        &subject,
        html! {
            p { (greeting) }
            p { (intro) }
            p { a href=(url) style="font-weight:bold" { (label) } }
            p style="font-size:12px;color:#5b6474" { (url) }
            p { (note) }
            p { (signature) }
        },
    );
    MailContent {
        subject,
        text,
        html,
    }
}

/// A colon as each language writes it: French puts a narrow no-break space before it.
pub(crate) fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "\u{202f}: ",
        Lang::En => ": ",
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

    #[test]
    fn french_mail_escapes_html_and_keeps_text() {
        let meetup = MeetupSummary {
            title: "Rust & <Django>".into(),
            group_name: "DjangAuvergne".into(),
            when: "jeudi 3 décembre 2026, 19:00".into(),
            place: Some("Ness Pub, Clermont-Ferrand".into()),
            online_url: None,
            url: "https://example.org/m".into(),
        };
        let mail = compose(
            Lang::Fr,
            "Zoë",
            "Sujet".into(),
            "Intro".into(),
            &meetup,
            &[("Release".into(), "https://example.org/r/x".into())],
            Some("https://example.org/u"),
        );
        assert!(mail.text.contains("Bonjour Zoë,"));
        assert!(mail.text.contains("Rust & <Django>"));
        assert!(mail.html.contains("Rust &amp; &lt;Django&gt;"));
        assert!(mail.html.contains("lang=\"fr\""));
        assert!(mail.text.contains("https://example.org/u"));
        assert!(mail
            .text
            .contains("Release\u{202f}: https://example.org/r/x"));
        let english = compose(Lang::En, "Zoë", "S".into(), "I".into(), &meetup, &[], None);
        assert!(english.text.contains("When: jeudi"), "{}", english.text);
        assert!(mail.html.contains("href=\"https://example.org/r/x\""));
    }
}
