//! The organisers' co-hosting pages: a group's (the invitations of other groups, each with
//! accept and decline buttons, and the meetups it co-hosts, each with a leave button) and a
//! meetup's (the groups asked, withdrawn with a button, and a form to ask another one).

use maud::{html, Markup};
use serde::Deserialize;

use super::components::{csrf_input, error_summary, Field, FormErrors};
use super::layout::layout;
use super::Chrome;
use crate::domain::cohost::CohostStatus;
use crate::i18n::tf;

/// An invitation, formatted for the reader.
pub struct InvitationItem {
    pub meetup_id: String,
    pub title: String,
    pub when: String,
    pub meetup_path: String,
    pub from_name: String,
}

pub fn cohosts_page(
    chrome: &Chrome,
    group_path: &str,
    group_name: &str,
    invitations: &[InvitationItem],
    cohosted: &[InvitationItem],
) -> Markup {
    let title = chrome.t("cohosts-title");
    layout(
        chrome,
        title,
        html! {
            p.meta { a href=(group_path) { "← " (group_name) } }
            div.card {
                h1 { (title) }
                p { (tf(chrome.lang, "cohosts-intro", &[("group", &group_name)])) }
                @if invitations.is_empty() {
                    p.muted { (chrome.t("cohosts-none")) }
                }
                @for (i, inv) in invitations.iter().enumerate() {
                    section aria-labelledby={ "invitation-" (i) } {
                        h2 id={ "invitation-" (i) } { a href=(inv.meetup_path) { (inv.title) } }
                        p.meta { (inv.when) " · " (tf(chrome.lang, "cohosts-invited_by", &[("group", &inv.from_name.as_str())])) }
                        div.actions {
                            form method="post" action={ (group_path) "/cohosts/" (inv.meetup_id) "/accept" } {
                                (csrf_input(chrome))
                                button type="submit" { (chrome.t("cohosts-accept")) }
                            }
                            form method="post" action={ (group_path) "/cohosts/" (inv.meetup_id) "/decline" } {
                                (csrf_input(chrome))
                                button.secondary type="submit" { (chrome.t("cohosts-decline")) }
                            }
                        }
                    }
                }
            }
            section.card #cohosted aria-labelledby="cohosted-title" {
                h2 #cohosted-title { (chrome.t("cohosts-cohosted")) }
                @if cohosted.is_empty() {
                    p.muted { (chrome.t("cohosts-cohosted_none")) }
                }
                @for (i, m) in cohosted.iter().enumerate() {
                    section aria-labelledby={ "cohosted-" (i) } {
                        h3 id={ "cohosted-" (i) } { a href=(m.meetup_path) { (m.title) } }
                        p.meta { (m.when) " · " (tf(chrome.lang, "cohosts-with", &[("group", &m.from_name.as_str())])) }
                        form method="post" action={ (group_path) "/cohosts/" (m.meetup_id) "/leave" } {
                            (csrf_input(chrome))
                            button.secondary type="submit" { (chrome.t("cohosts-leave")) }
                        }
                    }
                }
            }
        },
    )
}

/// The meetup co-hosting page's form: the slug of the group to ask.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct CohostForm {
    pub group_slug: String,
}

/// A group asked to co-host the meetup, for its organisers.
pub struct CohostItem {
    pub slug: String,
    pub name: String,
    pub path: String,
    pub status: CohostStatus,
}

/// The meetup's co-hosting page: who was asked and where each stands, a button to withdraw
/// each (while the meetup is open), and the form to ask another group.
pub struct MeetupCohostsPage<'a> {
    pub meetup_title: &'a str,
    pub meetup_path: &'a str,
    pub cohosts: &'a [CohostItem],
    /// The groups it may ask, as (slug, name).
    pub choices: &'a [(String, String)],
    pub open: bool,
}

fn status_badge(chrome: &Chrome, status: CohostStatus) -> Markup {
    let (class, key) = match status {
        CohostStatus::Pending => ("badge warn", "cohosts-status-pending"),
        CohostStatus::Accepted => ("badge ok", "cohosts-status-accepted"),
        CohostStatus::Declined => ("badge bad", "cohosts-status-declined"),
    };
    html! { span class=(class) { (chrome.t(key)) } }
}

pub fn meetup_cohosts_page(
    chrome: &Chrome,
    p: &MeetupCohostsPage,
    form: &CohostForm,
    errors: &FormErrors,
) -> Markup {
    let title = tf(
        chrome.lang,
        "cohosts-meetup_title",
        &[("title", &p.meetup_title)],
    );
    let mut options: Vec<(&str, &str)> = vec![("", chrome.t("cohosts-choose"))];
    options.extend(p.choices.iter().map(|(s, n)| (s.as_str(), n.as_str())));
    let action = format!("{}/cohosts", p.meetup_path);
    layout(
        chrome,
        &title,
        html! {
            p.meta { a href=(p.meetup_path) { "← " (p.meetup_title) } }
            div.card.narrow {
                h1 { (title) }
                p { (chrome.t("cohosts-meetup_intro")) }
                (error_summary(chrome, errors))
                section aria-labelledby="cohosts-current" {
                    h2 #cohosts-current { (chrome.t("cohosts-current")) }
                    @if p.cohosts.is_empty() {
                        p.muted { (chrome.t("cohosts-meetup_none")) }
                    } @else {
                        ul #cohost-list {
                            @for c in p.cohosts {
                                li {
                                    a href=(c.path) { (c.name) } " " (status_badge(chrome, c.status))
                                    @if p.open && c.status != CohostStatus::Declined {
                                        form method="post" action={ (action) "/" (c.slug) "/withdraw" } {
                                            (csrf_input(chrome))
                                            button.secondary type="submit" {
                                                (chrome.t(if c.status == CohostStatus::Pending { "cohosts-withdraw" } else { "cohosts-end" }))
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                @if p.open {
                    section aria-labelledby="cohosts-invite" {
                        h2 #cohosts-invite { (chrome.t("cohosts-invite")) }
                        form.stack method="post" action=(action) novalidate {
                            (csrf_input(chrome))
                            (Field::new("group_slug", chrome.t("cohosts-group"), &form.group_slug).select(&options).required().hint(chrome.t("cohosts-group_hint")).render(errors))
                            div.actions { button type="submit" { (chrome.t("cohosts-invite_submit")) } }
                        }
                    }
                } @else {
                    p.muted #cohosts-closed { (chrome.t("cohosts-closed")) }
                }
            }
        },
    )
}
