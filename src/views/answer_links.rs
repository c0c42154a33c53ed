//! The page behind a mail's one-click answer: confirm, then what came of it.

use maud::{html, Markup};

use super::components::csrf_input;
use super::layout::layout;
use super::Chrome;

pub enum AnswerStep<'a> {
    /// Opening the link: nothing done yet, a button to confirm.
    /// `conduct`: the group's code of conduct, when the member is to accept it first.
    Confirm {
        action: &'a str,
        going: bool,
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
                    AnswerStep::Confirm { action, going, conduct } => {
                        p { (chrome.t(if going { "answer-confirm_going" } else { "answer-confirm_release" })) }
                        form method="post" action=(action) {
                            (csrf_input(chrome))
                            @if let Some(url) = conduct { (super::conduct::accept_box(chrome, url)) }
                            @if going {
                                button type="submit" { (chrome.t("answer-going_submit")) }
                            } @else {
                                button.danger type="submit" { (chrome.t("answer-release_submit")) }
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
