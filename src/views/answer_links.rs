//! The page behind a mail's one-click answer: confirm, then what came of it.

use maud::{html, Markup};

use super::components::csrf_input;
use super::layout::layout;
use super::Chrome;
use crate::mail::answer_links::LinkAction;

pub enum AnswerStep<'a> {
    /// Opening the link: nothing done yet, a button to confirm (with, for fewer guests, the
    /// choice of how many of the party's `guests` still come).
    /// `conduct`: the group's code of conduct, when the member is to accept it first.
    Confirm {
        action: &'a str,
        what: LinkAction,
        /// The member waits on the waitlist: releasing is leaving it.
        waitlisted: bool,
        guests: i32,
        conduct: Option<&'a str>,
    },
    /// What the answer did, or why it could not be taken.
    Outcome { message: &'a str, done: bool },
}

pub struct AnswerPage<'a> {
    pub title: &'a str,
    pub when: &'a str,
    pub meetup_path: &'a str,
    pub step: AnswerStep<'a>,
}

pub fn answer_page(chrome: &Chrome, p: &AnswerPage) -> Markup {
    layout(
        chrome,
        p.title,
        html! {
            div.card.narrow {
                h1 { (p.title) }
                p.meta { (p.when) }
                @match p.step {
                    AnswerStep::Confirm { action, what, waitlisted, guests, conduct } => {
                        @let (question, submit) = match what {
                            LinkAction::Going => ("answer-confirm_going", "answer-going_submit"),
                            LinkAction::Release if waitlisted => ("answer-confirm_leave_waitlist", "answer-leave_waitlist_submit"),
                            LinkAction::Release => ("answer-confirm_release", "answer-release_submit"),
                            LinkAction::Confirm => ("answer-confirm_coming", "answer-coming_submit"),
                            LinkAction::FewerGuests => ("answer-confirm_fewer_guests", "answer-fewer_guests_submit"),
                        };
                        p { (chrome.t(question)) }
                        form.stack method="post" action=(action) {
                            (csrf_input(chrome))
                            @if what == LinkAction::FewerGuests && guests > 0 {
                                div.field {
                                    label for="guests" { (chrome.t("rsvp-guests")) }
                                    select #guests name="guests" {
                                        @for g in 0..guests {
                                            option value=(g) selected[g + 1 == guests] { (g) }
                                        }
                                    }
                                }
                            }
                            @if let Some(url) = conduct { (super::conduct::accept_box(chrome, url)) }
                            @if what == LinkAction::Release {
                                button.danger type="submit" { (chrome.t(submit)) }
                            } @else {
                                button type="submit" { (chrome.t(submit)) }
                            }
                        }
                    }
                    AnswerStep::Outcome { message, done } => {
                        @if done {
                            p.flash.ok #answer-outcome role="status" { (message) }
                        } @else {
                            p.flash.warn #answer-outcome role="status" { (message) }
                        }
                    }
                }
                p { a href=(p.meetup_path) { (chrome.t("answer-see_meetup")) } }
            }
        },
    )
}
