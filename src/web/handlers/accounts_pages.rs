use actix_web::http::{header, StatusCode};
use actix_web::ResponseError;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::Deserialize;

use crate::app::accounts::{self as uc, ProfileChange, Registration};
use crate::app::{email_changes, groups, meetups, privacy, rsvps};
use crate::db::models::User;
use crate::domain::group::GroupRole;
use crate::domain::ids::UserId;
use crate::domain::message::{NoticeMode, SubscriptionChange};
use crate::domain::rsvp::RsvpStatus;
use crate::error::AppError;
use crate::i18n::{t, tf, Lang};
use crate::mail::unsubscribe::{verify, MailTopic};
use crate::urls::{group_path, local_redirect, personal_calendar_url, SignInIntent};
use crate::views::accounts::{
    self as view, AccountPage, LoginForm, MyGroup, MyMeetup, ProfileForm, RegisterForm,
};
use crate::views::components::FormErrors;
use crate::views::FlashKind;
use crate::web::extract::{client_ip, session_key, sign_in, sign_out, CsrfForm, Empty, Page};
use crate::web::html::{render, render_status};
use crate::web::json_export::AccountExport;
use crate::web::pages::{answered_text, field_errors, see_other};
use crate::web::panels::{attendance_text, meetup_item};
use crate::web::State;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(register_page)
        .service(register_submit)
        .service(login_page)
        .service(login_submit)
        .service(logout_page)
        .service(logout_submit)
        .service(account_page)
        .service(profile_submit)
        .service(password_submit)
        .service(export_download)
        .service(email_submit)
        .service(delete_page)
        .service(delete_submit)
        .service(sign_out_everywhere)
        .service(mail_preferences)
        .service(group_mail_preferences)
        .service(rotate_calendar)
        .service(unsubscribe_page)
        .service(unsubscribe_submit);
}

/// Sign-in and sign-up problems all show on the e-mail field, the one a person looks at first.
fn form_errors(page: &Page, error: AppError) -> Result<FormErrors, AppError> {
    match error {
        AppError::BadCredentials => Ok(FormErrors::one(
            "email",
            page.t("error-bad_credentials").to_string(),
        )),
        AppError::RateLimited(_) => Ok(FormErrors::one("email", error.message(page.lang))),
        other => field_errors(page, other, "email"),
    }
}

#[derive(Deserialize)]
struct NextQuery {
    next: Option<String>,
}

impl NextQuery {
    /// `next` when it stays on this site: another host's is dropped here, before the form.
    fn local(&self) -> Option<String> {
        let next = local_redirect(self.next.as_deref());
        (next != "/").then_some(next)
    }
}

#[get("/register")]
async fn register_page(page: Page, query: web::Query<NextQuery>) -> HttpResponse {
    let form = RegisterForm {
        locale: page.lang.code().to_string(),
        next: query.local(),
        ..Default::default()
    };
    render(view::register(
        &page.chrome(),
        &form,
        &FormErrors::default(),
    ))
}

#[post("/register")]
async fn register_submit(
    state: State,
    page: Page,
    CsrfForm(form): CsrfForm<RegisterForm>,
) -> Result<HttpResponse, AppError> {
    let result = uc::register(
        &state.db,
        &state.settings,
        Registration {
            email: form.email.clone(),
            name: form.name.clone(),
            password: form.password.clone(),
            locale: Some(form.locale.clone()),
        },
    )
    .await;
    match result {
        Ok(user) => {
            let key = uc::start_session(&state.db, &user).await?;
            sign_in(&page.session, &key);
            signed_in_redirect(&state, &page, &user, form.next.as_deref()).await
        }
        Err(e) => {
            let errors = form_errors(&page, e)?;
            let form = RegisterForm {
                password: String::new(),
                ..form
            };
            Ok(render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                view::register(&page.chrome(), &form, &errors),
            ))
        }
    }
}

