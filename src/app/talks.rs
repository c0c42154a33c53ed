//! Talk proposals in a meetup or in the group's pool, votes, materials, the organisers'
//! decisions and the programme, and the view data they return.

use chrono::NaiveDateTime;

use super::access::organises;
use super::access::Viewer;
use super::admission;
use super::audit;
use super::conduct::join_accepting;
use super::groups::read_group;

use crate::config::Settings;
use crate::db::models::{Group, Meetup, Talk, TalkChange, TalkVote, User};
use crate::db::repo::groups;
use crate::db::repo::meetups::{self, MeetupRow};
use crate::db::repo::talks::{self, TalkRow};
use crate::db::{now, Db, DbConn};
use crate::domain::ids::{GroupId, MeetupId, TalkId, UserId};
use crate::domain::meetup::MeetupStatus;
use crate::domain::talk::{
    apply, build_talk, may_touch, parse_talk_links, visible, visible_in_pool, Actor, PoolSort,
    ScheduledTalk, TalkAction, TalkFields, TalkInput, TalkLink, TalkPatch, TalkPermissions,
    TalkRefusal, TalkState, TalkStatus,
};
use crate::error::AppError;
use crate::i18n::{programme_text, Lang};
use crate::mail::{group_mail, proposals};
use crate::urls::{group_talks_url, meetup_url};
use crate::webhooks;

/// One talk as a given viewer sees it.
#[derive(Debug, Clone)]
pub struct TalkView {
    pub id: TalkId,
    pub group_id: GroupId,
    /// `None` while the talk waits in the group's pool.
    pub meetup_id: Option<MeetupId>,
    pub proposer_id: UserId,
    pub proposer_name: String,
    pub title: String,
    pub abstract_text: String,
    pub duration_minutes: i32,
    /// As given by the proposer (`None`: the proposer speaks).
    pub speaker_name: Option<String>,
    /// The speaker as shown: `speaker_name`, else the proposer's name.
    pub speaker: String,
    pub status: TalkStatus,
    pub position: Option<i32>,
    /// Running start time (UTC) for accepted talks.
    pub starts_at: Option<NaiveDateTime>,
    pub links: Vec<TalkLink>,
    pub votes: i64,
    /// `None` for anonymous viewers.
    pub voted_by_me: Option<bool>,
    /// The viewer proposed it.
    pub own: bool,
    /// Which buttons and forms to show this viewer.
    pub can: TalkPermissions,
}

/// A meetup's talks as one viewer sees them.
#[derive(Debug, Clone)]
pub struct MeetupTalks {
    pub meetup: MeetupRow,
    pub organiser: bool,
    /// Visible talks: the programme by position, then the others oldest first.
    pub talks: Vec<TalkView>,
    /// The accepted talks with running start times (the same for every viewer).
    pub programme: Vec<ScheduledTalk>,
}

impl MeetupTalks {
    /// « 19:00 — Title (Speaker, 20 min) » one a line, in the group's time zone.
    pub fn programme_text(&self, lang: Lang) -> String {
        programme_text(&self.programme, self.meetup.group.tz(), lang)
    }

    pub fn talk(&self, id: &TalkId) -> Option<&TalkView> {
        self.talks.iter().find(|t| &t.id == id)
    }
}

fn view(
    row: &TalkRow,
    starts_at: Option<NaiveDateTime>,
    viewer: Option<&str>,
    organiser: bool,
) -> TalkView {
    let t = &row.talk;
    let own = viewer == Some(t.proposer_id.as_str());
    TalkView {
        id: t.id.clone(),
        group_id: t.group_id.clone(),
        meetup_id: t.meetup_id.clone(),
        proposer_id: t.proposer_id.clone(),
        proposer_name: row.proposer_name.clone(),
        title: t.title.clone(),
        abstract_text: t.abstract_text.clone(),
        duration_minutes: t.duration_minutes,
        speaker_name: t.speaker_name.clone(),
        speaker: row.speaker().to_string(),
        status: t.status,
        position: t.position,
        starts_at,
        links: t.link_list(),
        votes: row.votes,
        voted_by_me: row.voted_by_me,
        own,
        can: TalkPermissions::of(
            t.status,
            Actor {
                organiser,
                proposer: own,
            },
        ),
    }
}

