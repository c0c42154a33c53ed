//! Messages from the Fluent catalogues under `locales/<language>/*.ftl`, embedded in the binary
//! at build time, and dates written the way each language writes them.

use std::{borrow::Cow, collections::HashMap, sync::LazyLock};

use chrono::{Datelike, NaiveDateTime, Timelike};

use crate::domain::series::{pattern, Pattern};
use fluent_bundle::{concurrent::FluentBundle, FluentArgs, FluentResource, FluentValue};
use fluent_langneg::{negotiate_languages, NegotiationStrategy};
use fluent_syntax::ast::Entry;
use intl_memoizer::{concurrent::IntlLangMemoizer, Memoizable};
use pure_rust_locales::locale_match;
use unic_langid::LanguageIdentifier;

pub use crate::domain::account::Locale as Lang;
pub use sponsors::sponsor_thanks;
pub use talks::{link_kind_label, link_label, programme_lines, programme_text};

mod sponsors;
mod talks;

#[cfg(test)]
mod tests;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/locales.rs"));
}

/// A message argument: text is shown as is, a count also picks the language's plural form.
pub trait MessageArg {
    fn fluent(&self) -> FluentValue<'_>;
}

impl MessageArg for &str {
    fn fluent(&self) -> FluentValue<'_> {
        FluentValue::String(Cow::Borrowed(self))
    }
}

impl MessageArg for String {
    fn fluent(&self) -> FluentValue<'_> {
        FluentValue::String(Cow::Borrowed(self))
    }
}

macro_rules! counts {
    ($($t:ty),+) => {$(
        impl MessageArg for $t {
            fn fluent(&self) -> FluentValue<'_> {
                FluentValue::from(*self)
            }
        }
    )+};
}
counts!(i32, i64, u32, u64, usize);

/// An argument kept until its message is written, as a mail's are.
#[derive(Debug, Clone)]
pub enum Value {
    Text(String),
    Count(i64),
}

impl MessageArg for Value {
    fn fluent(&self) -> FluentValue<'_> {
        match self {
            Value::Text(text) => text.fluent(),
            Value::Count(n) => n.fluent(),
        }
    }
}

impl From<String> for Value {
    fn from(text: String) -> Self {
        Value::Text(text)
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Self {
        Value::Count(n)
    }
}

/// A message's arguments by name.
pub type Args<'a> = [(&'a str, &'a dyn MessageArg)];

struct Catalogue {
    bundle: FluentBundle<FluentResource>,
    /// The messages that take no argument, formatted once: most lookups are these.
    plain: HashMap<String, String>,
}

static CATALOGUES: LazyLock<Vec<Catalogue>> =
    LazyLock::new(|| Lang::ALL.iter().map(|lang| load(*lang)).collect());

fn load(lang: Lang) -> Catalogue {
    let id: LanguageIdentifier = lang
        .code()
        .parse()
        .expect("a language code is a language tag");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Unicode isolation marks would end up in mails, attributes and feeds.
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(group_digits));
    let mut ids = Vec::new();
    for (_, file, text) in embedded::FILES.iter().filter(|f| f.0 == lang.code()) {
        let resource =
            FluentResource::try_new(text.to_string()).expect("build.rs checked the syntax");
        ids.extend(resource.entries().filter_map(|entry| match entry {
            Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        }));
        if let Err(errors) = bundle.add_resource(resource) {
            panic!("locales/{}/{file}: {errors:?}", lang.code());
        }
    }
    let plain = ids
        .iter()
        .filter_map(|id| {
            let pattern = bundle.get_message(id)?.value()?;
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, None, &mut errors);
            errors.is_empty().then(|| (id.clone(), text.into_owned()))
        })
        .collect();
    Catalogue { bundle, plain }
}

/// A language's thousands separator, from its locale data.
struct DigitGroups(&'static str);

impl Memoizable for DigitGroups {
    type Args = ();
    type Error = ();

    fn construct(id: LanguageIdentifier, _: ()) -> Result<Self, ()> {
        let locale = Lang::parse(id.language.as_str()).ok_or(())?.locale_data();
        Ok(DigitGroups(
            locale_match!(locale => LC_NUMERIC::THOUSANDS_SEP),
        ))
    }
}

/// Whole numbers from 1,000 up in groups of three, as the language separates them: « 1 000 »,
/// "1,000". Fluent formats the rest.
fn group_digits(value: &FluentValue, memoizer: &IntlLangMemoizer) -> Option<String> {
    let FluentValue::Number(number) = value else {
        return None;
    };
    let n = number.value;
    if n.fract() != 0.0 || n.abs() < 1000.0 || n.abs() > 1e15 {
        return None;
    }
    let digits = (n.abs() as u64).to_string();
    let separator = memoizer
        .with_try_get::<DigitGroups, _, _>((), |groups| groups.0)
        .ok()?;
    let mut text = String::from(if n < 0.0 { "-" } else { "" });
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            text.push_str(separator);
        }
        text.push(digit);
    }
    Some(text)
}

fn catalogue(lang: Lang) -> &'static Catalogue {
    &CATALOGUES[lang as usize]
}

/// Loads every catalogue now, so a duplicate id stops the server at start rather than on the
/// first page that needs the language.
pub fn load_all() {
    LazyLock::force(&CATALOGUES);
}

/// The message `id` in `lang`, falling back to the default language; a missing message shows
/// "…" (and is logged) rather than failing the page. The catalogue tests keep that from happening.
pub fn t(lang: Lang, id: &str) -> &'static str {
    [lang, Lang::default()]
        .into_iter()
        .find_map(|l| catalogue(l).plain.get(id))
        .map_or_else(
            || {
                tracing::warn!(id, lang = lang.code(), "missing message");
                "…"
            },
            String::as_str,
        )
}

