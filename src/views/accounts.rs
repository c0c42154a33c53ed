use maud::{html, Markup};
use serde::Deserialize;

use super::components::{
    csrf_input, error_summary, feed_subscription, placed_flash, Field, FormErrors,
};
use super::groups::MeetupItem;
use super::layout::layout;
use super::Chrome;
use crate::db::models::User;
use crate::domain::message::{NoticeMode, Subscription};
use crate::i18n::{self, colon, tf};
use crate::mail::unsubscribe::MailTopic;
use crate::urls::{login_path, register_path, SignInIntent};

#[derive(Deserialize, Default, Debug)]
#[serde(default)]
pub struct RegisterForm {
    pub email: String,
    pub name: String,
    pub password: String,
    pub locale: String,
    pub next: Option<String>,
}

#[derive(Deserialize, Default, Debug)]
#[serde(default)]
pub struct LoginForm {
    pub email: String,
    pub password: String,
    pub next: Option<String>,
}

fn next_input(next: &Option<String>) -> Markup {
    html! {
        @if let Some(next) = next { input type="hidden" name="next" value=(next); }
    }
}

/// What signing in or up will also do, when the visitor came from "I'm going" or "Join the group".
fn intent_note(chrome: &Chrome, next: &Option<String>) -> Markup {
    let key = match next.as_deref().and_then(SignInIntent::from_next) {
        Some(SignInIntent::Going { .. }) => "auth-intent_going",
        Some(SignInIntent::Join { .. }) => "auth-intent_join",
        None => return html! {},
    };
    html! { p.flash.ok #sign-in-intent { (chrome.t(key)) } }
}

pub fn register(chrome: &Chrome, form: &RegisterForm, errors: &FormErrors) -> Markup {
    let title = chrome.t("auth-register_title");
    let locales = i18n::language_choices();
    layout(
        chrome,
        title,
        html! {
            div.card.narrow {
                h1 { (title) }
                (intent_note(chrome, &form.next))
                (error_summary(chrome, errors))
                form.stack method="post" action="/register" novalidate {
                    (csrf_input(chrome))
                    (next_input(&form.next))
                    (Field::new("email", chrome.t("auth-email"), &form.email).kind("email").required().autocomplete("email").render(errors))
                    (Field::new("name", chrome.t("auth-name"), &form.name).required().autocomplete("name").render(errors))
                    (Field::new("password", chrome.t("auth-password"), "").kind("password").required().autocomplete("new-password").hint(chrome.t("auth-password_hint")).render(errors))
                    (Field::new("locale", chrome.t("auth-locale"), &form.locale).select(&locales).render(errors))
                    div.actions { button type="submit" { (chrome.t("auth-register_submit")) } }
                }
                p { a href=(login_path(form.next.as_deref())) { (chrome.t("auth-have_account")) } }
            }
        },
    )
}

pub fn login(chrome: &Chrome, form: &LoginForm, errors: &FormErrors) -> Markup {
    let title = chrome.t("auth-login_title");
    layout(
        chrome,
        title,
        html! {
            div.card.narrow {
                h1 { (title) }
                (intent_note(chrome, &form.next))
                (error_summary(chrome, errors))
                form.stack method="post" action="/login" novalidate {
                    (csrf_input(chrome))
                    (next_input(&form.next))
                    (Field::new("email", chrome.t("auth-email"), &form.email).kind("email").required().autocomplete("email").render(errors))
                    (Field::new("password", chrome.t("auth-password"), "").kind("password").required().autocomplete("current-password").render(errors))
                    div.actions { button type="submit" { (chrome.t("auth-login_submit")) } }
                }
                p { a href=(crate::urls::PASSWORD_RESET_PATH) { (chrome.t("auth-forgot_password")) } }
                p { a href=(register_path(form.next.as_deref())) { (chrome.t("auth-no_account")) } }
            }
        },
    )
}

pub fn logout(chrome: &Chrome) -> Markup {
    let title = chrome.t("auth-logout_title");
    layout(
        chrome,
        title,
        html! {
            div.card.narrow {
                h1 { (title) }
                p { (chrome.t("auth-logout_confirm")) }
                form method="post" action="/logout" {
                    (csrf_input(chrome))
                    button type="submit" { (chrome.t("auth-logout_submit")) }
                }
            }
        },
    )
}

/// A group on `/account`: where it is, and the role held there.
pub struct MyGroup {
    pub name: String,
    pub slug: String,
    pub path: String,
    pub organiser: bool,
    /// What the member receives from it by mail.
    pub mail: Subscription,
    /// My attendance there over the last twelve months, in words.
    pub attendance: String,
}

/// An upcoming meetup on `/account`, with my answer.
pub struct MyMeetup {
    pub item: MeetupItem,
    pub waitlisted: bool,
}

#[derive(Deserialize, Default, Debug)]
#[serde(default)]
pub struct ProfileForm {
    pub name: String,
    pub locale: String,
    /// The checkbox: `Some("on")` when ticked.
    pub hide_from_lists: Option<String>,
}

pub struct AccountPage<'a> {
    pub user: &'a User,
    pub calendar_url: &'a str,
    pub groups: &'a [MyGroup],
    pub upcoming: &'a [MyMeetup],
    /// As typed, when the profile form comes back with an error.
    pub profile: ProfileForm,
    /// As typed, when the e-mail form comes back with an error.
    pub new_email: String,
    pub errors: FormErrors,
}

