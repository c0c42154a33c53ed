//! Everything an account owns or said, to hand it over (export) or to take it away (deletion).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::models::User;
use crate::db::schema::{
    api_tokens, browser_sessions, email_changes, group_messages, groups, guest_answers,
    login_failures, meetups, memberships, message_recipients, organiser_events,
    password_reset_requests, password_resets, rsvps, talk_votes, talks, users, venue_suggestions,
    venue_votes,
};
use crate::db::{now, DbConn};
use crate::domain::account::erased_email;
use crate::domain::group::GroupRole;
use crate::domain::ids::{GroupId, MeetupId, UserId};
use crate::domain::message::NoticeMode;
use crate::domain::rsvp::RsvpStatus;
use crate::domain::talk::TalkStatus;
use crate::domain::token::random_hex;
use crate::domain::venue_suggestion::SuggestionStatus;
use crate::error::AppError;

#[derive(Queryable)]
pub struct MembershipRow {
    pub group_id: GroupId,
    pub group_slug: String,
    pub group_name: String,
    pub role: GroupRole,
    pub joined_at: NaiveDateTime,
    pub announcements: bool,
    pub messages: bool,
    pub proposal_notices: NoticeMode,
    pub rsvp_notices: NoticeMode,
    pub code_of_conduct_accepted_at: Option<NaiveDateTime>,
}

#[derive(Queryable)]
pub struct ReceivedMessageRow {
    pub group_slug: String,
    pub subject: String,
    pub body: String,
    pub sent_at: NaiveDateTime,
}

#[derive(Queryable)]
pub struct RsvpRow {
    pub meetup_id: MeetupId,
    pub meetup_title: String,
    pub starts_at: NaiveDateTime,
    pub status: RsvpStatus,
    pub guests: i32,
    pub attended: bool,
    pub answered_at: NaiveDateTime,
}

#[derive(Queryable)]
pub struct TalkRow {
    pub id: String,
    pub meetup_id: Option<MeetupId>,
    pub title: String,
    pub abstract_text: String,
    pub duration_minutes: i32,
    pub speaker_name: Option<String>,
    pub status: TalkStatus,
    pub links: String,
    pub created_at: NaiveDateTime,
}

#[derive(Queryable)]
pub struct SuggestionRow {
    pub id: String,
    pub name: String,
    pub address: String,
    pub url: Option<String>,
    pub note: Option<String>,
    pub status: SuggestionStatus,
    pub created_at: NaiveDateTime,
}

