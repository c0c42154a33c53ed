//! The time zones a person picks from: canonical IANA names grouped by region, without the
//! names tzdata keeps only so that old data still reads (`US/Pacific`, `Asia/Calcutta`).

use chrono_tz::TZ_VARIANTS;

/// Links of tzdata's `backward` file (as chrono-tz 0.10.4 ships it) that are old conventions
/// (`US/Pacific`), renamed zones (`America/Buenos_Aires`) or other names of a place
/// (`Asia/Calcutta`, `Europe/Kiev`). Its pre-2013 country zones (`Europe/Amsterdam`,
/// `Europe/Oslo`) are kept: people look for them.
const ALIASES: &[&str] = &[
    "Africa/Asmera",
    "Africa/Timbuktu",
    "America/Argentina/ComodRivadavia",
    "America/Atka",
    "America/Buenos_Aires",
    "America/Catamarca",
    "America/Coral_Harbour",
    "America/Cordoba",
    "America/Ensenada",
    "America/Fort_Wayne",
    "America/Godthab",
    "America/Indianapolis",
    "America/Jujuy",
    "America/Knox_IN",
    "America/Louisville",
    "America/Mendoza",
    "America/Montreal",
    "America/Nipigon",
    "America/Pangnirtung",
    "America/Porto_Acre",
    "America/Rainy_River",
    "America/Rosario",
    "America/Santa_Isabel",
    "America/Shiprock",
    "America/Thunder_Bay",
    "America/Virgin",
    "America/Yellowknife",
    "Antarctica/South_Pole",
    "Asia/Ashkhabad",
    "Asia/Calcutta",
    "Asia/Choibalsan",
    "Asia/Chongqing",
    "Asia/Chungking",
    "Asia/Dacca",
    "Asia/Harbin",
    "Asia/Istanbul",
    "Asia/Kashgar",
    "Asia/Katmandu",
    "Asia/Macao",
    "Asia/Rangoon",
    "Asia/Saigon",
    "Asia/Tel_Aviv",
    "Asia/Thimbu",
    "Asia/Ujung_Pandang",
    "Asia/Ulan_Bator",
    "Atlantic/Faeroe",
    "Atlantic/Jan_Mayen",
    "Australia/ACT",
    "Australia/Canberra",
    "Australia/Currie",
    "Australia/LHI",
    "Australia/NSW",
    "Australia/North",
    "Australia/Queensland",
    "Australia/South",
    "Australia/Tasmania",
    "Australia/Victoria",
    "Australia/West",
    "Australia/Yancowinna",
    "Brazil/Acre",
    "Brazil/DeNoronha",
    "Brazil/East",
    "Brazil/West",
    "CET",
    "CST6CDT",
    "Canada/Atlantic",
    "Canada/Central",
    "Canada/Eastern",
    "Canada/Mountain",
    "Canada/Newfoundland",
    "Canada/Pacific",
    "Canada/Saskatchewan",
    "Canada/Yukon",
    "Chile/Continental",
    "Chile/EasterIsland",
    "Cuba",
    "EET",
    "EST",
    "EST5EDT",
    "Egypt",
    "Eire",
    "Etc/GMT+0",
    "Etc/GMT-0",
    "Etc/GMT0",
    "Etc/Greenwich",
    "Etc/UCT",
    "Etc/Universal",
    "Etc/Zulu",
    "Europe/Belfast",
    "Europe/Kiev",
    "Europe/Nicosia",
    "Europe/Tiraspol",
    "Europe/Uzhgorod",
    "Europe/Zaporozhye",
    "GB",
    "GB-Eire",
    "GMT+0",
    "GMT-0",
    "GMT0",
    "Greenwich",
    "HST",
    "Hongkong",
    "Iceland",
    "Iran",
    "Israel",
    "Jamaica",
    "Japan",
    "Kwajalein",
    "Libya",
    "MET",
    "MST",
    "MST7MDT",
    "Mexico/BajaNorte",
    "Mexico/BajaSur",
    "Mexico/General",
    "NZ",
    "NZ-CHAT",
    "Navajo",
    "PRC",
    "PST8PDT",
    "Pacific/Enderbury",
    "Pacific/Johnston",
    "Pacific/Ponape",
    "Pacific/Samoa",
    "Pacific/Truk",
    "Pacific/Yap",
    "Poland",
    "Portugal",
    "ROC",
    "ROK",
    "Singapore",
    "Turkey",
    "UCT",
    "US/Alaska",
    "US/Aleutian",
    "US/Arizona",
    "US/Central",
    "US/East-Indiana",
    "US/Eastern",
    "US/Hawaii",
    "US/Indiana-Starke",
    "US/Michigan",
    "US/Mountain",
    "US/Pacific",
    "US/Samoa",
    "UTC",
    "Universal",
    "W-SU",
    "WET",
    "Zulu",
];

/// The regions zones are grouped by, in the order offered.
const REGIONS: &[&str] = &[
    "Europe",
    "Africa",
    "America",
    "Asia",
    "Atlantic",
    "Australia",
    "Indian",
    "Pacific",
    "Antarctica",
    "Arctic",
];

/// Canonical zone names grouped by region (Europe first, then the others as in [`REGIONS`]),
/// each region's names sorted, and `Etc/UTC` alone last; `Etc/GMT+5` and the like are left
/// out.
pub fn zone_choices() -> Vec<(&'static str, Vec<&'static str>)> {
    let mut groups: Vec<(&'static str, Vec<&'static str>)> =
        REGIONS.iter().map(|r| (*r, Vec::new())).collect();
    for tz in TZ_VARIANTS.iter() {
        let name = tz.name();
        if ALIASES.contains(&name) {
            continue;
        }
        let region = name.split('/').next().unwrap_or(name);
        if let Some((_, zones)) = groups.iter_mut().find(|(r, _)| *r == region) {
            zones.push(name);
        }
    }
    groups.retain(|(_, zones)| !zones.is_empty());
    for (_, zones) in &mut groups {
        zones.sort_unstable();
    }
    groups.push(("UTC", vec!["Etc/UTC"]));
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offered() -> Vec<&'static str> {
        zone_choices().into_iter().flat_map(|(_, z)| z).collect()
    }

    #[test]
    fn canonical_zones_only() {
        let zones = offered();
        for kept in [
            "Europe/Paris",
            "Europe/Amsterdam",
            "Asia/Kolkata",
            "America/Argentina/Buenos_Aires",
            "Europe/Kyiv",
            "Etc/UTC",
        ] {
            assert!(zones.contains(&kept), "{kept}");
        }
        for alias in [
            "US/Pacific",
            "Asia/Calcutta",
            "America/Buenos_Aires",
            "Europe/Kiev",
            "Etc/GMT+5",
            "UTC",
        ] {
            assert!(!zones.contains(&alias), "{alias}");
        }
        assert_eq!(zone_choices()[0].0, "Europe");
    }

    #[test]
    fn every_alias_is_a_zone_name_of_the_crate() {
        let names: Vec<&str> = TZ_VARIANTS.iter().map(|tz| tz.name()).collect();
        for alias in ALIASES {
            assert!(names.contains(alias), "{alias}");
        }
    }
}
