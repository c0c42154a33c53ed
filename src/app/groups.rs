//! Groups, their members and venues.

use diesel::Connection;

use super::access::{require_organiser, Viewer};
use crate::config::Settings;
use crate::db::models::{Group, Membership, User, Venue};
use crate::db::repo::groups::{self, GroupFields, MemberRow};
use crate::db::repo::meetups::{self as meetups_repo, MeetupRow, When};
use crate::db::repo::users;
use crate::db::repo::venues::{self, VenueFields};
use crate::db::{now, Db, DbConn};
use crate::domain::account::Locale;
use crate::domain::conduct;
use crate::domain::group;
use crate::domain::group::{
    check_role_change, parse_links, parse_long_text, parse_text, parse_web_url, GroupLink,
    GroupRole, Slug,
};
use crate::domain::ids::{GroupId, MeetupId, UserId, VenueId};
use crate::domain::meetup::MAX_CAPACITY;
use crate::domain::message::{Subscription, SubscriptionChange};
use crate::domain::paging::Paging;
use crate::domain::privacy::{listed, names_visible, AttendeeVisibility, Standing};
use crate::domain::reconfirm::{build_rules, SeatRules};
use crate::domain::spelling::closest;
use crate::domain::time::parse_timezone;
use crate::domain::venue::Accessibility;
use crate::domain::{Faults, FieldError};
use crate::error::AppError;
use crate::mail;

#[derive(Debug, Clone, Default)]
pub struct GroupInput {
    pub slug: String,
    pub name: String,
    pub description: String,
    pub timezone: String,
    pub locale: String,
    pub links: Vec<GroupLink>,
    /// Who reads the names of the people going: `members` (the default: signed-in members of
    /// the group; others see counts) or `public`.
    pub attendee_visibility: String,
    /// Where the code of conduct is read (http or https); none when blank.
    pub code_of_conduct_url: Option<String>,
    /// Whom to tell of an incident: an address or a short text.
    pub incident_contact: Option<String>,
    /// Members accept the code of conduct when they join or first answer (with a URL only).
    pub require_code_of_conduct: bool,
    /// New meetups' defaults (see `domain::reconfirm`); none when blank.
    pub reconfirm_before: Option<String>,
    pub auto_release_before: Option<String>,
    /// People without an account may answer its meetups with a name and an address.
    pub guest_rsvps: bool,
}

impl GroupInput {
    /// The group's fields, or every one at fault.
    pub fn fields(&self) -> Result<GroupFields, Vec<FieldError>> {
        let mut faults = Faults::default();
        let fields = self.parts(&mut faults);
        faults.finish(fields)
    }

    /// A new group's slug and fields, or every fault among them.
    pub fn new_group(&self) -> Result<(Slug, GroupFields), Vec<FieldError>> {
        let mut faults = Faults::default();
        let slug = faults.take(Slug::parse(self.slug.trim()));
        let fields = self.parts(&mut faults);
        faults.finish(slug.zip(fields))
    }

    fn parts(&self, faults: &mut Faults) -> Option<GroupFields> {
        let name = faults.take(parse_text(&self.name, "name", 120));
        let description = faults.take(parse_long_text(&self.description, "description", 20_000));
        let tz = faults.take(parse_timezone(&self.timezone, "timezone"));
        let locale = faults.take(Locale::parse_field(&self.locale, "locale"));
        let links = faults.take(parse_links(&self.links));
        let attendee_visibility = faults.take(match self.attendee_visibility.trim() {
            "" => Ok(AttendeeVisibility::default()),
            text => AttendeeVisibility::parse(text).ok_or(FieldError::new(
                "attendee_visibility",
                "error-attendee_visibility_invalid",
            )),
        });
        let conduct_url = faults.take(conduct::parse_conduct_url(
            self.code_of_conduct_url.as_deref(),
        ));
        let incident_contact = faults.take(conduct::parse_incident_contact(
            self.incident_contact.as_deref(),
        ));
        let seats = build_rules(
            faults,
            (
                Some(self.reconfirm_before.as_deref()),
                Some(self.auto_release_before.as_deref()),
            ),
            &SeatRules::default(),
        );
        let seats = seats?;
        Some(GroupFields {
            name: name?,
            description: description?,
            timezone: tz?,
            locale: locale?,
            links: serde_json::to_string(&links?).unwrap_or_else(|_| "[]".into()),
            attendee_visibility: attendee_visibility?,
            code_of_conduct_url: conduct_url?,
            incident_contact: incident_contact?,
            require_code_of_conduct: self.require_code_of_conduct,
            reconfirm_before: seats.reconfirm_before,
            auto_release_before: seats.auto_release_before,
            guest_rsvps: self.guest_rsvps,
        })
    }
}

