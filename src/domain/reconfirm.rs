//! Seats for people who come: how long before the start members going are asked "Still
//! coming?", and when those who did not answer give their seat to the waitlist.

use chrono::{Duration, NaiveDateTime};

use super::duration::parse_duration;
use super::{Faults, FieldError};

/// Longer offsets would ask before most members know their plans.
const LONGEST: std::time::Duration = std::time::Duration::from_secs(30 * 86_400);

/// A group's defaults or a meetup's own: `None` is off. The texts are kept as the organiser
/// wrote them (`48h`, `2d`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeatRules {
    pub reconfirm_before: Option<String>,
    pub auto_release_before: Option<String>,
}

/// An offset such as `48h`; empty is off.
fn parse_offset(text: &str, field: &'static str) -> Result<Option<String>, FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match parse_duration(text) {
        Ok(d) if d >= std::time::Duration::from_secs(3600) && d <= LONGEST => {
            Ok(Some(text.to_string()))
        }
        _ => Err(FieldError::new(field, "error-seat_offset_invalid")),
    }
}

/// The offset a stored text stands for (`None` when off, or unreadable).
pub fn offset(text: Option<&str>) -> Option<Duration> {
    text.and_then(|t| parse_duration(t).ok())
        .and_then(|d| Duration::from_std(d).ok())
}

/// Applies a client's `(reconfirm_before, auto_release_before)` (absent: kept from `base`) and
/// checks them together: releasing needs a reconfirmation asked earlier.
pub fn build_rules(
    faults: &mut Faults,
    input: (Option<Option<&str>>, Option<Option<&str>>),
    base: &SeatRules,
) -> Option<SeatRules> {
    let mut field = |sent: Option<Option<&str>>, kept: &Option<String>, name| {
        faults.take(match sent {
            Some(Some(t)) => parse_offset(t, name),
            Some(None) => Ok(None),
            None => Ok(kept.clone()),
        })
    };
    let reconfirm = field(input.0, &base.reconfirm_before, "reconfirm_before");
    let release = field(input.1, &base.auto_release_before, "auto_release_before");
    let rules = SeatRules {
        reconfirm_before: reconfirm?,
        auto_release_before: release?,
    };
    if let Some(release) = offset(rules.auto_release_before.as_deref()) {
        if offset(rules.reconfirm_before.as_deref()).is_none_or(|ask| release >= ask) {
            faults.push(FieldError::new(
                "auto_release_before",
                "error-auto_release_before_reconfirm",
            ));
            return None;
        }
    }
    Some(rules)
}

/// When a meetup starting at `starts_at` asks (or releases), `before` its start.
pub fn due_at(starts_at: NaiveDateTime, before: Option<&str>) -> Option<NaiveDateTime> {
    offset(before).map(|o| starts_at - o)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(
        input: (Option<Option<&str>>, Option<Option<&str>>),
        base: &SeatRules,
    ) -> Result<SeatRules, Vec<FieldError>> {
        let mut faults = Faults::default();
        let rules = build_rules(&mut faults, input, base);
        faults.finish(rules)
    }

    #[test]
    fn releasing_needs_an_earlier_reconfirmation() {
        let none = SeatRules::default();
        let ok = build((Some(Some("48h")), Some(Some("24h"))), &none).unwrap();
        assert_eq!(ok.reconfirm_before.as_deref(), Some("48h"));
        let err = build((None, Some(Some("24h"))), &none).unwrap_err();
        assert_eq!(err[0].field, "auto_release_before");
        let err = build((Some(Some("24h")), Some(Some("1d"))), &none).unwrap_err();
        assert_eq!(err[0].field, "auto_release_before");
        // Turning the reconfirmation off keeps no release behind it.
        assert!(build((Some(None), None), &ok).is_err());
        assert_eq!(build((Some(Some("")), Some(None)), &ok).unwrap(), none);
        for bad in ["soon", "10m", "40d", "0h"] {
            let err = build((Some(Some(bad)), None), &none).unwrap_err();
            assert_eq!(err[0].field, "reconfirm_before", "{bad}");
        }
        assert_eq!(build((None, None), &ok).unwrap(), ok);
    }
}
