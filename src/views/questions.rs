//! RSVP questions: the fields of the RSVP form, the organisers' page that sets them (with the
//! host link), and what a host link shows (HTML and CSV).

use std::collections::HashMap;

use maud::{html, Markup};
use serde_json::Value;

use super::components::{csrf_input, error_summary, FormErrors};
use super::layout::layout;
use super::rsvp::neutral_cell;
use super::Chrome;
use crate::domain::ids::UserId;
use crate::domain::question::{
    display, host_cell, HostCell, HostRow, Question, QuestionKind, Replies,
};
use crate::i18n::{t, Lang};

/// One question on the RSVP form, with what the member answered (or just sent).
pub struct QuestionField {
    pub question: Question,
    pub value: Option<Value>,
    pub withheld: bool,
    /// The fault of what was just sent.
    pub error: Option<String>,
}

/// The name of a question's field on the RSVP form (`q.<id>`) and of its "withhold" box.
pub fn value_name(q: &Question) -> String {
    format!("q.{}", q.id)
}
pub fn withhold_name(q: &Question) -> String {
    format!("withhold.{}", q.id)
}

/// The questions on the RSVP form: each field says when its answer is shared with the host,
/// with a box to withhold it.
pub fn question_fields(chrome: &Chrome, fields: &[QuestionField]) -> Markup {
    html! {
        @if !fields.is_empty() {
            input type="hidden" name="questions" value="1";
        }
        @for (i, f) in fields.iter().enumerate() {
            @let q = &f.question;
            @let id = format!("question-{i}");
            @let hint_id = format!("question-{i}-hint");
            @let err_id = format!("question-{i}-error");
            @let name = value_name(q);
            @let described = match (q.share_with_host, f.error.is_some()) {
                (true, true) => format!("{hint_id} {err_id}"),
                (true, false) => hint_id.clone(),
                (false, true) => err_id.clone(),
                (false, false) => String::new(),
            };
            @let text = f.value.as_ref().and_then(Value::as_str).unwrap_or("");
            div.field.question data-question=(q.id) {
                @match q.kind {
                    QuestionKind::Text => {
                        label for=(id) { (q.label) @if q.required { " *" } }
                        (shared_hint(chrome, q, &hint_id))
                        (field_error(f, &err_id))
                        input #(id) type="text" name=(name) value=(text) maxlength="1000"
                            required[q.required] aria-invalid=[f.error.as_ref().map(|_| "true")]
                            aria-describedby=[(!described.is_empty()).then_some(described.as_str())];
                    }
                    QuestionKind::Choice => {
                        label for=(id) { (q.label) @if q.required { " *" } }
                        (shared_hint(chrome, q, &hint_id))
                        (field_error(f, &err_id))
                        select #(id) name=(name) required[q.required]
                            aria-invalid=[f.error.as_ref().map(|_| "true")]
                            aria-describedby=[(!described.is_empty()).then_some(described.as_str())] {
                            option value="" { "—" }
                            @for o in &q.options {
                                option value=(o) selected[text == o] { (o) }
                            }
                        }
                    }
                    QuestionKind::Multi => {
                        // Sent even with nothing ticked, so that untick clears the answer.
                        input type="hidden" name=(name) value="";
                        fieldset aria-describedby=[(!described.is_empty()).then_some(described.as_str())] {
                            legend { (q.label) @if q.required { " *" } }
                            (shared_hint(chrome, q, &hint_id))
                            (field_error(f, &err_id))
                            @for (j, o) in q.options.iter().enumerate() {
                                @let oid = format!("{id}-{j}");
                                @let on = f.value.as_ref().and_then(Value::as_array).is_some_and(|a| a.iter().any(|v| v.as_str() == Some(o)));
                                div.check {
                                    input #(oid) type="checkbox" name=(name) value=(o) checked[on];
                                    label for=(oid) { (o) }
                                }
                            }
                        }
                    }
                    QuestionKind::Checkbox => {
                        input type="hidden" name=(name) value="";
                        (shared_hint(chrome, q, &hint_id))
                        (field_error(f, &err_id))
                        div.check {
                            input #(id) type="checkbox" name=(name) value="true"
                                checked[f.value.as_ref().and_then(Value::as_bool) == Some(true)]
                                required[q.required]
                                aria-describedby=[(!described.is_empty()).then_some(described.as_str())];
                            label for=(id) { (q.label) @if q.required { " *" } }
                        }
                    }
                }
                @if q.share_with_host {
                    @let wid = format!("{id}-withhold");
                    div.check.withhold {
                        input #(wid) type="checkbox" name=(withhold_name(q)) value="1" checked[f.withheld];
                        label for=(wid) { (chrome.t("questions-withhold")) }
                    }
                }
            }
        }
    }
}