/// The group at `slug`, or 404, on the caller's connection.
pub fn group_at(conn: &mut DbConn, slug: &str) -> Result<Group, AppError> {
    groups::group_by_slug(conn, slug)?.ok_or(AppError::NotFound)
}

/// Groups compared with a mistyped address: enough for any one site, and a bound on what a
/// stream of bad addresses costs.
const SUGGESTED_AMONG: i64 = 5_000;

/// The (slug, name) of the group whose slug is nearest to `slug`, for a "Did you mean" on the
/// 404 page, when one is near enough.
pub fn slug_suggestion(
    conn: &mut DbConn,
    slug: &str,
) -> Result<Option<(String, String)>, AppError> {
    let groups = groups::slugs_and_names(conn, SUGGESTED_AMONG)?;
    Ok(closest(slug, &groups, |(slug, _)| slug).cloned())
}

/// The group of an organiser-only page: 404 for no such group, then sign-in or 403 as the
/// viewer's roles were when the request started (a write asks again in its transaction).
pub fn organised_group(conn: &mut DbConn, viewer: &Viewer, slug: &str) -> Result<Group, AppError> {
    let group = group_at(conn, slug)?;
    viewer.require_organiser(&group.id)?;
    Ok(group)
}

/// The organiser's group, then its meetup `id`: organiser-only meetup pages, in the order of
/// `web::pages::organiser_meetup` (404 for no such group, sign-in or 403, 404 for no such
/// meetup in it).
pub fn organised_meetup(
    conn: &mut DbConn,
    viewer: &Viewer,
    slug: &str,
    id: &MeetupId,
) -> Result<(Group, MeetupRow), AppError> {
    let group = organised_group(conn, viewer, slug)?;
    let row = meetups_repo::meetup_row(conn, id)?
        .filter(|row| row.group.id == group.id)
        .ok_or(AppError::NotFound)?;
    Ok((group, row))
}

/// Whether this instance lets `user` create groups (`ALLOW_GROUP_CREATION`, `ADMIN_EMAILS`).
pub fn may_create_groups(settings: &Settings, user: &User) -> bool {
    group::may_create_groups(settings.group_creation, &settings.admin_emails, &user.email)
}

/// Creates the group with its creator as first organiser; 403 for someone this instance does
/// not let create groups.
#[tracing::instrument(skip_all)]
pub fn create_group(
    conn: &mut DbConn,
    settings: &Settings,
    user: &User,
    input: &GroupInput,
) -> Result<Group, AppError> {
    if !may_create_groups(settings, user) {
        return Err(AppError::Forbidden);
    }
    let (slug, fields) = input.new_group().map_err(AppError::Invalid)?;
    let at = now();
    let group = Group {
        id: GroupId::random(),
        slug: slug.as_str().to_string(),
        name: fields.name,
        description: fields.description,
        timezone: fields.timezone,
        locale: fields.locale,
        links: fields.links,
        created_at: at,
        updated_at: at,
        attendee_visibility: fields.attendee_visibility,
        code_of_conduct_url: fields.code_of_conduct_url,
        incident_contact: fields.incident_contact,
        require_code_of_conduct: fields.require_code_of_conduct,
        reconfirm_before: fields.reconfirm_before,
        auto_release_before: fields.auto_release_before,
        guest_rsvps: fields.guest_rsvps,
        embed_origins: String::new(),
    };
    groups::insert_group(conn, &group)?;
    groups::insert_membership(
        conn,
        &Membership::new(group.id.clone(), user.id.clone(), GroupRole::Organiser, at),
    )?;
    Ok(group)
}

/// Organisers change the group (403 before 422).
#[tracing::instrument(skip_all)]
pub fn update_group(
    conn: &mut DbConn,
    user: &UserId,
    group: &GroupId,
    input: &GroupInput,
) -> Result<(), AppError> {
    require_organiser(conn, group, user)?;
    let fields = input.fields().map_err(AppError::Invalid)?;
    groups::update_group(conn, group, fields)
}

