//! The static site `rendezvous export-site` writes: an index, one page a report, with relative
//! links, ready for any static host.

use maud::{html, Markup, PreEscaped, DOCTYPE};

use crate::db::models::{Group, Meetup, Report};
use crate::reports::publish::local_day;
use crate::reports::render_markdown;

pub fn page(title: &str, css: &str, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                link rel="stylesheet" href=(css);
            }
            body { main { (body) } }
        }
    }
    .into_string()
}

/// The page of one report (at `reports/{slug}.html`).
pub fn report_page(group: &Group, report: &Report, meetup: &Meetup) -> String {
    let day = local_day(meetup, group);
    let body = html! {
        p { a href="../index.html" { "← " (group.name) } }
        article {
            h1 { (report.title) }
            p { time datetime=(day) { (day) } }
            (PreEscaped(render_markdown(&report.body_markdown)))
        }
    };
    page(&report.title, "../assets/style.css", body)
}

/// The index of the group's reports, newest first.
pub fn index_page(group: &Group, list: &[(Report, Meetup)]) -> String {
    let index = html! {
        h1 { (group.name) }
        ul {
            @for (report, meetup) in list {
                li { a href={ "reports/" (report.slug) ".html" } { (report.title) } " — " (local_day(meetup, group)) }
            }
        }
        p { a href="feed.atom" { "Atom" } }
    };
    page(&group.name, "assets/style.css", index)
}
