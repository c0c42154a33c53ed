//! The meetup page, the organisers' meetup form and the cancel confirmation.

use maud::{html, Markup};
use serde::Deserialize;

use super::components::{csrf_input, error_summary, excerpt, Field, FormErrors};
use super::layout::{layout, layout_with_head, Card, HeadExtras};
use super::{markdown, Chrome};
use crate::db::models::Venue;
use crate::domain::ids::TalkId;
use crate::domain::venue::Accessibility;
use crate::i18n::tf;

/// What is known of a venue's accessibility, each fact as a plain sign and its words (a sign
/// alone says nothing to a screen reader, so it is hidden from them).
pub fn accessibility(chrome: &Chrome, a: &Accessibility) -> Markup {
    html! {
        @if a.is_known() {
            ul.access #accessibility aria-label=(chrome.t("venues-accessibility")) {
                @for (key, yes) in a.facts() {
                    @let (fact, answer) = (chrome.t(key), chrome.t(if yes { "venues-fact_yes" } else { "venues-fact_no" }));
                    li class=(if yes { "yes" } else { "no" }) {
                        span aria-hidden="true" { (if yes { "✓ " } else { "✗ " }) }
                        (tf(chrome.lang, "venues-fact", &[("fact", &fact), ("answer", &answer)]))
                    }
                }
                @if let Some(notes) = &a.notes { li.notes { (notes) } }
            }
        }
    }
}

/// An OpenStreetMap link: exact when coordinates are known, else a search for the address.
pub fn map_url(venue: &Venue) -> String {
    match (venue.latitude, venue.longitude) {
        (Some(lat), Some(lon)) => {
            format!("https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}")
        }
        _ => {
            let query = match &venue.city {
                Some(city) => format!("{}, {city}", venue.address),
                None => venue.address.clone(),
            };
            format!(
                "https://www.openstreetmap.org/search?query={}",
                serde_urlencoded::to_string([("q", query.as_str())])
                    .unwrap_or_default()
                    .trim_start_matches("q=")
            )
        }
    }
}

pub struct MeetupPage<'a> {
    pub group_name: &'a str,
    pub group_path: String,
    pub path: String,
    pub title: &'a str,
    pub description: &'a str,
    pub cancelled: bool,
    /// Cancelled, not started: organisers may undo the cancellation.
    pub reinstatable: bool,
    /// « jeudi 3 décembre 2026, 19:00 – 21:00 »
    pub when: String,
    pub timezone: &'a str,
    pub venue: Option<&'a Venue>,
    pub online_url: Option<&'a str>,
    /// How to get into the venue, for those going and organisers.
    pub entry_instructions: Option<&'a str>,
    pub ics_url: String,
    pub group_feed_url: String,
    pub organiser: bool,
    /// Helps at the group's door: the check-in page is theirs too.
    pub door_helper: bool,
    /// Organisers may delete it (nobody answered yet); otherwise they may only cancel it.
    pub deletable: bool,
    /// The meetup has begun: a report may be written, talks no longer proposed.
    pub started: bool,
    /// « RSVPs close on … », when the meetup has a deadline.
    pub rsvp_deadline: Option<String>,
    pub report: Option<(String, String)>,
    /// The page's own absolute URL, for link previews.
    pub url: String,
    /// The preview image's absolute URL, and its size.
    pub card_image: String,
    pub card_image_size: (u32, u32),
    /// Its hosts and sponsors, with what each gives.
    pub sponsors: Vec<(
        super::sponsors::SponsorItem,
        crate::domain::sponsor::SponsorRole,
    )>,
    /// "Add to Google Calendar", "Add to Outlook.com".
    pub google_calendar_url: String,
    pub outlook_url: String,
    pub group_atom_url: String,
    /// The new-meetup form filled in from this one.
    pub duplicate_path: String,
    /// The series it belongs to: its page and its rule in words.
    pub series: Option<(String, String)>,
    /// The group's code of conduct and incident contact.
    pub conduct: (Option<&'a str>, Option<&'a str>),
    /// "Report a problem" to the organisers, for the group's signed-in members.
    pub report_problem_path: Option<String>,
    /// The groups co-hosting it, as (name, page).
    pub cohosts: Vec<(String, String)>,
    /// The viewer organises a co-host group: they write to the participants too.
    pub cohost_organiser: bool,
}