/// Joins as member (idempotent), in a transaction of its own; returns the role held. 403
/// `banned` when the group banned the user (`app::admission`); a group that requires its code
/// of conduct asks `accepts_conduct` of newcomers (see `conduct::join_accepting`).
#[tracing::instrument(skip_all)]
pub fn join_group(
    conn: &mut DbConn,
    settings: &Settings,
    group: &GroupId,
    user: &UserId,
    accepts_conduct: bool,
) -> Result<GroupRole, AppError> {
    conn.transaction(|conn| {
        super::admission::admit(conn, group, user)?;
        let newcomer = groups::role_of(conn, group, user)?.is_none();
        let held = groups::group_by_id(conn, group)?;
        let role = super::conduct::join_accepting(conn, &held, user, accepts_conduct, false)?;
        // A newcomer missed the announcements already sent: one mail lists those meetups.
        if newcomer {
            let joined = groups::group_by_id(conn, group)?;
            if let Some(member) = users::user_by_id(conn, user)? {
                mail::welcome::welcome(conn, settings, &joined, &member)?;
            }
        }
        Ok(role)
    })
}

/// The group at `slug` and what `read` takes from it on the same connection: a read about one
/// group in one checkout (404 for no such group).
pub(crate) async fn read_group<T, F>(db: &Db, slug: &str, read: F) -> Result<(Group, T), AppError>
where
    F: FnOnce(&mut DbConn, &Group) -> Result<T, AppError> + Send + 'static,
    T: Send + 'static,
{
    let slug = slug.to_string();
    db.run(move |conn| {
        let group = groups::group_by_slug(conn, &slug)?.ok_or(AppError::NotFound)?;
        let value = read(conn, &group)?;
        Ok((group, value))
    })
    .await
}

/// A group's members as one viewer may see them.
pub struct VisibleMembers {
    pub members: Vec<MemberRow>,
    /// The viewer may not read names (see the group's `attendee_visibility`).
    pub names_hidden: bool,
    pub viewer: Standing,
    pub paging: Paging,
    /// How many the viewer may see, on every page.
    pub total: i64,
    /// How many organisers the group has (for organisers; 0 for others): the last one may
    /// neither step down nor be removed.
    pub organisers: i64,
}

/// Members a page holds by default, and at most.
pub const MEMBERS_PER_PAGE: i64 = 100;
pub const MEMBERS_PER_PAGE_MAX: i64 = 500;

/// One page of the members: organisers first, then members by the date they joined, as
/// attendee lists are shown: for the group's members unless the group makes names public
/// (others get an empty list), and without those who keep out of lists unless the viewer
/// organises the group.
#[tracing::instrument(skip_all)]
pub fn members(
    conn: &mut DbConn,
    viewer: &Viewer,
    group: &Group,
    paging: Paging,
) -> Result<VisibleMembers, AppError> {
    let standing = viewer.standing_in(&group.id);
    let names_hidden = !names_visible(group.attendee_visibility, standing);
    let (members, total) = if names_hidden {
        (Vec::new(), 0)
    } else {
        let with_hidden = listed(true, standing);
        groups::members(
            conn,
            &group.id,
            with_hidden,
            paging.offset(),
            paging.per_page,
        )?
    };
    let organisers = if standing.organiser {
        groups::organisers_count(conn, &group.id)?
    } else {
        0
    };
    Ok(VisibleMembers {
        members,
        names_hidden,
        viewer: standing,
        paging,
        total,
        organisers,
    })
}

/// The group at `slug` with its member count.
#[tracing::instrument(skip_all)]
pub fn group_with_count(conn: &mut DbConn, slug: &str) -> Result<(Group, i64), AppError> {
    let group = group_at(conn, slug)?;
    let count = groups::members_count(conn, &group.id)?;
    Ok((group, count))
}

/// Every group with its member count, by name.
#[tracing::instrument(skip_all)]
pub fn all_groups(conn: &mut DbConn) -> Result<Vec<(Group, i64)>, AppError> {
    groups::all_groups(conn)
}

