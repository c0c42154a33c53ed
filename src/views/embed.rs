//! The group's upcoming meetups as a small page for other sites' frames: no site chrome, no
//! script, links opening outside the frame.

use maud::{html, Markup, DOCTYPE};

use super::groups::MeetupItem;
use crate::assets;
use crate::i18n::{t, tf, Lang};
use crate::urls::asset_path;

pub fn embed_page(
    lang: Lang,
    group_name: &str,
    group_url: &str,
    items: &[(MeetupItem, String)],
) -> Markup {
    let css = asset_path("style.css", assets::version());
    let title = tf(lang, "embed-title", &[("group", &group_name)]);
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                link rel="stylesheet" href=(css);
            }
            body.embed {
                main {
                    h1 { a href=(group_url) target="_top" { (title) } }
                    @if items.is_empty() {
                        p.muted { (t(lang, "groups-none_upcoming")) }
                    } @else {
                        ul.list {
                            @for (m, url) in items {
                                li {
                                    a href=(url) target="_top" { strong { (m.title) } }
                                    @match m.seats_left {
                                        Some(0) => { " " span.badge.warn { (t(lang, "groups-full")) } }
                                        Some(n) => { " " span.badge { (tf(lang, "groups-seats_left", &[("n", &n)])) } }
                                        None => {}
                                    }
                                    br;
                                    span.meta {
                                        span.when { (m.when) }
                                        @if let Some(p) = &m.place { " · " (p) }
                                    }
                                }
                            }
                        }
                    }
                    p.meta { a href=(group_url) target="_top" { (t(lang, "embed-all")) } }
                }
            }
        }
    }
}
