//! A group's banner and sponsors: the organisers' forms, and what the group and meetup pages
//! show of them.

use maud::{html, Markup};

use super::components::{csrf_input, error_summary, Field, FormErrors};
use super::layout::layout;
use super::Chrome;
use crate::domain::sponsor::SponsorRole;
use crate::i18n::tf;

/// A sponsor as pages show it.
pub struct SponsorItem {
    pub id: String,
    pub name: String,
    pub url: Option<String>,
    /// The logo's path, when it has one.
    pub logo: Option<String>,
}

/// A file field of an upload form, with its error.
fn picture_field(
    chrome: &Chrome,
    (id, name): (&str, &str),
    label: &str,
    errors: &FormErrors,
) -> Markup {
    let error_id = format!("{id}-error");
    let error = errors.for_field(name);
    html! {
        div.field {
            label for=(id) { (label) " " span.required aria-hidden="true" { "*" } }
            span.hint id={ (id) "-hint" } { (chrome.t("pictures-hint")) }
            @if let Some(error) = error { span.error id=(error_id) { (error) } }
            input id=(id) type="file" name=(name) required accept="image/png,image/jpeg,image/webp"
                aria-describedby={ (id) "-hint" @if error.is_some() { " " (error_id) } };
        }
    }
}

/// The banner's part of the group's settings page: the current one, a form to replace it and
/// a button to remove it.
pub fn banner_section(
    chrome: &Chrome,
    slug: &str,
    banner: Option<&str>,
    errors: &FormErrors,
) -> Markup {
    html! {
        section.card.narrow #banner-settings aria-labelledby="banner-title" {
            h2 #banner-title { (chrome.t("banner-title")) }
            p { (chrome.t("banner-help")) }
            @match banner {
                Some(path) => { img.banner src=(path) alt=(chrome.t("banner-current")); }
                None => { p.muted { (chrome.t("banner-none")) } }
            }
            form.stack method="post" action={ "/groups/" (slug) "/banner" } enctype="multipart/form-data" {
                (csrf_input(chrome))
                (picture_field(chrome, ("banner", "banner"), chrome.t("banner-file"), errors))
                div.actions { button type="submit" { (chrome.t("banner-upload")) } }
            }
            @if banner.is_some() {
                form method="post" action={ "/groups/" (slug) "/banner/delete" } {
                    (csrf_input(chrome))
                    button.secondary type="submit" { (chrome.t("banner-remove")) }
                }
            }
            p { a href={ "/groups/" (slug) "/sponsors" } { (chrome.t("sponsors-manage")) } }
        }
    }
}