/// An organiser changes a member's role (`organiser` or `member`); the group always keeps at
/// least one organiser. Returns the role set.
#[tracing::instrument(skip_all)]
pub fn set_member_role(
    conn: &mut DbConn,
    user: &UserId,
    group: &GroupId,
    member: &UserId,
    role: &str,
) -> Result<GroupRole, AppError> {
    // Locking the group first serialises concurrent role changes of this group.
    groups::lock_group(conn, group)?;
    require_organiser(conn, group, user)?;
    let role = GroupRole::parse(role).ok_or(AppError::validation("role", "error-role_invalid"))?;
    let current = groups::role_of(conn, group, member)?.ok_or(AppError::NotFound)?;
    let organisers = groups::organisers_count(conn, group)?;
    check_role_change(current, role, organisers)?;
    groups::update_role(conn, group, member, role)?;
    if current != role {
        let target = super::audit::Target::User(member, role.as_str());
        super::audit::record(conn, group, user, "role_changed", target)?;
    }
    Ok(role)
}

/// An organiser removes someone from the group (the last organiser stays: 409
/// `last_organiser`). Their answers to meetups stay, as when they leave.
#[tracing::instrument(skip_all)]
pub fn remove_member(
    conn: &mut DbConn,
    user: &UserId,
    group: &GroupId,
    member: &UserId,
) -> Result<(), AppError> {
    groups::lock_group(conn, group)?;
    require_organiser(conn, group, user)?;
    let current = groups::role_of(conn, group, member)?.ok_or(AppError::NotFound)?;
    let organisers = groups::organisers_count(conn, group)?;
    check_role_change(current, GroupRole::Member, organisers)?;
    groups::delete_membership(conn, group, member)?;
    // The links mailed to them before are no way back in (`app::admission::admit_by_link_via`).
    super::admission::record_removal(conn, group, member)?;
    let target = super::audit::Target::User(member, "");
    super::audit::record(conn, group, user, "member_removed", target)?;
    Ok(())
}

/// Leaves a group; the last organiser must hand over first (409 `last_organiser`). Leaving a
/// group one is not in changes nothing.
#[tracing::instrument(skip_all)]
pub fn leave_group(conn: &mut DbConn, group: &GroupId, user: &UserId) -> Result<(), AppError> {
    groups::lock_group(conn, group)?;
    let Some(role) = groups::role_of(conn, group, user)? else {
        return Ok(());
    };
    let organisers = groups::organisers_count(conn, group)?;
    check_role_change(role, GroupRole::Member, organisers)?;
    groups::delete_membership(conn, group, user)?;
    Ok(())
}

/// Leaving from the group's page: the group at `slug` (404, then sign-in), and the outcome of
/// [`leave_group`] in its own transaction, for the page to show a refusal rather than raise it.
/// Run it on a writer's turn (`Db::run_write`).
pub fn leave_from_page(
    conn: &mut DbConn,
    slug: &str,
    user: Option<&UserId>,
) -> Result<(Group, Result<(), AppError>), AppError> {
    let group = group_at(conn, slug)?;
    let user = user.ok_or(AppError::Unauthorized)?;
    let left = conn.transaction(|conn| leave_group(conn, &group.id, user));
    Ok((group, left))
}

/// A member's mail choices for the group; 404 for someone not in it.
#[tracing::instrument(skip_all)]
pub fn subscription(
    conn: &mut DbConn,
    group: &GroupId,
    user: &UserId,
) -> Result<Subscription, AppError> {
    groups::subscription_of(conn, group, user)?.ok_or(AppError::NotFound)
}

/// Changes the choices named in `change`, keeping the others.
#[tracing::instrument(skip_all)]
pub fn change_subscription(
    conn: &mut DbConn,
    group: &GroupId,
    user: &UserId,
    change: SubscriptionChange,
) -> Result<Subscription, AppError> {
    let wanted = subscription(conn, group, user)?.apply(change);
    groups::set_subscription(conn, group, user, wanted)?;
    Ok(wanted)
}

/// The home page: every group, and the next meetups of all of them.
pub struct Directory {
    pub groups: Vec<(Group, i64)>,
    pub upcoming: Vec<MeetupRow>,
}

#[tracing::instrument(skip_all)]
pub fn directory(conn: &mut DbConn, upcoming: i64) -> Result<Directory, AppError> {
    Ok(Directory {
        groups: groups::all_groups(conn)?,
        upcoming: meetups_repo::upcoming_meetups(conn, now(), upcoming)?,
    })
}