#[get("/login")]
async fn login_page(page: Page, query: web::Query<NextQuery>) -> HttpResponse {
    let form = LoginForm {
        next: query.local(),
        ..Default::default()
    };
    render(view::login(&page.chrome(), &form, &FormErrors::default()))
}

#[post("/login")]
async fn login_submit(
    state: State,
    req: HttpRequest,
    page: Page,
    CsrfForm(form): CsrfForm<LoginForm>,
) -> Result<HttpResponse, AppError> {
    let ip = client_ip(&req);
    match uc::authenticate(&state.db, &state.settings, &form.email, &form.password, &ip).await {
        Ok(user) => {
            let key = uc::start_session(&state.db, &user).await?;
            sign_in(&page.session, &key);
            signed_in_redirect(&state, &page, &user, form.next.as_deref()).await
        }
        Err(e) => {
            let status = match e {
                AppError::RateLimited(_) => StatusCode::TOO_MANY_REQUESTS,
                _ => StatusCode::UNAUTHORIZED,
            };
            let errors = form_errors(&page, e)?;
            let form = LoginForm {
                password: String::new(),
                ..form
            };
            Ok(render_status(
                status,
                view::login(&page.chrome(), &form, &errors),
            ))
        }
    }
}

/// After signing in or up: welcome, then `next`. When the visitor came from "I'm going" or
/// "Join the group", this form's POST (CSRF-checked) is what carries that out, under the usual
/// rules; the outcome or the refusal is flashed on the page they came from.
async fn signed_in_redirect(
    state: &State,
    page: &Page,
    user: &User,
    next: Option<&str>,
) -> Result<HttpResponse, AppError> {
    let lang = user.lang();
    let welcome = tf(lang, "auth-welcome", &[("name", &user.name)]);
    let next = local_redirect(next);
    let Some(intent) = SignInIntent::from_next(&next) else {
        page.flash(FlashKind::Ok, &welcome);
        return Ok(see_other(&next));
    };
    let (kind, outcome) = match carry_out(state, &user.id, lang, &intent).await {
        Ok(Ok(done)) => (FlashKind::Ok, done),
        Ok(Err(e @ (AppError::Internal(_) | AppError::Unavailable(_)))) => return Err(e),
        Ok(Err(refusal)) => (FlashKind::Bad, refusal.message(lang)),
        // The meetup or group is gone: signing in still worked.
        Err(AppError::NotFound) => {
            page.flash(FlashKind::Ok, &welcome);
            return Ok(see_other("/"));
        }
        Err(e) => return Err(e),
    };
    page.flash(kind, &format!("{welcome} {outcome}"));
    Ok(see_other(&intent.landing_path()))
}

/// The intent's answer or membership, in one checkout: the outer error when there is no such
/// meetup or group, the inner one when the rules refuse it.
async fn carry_out(
    state: &State,
    user: &UserId,
    lang: Lang,
    intent: &SignInIntent,
) -> Result<Result<String, AppError>, AppError> {
    let user = user.clone();
    Ok(match intent.clone() {
        SignInIntent::Going { group_slug, meetup } => {
            let settings = state.settings.clone();
            let (_, done) = state
                .db
                .read_then_transaction(
                    move |conn| meetups::meetup_at(conn, &group_slug, &meetup),
                    move |conn, row| {
                        rsvps::going_after_sign_in(conn, &settings, &user, &row.meetup.id)
                    },
                )
                .await?;
            done.map(|outcome| answered_text(lang, &outcome))
        }
        SignInIntent::Join { group_slug } => {
            let settings = state.settings.clone();
            let (_, done) = state
                .db
                .read_then_transaction(
                    move |conn| groups::group_at(conn, &group_slug),
                    move |conn, group| groups::join_group(conn, &settings, &group.id, &user, false),
                )
                .await?;
            done.map(|_| t(lang, "groups-joined").to_string())
        }
    })
}

