//! Talks in words: their materials' labels and the programme, one talk a line.

use chrono_tz::Tz;

use crate::domain::talk::{LinkKind, ScheduledTalk, TalkLink};
use crate::domain::time::to_local;

use super::{colon, t, tf, time_of_day, Lang};

/// « Slides », « Vidéo »…
pub fn link_kind_label(lang: Lang, kind: LinkKind) -> &'static str {
    t(lang, &format!("talks-link_kind-{}", kind.as_str()))
}

/// « Slides », or « Title (Slides) » when the link has a title.
pub fn link_label(lang: Lang, link: &TalkLink) -> String {
    let kind = link_kind_label(lang, link.kind);
    match &link.title {
        Some(title) => format!("{title} ({kind})"),
        None => kind.to_string(),
    }
}

/// One line a talk: « 19:00 — Title (Speaker, 20 min) ».
pub fn programme_lines(talks: &[ScheduledTalk], tz: Tz, lang: Lang) -> Vec<String> {
    talks
        .iter()
        .map(|talk| {
            let time = time_of_day(lang, to_local(talk.starts_at, tz));
            let minutes = talk.duration_minutes.to_string();
            match &talk.speaker {
                Some(speaker) => tf(
                    lang,
                    "talks-programme_line",
                    &[
                        ("time", &time),
                        ("title", &talk.title),
                        ("speaker", speaker),
                        ("minutes", &minutes),
                    ],
                ),
                None => tf(
                    lang,
                    "talks-programme_line_no_speaker",
                    &[
                        ("time", &time),
                        ("title", &talk.title),
                        ("minutes", &minutes),
                    ],
                ),
            }
        })
        .collect()
}

/// The programme as plain text, one talk a line, each followed by its materials indented:
/// « 19:00 — Title (Speaker, 20 min) » then « Slides: https://… ».
pub fn programme_text(talks: &[ScheduledTalk], tz: Tz, lang: Lang) -> String {
    let mut out: Vec<String> = Vec::new();
    for (line, talk) in programme_lines(talks, tz, lang).into_iter().zip(talks) {
        out.push(line);
        for link in &talk.links {
            out.push(format!(
                "    {}{}{}",
                link_label(lang, link),
                colon(lang),
                link.url
            ));
        }
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::talk::running_starts;
    use chrono::NaiveDate;

    #[test]
    fn the_programme_reads_in_the_group_zone_and_language() {
        let start = NaiveDate::from_ymd_opt(2030, 12, 3)
            .unwrap()
            .and_hms_opt(18, 0, 0)
            .unwrap();
        let starts = running_starts(start, [20, 30, 10]);
        let tz: Tz = "Europe/Paris".parse().unwrap();
        let talks = vec![
            ScheduledTalk {
                title: "Diesel".into(),
                speaker: Some("Ada".into()),
                duration_minutes: 20,
                starts_at: starts[0],
                links: vec![TalkLink {
                    kind: LinkKind::Slides,
                    url: "https://ex.org/d.pdf".into(),
                    title: None,
                }],
            },
            ScheduledTalk {
                title: "Maud".into(),
                speaker: None,
                duration_minutes: 30,
                starts_at: starts[1],
                links: Vec::new(),
            },
        ];
        assert_eq!(
            programme_text(&talks, tz, Lang::En),
            "19:00 — Diesel (Ada, 20 min)\n    Slides: https://ex.org/d.pdf\n19:20 — Maud (30 min)"
        );
        assert_eq!(
            programme_text(&talks, tz, Lang::Fr),
            "19:00 — Diesel (Ada, 20 min)\n    Diapositives\u{202f}: https://ex.org/d.pdf\n19:20 — Maud (30 min)"
        );
        assert_eq!(programme_text(&[], tz, Lang::En), "");
    }
}
