//! The organisers' audit log page.

use actix_web::{get, web, HttpResponse};
use serde::Deserialize;

use crate::app::audit as uc;
use crate::db::models::User;
use crate::domain::account::is_erased_email;
use crate::domain::time::to_local;
use crate::error::AppError;
use crate::i18n::long_datetime;
use crate::urls::group_path;
use crate::views::audit::{audit_page, AuditItem, AuditView};
use crate::web::extract::Page;
use crate::web::html::render;
use crate::web::State;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(audit_list);
}

#[derive(Deserialize)]
struct PageQuery {
    page: Option<i64>,
}

#[get("/groups/{slug}/audit")]
async fn audit_list(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let (viewer, slug, n) = (page.viewer.clone(), slug.into_inner(), query.page);
    let (group, log) = state
        .db
        .run(move |conn| uc::page(conn, &viewer, &slug, n, None))
        .await?;
    page.use_group_locale(group.lang());
    let deleted = page.t("audit-deleted_account");
    let name = |u: &Option<User>| match u {
        Some(u) if !is_erased_email(&u.email) => u.name.clone(),
        _ => deleted.to_string(),
    };
    let items: Vec<AuditItem> = log
        .entries
        .iter()
        .map(|row| {
            let e = &row.entry;
            let about = if e.target_kind == "user" {
                let who = name(&row.target_user);
                match e.label.as_str() {
                    "" => who,
                    role => format!("{who} ({})", page.t(&format!("audit-role-{role}"))),
                }
            } else {
                e.label.clone()
            };
            AuditItem {
                when: long_datetime(page.lang, to_local(e.created_at, group.tz())),
                who: name(&row.actor),
                what: page.t(&format!("audit-action-{}", e.action)).to_string(),
                about,
            }
        })
        .collect();
    let base = group_path(&group.slug);
    let at = |n: i64| format!("{base}/audit?page={n}");
    let view = AuditView {
        group_path: &base,
        group_name: &group.name,
        items: &items,
        newer: log.paging.has_previous().then(|| at(log.paging.page - 1)),
        older: log
            .paging
            .has_next(log.total)
            .then(|| at(log.paging.page + 1)),
    };
    Ok(render(audit_page(&page.chrome(), &view)))
}