#[derive(Queryable)]
pub struct VoteRow {
    pub suggestion_id: String,
    pub suggestion_name: String,
    pub created_at: NaiveDateTime,
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn memberships_of(conn: &mut DbConn, user: &UserId) -> Result<Vec<MembershipRow>, AppError> {
    Ok(memberships::table
        .inner_join(groups::table)
        .filter(memberships::user_id.eq(user))
        .order(memberships::joined_at.asc())
        .select((
            groups::id,
            groups::slug,
            groups::name,
            memberships::role,
            memberships::joined_at,
            memberships::announcements,
            memberships::messages,
            memberships::proposal_notices,
            memberships::rsvp_notices,
            memberships::code_of_conduct_accepted_at,
        ))
        .load(conn)?)
}

/// Organisers' messages sent to the user, oldest first.
#[tracing::instrument(level = "debug", skip_all)]
pub fn messages_to(conn: &mut DbConn, user: &UserId) -> Result<Vec<ReceivedMessageRow>, AppError> {
    Ok(message_recipients::table
        .inner_join(group_messages::table.inner_join(groups::table))
        .filter(message_recipients::user_id.eq(user))
        .order(group_messages::sent_at.asc())
        .select((
            groups::slug,
            group_messages::subject,
            group_messages::body,
            group_messages::sent_at,
        ))
        .load(conn)?)
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn rsvps_of(conn: &mut DbConn, user: &UserId) -> Result<Vec<RsvpRow>, AppError> {
    Ok(rsvps::table
        .inner_join(meetups::table)
        .filter(rsvps::user_id.eq(user))
        .order(meetups::starts_at.asc())
        .select((
            meetups::id,
            meetups::title,
            meetups::starts_at,
            rsvps::status,
            rsvps::guests,
            rsvps::attended,
            rsvps::updated_at,
        ))
        .load(conn)?)
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn talks_of(conn: &mut DbConn, user: &UserId) -> Result<Vec<TalkRow>, AppError> {
    Ok(talks::table
        .filter(talks::proposer_id.eq(user))
        .order(talks::created_at.asc())
        .select((
            talks::id,
            talks::meetup_id,
            talks::title,
            talks::abstract_text,
            talks::duration_minutes,
            talks::speaker_name,
            talks::status,
            talks::links,
            talks::created_at,
        ))
        .load(conn)?)
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn suggestions_of(conn: &mut DbConn, user: &UserId) -> Result<Vec<SuggestionRow>, AppError> {
    Ok(venue_suggestions::table
        .filter(venue_suggestions::suggester_id.eq(user))
        .order(venue_suggestions::created_at.asc())
        .select((
            venue_suggestions::id,
            venue_suggestions::name,
            venue_suggestions::address,
            venue_suggestions::url,
            venue_suggestions::note,
            venue_suggestions::status,
            venue_suggestions::created_at,
        ))
        .load(conn)?)
}

#[tracing::instrument(level = "debug", skip_all)]
pub fn votes_of(conn: &mut DbConn, user: &UserId) -> Result<Vec<VoteRow>, AppError> {
    Ok(venue_votes::table
        .inner_join(venue_suggestions::table)
        .filter(venue_votes::user_id.eq(user))
        .order(venue_votes::created_at.asc())
        .select((
            venue_votes::suggestion_id,
            venue_suggestions::name,
            venue_votes::created_at,
        ))
        .load(conn)?)
}

/// The talks the user voted for, as (talk id, title, when).
#[tracing::instrument(level = "debug", skip_all)]
pub fn talk_votes_of(
    conn: &mut DbConn,
    user: &UserId,
) -> Result<Vec<(String, String, NaiveDateTime)>, AppError> {
    Ok(talk_votes::table
        .inner_join(talks::table)
        .filter(talk_votes::user_id.eq(user))
        .order(talk_votes::created_at.asc())
        .select((talk_votes::talk_id, talks::title, talk_votes::created_at))
        .load(conn)?)
}

/// Takes away what is the user's alone, keeping what others rely on: proposed talks are
/// withdrawn, accepted ones keep the speaker's name as published (the others lose it); votes,
/// memberships, sessions and tokens go; so do the mails sent or due to the account, its
/// pending e-mail changes and reset links, and the records of its sign-ins and reset requests;
/// mails to others that name the person (organisers' notices and digests) keep their key but
/// name nobody; the account row stays (past meetups keep their counts) with nothing personal
/// left and its e-mail address freed.
#[tracing::instrument(level = "debug", skip_all)]
pub fn erase(conn: &mut DbConn, user: &User, erased_name: &str) -> Result<(), AppError> {
    let id = &user.id;
    diesel::update(
        talks::table
            .filter(talks::proposer_id.eq(id))
            .filter(talks::status.eq(TalkStatus::Proposed)),
    )
    .set((
        talks::status.eq(TalkStatus::Withdrawn),
        talks::updated_at.eq(now()),
    ))
    .execute(conn)?;
    diesel::update(
        talks::table
            .filter(talks::proposer_id.eq(id))
            .filter(talks::status.eq(TalkStatus::Accepted))
            .filter(talks::speaker_name.is_null()),
    )
    .set(talks::speaker_name.eq(&user.name))
    .execute(conn)?;
    let unpublished = talks::table
        .filter(talks::proposer_id.eq(id))
        .filter(talks::status.ne(TalkStatus::Accepted))
        .filter(talks::speaker_name.is_not_null());
    let speaker_names: Vec<Option<String>> = unpublished
        .select(talks::speaker_name)
        .distinct()
        .load(conn)?;
    diesel::update(unpublished)
        .set(talks::speaker_name.eq(None::<String>))
        .execute(conn)?;
    super::users::touch_listings(conn, id)?;
    diesel::delete(venue_votes::table.filter(venue_votes::user_id.eq(id))).execute(conn)?;
    diesel::delete(talk_votes::table.filter(talk_votes::user_id.eq(id))).execute(conn)?;
    super::polls::delete_votes_of_user(conn, id)?;
    super::questions::delete_answers_of_user(conn, id)?;
    diesel::delete(memberships::table.filter(memberships::user_id.eq(id))).execute(conn)?;
    diesel::delete(message_recipients::table.filter(message_recipients::user_id.eq(id)))
        .execute(conn)?;
    diesel::delete(organiser_events::table.filter(organiser_events::actor_id.eq(id)))
        .execute(conn)?;
    diesel::delete(browser_sessions::table.filter(browser_sessions::user_id.eq(id)))
        .execute(conn)?;
    diesel::delete(api_tokens::table.filter(api_tokens::user_id.eq(id))).execute(conn)?;
    diesel::delete(email_changes::table.filter(email_changes::user_id.eq(id))).execute(conn)?;
    diesel::delete(password_resets::table.filter(password_resets::user_id.eq(id))).execute(conn)?;
    diesel::delete(guest_answers::table.filter(guest_answers::user_id.eq(id))).execute(conn)?;
    super::invitations::delete_to(conn, &user.email)?;
    diesel::delete(
        password_reset_requests::table.filter(password_reset_requests::email.eq(&user.email)),
    )
    .execute(conn)?;
    diesel::delete(login_failures::table.filter(login_failures::email.eq(&user.email)))
        .execute(conn)?;
    super::outbox::delete_to(conn, id, &user.email)?;
    let mut mentions = vec![user.name.as_str(), user.email.as_str()];
    mentions.extend(speaker_names.iter().flatten().map(String::as_str));
    super::outbox::blank_mentions(conn, &mentions, erased_name)?;
    diesel::update(users::table.find(id))
        .set((
            users::email.eq(erased_email(id)),
            users::name.eq(erased_name),
            users::password_hash.eq(""),
            users::calendar_secret.eq(random_hex(32)),
            users::mail_reminders.eq(false),
            users::mail_notices.eq(false),
            users::guest.eq(false),
        ))
        .execute(conn)?;
    Ok(())
}
