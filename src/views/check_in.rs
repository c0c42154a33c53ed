//! The door: the check-in page organisers and helpers use on a phone, the printable sign-in
//! sheet, and the page where members check themselves in with the door code.

use maud::{html, Markup, PreEscaped};
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

use super::components::{csrf_input, error_summary, Field, FormErrors};
use super::layout::layout;
use super::questions::AnswerColumns;
use super::rsvp::{person, PersonView};
use super::Chrome;
use crate::domain::ids::MeetupId;
use crate::i18n::tf;
use crate::urls::attendees_csv_path;

/// Someone who came without an RSVP.
pub struct WalkInView {
    pub name: String,
    pub email: Option<String>,
}

/// What the door shows, whoever keeps it.
pub struct DoorView<'a> {
    pub meetup_title: &'a str,
    pub meetup_id: &'a MeetupId,
    /// `/groups/{slug}/meetups/{id}`
    pub meetup_path: &'a str,
    /// The self check-in page's full URL, with the code: what the QR code opens.
    pub self_check_in_url: &'a str,
    pub code: &'a str,
    /// Organisers see addresses and the CSV; door helpers see names only.
    pub organiser: bool,
    /// Ticking has opened (two hours before the start).
    pub open: bool,
    pub going: &'a [PersonView],
    pub walk_ins: &'a [WalkInView],
    /// The name filter, as typed.
    pub filter: &'a str,
}

/// The walk-in form's input, kept when it is refused.
#[derive(Default)]
pub struct WalkInInput {
    pub name: String,
    pub email: String,
}

/// The QR code of `url` as inline SVG, drawn on the server (no script, no image request).
pub fn qr_svg(url: &str) -> Markup {
    match QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M) {
        // The SVG is generated from the code's modules only: no text of anyone's is in it.
        Ok(code) => PreEscaped(
            code.render::<svg::Color>()
                .min_dimensions(200, 200)
                .quiet_zone(true)
                .build()
                .replacen("<?xml version=\"1.0\" standalone=\"yes\"?>", "", 1),
        ),
        Err(_) => html! {},
    }
}

/// The door code and its QR code, as shown on the check-in page and the sign-in sheet.
fn code_panel(chrome: &Chrome, door: &DoorView) -> Markup {
    html! {
        section.door-code aria-labelledby="door-code-title" {
            h2 #door-code-title { (chrome.t("checkin-code_title")) }
            p { (chrome.t("checkin-code_help")) }
            p.door-code-text { (chrome.t("checkin-code_label")) " " strong #door-code { (door.code) } }
            figure.qr role="img" aria-label=(chrome.t("checkin-qr_label")) {
                (qr_svg(door.self_check_in_url))
            }
        }
    }
}

/// The party's count at the door: "2 of 3 came".
fn party_text(chrome: &Chrome, p: &PersonView) -> String {
    tf(
        chrome.lang,
        "checkin-party_came",
        &[
            ("came", &p.came.to_string()),
            ("party", &(p.guests + 1).to_string()),
        ],
    )
}

/// One person at the door: name, badges, how many came, and the buttons to tick them in.
fn door_row(chrome: &Chrome, door: &DoorView, p: &PersonView) -> Markup {
    let party = p.guests + 1;
    let anchor = format!("p-{}", p.user_id);
    let name_id = format!("name-{}", p.user_id);
    html! {
        li.door-row #(anchor) {
            div {
                strong #(name_id) { (person(chrome, p)) }
                @if p.confirmed { " " span.badge.ok { (chrome.t("checkin-confirmed")) } }
                @if door.organiser { br; a.muted href={ "mailto:" (p.email) } { (p.email) } }
                p.party-came { (party_text(chrome, p)) }
            }
            @if door.open {
                form.door-ticks method="post" action={ (door.meetup_path) "/checkin" } {
                    (csrf_input(chrome))
                    input type="hidden" name="member" value=(p.user_id);
                    input type="hidden" name="q" value=(door.filter);
                    @if party == 1 {
                        @if p.came > 0 {
                            button.secondary type="submit" name="came" value="0" aria-describedby=(name_id) { (chrome.t("checkin-undo")) }
                        } @else {
                            button type="submit" name="came" value="1" aria-describedby=(name_id) { (chrome.t("checkin-mark")) }
                        }
                    } @else {
                        span.door-how-many { (chrome.t("checkin-how_many")) }
                        @for n in 0..=party {
                            button.secondary[n != p.came] type="submit" name="came" value=(n)
                                aria-pressed=(if n == p.came { "true" } else { "false" })
                                aria-describedby=(name_id) { (n) }
                        }
                    }
                }
            }
        }
    }
}