/// The meetup's talks visible to `viewer` (anonymous: the programme only).
#[tracing::instrument(skip(db, viewer))]
pub async fn meetup_talks(
    db: &Db,
    viewer: &Viewer,
    meetup_id: &MeetupId,
) -> Result<MeetupTalks, AppError> {
    let (viewer, id) = (viewer.clone(), meetup_id.clone());
    db.run(move |conn| {
        let meetup = meetups::meetup_row(conn, &id)?.ok_or(AppError::NotFound)?;
        talks_seen_by(conn, meetup, &viewer)
    })
    .await
}

/// The talks of the meetup `id` of the group at `slug` visible to `viewer` (404 when the meetup
/// is none of that group's): what the talk forms under a meetup's page read first.
#[tracing::instrument(skip(conn, viewer))]
pub fn talks_at(
    conn: &mut DbConn,
    viewer: &Viewer,
    slug: &str,
    id: &MeetupId,
) -> Result<MeetupTalks, AppError> {
    let meetup = meetups::meetup_row(conn, id)?
        .filter(|row| row.group.slug == slug)
        .ok_or(AppError::NotFound)?;
    talks_seen_by(conn, meetup, viewer)
}

/// The organisers' review of a meetup's talks: 404 for no such meetup in the group, then 401
/// for anonymous viewers and 403 for members who do not organise it.
#[tracing::instrument(skip(conn, viewer))]
pub fn review(
    conn: &mut DbConn,
    viewer: &Viewer,
    slug: &str,
    id: &MeetupId,
) -> Result<MeetupTalks, AppError> {
    let talks = talks_at(conn, viewer, slug, id)?;
    viewer.require_user()?;
    if !talks.organiser {
        return Err(AppError::Forbidden);
    }
    Ok(talks)
}

/// The meetup's talks visible to `viewer`, on the caller's connection.
pub(crate) fn talks_seen_by(
    conn: &mut DbConn,
    meetup: MeetupRow,
    viewer: &Viewer,
) -> Result<MeetupTalks, AppError> {
    let organiser = viewer.organises(&meetup.group.id);
    let rows = talks::talks_of_meetup(conn, &meetup.meetup.id, viewer.user_id())?;
    let scheduled = talks::schedule(&meetup.meetup, &rows);
    let viewer_id = viewer.user_id().map(UserId::as_str);
    let talks = rows
        .iter()
        .filter(|r| {
            visible(
                r.talk.status,
                viewer_id == Some(r.talk.proposer_id.as_str()),
                organiser,
            )
        })
        .map(|r| {
            let starts_at = scheduled
                .iter()
                .find(|(id, _)| *id == r.talk.id)
                .map(|(_, s)| s.starts_at);
            view(r, starts_at, viewer_id, organiser)
        })
        .collect();
    Ok(MeetupTalks {
        meetup,
        organiser,
        talks,
        programme: scheduled.into_iter().map(|(_, s)| s).collect(),
    })
}

/// The talk as `viewer` sees it: with its running time from its meetup's programme, else as the
/// group's pool shows it (members see proposals there); 404 when they may not see it.
#[tracing::instrument(skip(db, viewer))]
pub async fn talk(db: &Db, viewer: &Viewer, talk_id: &TalkId) -> Result<TalkView, AppError> {
    let (viewer, t) = (viewer.clone(), talk_id.clone());
    db.run(move |conn| talk_seen_by(conn, &viewer, &t)).await
}

/// The talk as `user` now sees it, on the caller's connection: what a change of it answers.
fn talk_as(conn: &mut DbConn, user: &User, talk_id: &TalkId) -> Result<TalkView, AppError> {
    let viewer = Viewer::of_user(conn, user.clone())?;
    talk_seen_by(conn, &viewer, talk_id)
}

fn talk_seen_by(
    conn: &mut DbConn,
    viewer: &Viewer,
    talk_id: &TalkId,
) -> Result<TalkView, AppError> {
    let found = talks::talk_by_id(conn, talk_id)?.ok_or(AppError::NotFound)?;
    let find = |list: Vec<TalkView>| list.into_iter().find(|v| &v.id == talk_id);
    if let Some(meetup_id) = &found.meetup_id {
        let meetup = meetups::meetup_row(conn, meetup_id)?.ok_or(AppError::NotFound)?;
        if let Some(view) = find(talks_seen_by(conn, meetup, viewer)?.talks) {
            return Ok(view);
        }
    }
    let group = groups::group_by_id(conn, &found.group_id)?;
    let pool = pool_seen_by(conn, viewer, &group, &PoolQuery::default())?;
    find(pool.talks).ok_or(AppError::NotFound)
}