#[get("/logout")]
async fn logout_page(page: Page) -> HttpResponse {
    render(view::logout(&page.chrome()))
}

#[post("/logout")]
async fn logout_submit(
    state: State,
    page: Page,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    if let Some(key) = session_key(&page.session) {
        uc::end_session(&state.db, key).await?;
    }
    sign_out(&page.session);
    page.flash(FlashKind::Ok, page.t("auth-logged_out"));
    Ok(see_other("/"))
}

#[post("/account/sign-out-everywhere")]
async fn sign_out_everywhere(
    state: State,
    page: Page,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let user = page.require_user()?;
    uc::end_all_sessions(&state.db, user).await?;
    sign_out(&page.session);
    page.flash(FlashKind::Ok, page.t("account-signed_out_everywhere"));
    Ok(see_other("/login"))
}

/// The errors of a form confirmed by the current password (in `password_field`): a wrong
/// password or a sign-in lock there, anything else the form's own (refusals on `field`).
fn password_checked_errors(
    page: &Page,
    error: AppError,
    password_field: &'static str,
    field: &'static str,
) -> Result<(StatusCode, FormErrors), AppError> {
    let status = error.status_code();
    let errors = match error {
        AppError::BadCredentials => {
            FormErrors::one(password_field, page.t("account-wrong_password").to_string())
        }
        e @ AppError::RateLimited(_) => FormErrors::one(password_field, e.message(page.lang)),
        e => field_errors(page, e, field)?,
    };
    Ok((status, errors))
}

/// `/account`, with the profile form as typed and errors when a form comes back.
async fn account_view(
    state: &State,
    page: &Page,
    profile: Option<ProfileForm>,
    new_email: &str,
    errors: FormErrors,
) -> Result<maud::Markup, AppError> {
    let user = page.require_user()?;
    let overview = uc::overview(&state.db, user).await?;
    let groups: Vec<MyGroup> = overview
        .groups
        .iter()
        .map(|(g, membership)| MyGroup {
            name: g.name.clone(),
            slug: g.slug.clone(),
            path: group_path(&g.slug),
            organiser: membership.role == GroupRole::Organiser,
            mail: membership.subscription(),
            attendance: attendance_text(
                page.lang,
                &overview.attendance.get(&g.id).copied().unwrap_or_default(),
            ),
        })
        .collect();
    let upcoming: Vec<MyMeetup> = overview
        .upcoming
        .iter()
        .map(|(row, status)| MyMeetup {
            item: meetup_item(row, page.lang, true),
            waitlisted: *status == RsvpStatus::Waitlisted,
        })
        .collect();
    let calendar_url = personal_calendar_url(&state.settings.base_url, &user.calendar_secret);
    let profile = profile.unwrap_or_else(|| ProfileForm {
        name: user.name.clone(),
        locale: user.locale.code().into(),
        hide_from_lists: user.hide_from_lists.then(|| "on".into()),
    });
    Ok(view::account(
        &page.chrome(),
        &AccountPage {
            user,
            calendar_url: &calendar_url,
            groups: &groups,
            upcoming: &upcoming,
            profile,
            new_email: new_email.to_string(),
            errors,
        },
    ))
}

#[get("/account")]
async fn account_page(state: State, page: Page) -> Result<HttpResponse, AppError> {
    Ok(render(
        account_view(&state, &page, None, "", FormErrors::default()).await?,
    ))
}

#[post("/account/profile")]
async fn profile_submit(
    state: State,
    page: Page,
    CsrfForm(form): CsrfForm<ProfileForm>,
) -> Result<HttpResponse, AppError> {
    let user = page.require_user()?;
    let change = ProfileChange {
        name: Some(form.name.clone()),
        locale: Some(form.locale.clone()),
        hide_from_lists: Some(form.hide_from_lists.is_some()),
    };
    match uc::update_profile(&state.db, user, change).await {
        Ok(user) => {
            page.flash(FlashKind::Ok, t(user.lang(), "account-profile_saved"));
            Ok(see_other("/account"))
        }
        Err(e) => {
            let errors = field_errors(&page, e, "name")?;
            let html = account_view(&state, &page, Some(form), "", errors).await?;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, html))
        }
    }
}

