use maud::{html, Markup, DOCTYPE};

use super::{Chrome, FlashKind};
use crate::assets;
use crate::i18n::Lang;
use crate::urls::asset_path;

/// `path` with `lang=` set to `lang`, other query parameters kept.
fn with_lang(path: &str, lang: Lang) -> String {
    let (base, query) = path.split_once('?').unwrap_or((path, ""));
    let mut params: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("lang="))
        .collect();
    let pair = format!("lang={}", lang.code());
    params.push(&pair);
    format!("{base}?{}", params.join("&"))
}

/// A one-time message, as the top of a page or a form shows it.
pub fn flash_box(flash: &super::Flash) -> Markup {
    let class = match flash.kind {
        FlashKind::Ok => "flash ok",
        FlashKind::Warn => "flash warn",
        FlashKind::Bad => "flash bad",
    };
    html! { div class=(class) role="status" { (flash.text) } }
}

pub fn layout(chrome: &Chrome, title: &str, body: Markup) -> Markup {
    layout_with_head(chrome, title, html! {}, body)
}

/// What a shared link's preview shows.
pub struct Card<'a> {
    pub title: &'a str,
    /// The group, named after the title ("Apéro Django · DjangAuvergne") unless the page is the
    /// group's own.
    pub group: Option<&'a str>,
    pub description: &'a str,
    /// Absolute URLs of the page and of its preview image.
    pub url: &'a str,
    pub image: &'a str,
    /// The preview image's width and height.
    pub image_size: (u32, u32),
}

/// What a shared link shows (OpenGraph, Twitter cards) and the feeds a page offers.
#[derive(Default)]
pub struct HeadExtras<'a> {
    pub card: Option<Card<'a>>,
    /// (MIME type, title, URL) of each feed.
    pub feeds: Vec<(&'static str, String, String)>,
}

impl HeadExtras<'_> {
    pub fn render(&self, chrome: &Chrome) -> Markup {
        html! {
            @if let Some(card) = &self.card {
                @let title = match card.group {
                    Some(group) => format!("{} · {group}", card.title),
                    None => card.title.to_string(),
                };
                meta name="description" content=(card.description);
                meta property="og:type" content="website";
                meta property="og:site_name" content=(chrome.t("app-name"));
                meta property="og:title" content=(title);
                meta property="og:description" content=(card.description);
                meta property="og:url" content=(card.url);
                meta property="og:image" content=(card.image);
                meta property="og:image:width" content=(card.image_size.0);
                meta property="og:image:height" content=(card.image_size.1);
                meta property="og:image:alt" content=(chrome.t("app-name"));
                meta name="twitter:card" content="summary_large_image";
                meta name="twitter:title" content=(title);
                meta name="twitter:description" content=(card.description);
                meta name="twitter:image" content=(card.image);
            }
            @for (kind, title, url) in &self.feeds {
                link rel="alternate" type=(kind) title=(title) href=(url);
            }
        }
    }
}

/// The page frame with more in its head (see [`HeadExtras`]).
pub fn layout_with_head(chrome: &Chrome, title: &str, head: Markup, body: Markup) -> Markup {
    let v = assets::version();
    let (css, icon) = (asset_path("style.css", v), asset_path("favicon.svg", v));
    html! {
        (DOCTYPE)
        html lang=(chrome.lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · " (chrome.t("app-name")) }
                link rel="stylesheet" href=(css);
                link rel="icon" href=(icon) type="image/svg+xml";
                (head)
            }
            body {
                a.skip href="#main" { (chrome.t("nav-skip")) }
                header.site-header {
                    div.bar {
                        a.brand href="/" {
                            img src=(icon) alt="";
                            (chrome.t("app-name"))
                        }
                        nav.site-nav aria-label=(chrome.t("nav-main")) {
                            @if let Some(name) = chrome.user_name {
                                a href="/account" { (chrome.t("nav-account")) " (" (name) ")" }
                                form method="post" action="/logout" {
                                    input type="hidden" name="csrf_token" value=(chrome.csrf);
                                    button.link type="submit" { (chrome.t("nav-logout")) }
                                }
                            } @else {
                                a href="/login" { (chrome.t("nav-login")) }
                                a href="/register" { (chrome.t("nav-register")) }
                            }
                            span.lang-switch role="group" aria-label=(chrome.t("nav-language")) {
                                @for &lang in Lang::ALL {
                                    @if lang == chrome.lang {
                                        a href=(with_lang(chrome.path, lang)) lang=(lang.code()) aria-current="true" { (lang.code().to_uppercase()) }
                                    } @else {
                                        a href=(with_lang(chrome.path, lang)) lang=(lang.code()) hreflang=(lang.code()) { (lang.code().to_uppercase()) }
                                    }
                                }
                            }
                        }
                    }
                }
                main #main tabindex="-1" {
                    @if let Some(flash) = chrome.flash.filter(|f| f.anchor.is_none()) {
                        (flash_box(flash))
                    }
                    (body)
                }
                footer.site-footer {
                    p { (chrome.t("footer-text")) }
                }
            }
        }
    }
}

/// A page body that is just a card with a heading and a message (errors, confirmations).
pub fn message_card(title: &str, message: &str, extra: Markup) -> Markup {
    html! {
        div.card.narrow {
            h1 { (title) }
            p { (message) }
            (extra)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_links_keep_other_parameters() {
        assert_eq!(with_lang("/groups/x", Lang::Fr), "/groups/x?lang=fr");
        assert_eq!(
            with_lang("/groups/x?when=past&lang=en", Lang::Fr),
            "/groups/x?when=past&lang=fr"
        );
    }
}
