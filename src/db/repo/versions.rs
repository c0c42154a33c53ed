//! Fingerprints of what a page or feed shows, read in one query of cheap aggregates. Any write
//! that changes the output changes the fingerprint, so cached output is never served stale,
//! whichever app instance made the write. Each fingerprint also says until when the passing of
//! time alone leaves it unchanged (a meetup ending, RSVPs closing).

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::prepared::Prepared;
use crate::db::DbConn;
use crate::domain::ids::MeetupId;
use crate::domain::meetup::MeetupStatus;
use crate::domain::rsvp::rsvps_close_at;
use crate::error::AppError;

/// `{1}`, `{2}`… in `sql` as each backend numbers its parameters.
fn numbered(conn: &DbConn, sql: &str, params: usize) -> String {
    let mark = if matches!(conn, DbConn::Pg(_)) {
        "$"
    } else {
        "?"
    };
    (1..=params).fold(sql.to_string(), |s, n| {
        s.replace(&format!("{{{n}}}"), &format!("{mark}{n}"))
    })
}

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
    pub status: MeetupStatus,
}

impl MeetupStamp {
    /// When RSVPs close, if they are still open at `now`: the page changes then.
    pub fn closes_after(&self, now: NaiveDateTime) -> Option<NaiveDateTime> {
        let closes = rsvps_close_at(self.starts_at, self.rsvp_deadline);
        (self.status != MeetupStatus::Cancelled && closes > now).then_some(closes)
    }
}

/// Everything a meetup's page, feed and report show (its series' rule too), in one query:
/// `None` when the meetup does not exist (in that group, when `slug` is given).
#[tracing::instrument(level = "debug", skip_all)]
pub fn meetup_stamp(
    conn: &mut DbConn,
    slug: Option<&str>,
    meetup_id: &MeetupId,
) -> Result<Option<MeetupStamp>, AppError> {
    use diesel::sql_types::{Nullable, Text};
    const SQL: &str = "SELECT CAST(m.updated_at AS TEXT) || '|' || CAST(g.updated_at AS TEXT) \
           || '|' || CAST((SELECT COUNT(*) FROM venues v WHERE v.group_id = g.id) AS TEXT) \
           || '|' || COALESCE(CAST((SELECT MAX(v.created_at) FROM venues v WHERE v.group_id = g.id) AS TEXT), '') \
           || '|' || CAST((SELECT COUNT(*) FROM rsvps r WHERE r.meetup_id = m.id) AS TEXT) \
           || '|' || COALESCE(CAST((SELECT MAX(r.updated_at) FROM rsvps r WHERE r.meetup_id = m.id) AS TEXT), '') \
           || '|' || COALESCE(CAST((SELECT MAX(r.attendance_changed_at) FROM rsvps r WHERE r.meetup_id = m.id) AS TEXT), '') \
           || '|' || COALESCE(CAST((SELECT MAX(r.confirmed_at) FROM rsvps r WHERE r.meetup_id = m.id) AS TEXT), '') \
           || '|' || CAST((SELECT COUNT(*) FROM talks t WHERE t.meetup_id = m.id) AS TEXT) \
           || '|' || COALESCE(CAST((SELECT MAX(t.updated_at) FROM talks t WHERE t.meetup_id = m.id) AS TEXT), '') \
           || '|' || COALESCE((SELECT CAST(s.updated_at AS TEXT) FROM series s WHERE s.id = m.series_id), '') \
           || '|' || CAST((SELECT COUNT(*) FROM meetup_cohosts c WHERE c.meetup_id = m.id) AS TEXT) \
           || '|' || COALESCE(CAST((SELECT MAX(c.updated_at) FROM meetup_cohosts c WHERE c.meetup_id = m.id) AS TEXT), '') \
           || '|' || COALESCE(CAST((SELECT MAX(cg.updated_at) FROM meetup_cohosts c JOIN groups cg ON cg.id = c.group_id WHERE c.meetup_id = m.id) AS TEXT), '') \
           AS stamp, m.starts_at, m.rsvp_deadline, m.status \
         FROM meetups m JOIN groups g ON g.id = m.group_id \
         WHERE m.id = {1} AND g.slug = COALESCE({2}, g.slug)";
    let sql = numbered(conn, SQL, 2);
    let rows: Vec<MeetupStamp> = Prepared(
        diesel::sql_query(sql)
            .bind::<Text, _>(meetup_id)
            .bind::<Nullable<Text>, _>(slug),
    )
    .load(conn)?;
    Ok(rows.into_iter().next())
}

