//! The poll page: a grid of options × answers, one radio group per option, usable by keyboard
//! and on a phone with no JavaScript; and the group page's list of open polls.

use maud::{html, Markup};

use super::components::csrf_input;
use super::layout::layout;
use super::Chrome;
use crate::domain::poll::{OptionKind, PollAnswer};
use crate::i18n::tf;

/// One option of the grid, already in the reader's words.
pub struct OptionRow {
    /// The form field of its answer (`d.{id}` or `v.{id}`).
    pub field: String,
    /// « mardi 15 janvier 2030, 19:00 », or a venue's name.
    pub label: String,
    /// A venue's address.
    pub detail: Option<String>,
    pub kind: OptionKind,
    pub yes: i64,
    pub if_need_be: i64,
    pub no: i64,
    pub best: bool,
    pub mine: Option<PollAnswer>,
    /// The voters the reader may read by name, "yes" first.
    pub names: Vec<String>,
}

pub struct PollPage<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub group_name: &'a str,
    pub group_path: &'a str,
    /// « The poll closes … », if it says when.
    pub closes: Option<String>,
    pub closed: bool,
    /// The meetup it became.
    pub meetup_path: Option<String>,
    pub voters: usize,
    pub dates: Vec<OptionRow>,
    pub venues: Vec<OptionRow>,
    pub can_vote: bool,
    /// Where to sign in to vote, for visitors.
    pub sign_in: Option<String>,
    pub vote_action: &'a str,
    /// The group asks newcomers to accept its code of conduct, at this address.
    pub code_of_conduct: Option<&'a str>,
}

fn answer_key(answer: PollAnswer) -> &'static str {
    match answer {
        PollAnswer::Yes => "poll-yes",
        PollAnswer::IfNeedBe => "poll-if_need_be",
        PollAnswer::No => "poll-no",
    }
}

fn grid(chrome: &Chrome, caption: &str, rows: &[OptionRow], enabled: bool) -> Markup {
    html! {
        div.poll-grid {
            table.data {
                caption { (caption) }
                thead {
                    tr {
                        th scope="col" { (chrome.t("poll-option")) }
                        th scope="col" { (chrome.t("poll-answers")) }
                    }
                }
                tbody {
                    @for row in rows {
                        tr {
                            th scope="row" {
                                (row.label)
                                @if row.best { " " strong { "★ " (chrome.t("poll-best")) } }
                                @if let Some(detail) = &row.detail { br; span.meta { (detail) } }
                                @if !row.names.is_empty() { br; span.meta { (row.names.join(", ")) } }
                            }
                            td {
                                fieldset.poll-answers {
                                    legend.sr-only { (row.label) }
                                    @for answer in PollAnswer::ALL {
                                        @if row.kind.takes(answer) {
                                            @let count = match answer {
                                                PollAnswer::Yes => row.yes,
                                                PollAnswer::IfNeedBe => row.if_need_be,
                                                PollAnswer::No => row.no,
                                            };
                                            label.checkbox {
                                                input type="radio" name=(row.field) value=(answer.as_str())
                                                    checked[row.mine == Some(answer)] disabled[!enabled];
                                                " " (chrome.t(answer_key(answer))) " (" (count) ")"
                                            }
                                            " "
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

pub fn poll_page(chrome: &Chrome, p: &PollPage) -> Markup {
    layout(
        chrome,
        p.title,
        html! {
            p.meta { a href=(p.group_path) { "← " (p.group_name) } }
            div.card {
                h1 { (p.title) }
                @if !p.description.trim().is_empty() { p.prewrap { (p.description) } }
                p.meta {
                    (tf(chrome.lang, "poll-voters", &[("count", &(p.voters as i64))]))
                    @if let Some(closes) = &p.closes { " · " (closes) }
                }
                @if p.closed {
                    p #poll-closed {
                        (chrome.t("poll-closed"))
                        @if let Some(path) = &p.meetup_path { " " a href=(path) { (chrome.t("poll-see_meetup")) } }
                    }
                }
                form.stack method="post" action=(p.vote_action) {
                    (csrf_input(chrome))
                    (grid(chrome, chrome.t("poll-dates"), &p.dates, p.can_vote))
                    @if !p.venues.is_empty() {
                        (grid(chrome, chrome.t("poll-venues"), &p.venues, p.can_vote))
                    }
                    @if p.can_vote {
                        @if let Some(url) = p.code_of_conduct {
                            label.checkbox {
                                input type="checkbox" name="accept_code_of_conduct" value="yes";
                                " " (chrome.t("poll-accept_conduct")) " "
                                a href=(url) { (chrome.t("poll-code_of_conduct")) }
                            }
                        }
                        div.actions { button type="submit" { (chrome.t("poll-submit")) } }
                    }
                }
                @if let Some(url) = &p.sign_in {
                    p { a href=(url) { (chrome.t("poll-sign_in")) } }
                }
            }
        },
    )
}

/// The group page's list of its open polls, as (title, path).
pub fn polls_section(chrome: &Chrome, polls: &[(String, String)]) -> Markup {
    html! {
        @if !polls.is_empty() {
            section.card #polls {
                h2 { (chrome.t("poll-open_polls")) }
                ul.list {
                    @for (title, path) in polls {
                        li { a href=(path) { (title) } }
                    }
                }
            }
        }
    }
}
