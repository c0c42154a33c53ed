//! The organisers' ban confirmation and list of bans.

use maud::{html, Markup};

use super::components::{csrf_input, error_summary, Field, FormErrors};
use super::layout::layout;
use super::Chrome;
use crate::domain::ids::UserId;
use crate::i18n::tf;

/// A ban in the organisers' list, formatted for the reader.
pub struct BanItem {
    pub user_id: String,
    pub name: String,
    pub reason: String,
    pub when: String,
    pub by: String,
}

/// "Ban NAME?", with the reason to give (for the organisers only) and the button that does it.
pub fn ban_confirm_page(
    chrome: &Chrome,
    group_path: &str,
    user_id: &UserId,
    name: &str,
    reason: &str,
    errors: &FormErrors,
) -> Markup {
    let title = tf(chrome.lang, "bans-confirm_title", &[("name", &name)]);
    layout(
        chrome,
        &title,
        html! {
            p.meta { a href={ (group_path) "/members" } { "← " (chrome.t("members-title")) } }
            div.card.narrow {
                h1 { (title) }
                p { (chrome.t("bans-confirm_text")) }
                (error_summary(chrome, errors))
                form method="post" action={ (group_path) "/members/" (user_id) "/ban" } {
                    (csrf_input(chrome))
                    (Field::new("reason", chrome.t("bans-reason"), reason).textarea().hint(chrome.t("bans-reason_hint")).render(errors))
                    div.actions {
                        button.danger type="submit" { (chrome.t("bans-confirm")) }
                        a href={ (group_path) "/members" } { (chrome.t("bans-back")) }
                    }
                }
            }
        },
    )
}

/// The group's bans, newest first, each with a button that lifts it.
pub fn bans_page(chrome: &Chrome, group_path: &str, group_name: &str, bans: &[BanItem]) -> Markup {
    let title = chrome.t("bans-title");
    layout(
        chrome,
        title,
        html! {
            p.meta { a href=(group_path) { "← " (group_name) } " · " a href={ (group_path) "/members" } { (chrome.t("members-title")) } }
            div.card {
                h1 { (title) }
                p { (chrome.t("bans-help")) }
                @if bans.is_empty() {
                    p.muted { (chrome.t("bans-none")) }
                } @else {
                    table.data {
                        thead { tr {
                            th scope="col" { (chrome.t("members-name")) }
                            th scope="col" { (chrome.t("bans-reason")) }
                            th scope="col" { (chrome.t("bans-when")) }
                            th scope="col" { (chrome.t("bans-by")) }
                            th scope="col" { (chrome.t("members-actions")) }
                        } }
                        tbody {
                            @for b in bans {
                                tr {
                                    td { (b.name) }
                                    td { (b.reason) }
                                    td { (b.when) }
                                    td { (b.by) }
                                    td.actions {
                                        form method="post" action={ (group_path) "/bans/" (b.user_id) "/unban" } {
                                            (csrf_input(chrome))
                                            button.secondary type="submit" aria-label=(format!("{} ({})", chrome.t("bans-unban"), b.name)) { (chrome.t("bans-unban")) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}
