//! Home, group page and the organisers' group and venue forms.

use maud::{html, Markup};
use serde::Deserialize;

use super::components::{
    csrf_input, error_summary, excerpt, feed_subscription, Field, FormErrors, OptionGroup,
};
use super::layout::{layout, layout_with_head, Card, HeadExtras};
use super::{markdown, Chrome};
use crate::db::models::{Group, Venue};
use crate::domain::group::{GroupLink, GroupRole};
use crate::domain::ids::VenueId;
use crate::domain::rsvp::RsvpStatus;
use crate::domain::time_zones::zone_choices;
use crate::i18n::{self, tf};
use crate::urls::{
    group_messages_path, group_path, join_next_path, login_path, new_meetup_path, register_path,
};

/// A meetup in a list: already formatted for the reader.
pub struct MeetupItem {
    pub path: String,
    pub title: String,
    pub when: String,
    pub group_name: Option<String>,
    pub place: Option<String>,
    pub cancelled: bool,
    /// Free seats at a meetup to come with a capacity.
    pub seats_left: Option<i64>,
    /// The signed-in reader's answer, where the list shows it.
    pub answer: Option<RsvpStatus>,
}

/// "You're going" (or waitlisted) for the reader, else "Full" or the seats left.
pub fn seat_badges(chrome: &Chrome, m: &MeetupItem) -> Markup {
    html! {
        @match m.answer {
            Some(RsvpStatus::Going) => { " " span.badge.ok { (chrome.t("groups-you_going")) } }
            Some(RsvpStatus::Waitlisted) => { " " span.badge.warn { (chrome.t("groups-you_waitlisted")) } }
            _ => {}
        }
        @match m.seats_left {
            Some(0) => { " " span.badge.warn { (chrome.t("groups-full")) } }
            Some(n) => { " " span.badge { (tf(chrome.lang, "groups-seats_left", &[("n", &n)])) } }
            None => {}
        }
    }
}

pub fn meetup_list(chrome: &Chrome, items: &[MeetupItem], empty_key: &str) -> Markup {
    html! {
        @if items.is_empty() {
            p.muted { (chrome.t(empty_key)) }
        } @else {
            ul.list {
                @for m in items {
                    li {
                        a href=(m.path) { strong { (m.title) } }
                        @if m.cancelled { " " span.badge.bad { (chrome.t("meetups-cancelled_badge")) } }
                        (seat_badges(chrome, m))
                        br;
                        span.meta {
                            span.when { (m.when) }
                            @if let Some(g) = &m.group_name { " · " (g) }
                            @if let Some(p) = &m.place { " · " (p) }
                        }
                    }
                }
            }
        }
    }
}

pub struct GroupSummary {
    pub slug: String,
    pub name: String,
    pub members: i64,
}

