//! Fingerprints of what a page or feed shows, read in one query of cheap aggregates. Any write
//! that changes the output changes the fingerprint, so cached output is never served stale,
//! whichever app instance made the write.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConn;
use crate::error::AppError;

/// The fingerprint of a meetup page and what decides whether RSVPs are open at a given time.
#[derive(QueryableByName)]
pub struct MeetupStamp {
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub stamp: String,
    #[diesel(sql_type = diesel::sql_types::Timestamp)]
    pub starts_at: NaiveDateTime,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Timestamp>)]
    pub rsvp_deadline: Option<NaiveDateTime>,
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub status: String,
}

/// Everything a meetup's page and feed show, in one query (the hot path of cached output):
/// `None` when the meetup does not exist (in that group, when `slug` is given).
pub fn meetup_stamp(
    conn: &mut DbConn,
    slug: Option<&str>,
    meetup_id: &str,
) -> Result<Option<MeetupStamp>, AppError> {
    use diesel::sql_types::{Nullable, Text};
    const SQL: &str = "SELECT CAST(m.updated_at AS TEXT) || '|' || CAST(g.updated_at AS TEXT) \
           || '|' || CAST((SELECT COUNT(*) FROM venues v WHERE v.group_id = g.id) AS TEXT) \
           || '|' || COALESCE(CAST((SELECT MAX(v.created_at) FROM venues v WHERE v.group_id = g.id) AS TEXT), '') \
           || '|' || CAST((SELECT COUNT(*) FROM rsvps r WHERE r.meetup_id = m.id) AS TEXT) \
           || '|' || COALESCE(CAST((SELECT MAX(r.updated_at) FROM rsvps r WHERE r.meetup_id = m.id) AS TEXT), '') \
           || '|' || CAST((SELECT COUNT(*) FROM talks t WHERE t.meetup_id = m.id) AS TEXT) \
           || '|' || COALESCE(CAST((SELECT MAX(t.updated_at) FROM talks t WHERE t.meetup_id = m.id) AS TEXT), '') \
           AS stamp, m.starts_at, m.rsvp_deadline, m.status \
         FROM meetups m JOIN groups g ON g.id = m.group_id \
         WHERE m.id = {} AND g.slug = COALESCE({}, g.slug)";
    let rows: Vec<MeetupStamp> = match conn {
        DbConn::Pg(c) => diesel::sql_query(SQL.replacen("{}", "$1", 1).replacen("{}", "$2", 1))
            .bind::<Text, _>(meetup_id)
            .bind::<Nullable<Text>, _>(slug)
            .load(c)?,
        DbConn::Sqlite(c) => diesel::sql_query(SQL.replace("{}", "?"))
            .bind::<Text, _>(meetup_id)
            .bind::<Nullable<Text>, _>(slug)
            .load(c)?,
    };
    Ok(rows.into_iter().next())
}

#[derive(QueryableByName)]
pub struct GroupStamp {
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub group_id: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub stamp: String,
}

/// Everything a group's page and feed show, in one query: the group, its members, its venues, its meetups
/// (all of them, those in the feed's window since `since`, and how many are still to come at
/// `now`), their talks, and the venue suggestions with their votes.
pub fn group_stamp(
    conn: &mut DbConn,
    slug: &str,
    now: NaiveDateTime,
    since: NaiveDateTime,
) -> Result<Option<GroupStamp>, AppError> {
    use diesel::sql_types::{Text, Timestamp};
    const SQL: &str = "SELECT g.id AS group_id, CAST(g.updated_at AS TEXT) \
           || '|' || CAST((SELECT COUNT(*) FROM memberships ms WHERE ms.group_id = g.id) AS TEXT) \
           || '|' || CAST((SELECT COUNT(*) FROM venues v WHERE v.group_id = g.id) AS TEXT) \
           || '|' || COALESCE(CAST((SELECT MAX(v.created_at) FROM venues v WHERE v.group_id = g.id) AS TEXT), '') \
           || '|' || CAST((SELECT COUNT(*) FROM meetups m WHERE m.group_id = g.id AND m.ends_at > {}) AS TEXT) \
           || '|' || CAST((SELECT COUNT(*) FROM meetups m WHERE m.group_id = g.id AND m.ends_at >= {}) AS TEXT) \
           || '|' || CAST((SELECT COUNT(*) FROM meetups m WHERE m.group_id = g.id) AS TEXT) \
           || '|' || COALESCE(CAST((SELECT MAX(m.updated_at) FROM meetups m WHERE m.group_id = g.id) AS TEXT), '') \
           || '|' || CAST((SELECT COUNT(*) FROM talks t JOIN meetups m ON m.id = t.meetup_id WHERE m.group_id = g.id) AS TEXT) \
           || '|' || COALESCE(CAST((SELECT MAX(t.updated_at) FROM talks t JOIN meetups m ON m.id = t.meetup_id WHERE m.group_id = g.id) AS TEXT), '') \
           || '|' || CAST((SELECT COUNT(*) FROM venue_suggestions s WHERE s.group_id = g.id) AS TEXT) \
           || '|' || COALESCE(CAST((SELECT MAX(s.decided_at) FROM venue_suggestions s WHERE s.group_id = g.id) AS TEXT), '') \
           || '|' || CAST((SELECT COUNT(*) FROM venue_votes vv JOIN venue_suggestions s ON s.id = vv.suggestion_id WHERE s.group_id = g.id) AS TEXT) \
           || '|' || COALESCE(CAST((SELECT MAX(vv.created_at) FROM venue_votes vv JOIN venue_suggestions s ON s.id = vv.suggestion_id WHERE s.group_id = g.id) AS TEXT), '') \
           AS stamp FROM groups g WHERE g.slug = {}";
    let rows: Vec<GroupStamp> = match conn {
        DbConn::Pg(c) => diesel::sql_query(
            SQL.replacen("{}", "$1", 1)
                .replacen("{}", "$2", 1)
                .replacen("{}", "$3", 1),
        )
        .bind::<Timestamp, _>(now)
        .bind::<Timestamp, _>(since)
        .bind::<Text, _>(slug)
        .load(c)?,
        DbConn::Sqlite(c) => diesel::sql_query(SQL.replace("{}", "?"))
            .bind::<Timestamp, _>(now)
            .bind::<Timestamp, _>(since)
            .bind::<Text, _>(slug)
            .load(c)?,
    };
    Ok(rows.into_iter().next())
}
