use actix_web::http::StatusCode;
use actix_web::{delete, get, patch, post, put, web, HttpResponse};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::groups as uc;
use crate::db::models::Group;
use crate::domain::ids::{UserId, VenueId};
use crate::domain::message::{NoticeMode, Subscription, SubscriptionChange};
use crate::domain::paging::Paging;
use crate::error::AppError;
use crate::web::extract::{ApiUser, ApiViewer};
use crate::web::json::{
    ErrorBody, GroupJson, GroupList, MemberList, MemberRoleJson, RoleJson, VenueJson, VenueList,
};
use crate::web::json_input::{GroupInput, VenueInput, VenuePatch};
use crate::web::State;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_group)
        .service(list_groups)
        .service(get_group)
        .service(update_group)
        .service(join_group)
        .service(list_members)
        .service(leave_group)
        .service(get_subscription)
        .service(put_subscription)
        .service(set_member_role)
        .service(remove_member)
        .service(create_venue)
        .service(list_venues)
        .service(update_venue)
        .service(delete_venue);
}

fn group_response(state: &State, (group, count): (Group, i64), status: StatusCode) -> HttpResponse {
    HttpResponse::build(status).json(GroupJson::new(&group, count, &state.settings.base_url))
}

/// Creates a group; its creator is its first organiser. On an instance with
/// `ALLOW_GROUP_CREATION=admins`, only the accounts in `ADMIN_EMAILS` may.
#[utoipa::path(
    tag = "groups",
    security(("bearer" = [])),
    responses(
        (status = 201, body = GroupJson),
        (status = 403, description = "`ALLOW_GROUP_CREATION=admins` and the account is not in `ADMIN_EMAILS`", body = ErrorBody),
        (status = 409, description = "`slug_taken`", body = ErrorBody),
    )
)]
#[post("/groups")]
async fn create_group(
    state: State,
    ApiUser(user): ApiUser,
    body: web::Json<GroupInput>,
) -> Result<HttpResponse, AppError> {
    let input: uc::GroupInput = body.into_inner().into();
    let settings = state.settings.clone();
    let created = state
        .db
        .transaction(move |conn| {
            let group = uc::create_group(conn, &settings, &user, &input)?;
            uc::group_with_count(conn, &group.slug)
        })
        .await?;
    Ok(group_response(&state, created, StatusCode::CREATED))
}

#[utoipa::path(tag = "groups", responses((status = 200, body = GroupList)))]
#[get("/groups")]
async fn list_groups(state: State) -> Result<HttpResponse, AppError> {
    let list = state.db.run(uc::all_groups).await?;
    let base = &state.settings.base_url;
    let groups = list
        .iter()
        .map(|(g, n)| GroupJson::new(g, *n, base))
        .collect();
    Ok(HttpResponse::Ok().json(GroupList { groups }))
}

#[utoipa::path(tag = "groups", params(("slug" = String, Path)), responses((status = 200, body = GroupJson)))]
#[get("/groups/{slug}")]
async fn get_group(state: State, slug: web::Path<String>) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let found = state
        .db
        .run(move |conn| uc::group_with_count(conn, &slug))
        .await?;
    Ok(group_response(&state, found, StatusCode::OK))
}

/// Changes a group (organisers only); absent fields keep their value, the slug never changes.
#[utoipa::path(
    tag = "groups",
    params(("slug" = String, Path)),
    request_body = GroupInput,
    security(("bearer" = [])),
    responses((status = 200, body = GroupJson), (status = 403, body = ErrorBody))
)]
#[patch("/groups/{slug}")]
async fn update_group(
    state: State,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
    body: web::Json<serde_json::Value>,
) -> Result<HttpResponse, AppError> {
    let (slug, patch) = (slug.into_inner(), body.into_inner());
    let updated = state
        .db
        .transaction(move |conn| {
            let group = uc::group_at(conn, &slug)?;
            let input = merged(&group, &patch)?;
            uc::update_group(conn, &user.id, &group.id, &input.into())?;
            uc::group_with_count(conn, &slug)
        })
        .await?;
    Ok(group_response(&state, updated, StatusCode::OK))
}

