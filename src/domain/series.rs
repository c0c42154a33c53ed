//! Recurring meetups: an RFC 5545 rule read in the group's time zone, and the template each
//! occurrence is made from. The recurrence itself is the `rrule` crate's.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use rrule::RRuleSet;

use super::group::parse_web_url;
use super::ids::VenueId;
use super::meetup::{title_and_description, MeetupFields, MAX_CAPACITY};
use super::privacy::OnlineUrlVisibility;
use super::{Faults, FieldError};

pub const DEFAULT_HORIZON: i32 = 3;
pub const MAX_HORIZON: i64 = 12;

/// What an organiser sends to start a series.
#[derive(Debug, Default)]
pub struct SeriesInput {
    /// The occurrences' title; `#{n}` becomes their number in the series (`Apéro #{n}`).
    pub title: Option<String>,
    pub description: Option<String>,
    /// An RFC 5545 RRULE, daily to yearly: `FREQ=MONTHLY;BYDAY=2TU`,
    /// `FREQ=WEEKLY;INTERVAL=2;BYDAY=TH`, `FREQ=MONTHLY;BYDAY=-1FR;COUNT=10`.
    pub rule: Option<String>,
    /// Local time of day in the group's time zone: `19:00`.
    pub start_time: Option<String>,
    /// The first day the series may have a meetup (`2027-01-12`); today when left out.
    pub starts_on: Option<String>,
    /// Length of each occurrence (default 120).
    pub duration_minutes: Option<i64>,
    pub venue_id: Option<String>,
    pub capacity: Option<i64>,
    pub online_url: Option<String>,
    /// Who reads the online link: `going` (the default) or `public`.
    pub online_url_visibility: Option<String>,
    /// How long before each start RSVPs close: `4h`, `1d`.
    pub rsvp_deadline_before: Option<String>,
    /// How many occurrences exist ahead at all times (default 3, at most 12).
    pub horizon: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SeriesFields {
    /// When a new series begins (left out: as soon as the rule allows).
    pub starts_on: Option<NaiveDate>,
    pub title: String,
    pub description: String,
    pub rule: String,
    pub start_time: NaiveTime,
    pub duration_minutes: i32,
    pub venue_id: Option<VenueId>,
    pub capacity: Option<i32>,
    pub online_url: Option<String>,
    pub online_url_visibility: OnlineUrlVisibility,
    pub rsvp_deadline_minutes: Option<i32>,
    pub horizon: i32,
}

/// Applies `input` to `base` (None when starting a series) and checks the result as a whole:
/// every field at fault is reported.
pub fn build_series(
    base: Option<&SeriesFields>,
    input: &SeriesInput,
) -> Result<SeriesFields, Vec<FieldError>> {
    let mut faults = Faults::default();
    let (title, description) = title_and_description(
        &mut faults,
        (input.title.as_deref(), input.description.as_deref()),
        base.map(|b| (b.title.as_str(), b.description.as_str())),
    );
    let rule = faults.take(match (&input.rule, base) {
        (Some(r), _) => parse_rule(r),
        (None, Some(b)) => Ok(b.rule.clone()),
        (None, None) => Err(FieldError::new("rule", "error-required")),
    });
    let start_time = faults.take(match (input.start_time.as_deref().map(str::trim), base) {
        (Some(t), _) => NaiveTime::parse_from_str(t, "%H:%M")
            .map_err(|_| FieldError::new("start_time", "error-start_time_invalid")),
        (None, Some(b)) => Ok(b.start_time),
        (None, None) => Err(FieldError::new("start_time", "error-required")),
    });
    let starts_on = faults.take(match input.starts_on.as_deref().map(str::trim) {
        Some(d) if !d.is_empty() => NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| FieldError::new("starts_on", "error-date_invalid")),
        _ => Ok(None),
    });
    let duration_minutes = faults.take(match input.duration_minutes {
        None => Ok(base.map_or(120, |b| b.duration_minutes)),
        Some(m @ 1..=1440) => Ok(m as i32),
        Some(_) => Err(FieldError::new(
            "duration_minutes",
            "error-series_duration_invalid",
        )),
    });
    let capacity = faults.take(match input.capacity {
        None => Ok(base.and_then(|b| b.capacity)),
        Some(c) if (1..=MAX_CAPACITY).contains(&c) => Ok(Some(c as i32)),
        Some(_) => Err(FieldError::new("capacity", "error-capacity_invalid")),
    });
    let online_url = faults.take(match input.online_url.as_deref().map(str::trim) {
        Some(u) if !u.is_empty() => parse_web_url(u, "online_url").map(Some),
        Some(_) => Ok(None),
        None => Ok(base.and_then(|b| b.online_url.clone())),
    });
    let online_url_visibility = faults.take(match input.online_url_visibility.as_deref() {
        Some(v) => OnlineUrlVisibility::parse(v.trim()).ok_or(FieldError::new(
            "online_url_visibility",
            "error-online_url_visibility_invalid",
        )),
        None => Ok(base.map_or_else(OnlineUrlVisibility::default, |b| b.online_url_visibility)),
    });
    let rsvp_deadline_minutes = faults.take(match input.rsvp_deadline_before.as_deref() {
        Some(d) if !d.trim().is_empty() => super::duration::parse_duration(d)
            .ok()
            .map(|d| d.as_secs() / 60)
            .filter(|m| (1..=60 * 24 * 60).contains(m))
            .map(|m| Some(m as i32))
            .ok_or(FieldError::new(
                "rsvp_deadline_before",
                "error-deadline_before_invalid",
            )),
        Some(_) => Ok(None),
        None => Ok(base.and_then(|b| b.rsvp_deadline_minutes)),
    });
    let horizon = faults.take(match input.horizon {
        None => Ok(base.map_or(DEFAULT_HORIZON, |b| b.horizon)),
        Some(h @ 1..=MAX_HORIZON) => Ok(h as i32),
        Some(_) => Err(FieldError::new("horizon", "error-horizon_invalid")),
    });
    let fields = (|| {
        Some(SeriesFields {
            starts_on: starts_on?,
            title: title?,
            description: description?,
            rule: rule?,
            start_time: start_time?,
            duration_minutes: duration_minutes?,
            venue_id: match &input.venue_id {
                Some(v) => Some(v.as_str())
                    .filter(|v| !v.trim().is_empty())
                    .map(VenueId::from),
                None => base.and_then(|b| b.venue_id.clone()),
            },
            capacity: capacity?,
            online_url: online_url?,
            online_url_visibility: online_url_visibility?,
            rsvp_deadline_minutes: rsvp_deadline_minutes?,
            horizon: horizon?,
        })
    })();
    faults.finish(fields)
}

