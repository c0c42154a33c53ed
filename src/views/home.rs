use maud::{html, Markup};

use super::layout::layout;
use super::Chrome;

pub fn home(chrome: &Chrome) -> Markup {
    let title = chrome.t("home.title");
    layout(
        chrome,
        title,
        html! {
            section.card {
                h1 { (chrome.t("app.name")) }
                p.muted { (chrome.t("home.welcome")) }
            }
        },
    )
}
