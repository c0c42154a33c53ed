//! The organisers' co-hosting page: the invitations of other groups, each with accept and
//! decline buttons.

use maud::{html, Markup};

use super::components::csrf_input;
use super::layout::layout;
use super::Chrome;
use crate::i18n::tf;

/// An invitation, formatted for the reader.
pub struct InvitationItem {
    pub meetup_id: String,
    pub title: String,
    pub when: String,
    pub meetup_path: String,
    pub from_name: String,
}

pub fn cohosts_page(
    chrome: &Chrome,
    group_path: &str,
    group_name: &str,
    invitations: &[InvitationItem],
) -> Markup {
    let title = chrome.t("cohosts-title");
    layout(
        chrome,
        title,
        html! {
            p.meta { a href=(group_path) { "← " (group_name) } }
            div.card {
                h1 { (title) }
                p { (tf(chrome.lang, "cohosts-intro", &[("group", &group_name)])) }
                @if invitations.is_empty() {
                    p.muted { (chrome.t("cohosts-none")) }
                }
                @for (i, inv) in invitations.iter().enumerate() {
                    section aria-labelledby={ "invitation-" (i) } {
                        h2 id={ "invitation-" (i) } { a href=(inv.meetup_path) { (inv.title) } }
                        p.meta { (inv.when) " · " (tf(chrome.lang, "cohosts-invited_by", &[("group", &inv.from_name.as_str())])) }
                        div.actions {
                            form method="post" action={ (group_path) "/cohosts/" (inv.meetup_id) "/accept" } {
                                (csrf_input(chrome))
                                button type="submit" { (chrome.t("cohosts-accept")) }
                            }
                            form method="post" action={ (group_path) "/cohosts/" (inv.meetup_id) "/decline" } {
                                (csrf_input(chrome))
                                button.secondary type="submit" { (chrome.t("cohosts-decline")) }
                            }
                        }
                    }
                }
            }
        },
    )
}
