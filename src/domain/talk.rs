//! Talk proposals: who may do what in which state, the programme's order and its running times.
//!
//! States: `proposed` → `accepted` | `rejected` (organisers decide once); an organiser may reopen a
//! decided talk (`proposed` again) before deciding it anew. The proposer may edit while `proposed`
//! and withdraw while `proposed` or `accepted` (organisers may withdraw too). Accepted talks hold
//! positions 1..n without gaps: the programme is an ordered list of talk ids.

use chrono::{Duration, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::group::{parse_long_text, parse_text, parse_web_url};
use super::ids::MeetupId;
use super::{Faults, FieldError};

pub const MIN_DURATION: i64 = 5;
pub const MAX_DURATION: i64 = 120;
pub const MAX_ABSTRACT: usize = 5_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TalkStatus {
    Proposed,
    Accepted,
    Rejected,
    Withdrawn,
}

impl TalkStatus {
    /// `None` for a value this version does not know: never read as some default state.
    pub fn parse(text: &str) -> Option<TalkStatus> {
        match text {
            "proposed" => Some(TalkStatus::Proposed),
            "accepted" => Some(TalkStatus::Accepted),
            "rejected" => Some(TalkStatus::Rejected),
            "withdrawn" => Some(TalkStatus::Withdrawn),
            _ => None,
        }
    }

    /// Proposed or accepted: votes and materials still make sense.
    pub fn is_live(self) -> bool {
        matches!(self, TalkStatus::Proposed | TalkStatus::Accepted)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TalkStatus::Proposed => "proposed",
            TalkStatus::Accepted => "accepted",
            TalkStatus::Rejected => "rejected",
            TalkStatus::Withdrawn => "withdrawn",
        }
    }
}

/// What a talk says about itself; valid by construction (see [`build_talk`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TalkFields {
    pub title: String,
    pub abstract_text: String,
    pub duration_minutes: i32,
    pub speaker_name: Option<String>,
}

/// What a client sends to propose or edit a talk; absent fields keep their value.
#[derive(Debug, Default, Clone)]
pub struct TalkInput {
    pub title: Option<String>,
    pub abstract_text: Option<String>,
    pub duration_minutes: Option<i64>,
    pub speaker_name: Option<Option<String>>,
}

impl TalkInput {
    pub fn is_empty(&self) -> bool {
        self.title.is_none()
            && self.abstract_text.is_none()
            && self.duration_minutes.is_none()
            && self.speaker_name.is_none()
    }
}

/// Applies `input` to `base` (None when proposing); every field at fault is reported.
pub fn build_talk(
    base: Option<&TalkFields>,
    input: &TalkInput,
) -> Result<TalkFields, Vec<FieldError>> {
    let mut faults = Faults::default();
    let title = faults.take(match (&input.title, base) {
        (Some(t), _) => parse_text(t, "title", 200),
        (None, Some(b)) => Ok(b.title.clone()),
        (None, None) => Err(FieldError::new("title", "error-required")),
    });
    let abstract_text = faults.take(match (&input.abstract_text, base) {
        (Some(a), _) => parse_long_text(a.trim(), "abstract", MAX_ABSTRACT).and_then(|text| {
            if text.is_empty() {
                Err(FieldError::new("abstract", "error-required"))
            } else {
                Ok(text)
            }
        }),
        (None, Some(b)) => Ok(b.abstract_text.clone()),
        (None, None) => Err(FieldError::new("abstract", "error-required")),
    });
    let duration_minutes = faults.take(match (input.duration_minutes, base) {
        (Some(d), _) if (MIN_DURATION..=MAX_DURATION).contains(&d) => Ok(d as i32),
        (Some(_), _) => Err(FieldError::new(
            "duration_minutes",
            "error-duration_invalid",
        )),
        (None, Some(b)) => Ok(b.duration_minutes),
        (None, None) => Err(FieldError::new("duration_minutes", "error-required")),
    });
    let speaker_name = faults.take(match (&input.speaker_name, base) {
        (Some(Some(s)), _) if !s.trim().is_empty() => parse_text(s, "speaker_name", 100).map(Some),
        (Some(_), _) => Ok(None),
        (None, b) => Ok(b.and_then(|b| b.speaker_name.clone())),
    });
    let fields = (|| {
        Some(TalkFields {
            title: title?,
            abstract_text: abstract_text?,
            duration_minutes: duration_minutes?,
            speaker_name: speaker_name?,
        })
    })();
    faults.finish(fields)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Accept,
    Reject,
}