/// The talk's group, and the talk as `viewer` sees it (`None` when they may not see it); 404
/// for no such talk.
pub fn talk_and_group(
    conn: &mut DbConn,
    viewer: &Viewer,
    talk_id: &TalkId,
) -> Result<(Group, Option<TalkView>), AppError> {
    let group = talk_group(conn, talk_id)?;
    let talk = match talk_seen_by(conn, viewer, talk_id) {
        Ok(talk) => Some(talk),
        Err(AppError::NotFound) => None,
        Err(e) => return Err(e),
    };
    Ok((group, talk))
}

/// The group a talk belongs to; 404 for no such talk.
pub fn talk_group(conn: &mut DbConn, talk_id: &TalkId) -> Result<Group, AppError> {
    let talk = talks::talk_by_id(conn, talk_id)?.ok_or(AppError::NotFound)?;
    groups::group_by_id(conn, &talk.group_id)
}

/// What the pool lists: one status or all, in which order.
#[derive(Debug, Clone, Copy, Default)]
pub struct PoolQuery {
    pub status: Option<TalkStatus>,
    pub sort: PoolSort,
}

/// A group's talks as one viewer sees them.
#[derive(Debug, Clone)]
pub struct PoolTalks {
    pub organiser: bool,
    pub member: bool,
    pub talks: Vec<TalkView>,
}

/// The pool of the group at `slug` as `viewer` sees it, in one checkout.
#[tracing::instrument(skip(db, viewer))]
pub async fn group_talks(
    db: &Db,
    viewer: &Viewer,
    slug: &str,
    query: &PoolQuery,
) -> Result<PoolTalks, AppError> {
    let (viewer, query) = (viewer.clone(), *query);
    let (_, talks) = read_group(db, slug, move |conn, group| {
        pool_seen_by(conn, &viewer, group, &query)
    })
    .await?;
    Ok(talks)
}

/// The pool page: the group, its talks as `viewer` sees them, and its upcoming meetups (where a
/// talk is on the programme, or where organisers may put it), in one checkout.
pub struct PoolPage {
    pub group: Group,
    pub talks: PoolTalks,
    pub upcoming: Vec<MeetupRow>,
}

/// Upcoming meetups the pool page names and offers.
const POOL_PAGE_MEETUPS: i64 = 50;

#[tracing::instrument(skip(db, viewer))]
pub async fn pool_page(
    db: &Db,
    viewer: &Viewer,
    slug: &str,
    query: &PoolQuery,
) -> Result<PoolPage, AppError> {
    let (viewer, query) = (viewer.clone(), *query);
    let (group, (talks, upcoming)) = read_group(db, slug, move |conn, group| {
        let talks = pool_seen_by(conn, &viewer, group, &query)?;
        let upcoming = meetups::meetups_of_group(
            conn,
            &group.id,
            meetups::When::Upcoming,
            now(),
            POOL_PAGE_MEETUPS,
        )?;
        Ok((talks, upcoming))
    })
    .await?;
    Ok(PoolPage {
        group,
        talks,
        upcoming,
    })
}

/// The group's talks, in its pool or already in a meetup, that `viewer` may see (see
/// `domain::talk::visible_in_pool`), filtered and sorted as asked.
fn pool_seen_by(
    conn: &mut DbConn,
    viewer: &Viewer,
    group: &Group,
    query: &PoolQuery,
) -> Result<PoolTalks, AppError> {
    let rows = talks::talks_of_group(conn, &group.id, viewer.user_id())?;
    let standing = viewer.standing_in(&group.id);
    let (organiser, member) = (standing.organiser, standing.member);
    let viewer_id = viewer.user_id().map(UserId::as_str);
    let mut list: Vec<TalkView> = rows
        .iter()
        .filter(|r| {
            let own = viewer_id == Some(r.talk.proposer_id.as_str());
            visible_in_pool(r.talk.status, own, member, organiser)
                && query.status.is_none_or(|s| s == r.talk.status)
        })
        .map(|r| view(r, None, viewer_id, organiser))
        .collect();
    // Rows come oldest first; stable sorts keep that order among equals.
    match query.sort {
        PoolSort::Votes => list.sort_by_key(|t| std::cmp::Reverse(t.votes)),
        PoolSort::Recent => list.reverse(),
    }
    Ok(PoolTalks {
        organiser,
        member,
        talks: list,
    })
}

