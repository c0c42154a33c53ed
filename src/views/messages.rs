//! Organisers writing to participants or members: the form, its preview, and what was sent.

use maud::{html, Markup};
use serde::Deserialize;

use super::components::{csrf_input, error_summary, Field, FormErrors};
use super::{layout, Chrome};
use crate::domain::message::link_runs;
use crate::i18n::tf;

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct MessageForm {
    pub audience: String,
    pub subject: String,
    pub body: String,
    /// Checked: replies go to nobody rather than to the author.
    pub no_replies: Option<String>,
    /// `preview` shows what would be sent; `send` sends it; anything else edits.
    pub step: String,
}

/// A message already sent, formatted for the page.
pub struct SentItem {
    pub subject: String,
    pub audience: String,
    pub when: String,
    pub recipients: i32,
}

pub struct MessagesPage<'a> {
    /// Where the organiser came from: (label, path).
    pub back: (&'a str, &'a str),
    pub title: &'a str,
    /// This page's path: the form posts to it.
    pub path: &'a str,
    /// The audiences to choose from, as (value, label); empty: the whole group.
    pub audiences: &'a [(&'a str, &'a str)],
    pub form: &'a MessageForm,
    pub errors: &'a FormErrors,
    /// Set once the draft is checked: how many members it would reach.
    pub preview: Option<usize>,
    pub sent: &'a [SentItem],
}

fn hidden_draft(form: &MessageForm) -> Markup {
    html! {
        input type="hidden" name="audience" value=(form.audience);
        input type="hidden" name="subject" value=(form.subject);
        input type="hidden" name="body" value=(form.body);
        @if form.no_replies.is_some() { input type="hidden" name="no_replies" value="on"; }
    }
}

pub fn messages_page(chrome: &Chrome, p: &MessagesPage) -> Markup {
    let (back_label, back_path) = p.back;
    layout(
        chrome,
        p.title,
        html! {
            p.meta { a href=(back_path) { "← " (back_label) } }
            div.card.narrow {
                h1 { (p.title) }
                @if let Some(count) = p.preview {
                    h2 { (chrome.t("messages-preview")) }
                    p.flash.warn role="status" {
                        (tf(chrome.lang, "messages-recipients_count", &[("n", &count)]))
                    }
                    dl {
                        dt { (chrome.t("messages-subject")) }
                        dd { (p.form.subject) }
                        dt { (chrome.t("messages-replies")) }
                        dd { (chrome.t(if p.form.no_replies.is_some() { "messages-replies_none" } else { "messages-replies_to_you" })) }
                        dt { (chrome.t("messages-body")) }
                        dd style="white-space:pre-wrap" {
                            @for (run, link) in link_runs(&p.form.body) {
                                @if link { a href=(run) rel="nofollow noopener" { (run) } } @else { (run) }
                            }
                        }
                    }
                    div.actions {
                        form method="post" action=(p.path) {
                            (csrf_input(chrome))
                            (hidden_draft(p.form))
                            input type="hidden" name="step" value="send";
                            button type="submit" { (chrome.t("messages-send")) }
                        }
                        form method="post" action=(p.path) {
                            (csrf_input(chrome))
                            (hidden_draft(p.form))
                            input type="hidden" name="step" value="edit";
                            button.secondary type="submit" { (chrome.t("messages-edit")) }
                        }
                    }
                } @else {
                    p.muted { (chrome.t("messages-help")) }
                    (error_summary(chrome, p.errors))
                    form.stack method="post" action=(p.path) novalidate {
                        (csrf_input(chrome))
                        input type="hidden" name="step" value="preview";
                        @if !p.audiences.is_empty() {
                            (Field::new("audience", chrome.t("messages-audience"), &p.form.audience).select(p.audiences).required().render(p.errors))
                        }
                        (Field::new("subject", chrome.t("messages-subject"), &p.form.subject).required().render(p.errors))
                        (Field::new("body", chrome.t("messages-body"), &p.form.body).textarea().required().hint(chrome.t("messages-body_hint")).render(p.errors))
                        label.checkbox { input type="checkbox" name="no_replies" value="on" checked[p.form.no_replies.is_some()]; (chrome.t("messages-no_replies")) }
                        div.actions { button type="submit" { (chrome.t("messages-preview_submit")) } }
                    }
                }
            }
            section.card.narrow aria-labelledby="sent-title" {
                h2 #sent-title { (chrome.t("messages-sent")) }
                @if p.sent.is_empty() {
                    p.muted { (chrome.t("messages-none_sent")) }
                } @else {
                    ul.list {
                        @for m in p.sent {
                            li {
                                strong { (m.subject) }
                                br;
                                span.meta {
                                    (m.when) " · " (m.audience) " · "
                                    (tf(chrome.lang, "messages-sent_to", &[("n", &m.recipients)]))
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}
