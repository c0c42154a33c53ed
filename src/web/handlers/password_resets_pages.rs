use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::Deserialize;

use crate::app::accounts::start_session;
use crate::app::password_resets as uc;
use crate::error::AppError;
use crate::urls::{password_reset_path, PASSWORD_RESET_PATH};
use crate::views::accounts::link_expired;
use crate::views::components::FormErrors;
use crate::views::password_resets as view;
use crate::views::FlashKind;
use crate::web::extract::{client_ip, sign_in, CsrfForm, Page};
use crate::web::html::{render, render_status};
use crate::web::pages::{field_errors, see_other};
use crate::web::State;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(request_page)
        .service(request_submit)
        .service(choose_page)
        .service(choose_submit);
}

#[get("/password-reset")]
async fn request_page(page: Page) -> HttpResponse {
    render(view::request(
        &page.chrome(),
        "",
        &FormErrors::default(),
        false,
    ))
}

#[derive(Deserialize)]
struct RequestForm {
    #[serde(default)]
    email: String,
}

#[post("/password-reset")]
async fn request_submit(
    state: State,
    req: HttpRequest,
    page: Page,
    CsrfForm(form): CsrfForm<RequestForm>,
) -> Result<HttpResponse, AppError> {
    match uc::request(&state.db, &state.settings, &form.email, &client_ip(&req)).await {
        Ok(()) => Ok(render(view::request(
            &page.chrome(),
            "",
            &FormErrors::default(),
            true,
        ))),
        Err(e @ AppError::RateLimited(_)) => Ok(render_status(
            StatusCode::TOO_MANY_REQUESTS,
            view::request(
                &page.chrome(),
                &form.email,
                &FormErrors::one("email", e.message(page.lang)),
                false,
            ),
        )),
        Err(e) => Err(e),
    }
}

fn expired(page: &Page) -> HttpResponse {
    let markup = link_expired(
        &page.chrome(),
        PASSWORD_RESET_PATH,
        page.t("reset-ask_again"),
    );
    render_status(StatusCode::GONE, markup)
}

#[get("/password-reset/{token}")]
async fn choose_page(
    state: State,
    page: Page,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    if !uc::is_usable(&state.db, &token).await? {
        return Ok(expired(&page));
    }
    let action = password_reset_path(&token);
    Ok(render(view::choose(
        &page.chrome(),
        &action,
        &FormErrors::default(),
    )))
}

#[derive(Deserialize)]
struct ChooseForm {
    #[serde(default)]
    password: String,
}

#[post("/password-reset/{token}")]
async fn choose_submit(
    state: State,
    page: Page,
    token: web::Path<String>,
    CsrfForm(form): CsrfForm<ChooseForm>,
) -> Result<HttpResponse, AppError> {
    match uc::reset(&state.db, &state.settings, &token, &form.password).await {
        Ok(user) => {
            let key = start_session(&state.db, &user).await?;
            sign_in(&page.session, &key);
            page.flash(FlashKind::Ok, page.t("reset-done"));
            Ok(see_other("/"))
        }
        Err(AppError::Gone(_)) => Ok(expired(&page)),
        Err(e) => {
            let errors = field_errors(&page, e, "password")?;
            let action = password_reset_path(&token);
            Ok(render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                view::choose(&page.chrome(), &action, &errors),
            ))
        }
    }
}
