//! The RSVP panel of a meetup page, and the organisers' check-in page, sign-in sheet and CSV.

use maud::{html, Markup};

use super::components::{csrf_input, Field, FormErrors};
use super::Chrome;
use crate::domain::rsvp::{GuestRoom, RsvpRefusal, RsvpStatus, MAX_GUESTS};
use crate::i18n::{t, tf, Lang};
use crate::urls::{going_next_path, guest_rsvp_form_path, login_path, register_path};

pub struct PersonView {
    pub user_id: String,
    pub name: String,
    /// Shown to organisers only (check-in, sign-in sheet, CSV).
    pub email: String,
    pub guests: i32,
    pub attended: bool,
    /// How many of the party came (the member and their guests), ticked at the door.
    pub came: i32,
    pub position: Option<usize>,
    /// Answered "Still coming?" (or came in after it was asked).
    pub confirmed: bool,
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
    /// How many guests would get a seat with the viewer.
    pub guest_room: GuestRoom,
    /// « jeudi 3 décembre 2026, 12:00 », when answers close before the start.
    pub deadline: Option<String>,
    /// RSVPs have closed but seats may still be given back (until the start).
    pub release_open: bool,
    /// The group's code of conduct, when the viewer is to accept it with their answer.
    pub conduct_url: Option<String>,
    /// The group takes answers without an account (a name and an address).
    pub guest_rsvps: bool,
    /// The meetup's questions, with the viewer's answers (see `views::questions`).
    pub questions: Vec<super::questions::QuestionField>,
}

pub(super) fn person(chrome: &Chrome, p: &PersonView) -> Markup {
    html! {
        (p.name)
        @if p.guests > 0 { " " span.badge { (tf(chrome.lang, "rsvp-plus_guests", &[("n", &p.guests)])) } }
    }
}

fn answered_going(panel: &RsvpPanel) -> bool {
    panel.own.is_some_and(|(s, _, _)| s == RsvpStatus::Going)
}