/// The rule as stored: upper case, without a `RRULE:` prefix; daily to yearly only (a meetup
/// every hour is a mistake), and nothing but the rule (no DTSTART smuggled in).
fn parse_rule(text: &str) -> Result<String, FieldError> {
    let invalid = || FieldError::new("rule", "error-rule_invalid");
    let upper = text.trim().to_ascii_uppercase();
    let rule = upper.strip_prefix("RRULE:").unwrap_or(&upper).to_string();
    let frequent = ["SECONDLY", "MINUTELY", "HOURLY"]
        .iter()
        .any(|f| rule.contains(&format!("FREQ={f}")));
    if rule.is_empty() || rule.contains(['\n', '\r', ':']) || frequent {
        return Err(invalid());
    }
    // Checked against a fixed start: a rule the crate refuses is refused here.
    let probe = NaiveDateTime::parse_from_str("2030-01-01 19:00", "%Y-%m-%d %H:%M").unwrap();
    rule_set(&rule, probe, chrono_tz::UTC).map_err(|_| invalid())?;
    Ok(rule)
}

fn rule_set(rule: &str, dtstart: NaiveDateTime, tz: Tz) -> Result<RRuleSet, rrule::RRuleError> {
    format!(
        "DTSTART;TZID={}:{}\nRRULE:{rule}",
        tz.name(),
        dtstart.format("%Y%m%dT%H%M%S")
    )
    .parse()
}

/// The series' anchor: `start_time` on `starts_on`, or the next one after `now_local`, so the
/// first occurrence is never in the past.
pub fn anchor(
    now_local: NaiveDateTime,
    start_time: NaiveTime,
    starts_on: Option<NaiveDate>,
) -> NaiveDateTime {
    let today = now_local.date().and_time(start_time);
    let soonest = if today > now_local {
        today
    } else {
        today + Duration::days(1)
    };
    starts_on
        .map(|d| d.and_time(start_time))
        .filter(|wanted| *wanted > soonest)
        .unwrap_or(soonest)
}

