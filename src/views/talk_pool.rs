//! The group's talk pool (proposals waiting for a meetup, with votes) and the form for a talk's
//! materials.

use maud::{html, Markup};
use serde::Deserialize;

use super::components::{csrf_input, error_summary, Field, FormErrors};
use super::layout::layout;
use super::talks::material_links;
use super::Chrome;
use crate::domain::talk::{LinkKind, TalkStatus, MAX_LINKS};
use crate::i18n::{link_kind_label, tf};

/// One talk of the pool as the viewer sees it.
pub struct PoolItem {
    pub id: String,
    pub title: String,
    pub abstract_text: String,
    pub speaker: String,
    pub minutes: i32,
    pub status: TalkStatus,
    pub votes: i64,
    /// `None`: the viewer may not vote (anonymous, or the talk is decided against).
    pub voted: Option<bool>,
    /// The meetup it is in, if any.
    pub meetup_id: Option<String>,
    /// The upcoming meetup it is on the programme of, as (title, path).
    pub meetup: Option<(String, String)>,
    pub links: Vec<(String, String)>,
    pub can_materials: bool,
    /// Organisers may put it on an upcoming meetup's programme, or move it to another.
    pub can_schedule: bool,
}

pub struct PoolPage<'a> {
    pub group_name: &'a str,
    pub group_path: String,
    pub signed_in: bool,
    pub recent: bool,
    pub talks: Vec<PoolItem>,
    /// Upcoming meetups, as (id, title), for organisers to schedule into.
    pub meetups: Vec<(String, String)>,
}

pub fn pool_page(chrome: &Chrome, p: &PoolPage) -> Markup {
    let title = chrome.t("pool-title");
    let here = format!("{}/talks", p.group_path);
    let options: Vec<(&str, &str)> = p
        .meetups
        .iter()
        .map(|(id, title)| (id.as_str(), title.as_str()))
        .collect();
    layout(
        chrome,
        title,
        html! {
            p.meta { a href=(p.group_path) { "← " (p.group_name) } }
            div.card {
                h1 { (title) }
                p { (chrome.t("pool-intro")) }
                nav.actions aria-label=(chrome.t("pool-sort")) {
                    @if p.recent {
                        a href=(here) { (chrome.t("pool-sort-votes")) }
                        strong aria-current="page" { (chrome.t("pool-sort-recent")) }
                    } @else {
                        strong aria-current="page" { (chrome.t("pool-sort-votes")) }
                        a href={ (here) "?sort=recent" } { (chrome.t("pool-sort-recent")) }
                    }
                }
                @if p.talks.is_empty() { p.muted { (chrome.t("pool-empty")) } }
                ul.list #pool {
                    @for t in &p.talks {
                        li id={ "talk-" (t.id) } {
                            strong { (t.title) } " "
                            span.badge { (tf(chrome.lang, "pool-votes", &[("n", &t.votes)])) }
                            @match (&t.meetup, t.status) {
                                (Some((title, path)), TalkStatus::Accepted) => { " " span.badge.ok { (chrome.t("talks-status-accepted")) } " " a href=(path) { (title) } }
                                (_, TalkStatus::Proposed) => {}
                                (_, TalkStatus::Accepted) => { " " span.badge.ok { (chrome.t("talks-status-accepted")) } }
                                (_, TalkStatus::Rejected) => { " " span.badge.bad { (chrome.t("talks-status-rejected")) } }
                                (_, TalkStatus::Withdrawn) => { " " span.badge { (chrome.t("talks-status-withdrawn")) } }
                            }
                            br;
                            span.meta { (tf(chrome.lang, "talks-by", &[("name", &t.speaker)])) " · " (tf(chrome.lang, "talks-minutes", &[("minutes", &t.minutes)])) }
                            (material_links(&t.links))
                            p { (t.abstract_text) }
                            div.actions {
                                @if let Some(voted) = t.voted {
                                    form method="post" action={ "/talks/" (t.id) "/vote" } {
                                        (csrf_input(chrome))
                                        @if voted {
                                            button.secondary type="submit" name="vote" value="remove" { (chrome.t("pool-unvote")) }
                                        } @else {
                                            button type="submit" name="vote" value="add" aria-label=(tf(chrome.lang, "pool-vote_label", &[("title", &t.title)])) { "+1" }
                                        }
                                    }
                                }
                                @let targets: Vec<&(&str, &str)> = options.iter().filter(|(id, _)| t.meetup_id.as_deref() != Some(*id)).collect();
                                @if t.can_schedule && !targets.is_empty() {
                                    @let (label, submit) = if t.meetup_id.is_some() { ("pool-move", "talks-move") } else { ("pool-schedule", "pool-schedule_submit") };
                                    form method="post" action={ "/talks/" (t.id) "/schedule" } {
                                        (csrf_input(chrome))
                                        label for={ "meetup-" (t.id) } { (chrome.t(label)) " " }
                                        select id={ "meetup-" (t.id) } name="meetup_id" {
                                            @for (id, title) in targets { option value=(id) { (title) } }
                                        }
                                        " " button.secondary type="submit" { (chrome.t(submit)) }
                                    }
                                }
                                @if t.can_materials {
                                    a.button.secondary href={ "/talks/" (t.id) "/materials" } { (chrome.t("materials-title")) }
                                }
                            }
                        }
                    }
                }
                p {
                    @if p.signed_in {
                        a.button href={ (p.group_path) "/talks/new" } { (chrome.t("talks-propose")) }
                    } @else {
                        a href={ "/login?next=" (p.group_path) "/talks/new" } { (chrome.t("talks-propose")) }
                    }
                }
            }
        },
    )
}

