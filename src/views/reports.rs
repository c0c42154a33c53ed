//! The report page, the organisers' editor with preview, and report lists.

use maud::{html, Markup, PreEscaped};
use serde::Deserialize;

use super::components::{csrf_input, error_summary, Field, FormErrors};
use super::layout::{layout, layout_with_head, Card, HeadExtras};
use super::Chrome;
use crate::i18n::tf;

pub struct ReportPage<'a> {
    pub title: &'a str,
    pub group_name: &'a str,
    pub group_path: String,
    pub meetup_path: String,
    /// For link previews only: the report's text says when and where (the draft writes it).
    pub when: String,
    pub place: Option<String>,
    /// Who came, as this reader may see them (read from the attendance, not the text).
    pub attendees: Vec<String>,
    /// Rendered and sanitised by `reports::render_markdown`.
    pub body_html: String,
    pub published: bool,
    pub export_path: String,
    /// The page's own absolute URL, and the group's reports feed.
    pub url: String,
    /// The preview image's absolute URL.
    pub card_image: String,
    pub atom_url: String,
}

pub fn report_page(chrome: &Chrome, p: &ReportPage) -> Markup {
    let description = match &p.place {
        Some(place) => format!("{} · {} · {place}", p.group_name, p.when),
        None => format!("{} · {}", p.group_name, p.when),
    };
    let head = HeadExtras {
        card: Some(Card {
            title: p.title,
            group: Some(p.group_name),
            description: &description,
            url: &p.url,
            image: &p.card_image,
            image_size: crate::assets::CARD_IMAGE_SIZE,
        }),
        feeds: vec![(
            "application/atom+xml",
            tf(chrome.lang, "groups-feed_atom", &[("group", &p.group_name)]),
            p.atom_url.clone(),
        )],
    };
    layout_with_head(
        chrome,
        p.title,
        head.render(chrome),
        html! {
            p.meta { a href=(p.group_path) { "← " (p.group_name) } }
            article.card {
                h1 { (p.title) @if !p.published { " " span.badge.warn { (chrome.t("reports-draft")) } } }
                p.meta { a href=(p.meetup_path) { (chrome.t("reports-meetup")) } }
                div.prose { (PreEscaped(&p.body_html)) }
                @if !p.attendees.is_empty() {
                    section aria-labelledby="attendees-title" {
                        h2 #attendees-title { (chrome.t("reports-attendees")) }
                        p.attendees { (p.attendees.join(", ")) }
                    }
                }
                p.meta { a href=(p.export_path) { (chrome.t("reports-export")) } }
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

/// The meetup a report is about, as (its title, its page).
pub type ReportOf<'a> = (&'a str, &'a str);

pub fn editor_page(
    chrome: &Chrome,
    (meetup, meetup_path): ReportOf,
    action: &str,
    form: &ReportForm,
    errors: &FormErrors,
    preview_html: Option<&str>,
) -> Markup {
    let title = tf(chrome.lang, "reports-editor_heading", &[("title", &meetup)]);
    layout(
        chrome,
        &title,
        html! {
            p.meta { a href=(meetup_path) { "← " (meetup) } }
            // Beside the preview on a wide screen, above it on a phone.
            div.editor-layout {
            div.card {
                h1 { (title) }
                (error_summary(chrome, errors))
                form.stack.report-editor method="post" action=(action) novalidate {
                    (csrf_input(chrome))
                    (Field::new("title", chrome.t("reports-title"), &form.title).required().render(errors))
                    (Field::new("body_markdown", chrome.t("reports-body"), &form.body_markdown).textarea().render(errors))
                    label.checkbox { input type="checkbox" name="published" value="on" checked[form.published.is_some()]; (chrome.t("reports-published")) }
                    div.actions {
                        button type="submit" { (chrome.t("reports-save")) }
                        button.secondary type="submit" name="preview" value="1" { (chrome.t("reports-preview")) }
                    }
                }
            }
            @if let Some(html) = preview_html {
                section.card.prose #preview aria-label=(chrome.t("reports-preview")) { (PreEscaped(html)) }
            }
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
            h2 #reports-title { (chrome.t("groups-reports")) }
            @if links.is_empty() {
                p.muted { (chrome.t("reports-none")) }
            } @else {
                ul.list { @for (title, path, when) in links { li { a href=(path) { (title) } br; span.meta { (when) } } } }
            }
            p { a href=(feed_path) { (chrome.t("reports-feed")) } }
        }
    }
}

/// What became of one uploaded file.
pub struct ImportResult {
    pub file: String,
    /// The report's (title, path), or what is wrong with the file.
    pub outcome: Result<(String, String), String>,
}

/// The organisers' upload of Pelican Markdown reports, with each file's result once sent.
pub fn import_page(
    chrome: &Chrome,
    group_name: &str,
    group_path: &str,
    results: &[ImportResult],
    errors: &FormErrors,
) -> Markup {
    let title = chrome.t("import-title");
    layout(
        chrome,
        title,
        html! {
            p.meta { a href=(group_path) { "← " (group_name) } }
            div.card.narrow {
                h1 { (title) }
                @if !results.is_empty() {
                    h2 #import-results { (chrome.t("import-results")) }
                    ul.list {
                        @for r in results {
                            li {
                                strong { (r.file) } " — "
                                @match &r.outcome {
                                    Ok((title, path)) => { span.badge.ok { (chrome.t("import-imported")) } " " a href=(path) { (title) } }
                                    Err(why) => { span.badge.bad { (chrome.t("import-failed")) } " " (why) }
                                }
                            }
                        }
                    }
                }
                p { (chrome.t("import-help")) }
                (error_summary(chrome, errors))
                form.stack method="post" action={ (group_path) "/reports/import" } enctype="multipart/form-data" {
                    (csrf_input(chrome))
                    div.field {
                        label for="files" { (chrome.t("import-files")) " " span.required aria-hidden="true" { "*" } }
                        @if let Some(error) = errors.for_field("files") { span.error #files-error { (error) } }
                        input #files type="file" name="files" multiple required accept=".md,.markdown,text/markdown"
                            aria-describedby=[errors.for_field("files").map(|_| "files-error")];
                    }
                    div.actions { button type="submit" { (chrome.t("import-submit")) } }
                }
            }
        },
    )
}
