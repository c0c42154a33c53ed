//! The programme and talk proposals on the meetup page, the review screen, venue suggestions.

use maud::{html, Markup};
use serde::Deserialize;

use super::components::{csrf_input, error_summary, Field, FormErrors};
use super::layout::layout;
use super::Chrome;
use crate::domain::ids::TalkId;
use crate::domain::talk::TalkStatus;
use crate::domain::venue_suggestion::SuggestionStatus;
use crate::i18n::tf;

pub struct TalkItem {
    pub id: String,
    pub title: String,
    pub abstract_text: String,
    pub speaker: String,
    pub minutes: i32,
    pub status: TalkStatus,
    pub position: Option<i32>,
    /// « 19:20 » for accepted talks.
    pub time: Option<String>,
    pub own: bool,
    /// The proposer, while the talk is still proposed.
    pub can_edit: bool,
    pub can_decide: bool,
    pub can_reopen: bool,
    pub can_move: bool,
    pub can_withdraw: bool,
    /// The talk's materials as (label, URL).
    pub links: Vec<(String, String)>,
    pub can_materials: bool,
}

fn status_badge(chrome: &Chrome, status: TalkStatus) -> Markup {
    let (class, key) = match status {
        TalkStatus::Proposed => ("badge warn", "talks-status-proposed"),
        TalkStatus::Accepted => ("badge ok", "talks-status-accepted"),
        TalkStatus::Rejected => ("badge bad", "talks-status-rejected"),
        TalkStatus::Withdrawn => ("badge", "talks-status-withdrawn"),
    };
    html! { span class=(class) { (chrome.t(key)) } }
}

fn talk_line(chrome: &Chrome, t: &TalkItem) -> Markup {
    html! {
        strong { (t.title) } " "
        span.meta { (tf(chrome.lang, "talks-by", &[("name", &t.speaker)])) " · " (tf(chrome.lang, "talks-minutes", &[("minutes", &t.minutes)])) }
        (material_links(&t.links))
    }
}

/// A talk's slides, video, code: links to other sites, which learn nothing of our pages.
pub fn material_links(links: &[(String, String)]) -> Markup {
    html! {
        @for (label, url) in links {
            " · " a.material href=(url) rel="nofollow noopener noreferrer" { (label) }
        }
    }
}

fn materials_link(chrome: &Chrome, t: &TalkItem) -> Markup {
    let label = tf(chrome.lang, "materials-edit_named", &[("title", &t.title)]);
    html! {
        a href={ "/talks/" (t.id) "/materials" } aria-label=(label) { (chrome.t("materials-title")) }
    }
}

/// Buttons acting on one talk: one small form each, no JavaScript needed.
fn talk_actions(chrome: &Chrome, action: &str, t: &TalkItem, programme_len: usize) -> Markup {
    let button = |value: &str, label: &str, class: &str| {
        html! {
            form method="post" action=(action) {
                (csrf_input(chrome))
                input type="hidden" name="talk_id" value=(t.id);
                button class=(class) type="submit" name="action" value=(value) { (label) }
            }
        }
    };
    html! {
        div.actions {
            @if t.can_decide {
                (button("accept", chrome.t("talks-accept"), ""))
                (button("reject", chrome.t("talks-reject"), "secondary"))
            }
            @if t.can_reopen { (button("reopen", chrome.t("talks-reopen"), "secondary")) }
            @if t.can_move && programme_len > 1 {
                form method="post" action=(action) {
                    (csrf_input(chrome))
                    input type="hidden" name="talk_id" value=(t.id);
                    label for={ "position-" (t.id) } { (chrome.t("talks-position")) " " }
                    select id={ "position-" (t.id) } name="position" {
                        @for p in 1..=programme_len { option value=(p) selected[t.position == Some(p as i32)] { (p) } }
                    }
                    " " button.secondary type="submit" name="action" value="move" { (chrome.t("talks-move")) }
                }
            }
            @if t.can_edit {
                a.button.secondary href={ (action.trim_end_matches("/action")) "/" (t.id) "/edit" } { (chrome.t("talks-edit")) }
            }
            @if t.can_materials { (materials_link(chrome, t)) }
            @if t.can_withdraw { (button("withdraw", chrome.t("talks-withdraw"), "secondary")) }
        }
    }
}

pub struct TalksPanel {
    pub meetup_path: String,
    pub programme: Vec<TalkItem>,
    pub mine: Vec<TalkItem>,
    pub signed_in: bool,
    pub organiser: bool,
    pub pending: usize,
    /// Talks are proposed before the meetup starts, not after.
    pub upcoming: bool,
    /// The viewer is a member who may report a problem with a talk to the organisers.
    pub may_report: bool,
}

