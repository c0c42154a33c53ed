//! VTIMEZONE components from chrono-tz: one observance per offset change in the years covered.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use chrono::{Duration, NaiveDate, NaiveDateTime, Offset, TimeZone};
use chrono_tz::{OffsetComponents, OffsetName, Tz};
use ics::components::{Component, Property};

#[derive(Debug, Clone, PartialEq, Eq)]
struct Observance {
    daylight: bool,
    /// Wall-clock time of the change, in the offset in force before it.
    local_start: NaiveDateTime,
    from: i32,
    to: i32,
    name: String,
}

#[derive(Clone, PartialEq, Eq)]
struct OffsetAt {
    seconds: i32,
    daylight: bool,
    name: String,
}

fn offset_at(tz: Tz, utc: NaiveDateTime) -> OffsetAt {
    let offset = tz.offset_from_utc_datetime(&utc);
    OffsetAt {
        seconds: offset.fix().local_minus_utc(),
        daylight: !offset.dst_offset().is_zero(),
        name: offset.abbreviation().unwrap_or("").to_string(),
    }
}

fn year_start(year: i32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(year, 1, 1)
        .unwrap_or_default()
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
}

/// Offset changes from the start of `first - 1` to the end of `last`, found day by day and then
/// to the second by bisection; no zone changes offset twice in a day.
fn observances(tz: Tz, first: i32, last: i32) -> Vec<Observance> {
    let start = year_start(first - 1);
    let end = year_start(last + 1);
    let mut current = offset_at(tz, start);
    let mut list = vec![Observance {
        daylight: current.daylight,
        local_start: start + Duration::seconds(i64::from(current.seconds)),
        from: current.seconds,
        to: current.seconds,
        name: current.name.clone(),
    }];
    let mut day = start;
    while day < end {
        let next = day + Duration::days(1);
        let after = offset_at(tz, next);
        if after != current {
            let (mut lo, mut hi) = (0i64, 86_400i64);
            while hi - lo > 1 {
                let mid = (lo + hi) / 2;
                if offset_at(tz, day + Duration::seconds(mid)) == current {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let hi = day + Duration::seconds(hi);
            let changed = offset_at(tz, hi);
            list.push(Observance {
                daylight: changed.daylight,
                local_start: hi + Duration::seconds(i64::from(current.seconds)),
                from: current.seconds,
                to: changed.seconds,
                name: changed.name.clone(),
            });
            current = changed;
        }
        day = next;
    }
    if list.len() == 1 {
        // A zone without changes: one observance from 1970 says it all.
        list[0].local_start = year_start(1970);
    }
    list
}

/// Observances are cached: a feed polled every hour must not redo the search.
fn cached_observances(tz: Tz, first: i32, last: i32) -> Vec<Observance> {
    type Cache = Mutex<HashMap<(Tz, i32, i32), Vec<Observance>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(hit) = cache
        .lock()
        .ok()
        .and_then(|c| c.get(&(tz, first, last)).cloned())
    {
        return hit;
    }
    let list = observances(tz, first, last);
    if let Ok(mut c) = cache.lock() {
        c.insert((tz, first, last), list.clone());
    }
    list
}

fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.abs();
    let (h, m, sec) = (s / 3600, s % 3600 / 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

pub fn vtimezone(tz: Tz, first_year: i32, last_year: i32) -> Component<'static> {
    let mut zone = Component::new("VTIMEZONE");
    zone.add_property(Property::new("TZID", tz.name()));
    for o in cached_observances(tz, first_year, last_year) {
        let mut part = Component::new(if o.daylight { "DAYLIGHT" } else { "STANDARD" });
        part.add_property(Property::new(
            "DTSTART",
            o.local_start.format("%Y%m%dT%H%M%S").to_string(),
        ));
        if !o.name.is_empty() {
            part.add_property(Property::new("TZNAME", super::text(&o.name)));
        }
        part.add_property(Property::new("TZOFFSETFROM", utc_offset(o.from)));
        part.add_property(Property::new("TZOFFSETTO", utc_offset(o.to)));
        zone.add_component(part);
    }
    zone
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paris_2026_changes_on_the_right_days() {
        let list = observances(chrono_tz::Europe::Paris, 2026, 2026);
        let in_2026: Vec<_> = list
            .iter()
            .filter(|o| o.local_start.format("%Y").to_string() == "2026")
            .collect();
        assert_eq!(in_2026.len(), 2);
        assert_eq!(in_2026[0].local_start.to_string(), "2026-03-29 02:00:00");
        assert_eq!(
            (in_2026[0].from, in_2026[0].to, in_2026[0].daylight),
            (3600, 7200, true)
        );
        assert_eq!(in_2026[0].name, "CEST");
        assert_eq!(in_2026[1].local_start.to_string(), "2026-10-25 03:00:00");
        assert_eq!(
            (in_2026[1].from, in_2026[1].to, in_2026[1].daylight),
            (7200, 3600, false)
        );
    }

    #[test]
    fn southern_hemisphere_and_fixed_zones() {
        let sydney = observances(chrono_tz::Australia::Sydney, 2026, 2026);
        let dst_starts = sydney
            .iter()
            .find(|o| o.daylight && o.local_start.format("%Y").to_string() == "2026")
            .unwrap();
        assert_eq!(dst_starts.local_start.to_string(), "2026-10-04 02:00:00");
        assert_eq!(utc_offset(dst_starts.to), "+1100");
        let kolkata = observances(chrono_tz::Asia::Kolkata, 2026, 2026);
        assert_eq!(kolkata.len(), 1);
        assert_eq!(utc_offset(kolkata[0].to), "+0530");
        assert_eq!(observances(chrono_tz::UTC, 2026, 2030).len(), 1);
        let ny = observances(chrono_tz::America::New_York, 2026, 2026);
        assert!(ny
            .iter()
            .any(|o| o.local_start.to_string() == "2026-03-08 02:00:00"));
    }
}