/// The shapes of rule a person can read in words; any other is shown as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pattern {
    Daily {
        interval: u32,
    },
    Weekly {
        interval: u32,
        days: Vec<Weekday>,
    },
    /// `nth` from 1 (first) to 4, or -1 (last).
    MonthlyNth {
        nth: i32,
        day: Weekday,
    },
    MonthlyDay {
        day: u32,
    },
    Other,
}

/// What `rule` says, when it is one of the common shapes (a COUNT or UNTIL aside).
pub fn pattern(rule: &str, dtstart: NaiveDateTime) -> Pattern {
    let parts: std::collections::HashMap<&str, &str> =
        rule.split(';').filter_map(|p| p.split_once('=')).collect();
    let known = [
        "FREQ",
        "INTERVAL",
        "BYDAY",
        "BYMONTHDAY",
        "COUNT",
        "UNTIL",
        "WKST",
    ];
    if parts.keys().any(|k| !known.contains(k)) {
        return Pattern::Other;
    }
    let interval = match parts.get("INTERVAL").map(|i| i.parse::<u32>()) {
        None => 1,
        Some(Ok(i)) if i >= 1 => i,
        Some(_) => return Pattern::Other,
    };
    let days: Option<Vec<(i32, Weekday)>> = parts
        .get("BYDAY")
        .map(|list| list.split(',').map(weekday_with_ordinal).collect())
        .unwrap_or(Some(Vec::new()));
    let Some(days) = days else {
        return Pattern::Other;
    };
    match (parts.get("FREQ").copied(), parts.get("BYMONTHDAY")) {
        (Some("DAILY"), None) if days.is_empty() => Pattern::Daily { interval },
        (Some("WEEKLY"), None) if days.iter().all(|(n, _)| *n == 0) => Pattern::Weekly {
            interval,
            days: if days.is_empty() {
                vec![dtstart.weekday()]
            } else {
                days.into_iter().map(|(_, d)| d).collect()
            },
        },
        (Some("MONTHLY"), None) if interval == 1 => match days.as_slice() {
            [(nth @ (-1 | 1..=4), day)] => Pattern::MonthlyNth {
                nth: *nth,
                day: *day,
            },
            _ => Pattern::Other,
        },
        (Some("MONTHLY"), Some(d)) if interval == 1 && days.is_empty() => d
            .parse::<u32>()
            .ok()
            .filter(|d| (1..=31).contains(d))
            .map_or(Pattern::Other, |day| Pattern::MonthlyDay { day }),
        _ => Pattern::Other,
    }
}

/// RFC 5545's names of the days, Monday first as chrono counts them.
const WEEKDAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/// `2TU` → (2, Tuesday), `FR` → (0, Friday).
fn weekday_with_ordinal(text: &str) -> Option<(i32, Weekday)> {
    let split = text.len().checked_sub(2)?;
    let (nth, day) = text.split_at(split);
    let day = WEEKDAYS.iter().position(|d| *d == day)?;
    let day = Weekday::try_from(day as u8).ok()?;
    let nth = match nth {
        "" => 0,
        n => n.trim_start_matches('+').parse().ok()?,
    };
    Some((nth, day))
}

/// The rule that repeats a first meetup on `first` (a local date) the way a form offers it:
/// `weekly`, `biweekly`, `monthly_nth` (the same weekday of the same week of the month),
/// `monthly_last` (the last such weekday).
pub fn rule_for(repeat: &str, first: NaiveDate) -> Option<String> {
    let day = WEEKDAYS[first.weekday().num_days_from_monday() as usize];
    let nth = (first.day() - 1) / 7 + 1;
    match repeat {
        "weekly" => Some(format!("FREQ=WEEKLY;BYDAY={day}")),
        "biweekly" => Some(format!("FREQ=WEEKLY;INTERVAL=2;BYDAY={day}")),
        "monthly_nth" if nth <= 4 => Some(format!("FREQ=MONTHLY;BYDAY={nth}{day}")),
        "monthly_nth" | "monthly_last" => Some(format!("FREQ=MONTHLY;BYDAY=-1{day}")),
        _ => None,
    }
}