/// The check-in page: one column for a phone at the door, a name filter without script, large
/// buttons, and the walk-in form.
pub fn door_page(
    chrome: &Chrome,
    door: &DoorView,
    walk_in: &WalkInInput,
    errors: &FormErrors,
) -> Markup {
    let title = chrome.t("checkin-title");
    let filter = door.filter.trim().to_lowercase();
    let shown: Vec<&PersonView> = door
        .going
        .iter()
        .filter(|p| filter.is_empty() || p.name.to_lowercase().contains(&filter))
        .collect();
    let came: i32 = door.going.iter().map(|p| p.came).sum();
    layout(
        chrome,
        title,
        html! {
            div.door {
                h1 { (title) " — " (door.meetup_title) }
                p { (chrome.t("checkin-help")) }
                (error_summary(chrome, errors))
                p.door-total { (tf(chrome.lang, "checkin-total", &[("came", &came.to_string()), ("walk_ins", &door.walk_ins.len().to_string())])) }
                @if !door.open { p.flash.warn { (chrome.t("checkin-not_open")) } }
                form.door-search method="get" action={ (door.meetup_path) "/checkin" } role="search" {
                    label for="q" { (chrome.t("checkin-search")) }
                    input #q type="search" name="q" value=(door.filter) autocomplete="off";
                    button type="submit" { (chrome.t("checkin-search_submit")) }
                    @if !filter.is_empty() {
                        a href={ (door.meetup_path) "/checkin" } { (chrome.t("checkin-search_clear")) }
                    }
                }
                @if door.going.is_empty() {
                    p.muted { (chrome.t("rsvp-nobody")) }
                } @else if shown.is_empty() {
                    p.muted { (chrome.t("checkin-none_found")) }
                } @else {
                    ul.door-list { @for p in &shown { (door_row(chrome, door, p)) } }
                }
                section aria-labelledby="walk-ins-title" {
                    h2 #walk-ins-title { (chrome.t("checkin-walk_ins")) }
                    @if !door.walk_ins.is_empty() {
                        ul.door-list #walk-ins {
                            @for w in door.walk_ins {
                                li.door-row {
                                    div {
                                        strong { (w.name) } " " span.badge.warn { (chrome.t("checkin-walk_in_badge")) }
                                        @if let (true, Some(email)) = (door.organiser, &w.email) {
                                            br; a.muted href={ "mailto:" (email) } { (email) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    @if door.open {
                        form.stack method="post" action={ (door.meetup_path) "/walk-ins" } {
                            (csrf_input(chrome))
                            p.hint { (chrome.t("checkin-walk_in_help")) }
                            (Field::new("name", chrome.t("checkin-walk_in_name"), &walk_in.name).required().autocomplete("off").render(errors))
                            (Field::new("email", chrome.t("checkin-walk_in_email"), &walk_in.email).kind("email").autocomplete("off").render(errors))
                            div.actions { button type="submit" { (chrome.t("checkin-walk_in_submit")) } }
                        }
                    }
                }
                (code_panel(chrome, door))
                p.actions {
                    a.button.secondary href={ (door.meetup_path) "/sign-in-sheet" } { (chrome.t("checkin-sheet")) }
                    @if door.organiser {
                        a.button.secondary href=(attendees_csv_path(door.meetup_id)) download { (chrome.t("checkin-csv")) }
                    }
                    a href=(door.meetup_path) { (chrome.t("checkin-back")) }
                }
            }
        },
    )
}

/// A printable list for the door: names, guests, the answers to the meetup's questions (for
/// organisers: `answers` is empty for door helpers), a box to tick, and the self check-in code.
pub fn sign_in_sheet(
    chrome: &Chrome,
    door: &DoorView,
    answers: &AnswerColumns,
    when: &str,
    place: Option<&str>,
) -> Markup {
    let title = chrome.t("checkin-sheet");
    layout(
        chrome,
        title,
        html! {
            p.meta.no-print { a href={ (door.meetup_path) "/checkin" } { "← " (chrome.t("checkin-title")) } }
            div.card.sheet {
                h1 { (door.meetup_title) }
                p { (when) @if let Some(place) = place { " · " (place) } }
                // Answers make the table wide: it scrolls within itself on a phone.
                div.table-scroll tabindex="0" role="region" aria-labelledby="sheet-caption" {
                    table.data #sign-in-sheet {
                        caption.sr-only #sheet-caption { (title) }
                        thead { tr {
                            th scope="col" { (chrome.t("rsvp-attendees")) }
                            th scope="col" { (chrome.t("checkin-guests")) }
                            @for label in &answers.header { th scope="col" { (label) } }
                            th scope="col" { (chrome.t("checkin-came")) }
                        } }
                        tbody {
                            @for (i, p) in door.going.iter().enumerate() {
                                tr {
                                    td { (p.name) }
                                    td { (p.guests) }
                                    @for cell in answers.row(i) { td { (cell) } }
                                    td { span.tick-box aria-hidden="true" { "☐" } }
                                }
                            }
                        }
                    }
                }
                (code_panel(chrome, door))
                p.no-print.muted { (chrome.t("checkin-print")) }
            }
        },
    )
}

/// Where a member checks in with the door code (the QR code opens it with the code filled in).
pub fn self_check_in_page(
    chrome: &Chrome,
    meetup_title: &str,
    action: &str,
    code: &str,
    errors: &FormErrors,
) -> Markup {
    let title = chrome.t("selfcheckin-title");
    layout(
        chrome,
        title,
        html! {
            div.card.door {
                h1 { (title) " — " (meetup_title) }
                (error_summary(chrome, errors))
                form.stack method="post" action=(action) {
                    (csrf_input(chrome))
                    (Field::new("code", chrome.t("selfcheckin-code"), code).required().autocomplete("off").hint(chrome.t("selfcheckin-help")).render(errors))
                    div.actions { button type="submit" { (chrome.t("selfcheckin-submit")) } }
                }
            }
        },
    )
}
