//! The organisers' audit log over the API.

use actix_web::{get, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::audit as uc;
use crate::db::models::User;
use crate::db::repo::audit::AuditRow;
use crate::domain::account::is_erased_email;
use crate::domain::time::format_utc;
use crate::error::AppError;
use crate::web::extract::ApiCaller;
use crate::web::json::ErrorBody;
use crate::web::State;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_audit);
}

#[derive(Deserialize, IntoParams)]
struct AuditQuery {
    /// From 1 (the newest entries).
    page: Option<i64>,
    /// 1..100, 50 by default.
    per_page: Option<i64>,
}

/// One organiser action.
#[derive(Serialize, ToSchema)]
pub struct AuditEntryJson {
    id: String,
    /// RFC 3339 UTC.
    at: String,
    /// `role_changed`, `member_removed`, `member_banned`, `ban_lifted`, `meetup_cancelled`,
    /// `meetup_reinstated`, `meetup_deleted`, `talk_accepted`, `talk_declined`,
    /// `talk_scheduled`, `message_sent` or `report_published`.
    action: String,
    /// `null` once the account was deleted.
    actor_id: Option<String>,
    /// The actor's name as it is now; `null` (shown as "deleted account") once deleted.
    actor_name: Option<String>,
    /// `meetup`, `talk`, `message`, `report` or `user`.
    target_kind: String,
    target_id: Option<String>,
    /// A title (meetup, talk, message, report) or the role set.
    label: String,
    /// For a person aimed at: their name as it is now (`null` once deleted).
    target_name: Option<String>,
}

#[derive(Serialize, ToSchema)]
struct AuditList {
    entries: Vec<AuditEntryJson>,
    page: i64,
    per_page: i64,
    total: i64,
}

fn name(user: &Option<User>) -> Option<String> {
    user.as_ref()
        .filter(|u| !is_erased_email(&u.email))
        .map(|u| u.name.clone())
}

impl From<&AuditRow> for AuditEntryJson {
    fn from(row: &AuditRow) -> Self {
        let e = &row.entry;
        AuditEntryJson {
            id: e.id.clone(),
            at: format_utc(e.created_at),
            action: e.action.clone(),
            actor_id: row
                .actor
                .as_ref()
                .filter(|u| !is_erased_email(&u.email))
                .map(|u| u.id.to_string()),
            actor_name: name(&row.actor),
            target_kind: e.target_kind.clone(),
            target_id: e.target_id.clone(),
            label: e.label.clone(),
            target_name: name(&row.target_user),
        }
    }
}

/// What the group's organisers did, newest first, paginated (organisers only).
#[utoipa::path(
    tag = "groups",
    params(("slug" = String, Path), AuditQuery),
    security(("bearer" = [])),
    responses((status = 200, body = AuditList), (status = 403, body = ErrorBody))
)]
#[get("/groups/{slug}/audit")]
async fn list_audit(
    state: State,
    ApiCaller(viewer): ApiCaller,
    slug: web::Path<String>,
    query: web::Query<AuditQuery>,
) -> Result<HttpResponse, AppError> {
    let (slug, q) = (slug.into_inner(), query.into_inner());
    let (_, page) = state
        .db
        .run(move |conn| uc::page(conn, &viewer, &slug, q.page, q.per_page))
        .await?;
    Ok(HttpResponse::Ok().json(AuditList {
        entries: page.entries.iter().map(AuditEntryJson::from).collect(),
        page: page.paging.page,
        per_page: page.paging.per_page,
        total: page.total,
    }))
}