/// The talks waiting in the group's pool, most voted first: what an organiser may add to a
/// meetup.
pub(crate) fn pool_candidates(
    conn: &mut DbConn,
    viewer: &Viewer,
    group: &Group,
) -> Result<Vec<TalkView>, AppError> {
    let query = PoolQuery {
        status: Some(TalkStatus::Proposed),
        sort: PoolSort::Votes,
    };
    let mut talks = pool_seen_by(conn, viewer, group, &query)?.talks;
    talks.retain(|t| t.meetup_id.is_none());
    Ok(talks)
}

fn new_talk(
    group_id: GroupId,
    meetup_id: Option<MeetupId>,
    proposer: UserId,
    f: TalkFields,
) -> Talk {
    let at = now();
    Talk {
        id: TalkId::random(),
        group_id,
        meetup_id,
        proposer_id: proposer,
        title: f.title,
        abstract_text: f.abstract_text,
        duration_minutes: f.duration_minutes,
        speaker_name: f.speaker_name,
        status: TalkStatus::Proposed,
        position: None,
        links: "[]".into(),
        created_at: at,
        updated_at: at,
    }
}

/// Any signed-in user proposes a talk for a meetup (status `proposed`, no position); they join
/// the group. The input's faults come first, then 404 for no such meetup.
#[tracing::instrument(skip_all, fields(meetup = %meetup_id))]
pub fn propose_talk(
    conn: &mut DbConn,
    settings: &Settings,
    user: &User,
    meetup_id: &MeetupId,
    input: &TalkInput,
) -> Result<TalkView, AppError> {
    let fields = build_talk(None, input).map_err(AppError::Invalid)?;
    let group = admission::admit_via(conn, admission::Via::Meetup(meetup_id), &user.id)?;
    let meetup = meetups::lock_meetup(conn, meetup_id)?;
    join_accepting(conn, &group, &user.id, false, false)?;
    let talk = new_talk(meetup.group_id, Some(meetup.id), user.id.clone(), fields);
    talks::insert_talk(conn, &talk)?;
    let row = meetups::meetup_place(conn, meetup_id)?.ok_or(AppError::NotFound)?;
    let url = format!(
        "{}/talks/review",
        meetup_url(&settings.base_url, &row.group.slug, &row.meetup.id)
    );
    let notice = group_mail::TalkNotice {
        for_title: &row.meetup.title,
        url,
        talk: &talk,
        proposer: user,
    };
    group_mail::talk_proposed(conn, settings, &row.group, notice)?;
    talk_as(conn, user, &talk.id)
}

/// Any signed-in user proposes a talk to the pool of the group at `slug`, for no meetup yet;
/// they join the group. 404 for no such group, then the input's faults.
#[tracing::instrument(skip_all, fields(group = %slug))]
pub fn propose_pool_talk(
    conn: &mut DbConn,
    settings: &Settings,
    user: &User,
    slug: &str,
    input: &TalkInput,
) -> Result<TalkView, AppError> {
    let group = groups::group_by_slug(conn, slug)?.ok_or(AppError::NotFound)?;
    let fields = build_talk(None, input).map_err(AppError::Invalid)?;
    groups::lock_group(conn, &group.id)?;
    admission::admit_held(conn, &group.id, &user.id)?;
    join_accepting(conn, &group, &user.id, false, false)?;
    let talk = new_talk(group.id.clone(), None, user.id.clone(), fields);
    talks::insert_talk(conn, &talk)?;
    let notice = group_mail::TalkNotice {
        for_title: &group.name,
        url: group_talks_url(&settings.base_url, &group.slug),
        talk: &talk,
        proposer: user,
    };
    group_mail::talk_proposed(conn, settings, &group, notice)?;
    talk_as(conn, user, &talk.id)
}