/// `may_create`: the visitor is signed in and may create groups here.
pub fn home(
    chrome: &Chrome,
    may_create: bool,
    groups: &[GroupSummary],
    upcoming: &[MeetupItem],
) -> Markup {
    layout(
        chrome,
        chrome.t("home-title"),
        html! {
            section.card {
                h1 { (chrome.t("app-name")) }
                p.muted { (chrome.t("home-welcome")) }
                @if may_create {
                    p { a.button href="/groups/new" { (chrome.t("home-create_group")) } }
                }
            }
            div.grid.two {
                section.card aria-labelledby="upcoming" {
                    h2 #upcoming { (chrome.t("home-title")) }
                    (meetup_list(chrome, upcoming, "home-no_meetups"))
                }
                section.card aria-labelledby="groups" {
                    h2 #groups { (chrome.t("home-groups")) }
                    @if groups.is_empty() {
                        p.muted { (chrome.t("home-no_groups")) }
                    } @else {
                        ul.list {
                            @for g in groups {
                                li {
                                    a href=(group_path(&g.slug)) { (g.name) }
                                    " " span.meta { (tf(chrome.lang, "groups-members", &[("n", &g.members)])) }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

pub struct GroupPage<'a> {
    pub group: &'a Group,
    pub members: i64,
    pub role: Option<GroupRole>,
    pub signed_in: bool,
    pub upcoming: Vec<MeetupItem>,
    pub past: Vec<MeetupItem>,
    pub venues: Vec<Venue>,
    pub feed_url: String,
    /// The page's own absolute URL, for link previews.
    pub url: String,
    /// The preview image's absolute URL (the banner's, when the group has one), and its size.
    pub card_image: String,
    pub card_image_size: (u32, u32),
    /// The group's banner (its path), when it has one.
    pub banner: Option<String>,
    pub atom_url: String,
    /// Sections other features add: venue suggestions, reports.
    pub extra: Vec<Markup>,
}

pub fn group_page(chrome: &Chrome, p: &GroupPage) -> Markup {
    let g = p.group;
    let base = group_path(&g.slug);
    let links: Vec<GroupLink> = g.link_list();
    let description = excerpt(&g.description, 200);
    let head = HeadExtras {
        card: Some(Card {
            title: &g.name,
            group: None,
            description: &description,
            url: &p.url,
            image: &p.card_image,
            image_size: p.card_image_size,
        }),
        feeds: vec![
            (
                "application/atom+xml",
                tf(chrome.lang, "groups-feed_atom", &[("group", &g.name)]),
                p.atom_url.clone(),
            ),
            (
                "text/calendar",
                tf(chrome.lang, "groups-feed_ical", &[("group", &g.name)]),
                p.feed_url.clone(),
            ),
        ],
    };
    layout_with_head(
        chrome,
        &g.name,
        head.render(chrome),
        html! {
            @if let Some(banner) = &p.banner { (super::sponsors::group_banner(banner)) }
            div.grid.two {
                div {
                    section.card {
                        h1 { (g.name) }
                        p.meta {
                            (tf(chrome.lang, "groups-members", &[("n", &p.members)]))
                            " · " (g.timezone)
                        }
                        div.prose { (markdown(&g.description)) }
                        @if !links.is_empty() {
                            ul.actions aria-label=(chrome.t("groups-links")) {
                                @for l in &links { li { a href=(l.url) rel="nofollow noopener" { (l.label) } } }
                            }
                        }
                        div.actions {
                            @match p.role {
                                Some(GroupRole::Organiser) => { span.badge.ok { (chrome.t("groups-you_are_organiser")) } }
                                Some(GroupRole::Helper) => { span.badge.ok { (chrome.t("groups-you_are_helper")) } }
                                Some(GroupRole::Member) => { span.badge.ok { (chrome.t("groups-you_are_member")) } }
                                None if p.signed_in => {
                                    form method="post" action={ (base) "/join" } {
                                        (csrf_input(chrome))
                                        @if let Some(url) = g.code_of_conduct_url.as_deref().filter(|u| crate::domain::conduct::is_required(g.require_code_of_conduct, Some(u))) {
                                            (super::conduct::accept_box(chrome, url))
                                        }
                                        button type="submit" { (chrome.t("groups-join")) }
                                    }
                                }
                                None => {
                                    @let next = join_next_path(&base);
                                    a.button #join-group href=(register_path(Some(&next))) { (chrome.t("groups-join")) }
                                    a href=(login_path(Some(&next))) { (chrome.t("auth-have_account")) }
                                }
                            }
                            a href=(p.feed_url) { (chrome.t("groups-feed")) }
                            a href=(crate::urls::group_talks_path(&g.slug)) { (chrome.t("pool-title")) }
                        }
                        (feed_subscription(chrome, "group-feed-url", &p.feed_url, chrome.t("groups-subscribe")))
                    }
                    (super::conduct::conduct_block(chrome, g.code_of_conduct_url.as_deref(), g.incident_contact.as_deref()))
                    section.card aria-labelledby="upcoming" {
                        h2 #upcoming { (chrome.t("groups-upcoming")) }
                        (meetup_list(chrome, &p.upcoming, "groups-none_upcoming"))
                    }
                    section.card aria-labelledby="past" {
                        h2 #past { (chrome.t("groups-past")) }
                        (meetup_list(chrome, &p.past, "groups-none_past"))
                    }
                }
                div {
                    @if p.role == Some(GroupRole::Organiser) {
                        section.card aria-labelledby="organise" {
                            h2 #organise { (chrome.t("groups-organise")) }
                            div.actions {
                                a.button href=(new_meetup_path(&g.slug)) { (chrome.t("groups-new_meetup")) }
                                a.button.secondary href=(crate::urls::new_poll_path(&g.slug)) { (chrome.t("poll-new_title")) }
                                a.button.secondary href={ (base) "/venues/new" } { (chrome.t("groups-new_venue")) }
                                a.button.secondary href={ (base) "/edit" } { (chrome.t("groups-edit_title")) }
                                a.button.secondary href=(group_messages_path(&g.slug)) { (chrome.t("messages-write_to_members")) }
                                a.button.secondary href={ (base) "/invitations" } { (chrome.t("invitations-link")) }
                                a.button.secondary href={ (base) "/members" } { (chrome.t("members-title")) }
                                a.button.secondary href={ (base) "/incident-reports" } { (chrome.t("incident-list_title")) }
                                a.button.secondary href={ (base) "/audit" } { (chrome.t("audit-title")) }
                                a.button.secondary href={ (base) "/stats" } { (chrome.t("stats-link")) }
                                a.button.secondary href={ (base) "/reports/import" } { (chrome.t("import-title")) }
                                a.button.secondary href={ (base) "/webhooks" } { (chrome.t("webhooks-title")) }
                                a.button.secondary href={ (base) "/cohosts" } { (chrome.t("cohosts-title")) }
                            }
                            h3 { (chrome.t("groups-venues")) }
                            @if p.venues.is_empty() {
                                p.muted { (chrome.t("groups-no_venues")) }
                            } @else {
                                ul.list {
                                    @for v in &p.venues {
                                        li.split {
                                            span { strong { (v.name) } br; span.meta { (v.address) @if let Some(c) = &v.city { ", " (c) } } }
                                            a href={ (base) "/venues/" (v.id) "/edit" } aria-label=(tf(chrome.lang, "venues-edit_named", &[("venue", &v.name)])) { (chrome.t("venues-edit")) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    @for section in &p.extra { (section) }
                }
            }
        },
    )
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct GroupForm {
    pub slug: String,
    pub name: String,
    pub description: String,
    pub timezone: String,
    pub locale: String,
    /// One `Label | URL` a line.
    pub links: String,
    pub attendee_visibility: String,
    pub code_of_conduct_url: String,
    pub incident_contact: String,
    /// The "members accept it" box, ticked.
    pub require_code_of_conduct: Option<String>,
    /// New meetups' defaults: `48h`, empty for never (see `domain::reconfirm`).
    pub reconfirm_before: String,
    pub auto_release_before: String,
    /// The "people without an account may answer" box, ticked.
    pub guest_rsvps: Option<String>,
}

impl GroupForm {
    pub fn from_group(g: &Group) -> GroupForm {
        GroupForm {
            slug: g.slug.clone(),
            name: g.name.clone(),
            description: g.description.clone(),
            timezone: g.timezone.name().into(),
            locale: g.locale.code().into(),
            links: g
                .link_list()
                .iter()
                .map(|l| format!("{} | {}", l.label, l.url))
                .collect::<Vec<_>>()
                .join("\n"),
            attendee_visibility: g.attendee_visibility.as_str().into(),
            code_of_conduct_url: g.code_of_conduct_url.clone().unwrap_or_default(),
            incident_contact: g.incident_contact.clone().unwrap_or_default(),
            require_code_of_conduct: g.require_code_of_conduct.then(|| "yes".into()),
            reconfirm_before: g.reconfirm_before.clone().unwrap_or_default(),
            auto_release_before: g.auto_release_before.clone().unwrap_or_default(),
            guest_rsvps: g.guest_rsvps.then(|| "yes".into()),
        }
    }
}

/// The embed section of the group's settings: the snippet to paste and the sites allowed.
pub struct EmbedSettings {
    pub embed_url: String,
    pub json_url: String,
    /// Space-separated, as stored; empty: any site.
    pub origins: String,
    pub group_name: String,
    /// The group's banner (its path), when it has one.
    pub banner: Option<String>,
}

fn embed_section(chrome: &Chrome, e: &EmbedSettings, action: &str) -> Markup {
    let title = tf(
        chrome.lang,
        "embed-title",
        &[("group", &e.group_name.as_str())],
    );
    let snippet = format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"420\" style=\"border:0\" loading=\"lazy\"></iframe>",
        e.embed_url,
        title.replace('"', "&quot;")
    );
    let origins = e.origins.replace(' ', "\n");
    html! {
        div.card.narrow #embed {
            h2 { (chrome.t("embed-settings_title")) }
            p { (chrome.t("embed-settings_help")) }
            div.field {
                label for="embed-snippet" { (chrome.t("embed-snippet")) }
                textarea #embed-snippet readonly rows="3" { (snippet) }
            }
            p { (chrome.t("embed-json")) " " a href=(e.json_url) { code { (e.json_url) } } }
            form.stack method="post" action=(action) {
                (csrf_input(chrome))
                div.field {
                    label for="embed_origins" { (chrome.t("embed-origins")) }
                    span.hint #embed_origins-hint { (chrome.t("embed-origins_hint")) }
                    textarea #embed_origins name="embed_origins" aria-describedby="embed_origins-hint" rows="3" { (origins) }
                }
                div.actions { button.secondary type="submit" { (chrome.t("embed-save")) } }
            }
        }
    }
}

pub fn group_form(
    chrome: &Chrome,
    form: &GroupForm,
    errors: &FormErrors,
    editing: Option<&str>,
    embed: Option<&EmbedSettings>,
) -> Markup {
    // Canonical IANA names only, by region, chosen from a list: no free text to mistype. A
    // group on an older name keeps it offered, so saving the form never moves it.
    let mut zones: Vec<OptionGroup> = zone_choices()
        .into_iter()
        .map(|(region, names)| (region, names.into_iter().map(|n| (n, n)).collect()))
        .collect();
    let current = form.timezone.as_str();
    if !current.is_empty()
        && !zones
            .iter()
            .any(|(_, z)| z.iter().any(|(v, _)| *v == current))
    {
        zones.push((current, vec![(current, current)]));
    }
    let title = chrome.t(if editing.is_some() {
        "groups-edit_title"
    } else {
        "groups-new_title"
    });
    let action = editing.map_or("/groups/new".to_string(), |slug| {
        format!("/groups/{slug}/edit")
    });
    let locales = i18n::language_choices();
    let visibilities = [
        ("members", chrome.t("groups-attendees_members")),
        ("public", chrome.t("groups-attendees_public")),
    ];
    layout(
        chrome,
        title,
        html! {
            div.card.narrow {
                h1 { (title) }
                (error_summary(chrome, errors))
                form.stack method="post" action=(action) novalidate {
                    (csrf_input(chrome))
                    @if editing.is_none() {
                        (Field::new("slug", chrome.t("groups-slug"), &form.slug).required().hint(chrome.t("groups-slug_hint")).render(errors))
                    }
                    (Field::new("name", chrome.t("groups-name"), &form.name).required().render(errors))
                    (Field::new("description", chrome.t("groups-description"), &form.description).textarea().hint(chrome.t("groups-description_hint")).render(errors))
                    (Field::new("timezone", chrome.t("groups-timezone"), &form.timezone).grouped_select(&zones).required().hint(chrome.t("groups-timezone_hint")).render(errors))
                    (Field::new("locale", chrome.t("groups-locale"), &form.locale).select(&locales).render(errors))
                    (Field::new("links", chrome.t("groups-links"), &form.links).textarea().hint(chrome.t("groups-links_hint")).render(errors))
                    (Field::new("attendee_visibility", chrome.t("groups-attendee_visibility"), &form.attendee_visibility).select(&visibilities).render(errors))
                    (Field::new("code_of_conduct_url", chrome.t("conduct-url"), &form.code_of_conduct_url).kind("url").hint(chrome.t("conduct-url_hint")).render(errors))
                    (Field::new("incident_contact", chrome.t("conduct-contact"), &form.incident_contact).hint(chrome.t("conduct-contact_hint")).render(errors))
                    (super::conduct::require_box(chrome, form.require_code_of_conduct.is_some()))
                    (seat_rule_fields(chrome, (&form.reconfirm_before, &form.auto_release_before), errors))
                    label.checkbox { input type="checkbox" name="guest_rsvps" value="yes" checked[form.guest_rsvps.is_some()]; (chrome.t("groups-guest_rsvps")) }
                    div.actions { button type="submit" { (chrome.t(if editing.is_some() { "groups-save" } else { "groups-create_submit" })) } }
                }
            }
            @if let (Some(e), Some(slug)) = (embed, editing) {
                (super::sponsors::banner_section(chrome, slug, e.banner.as_deref(), errors))
                (embed_section(chrome, e, &format!("/groups/{slug}/embed/origins")))
                div.card.narrow {
                    h2 { (chrome.t("webhooks-title")) }
                    p { (chrome.t("webhooks-help")) }
                    p { a href={ "/groups/" (slug) "/webhooks" } { (chrome.t("webhooks-add")) } }
                }
            }
        },
    )
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct VenueForm {
    pub name: String,
    pub address: String,
    pub city: String,
    pub latitude: String,
    pub longitude: String,
    pub url: String,
    /// `yes`, `no`, or empty: not known.
    pub step_free: String,
    pub accessible_toilet: String,
    pub hearing_loop: String,
    pub access_notes: String,
    pub entry_instructions: String,
    pub host_contact: String,
    pub capacity: String,
}

/// A fact of the form's yes / no / not known choices.
pub fn known_fact(value: &str) -> Option<bool> {
    match value {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

impl VenueForm {
    pub fn from_venue(v: &Venue) -> Self {
        let number = |n: Option<f64>| n.map(|n| n.to_string()).unwrap_or_default();
        let fact = |f: Option<bool>| match f {
            Some(true) => "yes".to_string(),
            Some(false) => "no".to_string(),
            None => String::new(),
        };
        VenueForm {
            name: v.name.clone(),
            address: v.address.clone(),
            city: v.city.clone().unwrap_or_default(),
            latitude: number(v.latitude),
            longitude: number(v.longitude),
            url: v.url.clone().unwrap_or_default(),
            step_free: fact(v.step_free),
            accessible_toilet: fact(v.accessible_toilet),
            hearing_loop: fact(v.hearing_loop),
            access_notes: v.access_notes.clone().unwrap_or_default(),
            entry_instructions: v.entry_instructions.clone().unwrap_or_default(),
            host_contact: v.host_contact.clone().unwrap_or_default(),
            capacity: v.capacity.map(|c| c.to_string()).unwrap_or_default(),
        }
    }
}

/// Where the venue form posts: a new venue of the group, or a change of an existing one (which
/// may also be deleted).
pub enum VenueTarget<'a> {
    New {
        slug: &'a str,
    },
    Existing {
        slug: &'a str,
        venue_id: &'a VenueId,
    },
}

pub fn venue_form(
    chrome: &Chrome,
    target: &VenueTarget,
    form: &VenueForm,
    errors: &FormErrors,
) -> Markup {
    let (title, action, submit) = match target {
        VenueTarget::New { slug } => (
            chrome.t("venues-new_title"),
            format!("/groups/{slug}/venues/new"),
            chrome.t("venues-submit"),
        ),
        VenueTarget::Existing { slug, venue_id } => (
            chrome.t("venues-edit_title"),
            format!("/groups/{slug}/venues/{venue_id}/edit"),
            chrome.t("venues-save"),
        ),
    };
    let facts = [
        ("", chrome.t("venues-fact_unknown")),
        ("yes", chrome.t("venues-fact_yes")),
        ("no", chrome.t("venues-fact_no")),
    ];
    layout(
        chrome,
        title,
        html! {
            div.card.narrow {
                h1 { (title) }
                (error_summary(chrome, errors))
                form.stack method="post" action=(action) novalidate {
                    (csrf_input(chrome))
                    (Field::new("name", chrome.t("venues-name"), &form.name).required().render(errors))
                    (Field::new("address", chrome.t("venues-address"), &form.address).required().autocomplete("street-address").render(errors))
                    (Field::new("city", chrome.t("venues-city"), &form.city).render(errors))
                    (Field::new("latitude", chrome.t("venues-latitude"), &form.latitude).hint(chrome.t("venues-coordinates_hint")).render(errors))
                    (Field::new("longitude", chrome.t("venues-longitude"), &form.longitude).render(errors))
                    (Field::new("url", chrome.t("venues-url"), &form.url).kind("url").render(errors))
                    (Field::new("capacity", chrome.t("venues-capacity"), &form.capacity).kind("number").hint(chrome.t("venues-capacity_hint")).render(errors))
                    fieldset {
                        legend { (chrome.t("venues-accessibility")) }
                        p.hint { (chrome.t("venues-accessibility_hint")) }
                        (Field::new("step_free", chrome.t("venue-step_free"), &form.step_free).select(&facts).render(errors))
                        (Field::new("accessible_toilet", chrome.t("venue-accessible_toilet"), &form.accessible_toilet).select(&facts).render(errors))
                        (Field::new("hearing_loop", chrome.t("venue-hearing_loop"), &form.hearing_loop).select(&facts).render(errors))
                        (Field::new("access_notes", chrome.t("venues-access_notes"), &form.access_notes).textarea().render(errors))
                    }
                    (Field::new("entry_instructions", chrome.t("venues-entry_instructions"), &form.entry_instructions).textarea().hint(chrome.t("venues-entry_instructions_hint")).render(errors))
                    (Field::new("host_contact", chrome.t("venues-host_contact"), &form.host_contact).hint(chrome.t("venues-host_contact_hint")).render(errors))
                    div.actions { button type="submit" { (submit) } }
                }
                @if let VenueTarget::Existing { slug, venue_id } = target {
                    h2 { (chrome.t("venues-delete_title")) }
                    p { (chrome.t("venues-delete_help")) }
                    form method="post" action={ "/groups/" (slug) "/venues/" (venue_id) "/delete" } {
                        (csrf_input(chrome))
                        button.danger type="submit" { (chrome.t("venues-delete")) }
                    }
                }
            }
        },
    )
}

/// A member as the organisers' members page lists them.
pub struct MemberItem {
    pub user_id: String,
    pub name: String,
    pub email: String,
    pub organiser: bool,
    /// Helps at the door: ticks people in, nothing else.
    pub helper: bool,
    /// Their attendance over the last twelve months, in words.
    pub attendance: String,
    /// The group's only organiser: neither demoted nor removed (the group would have none).
    pub last_organiser: bool,
    /// When they accepted the code of conduct, in words.
    pub conduct_accepted: Option<String>,
}

/// The organisers' list of members: roles, and buttons to promote, demote or remove.
/// Links to the pages before and after this one of a long list, when there are.
pub struct Pages {
    pub previous: Option<String>,
    pub next: Option<String>,
}

pub fn members_page(
    chrome: &Chrome,
    group: &Group,
    members: &[MemberItem],
    pages: &Pages,
) -> Markup {
    let title = chrome.t("members-title");
    let base = group_path(&group.slug);
    layout(
        chrome,
        title,
        html! {
            p.meta { a href=(base) { "← " (group.name) } }
            div.card {
                h1 { (title) }
                p { (chrome.t("members-help")) }
                p.actions {
                    a href={ (base) "/bans" } { (chrome.t("bans-title")) }
                    " · "
                    a href={ (base) "/audit" } { (chrome.t("audit-title")) }
                    " · "
                    a href={ (base) "/stats" } { (chrome.t("stats-link")) }
                }
                table.data {
                    thead { tr {
                        th scope="col" { (chrome.t("members-name")) }
                        th scope="col" { (chrome.t("members-email")) }
                        th scope="col" { (chrome.t("members-role")) }
                        th scope="col" { (chrome.t("attendance-title")) }
                        @if group.code_of_conduct_url.is_some() { th scope="col" { (chrome.t("members-conduct_accepted")) } }
                        th scope="col" { (chrome.t("members-actions")) }
                    } }
                    tbody {
                        @for m in members {
                            tr {
                                td { (m.name) }
                                td { a href={ "mailto:" (m.email) } { (m.email) } }
                                td {
                                    @if m.organiser { span.badge.ok { (chrome.t("members-organiser")) } }
                                    @else if m.helper { span.badge { (chrome.t("members-helper")) } }
                                    @else { (chrome.t("members-member")) }
                                }
                                td.attendance { (m.attendance) }
                                @if group.code_of_conduct_url.is_some() {
                                    td.conduct-accepted { (m.conduct_accepted.as_deref().unwrap_or("—")) }
                                }
                                td.actions {
                                    @if m.last_organiser { (chrome.t("members-last_organiser")) }
                                    @else {
                                        form method="post" action={ (base) "/members/" (m.user_id) "/role" } {
                                            (csrf_input(chrome))
                                            @if m.organiser {
                                                input type="hidden" name="role" value="member";
                                                button.secondary type="submit" aria-label=(format!("{} ({})", chrome.t("members-demote"), m.name)) { (chrome.t("members-demote")) }
                                            } @else {
                                                input type="hidden" name="role" value="organiser";
                                                button.secondary type="submit" aria-label=(format!("{} ({})", chrome.t("members-promote"), m.name)) { (chrome.t("members-promote")) }
                                            }
                                        }
                                        @if !m.organiser {
                                            form method="post" action={ (base) "/members/" (m.user_id) "/role" } {
                                                (csrf_input(chrome))
                                                @let (role, key) = if m.helper { ("member", "members-unmake_helper") } else { ("helper", "members-make_helper") };
                                                input type="hidden" name="role" value=(role);
                                                button.secondary type="submit" aria-label=(format!("{} ({})", chrome.t(key), m.name)) { (chrome.t(key)) }
                                            }
                                        }
                                        form method="post" action={ (base) "/members/" (m.user_id) "/remove" } {
                                            (csrf_input(chrome))
                                            button.danger type="submit" aria-label=(format!("{} ({})", chrome.t("members-remove"), m.name)) { (chrome.t("members-remove")) }
                                        }
                                    }
                                    @if !m.organiser {
                                        a.button.danger href={ (base) "/members/" (m.user_id) "/ban" } aria-label=(format!("{} ({})", chrome.t("bans-ban"), m.name)) { (chrome.t("bans-ban")) }
                                    }
                                }
                            }
                        }
                    }
                }
                @if pages.previous.is_some() || pages.next.is_some() {
                    nav.actions aria-label=(chrome.t("members-pages")) {
                        @if let Some(href) = &pages.previous { a href=(href) { (chrome.t("members-previous")) } }
                        @if let Some(href) = &pages.next { a href=(href) { (chrome.t("members-next")) } }
                    }
                }
            }
        },
    )
}

/// "Still coming?" and the release of unconfirmed seats, as the group and meetup forms take them.
pub fn seat_rule_fields(
    chrome: &Chrome,
    (reconfirm, release): (&str, &str),
    errors: &FormErrors,
) -> Markup {
    html! {
        (Field::new("reconfirm_before", chrome.t("seats-reconfirm_before"), reconfirm).hint(chrome.t("seats-reconfirm_before_hint")).render(errors))
        (Field::new("auto_release_before", chrome.t("seats-auto_release_before"), release).hint(chrome.t("seats-auto_release_before_hint")).render(errors))
    }
}
