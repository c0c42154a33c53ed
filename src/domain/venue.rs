//! What a venue tells people before they come: how accessible it is (public), how to get in
//! (for those going), and how many it seats.

/// Accessibility facts, shown to everyone; `None`: not known (never shown as "no").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Accessibility {
    pub step_free: Option<bool>,
    pub accessible_toilet: Option<bool>,
    pub hearing_loop: Option<bool>,
    pub notes: Option<String>,
}

impl Accessibility {
    /// Whether there is anything to show.
    pub fn is_known(&self) -> bool {
        self.step_free.is_some()
            || self.accessible_toilet.is_some()
            || self.hearing_loop.is_some()
            || self.notes.is_some()
    }

    /// Each fact that is known, with its message key: for plain text and icons alike.
    pub fn facts(&self) -> Vec<(&'static str, bool)> {
        [
            ("venue-step_free", self.step_free),
            ("venue-accessible_toilet", self.accessible_toilet),
            ("venue-hearing_loop", self.hearing_loop),
        ]
        .into_iter()
        .filter_map(|(key, known)| known.map(|yes| (key, yes)))
        .collect()
    }
}

/// A new meetup's capacity: the one given, else the venue's.
pub fn capacity_for_meetup(given: Option<i32>, venue: Option<i32>) -> Option<i32> {
    given.or(venue)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_facts_are_left_out() {
        let a = Accessibility {
            step_free: Some(true),
            hearing_loop: Some(false),
            ..Accessibility::default()
        };
        assert!(a.is_known());
        assert_eq!(
            a.facts(),
            vec![("venue-step_free", true), ("venue-hearing_loop", false)]
        );
        assert!(!Accessibility::default().is_known());
    }

    #[test]
    fn a_meetup_takes_the_venue_capacity_unless_given() {
        assert_eq!(capacity_for_meetup(None, Some(40)), Some(40));
        assert_eq!(capacity_for_meetup(Some(12), Some(40)), Some(12));
        assert_eq!(capacity_for_meetup(None, None), None);
    }
}
