//! The poll page: a grid of options × answers, one radio group per option, usable by keyboard
//! and on a phone with no JavaScript; and the group page's list of open polls.

use maud::{html, Markup};

use super::components::{csrf_input, error_summary, Field, FormErrors};
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
    /// For organisers, while it is open: the form closing it.
    pub close: Option<CloseForm<'a>>,
}

/// The close form as typed (or as first offered).
#[derive(Debug, Default, Clone)]
pub struct CloseValues {
    pub date_option: String,
    pub venue_option: String,
    pub capacity: String,
    pub title: String,
    pub priority_hours: String,
    pub auto_rsvp: bool,
}

/// The organisers' form closing a poll: its options as (id, label).
pub struct CloseForm<'a> {
    pub action: &'a str,
    pub dates: Vec<(String, String)>,
    pub venues: Vec<(String, String)>,
    pub values: &'a CloseValues,
    pub errors: &'a FormErrors,
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
                                                " " (chrome.t(answer.label_key())) " (" (count) ")"
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
            @if let Some(close) = &p.close { (close_form(chrome, close)) }
        },
    )
}

fn close_form(chrome: &Chrome, c: &CloseForm) -> Markup {
    let dates: Vec<(&str, &str)> = c
        .dates
        .iter()
        .map(|(id, label)| (id.as_str(), label.as_str()))
        .collect();
    let mut venues: Vec<(&str, &str)> = vec![("", chrome.t("poll-venue_best"))];
    venues.extend(
        c.venues
            .iter()
            .map(|(id, label)| (id.as_str(), label.as_str())),
    );
    let v = c.values;
    html! {
        section.card.narrow #close-poll aria-labelledby="close-poll-title" {
            h2 #close-poll-title { (chrome.t("poll-close_title")) }
            p.hint { (chrome.t("poll-close_intro")) }
            (error_summary(chrome, c.errors))
            form.stack method="post" action=(c.action) novalidate {
                (csrf_input(chrome))
                (Field::new("date_option", chrome.t("poll-date_option"), &v.date_option).select(&dates).required().render(c.errors))
                @if !c.venues.is_empty() {
                    (Field::new("venue_option", chrome.t("poll-venue_option"), &v.venue_option).select(&venues).render(c.errors))
                }
                (Field::new("title", chrome.t("poll-close_meetup_title"), &v.title).hint(chrome.t("poll-close_meetup_title_hint")).render(c.errors))
                (Field::new("capacity", chrome.t("meetups-capacity"), &v.capacity).kind("number").range(Some("1"), None).hint(chrome.t("meetups-capacity_hint")).render(c.errors))
                (Field::new("priority_hours", chrome.t("poll-priority_hours"), &v.priority_hours).kind("number").range(Some("0"), Some("168")).hint(chrome.t("poll-priority_hours_hint")).render(c.errors))
                label.checkbox { input type="checkbox" name="auto_rsvp" value="on" checked[v.auto_rsvp]; " " (chrome.t("poll-auto_rsvp")) }
                div.actions { button type="submit" { (chrome.t("poll-close_submit")) } }
            }
        }
    }
}

/// How many date boxes the new-poll form offers.
pub const DATE_SLOTS: usize = 5;

/// The new-poll form as typed.
#[derive(Debug, Default, Clone)]
pub struct NewPollValues {
    pub title: String,
    pub description: String,
    /// One per box ([`DATE_SLOTS`]), empty ones included.
    pub dates: Vec<String>,
    /// The venue options ticked.
    pub venues: Vec<String>,
    pub closes_at: String,
    pub target_meetup_id: String,
}

pub struct NewPollPage<'a> {
    pub action: &'a str,
    pub group_name: &'a str,
    pub group_path: &'a str,
    pub timezone: &'a str,
    /// The group's venues and open suggestions, as (id, label).
    pub venues: Vec<(String, String)>,
    /// Meetups the poll may move, as (id, label).
    pub meetups: Vec<(String, String)>,
    pub values: &'a NewPollValues,
    pub errors: &'a FormErrors,
}

