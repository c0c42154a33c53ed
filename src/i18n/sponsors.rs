//! Sponsors in words: « Merci à Acme pour l'accueil et à Pizza Co pour le repas. »

use crate::domain::sponsor::SponsorRole;

use super::{t, tf, Lang};

/// The thanks to a meetup's sponsors, each `(name, role)` with its name as it should appear
/// (plain, or a Markdown link); none without sponsors.
pub fn sponsor_thanks(lang: Lang, sponsors: &[(String, SponsorRole)]) -> Option<String> {
    let parts: Vec<String> = sponsors
        .iter()
        .map(|(name, role)| tf(lang, role.thanks_key(), &[("name", name)]))
        .collect();
    let list = match parts.as_slice() {
        [] => return None,
        [one] => one.clone(),
        [init @ .., last] => format!("{} {} {last}", init.join(", "), t(lang, "sponsors-and")),
    };
    Some(tf(lang, "sponsors-thanks", &[("list", &list)]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sponsors_are_thanked_each_for_what_they_gave() {
        let two = [
            ("Acme".to_string(), SponsorRole::Venue),
            ("Pizza Co".to_string(), SponsorRole::Food),
        ];
        assert_eq!(
            sponsor_thanks(Lang::Fr, &two).unwrap(),
            "Merci à Acme pour l'accueil et à Pizza Co pour le repas."
        );
        assert_eq!(
            sponsor_thanks(Lang::En, &two).unwrap(),
            "Thanks to Acme for hosting us and Pizza Co for the food."
        );
        assert_eq!(sponsor_thanks(Lang::En, &[]), None);
    }
}
