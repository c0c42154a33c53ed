//! A series' page: its rule in words, the meetups to come and past ones, and the organisers'
//! actions (edit the series, skip a date, end the series), each asked first.

use maud::{html, Markup};
use serde::Deserialize;

use super::components::{csrf_input, error_summary, Field, FormErrors};
use super::groups::{meetup_list, seat_badges, MeetupItem};
use super::layout::layout;
use super::Chrome;
use crate::db::models::Venue;
use crate::i18n::tf;

pub struct SeriesPage<'a> {
    pub title: &'a str,
    pub group_name: &'a str,
    pub group_path: String,
    /// Where this page's forms post: `/groups/{slug}/series/{id}`.
    pub path: String,
    /// « le deuxième mardi du mois à 19:00 »
    pub rule: String,
    pub ended: bool,
    pub organiser: bool,
    /// Meetups to come, each with the local date an organiser may skip (None once cancelled).
    pub upcoming: Vec<(MeetupItem, Option<String>)>,
    pub past: Vec<MeetupItem>,
}

pub fn series_page(chrome: &Chrome, p: &SeriesPage) -> Markup {
    layout(
        chrome,
        p.title,
        html! {
            p.meta { a href=(p.group_path) { (p.group_name) } " · " (chrome.t("series-title")) }
            h1 { (p.title) }
            p.lead { (p.rule) }
            @if p.ended { p.flash.bad { (chrome.t("series-ended")) } }
            section.card aria-labelledby="upcoming-title" {
                h2 #upcoming-title { (chrome.t("series-upcoming")) }
                @if p.upcoming.is_empty() {
                    p.muted { (chrome.t("series-none_upcoming")) }
                } @else {
                    ul.list {
                        @for (m, skip) in &p.upcoming {
                            li {
                                a href=(m.path) { strong { (m.title) } }
                                @if m.cancelled { " " span.badge.bad { (chrome.t("meetups-cancelled_badge")) } }
                                (seat_badges(chrome, m))
                                br;
                                span.meta.when { (m.when) }
                                @if let (true, Some(date)) = (p.organiser, skip) {
                                    " " a.button.secondary href={ (p.path) "/skip?date=" (date) } { (chrome.t("series-skip")) }
                                }
                            }
                        }
                    }
                }
            }
            section.card aria-labelledby="past-title" {
                h2 #past-title { (chrome.t("series-past")) }
                (meetup_list(chrome, &p.past, "series-none_past"))
            }
            @if p.organiser && !p.ended {
                div.actions {
                    a.button.secondary href={ (p.path) "/edit" } { (chrome.t("series-edit")) }
                    a.button.danger href={ (p.path) "/end" } { (chrome.t("series-end")) }
                }
            }
        },
    )
}

/// The group page's list of its running series, as (title, path, rule in words).
pub fn series_list(chrome: &Chrome, items: &[(String, String, String)]) -> Markup {
    html! {
        @if !items.is_empty() {
            section.card #series aria-labelledby="series-title" {
                h2 #series-title { (chrome.t("series-of_group")) }
                ul.list {
                    @for (title, path, rule) in items {
                        li { a href=(path) { (title) } br; span.meta { (rule) } }
                    }
                }
            }
        }
    }
}

/// The series edit form, as sent (strings as typed, kept when it comes back with errors).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct SeriesForm {
    pub title: String,
    pub description: String,
    /// `19:30`, in the group's time zone.
    pub start_time: String,
    pub duration_minutes: String,
    pub venue_id: String,
    pub capacity: String,
    pub online_url: String,
    /// The checkbox "show the online link to everyone": `Some("on")` when ticked.
    pub online_url_public: Option<String>,
    /// `4h`, `1d`; empty for answers open until the start.
    pub rsvp_deadline_before: String,
}

pub struct SeriesEditPage<'a> {
    pub title: &'a str,
    /// The series' page, which the form posts under.
    pub path: String,
    pub timezone: &'a str,
    pub venues: &'a [Venue],
    /// The meetups to come, each with whether the change reaches it (else it was edited by
    /// hand and stays as it is).
    pub preview: Vec<(MeetupItem, bool)>,
}

