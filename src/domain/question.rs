//! Questions a meetup asks with its RSVP ("Name on your ID", "Dietary needs"), the answers to
//! them, and what of them a host may see: an answer leaves for the host only when its question
//! is shared with the host and the member did not withhold it.

use std::collections::{BTreeMap, HashSet};
use std::sync::Mutex;

use serde_json::Value;

use super::ids::QuestionId;
use super::FieldError;

/// Questions one meetup (or a group's default set) may ask.
pub const MAX_QUESTIONS: usize = 20;
/// Longest label, in characters.
pub const MAX_LABEL: usize = 200;
/// Options one choice offers at most, and their longest label.
pub const MAX_OPTIONS: usize = 30;
pub const MAX_OPTION: usize = 100;
/// Longest free-text answer, in characters.
pub const MAX_TEXT_ANSWER: usize = 1000;

/// How a question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionKind {
    /// Free text.
    Text,
    /// One of the options.
    Choice,
    /// Any of the options.
    Multi,
    /// A box ticked or not (required: it must be ticked).
    Checkbox,
}

impl QuestionKind {
    pub fn parse(text: &str) -> Option<QuestionKind> {
        match text {
            "text" => Some(QuestionKind::Text),
            "choice" => Some(QuestionKind::Choice),
            "multi" => Some(QuestionKind::Multi),
            "checkbox" => Some(QuestionKind::Checkbox),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::Text => "text",
            QuestionKind::Choice => "choice",
            QuestionKind::Multi => "multi",
            QuestionKind::Checkbox => "checkbox",
        }
    }

    pub fn has_options(self) -> bool {
        matches!(self, QuestionKind::Choice | QuestionKind::Multi)
    }
}

/// A question as asked: checked, with its id (kept from the input when it named one of the
/// set's questions, so answers to it stay).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub id: QuestionId,
    pub label: String,
    pub kind: QuestionKind,
    pub options: Vec<String>,
    pub required: bool,
    pub share_with_host: bool,
}

/// A question as an organiser sends it.
#[derive(Debug, Clone, Default)]
pub struct QuestionInput {
    pub id: Option<String>,
    pub label: String,
    pub kind: String,
    pub options: Vec<String>,
    pub required: bool,
    pub share_with_host: bool,
}

/// Checks a whole set of questions: `questions` (index `i` is named `questions[i].label` and so
/// on in faults, as the API's `field`). Ids that name none of `existing` get new ones.
pub fn check_questions(
    input: Vec<QuestionInput>,
    existing: &[QuestionId],
) -> Result<Vec<Question>, FieldError> {
    if input.len() > MAX_QUESTIONS {
        return Err(FieldError::new("questions", "error-questions_too_many"));
    }
    let mut seen = HashSet::new();
    input
        .into_iter()
        .map(|q| {
            let label = q.label.trim().to_string();
            if label.is_empty() || label.chars().count() > MAX_LABEL {
                return Err(FieldError::new("label", "error-question_label"));
            }
            let kind = QuestionKind::parse(q.kind.trim())
                .ok_or(FieldError::new("kind", "error-question_kind"))?;
            let options: Vec<String> = if kind.has_options() {
                q.options.iter().map(|o| o.trim().to_string()).collect()
            } else {
                Vec::new()
            };
            let distinct: HashSet<&String> = options.iter().collect();
            let bad_option = |o: &String| o.is_empty() || o.chars().count() > MAX_OPTION;
            if kind.has_options()
                && (options.is_empty()
                    || options.len() > MAX_OPTIONS
                    || distinct.len() != options.len()
                    || options.iter().any(bad_option))
            {
                return Err(FieldError::new("options", "error-question_options"));
            }
            let id =
                q.id.map(QuestionId::from)
                    .filter(|id| existing.contains(id) && seen.insert(id.clone()))
                    .unwrap_or_else(QuestionId::random);
            Ok(Question {
                id,
                label,
                kind,
                options,
                required: q.required,
                share_with_host: q.share_with_host,
            })
        })
        .collect()
}

/// The `field` naming one question's answer: `answers.<id>`. Each is made once (and kept), so
/// faults can name stored questions without allocating per request.
pub fn answer_field(id: &QuestionId) -> &'static str {
    static FIELDS: Mutex<Option<HashSet<&'static str>>> = Mutex::new(None);
    let name = format!("answers.{id}");
    let mut guard = FIELDS.lock().unwrap_or_else(|e| e.into_inner());
    let set = guard.get_or_insert_with(HashSet::new);
    if let Some(known) = set.get(name.as_str()) {
        return known;
    }
    let leaked: &'static str = Box::leak(name.into_boxed_str());
    set.insert(leaked);
    leaked
}