/// What the group page shows besides the group itself.
pub struct GroupOverview {
    pub members: i64,
    pub upcoming: Vec<MeetupRow>,
    pub past: Vec<MeetupRow>,
    pub venues: Vec<Venue>,
}

/// The group page's overview, on the caller's connection.
pub(crate) fn overview(
    conn: &mut DbConn,
    gid: &GroupId,
    limit: i64,
) -> Result<GroupOverview, AppError> {
    let at = now();
    Ok(GroupOverview {
        members: groups::members_count(conn, gid)?,
        upcoming: meetups_repo::meetups_of_group(conn, gid, When::Upcoming, at, limit)?,
        past: meetups_repo::meetups_of_group(conn, gid, When::Past, at, limit)?,
        venues: venues::venues_of_group(conn, gid)?,
    })
}

#[derive(Debug, Clone, Default)]
pub struct VenueInput {
    pub name: String,
    pub address: String,
    pub city: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub url: Option<String>,
    pub accessibility: Accessibility,
    pub entry_instructions: Option<String>,
    pub host_contact: Option<String>,
    pub capacity: Option<i64>,
}

impl VenueInput {
    /// The venue's fields, or every one at fault.
    pub fn fields(&self) -> Result<VenueFields, Vec<FieldError>> {
        let optional = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let mut faults = Faults::default();
        let name = faults.take(parse_text(&self.name, "name", 200));
        let address = faults.take(parse_text(&self.address, "address", 500));
        let city = faults.take(
            optional(&self.city)
                .map(|c| parse_text(&c, "city", 100))
                .transpose(),
        );
        let coordinate =
            |value: Option<f64>, field, range: std::ops::RangeInclusive<f64>| match value {
                Some(v) if !range.contains(&v) => {
                    Err(FieldError::new(field, "error-coordinates_invalid"))
                }
                _ => Ok(value),
            };
        let latitude = faults.take(coordinate(self.latitude, "latitude", -90.0..=90.0));
        let longitude = faults.take(coordinate(self.longitude, "longitude", -180.0..=180.0));
        // A point needs both.
        match (self.latitude, self.longitude) {
            (Some(_), None) => {
                faults.push(FieldError::new("longitude", "error-coordinates_invalid"))
            }
            (None, Some(_)) => {
                faults.push(FieldError::new("latitude", "error-coordinates_invalid"))
            }
            _ => {}
        }
        let url = faults.take(
            optional(&self.url)
                .map(|u| parse_web_url(&u, "url"))
                .transpose(),
        );
        let text = |value: &Option<String>, field, max| {
            optional(value)
                .map(|v| parse_long_text(&v, field, max))
                .transpose()
        };
        let access_notes =
            faults.take(text(&self.accessibility.notes, "accessibility.notes", 1000));
        let entry_instructions =
            faults.take(text(&self.entry_instructions, "entry_instructions", 2000));
        let host_contact = faults.take(text(&self.host_contact, "host_contact", 500));
        let capacity = faults.take(match self.capacity {
            Some(c) if (1..=MAX_CAPACITY).contains(&c) => Ok(Some(c as i32)),
            Some(_) => Err(FieldError::new("capacity", "error-capacity_invalid")),
            None => Ok(None),
        });
        let a = &self.accessibility;
        let fields = (|| {
            Some(VenueFields {
                name: name?,
                address: address?,
                city: city?,
                latitude: latitude?,
                longitude: longitude?,
                url: url?,
                step_free: a.step_free,
                accessible_toilet: a.accessible_toilet,
                hearing_loop: a.hearing_loop,
                access_notes: access_notes?,
                entry_instructions: entry_instructions?,
                host_contact: host_contact?,
                capacity: capacity?,
            })
        })();
        faults.finish(fields)
    }
}

/// The venues of the group at `slug`.
#[tracing::instrument(skip_all)]
pub fn venues_at(conn: &mut DbConn, slug: &str) -> Result<Vec<Venue>, AppError> {
    let group = group_at(conn, slug)?;
    venues::venues_of_group(conn, &group.id)
}

#[tracing::instrument(skip_all)]
pub async fn venues_of_group(db: &Db, group: &Group) -> Result<Vec<Venue>, AppError> {
    let gid = group.id.clone();
    db.run(move |conn| venues::venues_of_group(conn, &gid))
        .await
}