#[derive(QueryableByName)]
pub struct ReportStamp {
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub meetup_id: MeetupId,
    #[diesel(sql_type = diesel::sql_types::Bool)]
    pub published: bool,
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub stamp: String,
}

/// The report itself; what it shows of its meetup is in [`meetup_stamp`].
#[tracing::instrument(level = "debug", skip_all)]
pub fn report_stamp(
    conn: &mut DbConn,
    slug: &str,
    report_slug: &str,
) -> Result<Option<ReportStamp>, AppError> {
    use diesel::sql_types::Text;
    const SQL: &str = "SELECT r.meetup_id, r.published, CAST(r.updated_at AS TEXT) AS stamp \
         FROM reports r JOIN groups g ON g.id = r.group_id WHERE g.slug = {1} AND r.slug = {2}";
    let sql = numbered(conn, SQL, 2);
    let rows: Vec<ReportStamp> = Prepared(
        diesel::sql_query(sql)
            .bind::<Text, _>(slug)
            .bind::<Text, _>(report_slug),
    )
    .load(conn)?;
    Ok(rows.into_iter().next())
}

/// Everything a group's feed of reports shows, in one query: the group, its reports and their
/// meetups. `None` when there is no such group.
#[tracing::instrument(level = "debug", skip_all)]
pub fn reports_feed_stamp(conn: &mut DbConn, slug: &str) -> Result<Option<String>, AppError> {
    use diesel::sql_types::Text;
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = Text)]
        stamp: String,
    }
    const SQL: &str = "SELECT CAST(g.updated_at AS TEXT) \
           || '|' || CAST((SELECT COUNT(*) FROM reports r WHERE r.group_id = g.id) AS TEXT) \
           || '|' || COALESCE(CAST((SELECT MAX(r.updated_at) FROM reports r WHERE r.group_id = g.id) AS TEXT), '') \
           || '|' || COALESCE(CAST((SELECT MAX(m.updated_at) FROM reports r JOIN meetups m ON m.id = r.meetup_id WHERE r.group_id = g.id) AS TEXT), '') \
           AS stamp FROM groups g WHERE g.slug = {1}";
    let sql = numbered(conn, SQL, 1);
    let rows: Vec<Row> = Prepared(diesel::sql_query(sql).bind::<Text, _>(slug)).load(conn)?;
    Ok(rows.into_iter().next().map(|r| r.stamp))
}

/// What a page or feed depends on: the fingerprint of its data, and until when the clock alone
/// leaves it unchanged.
pub struct Freshness {
    pub stamp: String,
    pub until: Option<NaiveDateTime>,
}

impl Freshness {
    pub fn holds_at(&self, at: NaiveDateTime) -> bool {
        self.until.is_none_or(|until| at < until)
    }
}

#[derive(QueryableByName)]
struct GroupStampRow {
    #[diesel(sql_type = diesel::sql_types::Text)]
    stamp: String,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Timestamp>)]
    next_end: Option<NaiveDateTime>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Timestamp>)]
    first_in_window: Option<NaiveDateTime>,
}

