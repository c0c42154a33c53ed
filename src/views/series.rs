//! A series' page: its rule in words, the meetups to come and past ones, and the organisers'
//! actions (skip a date, end the series).

use maud::{html, Markup};

use super::components::csrf_input;
use super::groups::{meetup_list, seat_badges, MeetupItem};
use super::layout::layout;
use super::Chrome;

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
                                    form.inline method="post" action={ (p.path) "/skip" } {
                                        (csrf_input(chrome))
                                        input type="hidden" name="date" value=(date);
                                        button.secondary type="submit" { (chrome.t("series-skip")) }
                                    }
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
                form method="post" action={ (p.path) "/end" } {
                    (csrf_input(chrome))
                    div.actions { button.danger type="submit" { (chrome.t("series-end")) } }
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
