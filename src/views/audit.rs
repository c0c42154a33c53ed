//! The organisers' audit log page.

use maud::{html, Markup};

use super::layout::layout;
use super::Chrome;

/// An entry, formatted for the reader.
pub struct AuditItem {
    pub when: String,
    pub who: String,
    pub what: String,
    pub about: String,
}

pub struct AuditView<'a> {
    pub group_path: &'a str,
    pub group_name: &'a str,
    pub items: &'a [AuditItem],
    /// Links to the newer and older pages, when there are.
    pub newer: Option<String>,
    pub older: Option<String>,
}

pub fn audit_page(chrome: &Chrome, v: &AuditView) -> Markup {
    let title = chrome.t("audit-title");
    layout(
        chrome,
        title,
        html! {
            p.meta { a href=(v.group_path) { "← " (v.group_name) } " · " a href={ (v.group_path) "/members" } { (chrome.t("members-title")) } }
            div.card {
                h1 { (title) }
                p { (chrome.t("audit-help")) }
                @if v.items.is_empty() {
                    p.muted { (chrome.t("audit-none")) }
                } @else {
                    table.data {
                        thead { tr {
                            th scope="col" { (chrome.t("audit-when")) }
                            th scope="col" { (chrome.t("audit-who")) }
                            th scope="col" { (chrome.t("audit-what")) }
                            th scope="col" { (chrome.t("audit-about")) }
                        } }
                        tbody {
                            @for i in v.items {
                                tr {
                                    td { (i.when) }
                                    td { (i.who) }
                                    td { (i.what) }
                                    td { (i.about) }
                                }
                            }
                        }
                    }
                }
                @if v.newer.is_some() || v.older.is_some() {
                    nav.actions aria-label=(chrome.t("audit-pages")) {
                        @if let Some(href) = &v.newer { a href=(href) { (chrome.t("audit-newer")) } }
                        @if let Some(href) = &v.older { a href=(href) { (chrome.t("audit-older")) } }
                    }
                }
            }
        },
    )
}