/// A group's output changes when its next meetup ends (upcoming becomes past) and when the first
/// meetup still in the window leaves it, `window` after its end.
fn group_until(
    next_end: Option<NaiveDateTime>,
    first_in_window: Option<NaiveDateTime>,
    window: Duration,
) -> Option<NaiveDateTime> {
    let leaves = first_in_window.map(|t| t + window);
    match (next_end, leaves) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The suggesters a visitor reads by name on the group page (a public group's, but those who
/// keep out of lists), each with their name: a new name, or a wish to keep out of lists, must
/// show on the cached page. Members-only groups name nobody to visitors: nothing to read.
fn named_suggesters(conn: &DbConn) -> &'static str {
    if matches!(conn, DbConn::Pg(_)) {
        "CASE WHEN g.attendee_visibility = 'public' THEN COALESCE((SELECT string_agg(u.id || ':' || u.name, ',' ORDER BY u.id) \
           FROM users u WHERE NOT u.hide_from_lists \
           AND u.id IN (SELECT s.suggester_id FROM venue_suggestions s WHERE s.group_id = g.id)), '') ELSE '' END"
    } else {
        "CASE WHEN g.attendee_visibility = 'public' THEN COALESCE((SELECT group_concat(k, ',') FROM (SELECT u.id || ':' || u.name AS k \
           FROM users u WHERE NOT u.hide_from_lists \
           AND u.id IN (SELECT s.suggester_id FROM venue_suggestions s WHERE s.group_id = g.id) ORDER BY u.id)), '') ELSE '' END"
    }
}

/// The filter of a term over a group's own meetups (`m`), and the same term's over the meetups
/// it co-hosts (see `repo::meetups::meetups_of_group`).
const OWN_MEETUPS: &str = " WHERE m.group_id = g.id";
const COHOSTED_MEETUPS: &str = " JOIN meetup_cohosts hc ON hc.meetup_id = m.id \
     WHERE hc.group_id = g.id AND hc.status = 'accepted'";

/// A scalar `term` over the group's own meetups, and the same over the meetups it co-hosts, as
/// text. Read apart, each keeps its index (the group's meetups by end or update; the co-hosts
/// by group): one `OR` of the two kept PostgreSQL's planner off both, reading every meetup.
fn hosted(term: &str) -> String {
    let cohosted = term.replace(OWN_MEETUPS, COHOSTED_MEETUPS);
    format!("COALESCE(CAST({term} AS TEXT), '') || '/' || COALESCE(CAST({cohosted} AS TEXT), '')")
}

/// The earliest end of the group's meetups, own or co-hosted, that match `filter`.
fn earliest_end(filter: &str) -> String {
    let own = format!("SELECT MIN(m.ends_at) AS e FROM meetups m{OWN_MEETUPS} AND {filter}");
    let cohosted = own.replace(OWN_MEETUPS, COHOSTED_MEETUPS);
    format!("(SELECT MIN(e) FROM ({own} UNION ALL {cohosted}) ends)")
}

/// Which answers a group's fingerprint covers: those whose seats its reader is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seats {
    /// None: the calendar feed shows no seats, so that calendar apps do not download it again
    /// for every answer.
    None,
    /// Those of the meetups still to come: the page's "seats left" and "Full". A meetup that
    /// ends leaves the list at the stamp's `until`, so no answer can be missed. Reading only
    /// these keeps the check flat however many past meetups (and answers) a group has.
    ToCome,
    /// Every meetup's: the API's list of past meetups gives their counts.
    All,
}

