//! Report rules: which slug a report gets, when it counts as published, and where an imported
//! Pelican article lands in the group's calendar.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;

use super::meetup::MeetupFields;

/// Local time given to a meetup created for an article whose date has no time.
pub const IMPORTED_MEETUP_TIME: (u32, u32) = (19, 0);
/// Length of a meetup created for an imported article.
pub const IMPORTED_MEETUP_HOURS: i64 = 2;

/// The slug a saved report wants: the one given (imports keep theirs), else the one it already
/// has (links stay valid when the title changes), else one made from the title.
pub fn wanted_slug(
    given: Option<String>,
    existing: Option<&str>,
    from_title: impl FnOnce() -> String,
) -> String {
    given
        .or_else(|| existing.map(str::to_string))
        .unwrap_or_else(from_title)
}

/// The `n`-th candidate for a slug taken by another report: `wanted`, `wanted-2`, `wanted-3`…
pub fn slug_candidate(wanted: &str, n: usize) -> String {
    if n <= 1 {
        wanted.to_string()
    } else {
        format!("{wanted}-{n}")
    }
}

/// When the report was first published: kept across edits, cleared when it goes back to draft.
pub fn published_at(
    previously: Option<NaiveDateTime>,
    existed: bool,
    published: bool,
    at: NaiveDateTime,
) -> Option<NaiveDateTime> {
    match (existed, published) {
        (_, false) => None,
        (true, true) => previously.or(Some(at)),
        (false, true) => Some(at),
    }
}

/// The UTC bounds of a local day in the group's zone: an article attaches to a meetup starting
/// within them. `None` when the day's midnight does not exist there.
pub fn local_day_bounds(day: NaiveDate, tz: Tz) -> Option<(NaiveDateTime, NaiveDateTime)> {
    let start = to_utc(day.and_time(NaiveTime::MIN), tz)?;
    Some((start, start + Duration::hours(24)))
}

/// The meetup created for an article dated on a day without one: at the article's time, or at
/// 19:00 local when its date has none, two hours long, nothing else known.
pub fn imported_meetup(
    title: &str,
    date: NaiveDateTime,
    date_has_time: bool,
    tz: Tz,
) -> Option<MeetupFields> {
    let (h, m) = IMPORTED_MEETUP_TIME;
    let wall = if date_has_time {
        date
    } else {
        date.date().and_hms_opt(h, m, 0)?
    };
    let starts_at = to_utc(wall, tz)?;
    Some(MeetupFields {
        online_url_visibility: Default::default(),
        title: title.to_string(),
        description: String::new(),
        starts_at,
        ends_at: starts_at + Duration::hours(IMPORTED_MEETUP_HOURS),
        venue_id: None,
        online_url: None,
        capacity: None,
        rsvp_deadline: None,
        seats: Default::default(),
    })
}

/// A report is for everyone once published; a draft only for its group's organisers.
pub fn readable(published: bool, by_organiser: bool) -> bool {
    published || by_organiser
}

/// Who a report lists as having come: those checked in, if anyone was; else everyone who said
/// they would.
pub fn listed_as_present(attended: bool, anyone_checked_in: bool) -> bool {
    attended || !anyone_checked_in
}

/// A wall-clock time in `tz` as UTC; in a DST overlap the earlier instant.
fn to_utc(wall: NaiveDateTime, tz: Tz) -> Option<NaiveDateTime> {
    tz.from_local_datetime(&wall)
        .earliest()
        .map(|d| d.naive_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn slugs_prefer_given_then_existing_then_title() {
        let title = || "from-title".to_string();
        assert_eq!(
            wanted_slug(Some("Given".into()), Some("old"), title),
            "Given"
        );
        assert_eq!(wanted_slug(None, Some("old"), title), "old");
        assert_eq!(wanted_slug(None, None, title), "from-title");
        assert_eq!(slug_candidate("r", 1), "r");
        assert_eq!(slug_candidate("r", 3), "r-3");
    }

    #[test]
    fn first_publication_is_kept_and_drafts_have_none() {
        let t0 = day(2026, 1, 1).and_hms_opt(10, 0, 0).unwrap();
        let t1 = day(2026, 2, 1).and_hms_opt(10, 0, 0).unwrap();
        assert_eq!(published_at(None, false, true, t1), Some(t1));
        assert_eq!(published_at(Some(t0), true, true, t1), Some(t0));
        assert_eq!(published_at(None, true, true, t1), Some(t1));
        assert_eq!(published_at(Some(t0), true, false, t1), None);
    }

    #[test]
    fn imported_meetups_start_at_seven_pm_local_unless_timed() {
        let paris: Tz = "Europe/Paris".parse().unwrap();
        let date = day(2012, 10, 15).and_hms_opt(0, 0, 0).unwrap();
        let m = imported_meetup("T", date, false, paris).unwrap();
        assert_eq!(
            m.starts_at,
            day(2012, 10, 15).and_hms_opt(17, 0, 0).unwrap()
        );
        assert_eq!(m.ends_at, day(2012, 10, 15).and_hms_opt(19, 0, 0).unwrap());
        let timed = day(2012, 12, 3).and_hms_opt(18, 30, 0).unwrap();
        let m = imported_meetup("T", timed, true, paris).unwrap();
        assert_eq!(
            m.starts_at,
            day(2012, 12, 3).and_hms_opt(17, 30, 0).unwrap()
        );
    }

    #[test]
    fn drafts_are_for_organisers() {
        assert!(readable(true, false));
        assert!(readable(false, true));
        assert!(!readable(false, false));
    }

    #[test]
    fn check_ins_decide_who_is_listed_once_there_are_any() {
        assert!(listed_as_present(false, false));
        assert!(listed_as_present(true, true));
        assert!(!listed_as_present(false, true));
    }

    #[test]
    fn a_local_day_is_bounded_in_utc() {
        let paris: Tz = "Europe/Paris".parse().unwrap();
        let (start, end) = local_day_bounds(day(2026, 7, 14), paris).unwrap();
        assert_eq!(start, day(2026, 7, 13).and_hms_opt(22, 0, 0).unwrap());
        assert_eq!(end - start, Duration::hours(24));
    }
}