pub fn series_edit_page(
    chrome: &Chrome,
    p: &SeriesEditPage,
    form: &SeriesForm,
    errors: &FormErrors,
) -> Markup {
    let heading = chrome.t("series-edit_title");
    let mut venues: Vec<(&str, &str)> = vec![("", chrome.t("meetups-no_venue"))];
    venues.extend(p.venues.iter().map(|v| (v.id.as_str(), v.name.as_str())));
    let time_hint = tf(
        chrome.lang,
        "series-start_time_hint",
        &[("tz", &p.timezone)],
    );
    html! {
        (layout(
            chrome,
            heading,
            html! {
                div.card.narrow {
                    p.meta { a href=(p.path) { (p.title) } }
                    h1 { (heading) }
                    p { (chrome.t("series-edit_intro")) }
                    (error_summary(chrome, errors))
                    form.stack method="post" action={ (p.path) "/edit" } novalidate {
                        (csrf_input(chrome))
                        (Field::new("title", chrome.t("meetups-title"), &form.title).required().hint(chrome.t("series-title_hint")).render(errors))
                        (Field::new("start_time", chrome.t("series-start_time"), &form.start_time).kind("time").required().hint(&time_hint).render(errors))
                        (Field::new("duration_minutes", chrome.t("series-duration"), &form.duration_minutes).kind("number").range(Some("1"), Some("1440")).render(errors))
                        (Field::new("venue_id", chrome.t("meetups-venue"), &form.venue_id).select(&venues).render(errors))
                        (Field::new("capacity", chrome.t("meetups-capacity"), &form.capacity).kind("number").range(Some("1"), None).hint(chrome.t("series-capacity_hint")).render(errors))
                        (Field::new("online_url", chrome.t("meetups-online_url"), &form.online_url).kind("url").hint(chrome.t("meetups-online_url_hint")).render(errors))
                        label.checkbox { input type="checkbox" name="online_url_public" value="on" checked[form.online_url_public.is_some()]; (chrome.t("meetups-online_url_public")) }
                        (Field::new("rsvp_deadline_before", chrome.t("series-deadline_before"), &form.rsvp_deadline_before).hint(chrome.t("series-deadline_before_hint")).render(errors))
                        (Field::new("description", chrome.t("meetups-description"), &form.description).textarea().hint(chrome.t("groups-description_hint")).render(errors))
                        div.actions {
                            button type="submit" { (chrome.t("series-edit_submit")) }
                            a href=(p.path) { (chrome.t("meetups-cancel_back")) }
                        }
                    }
                }
                section.card.narrow aria-labelledby="preview-title" {
                    h2 #preview-title { (chrome.t("series-preview")) }
                    @if p.preview.is_empty() {
                        p.muted { (chrome.t("series-none_upcoming")) }
                    } @else {
                        ul.list {
                            @for (m, follows) in &p.preview {
                                li {
                                    a href=(m.path) { strong { (m.title) } }
                                    br;
                                    span.meta.when { (m.when) }
                                    " "
                                    @if *follows {
                                        span.badge.ok { (chrome.t("series-preview_follows")) }
                                    } @else {
                                        span.badge.warn { (chrome.t("series-preview_kept")) }
                                    }
                                }
                            }
                        }
                    }
                }
            },
        ))
    }
}

/// What an organiser is asked before a series' destructive action.
pub enum SeriesConfirm {
    /// Skipping one date: its meetup, and how many are going or waitlisted (they are told).
    Skip {
        date: String,
        meetup: Option<MeetupItem>,
        going: i64,
        waitlisted: i64,
    },
    /// Ending the series: the dates already made stay, with how many going to them.
    End { dates: usize, going: i64 },
}

pub fn series_confirm_page(
    chrome: &Chrome,
    title: &str,
    path: &str,
    what: &SeriesConfirm,
) -> Markup {
    let (action, heading, confirm) = match what {
        SeriesConfirm::Skip { .. } => ("skip", "series-skip_title", "series-skip_confirm"),
        SeriesConfirm::End { .. } => ("end", "series-end_title", "series-end_confirm"),
    };
    let heading = chrome.t(heading);
    layout(
        chrome,
        heading,
        html! {
            div.card.narrow {
                p.meta { a href=(path) { (title) } }
                h1 { (heading) }
                @match what {
                    SeriesConfirm::Skip { meetup, going, waitlisted, .. } => {
                        @if let Some(m) = meetup {
                            p { strong { (m.title) } br; span.when { (m.when) } }
                        }
                        p #told { (tf(chrome.lang, "series-skip_text", &[("going", going), ("waitlisted", waitlisted)])) }
                    }
                    SeriesConfirm::End { dates, going } => {
                        p #told { (tf(chrome.lang, "series-end_text", &[("dates", dates), ("going", going)])) }
                    }
                }
                form.actions method="post" action={ (path) "/" (action) } {
                    (csrf_input(chrome))
                    @if let SeriesConfirm::Skip { date, .. } = what {
                        input type="hidden" name="date" value=(date);
                    }
                    button.danger type="submit" { (chrome.t(confirm)) }
                    a href=(path) { (chrome.t("meetups-cancel_back")) }
                }
            }
        },
    )
}
