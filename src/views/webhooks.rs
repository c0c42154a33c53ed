//! The organisers' webhooks page: each webhook with its delivery log, and the form that adds one.

use maud::{html, Markup};

use super::components::{csrf_input, error_summary, Field, FormErrors};
use super::layout::layout;
use super::Chrome;
use crate::domain::webhook::{WebhookEvent, WebhookFormat};
use crate::i18n::tf;

/// One attempt, formatted for the reader.
pub struct AttemptItem {
    pub when: String,
    pub event: &'static str,
    /// The status code, or why there was none.
    pub answer: String,
    pub ok: bool,
}

/// A webhook in the list: where it goes (its host only: the rest of a chat's URL is its
/// secret), how, for what, and its latest attempts.
pub struct WebhookItem {
    pub id: String,
    pub host: String,
    pub format: WebhookFormat,
    pub events: Vec<WebhookEvent>,
    pub attempts: Vec<AttemptItem>,
}

/// What the add form holds (kept when it is refused).
#[derive(Debug, Default, Clone)]
pub struct WebhookFormView {
    pub url: String,
    pub format: String,
    pub events: Vec<WebhookEvent>,
}

fn format_label(chrome: &Chrome, format: WebhookFormat) -> &'static str {
    chrome.t(match format {
        WebhookFormat::Generic => "webhooks-format_generic",
        WebhookFormat::Discord => "webhooks-format_discord",
        WebhookFormat::Slack => "webhooks-format_slack",
        WebhookFormat::Matrix => "webhooks-format_matrix",
        WebhookFormat::Mastodon => "webhooks-format_mastodon",
    })
}

fn event_label(chrome: &Chrome, event: WebhookEvent) -> &'static str {
    chrome.t(match event {
        WebhookEvent::MeetupCreated => "webhooks-event_meetup_created",
        WebhookEvent::MeetupChanged => "webhooks-event_meetup_changed",
        WebhookEvent::MeetupCancelled => "webhooks-event_meetup_cancelled",
        WebhookEvent::TalkScheduled => "webhooks-event_talk_scheduled",
        WebhookEvent::ReportPublished => "webhooks-event_report_published",
        WebhookEvent::PollOpened => "webhooks-event_poll_opened",
    })
}

pub fn webhooks_page(
    chrome: &Chrome,
    group_path: &str,
    group_name: &str,
    hooks: &[WebhookItem],
    form: &WebhookFormView,
    errors: &FormErrors,
) -> Markup {
    let title = chrome.t("webhooks-title");
    let formats: Vec<(&str, &str)> = WebhookFormat::ALL
        .iter()
        .map(|f| (f.as_str(), format_label(chrome, *f)))
        .collect();
    let format = if form.format.is_empty() {
        "generic"
    } else {
        form.format.as_str()
    };
    layout(
        chrome,
        title,
        html! {
            p.meta { a href=(group_path) { "← " (group_name) } " · " a href={ (group_path) "/edit" } { (chrome.t("groups-edit_title")) } }
            div.card {
                h1 { (title) }
                p { (chrome.t("webhooks-help")) }
                @if hooks.is_empty() {
                    p.muted { (chrome.t("webhooks-none")) }
                }
                @for (i, h) in hooks.iter().enumerate() {
                    section aria-labelledby={ "hook-" (i) } {
                        h2 id={ "hook-" (i) } { (h.host) " · " (format_label(chrome, h.format)) }
                        p.meta {
                            (chrome.t("webhooks-events")) " "
                            @for (n, e) in h.events.iter().enumerate() {
                                @if n > 0 { ", " }
                                (event_label(chrome, *e))
                            }
                        }
                        @if h.attempts.is_empty() {
                            p.muted { (chrome.t("webhooks-no_attempts")) }
                        } @else {
                            table.data {
                                caption { (chrome.t("webhooks-log")) }
                                thead { tr {
                                    th scope="col" { (chrome.t("webhooks-when")) }
                                    th scope="col" { (chrome.t("webhooks-event")) }
                                    th scope="col" { (chrome.t("webhooks-answer")) }
                                } }
                                tbody {
                                    @for a in &h.attempts {
                                        tr {
                                            td { (a.when) }
                                            td { (a.event) }
                                            td { @if a.ok { "✓ " } @else { "✗ " } (a.answer) }
                                        }
                                    }
                                }
                            }
                        }
                        form method="post" action={ (group_path) "/webhooks/" (h.id) "/delete" } {
                            (csrf_input(chrome))
                            button.secondary type="submit" aria-label=(tf(chrome.lang, "webhooks-delete_named", &[("host", &h.host.as_str())])) { (chrome.t("webhooks-delete")) }
                        }
                    }
                }
            }
            div.card.narrow {
                h2 #add { (chrome.t("webhooks-add")) }
                (error_summary(chrome, errors))
                form.stack method="post" action={ (group_path) "/webhooks" } novalidate {
                    (csrf_input(chrome))
                    (Field::new("url", chrome.t("webhooks-url"), &form.url).kind("url").required().hint(chrome.t("webhooks-url_hint")).render(errors))
                    (Field::new("format", chrome.t("webhooks-format"), format).select(&formats).render(errors))
                    fieldset #events aria-describedby=[errors.for_field("events").map(|_| "events-error")] {
                        legend { (chrome.t("webhooks-events")) }
                        @if let Some(message) = errors.for_field("events") {
                            span.error id="events-error" { (message) }
                        }
                        @for e in WebhookEvent::ALL {
                            label.checkbox { input type="checkbox" name=(e.as_str()) value="on" checked[form.events.contains(&e)]; (event_label(chrome, e)) }
                        }
                    }
                    (Field::new("secret", chrome.t("webhooks-secret"), "").hint(chrome.t("webhooks-secret_hint")).autocomplete("off").render(errors))
                    (Field::new("token", chrome.t("webhooks-token"), "").kind("password").hint(chrome.t("webhooks-token_hint")).autocomplete("off").render(errors))
                    div.actions { button type="submit" { (chrome.t("webhooks-add_submit")) } }
                }
            }
        },
    )
}
