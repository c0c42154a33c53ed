//! Polls that become the meetup: organisers offer dates (and venues), members vote, and the
//! close makes the meetup through the same use case as scheduling one, its "yes" voters told
//! first.

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDateTime};

use super::access::{require_organiser, Viewer};
use super::admission::{self, Via};
use super::conduct::join_accepting;
use super::groups::group_at;
use super::meetups::{create_meetup, update_meetup};
use super::rsvps::answer_joining;
use super::venue_suggestions::accept_into;
use crate::config::Settings;
use crate::db::models::{Group, Poll, PollOption};
use crate::db::repo::meetups::{self, MeetupRow};
use crate::db::repo::polls::{self as repo, VoteRow};
use crate::db::repo::{groups, venue_suggestions, venues};
use crate::db::{now, DbConn};
use crate::domain::group::GroupRole;
use crate::domain::ids::{MeetupId, PollId, PollOptionId, SuggestionId, UserId, VenueId};
use crate::domain::meetup::MeetupInput;
use crate::domain::poll::{
    date_options, poll_text, priority_hours, ranking, CloseInput, OptionKind, PollAnswer,
    PollInput, Tally, VoteInput, MAX_VENUES, VENUE_FIELDS,
};
use crate::domain::privacy::{listed, listed_name, names_visible, Standing};
use crate::domain::rsvp::Answer;
use crate::domain::time::{format_utc, parse_instant};
use crate::domain::venue_suggestion::SuggestionStatus;
use crate::domain::FieldError;
use crate::error::AppError;
use crate::mail::answer_links::PollLink;
use crate::mail::polls as mail;
use crate::webhooks;

/// One option as a viewer sees it.
#[derive(Debug, Clone)]
pub struct OptionView {
    pub option: PollOption,
    /// A venue option's name and address (empty for dates).
    pub name: String,
    pub address: String,
    pub tally: Tally,
    /// Voters the viewer may read by name, with their answer, in the order they answered.
    pub voters: Vec<(PollAnswer, String)>,
    /// `None` for a viewer who did not answer it (or is anonymous).
    pub my_answer: Option<PollAnswer>,
    /// The best of its kind (see `domain::poll::ranking`).
    pub best: bool,
}

/// A poll as one viewer sees it.
#[derive(Debug, Clone)]
pub struct PollView {
    pub poll: Poll,
    pub group: Group,
    pub dates: Vec<OptionView>,
    pub venues: Vec<OptionView>,
    /// How many members answered.
    pub voters: usize,
    /// Signed-in viewers may vote while it is open.
    pub can_vote: bool,
    pub organiser: bool,
    pub signed_in: bool,
}

impl PollView {
    pub fn best_date(&self) -> Option<&OptionView> {
        self.dates.iter().find(|o| o.best)
    }

    pub fn best_venue(&self) -> Option<&OptionView> {
        self.venues.iter().find(|o| o.best)
    }
}

/// Builds the view of `poll` for a viewer standing so in its group.
fn view(
    conn: &mut DbConn,
    poll: Poll,
    group: Group,
    standing: Standing,
    viewer: Option<&UserId>,
) -> Result<PollView, AppError> {
    let options = repo::options_of(conn, &poll.id)?;
    let votes = repo::votes_of_poll(conn, &poll.id)?;
    let names = names_visible(group.attendee_visibility, standing);
    let mut by_option: HashMap<&PollOptionId, Vec<&VoteRow>> = HashMap::new();
    for v in &votes {
        by_option.entry(&v.vote.option_id).or_default().push(v);
    }
    let voters: HashSet<&UserId> = votes.iter().map(|v| &v.vote.user_id).collect();
    let mut dates = Vec::new();
    let mut venue_views = Vec::new();
    for option in options {
        let rows = by_option.get(&option.id).cloned().unwrap_or_default();
        let mut tally = Tally::default();
        let mut listed_voters = Vec::new();
        let mut my_answer = None;
        for r in rows {
            tally.add(r.vote.answer);
            let own = viewer == Some(&r.vote.user_id);
            if own {
                my_answer = Some(r.vote.answer);
            }
            if own || (names && listed(r.hidden, standing)) {
                let name = listed_name(&r.name, r.guest, standing).to_string();
                listed_voters.push((r.vote.answer, name));
            }
        }
        let (name, address) = option_place(conn, &option)?;
        let v = OptionView {
            option,
            name,
            address,
            tally,
            voters: listed_voters,
            my_answer,
            best: false,
        };
        match v.option.kind {
            OptionKind::Date => dates.push(v),
            OptionKind::Venue => venue_views.push(v),
        }
    }
    mark_best(&mut dates, |o| o.option.starts_at.unwrap_or_default());
    // Venues tie by the order they were offered: positions are stand-in instants.
    mark_best(&mut venue_views, |o| {
        NaiveDateTime::default() + Duration::seconds(i64::from(o.option.position))
    });
    let open = !poll.is_closed();
    Ok(PollView {
        can_vote: open && viewer.is_some(),
        organiser: standing.organiser,
        signed_in: viewer.is_some(),
        voters: voters.len(),
        dates,
        venues: venue_views,
        poll,
        group,
    })
}