/// The rule's local wall times in `tz` from `dtstart`, lazily, at most `MAX_SCAN` of them (a
/// rule whose dates all fall where they cannot be used must still end).
pub fn dates(rule: &str, dtstart: NaiveDateTime, tz: Tz) -> impl Iterator<Item = NaiveDateTime> {
    rule_set(rule, dtstart, tz)
        .ok()
        .into_iter()
        .flat_map(|set| (&set).into_iter())
        .map(|d| d.naive_local())
        .take(MAX_SCAN)
}

/// How many dates of a rule a top-up looks at, at most: ten years of a daily rule.
const MAX_SCAN: usize = 3660;

/// A rule that gives no date from `dtstart` on is refused: the series would never meet.
pub fn check_has_dates(rule: &str, dtstart: NaiveDateTime, tz: Tz) -> Result<(), FieldError> {
    match dates(rule, dtstart, tz).next() {
        Some(_) => Ok(()),
        None => Err(FieldError::new("rule", "error-rule_no_occurrence")),
    }
}

/// Whether the rule has an occurrence on local date `day`.
pub fn is_occurrence(rule: &str, dtstart: NaiveDateTime, tz: Tz, day: NaiveDate) -> bool {
    let Ok(set) = rule_set(rule, dtstart, tz) else {
        return false;
    };
    (&set)
        .into_iter()
        .map(|d| d.date_naive())
        .take_while(|d| *d <= day)
        .any(|d| d == day)
}

/// The UTC instant of a local wall time as single meetups read it: a time a clock change skips
/// or repeats is no time at all (such an occurrence is not scheduled).
pub fn local_to_utc(local: NaiveDateTime, tz: Tz) -> Option<NaiveDateTime> {
    match tz.from_local_datetime(&local) {
        chrono::LocalResult::Single(at) => Some(at.with_timezone(&Utc).naive_utc()),
        _ => None,
    }
}