/// The meetup a talk is scheduled into: an upcoming, not cancelled meetup of the talk's group.
fn schedulable(conn: &mut DbConn, talk: &Talk, id: &MeetupId) -> Result<Meetup, AppError> {
    match meetups::meetup_by_id(conn, id)? {
        Some(m)
            if m.group_id == talk.group_id
                && m.status == MeetupStatus::Scheduled
                && m.starts_at > now() =>
        {
            Ok(m)
        }
        _ => Err(AppError::validation(
            "meetup_id",
            "error-talk_meetup_invalid",
        )),
    }
}

fn ids(stored: &[(String, Option<i32>)]) -> Vec<String> {
    stored.iter().map(|(id, _)| id.clone()).collect()
}

/// Runs `actions` by `user` on the talk (rules in `domain::talk`), in the caller's transaction,
/// holding the group's lock so every programme of the group changes one change at a time:
/// renumbers the programmes 1..n, bumps the sequence of both meetups when the talk moves, and
/// tells the proposer of a decision or a move.
#[tracing::instrument(skip_all, fields(talk = %talk_id))]
pub fn act(
    conn: &mut DbConn,
    settings: &Settings,
    user: &User,
    talk_id: &TalkId,
    mut actions: Vec<TalkAction>,
) -> Result<TalkView, AppError> {
    let (t, u) = (talk_id, &user.id);
    let group_id = talks::talk_by_id(conn, t)?
        .ok_or(AppError::NotFound)?
        .group_id;
    // Lock first (a write), then read.
    groups::lock_group(conn, &group_id)?;
    let before = talks::talk_by_id(conn, t)?.ok_or(AppError::NotFound)?;
    let actor = Actor {
        organiser: organises(conn, &before.group_id, u)?,
        proposer: &before.proposer_id == u,
    };
    let at = now();
    let stored = match &before.meetup_id {
        Some(m) => talks::programme_positions(conn, m)?,
        None => Vec::new(),
    };
    let mut target_stored = Vec::new();
    for action in actions.iter_mut() {
        if let TalkAction::Schedule {
            meetup, programme, ..
        } = action
        {
            // Strangers learn nothing of the meetup: 403 before 422.
            if !actor.organiser {
                return Err(TalkRefusal::Forbidden.into());
            }
            if before.meetup_id.as_ref() != Some(&*meetup) {
                let target = schedulable(conn, &before, meetup)?;
                target_stored = talks::programme_positions(conn, &target.id)?;
                *programme = ids(&target_stored);
            }
        }
    }
    let state = TalkState {
        id: before.id.to_string(),
        status: before.status,
        fields: before.fields(),
        meetup: before.meetup_id.clone(),
        programme: ids(&stored),
        left: None,
    };
    let next = apply(state.clone(), actor, &actions)?;
    let position = next.position().map(|p| p as i32);
    let changed = next.status != state.status || next.fields != state.fields;
    let moved = next.meetup != state.meetup;
    let mut after = before.clone();
    if changed || moved || position != before.position {
        after = Talk {
            meetup_id: next.meetup.clone(),
            title: next.fields.title.clone(),
            abstract_text: next.fields.abstract_text.clone(),
            duration_minutes: next.fields.duration_minutes,
            speaker_name: next.fields.speaker_name.clone(),
            status: next.status,
            position,
            updated_at: if changed || moved {
                at
            } else {
                before.updated_at
            },
            ..before.clone()
        };
        talks::update_talk(conn, &after)?;
    }
    let now_stored = if moved { &target_stored } else { &stored };
    talks::renumber(conn, &next.programme, now_stored)?;
    if let Some((_, old)) = &next.left {
        talks::renumber(conn, old, &stored)?;
    }
    let mut left = None;
    if moved {
        // Both programmes are in the meetups' calendar entries: they changed.
        for id in [&before.meetup_id, &after.meetup_id].into_iter().flatten() {
            meetups::bump_sequence(conn, id, at)?;
        }
        if let Some(id) = &before.meetup_id {
            left = meetups::meetup_by_id(conn, id)?;
        }
    }
    let meetup = match &after.meetup_id {
        Some(id) => meetups::meetup_by_id(conn, id)?,
        None => None,
    };
    let change = TalkChange {
        meetup,
        left,
        before,
        after,
    };
    if actor.organiser {
        let action = match (change.after.status, moved) {
            (s, _) if s == change.before.status => None,
            (TalkStatus::Accepted, _) => Some("talk_accepted"),
            (TalkStatus::Rejected, _) => Some("talk_declined"),
            _ => None,
        }
        .or(moved.then_some("talk_scheduled"));
        if let Some(action) = action {
            let target = audit::Target::Talk(change.after.id.as_str(), &change.after.title);
            audit::record(conn, &change.after.group_id, u, action, target)?;
        }
    }
    proposals::talk_decided(conn, settings, &change, at)?;
    proposals::talk_moved(conn, settings, &change, at)?;
    let accepted = change.after.status == TalkStatus::Accepted
        && (change.before.status != TalkStatus::Accepted || moved);
    if let (true, Some(meetup)) = (accepted, &change.after.meetup_id) {
        webhooks::events::talk_scheduled(conn, settings, &change.after, meetup)?;
    }
    talk_as(conn, user, t)
}

