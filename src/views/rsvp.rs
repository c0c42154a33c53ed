//! The RSVP panel of a meetup page and the organisers' check-in page.

use maud::{html, Markup};

use super::components::csrf_input;
use super::layout::layout;
use super::Chrome;
use crate::domain::rsvp::{RsvpRefusal, RsvpStatus, MAX_GUESTS};
use crate::i18n::tf;

pub struct PersonView {
    pub user_id: String,
    pub name: String,
    pub guests: i32,
    pub attended: bool,
    pub position: Option<usize>,
}

pub struct RsvpPanel {
    /// `/groups/{slug}/meetups/{id}`
    pub meetup_path: String,
    pub signed_in: bool,
    pub own: Option<(RsvpStatus, i32, Option<usize>)>,
    pub capacity: Option<i32>,
    pub going_seats: i64,
    pub open: Result<(), RsvpRefusal>,
    pub going: Vec<PersonView>,
    pub waitlist: Vec<PersonView>,
    /// People on the waitlist, listed or not.
    pub waitlisted: i64,
    /// The viewer reads counts only (names are for the group's members).
    pub names_hidden: bool,
    pub is_organiser: bool,
}

fn person(chrome: &Chrome, p: &PersonView) -> Markup {
    html! {
        (p.name)
        @if p.guests > 0 { " " span.badge { (tf(chrome.lang, "rsvp.plus_guests", &[("n", &p.guests.to_string())])) } }
    }
}

pub fn rsvp_panel(chrome: &Chrome, panel: &RsvpPanel) -> Markup {
    let n = |v: i64| v.to_string();
    html! {
        section.card #rsvp aria-labelledby="rsvp-title" {
            h2 #rsvp-title { (chrome.t("rsvp.title")) }
            p.meta {
                @match panel.capacity {
                    Some(capacity) => {
                        @let left = (i64::from(capacity) - panel.going_seats).max(0);
                        @if left == 0 {
                            span.badge.warn { (chrome.t("rsvp.full")) }
                        } @else {
                            (tf(chrome.lang, "rsvp.seats_left", &[("n", &n(left)), ("capacity", &capacity.to_string())]))
                        }
                    }
                    None => { (chrome.t("rsvp.unlimited")) }
                }
                " · " (tf(chrome.lang, "rsvp.going_count", &[("n", &n(panel.going_seats))]))
                @if panel.waitlisted > 0 {
                    " · " (tf(chrome.lang, "rsvp.waitlist_count", &[("n", &n(panel.waitlisted))]))
                }
            }
            @if let Some((status, guests, position)) = panel.own {
                p.flash.ok #own-rsvp role="status" {
                    @match status {
                        RsvpStatus::Going if guests > 0 => { (tf(chrome.lang, "rsvp.you_going_guests", &[("n", &guests.to_string())])) }
                        RsvpStatus::Going => { (chrome.t("rsvp.you_going")) }
                        RsvpStatus::Waitlisted => { (tf(chrome.lang, "rsvp.you_waitlisted", &[("n", &position.unwrap_or(0).to_string())])) }
                        RsvpStatus::NotGoing => { (chrome.t("rsvp.you_not_going")) }
                    }
                }
            }
            @match panel.open {
                Err(RsvpRefusal::Cancelled) => { p.flash.bad { (chrome.t("rsvp.cancelled")) } }
                Err(_) => { p.flash.warn { (chrome.t("rsvp.closed")) } }
                Ok(()) if !panel.signed_in => {
                    p { a.button href={ "/login?next=" (panel.meetup_path) } { (chrome.t("rsvp.sign_in")) } }
                }
                Ok(()) => {
                    @let current_guests = panel.own.map_or(0, |(s, g, _)| if s == RsvpStatus::NotGoing { 0 } else { g });
                    @let answered_yes = panel.own.is_some_and(|(s, _, _)| s != RsvpStatus::NotGoing);
                    form.stack method="post" action={ (panel.meetup_path) "/rsvp" } {
                        (csrf_input(chrome))
                        fieldset {
                            legend { (chrome.t("rsvp.question")) }
                            div.field {
                                label for="guests" { (chrome.t("rsvp.guests")) }
                                span.hint #guests-hint { (chrome.t("rsvp.guests_hint")) }
                                select #guests name="guests" aria-describedby="guests-hint" {
                                    @for g in 0..=MAX_GUESTS {
                                        option value=(g) selected[g == current_guests] { (g) }
                                    }
                                }
                            }
                            div.actions {
                                button type="submit" name="answer" value="yes" {
                                    @if answered_yes { (chrome.t("rsvp.update")) } @else { (chrome.t("rsvp.yes")) }
                                }
                                @if answered_yes {
                                    button.secondary type="submit" name="answer" value="no" { (chrome.t("rsvp.no")) }
                                }
                            }
                        }
                    }
                }
            }
            h3 { (chrome.t("rsvp.attendees")) }
            @if panel.names_hidden {
                p.muted #names-hidden { (chrome.t("rsvp.names_for_members")) }
            } @else if panel.going.is_empty() {
                p.muted { (chrome.t("rsvp.nobody")) }
            } @else {
                ul.list #attendees { @for p in &panel.going { li { (person(chrome, p)) } } }
            }
            @if !panel.waitlist.is_empty() {
                h3 { (chrome.t("rsvp.waitlist")) }
                ol #waitlist { @for p in &panel.waitlist { li { (person(chrome, p)) } } }
            }
            @if panel.is_organiser {
                p { a.button.secondary href={ (panel.meetup_path) "/checkin" } { (chrome.t("checkin.link")) } }
            }
        }
    }
}

pub fn checkin_page(
    chrome: &Chrome,
    meetup_title: &str,
    meetup_path: &str,
    going: &[PersonView],
) -> Markup {
    let title = chrome.t("checkin.title");
    layout(
        chrome,
        title,
        html! {
            div.card {
                h1 { (title) " — " (meetup_title) }
                p { (chrome.t("checkin.help")) }
                form.stack method="post" action={ (meetup_path) "/checkin" } {
                    (csrf_input(chrome))
                    @if going.is_empty() {
                        p.muted { (chrome.t("rsvp.nobody")) }
                    } @else {
                        table.data {
                            thead { tr { th scope="col" { (chrome.t("rsvp.attendees")) } th scope="col" { (chrome.t("checkin.came")) } } }
                            tbody {
                                @for p in going {
                                    tr {
                                        td { label for={ "came-" (p.user_id) } { (person(chrome, p)) } }
                                        td { input type="checkbox" id={ "came-" (p.user_id) } name="attended" value=(p.user_id) checked[p.attended]; }
                                    }
                                }
                            }
                        }
                    }
                    div.actions {
                        button type="submit" { (chrome.t("checkin.save")) }
                        a href=(meetup_path) { (chrome.t("checkin.back")) }
                    }
                }
            }
        },
    )
}
