//! The show-rate page: a table of each meetup's figures, a bar chart of seats taken and people
//! who came (inline SVG, no script), and the same as CSV.

use maud::{html, Markup};

use super::components::{error_summary, Field, FormErrors};
use super::layout::layout;
use super::Chrome;
use crate::i18n::tf;

/// One meetup's line, formatted for the reader.
pub struct StatsLine {
    pub title: String,
    pub path: String,
    pub when: String,
    pub going: i64,
    pub checked_in: i64,
    /// "50 %", or a dash without check-in.
    pub show_rate: String,
    pub first_timers: i64,
    pub returning: i64,
    pub waitlist: i64,
    pub released: i64,
    pub promoted: i64,
}

pub struct StatsView<'a> {
    pub group_path: &'a str,
    pub group_name: &'a str,
    pub from: &'a str,
    pub to: &'a str,
    pub csv_url: &'a str,
    pub lines: &'a [StatsLine],
}

/// The rate as people read it: "57 %" (with French spacing), "—" when unknown.
pub fn rate_text(chrome: &Chrome, rate: Option<f64>) -> String {
    match rate {
        Some(r) => tf(
            chrome.lang,
            "stats-rate",
            &[("rate", &format!("{:.0}", r * 100.0))],
        ),
        None => "—".to_string(),
    }
}

pub fn stats_page(chrome: &Chrome, v: &StatsView, errors: &FormErrors) -> Markup {
    let title = chrome.t("stats-title");
    let columns = [
        "stats-going",
        "stats-checked_in",
        "stats-show_rate",
        "stats-first_timers",
        "stats-returning",
        "stats-waitlist",
        "stats-released",
        "stats-promoted",
    ];
    layout(
        chrome,
        title,
        html! {
            p.meta { a href=(v.group_path) { "← " (v.group_name) } }
            div.card {
                h1 { (title) }
                p { (chrome.t("stats-help")) }
                (error_summary(chrome, errors))
                form.stats-range method="get" action={ (v.group_path) "/stats" } {
                    (Field::new("from", chrome.t("stats-from"), v.from).kind("date").render(errors))
                    (Field::new("to", chrome.t("stats-to"), v.to).kind("date").render(errors))
                    div.actions { button type="submit" { (chrome.t("stats-show")) } }
                }
                @if v.lines.is_empty() {
                    p.muted { (chrome.t("stats-none")) }
                } @else {
                    (chart(chrome, v.lines))
                    div.table-scroll tabindex="0" role="region" aria-labelledby="figures-caption" {
                        table.data.figures {
                            caption #figures-caption { (chrome.t("stats-caption")) }
                            thead { tr {
                                th scope="col" { (chrome.t("stats-meetup")) }
                                @for key in columns { th scope="col" { (chrome.t(key)) } }
                            } }
                            tbody {
                                @for l in v.lines {
                                    tr {
                                        th scope="row" { a href=(l.path) { (l.title) } br; span.muted { (l.when) } }
                                        td { (l.going) }
                                        td { (l.checked_in) }
                                        td { (l.show_rate) }
                                        td { (l.first_timers) }
                                        td { (l.returning) }
                                        td { (l.waitlist) }
                                        td { (l.released) }
                                        td { (l.promoted) }
                                    }
                                }
                            }
                        }
                    }
                }
                p { a href=(v.csv_url) download { (chrome.t("stats-csv")) } }
            }
        },
    )
}

/// Seats taken at the start and people who came, one pair of bars per meetup, scaled to the
/// largest; the table above says the same in numbers.
fn chart(chrome: &Chrome, lines: &[StatsLine]) -> Markup {
    const ROW: i64 = 28;
    const WIDTH: i64 = 600;
    let most = lines.iter().map(|l| l.going).max().unwrap_or(0).max(1);
    let bar = |n: i64| n * WIDTH / most;
    let height = ROW * lines.len() as i64 + 24;
    html! {
        figure.stats-chart {
            svg viewBox={ "0 0 " (WIDTH) " " (height) } width="100%" role="img" aria-labelledby="figures-chart" {
                title #figures-chart { (chrome.t("stats-chart")) }
                @for (i, l) in lines.iter().enumerate() {
                    @let y = i as i64 * ROW;
                    g {
                        title { (l.title) " — " (l.when) ": " (l.checked_in) " / " (l.going) }
                        rect x="0" y=(y) width=(bar(l.going)) height="20" fill="#d9dee8" {}
                        rect x="0" y=(y + 4) width=(bar(l.checked_in)) height="12" fill="#1d4ed8" {}
                    }
                }
                rect x="0" y=(height - 16) width="12" height="12" fill="#d9dee8" {}
                text x="18" y=(height - 6) font-size="13" fill="#1f2430" { (chrome.t("stats-going")) }
                rect x="220" y=(height - 16) width="12" height="12" fill="#1d4ed8" {}
                text x="238" y=(height - 6) font-size="13" fill="#1f2430" { (chrome.t("stats-checked_in")) }
            }
        }
    }
}

/// The figures as CSV (RFC 4180, a header row first), one row per meetup; the header names
/// the API's fields, whatever the reader's language.
pub fn stats_csv(rows: &[[String; 11]]) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    // Writing to memory cannot fail.
    let _ = out.write_record(STATS_CSV_HEADER);
    for row in rows {
        let _ = out.write_record(row);
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

pub const STATS_CSV_HEADER: [&str; 11] = [
    "meetup_id",
    "title",
    "starts_at",
    "going",
    "checked_in",
    "show_rate",
    "first_timers",
    "returning",
    "waitlist",
    "released",
    "promoted",
];