#[derive(Deserialize)]
struct EmailForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    email_password: String,
}

#[post("/account/email")]
async fn email_submit(
    state: State,
    req: HttpRequest,
    page: Page,
    CsrfForm(form): CsrfForm<EmailForm>,
) -> Result<HttpResponse, AppError> {
    let user = page.require_user()?;
    let ip = client_ip(&req);
    let result = email_changes::request(
        &state.db,
        &state.settings,
        user,
        &form.email,
        &form.email_password,
        &ip,
    )
    .await;
    let (status, errors) = match result {
        Ok(()) => {
            let email = form.email.trim().to_lowercase();
            page.flash(
                FlashKind::Ok,
                &tf(page.lang, "account-email_sent", &[("email", &email)]),
            );
            return Ok(see_other("/account"));
        }
        Err(e) => password_checked_errors(&page, e, "email_password", "email")?,
    };
    let html = account_view(&state, &page, None, &form.email, errors).await?;
    Ok(render_status(status, html))
}

#[get("/account/export")]
async fn export_download(state: State, page: Page) -> Result<HttpResponse, AppError> {
    let user = page.require_user()?;
    let export = privacy::export(&state.db, user).await?;
    Ok(HttpResponse::Ok()
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"rendezvous-export.json\"",
        ))
        .json(AccountExport::from(export)))
}

#[get("/account/delete")]
async fn delete_page(page: Page) -> Result<HttpResponse, AppError> {
    page.require_user()?;
    Ok(render(view::delete_account(
        &page.chrome(),
        &FormErrors::default(),
    )))
}

#[derive(Deserialize)]
struct DeleteForm {
    #[serde(default)]
    password: String,
}

#[post("/account/delete")]
async fn delete_submit(
    state: State,
    req: HttpRequest,
    page: Page,
    CsrfForm(form): CsrfForm<DeleteForm>,
) -> Result<HttpResponse, AppError> {
    let user = page.require_user()?;
    let ip = client_ip(&req);
    let (status, errors) = match privacy::delete_account(
        &state.db,
        &state.settings,
        user,
        &form.password,
        &ip,
    )
    .await
    {
        Ok(()) => {
            sign_out(&page.session);
            page.flash(FlashKind::Ok, page.t("account-deleted"));
            return Ok(see_other("/"));
        }
        Err(e) => password_checked_errors(&page, e, "password", "password")?,
    };
    Ok(render_status(
        status,
        view::delete_account(&page.chrome(), &errors),
    ))
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    password: String,
}

#[post("/account/password")]
async fn password_submit(
    state: State,
    req: HttpRequest,
    page: Page,
    CsrfForm(form): CsrfForm<PasswordForm>,
) -> Result<HttpResponse, AppError> {
    let user = page.require_user()?;
    let keep = session_key(&page.session).unwrap_or_default();
    let result = uc::change_password(
        &state.db,
        &state.settings,
        user,
        &form.current_password,
        &form.password,
        &client_ip(&req),
        keep,
    )
    .await;
    let (status, errors) = match result {
        Ok(()) => {
            page.flash(FlashKind::Ok, page.t("account-password_saved"));
            return Ok(see_other("/account"));
        }
        Err(e) => password_checked_errors(&page, e, "current_password", "password")?,
    };
    let html = account_view(&state, &page, None, "", errors).await?;
    Ok(render_status(status, html))
}

#[derive(Deserialize)]
struct MailPreferences {
    reminders: Option<String>,
    notices: Option<String>,
}

