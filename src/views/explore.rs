//! Every group's meetups in one place (`/explore`) and the directory of groups (`/groups`).

use maud::{html, Markup};

use super::components::{error_summary, Field, FormErrors};
use super::groups::{meetup_list, MeetupItem};
use super::layout::layout;
use super::Chrome;
use crate::i18n::tf;

/// What the search form holds.
#[derive(Debug, Default, Clone)]
pub struct ExploreForm {
    pub q: String,
    pub near: String,
    pub radius_km: String,
}

pub fn explore_page(
    chrome: &Chrome,
    form: &ExploreForm,
    items: &[MeetupItem],
    errors: &FormErrors,
    calendar_url: &str,
) -> Markup {
    let title = chrome.t("explore-title");
    layout(
        chrome,
        title,
        html! {
            div.card {
                h1 { (title) }
                p { (chrome.t("explore-help")) " " a href="/groups" { (chrome.t("explore-all_groups")) } }
                (error_summary(chrome, errors))
                form.stack method="get" action="/explore" role="search" {
                    (Field::new("q", chrome.t("explore-q"), &form.q).kind("search").hint(chrome.t("explore-q_hint")).render(errors))
                    (Field::new("near", chrome.t("explore-near"), &form.near).hint(chrome.t("explore-near_hint")).render(errors))
                    (Field::new("radius_km", chrome.t("explore-radius"), &form.radius_km).kind("number").range(Some("1"), Some("20000")).render(errors))
                    div.actions { button type="submit" { (chrome.t("explore-submit")) } }
                }
            }
            section.card aria-labelledby="results" {
                h2 #results { (tf(chrome.lang, "explore-results", &[("n", &(items.len() as i64))])) }
                (meetup_list(chrome, items, "explore-none"))
                p.meta { a href=(calendar_url) { (chrome.t("explore-calendar")) } " · " a href="/reports.atom" { (chrome.t("explore-reports_feed")) } }
            }
        },
    )
}

/// A group in the directory, formatted.
pub struct GroupEntry {
    pub path: String,
    pub name: String,
    pub members: i64,
    /// "Apéro Django, Thursday 3 December 2030 at 19:00", when one is coming.
    pub next: Option<(String, String)>,
}

pub fn groups_page(chrome: &Chrome, groups: &[GroupEntry]) -> Markup {
    let title = chrome.t("explore-groups_title");
    layout(
        chrome,
        title,
        html! {
            div.card {
                h1 { (title) }
                p { a href="/explore" { (chrome.t("explore-title")) } }
                @if groups.is_empty() {
                    p.muted { (chrome.t("explore-no_groups")) }
                } @else {
                    ul.list {
                        @for g in groups {
                            li {
                                a href=(g.path) { strong { (g.name) } }
                                " " span.badge { (tf(chrome.lang, "explore-members", &[("n", &g.members)])) }
                                br;
                                span.meta {
                                    @match &g.next {
                                        Some((path, text)) => { (chrome.t("explore-next")) " " a href=(path) { (text) } }
                                        None => { (chrome.t("explore-no_next")) }
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