fn mark_best(options: &mut [OptionView], order: impl Fn(&OptionView) -> NaiveDateTime) {
    let best = options
        .iter()
        .enumerate()
        .min_by(|(_, a), (_, b)| ranking((a.tally, order(a)), (b.tally, order(b))))
        .map(|(i, _)| i);
    if let Some(i) = best {
        options[i].best = true;
    }
}

/// A venue option's name and address, from the venue or the suggestion.
fn option_place(conn: &mut DbConn, option: &PollOption) -> Result<(String, String), AppError> {
    if let Some(id) = &option.venue_id {
        if let Some(v) = venues::venue_by_id(conn, id)? {
            return Ok((v.name, v.address));
        }
    }
    if let Some(id) = &option.suggestion_id {
        if let Some(s) = venue_suggestions::suggestion_by_id(conn, id)? {
            return Ok((s.name, s.address));
        }
    }
    Ok((String::new(), String::new()))
}

/// Where the user stands in the group, read on the caller's connection.
fn standing_of(conn: &mut DbConn, group: &Group, user: &UserId) -> Result<Standing, AppError> {
    let role = groups::role_of(conn, &group.id, user)?;
    Ok(Standing {
        member: role.is_some(),
        organiser: role == Some(GroupRole::Organiser),
    })
}

/// The poll as the user sees it, on the caller's connection (after a write, in its
/// transaction).
fn seen_by_user(conn: &mut DbConn, user: &UserId, id: &PollId) -> Result<PollView, AppError> {
    let poll = repo::poll_by_id(conn, id)?.ok_or(AppError::NotFound)?;
    let group = groups::group_by_id(conn, &poll.group_id)?;
    let standing = standing_of(conn, &group, user)?;
    view(conn, poll, group, standing, Some(user))
}

/// The poll `id` as `viewer` sees it; 404 for none.
#[tracing::instrument(skip_all)]
pub fn poll(conn: &mut DbConn, viewer: &Viewer, id: &PollId) -> Result<PollView, AppError> {
    let poll = repo::poll_by_id(conn, id)?.ok_or(AppError::NotFound)?;
    let group = groups::group_by_id(conn, &poll.group_id)?;
    let standing = viewer.standing_in(&group.id);
    view(conn, poll, group, standing, viewer.user_id())
}

/// The poll `id` of the group at `slug` as `viewer` sees it (its page), in one checkout; 404
/// when it is another group's.
#[tracing::instrument(skip_all)]
pub fn poll_page(
    conn: &mut DbConn,
    viewer: &Viewer,
    slug: &str,
    id: &PollId,
) -> Result<PollView, AppError> {
    let view = poll(conn, viewer, id)?;
    if view.group.slug != slug {
        return Err(AppError::NotFound);
    }
    Ok(view)
}

/// The group's open polls, newest first.
pub fn open_polls(conn: &mut DbConn, group: &Group) -> Result<Vec<Poll>, AppError> {
    repo::open_polls_of_group(conn, &group.id)
}

/// A venue option: one of the group's venues, or one of its open suggestions.
enum Place {
    Venue(VenueId),
    Suggestion(SuggestionId),
}