/// Adds the user's vote for a live talk (once; the voter joins the group); returns the count.
#[tracing::instrument(skip_all, fields(talk = %talk_id))]
pub fn add_vote(conn: &mut DbConn, user: &UserId, talk_id: &TalkId) -> Result<i64, AppError> {
    let group = admission::admit_via(conn, admission::Via::Talk(talk_id), user)?;
    let talk = talks::lock_talk(conn, talk_id)?;
    may_vote(&talk)?;
    join_accepting(conn, &group, user, false, false)?;
    let vote = TalkVote {
        talk_id: talk.id.clone(),
        user_id: user.clone(),
        created_at: now(),
    };
    talks::add_vote(conn, &vote)?;
    talks::votes_of(conn, &talk.id)
}

/// Removes the user's vote if any; returns the count.
#[tracing::instrument(skip_all, fields(talk = %talk_id))]
pub fn remove_vote(conn: &mut DbConn, user: &UserId, talk_id: &TalkId) -> Result<i64, AppError> {
    let talk = talks::lock_talk(conn, talk_id)?;
    may_vote(&talk)?;
    talks::remove_vote(conn, &talk.id, user)?;
    talks::votes_of(conn, &talk.id)
}

/// Votes go to live talks: proposed or accepted.
fn may_vote(talk: &Talk) -> Result<(), AppError> {
    if talk.status.is_live() {
        Ok(())
    } else {
        Err(TalkRefusal::AlreadyDecided.into())
    }
}

/// The proposer or an organiser replaces the talk's materials (web links only).
#[tracing::instrument(skip_all, fields(talk = %talk_id))]
pub fn set_links(
    conn: &mut DbConn,
    user: &User,
    talk_id: &TalkId,
    links: &[TalkLink],
) -> Result<TalkView, AppError> {
    let talk = talks::lock_talk(conn, talk_id)?;
    let actor = Actor {
        organiser: organises(conn, &talk.group_id, &user.id)?,
        proposer: talk.proposer_id == user.id,
    };
    if !TalkPermissions::of(talk.status, actor).materials {
        return Err(if may_touch(actor) {
            TalkRefusal::AlreadyDecided.into()
        } else {
            AppError::Forbidden
        });
    }
    let links = parse_talk_links(links)?;
    let at = now();
    talks::set_links(conn, &talk.id, &links, at)?;
    // The programme's materials are in the meetup's calendar entry and pages.
    if let (Some(m), TalkStatus::Accepted) = (&talk.meetup_id, talk.status) {
        meetups::touch_meetup(conn, m, at)?;
    }
    talk_as(conn, user, talk_id)
}

/// PATCH semantics: the proposer edits; organisers accept/reject/reopen/move.
#[tracing::instrument(skip_all)]
pub fn update(
    conn: &mut DbConn,
    settings: &Settings,
    user: &User,
    talk_id: &TalkId,
    patch: &TalkPatch,
) -> Result<TalkView, AppError> {
    match patch.actions() {
        Ok(actions) => act(conn, settings, user, talk_id, actions),
        Err(invalid) => {
            // Unknown talk (404) and strangers (403) come before a malformed request (422).
            act(conn, settings, user, talk_id, Vec::new())?;
            Err(invalid.into())
        }
    }
}