/// Everything a group's page and feed show, in one query: the group, its members, its venues,
/// its meetups (all of them, those that ended less than `window` ago, and how many are still to
/// come at `now`), their talks, its running series, and the venue suggestions with their votes
/// and the names of their suggesters as visitors read them. With `seats`, the answers to the
/// meetups whose seats the reader is shown too (see [`Seats`]).
#[tracing::instrument(level = "debug", skip_all)]
pub fn group_stamp(
    conn: &mut DbConn,
    slug: &str,
    now: NaiveDateTime,
    window: Duration,
    seats: Seats,
) -> Result<Option<Freshness>, AppError> {
    use diesel::sql_types::{Text, Timestamp};
    const SQL: &str = "SELECT CAST(g.updated_at AS TEXT) \
           || '|' || CAST((SELECT COUNT(*) FROM memberships ms WHERE ms.group_id = g.id) AS TEXT) \
           || '|' || CAST((SELECT COUNT(*) FROM venues v WHERE v.group_id = g.id) AS TEXT) \
           || '|' || COALESCE(CAST((SELECT MAX(v.created_at) FROM venues v WHERE v.group_id = g.id) AS TEXT), '') \
           || '|' || {MEETUPS} \
           || '|' || CAST((SELECT COUNT(*) FROM venue_suggestions s WHERE s.group_id = g.id) AS TEXT) \
           || '|' || COALESCE(CAST((SELECT MAX(s.decided_at) FROM venue_suggestions s WHERE s.group_id = g.id) AS TEXT), '') \
           || '|' || CAST((SELECT COUNT(*) FROM venue_votes vv JOIN venue_suggestions s ON s.id = vv.suggestion_id WHERE s.group_id = g.id) AS TEXT) \
           || '|' || COALESCE(CAST((SELECT MAX(vv.created_at) FROM venue_votes vv JOIN venue_suggestions s ON s.id = vv.suggestion_id WHERE s.group_id = g.id) AS TEXT), '') \
           || '|' || CAST((SELECT COUNT(*) FROM series sr WHERE sr.group_id = g.id AND sr.ended_at IS NULL) AS TEXT) \
           || '|' || COALESCE(CAST((SELECT MAX(sr.updated_at) FROM series sr WHERE sr.group_id = g.id) AS TEXT), '') \
           || '|' || CAST((SELECT COUNT(*) FROM polls p WHERE p.group_id = g.id AND p.closed_at IS NULL) AS TEXT) \
           || '|' || COALESCE(CAST((SELECT MAX(p.updated_at) FROM polls p WHERE p.group_id = g.id) AS TEXT), '') \
           || '|' || {NAMED_SUGGESTERS} \
           || '|' || CAST((SELECT COUNT(*) FROM meetup_cohosts c WHERE c.group_id = g.id) AS TEXT) \
           || '|' || COALESCE(CAST((SELECT MAX(c.updated_at) FROM meetup_cohosts c WHERE c.group_id = g.id) AS TEXT), '') \
           AS stamp, \
           {NEXT_END} AS next_end, \
           {FIRST_IN_WINDOW} AS first_in_window \
         FROM groups g WHERE g.slug = {3}";
    // Over the group's meetups (`m`), each value read for its own meetups and for those it
    // co-hosts (see `hosted`).
    const MEETUPS: [&str; 6] = [
        "(SELECT COUNT(*) FROM meetups m WHERE m.group_id = g.id AND m.ends_at > {1})",
        "(SELECT COUNT(*) FROM meetups m WHERE m.group_id = g.id AND m.ends_at >= {2})",
        "(SELECT COUNT(*) FROM meetups m WHERE m.group_id = g.id)",
        "(SELECT MAX(m.updated_at) FROM meetups m WHERE m.group_id = g.id)",
        "(SELECT COUNT(*) FROM talks t JOIN meetups m ON m.id = t.meetup_id WHERE m.group_id = g.id)",
        "(SELECT MAX(t.updated_at) FROM talks t JOIN meetups m ON m.id = t.meetup_id WHERE m.group_id = g.id)",
    ];
    const SEATS: [&str; 2] = [
        "(SELECT COUNT(*) FROM rsvps r JOIN meetups m ON m.id = r.meetup_id WHERE m.group_id = g.id{TO_COME})",
        "(SELECT MAX(r.updated_at) FROM rsvps r JOIN meetups m ON m.id = r.meetup_id WHERE m.group_id = g.id{TO_COME})",
    ];
    let (seats, to_come) = match seats {
        Seats::None => (&[][..], ""),
        Seats::ToCome => (&SEATS[..], " AND m.ends_at > {1}"),
        Seats::All => (&SEATS[..], ""),
    };
    let meetups = MEETUPS
        .iter()
        .chain(seats)
        .map(|term| hosted(&term.replace("{TO_COME}", to_come)))
        .collect::<Vec<_>>()
        .join(" || '|' || ");
    let with_terms = SQL
        .replace("{MEETUPS}", &meetups)
        .replace("{NEXT_END}", &earliest_end("m.ends_at > {1}"))
        .replace("{FIRST_IN_WINDOW}", &earliest_end("m.ends_at >= {2}"));
    let sql = numbered(conn, &with_terms, 3).replace("{NAMED_SUGGESTERS}", named_suggesters(conn));
    // Planned on each check, not kept prepared: its counts over a group's answers depend on the
    // time bounds, and a generic plan chosen after a few checks need not fit the next group.
    let rows: Vec<GroupStampRow> = diesel::sql_query(sql)
        .bind::<Timestamp, _>(now)
        .bind::<Timestamp, _>(now - window)
        .bind::<Text, _>(slug)
        .load(conn)?;
    Ok(rows.into_iter().next().map(|r| Freshness {
        until: group_until(r.next_end, r.first_in_window, window),
        stamp: r.stamp,
    }))
}