fn place(
    conn: &mut DbConn,
    group: &Group,
    id: &str,
    field: &'static str,
) -> Result<Place, AppError> {
    let venue = VenueId::from(id);
    if let Some(v) = venues::venue_by_id(conn, &venue)? {
        if v.group_id == group.id {
            return Ok(Place::Venue(venue));
        }
    }
    let suggestion = SuggestionId::from(id);
    match venue_suggestions::suggestion_by_id(conn, &suggestion)? {
        Some(s) if s.group_id == group.id && s.status == SuggestionStatus::Open => {
            Ok(Place::Suggestion(suggestion))
        }
        _ => Err(AppError::validation(field, "error-venue_invalid")),
    }
}

/// Organisers open a poll in the group at `slug`: 404, 403, then the input's faults (each date
/// option must exist once in the group's zone; venues are the group's or its open
/// suggestions). The members who want announcements are told (see `mail::polls`).
#[tracing::instrument(skip_all, fields(group = %slug))]
pub fn create_poll(
    conn: &mut DbConn,
    settings: &Settings,
    user: &UserId,
    slug: &str,
    input: &PollInput,
) -> Result<PollView, AppError> {
    let group = group_at(conn, slug)?;
    groups::lock_group(conn, &group.id)?;
    require_organiser(conn, &group.id, user)?;
    let (title, description) = poll_text(input.title.as_deref(), input.description.as_deref())?;
    let tz = group.tz();
    let dates = date_options(&input.date_options, tz)?;
    if input.venue_options.len() > MAX_VENUES {
        return Err(AppError::validation(
            "venue_options",
            "error-poll_venues_count",
        ));
    }
    let mut places = Vec::new();
    let mut seen = HashSet::new();
    for (id, field) in input.venue_options.iter().zip(VENUE_FIELDS) {
        if !seen.insert(id.as_str()) {
            return Err(AppError::validation(field, "error-poll_option_twice"));
        }
        places.push(place(conn, &group, id, field)?);
    }
    let at = now();
    let closes_at = match input.closes_at.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(text) => {
            let closes = parse_instant(text, tz, "closes_at")?;
            if closes <= at {
                return Err(AppError::validation("closes_at", "error-poll_closes_past"));
            }
            Some(closes)
        }
        None => None,
    };
    let target_meetup_id = match input.target_meetup_id.as_deref().map(str::trim) {
        Some(id) if !id.is_empty() => Some(target_of(conn, &group, id, at)?),
        _ => None,
    };
    let poll = Poll {
        id: PollId::random(),
        group_id: group.id.clone(),
        title,
        description,
        created_by: Some(user.clone()),
        closes_at,
        reminded_at: None,
        closed_at: None,
        meetup_id: None,
        chosen_option_id: None,
        target_meetup_id,
        priority_until: None,
        created_at: at,
        updated_at: at,
    };
    let mut options: Vec<PollOption> = dates
        .into_iter()
        .zip(0..)
        .map(|(starts_at, position)| PollOption {
            id: PollOptionId::random(),
            poll_id: poll.id.clone(),
            kind: OptionKind::Date,
            position,
            starts_at: Some(starts_at),
            venue_id: None,
            suggestion_id: None,
        })
        .collect();
    options.extend(places.into_iter().zip(0..).map(|(p, position)| {
        let (venue_id, suggestion_id) = match p {
            Place::Venue(v) => (Some(v), None),
            Place::Suggestion(s) => (None, Some(s)),
        };
        PollOption {
            id: PollOptionId::random(),
            poll_id: poll.id.clone(),
            kind: OptionKind::Venue,
            position,
            starts_at: None,
            venue_id,
            suggestion_id,
        }
    }));
    repo::insert_poll(conn, &poll, &options)?;
    mail::poll_announced(conn, &poll)?;
    webhooks::events::poll_opened(conn, settings, &group, &poll)?;
    seen_by_user(conn, user, &poll.id)
}

/// The meetup a poll may move: one of the group's, neither cancelled nor begun.
fn target_of(
    conn: &mut DbConn,
    group: &Group,
    id: &str,
    at: NaiveDateTime,
) -> Result<MeetupId, AppError> {
    meetups::meetup_by_id(conn, &MeetupId::from(id))?
        .filter(|m| m.group_id == group.id && !m.is_cancelled() && m.starts_at > at)
        .map(|m| m.id)
        .ok_or(AppError::validation(
            "target_meetup_id",
            "error-poll_target_invalid",
        ))
}