pub fn new_poll_page(chrome: &Chrome, p: &NewPollPage) -> Markup {
    let title = chrome.t("poll-new_title");
    let v = p.values;
    let errors = p.errors;
    let dates_hint = tf(
        chrome.lang,
        "poll-date_options_hint",
        &[("max", &(DATE_SLOTS as i64)), ("tz", &p.timezone)],
    );
    let closes_hint = tf(chrome.lang, "poll-closes_at_hint", &[("tz", &p.timezone)]);
    let mut meetups: Vec<(&str, &str)> = vec![("", chrome.t("poll-target_none"))];
    meetups.extend(
        p.meetups
            .iter()
            .map(|(id, label)| (id.as_str(), label.as_str())),
    );
    let date_labels: Vec<String> = (1..=DATE_SLOTS)
        .map(|n| tf(chrome.lang, "poll-date_n", &[("n", &(n as i64))]))
        .collect();
    let dates_error = errors.for_field("date_options");
    let venues_error = errors.for_field("venue_options");
    layout(
        chrome,
        title,
        html! {
            p.meta { a href=(p.group_path) { "← " (p.group_name) } }
            div.card.narrow {
                h1 { (title) }
                p.hint { (chrome.t("poll-new_intro")) }
                (error_summary(chrome, errors))
                form.stack method="post" action=(p.action) novalidate {
                    (csrf_input(chrome))
                    (Field::new("title", chrome.t("meetups-title"), &v.title).required().render(errors))
                    (Field::new("description", chrome.t("meetups-description"), &v.description).textarea().render(errors))
                    fieldset #date_options aria-describedby=(described("date_options", dates_error.is_some())) {
                        legend { (chrome.t("poll-date_options")) }
                        p.hint #date_options-hint { (dates_hint) }
                        @if let Some(e) = dates_error { p.error #date_options-error { (e) } }
                        @for (i, label) in date_labels.iter().enumerate() {
                            @let value = v.dates.get(i).map(String::as_str).unwrap_or("");
                            (Field::new(crate::domain::poll::DATE_FIELDS[i], label, value).kind("datetime-local").render(errors))
                        }
                    }
                    fieldset #venue_options aria-describedby=(described("venue_options", venues_error.is_some())) {
                        legend { (chrome.t("poll-venue_options")) }
                        p.hint #venue_options-hint { (chrome.t("poll-venue_options_hint")) }
                        @if let Some(e) = venues_error { p.error #venue_options-error { (e) } }
                        @if p.venues.is_empty() {
                            p.muted { (chrome.t("poll-no_venue_choices")) }
                        }
                        @for (id, label) in &p.venues {
                            label.checkbox {
                                input type="checkbox" name="venue_options" value=(id) checked[v.venues.contains(id)];
                                " " (label)
                            }
                        }
                    }
                    (Field::new("closes_at", chrome.t("poll-closes_at"), &v.closes_at).kind("datetime-local").hint(&closes_hint).render(errors))
                    @if !p.meetups.is_empty() {
                        (Field::new("target_meetup_id", chrome.t("poll-target"), &v.target_meetup_id).select(&meetups).hint(chrome.t("poll-target_hint")).render(errors))
                    }
                    div.actions { button type="submit" { (chrome.t("poll-create_submit")) } }
                }
            }
        },
    )
}

/// A group of boxes' hint, and its error when it has one.
fn described(name: &str, error: bool) -> String {
    if error {
        format!("{name}-hint {name}-error")
    } else {
        format!("{name}-hint")
    }
}

/// What the page behind a poll's one-click answer shows.
pub enum LinkStep<'a> {
    /// Opening the link: nothing done yet, a button to confirm.
    Confirm { action: &'a str },
    /// Why the answer could not be taken (the poll closed).
    Refused { message: &'a str },
}

pub struct PollLinkPage<'a> {
    pub title: &'a str,
    /// « Répondre « Oui » pour le … ? »
    pub question: &'a str,
    pub poll_path: &'a str,
    pub step: LinkStep<'a>,
}

pub fn poll_link_page(chrome: &Chrome, p: &PollLinkPage) -> Markup {
    layout(
        chrome,
        p.title,
        html! {
            div.card.narrow {
                h1 { (p.title) }
                @match p.step {
                    LinkStep::Confirm { action } => {
                        p { (p.question) }
                        form.stack method="post" action=(action) {
                            (csrf_input(chrome))
                            button type="submit" { (chrome.t("poll-link_submit")) }
                        }
                    }
                    LinkStep::Refused { message } => {
                        p.flash.warn #answer-outcome role="status" { (message) }
                    }
                }
                p { a href=(p.poll_path) { (chrome.t("poll-see_poll")) } }
            }
        },
    )
}

/// The group page's list of its open polls, as (title, path); for organisers, with the link
/// opening a new one (`new_poll`), the list empty or not.
pub fn polls_section(
    chrome: &Chrome,
    polls: &[(String, String)],
    new_poll: Option<&str>,
) -> Markup {
    html! {
        @if !polls.is_empty() || new_poll.is_some() {
            section.card #polls aria-labelledby="polls-title" {
                h2 #polls-title { (chrome.t("poll-open_polls")) }
                @if !polls.is_empty() {
                    ul.list {
                        @for (title, path) in polls {
                            li { a href=(path) { (title) } }
                        }
                    }
                }
                @if let Some(path) = new_poll {
                    p { a.button.secondary #new-poll href=(path) { (chrome.t("poll-new_title")) } }
                }
            }
        }
    }
}
