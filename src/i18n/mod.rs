//! French and English message catalogue, and dates written the way each language writes them.

mod catalogue;
mod catalogue_groups;
mod catalogue_mail;
mod catalogue_meetups;
mod catalogue_rsvps;

use chrono::{Datelike, NaiveDateTime, Timelike};

pub use crate::domain::account::Locale as Lang;

/// The text for `key` in `lang`; a missing key shows itself so it is noticed, never panics.
pub fn t(lang: Lang, key: &str) -> &'static str {
    let found = catalogue::lookup(key)
        .or_else(|| catalogue_groups::lookup(key))
        .or_else(|| catalogue_meetups::lookup(key))
        .or_else(|| catalogue_rsvps::lookup(key))
        .or_else(|| catalogue_mail::lookup(key));
    match found {
        Some((fr, en)) => match lang {
            Lang::Fr => fr,
            Lang::En => en,
        },
        None => {
            tracing::warn!(key, "missing message");
            "…"
        }
    }
}

/// A colon as each language writes it: French puts a narrow no-break space before it.
pub fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "\u{202f}: ",
        Lang::En => ": ",
    }
}

/// `t` with `{name}` placeholders replaced.
pub fn tf(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    args.iter()
        .fold(t(lang, key).to_string(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

const DAYS_FR: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];
const DAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// « mardi 3 décembre 2026 » / "Thursday 3 December 2026", from a local wall time.
pub fn long_date(lang: Lang, local: NaiveDateTime) -> String {
    let weekday = local.weekday().num_days_from_monday() as usize;
    let month = local.month0() as usize;
    match lang {
        Lang::Fr => {
            let day = if local.day() == 1 {
                "1er".to_string()
            } else {
                local.day().to_string()
            };
            format!(
                "{} {} {} {}",
                DAYS_FR[weekday],
                day,
                MONTHS_FR[month],
                local.year()
            )
        }
        Lang::En => format!(
            "{} {} {} {}",
            DAYS_EN[weekday],
            local.day(),
            MONTHS_EN[month],
            local.year()
        ),
    }
}

/// 24-hour clock in both languages: « 19:00 » / "19:00".
pub fn time_of_day(local: NaiveDateTime) -> String {
    format!("{:02}:{:02}", local.hour(), local.minute())
}

/// « mardi 3 décembre 2026, 19:00 »
pub fn long_datetime(lang: Lang, local: NaiveDateTime) -> String {
    format!("{}, {}", long_date(lang, local), time_of_day(local))
}

/// « mardi 3 décembre 2026, 19:00 – 21:00 », in local time: the end's date too when it is
/// another day.
pub fn time_span(lang: Lang, start: NaiveDateTime, end: NaiveDateTime) -> String {
    let end_text = if start.date() == end.date() {
        time_of_day(end)
    } else {
        long_datetime(lang, end)
    };
    format!("{} – {end_text}", long_datetime(lang, start))
}

/// Picks the best of our languages from an `Accept-Language` header, honouring q-values.
pub fn from_accept_language(header: &str) -> Option<Lang> {
    let mut best: Option<(f32, Lang)> = None;
    for part in header.split(',') {
        let mut pieces = part.trim().split(';');
        let tag = pieces.next().unwrap_or("").trim();
        let q = pieces
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.parse::<f32>().ok())
            .unwrap_or(1.0);
        let primary = tag.split('-').next().unwrap_or("");
        if let Some(lang) = Lang::parse(primary) {
            if q > 0.0 && best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
    }
    best.map(|(_, l)| l)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn dates_read_naturally() {
        let t = NaiveDate::from_ymd_opt(2026, 12, 3)
            .unwrap()
            .and_hms_opt(19, 0, 0)
            .unwrap();
        assert_eq!(long_datetime(Lang::Fr, t), "jeudi 3 décembre 2026, 19:00");
        assert_eq!(
            long_datetime(Lang::En, t),
            "Thursday 3 December 2026, 19:00"
        );
        let first = NaiveDate::from_ymd_opt(2026, 10, 1)
            .unwrap()
            .and_hms_opt(9, 5, 0)
            .unwrap();
        assert_eq!(
            long_datetime(Lang::Fr, first),
            "jeudi 1er octobre 2026, 09:05"
        );
    }

    #[test]
    fn accept_language_honours_quality() {
        assert_eq!(
            from_accept_language("fr-FR,fr;q=0.9,en;q=0.8"),
            Some(Lang::Fr)
        );
        assert_eq!(
            from_accept_language("de, en;q=0.5, fr;q=0.7"),
            Some(Lang::Fr)
        );
        assert_eq!(from_accept_language("en-GB"), Some(Lang::En));
        assert_eq!(from_accept_language("de"), None);
        assert_eq!(from_accept_language("fr;q=0"), None);
    }

    #[test]
    fn keys_are_unique_across_catalogues() {
        let mut keys: Vec<&str> = [
            catalogue::KEYS,
            catalogue_groups::KEYS,
            catalogue_meetups::KEYS,
            catalogue_rsvps::KEYS,
            catalogue_mail::KEYS,
        ]
        .concat();
        keys.sort_unstable();
        let before = keys.len();
        keys.dedup();
        assert_eq!(before, keys.len(), "a message key is defined twice");
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(tf(Lang::En, "test.hello", &[("name", "Zoë")]), "Hello Zoë");
        assert_eq!(t(Lang::Fr, "no.such.key"), "…");
    }
}