/// The meetup of occurrence `number`, starting at `starts_at` (UTC).
pub fn occurrence_fields(
    template: &SeriesFields,
    number: i32,
    starts_at: NaiveDateTime,
) -> MeetupFields {
    MeetupFields {
        title: template.title.replace("#{n}", &format!("#{number}")),
        description: template.description.clone(),
        starts_at,
        ends_at: starts_at + Duration::minutes(i64::from(template.duration_minutes)),
        venue_id: template.venue_id.clone(),
        online_url: template.online_url.clone(),
        online_url_visibility: template.online_url_visibility,
        capacity: template.capacity,
        rsvp_deadline: template
            .rsvp_deadline_minutes
            .map(|m| starts_at - Duration::minutes(i64::from(m))),
        seats: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn local(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    #[test]
    fn second_tuesdays_keep_their_local_time_across_daylight_saving() {
        let paris: Tz = "Europe/Paris".parse().unwrap();
        let dates: Vec<_> = dates("FREQ=MONTHLY;BYDAY=2TU", local(2027, 1, 5, 19), paris)
            .take(7)
            .collect();
        assert_eq!(dates[0].date().to_string(), "2027-01-12");
        assert_eq!(dates[6].date().to_string(), "2027-07-13");
        let utc: Vec<_> = dates
            .iter()
            .map(|d| local_to_utc(*d, paris).unwrap().format("%H:%M").to_string())
            .collect();
        assert_eq!(
            utc,
            ["18:00", "18:00", "18:00", "17:00", "17:00", "17:00", "17:00"]
        );
    }

    #[test]
    fn rules_are_checked() {
        for bad in [
            "",
            "FREQ=HOURLY",
            "FREQ=SOMETIMES",
            "DTSTART:20300101T000000Z",
            "BYDAY=TU",
        ] {
            assert!(parse_rule(bad).is_err(), "{bad:?} accepted");
        }
        assert_eq!(
            parse_rule("rrule:freq=weekly;interval=2;byday=th").unwrap(),
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH"
        );
        let last_fridays: Vec<_> = dates(
            "FREQ=MONTHLY;BYDAY=-1FR;COUNT=2",
            local(2027, 1, 1, 9),
            chrono_tz::UTC,
        )
        .collect();
        assert_eq!(last_fridays.len(), 2);
        assert_eq!(last_fridays[1], local(2027, 2, 26, 9));
        let past = "FREQ=YEARLY;UNTIL=20000101T000000Z";
        assert!(check_has_dates(past, local(2027, 1, 1, 9), chrono_tz::UTC).is_err());
    }

    /// Outside text: a rule the crate cannot evaluate is refused; none hangs or panics.
    #[test]
    fn strange_rules_neither_hang_nor_panic() {
        let start = local(2030, 1, 1, 19);
        for rule in [
            "FREQ=DAILY;INTERVAL=0",
            "FREQ=YEARLY;BYYEARDAY=400",
            "FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2",
            "FREQ=DAILY;COUNT=99999999999999999999",
            "FREQ=WEEKLY;BYDAY=99TU",
            "FREQ=MONTHLY;BYSETPOS=0",
            "FREQ=YEARLY;BYMONTH=13",
            "FREQ=DAILY;UNTIL=20290101T000000Z",
            "FREQ=WEEKLY;WKST=XX",
        ] {
            if let Ok(rule) = parse_rule(rule) {
                let _ = dates(&rule, start, chrono_tz::UTC).take(5).count();
                let _ = check_has_dates(&rule, start, chrono_tz::UTC);
                let _ = is_occurrence(
                    &rule,
                    start,
                    chrono_tz::UTC,
                    start.date() + Duration::days(400),
                );
            }
        }
    }

    #[test]
    fn the_anchor_is_never_in_the_past() {
        let t = NaiveTime::from_hms_opt(19, 0, 0).unwrap();
        assert_eq!(
            anchor(local(2027, 1, 5, 18), t, None),
            local(2027, 1, 5, 19)
        );
        assert_eq!(
            anchor(local(2027, 1, 5, 19), t, None),
            local(2027, 1, 6, 19)
        );
        let later = NaiveDate::from_ymd_opt(2027, 3, 1);
        assert_eq!(
            anchor(local(2027, 1, 5, 19), t, later),
            local(2027, 3, 1, 19)
        );
        let past = NaiveDate::from_ymd_opt(2020, 3, 1);
        assert_eq!(
            anchor(local(2027, 1, 5, 19), t, past),
            local(2027, 1, 6, 19)
        );
    }

    #[test]
    fn common_rules_are_read_as_patterns() {
        let start = local(2027, 1, 12, 19);
        assert_eq!(
            pattern("FREQ=MONTHLY;BYDAY=2TU", start),
            Pattern::MonthlyNth {
                nth: 2,
                day: Weekday::Tue
            }
        );
        assert_eq!(
            pattern("FREQ=MONTHLY;BYDAY=-1FR;COUNT=5", start),
            Pattern::MonthlyNth {
                nth: -1,
                day: Weekday::Fri
            }
        );
        assert_eq!(
            pattern("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", start),
            Pattern::Weekly {
                interval: 2,
                days: vec![Weekday::Thu]
            }
        );
        assert_eq!(
            pattern("FREQ=WEEKLY", start),
            Pattern::Weekly {
                interval: 1,
                days: vec![Weekday::Tue]
            }
        );
        assert_eq!(
            pattern("FREQ=MONTHLY;BYMONTHDAY=15", start),
            Pattern::MonthlyDay { day: 15 }
        );
        assert_eq!(pattern("FREQ=YEARLY;BYMONTH=6", start), Pattern::Other);
        assert_eq!(pattern("FREQ=MONTHLY;BYDAY=5TU", start), Pattern::Other);
    }

    #[test]
    fn a_form_choice_becomes_a_rule() {
        let second_tuesday = NaiveDate::from_ymd_opt(2027, 1, 12).unwrap();
        assert_eq!(
            rule_for("monthly_nth", second_tuesday).unwrap(),
            "FREQ=MONTHLY;BYDAY=2TU"
        );
        assert_eq!(
            rule_for("biweekly", second_tuesday).unwrap(),
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"
        );
        let fifth = NaiveDate::from_ymd_opt(2027, 3, 30).unwrap();
        assert_eq!(
            rule_for("monthly_nth", fifth).unwrap(),
            "FREQ=MONTHLY;BYDAY=-1TU"
        );
        assert_eq!(rule_for("", second_tuesday), None);
    }

    #[test]
    fn a_clock_change_gap_is_no_time() {
        let paris: Tz = "Europe/Paris".parse().unwrap();
        assert_eq!(
            local_to_utc(local(2027, 3, 28, 2) + Duration::minutes(30), paris),
            None
        );
        assert!(local_to_utc(local(2027, 3, 28, 19), paris).is_some());
    }
}
