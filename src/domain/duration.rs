use std::time::Duration;

/// Parses `90s`, `15m`, `2h`, `1d`.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .ok_or_else(|| format!("{text:?} needs a unit (s, m, h or d)"))?;
    let (number, unit) = text.split_at(split);
    let n: u64 = number
        .parse()
        .map_err(|_| format!("{text:?} does not start with a number"))?;
    let seconds = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => return Err(format!("{text:?}: unit must be s, m, h or d")),
    };
    if n == 0 {
        return Err(format!("{text:?} must be positive"));
    }
    n.checked_mul(seconds)
        .map(Duration::from_secs)
        .ok_or_else(|| format!("{text:?} is too long"))
}

/// Parses a comma-separated list such as `24h,2h`, longest first, without repeats.
pub fn parse_duration_list(text: &str) -> Result<Vec<Duration>, String> {
    let mut list = text
        .split(',')
        .filter(|p| !p.trim().is_empty())
        .map(parse_duration)
        .collect::<Result<Vec<_>, _>>()?;
    list.sort_unstable_by(|a, b| b.cmp(a));
    list.dedup();
    Ok(list)
}

/// The short label used in idempotency keys: `24h`, `2h`, `90m`.
pub fn duration_label(d: Duration) -> String {
    let s = d.as_secs();
    if s % 86_400 == 0 {
        format!("{}d", s / 86_400)
    } else if s % 3600 == 0 {
        format!("{}h", s / 3600)
    } else if s % 60 == 0 {
        format!("{}m", s / 60)
    } else {
        format!("{s}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_units() {
        assert_eq!(parse_duration("1m").unwrap(), Duration::from_secs(60));
        assert_eq!(parse_duration("24h").unwrap(), Duration::from_secs(86_400));
        assert_eq!(parse_duration("2d").unwrap(), Duration::from_secs(172_800));
        assert!(parse_duration("5").is_err());
        assert!(parse_duration("h").is_err());
        assert!(parse_duration("3w").is_err());
        assert!(parse_duration("0m").is_err());
    }

    #[test]
    fn list_is_sorted_longest_first() {
        let list = parse_duration_list("2h, 24h,2h").unwrap();
        assert_eq!(
            list,
            vec![Duration::from_secs(86_400), Duration::from_secs(7200)]
        );
        assert_eq!(duration_label(list[0]), "1d");
        assert_eq!(duration_label(Duration::from_secs(7200)), "2h");
        assert_eq!(duration_label(Duration::from_secs(90 * 60)), "90m");
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn any_text_is_a_duration_or_an_error(text in any::<String>(), number in "[0-9]{1,25}[smhd ]?") {
            for text in [text, number] {
                let _ = parse_duration(&text);
                let _ = parse_duration_list(&text);
            }
        }

        #[test]
        fn labels_parse_back(seconds in 1u64..=10_000_000_000) {
            let d = Duration::from_secs(seconds);
            prop_assert_eq!(parse_duration(&duration_label(d)), Ok(d));
        }
    }
}