/// One group's mail choices on `/account`: announcements and messages for every member, and
/// how organisers hear of proposals and RSVPs.
fn group_mail_form(chrome: &Chrome, g: &MyGroup) -> Markup {
    let modes: Vec<(&str, &str)> = NoticeMode::ALL
        .iter()
        .map(|m| {
            (
                m.as_str(),
                chrome.t(&format!("account-notice_mode-{}", m.as_str())),
            )
        })
        .collect();
    let id = |field: &str| format!("{}-{field}", g.slug);
    html! {
        form.stack method="post" action={ "/account/groups/" (g.slug) "/mail" } id={ "mail-" (g.slug) } {
            (placed_flash(chrome, &format!("mail-{}", g.slug)))
            (csrf_input(chrome))
            fieldset {
                legend { (tf(chrome.lang, "account-group_mail", &[("group", &g.name)])) }
                label.checkbox { input type="checkbox" name="announcements" value="on" checked[g.mail.announcements]; (chrome.t("account-group_announcements")) }
                label.checkbox { input type="checkbox" name="messages" value="on" checked[g.mail.messages]; (chrome.t("account-group_messages")) }
                label.checkbox { input type="checkbox" name="follow_ups" value="on" checked[g.mail.follow_ups]; (chrome.t("account-group_follow_ups")) }
                @if g.organiser {
                    @for (field, label, current) in [
                        ("organiser_notices", chrome.t("account-group_proposal_notices"), g.mail.organiser_notices),
                        ("rsvp_notices", chrome.t("account-group_rsvp_notices"), g.mail.rsvp_notices),
                    ] {
                        div.field {
                            label for=(id(field)) { (label) }
                            select id=(id(field)) name=(field) {
                                @for (value, text) in &modes {
                                    option value=(value) selected[*value == current.as_str()] { (text) }
                                }
                            }
                        }
                    }
                }
                div.actions { button.secondary type="submit" { (tf(chrome.lang, "account-group_mail_save", &[("group", &g.name)])) } }
            }
        }
    }
}

