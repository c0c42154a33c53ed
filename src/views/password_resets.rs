//! "Forgot your password?": asking for a link, choosing the new password, an expired link.

use maud::{html, Markup};

use super::components::{csrf_input, error_summary, Field, FormErrors};
use super::layout::layout;
use super::Chrome;
use crate::urls::PASSWORD_RESET_PATH;

/// The form asking for a link; once sent, the same words whether an account exists or not.
pub fn request(chrome: &Chrome, email: &str, errors: &FormErrors, sent: bool) -> Markup {
    let title = chrome.t("reset-title");
    layout(
        chrome,
        title,
        html! {
            div.card.narrow {
                h1 { (title) }
                @if sent {
                    p.flash.ok role="status" { (chrome.t("reset-sent")) }
                    p { a href="/login" { (chrome.t("reset-back_to_login")) } }
                } @else {
                    (error_summary(chrome, errors))
                    p { (chrome.t("reset-request_help")) }
                    form.stack method="post" action=(PASSWORD_RESET_PATH) novalidate {
                        (csrf_input(chrome))
                        (Field::new("email", chrome.t("auth-email"), email).kind("email").required().autocomplete("email").render(errors))
                        div.actions { button type="submit" { (chrome.t("reset-request_submit")) } }
                    }
                }
            }
        },
    )
}

/// The mailed link's page: the new password, nothing spent until it is sent.
pub fn choose(chrome: &Chrome, action: &str, errors: &FormErrors) -> Markup {
    let title = chrome.t("reset-choose_title");
    layout(
        chrome,
        title,
        html! {
            div.card.narrow {
                h1 { (title) }
                (error_summary(chrome, errors))
                form.stack method="post" action=(action) novalidate {
                    (csrf_input(chrome))
                    (Field::new("password", chrome.t("reset-new_password"), "").kind("password").required().autocomplete("new-password").hint(chrome.t("auth-password_hint")).render(errors))
                    div.actions { button type="submit" { (chrome.t("reset-choose_submit")) } }
                }
            }
        },
    )
}
