//! Small building blocks shared by pages: accessible form fields, the CSRF input, error summaries.

use maud::{html, Markup};

use super::Chrome;
use crate::i18n::colon;

/// Field errors of a form being re-displayed, already in the reader's language.
#[derive(Default, Debug)]
pub struct FormErrors(pub Vec<(&'static str, String)>);

impl FormErrors {
    pub fn for_field(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn one(field: &'static str, message: String) -> FormErrors {
        FormErrors(vec![(field, message)])
    }

    /// The same errors, `from` named as the form names it.
    pub fn renamed(mut self, from: &str, to: &'static str) -> FormErrors {
        for (field, _) in self.0.iter_mut() {
            if *field == from {
                *field = to;
            }
        }
        self
    }
}

pub fn csrf_input(chrome: &Chrome) -> Markup {
    html! { input type="hidden" name="csrf_token" value=(chrome.csrf); }
}

/// The catalogue key of the label a field goes by in the forms, by the field's name: error
/// summaries name the field each message is about.
fn field_label_key(field: &str) -> Option<&'static str> {
    if field.starts_with("date_options") {
        return Some("poll-date_options");
    }
    Some(match field {
        "abstract" => "talks-abstract",
        "address" => "venues-address",
        "attendee_visibility" => "groups-attendee_visibility",
        "auto_release_before" => "seats-auto_release_before",
        "audience" => "messages-audience",
        "body" => "messages-body",
        "body_markdown" => "reports-body",
        "capacity" => "meetups-capacity",
        "closes_at" => "poll-closes_at",
        "date_option" => "poll-date_option",
        "code" => "selfcheckin-code",
        "repeat" => "series-repeat",
        "city" => "venues-city",
        "current_password" => "account-current_password",
        "description" => "meetups-description",
        "duration_minutes" => "talks-duration",
        "email" => "auth-email",
        "email_password" => "account-current_password",
        "ends_at" => "meetups-ends_at",
        "files" => "import-files",
        "group_slug" => "cohosts-group",
        "guests" => "rsvp-guests",
        "latitude" => "venues-latitude",
        "links" => "groups-links",
        "locale" => "auth-locale",
        "longitude" => "venues-longitude",
        "meetup_id" => "venue_suggestions-for_meetup",
        "name" => "auth-name",
        "note" => "venue_suggestions-note",
        "online_url" => "meetups-online_url",
        "password" => "auth-password",
        "priority_hours" => "poll-priority_hours",
        "reconfirm_before" => "seats-reconfirm_before",
        "rsvp_deadline" => "meetups-rsvp_deadline",
        "slug" => "groups-slug",
        "speaker_name" => "talks-speaker_name",
        "starts_at" => "meetups-starts_at",
        "subject" => "messages-subject",
        "target_meetup_id" => "poll-target",
        "timezone" => "groups-timezone",
        "title" => "meetups-title",
        "url" => "venues-url",
        "venue_id" => "meetups-venue",
        "venue_option" => "poll-venue_option",
        "venue_options" => "poll-venue_options",
        _ => return None,
    })
}

/// A summary at the top of a form that failed, linking to each faulty field by its label.
pub fn error_summary(chrome: &Chrome, errors: &FormErrors) -> Markup {
    html! {
        @if !errors.is_empty() {
            // Focused after a failed submit, so keyboard and screen-reader users start here.
            div.flash.bad #error-summary role="alert" tabindex="-1" autofocus {
                p { strong { (chrome.t("form-errors")) } }
                ul {
                    @for (field, message) in &errors.0 {
                        li {
                            a href={ "#" (field) } {
                                @if let Some(key) = field_label_key(field) {
                                    strong { (chrome.t(key)) } (colon(chrome.lang))
                                }
                                (message)
                            }
                        }
                    }
                }
            }
        }
    }
}

pub enum Control<'a> {
    Input(&'a str),
    TextArea,
    Select(&'a [(&'a str, &'a str)]),
    /// Options under headings, as (heading, [(value, label)]).
    GroupedSelect(&'a [OptionGroup<'a>]),
}

/// A heading of a select and its options, as (value, label).
pub type OptionGroup<'a> = (&'a str, Vec<(&'a str, &'a str)>);

/// A labelled form control whose error text is tied to it with `aria-describedby`.
pub struct Field<'a> {
    pub name: &'static str,
    pub label: &'a str,
    pub value: &'a str,
    pub control: Control<'a>,
    pub required: bool,
    pub hint: Option<&'a str>,
    pub autocomplete: Option<&'a str>,
    pub min: Option<&'a str>,
    pub max: Option<&'a str>,
}