/// Absent fields keep their value: the patch merged over the current group (400 for a body
/// that does not read as a group then).
fn merged(group: &Group, patch: &serde_json::Value) -> Result<GroupInput, AppError> {
    let mut current = json!({
        "slug": group.slug, "name": group.name, "description": group.description,
        "timezone": group.timezone.name(), "locale": group.locale.code(), "links": group.link_list(),
        "attendee_visibility": group.attendee_visibility.as_str(),
        "code_of_conduct_url": group.code_of_conduct_url, "incident_contact": group.incident_contact,
        "require_code_of_conduct": group.require_code_of_conduct,
        "reconfirm_before": group.reconfirm_before, "auto_release_before": group.auto_release_before,
        "guest_rsvps": group.guest_rsvps,
    });
    if let (Some(target), Some(patch)) = (current.as_object_mut(), patch.as_object()) {
        for (k, v) in patch {
            if k != "slug" {
                target.insert(k.clone(), v.clone());
            }
        }
    }
    serde_json::from_value(current).map_err(|e| AppError::InvalidJson(e.to_string()))
}

/// What a newcomer may send when joining (the body is optional).
#[derive(Deserialize, ToSchema, Default)]
struct JoinBody {
    /// Accepts the group's code of conduct: required (422 on `accept_code_of_conduct`
    /// otherwise) when the group asks newcomers to accept it.
    #[serde(default)]
    accept_code_of_conduct: bool,
}

