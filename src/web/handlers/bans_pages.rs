//! The organisers' ban confirmation (from the members page) and list of bans.

use actix_web::{get, post, web, HttpResponse};
use serde::Deserialize;

use crate::app::bans as uc;
use crate::domain::account::is_erased_email;
use crate::domain::ids::UserId;
use crate::domain::time::to_local;
use crate::error::AppError;
use crate::i18n::long_datetime;
use crate::urls::group_path;
use crate::views::bans::{ban_confirm_page, bans_page, BanItem};
use crate::views::components::FormErrors;
use crate::views::FlashKind;
use crate::web::extract::{CsrfForm, Empty, Page};
use crate::web::html::{render, render_status};
use crate::web::pages::{field_errors, see_other};
use crate::web::State;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(ban_form)
        .service(ban_submit)
        .service(bans_list)
        .service(unban_submit);
}

#[get("/groups/{slug}/members/{user_id}/ban")]
async fn ban_form(
    state: State,
    mut page: Page,
    path: web::Path<(String, UserId)>,
) -> Result<HttpResponse, AppError> {
    let (slug, target) = path.into_inner();
    let viewer = page.viewer.clone();
    let (group, user) = state
        .db
        .run(move |conn| uc::ban_form(conn, &viewer, &slug, &target))
        .await?;
    page.use_group_locale(group.lang());
    Ok(render(ban_confirm_page(
        &page.chrome(),
        &group_path(&group.slug),
        &user.id,
        &user.name,
        "",
        &FormErrors::default(),
    )))
}

#[derive(Deserialize)]
struct BanForm {
    #[serde(default)]
    reason: String,
}

#[post("/groups/{slug}/members/{user_id}/ban")]
async fn ban_submit(
    state: State,
    mut page: Page,
    path: web::Path<(String, UserId)>,
    CsrfForm(form): CsrfForm<BanForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, target) = path.into_inner();
    let viewer = page.viewer.clone();
    let (group, user) = state
        .db
        .run(move |conn| uc::ban_form(conn, &viewer, &slug, &target))
        .await?;
    page.use_group_locale(group.lang());
    let actor = page.require_user()?.id.clone();
    let (settings, group_id, target, reason) = (
        state.settings.clone(),
        group.id.clone(),
        user.id.clone(),
        form.reason.clone(),
    );
    let result = state
        .db
        .transaction(move |conn| uc::ban(conn, &settings, &actor, &group_id, &target, &reason))
        .await;
    let base = group_path(&group.slug);
    match result {
        Ok(_) => {
            page.flash(FlashKind::Ok, page.t("bans-done"));
            Ok(see_other(&format!("{base}/bans")))
        }
        Err(e @ AppError::Conflict(..)) => {
            page.flash(FlashKind::Bad, &e.message(page.lang));
            Ok(see_other(&format!("{base}/members")))
        }
        Err(e) => {
            let errors = field_errors(&page, e, "reason")?;
            Ok(render_status(
                actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
                ban_confirm_page(
                    &page.chrome(),
                    &base,
                    &user.id,
                    &user.name,
                    &form.reason,
                    &errors,
                ),
            ))
        }
    }
}

#[get("/groups/{slug}/bans")]
async fn bans_list(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (viewer, slug) = (page.viewer.clone(), slug.into_inner());
    let (group, rows) = state
        .db
        .run(move |conn| uc::bans_page(conn, &viewer, &slug))
        .await?;
    page.use_group_locale(group.lang());
    let deleted = page.t("audit-deleted_account");
    let bans: Vec<BanItem> = rows
        .into_iter()
        .map(|row| BanItem {
            user_id: row.user.id.to_string(),
            name: if is_erased_email(&row.user.email) {
                deleted.to_string()
            } else {
                row.user.name.clone()
            },
            reason: row.ban.reason.clone(),
            when: long_datetime(page.lang, to_local(row.ban.created_at, group.tz())),
            by: match &row.banned_by {
                Some(u) if !is_erased_email(&u.email) => u.name.clone(),
                _ => deleted.to_string(),
            },
        })
        .collect();
    Ok(render(bans_page(
        &page.chrome(),
        &group_path(&group.slug),
        &group.name,
        &bans,
    )))
}

#[post("/groups/{slug}/bans/{user_id}/unban")]
async fn unban_submit(
    state: State,
    mut page: Page,
    path: web::Path<(String, UserId)>,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let (slug, target) = path.into_inner();
    let group = crate::web::pages::organiser_group(&state, &mut page, &slug).await?;
    let (actor, group_id) = (page.require_user()?.id.clone(), group.id.clone());
    state
        .db
        .transaction(move |conn| uc::unban(conn, &actor, &group_id, &target))
        .await?;
    page.flash(FlashKind::Ok, page.t("bans-lifted"));
    Ok(see_other(&format!("{}/bans", group_path(&group.slug))))
}