pub fn meetup_page(
    chrome: &Chrome,
    p: &MeetupPage,
    rsvp_panel: Markup,
    talks_panel: Markup,
) -> Markup {
    let place = p.venue.map(|v| match &v.city {
        Some(city) => format!("{}, {city}", v.name),
        None => v.name.clone(),
    });
    let mut description = format!("{} ({})", p.when, p.timezone);
    if let Some(place) = &place {
        description.push_str(&format!(" · {place}"));
    }
    let about = excerpt(p.description, 160);
    if !about.is_empty() {
        description.push_str(&format!(". {about}"));
    }
    let head = HeadExtras {
        card: Some(Card {
            title: p.title,
            group: Some(p.group_name),
            description: &description,
            url: &p.url,
            image: &p.card_image,
            image_size: p.card_image_size,
        }),
        feeds: vec![
            (
                "application/atom+xml",
                tf(chrome.lang, "groups-feed_atom", &[("group", &p.group_name)]),
                p.group_atom_url.clone(),
            ),
            (
                "text/calendar",
                tf(chrome.lang, "groups-feed_ical", &[("group", &p.group_name)]),
                p.group_feed_url.clone(),
            ),
        ],
    };
    layout_with_head(
        chrome,
        p.title,
        head.render(chrome),
        html! {
            p.meta { a href=(p.group_path) { "← " (p.group_name) } }
            // On a phone the answer comes right after date and place; on a desk it sits in
            // the right column (see `.meetup-layout` in the stylesheet).
            div.meetup-layout {
                section.card.info {
                    h1 {
                        (p.title)
                        @if p.cancelled { " " span.badge.bad { (chrome.t("meetups-cancelled_badge")) } }
                    }
                    @if !p.cohosts.is_empty() {
                        p.meta #cohosted-with {
                            (chrome.t("cohosts-cohosted_with")) " "
                            @for (i, (name, path)) in p.cohosts.iter().enumerate() {
                                @if i > 0 { ", " }
                                a href=(path) { (name) }
                            }
                        }
                    }
                    dl.facts {
                        dt { (chrome.t("meetups-when")) }
                        dd.when { (p.when) " " span.meta { "(" (p.timezone) ")" } }
                        @if let Some(deadline) = &p.rsvp_deadline {
                            dd.meta #rsvp-deadline { (tf(chrome.lang, "meetups-rsvps_close", &[("when", deadline)])) }
                        }
                        @if let Some((path, rule)) = &p.series {
                            dd.meta #series { a href=(path) { (tf(chrome.lang, "series-part_of", &[("rule", rule)])) } }
                        }
                        dt { (chrome.t("meetups-where")) }
                        dd {
                            @match p.venue {
                                Some(v) => {
                                    strong { (v.name) } br;
                                    (v.address) @if let Some(c) = &v.city { ", " (c) } br;
                                    a href=(map_url(v)) rel="noopener" { (chrome.t("meetups-map")) }
                                    @if let Some(url) = &v.url { " · " a href=(url) rel="nofollow noopener" { (url) } }
                                    (accessibility(chrome, &v.accessibility()))
                                }
                                None => { (chrome.t("meetups-venue_tbd")) }
                            }
                        }
                        @if let Some(entry) = p.entry_instructions {
                            dt { (chrome.t("meetups-entry")) }
                            dd.entry #entry-instructions { (entry) }
                        }
                        @if let Some(url) = p.online_url {
                            dt { (chrome.t("meetups-online")) }
                            dd { a href=(url) rel="nofollow noopener" { (url) } }
                        }
                    }
                    @if let Some((title, url)) = &p.report {
                        p { a href=(url) { (chrome.t("meetups-report")) " : " (title) } }
                    }
                    (super::sponsors::meetup_sponsors_section(chrome, &p.sponsors))
                    @if let Some(path) = &p.report_problem_path {
                        p.meta { a #report-problem href=(path) { (chrome.t("incident-link")) } }
                    }
                }
                div.side {
                    (rsvp_panel)
                    @if p.organiser { (organisation(chrome, p)) }
                    @if p.cohost_organiser {
                        section.card #cohost-organisation aria-labelledby="cohost-organisation-title" {
                            h2 #cohost-organisation-title { (chrome.t("meetups-organisation")) }
                            div.actions {
                                a.button.secondary href={ (p.path) "/messages" } { (chrome.t("messages-write_to_participants")) }
                                a.button.secondary href={ (p.path) "/checkin" } { (chrome.t("checkin-link")) }
                            }
                        }
                    }
                    @if p.door_helper {
                        section.card #door aria-label=(chrome.t("checkin-title")) {
                            a.button.secondary href={ (p.path) "/checkin" } { (chrome.t("checkin-link")) }
                a.button.secondary href={ (p.path) "/questions" } { (chrome.t("questions-edit")) }
                        }
                    }
                }
                div.rest {
                    section.card aria-labelledby="calendar-title" {
                        h2 #calendar-title { (chrome.t("meetups-calendar")) }
                        div.actions {
                            a.button.secondary href=(p.ics_url) { (chrome.t("meetups-add_to_calendar")) }
                            a href=(p.google_calendar_url) rel="noopener" { (chrome.t("meetups-add_google")) }
                            a href=(p.outlook_url) rel="noopener" { (chrome.t("meetups-add_outlook")) }
                            a href=(crate::ical::webcal_url(&p.group_feed_url)) { (chrome.t("meetups-subscribe_group")) }
                        }
                    }
                    @if !p.description.trim().is_empty() {
                        section.card.prose { (markdown(p.description)) }
                    }
                    (talks_panel)
                    (super::conduct::conduct_block(chrome, p.conduct.0, p.conduct.1))
                }
            }
        },
    )
}

