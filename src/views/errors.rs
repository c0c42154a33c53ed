use maud::{html, Markup};

use super::components::csrf_input;
use super::layout::layout;
use super::Chrome;
use crate::i18n::tf;

/// A form to send again what a refused form carried, with a fresh token.
pub struct Resend<'a> {
    pub action: &'a str,
    pub fields: &'a [(String, String)],
}

/// An error page: what happened, where to go back, and for an expired form what was typed
/// with a button to send it again.
pub fn error_page(
    chrome: &Chrome,
    title: &str,
    message: &str,
    back: Option<&str>,
    resend: Option<Resend>,
) -> Markup {
    layout(
        chrome,
        title,
        html! {
            div.card.narrow {
                h1 { (title) }
                p { (message) }
                @if let Some(r) = resend {
                    @let shown: Vec<&(String, String)> = r.fields.iter().filter(|(_, v)| !v.trim().is_empty()).collect();
                    @if !shown.is_empty() {
                        h2 { (chrome.t("error-typed")) }
                        dl.facts.kept {
                            @for (name, value) in shown {
                                dt { (field_label(chrome, r.action, name)) }
                                dd { (value) }
                            }
                        }
                    }
                    form method="post" action=(r.action) {
                        (csrf_input(chrome))
                        @for (name, value) in r.fields {
                            input type="hidden" name=(name) value=(value);
                        }
                        button type="submit" { (chrome.t("error-resend")) }
                    }
                }
                p.actions {
                    @if let Some(back) = back { a href=(back) { (chrome.t("error-back")) } }
                    a href="/" { (chrome.t("error-back_home")) }
                }
            }
        },
    )
}

/// Each form field's name with the keys of the labels forms give it, the most common first.
const FIELD_LABELS: &[(&str, &[&str])] = &[
    ("abstract", &["talks-abstract"]),
    ("address", &["venues-address", "venue_suggestions-address"]),
    ("attendee_visibility", &["groups-attendee_visibility"]),
    ("audience", &["messages-audience"]),
    ("auto_release_before", &["seats-auto_release_before"]),
    ("body", &["messages-body"]),
    ("body_markdown", &["reports-body"]),
    ("capacity", &["meetups-capacity"]),
    ("city", &["venues-city"]),
    ("code_of_conduct_url", &["conduct-url"]),
    (
        "description",
        &["meetups-description", "groups-description"],
    ),
    ("duration_minutes", &["talks-duration", "series-duration"]),
    ("email", &["auth-email", "account-new_email"]),
    ("ends_at", &["meetups-ends_at"]),
    ("incident_contact", &["conduct-contact"]),
    ("latitude", &["venues-latitude"]),
    ("links", &["groups-links"]),
    (
        "locale",
        &["auth-locale", "groups-locale", "account-locale"],
    ),
    ("longitude", &["venues-longitude"]),
    ("meetup_id", &["venue_suggestions-for_meetup"]),
    (
        "name",
        &[
            "auth-name",
            "groups-name",
            "venues-name",
            "venue_suggestions-name",
        ],
    ),
    ("note", &["meetups-change_note", "venue_suggestions-note"]),
    ("online_url", &["meetups-online_url"]),
    ("online_url_public", &["meetups-online_url_public"]),
    ("announce", &["meetups-announce"]),
    ("reason", &["bans-reason"]),
    ("reconfirm_before", &["seats-reconfirm_before"]),
    ("repeat", &["series-repeat"]),
    ("rsvp_deadline", &["meetups-rsvp_deadline"]),
    ("rsvp_deadline_before", &["series-deadline_before"]),
    ("slug", &["groups-slug"]),
    ("speaker_name", &["talks-speaker_name"]),
    ("start_time", &["series-start_time"]),
    ("starts_at", &["meetups-starts_at"]),
    ("subject", &["messages-subject"]),
    ("text", &["incident-text"]),
    ("timezone", &["groups-timezone"]),
    ("title", &["meetups-title", "talks-title", "reports-title"]),
    ("url", &["venues-url", "venue_suggestions-url"]),
    ("venue_id", &["meetups-venue"]),
];

/// The label the form posting to `action` gives its field `name`, as the reader saw it there
/// (the field's own name when no form labels it).
fn field_label(chrome: &Chrome, action: &str, name: &str) -> String {
    let Some((_, keys)) = FIELD_LABELS.iter().find(|(n, _)| *n == name) else {
        return name.replace('_', " ");
    };
    // The form's family, from where it posts: its labels' keys share a prefix.
    let families = [
        ("/report", "reports-"),
        ("/talks", "talks-"),
        ("/messages", "messages-"),
        ("suggestion", "venue_suggestions-"),
        ("/venues", "venues-"),
        ("/series", "series-"),
        ("/meetups", "meetups-"),
        ("/account", "account-"),
        ("/register", "auth-"),
        ("/groups", "groups-"),
    ];
    let family = families
        .iter()
        .find(|(part, _)| action.contains(part))
        .map(|(_, prefix)| *prefix);
    let key = family
        .and_then(|prefix| keys.iter().find(|k| k.starts_with(prefix)))
        .unwrap_or(&keys[0]);
    chrome.t(key).to_string()
}

/// 404 for a group address that is close to an existing group's: "Did you mean DjangAuvergne?"
pub fn group_not_found(chrome: &Chrome, path: &str, name: &str) -> Markup {
    let title = chrome.t("error-not_found_title");
    layout(
        chrome,
        title,
        html! {
            div.card.narrow {
                h1 { (title) }
                p { (chrome.t("error-not_found")) }
                p #did-you-mean {
                    a href=(path) { (tf(chrome.lang, "error-did_you_mean", &[("group", &name)])) }
                }
                p.actions { a href="/" { (chrome.t("error-back_home")) } }
            }
        },
    )
}
