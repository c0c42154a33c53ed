//! Finding meetups across the instance: a text to match and a point to be near, parsed.

use chrono::{NaiveDate, NaiveDateTime};

use super::FieldError;

/// The radius when only a point is given, in kilometres.
pub const DEFAULT_RADIUS_KM: f64 = 25.0;
pub const MAX_RADIUS_KM: f64 = 20_000.0;
pub const QUERY_MAX: usize = 200;

/// What a visitor searches for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Search {
    /// Matched against the title, the group's name and the venue's city, accents and case
    /// aside.
    pub text: Option<String>,
    /// (latitude, longitude) and radius in km: meetups whose venue is that near.
    pub near: Option<((f64, f64), f64)>,
    pub from: Option<NaiveDateTime>,
    pub to: Option<NaiveDateTime>,
}

/// Reads the query's parts; each fault names its field.
pub fn parse_search(
    q: Option<&str>,
    near: Option<&str>,
    radius_km: Option<&str>,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<Search, FieldError> {
    let text = q.map(str::trim).filter(|t| !t.is_empty());
    if text.is_some_and(|t| t.chars().count() > QUERY_MAX) {
        return Err(FieldError::new("q", "error-explore_query"));
    }
    let point = near
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| parse_point(t).ok_or(FieldError::new("near", "error-explore_near")))
        .transpose()?;
    let radius = radius_km
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| {
            t.parse::<f64>()
                .ok()
                .filter(|r| r.is_finite() && *r > 0.0 && *r <= MAX_RADIUS_KM)
                .ok_or(FieldError::new("radius_km", "error-explore_radius"))
        })
        .transpose()?;
    Ok(Search {
        text: text.map(fold),
        near: point.map(|p| (p, radius.unwrap_or(DEFAULT_RADIUS_KM))),
        from: parse_day_or_instant(from, "from")?,
        to: parse_day_or_instant(to, "to")?,
    })
}

/// `lat,lon` in degrees.
fn parse_point(text: &str) -> Option<(f64, f64)> {
    let (lat, lon) = text.split_once(',')?;
    let (lat, lon): (f64, f64) = (lat.trim().parse().ok()?, lon.trim().parse().ok()?);
    ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)).then_some((lat, lon))
}

/// RFC 3339, or a day (`2030-12-03`, from its start in UTC).
fn parse_day_or_instant(
    text: Option<&str>,
    field: &'static str,
) -> Result<Option<NaiveDateTime>, FieldError> {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    if let Ok(at) = chrono::DateTime::parse_from_rfc3339(text) {
        return Ok(Some(at.naive_utc()));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(Some)
        .ok_or(FieldError::new(field, "error-explore_date"))
}

/// Lowercase without accents, so "clermont" finds "Clermont-Ferrand" and "cafe" "Café".
pub fn fold(text: &str) -> String {
    deunicode::deunicode(text).to_lowercase()
}

/// Great-circle distance in km between two (latitude, longitude) points.
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (
        a.0.to_radians(),
        a.1.to_radians(),
        b.0.to_radians(),
        b.1.to_radians(),
    );
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_are_great_circle_kilometres() {
        let clermont = (45.7772, 3.0870);
        let lyon = (45.7640, 4.8357);
        let paris = (48.8566, 2.3522);
        assert!((distance_km(clermont, lyon) - 136.0).abs() < 3.0);
        assert!((distance_km(clermont, paris) - 347.0).abs() < 5.0);
        assert_eq!(distance_km(clermont, clermont), 0.0);
    }

    #[test]
    fn searches_parse_or_name_their_field() {
        let s = parse_search(
            Some(" Café "),
            Some("45.77,3.08"),
            Some("20"),
            None,
            Some("2031-01-01"),
        )
        .unwrap();
        assert_eq!(s.text.as_deref(), Some("cafe"));
        assert_eq!(s.near, Some(((45.77, 3.08), 20.0)));
        assert!(s.to.is_some());
        let near_only = parse_search(None, Some("45.77, 3.08"), None, None, None).unwrap();
        assert_eq!(near_only.near.unwrap().1, DEFAULT_RADIUS_KM);
        let field = |r: Result<Search, FieldError>| r.unwrap_err().field;
        assert_eq!(
            field(parse_search(None, Some("91,0"), None, None, None)),
            "near"
        );
        assert_eq!(
            field(parse_search(None, Some("abc"), None, None, None)),
            "near"
        );
        assert_eq!(
            field(parse_search(None, None, Some("-1"), None, None)),
            "radius_km"
        );
        assert_eq!(
            field(parse_search(None, None, Some("NaN"), None, None)),
            "radius_km"
        );
        assert_eq!(
            field(parse_search(None, None, None, Some("tomorrow"), None)),
            "from"
        );
    }
}