/// The banner at the top of the group page.
pub fn group_banner(path: &str) -> Markup {
    html! { img.banner src=(path) alt=""; }
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct SponsorForm {
    pub name: String,
    pub url: String,
}

/// The organisers' page of the group's sponsors: each with its logo, a form to change it and a
/// form to add one.
pub fn sponsors_page(
    chrome: &Chrome,
    group_name: &str,
    slug: &str,
    sponsors: &[SponsorItem],
    form: &SponsorForm,
    errors: &FormErrors,
    logo_errors: Option<(&str, &FormErrors)>,
) -> Markup {
    let title = chrome.t("sponsors-title");
    let base = format!("/groups/{slug}/sponsors");
    layout(
        chrome,
        title,
        html! {
            p.meta { a href={ "/groups/" (slug) } { "← " (group_name) } }
            div.card.narrow {
                h1 { (title) }
                p { (chrome.t("sponsors-help")) }
                @if sponsors.is_empty() {
                    p.muted { (chrome.t("sponsors-none")) }
                }
            }
            @for s in sponsors {
                @let no_errors = FormErrors::default();
                @let errors_here = match logo_errors { Some((id, e)) if id == s.id => e, _ => &no_errors };
                section.card.narrow aria-labelledby={ "sponsor-" (s.id) } {
                    h2 id={ "sponsor-" (s.id) } { (s.name) }
                    @if let Some(logo) = &s.logo { img.logo src=(logo) alt=(tf(chrome.lang, "sponsors-logo_of", &[("name", &s.name)])); }
                    form.stack method="post" action={ (base) "/" (s.id) } {
                        (csrf_input(chrome))
                        div.field {
                            label for={ "name-" (s.id) } { (chrome.t("sponsors-name")) }
                            input id={ "name-" (s.id) } type="text" name="name" value=(s.name) required;
                        }
                        div.field {
                            label for={ "url-" (s.id) } { (chrome.t("sponsors-url")) }
                            input id={ "url-" (s.id) } type="url" name="url" value=(s.url.as_deref().unwrap_or_default());
                        }
                        div.actions { button type="submit" { (chrome.t("sponsors-save")) } }
                    }
                    form.stack method="post" action={ (base) "/" (s.id) "/logo" } enctype="multipart/form-data" {
                        (csrf_input(chrome))
                        (picture_field(chrome, (&format!("logo-{}", s.id), "logo"), &tf(chrome.lang, "sponsors-logo_for", &[("name", &s.name)]), errors_here))
                        div.actions { button.secondary type="submit" { (chrome.t("sponsors-logo_upload")) } }
                    }
                    form method="post" action={ (base) "/" (s.id) "/delete" } {
                        (csrf_input(chrome))
                        button.secondary type="submit" aria-label=(tf(chrome.lang, "sponsors-delete_named", &[("name", &s.name)])) { (chrome.t("sponsors-delete")) }
                    }
                }
            }
            section.card.narrow aria-labelledby="sponsor-new" {
                h2 #sponsor-new { (chrome.t("sponsors-add")) }
                (error_summary(chrome, errors))
                form.stack method="post" action=(base) novalidate {
                    (csrf_input(chrome))
                    (Field::new("name", chrome.t("sponsors-name"), &form.name).required().render(errors))
                    (Field::new("url", chrome.t("sponsors-url"), &form.url).kind("url").render(errors))
                    div.actions { button type="submit" { (chrome.t("sponsors-add_submit")) } }
                }
            }
        },
    )
}

/// One sponsor the meetup edit page offers, with the role it has at the meetup (if named).
pub struct SponsorChoice {
    pub id: String,
    pub name: String,
    pub role: Option<SponsorRole>,
}

/// The organisers' choice of a meetup's hosts and sponsors: a role (or none) for each of the
/// group's sponsors.
pub fn meetup_sponsors_page(
    chrome: &Chrome,
    meetup_title: &str,
    meetup_path: &str,
    group_sponsors_path: &str,
    choices: &[SponsorChoice],
    errors: &FormErrors,
) -> Markup {
    let title = tf(
        chrome.lang,
        "sponsors-meetup_title",
        &[("title", &meetup_title)],
    );
    layout(
        chrome,
        &title,
        html! {
            p.meta { a href=(meetup_path) { "← " (meetup_title) } }
            div.card.narrow {
                h1 { (title) }
                (error_summary(chrome, errors))
                @if choices.is_empty() {
                    p.muted { (chrome.t("sponsors-none")) }
                } @else {
                    form.stack #sponsors method="post" action={ (meetup_path) "/sponsors" } {
                        (csrf_input(chrome))
                        @for c in choices {
                            div.field {
                                label for={ "role-" (c.id) } { (c.name) }
                                select id={ "role-" (c.id) } name={ "role-" (c.id) } {
                                    option value="" selected[c.role.is_none()] { (chrome.t("sponsors-role-none")) }
                                    @for role in SponsorRole::ALL {
                                        option value=(role.as_str()) selected[c.role == Some(role)] { (chrome.t(role.label_key())) }
                                    }
                                }
                            }
                        }
                        div.actions { button type="submit" { (chrome.t("sponsors-save")) } }
                    }
                }
                p { a href=(group_sponsors_path) { (chrome.t("sponsors-manage")) } }
            }
        },
    )
}

/// The meetup page's hosts and sponsors: logo, name (linked) and role.
pub fn meetup_sponsors_section(chrome: &Chrome, sponsors: &[(SponsorItem, SponsorRole)]) -> Markup {
    html! {
        @if !sponsors.is_empty() {
            section.card #sponsors aria-labelledby="sponsors-heading" {
                h2 #sponsors-heading { (chrome.t("sponsors-heading")) }
                ul.sponsors {
                    @for (s, role) in sponsors {
                        li {
                            @let inner = html! {
                                @if let Some(logo) = &s.logo { img.logo src=(logo) alt=""; }
                                span.name { (s.name) }
                            };
                            @match &s.url {
                                Some(url) => { a href=(url) rel="nofollow noopener" { (inner) } }
                                None => { (inner) }
                            }
                            " " span.meta { "(" (chrome.t(role.label_key())) ")" }
                        }
                    }
                }
            }
        }
    }
}
