use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};

use crate::app::email_changes as uc;
use crate::error::AppError;
use crate::i18n::tf;
use crate::urls::email_change_path;
use crate::views::accounts::{email_change, link_expired};
use crate::views::FlashKind;
use crate::web::extract::{CsrfForm, Empty, Page};
use crate::web::html::{render, render_status};
use crate::web::pages::see_other;
use crate::web::State;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(confirm_page).service(confirm_submit);
}

#[get("/email-change/{token}")]
async fn confirm_page(
    state: State,
    page: Page,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    Ok(match uc::pending(&state.db, &token).await? {
        Some(email) => render(email_change(
            &page.chrome(),
            &email,
            &email_change_path(&token),
        )),
        None => expired(&page),
    })
}

fn expired(page: &Page) -> HttpResponse {
    let markup = link_expired(&page.chrome(), "/account", page.t("account-title"));
    render_status(StatusCode::GONE, markup)
}

#[post("/email-change/{token}")]
async fn confirm_submit(
    state: State,
    page: Page,
    token: web::Path<String>,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    match uc::confirm(&state.db, &token).await {
        Ok(user) => {
            page.flash(
                FlashKind::Ok,
                &tf(
                    page.lang,
                    "account-email_changed",
                    &[("email", &user.email)],
                ),
            );
            Ok(see_other(if page.viewer.is_signed_in() {
                "/account"
            } else {
                "/login"
            }))
        }
        Err(AppError::Gone(_)) => Ok(expired(&page)),
        Err(e @ AppError::Conflict(..)) => {
            page.flash(FlashKind::Bad, &e.message(page.lang));
            Ok(see_other("/account"))
        }
        Err(e) => Err(e),
    }
}