fn shared_hint(chrome: &Chrome, q: &Question, hint_id: &str) -> Markup {
    html! {
        @if q.share_with_host {
            span.hint.shared id=(hint_id) { (chrome.t("questions-shared_with_host")) }
        }
    }
}

fn field_error(f: &QuestionField, err_id: &str) -> Markup {
    html! {
        @if let Some(e) = &f.error {
            span.error id=(err_id) { (e) }
        }
    }
}

/// What a host link shows.
pub struct HostView<'a> {
    pub meetup_title: &'a str,
    pub when: &'a str,
    pub place: Option<&'a str>,
    pub questions: &'a [Question],
    /// Name, guests, each shared question's answer (with whether it is withheld).
    pub people: &'a [HostRow],
    /// The same list as CSV.
    pub csv_path: &'a str,
}

fn cell_text(lang: Lang, cell: HostCell) -> (String, bool) {
    match cell {
        HostCell::Shared(s) => (s, false),
        HostCell::NotShared => (t(lang, "questions-not_shared").to_string(), true),
        HostCell::Blank => (String::new(), false),
    }
}

/// The host's page: who is going (with their guests) and the answers they share.
pub fn host_page(chrome: &Chrome, view: &HostView) -> Markup {
    let title = chrome.t("questions-host_title");
    let (yes, no) = (chrome.t("questions-yes"), chrome.t("questions-no"));
    layout(
        chrome,
        title,
        html! {
            div.card.sheet #host-list {
                h1 { (view.meetup_title) }
                p { (view.when) @if let Some(place) = view.place { " · " (place) } }
                p.muted { (chrome.t("questions-host_intro")) }
                // One column per shared question: it scrolls within itself on a phone.
                div.table-scroll tabindex="0" role="region" aria-labelledby="host-caption" {
                    table.data {
                        caption #host-caption { (title) }
                        thead { tr {
                            th scope="col" { (chrome.t("csv-name")) }
                            th scope="col" { (chrome.t("csv-guests")) }
                            @for q in view.questions { th scope="col" { (q.label) } }
                        } }
                        tbody {
                            @for (name, guests, cells) in view.people {
                                tr {
                                    td { (name) }
                                    td { (guests) }
                                    @for c in cells {
                                        @let (text, withheld) = cell_text(chrome.lang, host_cell(c.as_ref(), yes, no));
                                        td { @if withheld { em.muted { (text) } } @else { (text) } }
                                    }
                                }
                            }
                        }
                    }
                }
                p.no-print { a href=(view.csv_path) download { (chrome.t("questions-host_csv")) } }
            }
        },
    )
}

/// The host's list as CSV: name, guests, then each question shared with the host.
pub fn host_csv(lang: Lang, view: &HostView) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    let (yes, no) = (t(lang, "questions-yes"), t(lang, "questions-no"));
    let mut header = vec![
        t(lang, "csv-name").to_string(),
        t(lang, "csv-guests").to_string(),
    ];
    header.extend(view.questions.iter().map(|q| neutral_cell(&q.label)));
    let _ = out.write_record(&header);
    for (name, guests, cells) in view.people {
        let mut row = vec![neutral_cell(name), guests.to_string()];
        row.extend(
            cells
                .iter()
                .map(|c| neutral_cell(&cell_text(lang, host_cell(c.as_ref(), yes, no)).0)),
        );
        let _ = out.write_record(&row);
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// An answer in the organisers' CSV and sheet: every answer, withheld or not.
pub fn organiser_cell(lang: Lang, value: Option<&Value>) -> String {
    value
        .map(|v| display(v, t(lang, "questions-yes"), t(lang, "questions-no")))
        .unwrap_or_default()
}

/// The answer columns of the organisers' CSV and sign-in sheet: each question's label, and
/// for each person (in the order given) their answer to each question, withheld or not.
#[derive(Default)]
pub struct AnswerColumns {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl AnswerColumns {
    pub fn new<'a>(
        lang: Lang,
        questions: &[Question],
        replies: &HashMap<UserId, Replies>,
        people: impl IntoIterator<Item = &'a UserId>,
    ) -> Self {
        AnswerColumns {
            header: questions.iter().map(|q| q.label.clone()).collect(),
            rows: people
                .into_iter()
                .map(|user| {
                    let mine = replies.get(user);
                    questions
                        .iter()
                        .map(|q| {
                            organiser_cell(lang, mine.and_then(|r| r.get(&q.id)).map(|(v, _)| v))
                        })
                        .collect()
                })
                .collect(),
        }
    }

    /// The answers of the `i`-th person (none when there are no questions).
    pub fn row(&self, i: usize) -> &[String] {
        self.rows.get(i).map_or(&[], Vec::as_slice)
    }
}

/// One row of the organisers' question form, as shown (or as sent back with a fault).
#[derive(Default, Clone)]
pub struct QuestionRow {
    pub id: String,
    pub label: String,
    pub kind: String,
    /// One option a line.
    pub options: String,
    pub required: bool,
    pub share_with_host: bool,
}

impl From<&Question> for QuestionRow {
    fn from(q: &Question) -> Self {
        QuestionRow {
            id: q.id.to_string(),
            label: q.label.clone(),
            kind: q.kind.as_str().into(),
            options: q.options.join("\n"),
            required: q.required,
            share_with_host: q.share_with_host,
        }
    }
}

/// The organisers' page of a meetup's questions and host link.
pub struct QuestionsPage<'a> {
    pub meetup_title: &'a str,
    pub meetup_path: &'a str,
    pub action: &'a str,
    pub rows: &'a [QuestionRow],
    pub host_link_action: &'a str,
    /// A host link just made (shown this once).
    pub new_host_link: Option<&'a str>,
}