/// Joins the group as a member (joining again changes nothing).
#[utoipa::path(
    tag = "groups",
    params(("slug" = String, Path)),
    request_body(content = Option<JoinBody>),
    security(("bearer" = [])),
    responses(
        (status = 200, body = RoleJson),
        (status = 422, description = "`validation_failed` on `accept_code_of_conduct`: the group asks newcomers to accept its code of conduct", body = ErrorBody),
    )
)]
#[post("/groups/{slug}/members")]
async fn join_group(
    state: State,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let body: JoinBody = if body.iter().all(u8::is_ascii_whitespace) {
        JoinBody::default()
    } else {
        serde_json::from_slice(&body).map_err(|e| AppError::InvalidJson(e.to_string()))?
    };
    let settings = state.settings.clone();
    let role = state
        .db
        .run_write(move |conn| {
            let group = uc::group_at(conn, &slug)?;
            uc::join_group(
                conn,
                &settings,
                &group.id,
                &user.id,
                body.accept_code_of_conduct,
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(RoleJson {
        role: role.as_str().to_string(),
    }))
}

/// Leaves the group (leaving a group one is not in changes nothing).
#[utoipa::path(
    tag = "groups",
    params(("slug" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 204),
        (status = 409, description = "`last_organiser`: hand over to another organiser first", body = ErrorBody),
    )
)]
#[delete("/groups/{slug}/members/me")]
async fn leave_group(
    state: State,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    state
        .db
        .transaction(move |conn| {
            let group = uc::group_at(conn, &slug)?;
            uc::leave_group(conn, &group.id, &user.id)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// What a member receives from the group by mail.
#[derive(Serialize, ToSchema)]
struct SubscriptionJson {
    /// A mail for each new meetup, with one-click answers.
    announcements: bool,
    /// The organisers' messages to members.
    messages: bool,
    /// For organisers, talk proposals and venue suggestions: `instant`, `digest` (one mail a
    /// day at `DIGEST_HOUR`) or `off`.
    #[schema(value_type = String, example = "instant")]
    organiser_notices: &'static str,
    /// For organisers, members' RSVPs: `instant`, `digest` or `off`.
    #[schema(value_type = String, example = "off")]
    rsvp_notices: &'static str,
    /// After a meetup one came to: its programme with the talks' materials, and its report.
    follow_ups: bool,
}

impl From<Subscription> for SubscriptionJson {
    fn from(s: Subscription) -> Self {
        SubscriptionJson {
            announcements: s.announcements,
            messages: s.messages,
            organiser_notices: s.organiser_notices.as_str(),
            rsvp_notices: s.rsvp_notices.as_str(),
            follow_ups: s.follow_ups,
        }
    }
}

/// How an organiser hears of something: a mode's name, or `true` (instant) / `false` (off).
#[derive(Deserialize, ToSchema)]
#[serde(untagged)]
enum NoticeChoice {
    On(bool),
    Mode(String),
}

impl NoticeChoice {
    fn mode(&self, field: &'static str) -> Result<NoticeMode, AppError> {
        match self {
            NoticeChoice::On(true) => Ok(NoticeMode::Instant),
            NoticeChoice::On(false) => Ok(NoticeMode::Off),
            NoticeChoice::Mode(m) => NoticeMode::parse(m)
                .ok_or_else(|| AppError::validation(field, "error-notice_mode_invalid")),
        }
    }
}

/// The choices to change; absent ones stay.
#[derive(Deserialize, ToSchema)]
struct SubscriptionInput {
    announcements: Option<bool>,
    messages: Option<bool>,
    organiser_notices: Option<NoticeChoice>,
    rsvp_notices: Option<NoticeChoice>,
    follow_ups: Option<bool>,
}

#[utoipa::path(
    tag = "groups",
    params(("slug" = String, Path)),
    security(("bearer" = [])),
    responses((status = 200, body = SubscriptionJson))
)]
#[get("/groups/{slug}/subscription")]
async fn get_subscription(
    state: State,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let subscription = state
        .db
        .run(move |conn| {
            let group = uc::group_at(conn, &slug)?;
            uc::subscription(conn, &group.id, &user.id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(SubscriptionJson::from(subscription)))
}

/// A member's choice of mails from the group (each such mail also carries a one-click link to
/// stop its kind).
#[utoipa::path(
    tag = "groups",
    params(("slug" = String, Path)),
    security(("bearer" = [])),
    responses((status = 200, body = SubscriptionJson))
)]
#[put("/groups/{slug}/subscription")]
async fn put_subscription(
    state: State,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
    body: web::Json<SubscriptionInput>,
) -> Result<HttpResponse, AppError> {
    let mode =
        |choice: &Option<NoticeChoice>, field| choice.as_ref().map(|c| c.mode(field)).transpose();
    // A mode at fault answers after the group is found.
    let change = (|| -> Result<_, AppError> {
        Ok(SubscriptionChange {
            announcements: body.announcements,
            messages: body.messages,
            organiser_notices: mode(&body.organiser_notices, "organiser_notices")?,
            rsvp_notices: mode(&body.rsvp_notices, "rsvp_notices")?,
            follow_ups: body.follow_ups,
        })
    })();
    let slug = slug.into_inner();
    let subscription = state
        .db
        .transaction(move |conn| {
            let group = uc::group_at(conn, &slug)?;
            uc::change_subscription(conn, &group.id, &user.id, change?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(SubscriptionJson::from(subscription)))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct MembersQuery {
    /// From 1.
    page: Option<i64>,
    /// 1..500, 100 by default.
    per_page: Option<i64>,
}

/// One page of the members, organisers first. Names follow the group's `attendee_visibility`, as attendee lists do:
/// for the group's signed-in members unless the group makes them public (others get an empty
/// list and `names_hidden`); members who keep out of lists appear to organisers only, as do
/// e-mail addresses.
#[utoipa::path(
    tag = "groups",
    params(("slug" = String, Path), MembersQuery),
    security((), ("bearer" = [])),
    responses((status = 200, body = MemberList))
)]
#[get("/groups/{slug}/members")]
async fn list_members(
    state: State,
    ApiViewer(viewer): ApiViewer,
    slug: web::Path<String>,
    query: web::Query<MembersQuery>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let paging = Paging::new(
        query.page,
        query.per_page,
        uc::MEMBERS_PER_PAGE,
        uc::MEMBERS_PER_PAGE_MAX,
    );
    let shown = state
        .db
        .run(move |conn| {
            let group = uc::group_at(conn, &slug)?;
            uc::members(conn, &viewer, &group, paging)
        })
        .await?;
    Ok(HttpResponse::Ok().json(MemberList::new(&shown)))
}

#[derive(Deserialize, ToSchema)]
struct RoleBody {
    /// `organiser`, `helper` (ticks people in at the door, nothing else) or `member`.
    #[serde(default)]
    role: String,
}

/// Promotes or demotes a member (organisers only).
#[utoipa::path(
    tag = "groups",
    params(("slug" = String, Path), ("user_id" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 200, body = MemberRoleJson),
        (status = 403, body = ErrorBody),
        (status = 409, description = "`last_organiser`: a group keeps at least one organiser", body = ErrorBody),
    )
)]
#[put("/groups/{slug}/members/{user_id}")]
async fn set_member_role(
    state: State,
    ApiUser(user): ApiUser,
    path: web::Path<(String, UserId)>,
    body: web::Json<RoleBody>,
) -> Result<HttpResponse, AppError> {
    let (slug, member_id) = path.into_inner();
    let (member, wanted) = (member_id.clone(), body.into_inner().role);
    let role = state
        .db
        .transaction(move |conn| {
            let group = uc::group_at(conn, &slug)?;
            uc::set_member_role(conn, &user.id, &group.id, &member, &wanted)
        })
        .await?;
    Ok(HttpResponse::Ok().json(MemberRoleJson {
        user_id: member_id.to_string(),
        role: role.as_str().to_string(),
    }))
}