/// The organisers' actions on the meetup, the destructive one last.
fn organisation(chrome: &Chrome, p: &MeetupPage) -> Markup {
    html! {
        section.card #organisation aria-labelledby="organisation-title" {
            h2 #organisation-title { (chrome.t("meetups-organisation")) }
            div.actions {
                a.button.secondary href={ (p.path) "/edit" } { (chrome.t("meetups-edit")) }
                a.button.secondary href=(p.duplicate_path) { (chrome.t("meetups-duplicate")) }
                a.button.secondary href={ (p.path) "/messages" } { (chrome.t("messages-write_to_participants")) }
                a.button.secondary href={ (p.path) "/talks/review" } { (chrome.t("meetups-review_talks")) }
                a.button.secondary href={ (p.path) "/sponsors" } { (chrome.t("sponsors-meetup_link")) }
                a.button.secondary href={ (p.path) "/cohosts" } { (chrome.t("cohosts-link")) }
                a.button.secondary href={ (p.path) "/checkin" } { (chrome.t("checkin-link")) }
                @if p.started { a.button.secondary href={ (p.path) "/report" } { (chrome.t("meetups-report")) } }
                @if p.reinstatable {
                    form method="post" action={ (p.path) "/reinstate" } {
                        (csrf_input(chrome))
                        button.secondary type="submit" { (chrome.t("meetups-reinstate")) }
                    }
                }
                @if !p.cancelled { a.button.danger href={ (p.path) "/cancel" } { (chrome.t("meetups-cancel")) } }
                @if p.deletable { a.button.danger href={ (p.path) "/delete" } { (chrome.t("meetups-delete")) } }
            }
        }
    }
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct MeetupForm {
    pub title: String,
    pub description: String,
    pub starts_at: String,
    pub ends_at: String,
    pub venue_id: String,
    pub online_url: String,
    /// The checkbox "show the online link to everyone": `Some("on")` when ticked.
    pub online_url_public: Option<String>,
    pub capacity: String,
    pub rsvp_deadline: String,
    /// `48h`; empty for never (see `domain::reconfirm`).
    pub reconfirm_before: String,
    pub auto_release_before: String,
    /// On creation, the checkbox "announce to members": `Some("on")` when ticked.
    pub announce: Option<String>,
    /// On creation, "Make this a series": empty, `weekly`, `biweekly`, `monthly_nth` or
    /// `monthly_last`.
    pub repeat: String,
    /// On an edit, the organiser's word carried in the change notice (not kept).
    pub note: String,
    /// On creation, "create it anyway" ticked for a start in the past: `Some("on")`.
    pub confirm_past: Option<String>,
    /// The other fields sent: `pool_talk-{id}` = `on` for each pool talk to put on the programme.
    #[serde(flatten)]
    pub rest: std::collections::BTreeMap<String, String>,
}