/// Field names of the materials form's rows (form fields are named statically).
pub const KIND_FIELDS: [&str; MAX_LINKS] = [
    "kind_0", "kind_1", "kind_2", "kind_3", "kind_4", "kind_5", "kind_6", "kind_7", "kind_8",
    "kind_9",
];
pub const URL_FIELDS: [&str; MAX_LINKS] = [
    "url_0", "url_1", "url_2", "url_3", "url_4", "url_5", "url_6", "url_7", "url_8", "url_9",
];
pub const TITLE_FIELDS: [&str; MAX_LINKS] = [
    "title_0", "title_1", "title_2", "title_3", "title_4", "title_5", "title_6", "title_7",
    "title_8", "title_9",
];

/// The materials form: rows of kind, address and optional title.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MaterialsForm {
    #[serde(flatten)]
    pub fields: std::collections::HashMap<String, String>,
}

impl MaterialsForm {
    pub fn value(&self, name: &str) -> &str {
        self.fields.get(name).map_or("", String::as_str)
    }

    /// Rows shown: the filled ones and at least one empty, five at least.
    pub fn rows(&self) -> usize {
        let filled = URL_FIELDS
            .iter()
            .rposition(|name| !self.value(name).trim().is_empty())
            .map_or(0, |i| i + 1);
        (filled + 1).clamp(5, MAX_LINKS)
    }
}

pub fn materials_page(
    chrome: &Chrome,
    talk_title: &str,
    back: &str,
    action: &str,
    form: &MaterialsForm,
    errors: &FormErrors,
) -> Markup {
    let title = chrome.t("materials-title");
    let kinds: Vec<(&str, &str)> = LinkKind::ALL
        .iter()
        .map(|k| (k.as_str(), link_kind_label(chrome.lang, *k)))
        .collect();
    layout(
        chrome,
        title,
        html! {
            p.meta { a href=(back) { "← " (talk_title) } }
            div.card.narrow {
                h1 { (title) " — " (talk_title) }
                p { (chrome.t("materials-intro")) }
                (error_summary(chrome, errors))
                form.stack method="post" action=(action) novalidate {
                    (csrf_input(chrome))
                    @for row in 0..form.rows() {
                        fieldset {
                            legend { (tf(chrome.lang, "materials-link_n", &[("n", &(row + 1))])) }
                            (Field::new(KIND_FIELDS[row], chrome.t("materials-kind"), form.value(KIND_FIELDS[row])).select(&kinds).render(errors))
                            (Field::new(URL_FIELDS[row], chrome.t("materials-url"), form.value(URL_FIELDS[row])).kind("url").render(errors))
                            (Field::new(TITLE_FIELDS[row], chrome.t("materials-link_title"), form.value(TITLE_FIELDS[row])).render(errors))
                        }
                    }
                    div.actions { button type="submit" { (chrome.t("materials-save")) } }
                }
            }
        },
    )
}
