use maud::{html, Markup};

use super::components::csrf_input;
use super::layout::layout;
use super::Chrome;
use crate::i18n::tf;

/// A form to send again what a refused form carried, with a fresh token.
pub struct Resend<'a> {
    pub action: &'a str,
    pub fields: &'a [(String, String)],
}

/// An error page: what happened, where to go back, and for an expired form what was typed
/// with a button to send it again.
pub fn error_page(
    chrome: &Chrome,
    title: &str,
    message: &str,
    back: Option<&str>,
    resend: Option<Resend>,
) -> Markup {
    layout(
        chrome,
        title,
        html! {
            div.card.narrow {
                h1 { (title) }
                p { (message) }
                @if let Some(r) = resend {
                    @let shown: Vec<&(String, String)> = r.fields.iter().filter(|(_, v)| !v.trim().is_empty()).collect();
                    @if !shown.is_empty() {
                        h2 { (chrome.t("error-typed")) }
                        dl.facts {
                            @for (name, value) in shown {
                                dt { (name) }
                                dd style="white-space:pre-wrap" { (value) }
                            }
                        }
                    }
                    form method="post" action=(r.action) {
                        (csrf_input(chrome))
                        @for (name, value) in r.fields {
                            input type="hidden" name=(name) value=(value);
                        }
                        button type="submit" { (chrome.t("error-resend")) }
                    }
                }
                p.actions {
                    @if let Some(back) = back { a href=(back) { (chrome.t("error-back")) } }
                    a href="/" { (chrome.t("error-back_home")) }
                }
            }
        },
    )
}

/// 404 for a group address that is close to an existing group's: "Did you mean DjangAuvergne?"
pub fn group_not_found(chrome: &Chrome, path: &str, name: &str) -> Markup {
    let title = chrome.t("error-not_found_title");
    layout(
        chrome,
        title,
        html! {
            div.card.narrow {
                h1 { (title) }
                p { (chrome.t("error-not_found")) }
                p #did-you-mean {
                    a href=(path) { (tf(chrome.lang, "error-did_you_mean", &[("group", &name)])) }
                }
                p.actions { a href="/" { (chrome.t("error-back_home")) } }
            }
        },
    )
}