pub fn account(chrome: &Chrome, p: &AccountPage) -> Markup {
    let title = chrome.t("account-title");
    let user = p.user;
    let locales = i18n::language_choices();
    layout(
        chrome,
        title,
        html! {
            div.card {
                h1 { (title) }
                p { (tf(chrome.lang, "account-signed_in_as", &[("name", &user.name), ("email", &user.email)])) }
                (error_summary(chrome, &p.errors))
                h2 { (chrome.t("account-upcoming")) }
                @if p.upcoming.is_empty() {
                    p { (chrome.t("account-no_upcoming")) }
                } @else {
                    ul.list {
                        @for m in p.upcoming {
                            li {
                                a href=(m.item.path) { (m.item.title) }
                                " · " (m.item.when)
                                @if let Some(group) = &m.item.group_name { " · " (group) }
                                @if m.waitlisted { " " span.badge { (chrome.t("account-waitlisted")) } }
                            }
                        }
                    }
                }
                h2 { (chrome.t("account-groups")) }
                @if p.groups.is_empty() {
                    p { (chrome.t("account-no_groups")) }
                } @else {
                    ul.list {
                        @for g in p.groups {
                            li.split {
                                span {
                                    a href=(g.path) { (g.name) }
                                    @if g.organiser { " " span.badge { (chrome.t("account-organiser")) } }
                                    br;
                                    span.muted.attendance { (chrome.t("attendance-title")) (colon(chrome.lang)) (g.attendance) }
                                }
                                form method="post" action={ (g.path) "/leave" } {
                                    (csrf_input(chrome))
                                    button.secondary type="submit" aria-label=(tf(chrome.lang, "account-leave_group", &[("group", &g.name)])) { (chrome.t("account-leave")) }
                                }
                            }
                        }
                    }
                }
            }
            div.card {
                h2 { (chrome.t("account-profile")) }
                form.stack method="post" action="/account/profile" novalidate {
                    (csrf_input(chrome))
                    (Field::new("name", chrome.t("auth-name"), &p.profile.name).required().autocomplete("name").render(&p.errors))
                    (Field::new("locale", chrome.t("account-locale"), &p.profile.locale).select(&locales).render(&p.errors))
                    label.checkbox { input type="checkbox" name="hide_from_lists" value="on" checked[p.profile.hide_from_lists.is_some()]; (chrome.t("account-hide_from_lists")) }
                    div.actions { button type="submit" { (chrome.t("account-profile_save")) } }
                }
            }
            div.card {
                h2 { (chrome.t("account-email")) }
                p { (chrome.t("account-email_help")) }
                form.stack method="post" action="/account/email" novalidate {
                    (csrf_input(chrome))
                    (Field::new("email", chrome.t("account-new_email"), &p.new_email).kind("email").required().autocomplete("email").render(&p.errors))
                    (Field::new("email_password", chrome.t("account-current_password"), "").kind("password").required().autocomplete("current-password").render(&p.errors))
                    div.actions { button type="submit" { (chrome.t("account-email_save")) } }
                }
            }
            div.card {
                h2 { (chrome.t("account-password")) }
                form.stack method="post" action="/account/password" novalidate {
                    (csrf_input(chrome))
                    (Field::new("current_password", chrome.t("account-current_password"), "").kind("password").required().autocomplete("current-password").render(&p.errors))
                    (Field::new("password", chrome.t("reset-new_password"), "").kind("password").required().autocomplete("new-password").hint(chrome.t("auth-password_hint")).render(&p.errors))
                    div.actions { button type="submit" { (chrome.t("account-password_save")) } }
                }
            }
            div.card #calendar {
                h2 { (chrome.t("account-calendar")) }
                (placed_flash(chrome, "calendar"))
                p { (chrome.t("account-calendar_help")) }
                (feed_subscription(chrome, "calendar-url", p.calendar_url, chrome.t("account-subscribe")))
                p.muted { (chrome.t("account-calendar_rotate_help")) }
                form method="post" action="/account/calendar/rotate" {
                    (csrf_input(chrome))
                    button.secondary type="submit" { (chrome.t("account-calendar_rotate")) }
                }
            }
            div.card #mail {
                h2 { (chrome.t("account-mail")) }
                (placed_flash(chrome, "mail"))
                form.stack method="post" action="/account/mail" {
                    (csrf_input(chrome))
                    label.checkbox { input type="checkbox" name="reminders" value="on" checked[user.mail_reminders]; (chrome.t("account-mail_reminders")) }
                    label.checkbox { input type="checkbox" name="notices" value="on" checked[user.mail_notices]; (chrome.t("account-mail_notices")) }
                    div.actions { button type="submit" { (chrome.t("account-mail_save")) } }
                }
                @for g in p.groups { (group_mail_form(chrome, g)) }
            }
            div.card {
                h2 { (chrome.t("account-data")) }
                p { (chrome.t("account-data_help")) }
                div.actions {
                    a.button.secondary href="/account/export" download { (chrome.t("account-export")) }
                    a.button.danger href="/account/delete" { (chrome.t("account-delete")) }
                }
            }
            div.card {
                h2 { (chrome.t("account-sessions")) }
                p { (chrome.t("account-sessions_help")) }
                form method="post" action="/account/sign-out-everywhere" {
                    (csrf_input(chrome))
                    button.secondary type="submit" { (chrome.t("account-sign_out_everywhere")) }
                }
            }
        },
    )
}