/// One thing asked of a talk.
#[derive(Debug, Clone)]
pub enum TalkAction {
    /// The proposer changes the talk's text or duration.
    Edit(TalkInput),
    /// An organiser accepts (at `position`, else at the end) or rejects a proposed talk.
    Decide {
        verdict: Verdict,
        position: Option<i64>,
    },
    /// An organiser takes a decision back: the talk is `proposed` again and may be decided anew.
    Reopen,
    /// An organiser moves an accepted talk within the programme.
    Move { position: i64 },
    /// The proposer (or an organiser) withdraws the talk.
    Withdraw,
    /// An organiser puts a pool talk (or one of another meetup) into `meetup`'s programme, whose
    /// accepted talks are `programme`, at `position` (else at the end): the talk is accepted.
    Schedule {
        meetup: MeetupId,
        programme: Vec<String>,
        position: Option<i64>,
    },
}

/// A PATCH body: edit fields, and/or a decision `{status, position?}`.
#[derive(Debug, Default, Clone)]
pub struct TalkPatch {
    pub title: Option<String>,
    pub abstract_text: Option<String>,
    pub duration_minutes: Option<i64>,
    pub speaker_name: Option<Option<String>>,
    pub status: Option<String>,
    pub position: Option<i64>,
    /// An upcoming meetup of the talk's group to put the talk in (accepted), or to move it to.
    pub meetup_id: Option<MeetupId>,
}

impl TalkPatch {
    /// The actions this body asks for, in the order they apply.
    pub fn actions(&self) -> Result<Vec<TalkAction>, FieldError> {
        let mut actions = Vec::new();
        let edit = TalkInput {
            title: self.title.clone(),
            abstract_text: self.abstract_text.clone(),
            duration_minutes: self.duration_minutes,
            speaker_name: self.speaker_name.clone(),
        };
        if !edit.is_empty() {
            actions.push(TalkAction::Edit(edit));
        }
        if self.position.is_some_and(|p| p < 1) {
            return Err(FieldError::new("position", "error-position_invalid"));
        }
        if let Some(meetup) = &self.meetup_id {
            if !matches!(self.status.as_deref(), None | Some("accepted")) {
                return Err(FieldError::new("status", "error-talk_status_invalid"));
            }
            actions.push(TalkAction::Schedule {
                meetup: meetup.clone(),
                programme: Vec::new(),
                position: self.position,
            });
            return Ok(actions);
        }
        match (self.status.as_deref(), self.position) {
            (Some("accepted"), position) => actions.push(TalkAction::Decide {
                verdict: Verdict::Accept,
                position,
            }),
            (Some("rejected" | "proposed"), Some(_)) => {
                return Err(FieldError::new("position", "error-position_not_accepted"))
            }
            (Some("rejected"), None) => actions.push(TalkAction::Decide {
                verdict: Verdict::Reject,
                position: None,
            }),
            (Some("proposed"), None) => actions.push(TalkAction::Reopen),
            (Some(_), _) => return Err(FieldError::new("status", "error-talk_status_invalid")),
            (None, Some(position)) => actions.push(TalkAction::Move { position }),
            (None, None) => {}
        }
        Ok(actions)
    }
}