pub fn talks_panel(chrome: &Chrome, p: &TalksPanel) -> Markup {
    let action = format!("{}/talks/action", p.meetup_path);
    html! {
        section.card #programme aria-labelledby="programme-title" {
            h2 #programme-title { (chrome.t("talks-programme")) }
            @if p.programme.is_empty() {
                p.muted { (chrome.t("talks-programme_empty")) }
            } @else {
                ol.programme {
                    @for t in &p.programme {
                        li {
                            span.when { (t.time.as_deref().unwrap_or("")) }
                            span {
                                (talk_line(chrome, t))
                                @if t.can_materials { " · " (materials_link(chrome, t)) }
                                @if p.may_report {
                                    " · " a.meta href={ (p.meetup_path) "/report-problem?talk=" (t.id) } aria-label=(format!("{} ({})", chrome.t("incident-link"), t.title)) { (chrome.t("incident-link")) }
                                }
                            }
                        }
                    }
                }
            }
            @if !p.mine.is_empty() {
                h3 { (chrome.t("talks-my_proposals")) }
                ul.list {
                    @for t in &p.mine {
                        li { (talk_line(chrome, t)) " " (status_badge(chrome, t.status)) (talk_actions(chrome, &action, t, 0)) }
                    }
                }
            }
            div.actions {
                @if p.upcoming && p.signed_in {
                    a.button.secondary href={ (p.meetup_path) "/talks/new" } { (chrome.t("talks-propose")) }
                } @else if p.upcoming {
                    a href={ "/login?next=" (p.meetup_path) "/talks/new" } { (chrome.t("talks-propose")) }
                }
                @if p.organiser {
                    a href={ (p.meetup_path) "/talks/review" } { (chrome.t("talks-proposals")) " (" (p.pending) ")" }
                }
            }
        }
    }
}

pub fn review_page(
    chrome: &Chrome,
    meetup_title: &str,
    meetup_path: &str,
    talks: &[TalkItem],
) -> Markup {
    let title = chrome.t("talks-proposals");
    let action = format!("{meetup_path}/talks/action");
    let programme_len = talks
        .iter()
        .filter(|t| t.status == TalkStatus::Accepted)
        .count();
    layout(
        chrome,
        title,
        html! {
            p.meta { a href=(meetup_path) { "← " (meetup_title) } }
            div.card {
                h1 { (title) }
                @if talks.is_empty() { p.muted { (chrome.t("talks-programme_empty")) } }
                ul.list #review {
                    @for t in talks {
                        li {
                            @if let Some(p) = t.position { span.badge { "#" (p) } " " }
                            (talk_line(chrome, t)) " " (status_badge(chrome, t.status))
                            @if !t.abstract_text.is_empty() { p { (t.abstract_text) } }
                            (talk_actions(chrome, &action, t, programme_len))
                        }
                    }
                }
            }
        },
    )
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TalkForm {
    pub title: String,
    #[serde(rename = "abstract")]
    pub abstract_text: String,
    pub duration_minutes: String,
    pub speaker_name: String,
}

/// The proposal form: a new talk (`talk_id` None) or the proposer's change to one.
pub fn propose_page(
    chrome: &Chrome,
    meetup_title: &str,
    meetup_path: &str,
    talk_id: Option<&TalkId>,
    form: &TalkForm,
    errors: &FormErrors,
) -> Markup {
    let (title, action, submit) = match talk_id {
        None => (
            chrome.t("talks-propose"),
            format!("{meetup_path}/talks/new"),
            chrome.t("talks-propose_submit"),
        ),
        Some(id) => (
            chrome.t("talks-edit_title"),
            format!("{meetup_path}/talks/{id}/edit"),
            chrome.t("talks-save"),
        ),
    };
    layout(
        chrome,
        title,
        html! {
            p.meta { a href=(meetup_path) { "← " (meetup_title) } }
            div.card.narrow {
                h1 { (title) }
                (error_summary(chrome, errors))
                form.stack method="post" action=(action) novalidate {
                    (csrf_input(chrome))
                    (Field::new("title", chrome.t("talks-title"), &form.title).required().render(errors))
                    (Field::new("abstract", chrome.t("talks-abstract"), &form.abstract_text).textarea().required().render(errors))
                    (Field::new("duration_minutes", chrome.t("talks-duration"), &form.duration_minutes).kind("number").range(Some("5"), Some("120")).required().hint(chrome.t("talks-duration_hint")).render(errors))
                    (Field::new("speaker_name", chrome.t("talks-speaker_name"), &form.speaker_name).render(errors))
                    div.actions { button type="submit" { (submit) } }
                }
            }
        },
    )
}

