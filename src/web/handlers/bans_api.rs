//! Bans: organisers put someone out of their group and keep them out (`app::bans`).

use actix_web::{delete, get, post, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::bans as uc;
use crate::app::groups::group_at;
use crate::db::repo::exclusions::BanRow;
use crate::domain::account::is_erased_email;
use crate::domain::ids::UserId;
use crate::domain::time::format_utc;
use crate::error::AppError;
use crate::web::extract::ApiUser;
use crate::web::json::ErrorBody;
use crate::web::State;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_ban)
        .service(list_bans)
        .service(delete_ban);
}

#[derive(Deserialize, ToSchema)]
struct BanInput {
    /// The account to ban.
    user_id: String,
    /// Why, for the organisers (at most 500 characters; never shown to the banned person).
    #[serde(default)]
    reason: Option<String>,
}

/// A ban as organisers see it.
#[derive(Serialize, ToSchema)]
pub struct BanJson {
    user_id: String,
    /// The banned account's name (`null` once the account was deleted).
    name: Option<String>,
    reason: String,
    /// RFC 3339 UTC.
    banned_at: String,
    /// Who banned (`null` once that account was deleted).
    banned_by: Option<String>,
    banned_by_name: Option<String>,
}

#[derive(Serialize, ToSchema)]
struct BanList {
    bans: Vec<BanJson>,
}

fn shown_name(user: &crate::db::models::User) -> Option<String> {
    (!is_erased_email(&user.email)).then(|| user.name.clone())
}

impl From<&BanRow> for BanJson {
    fn from(row: &BanRow) -> Self {
        let by = row
            .banned_by
            .as_ref()
            .filter(|u| !is_erased_email(&u.email));
        BanJson {
            user_id: row.user.id.to_string(),
            name: shown_name(&row.user),
            reason: row.ban.reason.clone(),
            banned_at: format_utc(row.ban.created_at),
            banned_by: by.map(|u| u.id.to_string()),
            banned_by_name: by.map(|u| u.name.clone()),
        }
    }
}

/// Bans someone from the group (organisers only), in one transaction: their membership goes,
/// their seats at upcoming meetups go to the waitlist (with its promotion mails), their
/// proposals waiting for a decision are withdrawn, and from then on joining, answering a meetup
/// (page, API or mailed link), proposing talks, voting and suggesting venues answer 403
/// `banned`. The banned person is not mailed. Banning again changes nothing (200).
#[utoipa::path(
    tag = "groups",
    params(("slug" = String, Path)),
    security(("bearer" = [])),
    request_body = BanInput,
    responses(
        (status = 201, description = "banned", body = BanJson),
        (status = 200, description = "banned already: nothing changed", body = BanJson),
        (status = 403, body = ErrorBody),
        (status = 404, description = "no such group or account", body = ErrorBody),
        (status = 409, description = "`cannot_ban_organiser`: an organiser (oneself included) is demoted first", body = ErrorBody),
        (status = 422, description = "`validation_failed`: `reason` over 500 characters", body = ErrorBody),
    )
)]
#[post("/groups/{slug}/bans")]
async fn create_ban(
    state: State,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
    body: web::Json<BanInput>,
) -> Result<HttpResponse, AppError> {
    let (slug, input) = (slug.into_inner(), body.into_inner());
    let settings = state.settings.clone();
    let target = UserId::from(input.user_id);
    let reason = input.reason.unwrap_or_default();
    let (outcome, by) = state
        .db
        .transaction(move |conn| {
            let group = group_at(conn, &slug)?;
            let outcome = uc::ban(conn, &settings, &user.id, &group.id, &target, &reason)?;
            Ok((outcome, user))
        })
        .await?;
    let json = BanJson {
        user_id: outcome.user.id.to_string(),
        name: shown_name(&outcome.user),
        reason: outcome.ban.reason.clone(),
        banned_at: format_utc(outcome.ban.created_at),
        banned_by: outcome.ban.banned_by.as_ref().map(|id| id.to_string()),
        banned_by_name: (outcome.ban.banned_by.as_ref() == Some(&by.id)).then(|| by.name.clone()),
    };
    Ok(if outcome.created {
        HttpResponse::Created().json(json)
    } else {
        HttpResponse::Ok().json(json)
    })
}

/// The group's bans, newest first, with reason, date and who banned (organisers only).
#[utoipa::path(
    tag = "groups",
    params(("slug" = String, Path)),
    security(("bearer" = [])),
    responses((status = 200, body = BanList), (status = 403, body = ErrorBody))
)]
#[get("/groups/{slug}/bans")]
async fn list_bans(
    state: State,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let rows = state
        .db
        .run(move |conn| {
            let group = group_at(conn, &slug)?;
            uc::bans(conn, &user.id, &group)
        })
        .await?;
    Ok(HttpResponse::Ok().json(BanList {
        bans: rows.iter().map(BanJson::from).collect(),
    }))
}

/// Lifts a ban (organisers only): the person may join again by themselves; links mailed to
/// them before the ban stay dead for the group (410 `link_expired`).
#[utoipa::path(
    tag = "groups",
    params(("slug" = String, Path), ("user_id" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "lifted"),
        (status = 403, body = ErrorBody),
        (status = 404, description = "no such group, or no ban of this account", body = ErrorBody),
    )
)]
#[delete("/groups/{slug}/bans/{user_id}")]
async fn delete_ban(
    state: State,
    ApiUser(user): ApiUser,
    path: web::Path<(String, UserId)>,
) -> Result<HttpResponse, AppError> {
    let (slug, target) = path.into_inner();
    state
        .db
        .transaction(move |conn| {
            let group = group_at(conn, &slug)?;
            uc::unban(conn, &user.id, &group.id, &target)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