#[derive(QueryableByName)]
struct PersonalStampRow {
    #[diesel(sql_type = diesel::sql_types::Text)]
    stamp: String,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Timestamp>)]
    first_in_window: Option<NaiveDateTime>,
}

/// Everything a member's personal calendar shows, in one query: their name and answers, the
/// meetups they answered, those meetups' groups and talks. It changes too when the first meetup
/// still in the window leaves it, `window` after its end. `None` for an unknown secret.
#[tracing::instrument(level = "debug", skip_all)]
pub fn personal_stamp(
    conn: &mut DbConn,
    secret: &str,
    now: NaiveDateTime,
    window: Duration,
) -> Result<Option<Freshness>, AppError> {
    use diesel::sql_types::{Text, Timestamp};
    const SQL: &str = "SELECT u.id || '|' || u.name \
           || '|' || CAST((SELECT COUNT(*) FROM rsvps r WHERE r.user_id = u.id) AS TEXT) \
           || '|' || COALESCE(CAST((SELECT MAX(r.updated_at) FROM rsvps r WHERE r.user_id = u.id) AS TEXT), '') \
           || '|' || COALESCE(CAST((SELECT MAX(m.updated_at) FROM meetups m JOIN rsvps r ON r.meetup_id = m.id WHERE r.user_id = u.id) AS TEXT), '') \
           || '|' || COALESCE(CAST((SELECT MAX(g.updated_at) FROM groups g JOIN meetups m ON m.group_id = g.id JOIN rsvps r ON r.meetup_id = m.id WHERE r.user_id = u.id) AS TEXT), '') \
           || '|' || CAST((SELECT COUNT(*) FROM talks t JOIN rsvps r ON r.meetup_id = t.meetup_id WHERE r.user_id = u.id) AS TEXT) \
           || '|' || COALESCE(CAST((SELECT MAX(t.updated_at) FROM talks t JOIN rsvps r ON r.meetup_id = t.meetup_id WHERE r.user_id = u.id) AS TEXT), '') \
           AS stamp, \
           (SELECT MIN(m.ends_at) FROM meetups m JOIN rsvps r ON r.meetup_id = m.id WHERE r.user_id = u.id AND m.ends_at >= {1}) AS first_in_window \
         FROM users u WHERE u.calendar_secret = {2}";
    let sql = numbered(conn, SQL, 2);
    let rows: Vec<PersonalStampRow> = diesel::sql_query(sql)
        .bind::<Timestamp, _>(now - window)
        .bind::<Text, _>(secret)
        .load(conn)?;
    Ok(rows.into_iter().next().map(|r| Freshness {
        until: r.first_in_window.map(|t| t + window),
        stamp: r.stamp,
    }))
}

