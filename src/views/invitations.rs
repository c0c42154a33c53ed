//! Invitations: the organisers' page (the form and who was invited), the page an invitation's
//! link opens, and the page that stops invitations to an address.

use maud::{html, Markup};
use serde::Deserialize;

use super::components::{csrf_input, error_summary, Field, FormErrors};
use super::{layout, Chrome};

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct InvitationForm {
    /// One address a line, or separated by commas.
    pub emails: String,
    pub meetup_id: String,
    pub note: String,
}

/// One invitation as the organisers' list shows it.
pub struct InvitedItem {
    pub email: String,
    pub when: String,
    pub meetup: Option<String>,
    pub joined: bool,
}

/// What became of one address just submitted: (address, outcome's label).
pub type ResultItem = (String, &'static str);

pub struct InvitationsPage<'a> {
    pub group_name: &'a str,
    pub group_path: &'a str,
    /// This page's path: the form posts to it.
    pub path: &'a str,
    /// The meetups an invitation may name, as (value, label); the first is "none".
    pub meetups: &'a [(&'a str, &'a str)],
    pub form: &'a InvitationForm,
    pub errors: &'a FormErrors,
    /// What became of each address of the request just sent.
    pub results: &'a [ResultItem],
    pub invited: &'a [InvitedItem],
}

pub fn invitations_page(chrome: &Chrome, p: &InvitationsPage) -> Markup {
    let title = chrome.t("invitations-title");
    layout(
        chrome,
        title,
        html! {
            p.meta { a href=(p.group_path) { "← " (p.group_name) } }
            div.card.narrow {
                h1 { (title) }
                p.muted { (chrome.t("invitations-help")) }
                @if !p.results.is_empty() {
                    section aria-labelledby="results-title" {
                        h2 #results-title { (chrome.t("invitations-results")) }
                        div role="status" {
                            ul.list {
                                @for (email, outcome) in p.results {
                                    li { strong { (email) } " — " (outcome) }
                                }
                            }
                        }
                    }
                }
                (error_summary(chrome, p.errors))
                form.stack method="post" action=(p.path) novalidate {
                    (csrf_input(chrome))
                    (Field::new("emails", chrome.t("invitations-emails"), &p.form.emails).textarea().required().hint(chrome.t("invitations-emails_hint")).render(p.errors))
                    (Field::new("meetup_id", chrome.t("invitations-meetup"), &p.form.meetup_id).select(p.meetups).render(p.errors))
                    (Field::new("note", chrome.t("invitations-note"), &p.form.note).textarea().hint(chrome.t("invitations-note_hint")).render(p.errors))
                    div.actions { button type="submit" { (chrome.t("invitations-send")) } }
                }
            }
            section.card.narrow aria-labelledby="invited-title" {
                h2 #invited-title { (chrome.t("invitations-invited")) }
                @if p.invited.is_empty() {
                    p.muted { (chrome.t("invitations-none")) }
                } @else {
                    div {
                        table.data {
                            thead { tr {
                                th scope="col" { (chrome.t("invitations-address")) }
                                th scope="col" { (chrome.t("invitations-when")) }
                                th scope="col" { (chrome.t("invitations-meetup")) }
                                th scope="col" { (chrome.t("invitations-joined")) }
                            } }
                            tbody {
                                @for i in p.invited {
                                    tr {
                                        td { (i.email) }
                                        td { (i.when) }
                                        td { @if let Some(m) = &i.meetup { (m) } @else { "—" } }
                                        td { (chrome.t(if i.joined { "invitations-joined_yes" } else { "invitations-joined_no" })) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// What an invitation's link shows.
pub struct LandingPage<'a> {
    pub group_name: &'a str,
    pub group_path: &'a str,
    pub description: Option<&'a str>,
    pub note: Option<&'a str>,
    /// The meetup named: (title, when, path).
    pub meetup: Option<(&'a str, &'a str, &'a str)>,
    /// The visitor came by "I'm going" (and a meetup is named).
    pub going: bool,
    /// This page's path (with its query): the form posts to it.
    pub action: &'a str,
    /// Signed out: where to sign in and up, coming back to carry the invitation out.
    pub sign_in: Option<(&'a str, &'a str)>,
    /// The group asks newcomers to accept its code of conduct: its address.
    pub conduct_url: Option<&'a str>,
    pub error: Option<&'a str>,
}

pub fn landing_page(chrome: &Chrome, p: &LandingPage) -> Markup {
    let title = crate::i18n::tf(
        chrome.lang,
        "invitations-landing_title",
        &[("group", &p.group_name)],
    );
    let submit = if p.going {
        chrome.t("invitations-going")
    } else {
        chrome.t("invitations-join")
    };
    layout(
        chrome,
        &title,
        html! {
            div.card.narrow {
                h1 { (title) }
                @if let Some(error) = p.error { p.flash.bad role="alert" { (error) } }
                @if let Some(d) = p.description { p { (d) } }
                @if let Some(note) = p.note {
                    blockquote style="white-space:pre-wrap" { (note) }
                }
                @if let Some((title, when, path)) = p.meetup {
                    h2 { a href=(path) { (title) } }
                    p { (when) }
                }
                p { a href=(p.group_path) { (chrome.t("invitations-see_group")) } }
                @if let Some((login, register)) = p.sign_in {
                    p { (chrome.t("invitations-sign_in_first")) }
                    div.actions {
                        a.button href=(register) { (chrome.t("invitations-create_account")) }
                        a.button.secondary href=(login) { (chrome.t("invitations-sign_in")) }
                    }
                } @else {
                    form.stack method="post" action=(p.action) {
                        (csrf_input(chrome))
                        @if let Some(url) = p.conduct_url {
                            label.checkbox {
                                input type="checkbox" name="accept_code_of_conduct" value="on" required;
                                (chrome.t("invitations-accept_conduct")) " "
                                a href=(url) rel="noopener" { (chrome.t("invitations-conduct_link")) }
                            }
                        }
                        div.actions { button type="submit" { (submit) } }
                    }
                }
            }
        },
    )
}

/// Stopping invitations to an address: a confirmation (link scanners open links), then done.
pub fn optout_page(chrome: &Chrome, action: &str, done: bool) -> Markup {
    let title = chrome.t("invitations-optout_title");
    layout(
        chrome,
        title,
        html! {
            div.card.narrow {
                h1 { (title) }
                @if done {
                    p.flash.ok role="status" { (chrome.t("invitations-optout_done")) }
                } @else {
                    p { (chrome.t("invitations-optout_question")) }
                    form method="post" action=(action) {
                        button type="submit" { (chrome.t("invitations-optout_submit")) }
                    }
                }
            }
        },
    )
}