/// The answer `text` to an option of `kind`, or the fault of `field`.
fn parse_answer(
    kind: OptionKind,
    text: &str,
    field: &'static str,
) -> Result<PollAnswer, FieldError> {
    PollAnswer::parse(text)
        .filter(|a| kind.takes(*a))
        .ok_or(FieldError::new(field, "error-poll_answer_invalid"))
}

/// A member votes (or changes their vote) while the poll is open: voting joins the group, as
/// an RSVP does (a ban refuses it; a code of conduct the group asks for must be accepted by a
/// newcomer). The vote replaces the member's earlier one; an answer given again keeps its time.
#[tracing::instrument(skip_all, fields(poll = %id))]
pub fn vote(
    conn: &mut DbConn,
    user: &UserId,
    id: &PollId,
    input: &VoteInput,
) -> Result<PollView, AppError> {
    let group = admission::admit_via(conn, Via::Poll(id), user)?;
    let poll = repo::lock_poll(conn, id)?;
    if poll.is_closed() {
        return Err(AppError::conflict("poll_closed"));
    }
    let options = repo::options_of(conn, &poll.id)?;
    let mut answers: HashMap<PollOptionId, PollAnswer> = HashMap::new();
    for (given, kind, field) in [
        (&input.dates, OptionKind::Date, "dates"),
        (&input.venues, OptionKind::Venue, "venues"),
    ] {
        for (option_id, text) in given {
            let known = options
                .iter()
                .any(|o| o.kind == kind && o.id.as_str() == option_id);
            if !known {
                return Err(AppError::validation(field, "error-poll_option_unknown"));
            }
            answers.insert(
                PollOptionId::from(option_id.as_str()),
                parse_answer(kind, text, field)?,
            );
        }
    }
    join_accepting(conn, &group, user, input.accepts_conduct, false)?;
    let mut changed = false;
    for option in &options {
        let answer = answers.get(&option.id).copied();
        changed |= repo::put_vote(conn, &poll.id, &option.id, user, answer)?;
    }
    if changed {
        repo::touch(conn, &poll.id)?;
    }
    seen_by_user(conn, user, id)
}

/// What closing a poll made.
pub struct ClosedPoll {
    pub poll: PollView,
    pub meetup: MeetupRow,
}

/// Organisers close the poll on a date (and venue): the meetup is made by the same use case as
/// `POST /api/v1/groups/{slug}/meetups`, a suggested venue accepted on the way (with its mail).
/// Those who said "yes" to that date get the meetup first, for `priority_hours`, with one-click
/// answers, and everyone else its announcement after that: one mail per member in all; with
/// `auto_rsvp` the "yes" voters are seated instead, first come first served (their answer's
/// confirmation is their mail). 403 for others, 409 `poll_closed` when it is closed already.
#[tracing::instrument(skip_all, fields(poll = %id))]
pub fn close(
    conn: &mut DbConn,
    settings: &Settings,
    user: &UserId,
    id: &PollId,
    input: &CloseInput,
) -> Result<ClosedPoll, AppError> {
    let poll = repo::lock_poll(conn, id)?;
    require_organiser(conn, &poll.group_id, user)?;
    if poll.is_closed() {
        return Err(AppError::conflict("poll_closed"));
    }
    let hours = priority_hours(input.priority_hours)?;
    let group = groups::group_by_id(conn, &poll.group_id)?;
    let standing = standing_of(conn, &group, user)?;
    let current = view(conn, poll.clone(), group.clone(), standing, Some(user))?;
    let date = chosen(&current.dates, input.date_option.as_deref(), "date_option")?
        .or(current.best_date())
        .ok_or(AppError::validation("date_option", "error-required"))?;
    let venue = match chosen(
        &current.venues,
        input.venue_option.as_deref(),
        "venue_option",
    )? {
        Some(v) => Some(v),
        None => current.best_venue().filter(|v| v.tally.yes > 0),
    };
    let venue_id = match venue {
        Some(v) => Some(venue_of(conn, settings, user, &v.option)?),
        None => None,
    };
    let starts_at = date
        .option
        .starts_at
        .ok_or(AppError::validation("date_option", "error-required"))?;
    if let Some(target) = &poll.target_meetup_id {
        // Moved like any change by hand: a new sequence, and those going are told.
        let change = MeetupInput {
            title: input.title.clone(),
            starts_at: Some(format_utc(starts_at)),
            venue_id: venue_id.map(|v| Some(String::from(v))),
            capacity: input.capacity.map(Some),
            ..MeetupInput::default()
        };
        let row = update_meetup(conn, settings, user, target, &change)?;
        repo::set_closed(conn, &poll.id, target, &date.option.id, now())?;
        return Ok(ClosedPoll {
            poll: seen_by_user(conn, user, id)?,
            meetup: row,
        });
    }
    let meetup_input = MeetupInput {
        title: Some(input.title.clone().unwrap_or_else(|| poll.title.clone())),
        description: Some(poll.description.clone()),
        starts_at: Some(format_utc(starts_at)),
        venue_id: Some(venue_id.map(String::from)),
        capacity: Some(input.capacity),
        announce: Some(false),
        ..MeetupInput::default()
    };
    let row = create_meetup(conn, settings, user, &group.slug, &meetup_input)?;
    let meetup_id = row.meetup.id.clone();
    // Announced by this close (in two waves): never again by hand.
    meetups::set_announced(conn, &meetup_id)?;
    let priority_until = now() + Duration::hours(hours);
    repo::set_closed(conn, &poll.id, &meetup_id, &date.option.id, priority_until)?;
    let voters = repo::yes_voters(conn, &group.id, &date.option.id)?;
    let mut told = Vec::new();
    for voter in voters {
        // A voter banned or removed since is no longer in the group's mail.
        if admission::link_refusal(conn, &group.id, &voter.id).is_err() {
            continue;
        }
        if input.auto_rsvp {
            answer_joining(
                conn,
                settings,
                &voter.id,
                &meetup_id,
                Answer::Yes { guests: 0 },
                None,
                None,
            )?;
        } else {
            told.push(voter);
        }
    }
    let row = meetups::meetup_row(conn, &meetup_id)?.ok_or(AppError::NotFound)?;
    mail::priority_window(conn, settings, &row, &told)?;
    mail::meetup_decided(conn, &poll.id, &row)?;
    Ok(ClosedPoll {
        poll: seen_by_user(conn, user, id)?,
        meetup: row,
    })
}