impl MeetupForm {
    /// Ids of the pool talks ticked, to put on the meetup's programme in this order.
    pub fn pool_talks(&self) -> Vec<TalkId> {
        self.rest
            .iter()
            .filter_map(|(k, v)| k.strip_prefix(POOL_TALK).filter(|_| v == "on"))
            .map(TalkId::from)
            .collect()
    }
}

const POOL_TALK: &str = "pool_talk-";

/// A pool talk the meetup form offers, as (id, « Title — Speaker, 3 votes »).
pub type PoolChoice = (TalkId, String);

/// Where the meetup form posts and what it offers to choose from.
pub struct FormContext<'a> {
    pub action: &'a str,
    /// An existing meetup (no announcement or series choice), else a new one.
    pub editing: bool,
    pub timezone: &'a str,
    pub venues: &'a [Venue],
    pub pool: &'a [PoolChoice],
    /// Editing one date of a series: the series' edit form, offered for every date to come.
    pub series_edit: Option<String>,
    /// A new meetup: the form opening a poll on its date instead.
    pub new_poll: Option<String>,
}

pub fn meetup_form(
    chrome: &Chrome,
    c: &FormContext,
    form: &MeetupForm,
    errors: &FormErrors,
) -> Markup {
    let FormContext {
        action,
        editing,
        timezone,
        venues,
        pool,
        ref series_edit,
        ref new_poll,
    } = *c;
    let ticked = form.pool_talks();
    let title = chrome.t(if editing {
        "meetups-edit_title"
    } else {
        "meetups-new_title"
    });
    let mut options: Vec<(&str, &str)> = vec![("", chrome.t("meetups-no_venue"))];
    options.extend(venues.iter().map(|v| (v.id.as_str(), v.name.as_str())));
    let repeats = [
        ("", chrome.t("series-repeat-none")),
        ("weekly", chrome.t("series-repeat-weekly")),
        ("biweekly", chrome.t("series-repeat-biweekly")),
        ("monthly_nth", chrome.t("series-repeat-monthly_nth")),
        ("monthly_last", chrome.t("series-repeat-monthly_last")),
    ];
    let time_hint = tf(chrome.lang, "meetups-time_hint", &[("tz", &timezone)]);
    let ends_hint = tf(chrome.lang, "meetups-ends_hint", &[("tz", &timezone)]);
    layout(
        chrome,
        title,
        html! {
            div.card.narrow {
                h1 { (title) }
                @if let Some(series_edit) = series_edit {
                    p.flash.wait #only-this-date {
                        (chrome.t("meetups-series_only_this")) " "
                        a href=(series_edit) { (chrome.t("series-edit")) }
                    }
                }
                @if let Some(path) = new_poll {
                    p.hint #poll-instead { (chrome.t("poll-date_unsure")) " " a href=(path) { (chrome.t("poll-new_title")) } }
                }
                (error_summary(chrome, errors))
                form.stack method="post" action=(action) novalidate {
                    (csrf_input(chrome))
                    (Field::new("title", chrome.t("meetups-title"), &form.title).required().render(errors))
                    (Field::new("starts_at", chrome.t("meetups-starts_at"), &form.starts_at).kind("datetime-local").required().hint(&time_hint).render(errors))
                    @if !editing && errors.for_field("starts_at") == Some(chrome.t("meetups-past_confirm")) {
                        label.checkbox #confirm-past { input type="checkbox" name="confirm_past" value="on"; (chrome.t("meetups-past_confirm_box")) }
                    }
                    (Field::new("ends_at", chrome.t("meetups-ends_at"), &form.ends_at).kind("datetime-local").hint(&ends_hint).render(errors))
                    (Field::new("venue_id", chrome.t("meetups-venue"), &form.venue_id).select(&options).render(errors))
                    (Field::new("online_url", chrome.t("meetups-online_url"), &form.online_url).kind("url").hint(chrome.t("meetups-online_url_hint")).render(errors))
                    label.checkbox { input type="checkbox" name="online_url_public" value="on" checked[form.online_url_public.is_some()]; (chrome.t("meetups-online_url_public")) }
                    @if !editing {
                        label.checkbox { input type="checkbox" name="announce" value="on" checked[form.announce.is_some()]; (chrome.t("meetups-announce")) }
                        (Field::new("repeat", chrome.t("series-repeat"), &form.repeat).select(&repeats).hint(chrome.t("series-repeat_hint")).render(errors))
                    }
                    (Field::new("capacity", chrome.t("meetups-capacity"), &form.capacity).kind("number").range(Some("1"), None).hint(chrome.t("meetups-capacity_hint")).render(errors))
                    (Field::new("rsvp_deadline", chrome.t("meetups-rsvp_deadline"), &form.rsvp_deadline).kind("datetime-local").hint(&time_hint).render(errors))
                    (super::groups::seat_rule_fields(chrome, (&form.reconfirm_before, &form.auto_release_before), errors))
                    (Field::new("description", chrome.t("meetups-description"), &form.description).textarea().hint(chrome.t("groups-description_hint")).render(errors))
                    @if editing {
                        (Field::new("note", chrome.t("meetups-change_note"), &form.note).textarea().hint(chrome.t("meetups-change_note_hint")).render(errors))
                    }
                    @if !pool.is_empty() {
                        fieldset {
                            legend { (chrome.t("meetups-pool_talks")) }
                            p.hint { (chrome.t("meetups-pool_talks_hint")) }
                            @for (id, label) in pool {
                                label.checkbox { input type="checkbox" name={ (POOL_TALK) (id) } value="on" checked[ticked.contains(id)]; (label) }
                            }
                        }
                    }
                    div.actions { button type="submit" { (chrome.t(if editing { "meetups-save" } else { "meetups-create_submit" })) } }
                }
                @if editing {
                    p #sponsors-link { a href={ (action.trim_end_matches("/edit")) "/sponsors" } { (chrome.t("sponsors-meetup_link")) } }
                    p #cohosts-link { a href={ (action.trim_end_matches("/edit")) "/cohosts" } { (chrome.t("cohosts-link")) } }
                }
            }
        },
    )
}

/// What a destructive meetup action asks before it happens.
#[derive(Clone, Copy)]
pub enum Confirm {
    Cancel,
    /// Deleting is for a meetup nobody answered: otherwise the page says to cancel it instead.
    Delete,
}

pub fn confirm_page(chrome: &Chrome, what: Confirm, title: &str, path: &str) -> Markup {
    let (action, heading, text, confirm) = match what {
        Confirm::Cancel => (
            "cancel",
            "meetups-cancel_title",
            "meetups-cancel_text",
            "meetups-cancel_confirm",
        ),
        Confirm::Delete => (
            "delete",
            "meetups-delete_title",
            "meetups-delete_text",
            "meetups-delete_confirm",
        ),
    };
    let heading = chrome.t(heading);
    layout(
        chrome,
        heading,
        html! {
            div.card.narrow {
                h1 { (heading) }
                p { strong { (title) } }
                p { (chrome.t(text)) }
                form.actions method="post" action={ (path) "/" (action) } {
                    (csrf_input(chrome))
                    button.danger type="submit" { (chrome.t(confirm)) }
                    a href=(path) { (chrome.t("meetups-cancel_back")) }
                }
            }
        },
    )
}