#[post("/account/mail")]
async fn mail_preferences(
    state: State,
    page: Page,
    CsrfForm(form): CsrfForm<MailPreferences>,
) -> Result<HttpResponse, AppError> {
    let user = page.require_user()?;
    let (reminders, notices) = (form.reminders.is_some(), form.notices.is_some());
    uc::set_mail_preferences(&state.db, user, reminders, notices).await?;
    page.flash_at(FlashKind::Ok, page.t("account-mail_saved"), "mail");
    Ok(see_other("/account#mail"))
}

/// A new secret for the personal calendar feed; the old address stops working.
#[post("/account/calendar/rotate")]
async fn rotate_calendar(
    state: State,
    page: Page,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let user = page.require_user()?;
    uc::rotate_calendar_secret(&state.db, user).await?;
    page.flash_at(
        FlashKind::Ok,
        page.t("account-calendar_rotated"),
        "calendar",
    );
    Ok(see_other("/account#calendar"))
}

#[derive(Deserialize)]
struct GroupMailForm {
    announcements: Option<String>,
    messages: Option<String>,
    organiser_notices: Option<String>,
    rsvp_notices: Option<String>,
    follow_ups: Option<String>,
}

/// One group's mail choices, from `/account`.
#[post("/account/groups/{slug}/mail")]
async fn group_mail_preferences(
    state: State,
    page: Page,
    slug: web::Path<String>,
    CsrfForm(form): CsrfForm<GroupMailForm>,
) -> Result<HttpResponse, AppError> {
    let user = page.require_user()?.id.clone();
    let mode = |choice: &Option<String>| choice.as_deref().and_then(NoticeMode::parse);
    let change = SubscriptionChange {
        announcements: Some(form.announcements.is_some()),
        messages: Some(form.messages.is_some()),
        organiser_notices: mode(&form.organiser_notices),
        rsvp_notices: mode(&form.rsvp_notices),
        follow_ups: Some(form.follow_ups.is_some()),
    };
    let group = state
        .db
        .transaction(move |conn| {
            let group = groups::group_at(conn, &slug)?;
            groups::change_subscription(conn, &group.id, &user, change)?;
            Ok(group)
        })
        .await?;
    let anchor = format!("mail-{}", group.slug);
    let saved = tf(
        page.lang,
        "account-group_mail_saved",
        &[("group", &group.name)],
    );
    page.flash_at(FlashKind::Ok, &saved, &anchor);
    Ok(see_other(&format!("/account#{anchor}")))
}

fn checked_link(state: &State, path: &(UserId, String, String)) -> Result<MailTopic, AppError> {
    let (user_id, topic, sig) = path;
    let topic = MailTopic::parse(topic).ok_or(AppError::NotFound)?;
    if !verify(&state.settings.secret_key, user_id, &topic, sig) {
        return Err(AppError::NotFound);
    }
    Ok(topic)
}

/// The link in a mail opens a confirmation (link scanners must not unsubscribe anyone).
#[get("/unsubscribe/{user_id}/{topic}/{sig}")]
async fn unsubscribe_page(
    state: State,
    page: Page,
    path: web::Path<(UserId, String, String)>,
) -> Result<HttpResponse, AppError> {
    let topic = checked_link(&state, &path)?;
    Ok(render(view::unsubscribe(
        &page.chrome(),
        &topic,
        page.path.as_str(),
        false,
    )))
}

/// One POST unsubscribes: the confirmation button, or a mail client's RFC 8058 one-click request.
#[post("/unsubscribe/{user_id}/{topic}/{sig}")]
async fn unsubscribe_submit(
    state: State,
    page: Page,
    path: web::Path<(UserId, String, String)>,
) -> Result<HttpResponse, AppError> {
    let topic = checked_link(&state, &path)?;
    uc::unsubscribe(&state.db, &path.0, topic.clone()).await?;
    Ok(render(view::unsubscribe(
        &page.chrome(),
        &topic,
        page.path.as_str(),
        true,
    )))
}
