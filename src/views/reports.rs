//! The report page, the organisers' editor with preview, and report lists.

use maud::{html, Markup, PreEscaped};
use serde::Deserialize;

use super::components::{csrf_input, error_summary, Field, FormErrors};
use super::layout::{layout, layout_with_head, HeadExtras};
use super::Chrome;
use crate::i18n::tf;

pub struct ReportPage<'a> {
    pub title: &'a str,
    pub group_name: &'a str,
    pub group_path: String,
    pub meetup_path: String,
    pub when: String,
    pub place: Option<String>,
    pub programme: Vec<String>,
    pub attendees: Vec<String>,
    /// Rendered and sanitised by `reports::render_markdown`.
    pub body_html: String,
    pub published: bool,
    pub export_path: String,
    /// The page's own absolute URL, and the group's reports feed.
    pub url: String,
    pub atom_url: String,
}

pub fn report_page(chrome: &Chrome, p: &ReportPage) -> Markup {
    let description = match &p.place {
        Some(place) => format!("{} · {} · {place}", p.group_name, p.when),
        None => format!("{} · {}", p.group_name, p.when),
    };
    let head = HeadExtras {
        card: Some((p.title, &description, &p.url)),
        feeds: vec![(
            "application/atom+xml",
            tf(chrome.lang, "groups.feed_atom", &[("group", p.group_name)]),
            p.atom_url.clone(),
        )],
    };
    layout_with_head(
        chrome,
        p.title,
        head.render(),
        html! {
            p.meta { a href=(p.group_path) { "← " (p.group_name) } }
            article.card {
                h1 { (p.title) @if !p.published { " " span.badge.warn { (chrome.t("reports.draft")) } } }
                p.meta {
                    a href=(p.meetup_path) { span.when { (p.when) } }
                    @if let Some(place) = &p.place { " · " (place) }
                }
                @if !p.programme.is_empty() {
                    h2 { (chrome.t("talks.programme")) }
                    ul.programme { @for line in &p.programme { li { (line) } } }
                }
                @if !p.attendees.is_empty() {
                    h2 { (chrome.t("reports.attendees")) }
                    p { (p.attendees.join(", ")) }
                }
                div.prose { (PreEscaped(&p.body_html)) }
                p.meta { a href=(p.export_path) { (chrome.t("reports.export")) } }
            }
        },
    )
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReportForm {
    pub title: String,
    pub body_markdown: String,
    pub published: Option<String>,
    /// Set by the "Preview" button: show, do not save.
    pub preview: Option<String>,
}

pub fn editor_page(
    chrome: &Chrome,
    action: &str,
    form: &ReportForm,
    errors: &FormErrors,
    preview_html: Option<&str>,
) -> Markup {
    let title = chrome.t("reports.editor_title");
    layout(
        chrome,
        title,
        html! {
            div.card {
                h1 { (title) }
                (error_summary(chrome, errors))
                form.stack method="post" action=(action) novalidate {
                    (csrf_input(chrome))
                    (Field::new("title", chrome.t("reports.title"), &form.title).required().render(errors))
                    (Field::new("body_markdown", chrome.t("reports.body"), &form.body_markdown).textarea().render(errors))
                    label.checkbox { input type="checkbox" name="published" value="on" checked[form.published.is_some()]; (chrome.t("reports.published")) }
                    div.actions {
                        button type="submit" { (chrome.t("reports.save")) }
                        button.secondary type="submit" name="preview" value="1" { (chrome.t("reports.preview")) }
                    }
                }
            }
            @if let Some(html) = preview_html {
                section.card.prose aria-label=(chrome.t("reports.preview")) { (PreEscaped(html)) }
            }
        },
    )
}

/// The group page's list of published reports, with the Atom feed.
pub fn report_links(
    chrome: &Chrome,
    feed_path: &str,
    links: &[(String, String, String)],
) -> Markup {
    html! {
        section.card #reports aria-labelledby="reports-title" {
            h2 #reports-title { (chrome.t("groups.reports")) }
            @if links.is_empty() {
                p.muted { (chrome.t("reports.none")) }
            } @else {
                ul.list { @for (title, path, when) in links { li { a href=(path) { (title) } br; span.meta { (when) } } } }
            }
            p { a href=(feed_path) { (chrome.t("reports.feed")) } }
        }
    }
}