/// Tables whose rows cached output shows although no fingerprint reads them, and why a change
/// to them changes a fingerprint all the same (or shows on no cached output). With the tables
/// the fingerprints read and `listen::UNSIGNALLED_TABLES`, a test gives every table a place,
/// so a new table cannot be forgotten by the cache.
pub const REACHED_THROUGH: [(&str, &str); 15] = [
    ("audit_entries", "organisers' pages only, never cached"),
    (
        "group_banners",
        "a new or removed banner touches its group's updated_at",
    ),
    (
        "meetup_sponsors",
        "naming a meetup's sponsors touches the meetup's updated_at; deleting a sponsor touches \
         the meetups that named it",
    ),
    (
        "sponsor_logos",
        "a new or removed logo touches its sponsor's group's updated_at",
    ),
    (
        "sponsors",
        "every change of a sponsor touches its group's updated_at",
    ),
    (
        "group_exclusions",
        "a ban ends the membership, which the group's fingerprint counts",
    ),
    (
        "group_messages",
        "organisers' pages and mail only, never cached",
    ),
    (
        "poll_options",
        "the poll page only, never cached; made with the poll, which the group's fingerprint reads",
    ),
    (
        "poll_votes",
        "the poll page only, never cached; a vote touches its poll's updated_at",
    ),
    (
        "meetup_host_links",
        "the host link's page only, never cached (no-store)",
    ),
    (
        "rsvp_answers",
        "the RSVP form of a signed-in member, organisers' exports and the host link, never cached",
    ),
    (
        "rsvp_questions",
        "the RSVP form of signed-in members and organisers' pages only, never cached",
    ),
    (
        "series_skips",
        "a skip cancels the occurrence: its meetup's updated_at",
    ),
    (
        "talk_votes",
        "counted on signed-in pages only, never cached",
    ),
    (
        "walk_ins",
        "the check-in page and stats only, for organisers and helpers, never cached",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The tables of `schema.rs`, as diesel declares them.
    fn tables() -> Vec<&'static str> {
        let schema = include_str!("../schema.rs");
        let mut tables: Vec<&str> = schema
            .split("diesel::table! {")
            .skip(1)
            .filter_map(|block| {
                let mut lines = block.lines().map(str::trim);
                let name =
                    lines.find(|l| !l.is_empty() && !l.starts_with("///") && !l.starts_with('#'));
                name?.split_whitespace().next()
            })
            .collect();
        tables.sort();
        tables
    }

    #[test]
    fn every_table_has_a_place_in_the_fingerprints() {
        let fingerprints = include_str!("versions.rs");
        let fingerprints = &fingerprints[..fingerprints.find("pub const REACHED_THROUGH").unwrap()];
        let all = tables();
        assert!(all.len() > 20, "schema.rs read: {all:?}");
        let unplaced: Vec<&str> = all
            .iter()
            .copied()
            .filter(|t| {
                let read = fingerprints.contains(&format!("FROM {t} "))
                    || fingerprints.contains(&format!("JOIN {t} "));
                let placed = crate::db::listen::UNSIGNALLED_TABLES.contains(t)
                    || REACHED_THROUGH.iter().any(|(r, _)| r == t);
                !read && !placed
            })
            .collect();
        for (table, _) in REACHED_THROUGH {
            assert!(all.contains(&table), "{table} is no table");
            assert!(
                !fingerprints.contains(&format!("FROM {table} ")),
                "{table} is read"
            );
        }
        assert!(
            unplaced.is_empty(),
            "{unplaced:?}: read them in the fingerprint of the output that shows them, or say \
             in REACHED_THROUGH (or UNSIGNALLED_TABLES) why no cached output needs them"
        );
    }

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn a_group_fingerprint_holds_until_a_meetup_ends_or_leaves_the_window() {
        let until =
            |next_end, first_in_window| group_until(next_end, first_in_window, Duration::days(10));
        let (soon, old) = (at("2030-01-05 21:00"), at("2029-12-30 21:00"));
        assert_eq!(until(Some(soon), Some(old)), Some(at("2030-01-05 21:00")));
        assert_eq!(
            until(Some(soon), Some(at("2029-12-20 21:00"))),
            Some(at("2029-12-30 21:00"))
        );
        assert_eq!(until(None, Some(old)), Some(at("2030-01-09 21:00")));
        assert_eq!(until(None, None), None);
    }

    #[test]
    fn a_meetup_fingerprint_holds_until_rsvps_close() {
        let stamp = |deadline, status: &str| MeetupStamp {
            stamp: String::new(),
            starts_at: at("2030-01-05 19:00"),
            rsvp_deadline: deadline,
            status: MeetupStatus::parse(status).unwrap(),
        };
        let now = at("2030-01-01 12:00");
        assert_eq!(
            stamp(None, "scheduled").closes_after(now),
            Some(at("2030-01-05 19:00"))
        );
        let deadline = Some(at("2030-01-04 12:00"));
        assert_eq!(stamp(deadline, "scheduled").closes_after(now), deadline);
        assert_eq!(
            stamp(deadline, "scheduled").closes_after(at("2030-01-04 12:00")),
            None
        );
        assert_eq!(stamp(None, "cancelled").closes_after(now), None);
    }
}
