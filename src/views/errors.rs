use maud::{html, Markup};

use super::layout::{layout, message_card};
use super::Chrome;

pub fn error_page(chrome: &Chrome, title: &str, message: &str) -> Markup {
    let body = message_card(
        title,
        message,
        html! { p { a href="/" { (chrome.t("error.back_home")) } } },
    );
    layout(chrome, title, body)
}