/// The option `id` of `options`, when given; 422 on `field` when it is none of them.
fn chosen<'a>(
    options: &'a [OptionView],
    id: Option<&str>,
    field: &'static str,
) -> Result<Option<&'a OptionView>, AppError> {
    match id.map(str::trim).filter(|s| !s.is_empty()) {
        Some(id) => options
            .iter()
            .find(|o| o.option.id.as_str() == id)
            .map(Some)
            .ok_or(AppError::validation(field, "error-poll_option_unknown")),
        None => Ok(None),
    }
}

/// The venue a venue option stands for: a suggestion still open is accepted now (it joins the
/// group's venues, its suggester is thanked); one accepted since gives its venue; one declined
/// since cannot be chosen.
fn venue_of(
    conn: &mut DbConn,
    settings: &Settings,
    user: &UserId,
    option: &PollOption,
) -> Result<VenueId, AppError> {
    if let Some(v) = &option.venue_id {
        return Ok(v.clone());
    }
    let Some(sid) = &option.suggestion_id else {
        return Err(AppError::validation("venue_option", "error-venue_invalid"));
    };
    let s = venue_suggestions::lock_suggestion(conn, sid)?;
    match (s.status, s.venue_id.clone()) {
        (SuggestionStatus::Open, _) => Ok(accept_into(conn, settings, user, s, None)?.venue.id),
        (SuggestionStatus::Accepted, Some(v)) => Ok(v),
        _ => Err(AppError::validation("venue_option", "error-venue_invalid")),
    }
}

/// What the organisers' form opening a poll offers: the group's venues, its open suggestions
/// and the meetups a poll may move (upcoming, not cancelled), read in one checkout; 404 for no
/// such group, then sign-in or 403.
pub struct PollFormData {
    pub group: Group,
    pub venues: Vec<crate::db::models::Venue>,
    /// Open suggestions, as (id, name, address), most voted first.
    pub suggestions: Vec<(SuggestionId, String, String)>,
    pub meetups: Vec<MeetupRow>,
}