/// Who is acting, relative to the talk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Actor {
    pub organiser: bool,
    pub proposer: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TalkRefusal {
    Forbidden,
    AlreadyDecided,
    Invalid(FieldError),
    /// Several fields at fault in an edit.
    Fields(Vec<FieldError>),
}

impl From<FieldError> for TalkRefusal {
    fn from(e: FieldError) -> Self {
        TalkRefusal::Invalid(e)
    }
}

/// A talk as it stands, with its meetup's programme (accepted talk ids in order; empty for a
/// talk in the group's pool).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TalkState {
    pub id: String,
    pub status: TalkStatus,
    pub fields: TalkFields,
    pub meetup: Option<MeetupId>,
    pub programme: Vec<String>,
    /// After a move: the meetup the talk left and its programme without the talk.
    pub left: Option<(MeetupId, Vec<String>)>,
}

impl TalkState {
    /// 1-based place in the programme, for accepted talks.
    pub fn position(&self) -> Option<usize> {
        self.programme
            .iter()
            .position(|id| *id == self.id)
            .map(|i| i + 1)
    }
}

/// May this actor do anything at all to the talk? (Reading is not covered: see [`visible`].)
pub fn may_touch(actor: Actor) -> bool {
    actor.organiser || actor.proposer
}

/// Applies `actions` in order; permission is checked before state, state before input.
pub fn apply(
    mut state: TalkState,
    actor: Actor,
    actions: &[TalkAction],
) -> Result<TalkState, TalkRefusal> {
    if !may_touch(actor) {
        return Err(TalkRefusal::Forbidden);
    }
    for action in actions {
        state = step(state, actor, action)?;
    }
    Ok(state)
}

fn step(mut s: TalkState, actor: Actor, action: &TalkAction) -> Result<TalkState, TalkRefusal> {
    use TalkStatus::*;
    match action {
        TalkAction::Edit(input) => {
            if !actor.proposer {
                return Err(TalkRefusal::Forbidden);
            }
            if s.status != Proposed {
                return Err(TalkRefusal::AlreadyDecided);
            }
            s.fields = build_talk(Some(&s.fields), input).map_err(TalkRefusal::Fields)?;
        }
        TalkAction::Decide { verdict, position } => {
            if !actor.organiser {
                return Err(TalkRefusal::Forbidden);
            }
            if s.status != Proposed {
                return Err(TalkRefusal::AlreadyDecided);
            }
            match verdict {
                Verdict::Accept => {
                    if s.meetup.is_none() {
                        return Err(FieldError::new("meetup_id", "error-required").into());
                    }
                    s.programme = place(&s.programme, &s.id, *position)?;
                    s.status = Accepted;
                }
                Verdict::Reject => s.status = Rejected,
            }
        }
        TalkAction::Reopen => {
            if !actor.organiser {
                return Err(TalkRefusal::Forbidden);
            }
            match s.status {
                Proposed => {}
                Accepted | Rejected => {
                    s.programme = remove(&s.programme, &s.id);
                    s.status = Proposed;
                }
                Withdrawn => return Err(TalkRefusal::AlreadyDecided),
            }
        }
        TalkAction::Move { position } => {
            if !actor.organiser {
                return Err(TalkRefusal::Forbidden);
            }
            if s.status != Accepted {
                return Err(FieldError::new("position", "error-position_not_accepted").into());
            }
            s.programme = place(&s.programme, &s.id, Some(*position))?;
        }
        TalkAction::Withdraw => {
            if !may_touch(actor) {
                return Err(TalkRefusal::Forbidden);
            }
            match s.status {
                Withdrawn => {}
                Rejected => return Err(TalkRefusal::AlreadyDecided),
                Proposed | Accepted => {
                    s.programme = remove(&s.programme, &s.id);
                    s.status = Withdrawn;
                }
            }
        }
        TalkAction::Schedule {
            meetup,
            programme,
            position,
        } => {
            if !actor.organiser {
                return Err(TalkRefusal::Forbidden);
            }
            if !matches!(s.status, Proposed | Accepted) {
                return Err(TalkRefusal::AlreadyDecided);
            }
            if s.meetup.as_ref() != Some(meetup) {
                let old = remove(&s.programme, &s.id);
                s.left = s.meetup.take().map(|m| (m, old));
                s.meetup = Some(meetup.clone());
                s.programme = programme.clone();
            }
            s.programme = place(&s.programme, &s.id, *position)?;
            s.status = Accepted;
        }
    }
    Ok(s)
}