pub struct SuggestionItem {
    pub id: String,
    pub name: String,
    pub address: String,
    pub url: Option<String>,
    pub note: Option<String>,
    /// `None` when the viewer may not read the suggester's name.
    pub suggester: Option<String>,
    pub votes: i64,
    pub voted: bool,
    pub status: SuggestionStatus,
    pub can_vote: bool,
    pub can_decide: bool,
}

pub fn suggestions_panel(
    chrome: &Chrome,
    slug: &str,
    signed_in: bool,
    items: &[SuggestionItem],
) -> Markup {
    html! {
        section.card #venue-suggestions aria-labelledby="suggestions-title" {
            h2 #suggestions-title { (chrome.t("venue_suggestions-title")) }
            @if items.is_empty() { p.muted { (chrome.t("venue_suggestions-empty")) } }
            ul.list {
                @for s in items {
                    li {
                        strong { (s.name) } " "
                        span.badge { (tf(chrome.lang, "venue_suggestions-votes", &[("count", &s.votes)])) }
                        @if s.status == SuggestionStatus::Accepted { " " span.badge.ok { (chrome.t("talks-status-accepted")) } }
                        br; span.meta { (s.address) @if let Some(name) = &s.suggester { " · " (tf(chrome.lang, "venue_suggestions-suggested_by", &[("name", name)])) } }
                        @if let Some(url) = &s.url { br; a href=(url) rel="nofollow noopener" { (url) } }
                        @if let Some(note) = &s.note { p { (note) } }
                        div.actions {
                            @if s.can_vote {
                                form method="post" action={ "/venue-suggestions/" (s.id) "/vote" } {
                                    (csrf_input(chrome))
                                    @if s.voted {
                                        button.secondary type="submit" name="vote" value="remove" { (chrome.t("venue_suggestions-unvote")) }
                                    } @else {
                                        button type="submit" name="vote" value="add" { (chrome.t("venue_suggestions-vote")) }
                                    }
                                }
                            }
                            @if s.can_decide {
                                form method="post" action={ "/venue-suggestions/" (s.id) "/decide" } {
                                    (csrf_input(chrome))
                                    button type="submit" name="decision" value="accept" { (chrome.t("venue_suggestions-accept")) }
                                    " "
                                    button.secondary type="submit" name="decision" value="decline" { (chrome.t("venue_suggestions-decline")) }
                                }
                            }
                        }
                    }
                }
            }
            p {
                @if signed_in {
                    a.button.secondary href={ "/groups/" (slug) "/venue-suggestions/new" } { (chrome.t("venue_suggestions-suggest")) }
                } @else {
                    a href={ "/login?next=/groups/" (slug) } { (chrome.t("venue_suggestions-suggest")) }
                }
            }
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SuggestionForm {
    pub name: String,
    pub address: String,
    pub url: String,
    pub note: String,
    pub meetup_id: String,
}

pub fn suggest_page(
    chrome: &Chrome,
    slug: &str,
    meetups: &[(String, String)],
    form: &SuggestionForm,
    errors: &FormErrors,
) -> Markup {
    let title = chrome.t("venue_suggestions-suggest");
    let mut options: Vec<(&str, &str)> = vec![("", chrome.t("venue_suggestions-any_meetup"))];
    options.extend(
        meetups
            .iter()
            .map(|(id, title)| (id.as_str(), title.as_str())),
    );
    layout(
        chrome,
        title,
        html! {
            div.card.narrow {
                h1 { (title) }
                (error_summary(chrome, errors))
                form.stack method="post" action={ "/groups/" (slug) "/venue-suggestions/new" } novalidate {
                    (csrf_input(chrome))
                    (Field::new("name", chrome.t("venue_suggestions-name"), &form.name).required().render(errors))
                    (Field::new("address", chrome.t("venue_suggestions-address"), &form.address).required().render(errors))
                    (Field::new("url", chrome.t("venue_suggestions-url"), &form.url).kind("url").render(errors))
                    (Field::new("note", chrome.t("venue_suggestions-note"), &form.note).textarea().render(errors))
                    (Field::new("meetup_id", chrome.t("venue_suggestions-for_meetup"), &form.meetup_id).select(&options).render(errors))
                    div.actions { button type="submit" { (chrome.t("venue_suggestions-suggest_submit")) } }
                }
            }
        },
    )
}