pub fn questions_page(chrome: &Chrome, view: &QuestionsPage, errors: &FormErrors) -> Markup {
    let title = chrome.t("questions-title");
    let kinds = [
        ("text", "questions-kind_text"),
        ("choice", "questions-kind_choice"),
        ("multi", "questions-kind_multi"),
        ("checkbox", "questions-kind_checkbox"),
    ];
    layout(
        chrome,
        title,
        html! {
            p.meta { a href=(view.meetup_path) { "← " (view.meetup_title) } }
            h1 { (title) }
            p.muted { (chrome.t("questions-intro")) }
            (error_summary(chrome, errors))
            form.stack #questions-form method="post" action=(view.action) {
                (csrf_input(chrome))
                @for (i, r) in view.rows.iter().enumerate() {
                    fieldset.question-row {
                        legend { (chrome.t("questions-question")) " " (i + 1) }
                        input type="hidden" name={ "id." (i) } value=(r.id);
                        div.field {
                            label for={ "label-" (i) } { (chrome.t("questions-label")) }
                            input id={ "label-" (i) } type="text" name={ "label." (i) } value=(r.label) maxlength="200";
                        }
                        div.field {
                            label for={ "kind-" (i) } { (chrome.t("questions-kind")) }
                            select id={ "kind-" (i) } name={ "kind." (i) } {
                                @for (k, key) in kinds {
                                    option value=(k) selected[r.kind == k] { (chrome.t(key)) }
                                }
                            }
                        }
                        div.field {
                            label for={ "options-" (i) } { (chrome.t("questions-options")) }
                            span.hint id={ "options-" (i) "-hint" } { (chrome.t("questions-options_hint")) }
                            textarea id={ "options-" (i) } name={ "options." (i) } rows="3" aria-describedby={ "options-" (i) "-hint" } { (r.options) }
                        }
                        div.check {
                            input id={ "required-" (i) } type="checkbox" name={ "required." (i) } value="1" checked[r.required];
                            label for={ "required-" (i) } { (chrome.t("questions-required")) }
                        }
                        div.check {
                            input id={ "share-" (i) } type="checkbox" name={ "share." (i) } value="1" checked[r.share_with_host];
                            label for={ "share-" (i) } { (chrome.t("questions-share")) }
                        }
                    }
                }
                p.hint { (chrome.t("questions-empty_removes")) }
                div.actions { button type="submit" { (chrome.t("questions-save")) } }
            }
            section #host-link {
                h2 { (chrome.t("questions-host_link")) }
                p.muted { (chrome.t("questions-host_link_intro")) }
                @if let Some(url) = view.new_host_link {
                    div.field {
                        label for="host-link-url" { (chrome.t("questions-host_link_new")) }
                        input #host-link-url type="text" readonly value=(url);
                    }
                }
                div.actions {
                    form method="post" action=(view.host_link_action) {
                        (csrf_input(chrome))
                        button type="submit" name="action" value="create" { (chrome.t("questions-host_link_create")) }
                    }
                    form method="post" action=(view.host_link_action) {
                        (csrf_input(chrome))
                        button.secondary type="submit" name="action" value="revoke" { (chrome.t("questions-host_link_revoke")) }
                    }
                }
            }
        },
    )
}