/// The programme with `id` at `position` (1-based; `None` = at the end). Positions beyond the end
/// are refused rather than guessed.
pub fn place(
    programme: &[String],
    id: &str,
    position: Option<i64>,
) -> Result<Vec<String>, FieldError> {
    let mut order = remove(programme, id);
    match position {
        None => order.push(id.to_string()),
        Some(p) if p >= 1 && (p as usize) <= order.len() + 1 => {
            order.insert(p as usize - 1, id.to_string())
        }
        Some(_) => return Err(FieldError::new("position", "error-position_invalid")),
    }
    Ok(order)
}

pub fn remove(programme: &[String], id: &str) -> Vec<String> {
    programme.iter().filter(|t| *t != id).cloned().collect()
}

/// What an actor may do to a talk in its current state (for buttons and forms; [`apply`] decides).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TalkPermissions {
    pub edit: bool,
    pub decide: bool,
    pub reopen: bool,
    pub move_in_programme: bool,
    pub withdraw: bool,
    /// Set the talk's materials (slides, video…).
    pub materials: bool,
    /// Put the talk on a meetup's programme, or move it to another.
    pub schedule: bool,
}

impl TalkPermissions {
    pub fn of(status: TalkStatus, actor: Actor) -> TalkPermissions {
        use TalkStatus::*;
        TalkPermissions {
            edit: actor.proposer && status == Proposed,
            decide: actor.organiser && status == Proposed,
            reopen: actor.organiser && matches!(status, Accepted | Rejected),
            move_in_programme: actor.organiser && status == Accepted,
            withdraw: may_touch(actor) && matches!(status, Proposed | Accepted),
            materials: may_touch(actor) && status.is_live(),
            schedule: actor.organiser && status.is_live(),
        }
    }
}

/// Who sees a talk: organisers all, everyone accepted ones, the proposer their own.
pub fn visible(status: TalkStatus, own: bool, organiser: bool) -> bool {
    organiser || own || status == TalkStatus::Accepted
}

/// Listing order: the programme first (by position), then the other talks in the order given.
pub fn listing_rank(status: TalkStatus, position: Option<i32>) -> (u8, i32) {
    match status {
        TalkStatus::Accepted => (0, position.unwrap_or(i32::MAX)),
        TalkStatus::Proposed => (1, 0),
        TalkStatus::Rejected => (2, 0),
        TalkStatus::Withdrawn => (3, 0),
    }
}

/// Start of each talk when they follow each other from the meetup's start, in programme order.
pub fn running_starts(
    meetup_start: NaiveDateTime,
    durations: impl IntoIterator<Item = i32>,
) -> Vec<NaiveDateTime> {
    let mut at = meetup_start;
    durations
        .into_iter()
        .map(|minutes| {
            let start = at;
            at += Duration::minutes(i64::from(minutes));
            start
        })
        .collect()
}

/// An accepted talk with its place in time, as the programme shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduledTalk {
    pub title: String,
    /// The speaker as shown: the given speaker name, else the proposer's name.
    pub speaker: Option<String>,
    pub duration_minutes: i32,
    pub starts_at: NaiveDateTime,
    pub links: Vec<TalkLink>,
}

/// What a talk's material is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkKind {
    Slides,
    Video,
    Code,
    Other,
}