/// The message `id` in `lang` with its arguments: counts choose the language's plural form.
pub fn tf(lang: Lang, id: &str, args: &Args) -> String {
    let mut values = FluentArgs::with_capacity(args.len());
    for (name, arg) in args {
        values.set(*name, arg.fluent());
    }
    for l in [lang, Lang::default()] {
        let bundle = &catalogue(l).bundle;
        if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(&values), &mut errors);
            if !errors.is_empty() {
                tracing::warn!(
                    id,
                    lang = l.code(),
                    ?errors,
                    "message formatted with errors"
                );
            }
            return text.into_owned();
        }
    }
    tracing::warn!(id, lang = lang.code(), "missing message");
    "…".to_string()
}

/// Every language as a menu offers it: its code, and its name in itself ("Français").
pub fn language_choices() -> Vec<(&'static str, &'static str)> {
    Lang::ALL
        .iter()
        .map(|&l| (l.code(), t(l, "language-name")))
        .collect()
}

/// What goes between a label and its value: « Quand : », "When: ".
pub fn colon(lang: Lang) -> &'static str {
    t(lang, "colon")
}

/// « jeudi 3 décembre 2026 » / "Thursday 3 December 2026", from a local wall time: the names
/// come from the locale's data, their order from the catalogue.
pub fn long_date(lang: Lang, local: NaiveDateTime) -> String {
    let date = local.date();
    let weekday = date.format_localized("%A", lang.locale_data()).to_string();
    let month = date.format_localized("%B", lang.locale_data()).to_string();
    let year = local.year().to_string();
    tf(
        lang,
        "date-long",
        &[
            ("weekday", &weekday),
            ("day", &local.day()),
            ("month", &month),
            ("year", &year),
        ],
    )
}

/// The time of day as the language writes it: « 19:00 ».
pub fn time_of_day(lang: Lang, local: NaiveDateTime) -> String {
    tf(
        lang,
        "date-time_of_day",
        &[
            ("hour", &format!("{:02}", local.hour())),
            ("minute", &format!("{:02}", local.minute())),
        ],
    )
}

/// « jeudi 3 décembre 2026, 19:00 »
pub fn long_datetime(lang: Lang, local: NaiveDateTime) -> String {
    tf(
        lang,
        "date-with_time",
        &[
            ("date", &long_date(lang, local)),
            ("time", &time_of_day(lang, local)),
        ],
    )
}

/// « jeudi 3 décembre 2026, 19:00 – 21:00 », in local time: the end's date too when it is
/// another day.
pub fn time_span(lang: Lang, start: NaiveDateTime, end: NaiveDateTime) -> String {
    let end_text = if start.date() == end.date() {
        time_of_day(lang, end)
    } else {
        long_datetime(lang, end)
    };
    tf(
        lang,
        "date-span",
        &[("start", &long_datetime(lang, start)), ("end", &end_text)],
    )
}

/// A series' rule as a person says it: « le deuxième mardi du mois à 19:00 », "every second
/// Tuesday of the month at 19:00"; a rule of another shape is named as written.
pub fn rule_in_words(lang: Lang, rule: &str, dtstart: NaiveDateTime) -> String {
    let time = time_of_day(lang, dtstart);
    let day_name = |day: chrono::Weekday| {
        chrono::NaiveDate::from_isoywd_opt(2024, 1, day)
            .expect("week 1 of 2024 has every day")
            .format_localized("%A", lang.locale_data())
            .to_string()
    };
    match pattern(rule, dtstart) {
        Pattern::Daily { interval } => tf(
            lang,
            "series-every_day",
            &[("interval", &interval), ("time", &time)],
        ),
        Pattern::Weekly { interval, days } => {
            let mut names: Vec<String> = days.into_iter().map(day_name).collect();
            let last = names.pop().unwrap_or_default();
            let days = if names.is_empty() {
                last
            } else {
                format!("{} {} {last}", names.join(", "), t(lang, "series-and"))
            };
            tf(
                lang,
                "series-every_week",
                &[("interval", &interval), ("days", &days), ("time", &time)],
            )
        }
        Pattern::MonthlyNth { nth, day } => tf(
            lang,
            "series-every_month_nth",
            &[("nth", &nth), ("day", &day_name(day)), ("time", &time)],
        ),
        Pattern::MonthlyDay { day } => tf(
            lang,
            "series-every_month_day",
            &[("day", &day), ("time", &time)],
        ),
        Pattern::Other => tf(lang, "series-by_rule", &[("rule", &rule)]),
    }
}

/// The best of our languages for an `Accept-Language` header: tags in order of their q-values,
/// each matched the Fluent way (`fr-CA` finds `fr`); `None` when none of ours is wanted.
pub fn from_accept_language(header: &str) -> Option<Lang> {
    let mut wanted: Vec<(f32, LanguageIdentifier)> = header
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next()?.trim().parse().ok()?;
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            (q > 0.0).then_some((q, tag))
        })
        .collect();
    wanted.sort_by(|a, b| b.0.total_cmp(&a.0));
    let requested: Vec<LanguageIdentifier> = wanted.into_iter().map(|(_, tag)| tag).collect();
    let available: Vec<LanguageIdentifier> = Lang::ALL
        .iter()
        .map(|l| l.code().parse().expect("a language code is a language tag"))
        .collect();
    let chosen = negotiate_languages(&requested, &available, None, NegotiationStrategy::Filtering);
    chosen
        .first()
        .and_then(|tag| Lang::parse(tag.language.as_str()))
}