pub fn rsvp_panel(chrome: &Chrome, panel: &RsvpPanel) -> Markup {
    html! {
        section.card #rsvp aria-labelledby="rsvp-title" {
            h2 #rsvp-title { (chrome.t("rsvp-title")) }
            p.meta {
                @match panel.capacity {
                    Some(capacity) => {
                        @let left = (i64::from(capacity) - panel.going_seats).max(0);
                        @if left == 0 {
                            span.badge.warn { (chrome.t("rsvp-full")) }
                        } @else {
                            (tf(chrome.lang, "rsvp-seats_left", &[("n", &left), ("capacity", &capacity)]))
                        }
                    }
                    None => { (chrome.t("rsvp-unlimited")) }
                }
                " · " (tf(chrome.lang, "rsvp-going_count", &[("n", &panel.going_seats)]))
                @if panel.waitlisted > 0 {
                    " · " (tf(chrome.lang, "rsvp-waitlist_count", &[("n", &panel.waitlisted)]))
                }
            }
            @if let Some((status, guests, position)) = panel.own {
                @if status == RsvpStatus::Waitlisted {
                    // Waiting is not a success yet: said plainly, with what happens next.
                    div.flash.wait #own-rsvp role="status" {
                        p { (tf(chrome.lang, "rsvp-you_waitlisted", &[("n", &position.unwrap_or(0))])) }
                        p { (chrome.t("rsvp-waitlist_automatic")) }
                    }
                } @else {
                    p.flash.ok #own-rsvp role="status" {
                        @match status {
                            RsvpStatus::Going if guests > 0 => { (tf(chrome.lang, "rsvp-you_going_guests", &[("n", &guests)])) }
                            RsvpStatus::Going => { (chrome.t("rsvp-you_going")) }
                            _ => { (chrome.t("rsvp-you_not_going")) }
                        }
                    }
                }
            }
            @match panel.open {
                Err(RsvpRefusal::Cancelled) => { p.flash.bad { (chrome.t("rsvp-cancelled")) } }
                Err(_) => {
                    p.flash.warn { (chrome.t("rsvp-closed")) }
                    @if let Some((status, guests, _)) = panel.own.filter(|(s, _, _)| panel.release_open && *s != RsvpStatus::NotGoing) {
                        p { (chrome.t("rsvp-release_open")) }
                        form.stack method="post" action={ (panel.meetup_path) "/rsvp" } {
                            (csrf_input(chrome))
                            @if status == RsvpStatus::Going && guests > 0 {
                                div.field {
                                    label for="guests" { (chrome.t("rsvp-guests")) }
                                    select #guests name="guests" {
                                        @for g in 0..=guests {
                                            option value=(g) selected[g == guests] { (g) }
                                        }
                                    }
                                }
                            }
                            div.actions {
                                @if status == RsvpStatus::Going && guests > 0 {
                                    button.secondary type="submit" name="answer" value="yes" { (chrome.t("rsvp-fewer_guests")) }
                                }
                                button type="submit" name="answer" value="no" {
                                    @if status == RsvpStatus::Waitlisted { (chrome.t("rsvp-leave_waitlist")) } @else { (chrome.t("rsvp-release")) }
                                }
                            }
                        }
                    }
                }
                Ok(()) if !panel.signed_in && panel.guest_rsvps => {
                    (guest_form(chrome, panel))
                    @let next = going_next_path(&panel.meetup_path);
                    p.meta {
                        a #rsvp-going href=(register_path(Some(&next))) { (chrome.t("rsvp-with_account")) }
                        " · "
                        a href=(login_path(Some(&next))) { (chrome.t("auth-have_account")) }
                    }
                }
                Ok(()) if !panel.signed_in => {
                    @let next = going_next_path(&panel.meetup_path);
                    p { a.button #rsvp-going href=(register_path(Some(&next))) { (chrome.t("rsvp-yes")) } }
                    p { a href=(login_path(Some(&next))) { (chrome.t("auth-have_account")) } }
                }
                Ok(()) => {
                    @if let Some(deadline) = &panel.deadline {
                        p.meta { (tf(chrome.lang, "meetups-rsvps_close", &[("when", deadline)])) }
                    }
                    @let max_guests = panel.guest_room.max_offered();
                    @let hint = match panel.guest_room {
                        GuestRoom::Unlimited => chrome.t("rsvp-guests_hint").to_string(),
                        GuestRoom::UpTo(n) if n == MAX_GUESTS => chrome.t("rsvp-guests_hint").to_string(),
                        GuestRoom::UpTo(0) if !answered_going(panel) => chrome.t("rsvp-guests_hint_one").to_string(),
                        GuestRoom::UpTo(n) if answered_going(panel) => tf(chrome.lang, "rsvp-guests_hint_going", &[("n", &n)]),
                        GuestRoom::UpTo(n) => tf(chrome.lang, "rsvp-guests_hint_fit", &[("n", &n)]),
                        GuestRoom::Full => chrome.t("rsvp-guests_hint_full").to_string(),
                    };
                    @let current_guests = panel.own.map_or(0, |(s, g, _)| if s == RsvpStatus::NotGoing { 0 } else { g });
                    @let answered_yes = panel.own.is_some_and(|(s, _, _)| s != RsvpStatus::NotGoing);
                    // Newcomers never overtake the queue: with anyone waiting, a yes waits too.
                    @let joins_waitlist = !answered_yes && (panel.guest_room == GuestRoom::Full || panel.waitlisted > 0);
                    form.stack method="post" action={ (panel.meetup_path) "/rsvp" } {
                        (csrf_input(chrome))
                        fieldset {
                            legend { (chrome.t("rsvp-question")) }
                            div.field {
                                label for="guests" { (chrome.t("rsvp-guests")) }
                                span.hint #guests-hint { (hint) }
                                select #guests name="guests" aria-describedby="guests-hint" {
                                    @for g in 0..=max_guests.max(current_guests) {
                                        option value=(g) selected[g == current_guests] { (g) }
                                    }
                                }
                            }
                            (super::questions::question_fields(chrome, &panel.questions))
                            @if let Some(url) = &panel.conduct_url {
                                (super::conduct::accept_box(chrome, url))
                            }
                            @if joins_waitlist {
                                p.hint #waitlist-how { (chrome.t("rsvp-waitlist_automatic")) }
                            }
                            div.actions {
                                button type="submit" name="answer" value="yes" {
                                    @if answered_yes { (chrome.t("rsvp-update")) } @else if joins_waitlist { (chrome.t("rsvp-join_waitlist")) } @else { (chrome.t("rsvp-yes")) }
                                }
                                @if answered_yes {
                                    button.secondary type="submit" name="answer" value="no" {
                                        @if panel.own.is_some_and(|(s, _, _)| s == RsvpStatus::Waitlisted) { (chrome.t("rsvp-leave_waitlist")) } @else { (chrome.t("rsvp-no")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            (rsvp_bar(chrome, panel))
            h3 { (chrome.t("rsvp-attendees")) }
            @if panel.names_hidden {
                p.muted #names-hidden { (chrome.t("rsvp-names_for_members")) }
            } @else if panel.going.is_empty() {
                p.muted { (chrome.t("rsvp-nobody")) }
            } @else {
                ul.list #attendees { @for p in &panel.going { li { (person(chrome, p)) } } }
            }
            @if !panel.waitlist.is_empty() {
                h3 { (chrome.t("rsvp-waitlist")) }
                ol #waitlist { @for p in &panel.waitlist { li { (person(chrome, p)) } } }
            }
        }
    }
}

/// The answer within reach on a phone's first screen, whatever the page's length: a compact bar
/// fixed at the bottom (CSS alone, shown below the desk layout's width). "Yes" in one tap for
/// members; the RSVP box (guests, the code of conduct, answering without an account) for the rest.
fn rsvp_bar(chrome: &Chrome, panel: &RsvpPanel) -> Markup {
    let answered = panel
        .own
        .filter(|(s, _, _)| *s != RsvpStatus::NotGoing)
        .map(|(s, _, _)| s);
    let full = panel.guest_room == GuestRoom::Full || panel.waitlisted > 0;
    let yes = if full {
        "rsvp-join_waitlist"
    } else {
        "rsvp-yes"
    };
    html! {
        @if panel.open.is_ok() {
            div.rsvp-bar #rsvp-bar {
                @match answered {
                    Some(status) => {
                        span { (chrome.t(if status == RsvpStatus::Going { "rsvp-bar_going" } else { "rsvp-bar_waiting" })) }
                        a.button.secondary href="#rsvp" { (chrome.t("rsvp-bar_change")) }
                    }
                    // A required question is answered in the RSVP box, never blind.
                    None if panel.signed_in && panel.conduct_url.is_none() && !panel.questions.iter().any(|f| f.question.required) => {
                        form method="post" action={ (panel.meetup_path) "/rsvp" } {
                            (csrf_input(chrome))
                            input type="hidden" name="answer" value="yes";
                            button type="submit" { (chrome.t(yes)) }
                        }
                    }
                    None => { a.button href="#rsvp" { (chrome.t(yes)) } }
                }
            }
        }
    }
}

/// "I'm going" for a visitor without an account: a name, an address, guests and one button; the
/// answer holds a seat once the mailed link is followed.
fn guest_form(chrome: &Chrome, panel: &RsvpPanel) -> Markup {
    let waitlist = panel.guest_room == GuestRoom::Full || panel.waitlisted > 0;
    let form = GuestForm {
        action: guest_rsvp_form_path(&panel.meetup_path),
        max_guests: panel.guest_room.max_offered(),
        conduct_url: panel.conduct_url.as_deref(),
        waitlist,
    };
    guest_fields(
        chrome,
        &form,
        &GuestValues::default(),
        &FormErrors::default(),
    )
}

/// Where the form without an account posts and what it offers.
pub struct GuestForm<'a> {
    pub action: String,
    pub max_guests: i32,
    pub conduct_url: Option<&'a str>,
    /// The answer would join the waitlist.
    pub waitlist: bool,
}

/// What a visitor typed in the form without an account, shown again with its faults.
#[derive(Debug, Default, Clone)]
pub struct GuestValues {
    pub name: String,
    pub email: String,
    pub guests: i32,
    pub keep_informed: bool,
}

/// The form without an account, with `values` typed and `errors` beside their fields.
pub fn guest_fields(
    chrome: &Chrome,
    form: &GuestForm,
    values: &GuestValues,
    errors: &FormErrors,
) -> Markup {
    html! {
        // Without the session's token: the page holding it is the one every visitor shares.
        form.stack #guest-rsvp method="post" action=(form.action) novalidate[!errors.is_empty()] {
            fieldset {
                legend { (chrome.t("rsvp-guest_question")) }
                (Field::new("name", chrome.t("rsvp-guest_name"), &values.name).required().autocomplete("name").hint(chrome.t("rsvp-guest_name_hint")).render(errors))
                (Field::new("email", chrome.t("auth-email"), &values.email).kind("email").required().autocomplete("email").hint(chrome.t("rsvp-guest_email_hint")).render(errors))
                div.field {
                    label for="guests" { (chrome.t("rsvp-guests")) }
                    @if let Some(error) = errors.for_field("guests") { span.error #guests-error { (error) } }
                    select #guests name="guests" aria-describedby=[errors.for_field("guests").map(|_| "guests-error")] {
                        @for g in 0..=form.max_guests.max(values.guests) {
                            option value=(g) selected[g == values.guests] { (g) }
                        }
                    }
                }
                @if let Some(url) = form.conduct_url {
                    @if let Some(error) = errors.for_field("accept_code_of_conduct") { span.error { (error) } }
                    (super::conduct::accept_box(chrome, url))
                }
                label.checkbox { input type="checkbox" name="keep_informed" value="yes" checked[values.keep_informed]; (chrome.t("rsvp-guest_keep_informed")) }
                div.actions {
                    button #guest-rsvp-submit type="submit" {
                        @if form.waitlist { (chrome.t("rsvp-join_waitlist")) } @else { (chrome.t("rsvp-yes")) }
                    }
                }
            }
        }
    }
}

/// A spreadsheet cell: a leading `=`, `+`, `-`, `@`, tab or carriage return would make
/// spreadsheets run it as a formula, so such text gets a leading apostrophe.
pub fn neutral_cell(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// The going members as CSV (RFC 4180, a header row first): name, e-mail, guests, checked in.
pub fn attendees_csv(lang: Lang, going: &[PersonView]) -> String {
    attendees_csv_with(lang, going, &[], &[])
}

/// [`attendees_csv`] with more columns: `extra_header` after the others, and each person's
/// `extra` cells (the answers to the meetup's questions).
pub fn attendees_csv_with(
    lang: Lang,
    going: &[PersonView],
    extra_header: &[String],
    extra: &[Vec<String>],
) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = ["csv-name", "csv-email", "csv-guests", "csv-attended"]
        .map(|k| t(lang, k).to_string())
        .to_vec();
    header.extend(extra_header.iter().map(|h| neutral_cell(h)));
    // Writing to memory cannot fail.
    let _ = out.write_record(&header);
    for (i, p) in going.iter().enumerate() {
        let mut row = vec![
            neutral_cell(&p.name),
            neutral_cell(&p.email),
            p.guests.to_string(),
            if p.attended { "1" } else { "0" }.to_string(),
        ];
        row.extend(extra.get(i).into_iter().flatten().map(|c| neutral_cell(c)));
        let _ = out.write_record(&row);
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_kept_as_text() {
        assert_eq!(neutral_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        for bad in ["+1", "-2", "@SUM(A1)", "\tx"] {
            assert!(neutral_cell(bad).starts_with('\''), "{bad}");
        }
        assert_eq!(neutral_cell("Zoë"), "Zoë");
        let person = PersonView {
            user_id: "u".into(),
            name: "=HYPERLINK(\"x\")".into(),
            email: "z@example.org".into(),
            guests: 1,
            attended: false,
            came: 0,
            position: None,
            confirmed: false,
        };
        let csv = attendees_csv(Lang::En, &[person]);
        assert_eq!(
            csv,
            "Name,E-mail,Guests,Checked in\n\"'=HYPERLINK(\"\"x\"\")\",z@example.org,1,0\n"
        );
    }
}
