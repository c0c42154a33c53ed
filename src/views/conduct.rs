//! The group's code of conduct on its pages and forms, and the form to report a problem to the
//! organisers.

use maud::{html, Markup};

use super::components::{csrf_input, error_summary, Field, FormErrors};
use super::layout::layout;
use super::Chrome;

/// "Code of conduct" and "Report an incident: …" on the group and meetup pages; nothing when
/// the group set neither.
pub fn conduct_block(chrome: &Chrome, url: Option<&str>, contact: Option<&str>) -> Markup {
    html! {
        @if url.is_some() || contact.is_some() {
            section.card.conduct #code-of-conduct aria-labelledby="code-of-conduct-title" {
                h2 #code-of-conduct-title { (chrome.t("conduct-title")) }
                @if let Some(url) = url {
                    p { a href=(url) rel="noopener" { (chrome.t("conduct-read")) } }
                }
                @if let Some(contact) = contact {
                    p {
                        (chrome.t("conduct-incident_contact")) " "
                        @if is_address(contact) {
                            a href={ "mailto:" (contact) } { (contact) }
                        } @else {
                            (contact)
                        }
                    }
                }
            }
        }
    }
}

/// A contact that reads as one e-mail address, to be offered as a `mailto:` link.
fn is_address(contact: &str) -> bool {
    contact.contains('@')
        && !contact.contains(char::is_whitespace)
        && !contact.contains(['<', '>', '"', '\'', ':', '/'])
}

/// The box a member ticks to accept the code of conduct at `url`, in a join or answer form.
pub fn accept_box(chrome: &Chrome, url: &str) -> Markup {
    html! {
        div.field.conduct-accept {
            label.checkbox { input type="checkbox" name="accept_code_of_conduct" value="yes"; (chrome.t("conduct-accept")) }
            span.hint { a href=(url) rel="noopener" { (chrome.t("conduct-read")) } }
        }
    }
}

/// The organiser's checkbox in the group form: members accept the code before they join.
pub fn require_box(chrome: &Chrome, checked: bool) -> Markup {
    html! {
        label.checkbox { input type="checkbox" name="require_code_of_conduct" value="yes" checked[checked]; (chrome.t("conduct-require")) }
    }
}

/// What the report form is about.
pub struct ReportForm<'a> {
    /// The meetup's (or talk's) title.
    pub subject: &'a str,
    pub action: &'a str,
    pub back: &'a str,
    pub text: &'a str,
}

/// The form to tell the organisers of a problem.
pub fn report_form(chrome: &Chrome, form: &ReportForm, errors: &FormErrors) -> Markup {
    let title = chrome.t("incident-title");
    layout(
        chrome,
        title,
        html! {
            div.card.narrow {
                h1 { (title) }
                p.meta { (form.subject) }
                p { (chrome.t("incident-intro")) }
                (error_summary(chrome, errors))
                form.stack method="post" action=(form.action) novalidate {
                    (csrf_input(chrome))
                    (Field::new("text", chrome.t("incident-text"), form.text).textarea().required().hint(chrome.t("incident-text_hint")).render(errors))
                    div.actions { button type="submit" { (chrome.t("incident-submit")) } }
                }
                p { a href=(form.back) { (chrome.t("incident-back")) } }
            }
        },
    )
}

/// A report as organisers read it.
pub struct ReportItem {
    /// « jeudi 3 décembre 2026, 21:40 »
    pub when: String,
    pub reporter: String,
    pub email: String,
    /// The meetup's title, with the talk's when it names one.
    pub subject: String,
    pub subject_path: String,
    pub body: String,
}

/// The organisers' list of the reports members sent them, newest first.
pub fn reports_page(
    chrome: &Chrome,
    group_name: &str,
    group_path: &str,
    reports: &[ReportItem],
) -> Markup {
    let title = chrome.t("incident-list_title");
    layout(
        chrome,
        title,
        html! {
            p.meta { a href=(group_path) { "← " (group_name) } }
            div.card {
                h1 { (title) }
                p { (chrome.t("incident-list_help")) }
                @if reports.is_empty() {
                    p.muted #no-reports { (chrome.t("incident-list_empty")) }
                } @else {
                    ul.list #incident-reports {
                        @for r in reports {
                            li {
                                p.meta {
                                    (r.when) " · " (r.reporter) " · "
                                    a href={ "mailto:" (r.email) } { (r.email) }
                                }
                                p { a href=(r.subject_path) { (r.subject) } }
                                p.prewrap { (r.body) }
                            }
                        }
                    }
                }
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::is_address;

    #[test]
    fn only_plain_addresses_become_mailto_links() {
        assert!(is_address("conduct@example.org"));
        assert!(!is_address("Ask Alice at the bar"));
        assert!(!is_address("javascript:alert(1)@x"));
    }
}