/// One answer as kept: a string (text, choice), strings (multi) or a boolean (checkbox), as
/// JSON; `None` when the value says nothing (an empty text, no option picked).
pub fn check_value(q: &Question, value: &Value) -> Result<Option<Value>, FieldError> {
    let fault = || FieldError::new(answer_field(&q.id), "error-question_answer_invalid");
    let picked = |v: &Value| -> Result<String, FieldError> {
        let s = v.as_str().ok_or_else(fault)?.trim();
        q.options
            .iter()
            .find(|o| o.as_str() == s)
            .cloned()
            .ok_or_else(fault)
    };
    match (q.kind, value) {
        (_, Value::Null) => Ok(None),
        (QuestionKind::Text, Value::String(s)) => {
            let s = s.trim();
            if s.chars().count() > MAX_TEXT_ANSWER {
                return Err(fault());
            }
            Ok((!s.is_empty()).then(|| Value::String(s.to_string())))
        }
        (QuestionKind::Choice, Value::String(s)) if s.trim().is_empty() => Ok(None),
        (QuestionKind::Choice, v) => Ok(Some(Value::String(picked(v)?))),
        (QuestionKind::Multi, Value::Array(items)) => {
            let mut chosen = Vec::new();
            for item in items {
                let o = picked(item)?;
                if !chosen.contains(&o) {
                    chosen.push(o);
                }
            }
            // Kept in the order the question offers them.
            chosen.sort_by_key(|o| q.options.iter().position(|x| x == o));
            Ok((!chosen.is_empty()).then(|| Value::from(chosen)))
        }
        // A form sends one option alone as a string.
        (QuestionKind::Multi, Value::String(_)) => Ok(Some(Value::from(vec![picked(value)?]))),
        (QuestionKind::Checkbox, Value::Bool(b)) => Ok(Some(Value::Bool(*b))),
        // A form's ticked box.
        (QuestionKind::Checkbox, Value::String(s)) if s == "true" => Ok(Some(Value::Bool(true))),
        _ => Err(fault()),
    }
}

/// Whether a kept value answers the question (a required box must be ticked).
pub fn answers(q: &Question, value: Option<&Value>) -> bool {
    match (q.kind, value) {
        (_, None) => false,
        (QuestionKind::Checkbox, Some(v)) => v.as_bool() == Some(true),
        (_, Some(_)) => true,
    }
}

/// A member's answers as kept: each question's value and whether it is withheld from the host.
pub type Replies = BTreeMap<QuestionId, (Value, bool)>;

/// What a member sends with an RSVP: values by question id (`None`: keep those kept) and the
/// ids of the answers withheld from the host (`None`: keep as they were).
#[derive(Debug, Clone, Default)]
pub struct RepliesInput {
    pub values: Option<BTreeMap<String, Value>>,
    pub withheld: Option<Vec<String>>,
}

impl RepliesInput {
    pub fn is_empty(&self) -> bool {
        self.values.is_none() && self.withheld.is_none()
    }
}

/// Merges what the member sent into what was kept, checking every value against its
/// question; with `going`, every required question must be answered. Faults name
/// `answers.<id>` (or `answers` for an id the meetup does not ask).
pub fn merge_replies(
    questions: &[Question],
    kept: &Replies,
    input: &RepliesInput,
    going: bool,
) -> Result<Replies, FieldError> {
    let mut merged = kept.clone();
    if let Some(values) = &input.values {
        for (id, value) in values {
            let q = questions
                .iter()
                .find(|q| q.id == id.as_str())
                .ok_or(FieldError::new("answers", "error-question_answer_unknown"))?;
            let withheld = merged.get(&q.id).is_some_and(|(_, w)| *w);
            match check_value(q, value)? {
                Some(v) => merged.insert(q.id.clone(), (v, withheld)),
                None => merged.remove(&q.id),
            };
        }
    }
    if let Some(withheld) = &input.withheld {
        if let Some(unknown) = withheld
            .iter()
            .find(|id| !questions.iter().any(|q| q.id == id.as_str()))
        {
            let _ = unknown;
            return Err(FieldError::new("withheld", "error-question_answer_unknown"));
        }
        for (id, (_, w)) in merged.iter_mut() {
            *w = withheld.iter().any(|x| id == x.as_str());
        }
    }
    merged.retain(|id, _| questions.iter().any(|q| &q.id == id));
    if going {
        if let Some(q) = questions
            .iter()
            .find(|q| q.required && !answers(q, merged.get(&q.id).map(|(v, _)| v)))
        {
            return Err(FieldError::new(
                answer_field(&q.id),
                "error-question_answer_required",
            ));
        }
    }
    Ok(merged)
}

/// The required questions `kept` leaves unanswered: a one-click "I'm going" opens the form.
pub fn unanswered_required(questions: &[Question], kept: &Replies) -> bool {
    questions
        .iter()
        .any(|q| q.required && !answers(q, kept.get(&q.id).map(|(v, _)| v)))
}

/// An answer as a person reads it: the text, the option or options, "yes"/"no" for a box
/// (`yes`, `no` given in the reader's language).
pub fn display(value: &Value, yes: &str, no: &str) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(", "),
        Value::Bool(true) => yes.to_string(),
        Value::Bool(false) => no.to_string(),
        other => other.to_string(),
    }
}