/// "Delete my account?", with the password as confirmation.
pub fn delete_account(chrome: &Chrome, errors: &FormErrors) -> Markup {
    let title = chrome.t("account-delete_title");
    layout(
        chrome,
        title,
        html! {
            div.card.narrow {
                h1 { (title) }
                (error_summary(chrome, errors))
                p { (chrome.t("account-delete_text")) }
                form.stack method="post" action="/account/delete" novalidate {
                    (csrf_input(chrome))
                    (Field::new("password", chrome.t("auth-password"), "").kind("password").required().autocomplete("current-password").render(errors))
                    div.actions {
                        button.danger type="submit" { (chrome.t("account-delete_confirm")) }
                        a href="/account" { (chrome.t("account-delete_back")) }
                    }
                }
            }
        },
    )
}

/// The mailed link's page: what the address will be, and a button (opening changes nothing).
pub fn email_change(chrome: &Chrome, email: &str, action: &str) -> Markup {
    let title = chrome.t("account-email_confirm_title");
    layout(
        chrome,
        title,
        html! {
            div.card.narrow {
                h1 { (title) }
                p { (tf(chrome.lang, "account-email_confirm_text", &[("email", &email)])) }
                form method="post" action=(action) {
                    (csrf_input(chrome))
                    button type="submit" { (chrome.t("account-email_confirm_submit")) }
                }
            }
        },
    )
}

/// A mailed link used already or too old, with where to go next (`href`, its label).
pub fn link_expired(chrome: &Chrome, href: &str, label: &str) -> Markup {
    let title = chrome.t("reset-expired_title");
    layout(
        chrome,
        title,
        html! {
            div.card.narrow {
                h1 { (title) }
                p { (chrome.t("gone-link_expired")) }
                p { a.button href=(href) { (label) } }
            }
        },
    )
}

pub fn unsubscribe(chrome: &Chrome, topic: &MailTopic, action: &str, done: bool) -> Markup {
    let title = chrome.t("unsubscribe-title");
    let question = match topic {
        MailTopic::Reminders => chrome.t("unsubscribe-confirm-reminders"),
        MailTopic::Notices => chrome.t("unsubscribe-confirm-notices"),
        MailTopic::Announcements(_) => chrome.t("unsubscribe-confirm-announcements"),
        MailTopic::OrganiserNotices(_) => chrome.t("unsubscribe-confirm-organiser_notices"),
        MailTopic::RsvpNotices(_) => chrome.t("unsubscribe-confirm-rsvp_notices"),
        MailTopic::Digest(_) => chrome.t("unsubscribe-confirm-digest"),
        MailTopic::Messages(_) => chrome.t("unsubscribe-confirm-messages"),
        MailTopic::FollowUps(_) => chrome.t("unsubscribe-confirm-follow_ups"),
    };
    layout(
        chrome,
        title,
        html! {
            div.card.narrow {
                h1 { (title) }
                @if done {
                    p.flash.ok role="status" { (chrome.t("unsubscribe-done")) }
                } @else {
                    p { (question) }
                    form method="post" action=(action) {
                        button type="submit" { (chrome.t("unsubscribe-submit")) }
                    }
                }
            }
        },
    )
}