impl LinkKind {
    pub const ALL: [LinkKind; 4] = [
        LinkKind::Slides,
        LinkKind::Video,
        LinkKind::Code,
        LinkKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Slides => "slides",
            LinkKind::Video => "video",
            LinkKind::Code => "code",
            LinkKind::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<LinkKind> {
        LinkKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// A talk's material: slides, a recording, code, anything else on the web.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TalkLink {
    pub kind: LinkKind,
    /// An `http` or `https` URL.
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

pub const MAX_LINKS: usize = 10;

/// A talk's materials as sent: web URLs only (no `javascript:`), a short optional title.
pub fn parse_talk_links(links: &[TalkLink]) -> Result<Vec<TalkLink>, FieldError> {
    if links.len() > MAX_LINKS {
        return Err(FieldError::new("links", "error-talk_links_invalid"));
    }
    links
        .iter()
        .map(|l| {
            let url = parse_web_url(&l.url, "links")?;
            let title = match l.title.as_deref().map(str::trim) {
                Some(t) if !t.is_empty() => Some(parse_text(t, "links", 120)?),
                _ => None,
            };
            Ok(TalkLink {
                kind: l.kind,
                url,
                title,
            })
        })
        .collect()
}

/// Which talks of a group's pool a viewer sees: organisers all; members proposed and accepted
/// ones; everyone accepted ones; proposers their own.
pub fn visible_in_pool(status: TalkStatus, own: bool, member: bool, organiser: bool) -> bool {
    organiser || own || status == TalkStatus::Accepted || (member && status == TalkStatus::Proposed)
}

/// How the pool is listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PoolSort {
    /// Most votes first, then oldest first.
    #[default]
    Votes,
    /// Newest first.
    Recent,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn fields() -> TalkFields {
        TalkFields {
            title: "Diesel".into(),
            abstract_text: "Two backends".into(),
            duration_minutes: 20,
            speaker_name: None,
        }
    }

    fn state(status: TalkStatus, programme: &[&str]) -> TalkState {
        TalkState {
            id: "t".into(),
            status,
            fields: fields(),
            meetup: Some("m".into()),
            programme: ids(programme),
            left: None,
        }
    }

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn schedule(meetup: &str, programme: &[&str], position: Option<i64>) -> TalkAction {
        TalkAction::Schedule {
            meetup: meetup.into(),
            programme: ids(programme),
            position,
        }
    }

    #[test]
    fn a_pool_talk_is_scheduled_then_moved_and_both_programmes_close_up() {
        let pool = TalkState {
            meetup: None,
            ..state(TalkStatus::Proposed, &[])
        };
        let accept = apply(pool.clone(), ORGANISER, &[accept(None)]).unwrap_err();
        assert_eq!(
            accept,
            TalkRefusal::Invalid(FieldError::new("meetup_id", "error-required")),
            "a pool talk needs a meetup to be accepted into"
        );
        let a = apply(pool, ORGANISER, &[schedule("a", &["x"], Some(1))]).unwrap();
        assert_eq!(
            (a.status, a.meetup.clone()),
            (TalkStatus::Accepted, Some("a".into()))
        );
        assert_eq!(
            (a.programme.clone(), a.position()),
            (ids(&["t", "x"]), Some(1))
        );
        assert_eq!(a.left, None, "the pool has no programme to close up");
        let b = apply(a, ORGANISER, &[schedule("b", &["y", "z"], None)]).unwrap();
        assert_eq!(b.left, Some(("a".into(), ids(&["x"]))));
        assert_eq!(
            (b.programme.clone(), b.position()),
            (ids(&["y", "z", "t"]), Some(3))
        );
        let same = apply(b.clone(), ORGANISER, &[schedule("b", &[], Some(1))]).unwrap();
        assert_eq!(
            same.programme,
            ids(&["t", "y", "z"]),
            "same meetup: a move within"
        );
        assert_eq!(same.left, b.left, "nothing more was left");
    }

    #[test]
    fn only_organisers_schedule_and_only_live_talks() {
        let s = state(TalkStatus::Proposed, &[]);
        for actor in [PROPOSER, OTHER] {
            assert_eq!(
                apply(s.clone(), actor, &[schedule("b", &[], None)]).unwrap_err(),
                TalkRefusal::Forbidden
            );
        }
        for status in [TalkStatus::Rejected, TalkStatus::Withdrawn] {
            assert_eq!(
                apply(state(status, &[]), ORGANISER, &[schedule("b", &[], None)]).unwrap_err(),
                TalkRefusal::AlreadyDecided
            );
        }
        assert!(matches!(
            apply(s, ORGANISER, &[schedule("b", &["y"], Some(3))]),
            Err(TalkRefusal::Invalid(_))
        ));
    }

    #[test]
    fn a_patch_with_a_meetup_schedules_and_only_as_accepted() {
        let patch = |status: Option<&str>| TalkPatch {
            meetup_id: Some("b".into()),
            status: status.map(Into::into),
            position: Some(2),
            ..Default::default()
        };
        for ok in [None, Some("accepted")] {
            assert!(matches!(
                patch(ok).actions().unwrap()[..],
                [TalkAction::Schedule {
                    position: Some(2),
                    ..
                }]
            ));
        }
        assert_eq!(
            patch(Some("rejected")).actions().unwrap_err().field,
            "status"
        );
    }

    #[test]
    fn links_are_web_addresses_only() {
        let link = |url: &str, title: Option<&str>| TalkLink {
            kind: LinkKind::Slides,
            url: url.into(),
            title: title.map(Into::into),
        };
        let ok = parse_talk_links(&[link(" https://ex.org/s.pdf ", Some("  "))]).unwrap();
        assert_eq!(ok, [link("https://ex.org/s.pdf", None)]);
        for bad in [
            "javascript:alert(1)",
            "ftp://ex.org",
            "https://",
            "data:text/html,x",
        ] {
            assert_eq!(
                parse_talk_links(&[link(bad, None)]).unwrap_err().field,
                "links"
            );
        }
        let many = vec![link("https://ex.org", None); MAX_LINKS + 1];
        assert!(parse_talk_links(&many).is_err());
        let kind: TalkLink =
            serde_json::from_str(r#"{"kind":"video","url":"https://v.example"}"#).unwrap();
        assert_eq!(kind.kind, LinkKind::Video);
        assert!(serde_json::from_str::<TalkLink>(r#"{"kind":"blog","url":"https://x"}"#).is_err());
    }

    #[test]
    fn the_pool_shows_members_live_talks_and_everyone_the_accepted_ones() {
        use TalkStatus::*;
        assert!(visible_in_pool(Accepted, false, false, false));
        assert!(!visible_in_pool(Proposed, false, false, false));
        assert!(visible_in_pool(Proposed, false, true, false));
        assert!(!visible_in_pool(Rejected, false, true, false));
        assert!(!visible_in_pool(Withdrawn, false, true, false));
        assert!(visible_in_pool(Withdrawn, true, true, false), "one's own");
        assert!(visible_in_pool(Rejected, false, false, true), "organisers");
    }

    const ORGANISER: Actor = Actor {
        organiser: true,
        proposer: false,
    };
    const PROPOSER: Actor = Actor {
        organiser: false,
        proposer: true,
    };
    const OTHER: Actor = Actor {
        organiser: false,
        proposer: false,
    };

    fn accept(position: Option<i64>) -> TalkAction {
        TalkAction::Decide {
            verdict: Verdict::Accept,
            position,
        }
    }

    fn edit_title(title: &str) -> TalkAction {
        TalkAction::Edit(TalkInput {
            title: Some(title.into()),
            ..Default::default()
        })
    }

    #[test]
    fn proposals_are_checked_field_by_field() {
        let input = |d: i64| TalkInput {
            title: Some("T".into()),
            abstract_text: Some("A".into()),
            duration_minutes: Some(d),
            speaker_name: Some(Some("  ".into())),
        };
        let ok = build_talk(None, &input(5)).unwrap();
        assert_eq!(ok.speaker_name, None);
        assert!(build_talk(None, &input(120)).is_ok());
        for bad in [4, 121, 0, -5] {
            assert_eq!(
                build_talk(None, &input(bad)).unwrap_err()[0].field,
                "duration_minutes"
            );
        }
        let mut i = input(20);
        i.abstract_text = Some(" ".into());
        assert_eq!(build_talk(None, &i).unwrap_err()[0].field, "abstract");
        let mut i = input(20);
        i.title = None;
        assert_eq!(build_talk(None, &i).unwrap_err()[0].field, "title");
        let kept = build_talk(
            Some(&ok),
            &TalkInput {
                duration_minutes: Some(45),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!((kept.title.as_str(), kept.duration_minutes), ("T", 45));
    }

    #[test]
    fn proposer_edits_only_while_proposed() {
        let edited = apply(
            state(TalkStatus::Proposed, &[]),
            PROPOSER,
            &[edit_title("New")],
        )
        .unwrap();
        assert_eq!(edited.fields.title, "New");
        for status in [
            TalkStatus::Accepted,
            TalkStatus::Rejected,
            TalkStatus::Withdrawn,
        ] {
            assert_eq!(
                apply(state(status, &[]), PROPOSER, &[edit_title("New")]).unwrap_err(),
                TalkRefusal::AlreadyDecided
            );
        }
        assert_eq!(
            apply(
                state(TalkStatus::Proposed, &[]),
                ORGANISER,
                &[edit_title("X")]
            )
            .unwrap_err(),
            TalkRefusal::Forbidden
        );
        assert_eq!(
            apply(state(TalkStatus::Proposed, &[]), OTHER, &[]).unwrap_err(),
            TalkRefusal::Forbidden
        );
    }

    #[test]
    fn organisers_decide_once_until_they_reopen() {
        let accepted = apply(
            state(TalkStatus::Proposed, &["a", "b"]),
            ORGANISER,
            &[accept(None)],
        )
        .unwrap();
        assert_eq!(accepted.status, TalkStatus::Accepted);
        assert_eq!(accepted.programme, ["a", "b", "t"]);
        assert_eq!(accepted.position(), Some(3));
        assert_eq!(
            apply(accepted.clone(), ORGANISER, &[accept(Some(1))]).unwrap_err(),
            TalkRefusal::AlreadyDecided
        );
        let reject = TalkAction::Decide {
            verdict: Verdict::Reject,
            position: None,
        };
        assert_eq!(
            apply(accepted.clone(), ORGANISER, std::slice::from_ref(&reject)).unwrap_err(),
            TalkRefusal::AlreadyDecided
        );
        let reopened = apply(accepted, ORGANISER, &[TalkAction::Reopen]).unwrap();
        assert_eq!(reopened.status, TalkStatus::Proposed);
        assert_eq!(reopened.programme, ["a", "b"]);
        let rejected = apply(reopened, ORGANISER, std::slice::from_ref(&reject)).unwrap();
        assert_eq!(rejected.status, TalkStatus::Rejected);
        assert_eq!(
            apply(state(TalkStatus::Proposed, &[]), PROPOSER, &[reject]).unwrap_err(),
            TalkRefusal::Forbidden
        );
        assert_eq!(
            apply(
                state(TalkStatus::Withdrawn, &[]),
                ORGANISER,
                &[TalkAction::Reopen]
            )
            .unwrap_err(),
            TalkRefusal::AlreadyDecided
        );
    }

    #[test]
    fn accepting_at_a_position_shifts_the_rest() {
        let s = apply(
            state(TalkStatus::Proposed, &["a", "b"]),
            ORGANISER,
            &[accept(Some(1))],
        )
        .unwrap();
        assert_eq!(s.programme, ["t", "a", "b"]);
        let moved = apply(s, ORGANISER, &[TalkAction::Move { position: 3 }]).unwrap();
        assert_eq!(moved.programme, ["a", "b", "t"]);
        assert_eq!(
            apply(moved, ORGANISER, &[TalkAction::Move { position: 4 }]).unwrap_err(),
            TalkRefusal::Invalid(FieldError::new("position", "error-position_invalid"))
        );
        assert!(matches!(
            apply(
                state(TalkStatus::Proposed, &["a"]),
                ORGANISER,
                &[TalkAction::Move { position: 1 }]
            ),
            Err(TalkRefusal::Invalid(FieldError {
                field: "position",
                ..
            }))
        ));
    }

    #[test]
    fn withdrawing_leaves_the_programme_without_gaps() {
        let s = state(TalkStatus::Accepted, &["a", "t", "b"]);
        let w = apply(s.clone(), PROPOSER, &[TalkAction::Withdraw]).unwrap();
        assert_eq!(w.status, TalkStatus::Withdrawn);
        assert_eq!(w.programme, ["a", "b"]);
        assert!(apply(s.clone(), ORGANISER, &[TalkAction::Withdraw]).is_ok());
        assert_eq!(
            apply(s, OTHER, &[TalkAction::Withdraw]).unwrap_err(),
            TalkRefusal::Forbidden
        );
        let again = apply(w.clone(), PROPOSER, &[TalkAction::Withdraw]).unwrap();
        assert_eq!(again, w);
        assert_eq!(
            apply(
                state(TalkStatus::Rejected, &[]),
                PROPOSER,
                &[TalkAction::Withdraw]
            )
            .unwrap_err(),
            TalkRefusal::AlreadyDecided
        );
    }

    #[test]
    fn permissions_match_the_state_machine() {
        use TalkStatus::*;
        for status in [Proposed, Accepted, Rejected, Withdrawn] {
            for actor in [ORGANISER, PROPOSER, OTHER] {
                let p = TalkPermissions::of(status, actor);
                let s = state(status, if status == Accepted { &["t"] } else { &[] });
                assert_eq!(
                    apply(s.clone(), actor, &[edit_title("x")]).is_ok(),
                    p.edit,
                    "{status:?} {actor:?}"
                );
                assert_eq!(apply(s.clone(), actor, &[accept(None)]).is_ok(), p.decide);
                assert_eq!(
                    apply(s.clone(), actor, &[TalkAction::Move { position: 1 }]).is_ok(),
                    p.move_in_programme
                );
                let withdrawn = apply(s.clone(), actor, &[TalkAction::Withdraw]);
                assert_eq!(
                    withdrawn.is_ok_and(|w| w.status != s.status),
                    p.withdraw,
                    "{status:?} {actor:?}"
                );
                let reopened = apply(s.clone(), actor, &[TalkAction::Reopen]);
                assert_eq!(reopened.is_ok_and(|r| r.status != s.status), p.reopen);
            }
        }
    }

    #[test]
    fn visibility() {
        assert!(visible(TalkStatus::Accepted, false, false));
        assert!(!visible(TalkStatus::Proposed, false, false));
        assert!(visible(TalkStatus::Rejected, true, false));
        assert!(visible(TalkStatus::Withdrawn, false, true));
    }

    #[test]
    fn running_times_follow_the_programme() {
        let at = |h, m| {
            NaiveDate::from_ymd_opt(2030, 12, 3)
                .unwrap()
                .and_hms_opt(h, m, 0)
                .unwrap()
        };
        let starts = running_starts(at(18, 0), [20, 30, 10]);
        assert_eq!(starts, [at(18, 0), at(18, 20), at(18, 50)]);
    }
}