/// One person on the host's list: name, guests, and each shared question's answer with
/// whether it is withheld.
pub type HostRow = (String, i32, Vec<Option<(Value, bool)>>);

/// What the host sees of one answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostCell {
    Shared(String),
    /// The member withheld it.
    NotShared,
    /// No answer.
    Blank,
}

/// The host's view of a member's answer to a question shared with the host.
pub fn host_cell(reply: Option<&(Value, bool)>, yes: &str, no: &str) -> HostCell {
    match reply {
        None => HostCell::Blank,
        Some((_, true)) => HostCell::NotShared,
        Some((v, false)) => HostCell::Shared(display(v, yes, no)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn q(id: &str, kind: QuestionKind, options: &[&str], required: bool) -> Question {
        Question {
            id: QuestionId::from(id),
            label: id.into(),
            kind,
            options: options.iter().map(|o| o.to_string()).collect(),
            required,
            share_with_host: true,
        }
    }

    #[test]
    fn question_sets_are_checked() {
        let input = |kind: &str, options: &[&str]| QuestionInput {
            label: "Diet".into(),
            kind: kind.into(),
            options: options.iter().map(|o| o.to_string()).collect(),
            ..QuestionInput::default()
        };
        assert!(check_questions(vec![input("choice", &["a", "b"])], &[]).is_ok());
        assert_eq!(
            check_questions(vec![input("choice", &[])], &[])
                .unwrap_err()
                .field,
            "options"
        );
        assert_eq!(
            check_questions(vec![input("choice", &["a", "a"])], &[])
                .unwrap_err()
                .field,
            "options"
        );
        assert_eq!(
            check_questions(vec![input("radio", &[])], &[])
                .unwrap_err()
                .field,
            "kind"
        );
        let text = check_questions(vec![input("text", &["x"])], &[]).unwrap();
        assert!(text[0].options.is_empty());
        let kept = QuestionId::from("q1");
        let with_id = QuestionInput {
            id: Some("q1".into()),
            ..input("text", &[])
        };
        let stranger = QuestionInput {
            id: Some("elsewhere".into()),
            ..input("text", &[])
        };
        let checked =
            check_questions(vec![with_id, stranger], std::slice::from_ref(&kept)).unwrap();
        assert_eq!(checked[0].id, kept);
        assert_ne!(checked[1].id, "elsewhere");
        let many = vec![input("text", &[]); MAX_QUESTIONS + 1];
        assert!(check_questions(many, &[]).is_err());
    }

    #[test]
    fn values_follow_their_kind() {
        let choice = q("c", QuestionKind::Choice, &["veg", "none"], false);
        assert_eq!(
            check_value(&choice, &json!("veg")).unwrap(),
            Some(json!("veg"))
        );
        assert_eq!(
            check_value(&choice, &json!("meat")).unwrap_err().field,
            "answers.c"
        );
        let multi = q("m", QuestionKind::Multi, &["a", "b", "c"], false);
        assert_eq!(
            check_value(&multi, &json!(["c", "a", "a"])).unwrap(),
            Some(json!(["a", "c"]))
        );
        assert!(check_value(&multi, &json!(["z"])).is_err());
        let text = q("t", QuestionKind::Text, &[], false);
        assert_eq!(check_value(&text, &json!("  ")).unwrap(), None);
        assert!(check_value(&text, &json!(3)).is_err());
        let boxed = q("b", QuestionKind::Checkbox, &[], true);
        assert!(!answers(&boxed, Some(&json!(false))));
        assert!(answers(&boxed, Some(&json!(true))));
    }

    #[test]
    fn required_answers_are_asked_of_those_going_only() {
        let qs = vec![
            q("id", QuestionKind::Text, &[], true),
            q("diet", QuestionKind::Text, &[], false),
        ];
        let input = RepliesInput {
            values: Some(BTreeMap::from([("diet".into(), json!("vegan"))])),
            withheld: None,
        };
        let fault = merge_replies(&qs, &Replies::new(), &input, true).unwrap_err();
        assert_eq!(fault.field, "answers.id");
        let merged = merge_replies(&qs, &Replies::new(), &input, false).unwrap();
        assert_eq!(merged.len(), 1);
        // Kept answers count, and withholding applies to what is kept.
        let kept = Replies::from([(QuestionId::from("id"), (json!("Ann Lee"), false))]);
        let withhold = RepliesInput {
            values: None,
            withheld: Some(vec!["id".into()]),
        };
        let merged = merge_replies(&qs, &kept, &withhold, true).unwrap();
        assert!(merged[&QuestionId::from("id")].1);
        assert_eq!(
            host_cell(merged.get(&QuestionId::from("id")), "yes", "no"),
            HostCell::NotShared
        );
        let unknown = RepliesInput {
            values: Some(BTreeMap::from([("nope".into(), json!("x"))])),
            withheld: None,
        };
        assert_eq!(
            merge_replies(&qs, &kept, &unknown, true).unwrap_err().field,
            "answers"
        );
        assert!(unanswered_required(&qs, &Replies::new()));
        assert!(!unanswered_required(&qs, &kept));
    }
}
