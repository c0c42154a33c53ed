//! "Write to participants" and "Write to members": a form, a preview with the number of
//! recipients, then the message sent through the same use case as the API.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};

use crate::app::messages::{self as uc, Draft, Scope};
use crate::domain::ids::MeetupId;
use crate::domain::message::Audience;
use crate::domain::time::to_local;
use crate::error::AppError;
use crate::i18n::{long_datetime, tf};
use crate::urls::{group_messages_path, group_path, meetup_messages_path};
use crate::views::components::FormErrors;
use crate::views::messages::{messages_page, MessageForm, MessagesPage, SentItem};
use crate::views::FlashKind;
use crate::web::extract::{CsrfForm, Page};
use crate::web::html::render_status;
use crate::web::pages::{field_errors, meetup_path, organiser_group, organiser_meetup, see_other};
use crate::web::{AppState, State};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(meetup_form)
        .service(meetup_submit)
        .service(group_form)
        .service(group_submit);
}

#[get("/groups/{slug}/meetups/{id}/messages")]
async fn meetup_form(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let (_, row) = organiser_meetup(&state, &mut page, &slug, &id).await?;
    let form = MessageForm {
        audience: Audience::Going.as_str().into(),
        ..Default::default()
    };
    let shown = Shown::new(&form);
    show(&state, &page, Scope::Meetup(&row), shown).await
}

#[post("/groups/{slug}/meetups/{id}/messages")]
async fn meetup_submit(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId)>,
    CsrfForm(form): CsrfForm<MessageForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let (_, row) = organiser_meetup(&state, &mut page, &slug, &id).await?;
    submit(&state, &page, Scope::Meetup(&row), &form).await
}

#[get("/groups/{slug}/messages")]
async fn group_form(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let group = organiser_group(&state, &mut page, &slug).await?;
    let form = MessageForm::default();
    show(&state, &page, Scope::Group(&group), Shown::new(&form)).await
}

#[post("/groups/{slug}/messages")]
async fn group_submit(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
    CsrfForm(form): CsrfForm<MessageForm>,
) -> Result<HttpResponse, AppError> {
    let group = organiser_group(&state, &mut page, &slug).await?;
    submit(&state, &page, Scope::Group(&group), &form).await
}

/// What the page shows of the draft.
struct Shown<'a> {
    form: &'a MessageForm,
    errors: FormErrors,
    preview: Option<usize>,
    status: StatusCode,
}

impl<'a> Shown<'a> {
    fn new(form: &'a MessageForm) -> Self {
        Shown {
            form,
            errors: FormErrors::default(),
            preview: None,
            status: StatusCode::OK,
        }
    }

    fn failed(form: &'a MessageForm, status: StatusCode, errors: FormErrors) -> Self {
        Shown {
            errors,
            status,
            ..Shown::new(form)
        }
    }
}

async fn submit(
    state: &AppState,
    page: &Page,
    scope: Scope<'_>,
    form: &MessageForm,
) -> Result<HttpResponse, AppError> {
    let user = page.require_user()?;
    let whole_group = matches!(scope, Scope::Group(_));
    let draft = Draft {
        audience: (!whole_group).then(|| form.audience.clone()),
        subject: form.subject.clone(),
        body: form.body.clone(),
    };
    // Every fault of the draft, as forms show them.
    let failed = |errors| -> Result<Shown, AppError> {
        let errors = field_errors(page, AppError::Invalid(errors), "subject")?;
        Ok(Shown::failed(
            form,
            StatusCode::UNPROCESSABLE_ENTITY,
            errors,
        ))
    };
    let shown = match form.step.as_str() {
        "preview" => match uc::check(whole_group, &draft) {
            Ok(checked) => Shown {
                preview: Some(
                    uc::recipients_count(&state.db, user, scope, checked.audience).await?,
                ),
                ..Shown::new(form)
            },
            Err(errors) => failed(errors)?,
        },
        "send" => match uc::send(&state.db, &state.settings, user, scope, &draft).await {
            Ok(message) => {
                let n = message.recipients.to_string();
                page.flash(
                    FlashKind::Ok,
                    &tf(page.lang, "messages-sent_flash", &[("n", &n)]),
                );
                return Ok(see_other(&this_path(scope)));
            }
            Err(AppError::Invalid(errors)) => failed(errors)?,
            Err(e @ AppError::RateLimited(_)) => Shown::failed(
                form,
                StatusCode::TOO_MANY_REQUESTS,
                FormErrors::one("subject", e.message(page.lang)),
            ),
            Err(e) => return Err(e),
        },
        _ => Shown::new(form),
    };
    show(state, page, scope, shown).await
}

fn this_path(scope: Scope) -> String {
    match scope {
        Scope::Meetup(row) => meetup_messages_path(&row.group.slug, &row.meetup.id),
        Scope::Group(group) => group_messages_path(&group.slug),
    }
}

async fn show(
    state: &AppState,
    page: &Page,
    scope: Scope<'_>,
    shown: Shown<'_>,
) -> Result<HttpResponse, AppError> {
    let user = page.require_user()?;
    let lang = page.lang;
    let sent = uc::sent_messages(&state.db, user, scope).await?;
    let (group, back_label, back_path, title) = match scope {
        Scope::Meetup(row) => (
            &row.group,
            row.meetup.title.as_str(),
            meetup_path(row),
            page.t("messages-write_to_participants"),
        ),
        Scope::Group(group) => (
            group,
            group.name.as_str(),
            group_path(&group.slug),
            page.t("messages-write_to_members"),
        ),
    };
    let tz = group.tz();
    let sent: Vec<SentItem> = sent
        .iter()
        .map(|m| SentItem {
            subject: m.subject.clone(),
            audience: page
                .t(&format!("messages-audience-{}", m.audience.as_str()))
                .to_string(),
            when: long_datetime(lang, to_local(m.sent_at, tz)),
            recipients: m.recipients,
        })
        .collect();
    let audiences: Vec<(&str, &str)> = match scope {
        Scope::Meetup(_) => Audience::ALL
            .iter()
            .map(|a| {
                (
                    a.as_str(),
                    page.t(&format!("messages-audience-{}", a.as_str())),
                )
            })
            .collect(),
        Scope::Group(_) => Vec::new(),
    };
    let path = this_path(scope);
    let markup = messages_page(
        &page.chrome(),
        &MessagesPage {
            back: (back_label, &back_path),
            title,
            path: &path,
            audiences: &audiences,
            form: shown.form,
            errors: &shown.errors,
            preview: shown.preview,
            sent: &sent,
        },
    );
    Ok(render_status(shown.status, markup))
}