impl<'a> Field<'a> {
    pub fn new(name: &'static str, label: &'a str, value: &'a str) -> Self {
        Field {
            name,
            label,
            value,
            control: Control::Input("text"),
            required: false,
            hint: None,
            autocomplete: None,
            min: None,
            max: None,
        }
    }
    pub fn kind(mut self, kind: &'a str) -> Self {
        self.control = Control::Input(kind);
        self
    }
    pub fn textarea(mut self) -> Self {
        self.control = Control::TextArea;
        self
    }
    pub fn select(mut self, options: &'a [(&'a str, &'a str)]) -> Self {
        self.control = Control::Select(options);
        self
    }
    pub fn grouped_select(mut self, groups: &'a [OptionGroup<'a>]) -> Self {
        self.control = Control::GroupedSelect(groups);
        self
    }
    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }
    pub fn hint(mut self, hint: &'a str) -> Self {
        self.hint = Some(hint);
        self
    }
    pub fn autocomplete(mut self, value: &'a str) -> Self {
        self.autocomplete = Some(value);
        self
    }
    pub fn range(mut self, min: Option<&'a str>, max: Option<&'a str>) -> Self {
        self.min = min;
        self.max = max;
        self
    }

    pub fn render(&self, errors: &FormErrors) -> Markup {
        let error = errors.for_field(self.name);
        let hint_id = format!("{}-hint", self.name);
        let error_id = format!("{}-error", self.name);
        let described: Vec<&str> = [
            self.hint.map(|_| hint_id.as_str()),
            error.map(|_| error_id.as_str()),
        ]
        .into_iter()
        .flatten()
        .collect();
        let described = (!described.is_empty()).then(|| described.join(" "));
        let invalid = error.map(|_| "true");
        html! {
            div.field {
                label for=(self.name) {
                    (self.label)
                    // The control's `required` tells assistive technology; the star tells eyes.
                    @if self.required { " " span.required aria-hidden="true" { "*" } }
                }
                @if let Some(hint) = self.hint { span.hint id=(hint_id) { (hint) } }
                @if let Some(error) = error { span.error id=(error_id) { (error) } }
                @match self.control {
                    Control::Input(kind) => {
                        input id=(self.name) name=(self.name) type=(kind) value=(self.value)
                            required[self.required] autocomplete=[self.autocomplete]
                            aria-describedby=[described.as_deref()] aria-invalid=[invalid]
                            min=[self.min] max=[self.max];
                    }
                    Control::TextArea => {
                        textarea id=(self.name) name=(self.name) required[self.required]
                            aria-describedby=[described.as_deref()] aria-invalid=[invalid] { (self.value) }
                    }
                    Control::Select(options) => {
                        select id=(self.name) name=(self.name) required[self.required]
                            aria-describedby=[described.as_deref()] aria-invalid=[invalid] {
                            @for (value, label) in options {
                                option value=(value) selected[*value == self.value] { (label) }
                            }
                        }
                    }
                    Control::GroupedSelect(groups) => {
                        select id=(self.name) name=(self.name) required[self.required]
                            aria-describedby=[described.as_deref()] aria-invalid=[invalid] {
                            @for (heading, options) in groups {
                                optgroup label=(heading) {
                                    @for (value, label) in options {
                                        option value=(value) selected[*value == self.value] { (label) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A line of plain text from Markdown written by organisers, for link previews: markup signs
/// dropped, blanks collapsed, at most `max` characters.
pub fn excerpt(markdown: &str, max: usize) -> String {
    let plain: String = markdown
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '#' | '`' | '>'))
        .collect();
    let words = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    if words.chars().count() <= max {
        return words;
    }
    let cut: String = words.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// A calendar feed to subscribe to from any device: its `https://` address in a read-only field
/// that one click selects whole (to copy, without JavaScript), the `webcal://` link calendar apps
/// open, and Google Calendar's subscription page beside it.
pub fn feed_subscription(chrome: &Chrome, id: &str, feed_url: &str, subscribe: &str) -> Markup {
    let hint = format!("{id}-hint");
    html! {
        div.field.feed-subscription {
            label for=(id) { (chrome.t("feed-address")) }
            span.hint id=(hint) { (chrome.t("feed-address_hint")) }
            input.copy-field type="url" readonly id=(id) value=(feed_url) aria-describedby=(hint);
        }
        div.actions {
            a.button.secondary href=(crate::ical::webcal_url(feed_url)) { (subscribe) }
            a.button.secondary href=(crate::ical::google_calendar_url(feed_url)) rel="noopener" { (chrome.t("feed-google")) }
        }
    }
}

/// The page's flash when it answers the form whose id is `anchor`: shown next to that form.
pub fn placed_flash(chrome: &Chrome, anchor: &str) -> Markup {
    html! {
        @if let Some(flash) = chrome.flash.filter(|f| f.anchor.as_deref() == Some(anchor)) {
            (super::layout::flash_box(flash))
        }
    }
}

#[cfg(test)]
mod excerpt_tests {
    use super::excerpt;

    #[test]
    fn previews_are_short_plain_text() {
        assert_eq!(
            excerpt("## Les **poneys**\n\nauvergnats", 100),
            "Les poneys auvergnats"
        );
        assert_eq!(excerpt("abcdef", 4), "abc…");
    }
}