#[tracing::instrument(skip_all)]
pub fn form_data(conn: &mut DbConn, viewer: &Viewer, slug: &str) -> Result<PollFormData, AppError> {
    let group = super::groups::organised_group(conn, viewer, slug)?;
    let venues = venues::venues_of_group(conn, &group.id)?;
    let suggestions = venue_suggestions::suggestions_of_group(conn, &group.id, None)?
        .into_iter()
        .filter(|r| r.suggestion.status == SuggestionStatus::Open)
        .map(|r| (r.suggestion.id, r.suggestion.name, r.suggestion.address))
        .collect();
    let at = now();
    let meetups = meetups::meetups_of_group(conn, &group.id, meetups::When::Upcoming, at, 50)?
        .into_iter()
        .filter(|r| !r.meetup.is_cancelled() && r.meetup.starts_at > at)
        .collect();
    Ok(PollFormData {
        group,
        venues,
        suggestions,
        meetups,
    })
}

/// A poll's one-click answer (`/poll-answer/{token}`) with what it is about.
#[derive(Debug, Clone)]
pub struct LinkedAnswer {
    pub link: PollLink,
    pub poll: Poll,
    pub group: Group,
    pub option: PollOption,
}

/// The refusals a link meets whatever it does: a token this server did not sign (403), a
/// link past its date or of an erased account (410 `link_expired`), a member banned (403
/// `banned`), removed or gone from the group (410 `link_expired`: a link mailed to a member
/// dies with the membership).
fn linked(conn: &mut DbConn, link: PollLink, lock: bool) -> Result<LinkedAnswer, AppError> {
    if now() > link.expires {
        return Err(AppError::Gone("link_expired"));
    }
    let option = repo::option_by_id(conn, &link.option_id)?.ok_or(AppError::NotFound)?;
    if option.kind != OptionKind::Date {
        return Err(AppError::NotFound);
    }
    // A deleted account's links are dead: the account is read under the lock its deletion
    // takes first (as `rsvps::answer_by_link` reads it).
    let user = if lock {
        crate::db::repo::users::lock_user(conn, &link.user_id, false)?
    } else {
        crate::db::repo::users::user_by_id(conn, &link.user_id)?
    };
    let user = user.ok_or(AppError::NotFound)?;
    if crate::domain::account::is_erased_email(&user.email) {
        return Err(AppError::Gone("link_expired"));
    }
    let group = if lock {
        admission::admit_by_link_via(conn, Via::Poll(&option.poll_id), &user.id)?
    } else {
        let poll = repo::poll_by_id(conn, &option.poll_id)?.ok_or(AppError::NotFound)?;
        let group = groups::group_by_id(conn, &poll.group_id)?;
        admission::link_refusal(conn, &group.id, &user.id)?;
        group
    };
    if groups::role_of(conn, &group.id, &user.id)?.is_none() {
        return Err(AppError::Gone("link_expired"));
    }
    let poll = if lock {
        repo::lock_poll(conn, &option.poll_id)?
    } else {
        repo::poll_by_id(conn, &option.poll_id)?.ok_or(AppError::NotFound)?
    };
    Ok(LinkedAnswer {
        link,
        poll,
        group,
        option,
    })
}

/// What a poll's one-click answer is about, for its confirmation page; it changes nothing
/// (a mail scanner opens links). See [`linked`] for its refusals.
#[tracing::instrument(skip_all)]
pub fn answer_link(
    conn: &mut DbConn,
    settings: &Settings,
    token: &str,
) -> Result<LinkedAnswer, AppError> {
    let link = PollLink::verify(&settings.secret_key, token).ok_or(AppError::Forbidden)?;
    linked(conn, link, false)
}

/// Confirms a poll's one-click answer: that one date takes the link's answer, the member's
/// other answers kept (the same answer again changes nothing, its time kept); 409
/// `poll_closed` once the poll is closed. Run it in a transaction.
#[tracing::instrument(skip_all)]
pub fn answer_by_link(
    conn: &mut DbConn,
    settings: &Settings,
    token: &str,
) -> Result<LinkedAnswer, AppError> {
    let link = PollLink::verify(&settings.secret_key, token).ok_or(AppError::Forbidden)?;
    let answered = linked(conn, link, true)?;
    if answered.poll.is_closed() {
        return Err(AppError::conflict("poll_closed"));
    }
    let (poll, option, user) = (
        &answered.poll.id,
        &answered.option.id,
        &answered.link.user_id,
    );
    if repo::put_vote(conn, poll, option, user, Some(answered.link.answer))? {
        repo::touch(conn, poll)?;
    }
    Ok(answered)
}