/// Removes someone from the group (organisers only); their answers to meetups stay.
#[utoipa::path(
    tag = "groups",
    params(("slug" = String, Path), ("user_id" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "removed"),
        (status = 403, body = ErrorBody),
        (status = 409, description = "`last_organiser`: a group keeps at least one organiser", body = ErrorBody),
    )
)]
#[delete("/groups/{slug}/members/{user_id}")]
async fn remove_member(
    state: State,
    ApiUser(user): ApiUser,
    path: web::Path<(String, UserId)>,
) -> Result<HttpResponse, AppError> {
    let (slug, member_id) = path.into_inner();
    state
        .db
        .transaction(move |conn| {
            let group = uc::group_at(conn, &slug)?;
            uc::remove_member(conn, &user.id, &group.id, &member_id)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(
    tag = "venues",
    params(("slug" = String, Path)),
    security(("bearer" = [])),
    responses((status = 201, body = VenueJson), (status = 403, body = ErrorBody))
)]
#[post("/groups/{slug}/venues")]
async fn create_venue(
    state: State,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
    body: web::Json<VenueInput>,
) -> Result<HttpResponse, AppError> {
    let (slug, input): (_, uc::VenueInput) = (slug.into_inner(), body.into_inner().into());
    let venue = state
        .db
        .transaction(move |conn| {
            let group = uc::group_at(conn, &slug)?;
            uc::create_venue(conn, &user.id, &group.id, &input)
        })
        .await?;
    Ok(HttpResponse::Created().json(VenueJson::for_organisers(&venue)))
}

#[utoipa::path(tag = "venues", params(("slug" = String, Path)), responses((status = 200, body = VenueList)))]
#[get("/groups/{slug}/venues")]
async fn list_venues(
    state: State,
    ApiViewer(viewer): ApiViewer,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let list = state.db.run(move |conn| uc::venues_at(conn, &slug)).await?;
    // How to get in and whom to call are for organisers; meetups show the first to those going.
    let venues = list
        .iter()
        .map(|v| match viewer.organises(&v.group_id) {
            true => VenueJson::for_organisers(v),
            false => VenueJson::new(v),
        })
        .collect();
    Ok(HttpResponse::Ok().json(VenueList { venues }))
}

/// A partial change: absent fields keep their value, `null` clears an optional one.
#[utoipa::path(
    tag = "venues",
    params(("id" = String, Path)),
    security(("bearer" = [])),
    responses((status = 200, body = VenueJson), (status = 403, body = ErrorBody))
)]
#[patch("/venues/{id}")]
async fn update_venue(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<VenueId>,
    body: web::Json<VenuePatch>,
) -> Result<HttpResponse, AppError> {
    let (id, patch) = (id.into_inner(), body.into_inner().into());
    let updated = state
        .db
        .transaction(move |conn| uc::update_venue(conn, &user.id, &id, patch))
        .await?;
    Ok(HttpResponse::Ok().json(VenueJson::for_organisers(&updated)))
}

/// Deletes a venue no meetup takes place at (organisers of its group).
#[utoipa::path(
    tag = "venues",
    params(("id" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "deleted"),
        (status = 403, body = ErrorBody),
        (status = 409, description = "`venue_in_use`", body = ErrorBody),
    )
)]
#[delete("/venues/{id}")]
async fn delete_venue(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<VenueId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    state
        .db
        .transaction(move |conn| uc::delete_venue(conn, &user.id, &id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