#[tracing::instrument(skip_all)]
pub fn create_venue(
    conn: &mut DbConn,
    user: &UserId,
    group: &GroupId,
    input: &VenueInput,
) -> Result<Venue, AppError> {
    require_organiser(conn, group, user)?;
    let fields = input.fields().map_err(AppError::Invalid)?;
    venues::create_venue(conn, group, fields)
}

/// A partial change of a venue: absent fields keep their value, `null` clears an optional one.
#[derive(Debug, Default)]
pub struct VenuePatch {
    pub name: Option<String>,
    pub address: Option<String>,
    pub city: Option<Option<String>>,
    pub latitude: Option<Option<f64>>,
    pub longitude: Option<Option<f64>>,
    pub url: Option<Option<String>>,
    /// Replaced as a whole when given.
    pub accessibility: Option<Accessibility>,
    pub entry_instructions: Option<Option<String>>,
    pub host_contact: Option<Option<String>>,
    pub capacity: Option<Option<i64>>,
}

impl VenuePatch {
    /// Every field replaced by the form's (a form sends them all).
    pub fn replacing(input: VenueInput) -> Self {
        VenuePatch {
            name: Some(input.name),
            address: Some(input.address),
            city: Some(input.city),
            latitude: Some(input.latitude),
            longitude: Some(input.longitude),
            url: Some(input.url),
            accessibility: Some(input.accessibility),
            entry_instructions: Some(input.entry_instructions),
            host_contact: Some(input.host_contact),
            capacity: Some(input.capacity),
        }
    }

    /// The venue as it would be after the change, to validate as a whole.
    fn applied_to(&self, venue: &Venue) -> VenueInput {
        let or = |new: &Option<Option<String>>, old: &Option<String>| {
            new.clone().unwrap_or_else(|| old.clone())
        };
        VenueInput {
            name: self.name.clone().unwrap_or_else(|| venue.name.clone()),
            address: self
                .address
                .clone()
                .unwrap_or_else(|| venue.address.clone()),
            city: or(&self.city, &venue.city),
            latitude: self.latitude.unwrap_or(venue.latitude),
            longitude: self.longitude.unwrap_or(venue.longitude),
            url: or(&self.url, &venue.url),
            accessibility: self
                .accessibility
                .clone()
                .unwrap_or_else(|| venue.accessibility()),
            entry_instructions: or(&self.entry_instructions, &venue.entry_instructions),
            host_contact: or(&self.host_contact, &venue.host_contact),
            capacity: self.capacity.unwrap_or(venue.capacity.map(i64::from)),
        }
    }
}

/// Organisers of the venue's group change it.
#[tracing::instrument(skip_all)]
pub fn update_venue(
    conn: &mut DbConn,
    user: &UserId,
    venue: &VenueId,
    patch: VenuePatch,
) -> Result<Venue, AppError> {
    organised_venue(conn, user, venue)?;
    // Merged with the venue as it is now, so two partial changes of one venue both hold.
    let current = venues::lock_venue(conn, venue)?;
    let fields = patch
        .applied_to(&current)
        .fields()
        .map_err(AppError::Invalid)?;
    venues::update_venue(conn, venue, fields)?;
    venues::venue_by_id(conn, venue)?.ok_or(AppError::NotFound)
}

/// A venue of a group the user organises, asked on the caller's connection (inside the
/// transaction that writes); 404 for an unknown one, 403 for others.
pub fn organised_venue(
    conn: &mut DbConn,
    user: &UserId,
    venue: &VenueId,
) -> Result<Venue, AppError> {
    let venue = venues::venue_by_id(conn, venue)?.ok_or(AppError::NotFound)?;
    require_organiser(conn, &venue.group_id, user)?;
    Ok(venue)
}

/// Organisers delete a venue no meetup uses (409 `venue_in_use` otherwise: past meetups keep
/// their place).
#[tracing::instrument(skip_all)]
pub fn delete_venue(conn: &mut DbConn, user: &UserId, venue: &VenueId) -> Result<(), AppError> {
    organised_venue(conn, user, venue)?;
    venues::lock_venue(conn, venue)?;
    if venues::meetups_at(conn, venue)? > 0 {
        return Err(AppError::conflict("venue_in_use"));
    }
    venues::delete_venue(conn, venue)
}
