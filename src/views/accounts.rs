use maud::{html, Markup};
use serde::Deserialize;

use super::components::{csrf_input, error_summary, Field, FormErrors};
use super::layout::layout;
use super::Chrome;
use crate::db::models::User;
use crate::i18n::tf;
use crate::mail::unsubscribe::MailTopic;

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

pub fn register(chrome: &Chrome, form: &RegisterForm, errors: &FormErrors) -> Markup {
    let title = chrome.t("auth.register_title");
    let locales = [("fr", chrome.t("lang.fr")), ("en", chrome.t("lang.en"))];
    layout(
        chrome,
        title,
        html! {
            div.card.narrow {
                h1 { (title) }
                (error_summary(chrome, errors))
                form.stack method="post" action="/register" novalidate {
                    (csrf_input(chrome))
                    (next_input(&form.next))
                    (Field::new("email", chrome.t("auth.email"), &form.email).kind("email").required().autocomplete("email").render(errors))
                    (Field::new("name", chrome.t("auth.name"), &form.name).required().autocomplete("name").render(errors))
                    (Field::new("password", chrome.t("auth.password"), "").kind("password").required().autocomplete("new-password").hint(chrome.t("auth.password_hint")).render(errors))
                    (Field::new("locale", chrome.t("auth.locale"), &form.locale).select(&locales).render(errors))
                    div.actions { button type="submit" { (chrome.t("auth.register_submit")) } }
                }
                p { a href="/login" { (chrome.t("auth.have_account")) } }
            }
        },
    )
}

pub fn login(chrome: &Chrome, form: &LoginForm, errors: &FormErrors) -> Markup {
    let title = chrome.t("auth.login_title");
    layout(
        chrome,
        title,
        html! {
            div.card.narrow {
                h1 { (title) }
                (error_summary(chrome, errors))
                form.stack method="post" action="/login" novalidate {
                    (csrf_input(chrome))
                    (next_input(&form.next))
                    (Field::new("email", chrome.t("auth.email"), &form.email).kind("email").required().autocomplete("email").render(errors))
                    (Field::new("password", chrome.t("auth.password"), "").kind("password").required().autocomplete("current-password").render(errors))
                    div.actions { button type="submit" { (chrome.t("auth.login_submit")) } }
                }
                p { a href=(crate::urls::PASSWORD_RESET_PATH) { (chrome.t("auth.forgot_password")) } }
                p { a href="/register" { (chrome.t("auth.no_account")) } }
            }
        },
    )
}

pub fn logout(chrome: &Chrome) -> Markup {
    let title = chrome.t("auth.logout_title");
    layout(
        chrome,
        title,
        html! {
            div.card.narrow {
                h1 { (title) }
                p { (chrome.t("auth.logout_confirm")) }
                form method="post" action="/logout" {
                    (csrf_input(chrome))
                    button type="submit" { (chrome.t("auth.logout_submit")) }
                }
            }
        },
    )
}

pub fn account(chrome: &Chrome, user: &User, calendar_url: &str) -> Markup {
    let title = chrome.t("account.title");
    layout(
        chrome,
        title,
        html! {
            div.card {
                h1 { (title) }
                p { (tf(chrome.lang, "account.signed_in_as", &[("name", &user.name), ("email", &user.email)])) }
                h2 { (chrome.t("account.calendar")) }
                p { (chrome.t("account.calendar_help")) }
                p { input type="text" readonly value=(calendar_url) aria-label=(chrome.t("account.calendar")) id="calendar-url"; }
                div.actions {
                    a.button href=(calendar_url.replacen("https://", "webcal://", 1).replacen("http://", "webcal://", 1)) { (chrome.t("account.subscribe")) }
                }
            }
            div.card {
                h2 { (chrome.t("account.mail")) }
                form.stack method="post" action="/account/mail" {
                    (csrf_input(chrome))
                    label.checkbox { input type="checkbox" name="reminders" value="on" checked[user.mail_reminders]; (chrome.t("account.mail_reminders")) }
                    label.checkbox { input type="checkbox" name="notices" value="on" checked[user.mail_notices]; (chrome.t("account.mail_notices")) }
                    div.actions { button type="submit" { (chrome.t("account.mail_save")) } }
                }
            }
            div.card {
                h2 { (chrome.t("account.sessions")) }
                p { (chrome.t("account.sessions_help")) }
                form method="post" action="/account/sign-out-everywhere" {
                    (csrf_input(chrome))
                    button.secondary type="submit" { (chrome.t("account.sign_out_everywhere")) }
                }
            }
        },
    )
}

pub fn unsubscribe(chrome: &Chrome, topic: MailTopic, action: &str, done: bool) -> Markup {
    let title = chrome.t("unsubscribe.title");
    let question = match topic {
        MailTopic::Reminders => chrome.t("unsubscribe.confirm.reminders"),
        MailTopic::Notices => chrome.t("unsubscribe.confirm.notices"),
    };
    layout(
        chrome,
        title,
        html! {
            div.card.narrow {
                h1 { (title) }
                @if done {
                    p.flash.ok role="status" { (chrome.t("unsubscribe.done")) }
                } @else {
                    p { (question) }
                    form method="post" action=(action) {
                        button type="submit" { (chrome.t("unsubscribe.submit")) }
                    }
                }
            }
        },
    )
}
