//! The form without an account, shown again on a page of its own when what was typed is at
//! fault: the values kept, each fault beside its field.

use maud::{html, Markup};

use super::components::{error_summary, FormErrors};
use super::rsvp::{guest_fields, GuestForm, GuestValues};
use super::{layout, Chrome};

pub struct GuestRetryPage<'a> {
    pub title: &'a str,
    pub when: &'a str,
    pub meetup_path: &'a str,
    pub form: GuestForm<'a>,
    pub values: &'a GuestValues,
    pub errors: &'a FormErrors,
}

pub fn guest_retry_page(chrome: &Chrome, p: &GuestRetryPage) -> Markup {
    layout(
        chrome,
        p.title,
        html! {
            p.meta { a href=(p.meetup_path) { "← " (p.title) } }
            div.card.narrow #rsvp {
                h1 { (p.title) }
                p.muted { (p.when) }
                (error_summary(chrome, p.errors))
                (guest_fields(chrome, &p.form, p.values, p.errors))
            }
        },
    )
}
