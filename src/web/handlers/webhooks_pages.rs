//! The organisers' webhooks page: the list with each delivery log, the add form, delete.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use serde::Deserialize;

use crate::app::webhooks::{self as uc, WebhookForm, WebhookLog};
use crate::db::models::Group;
use crate::domain::ids::WebhookId;
use crate::domain::time::to_local;
use crate::domain::webhook::{WebhookEvent, WebhookFormat};
use crate::error::AppError;
use crate::i18n::long_datetime;
use crate::urls::group_path;
use crate::views::components::FormErrors;
use crate::views::webhooks::{webhooks_page, AttemptItem, WebhookFormView, WebhookItem};
use crate::views::FlashKind;
use crate::web::extract::{CsrfForm, Empty, Page};
use crate::web::html::render_status;
use crate::web::pages::{field_errors, organiser_submit, see_other};
use crate::web::State;
use crate::webhooks::address::clear;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(webhooks_list)
        .service(webhook_add)
        .service(webhook_delete);
}

fn items(page: &Page, group: &Group, hooks: Vec<WebhookLog>) -> Vec<WebhookItem> {
    hooks
        .into_iter()
        .map(|(hook, log)| WebhookItem {
            id: hook.id.to_string(),
            host: url::Url::parse(&hook.url)
                .ok()
                .and_then(|u| u.host_str().map(str::to_string))
                .unwrap_or_default(),
            format: hook.format,
            events: hook.event_list(),
            attempts: log
                .into_iter()
                .map(|a| AttemptItem {
                    when: long_datetime(page.lang, to_local(a.attempt.attempted_at, group.tz())),
                    event: a.event.as_str(),
                    ok: a.attempt.error.is_none(),
                    answer: match (a.attempt.status_code, a.attempt.error) {
                        (Some(code), _) => code.to_string(),
                        (None, Some(error)) => error,
                        (None, None) => String::new(),
                    },
                })
                .collect(),
        })
        .collect()
}

async fn show(
    state: &State,
    page: &mut Page,
    slug: &str,
    form: &WebhookFormView,
    errors: &FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let (viewer, slug) = (page.viewer.clone(), slug.to_string());
    let (group, hooks) = state
        .db
        .run(move |conn| uc::page(conn, &viewer, &slug))
        .await?;
    page.use_group_locale(group.lang());
    let items = items(page, &group, hooks);
    Ok(render_status(
        status,
        webhooks_page(
            &page.chrome(),
            &group_path(&group.slug),
            &group.name,
            &items,
            form,
            errors,
        ),
    ))
}

#[get("/groups/{slug}/webhooks")]
async fn webhooks_list(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let form = WebhookFormView {
        events: vec![WebhookEvent::MeetupCreated],
        ..Default::default()
    };
    show(
        &state,
        &mut page,
        &slug,
        &form,
        &FormErrors::default(),
        StatusCode::OK,
    )
    .await
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct AddForm {
    url: String,
    format: String,
    secret: String,
    token: String,
    #[serde(rename = "meetup.created")]
    meetup_created: Option<String>,
    #[serde(rename = "meetup.changed")]
    meetup_changed: Option<String>,
    #[serde(rename = "meetup.cancelled")]
    meetup_cancelled: Option<String>,
    #[serde(rename = "talk.scheduled")]
    talk_scheduled: Option<String>,
    #[serde(rename = "report.published")]
    report_published: Option<String>,
    #[serde(rename = "poll.opened")]
    poll_opened: Option<String>,
}

impl AddForm {
    fn events(&self) -> Vec<WebhookEvent> {
        [
            (&self.meetup_created, WebhookEvent::MeetupCreated),
            (&self.meetup_changed, WebhookEvent::MeetupChanged),
            (&self.meetup_cancelled, WebhookEvent::MeetupCancelled),
            (&self.talk_scheduled, WebhookEvent::TalkScheduled),
            (&self.report_published, WebhookEvent::ReportPublished),
            (&self.poll_opened, WebhookEvent::PollOpened),
        ]
        .into_iter()
        .filter(|(ticked, _)| ticked.is_some())
        .map(|(_, e)| e)
        .collect()
    }
}

#[post("/groups/{slug}/webhooks")]
async fn webhook_add(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
    CsrfForm(form): CsrfForm<AddForm>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let refusal = clear(&state.settings, &form.url).await.err();
    let events = form.events();
    let input = WebhookForm {
        url: form.url.clone(),
        format: form.format.clone(),
        events: events.iter().map(|e| e.as_str().to_string()).collect(),
        secret: Some(form.secret.clone()),
        token: Some(form.token.clone()),
    };
    let allow = state.settings.webhook_allow_private;
    let (group, result) = organiser_submit(&state, &mut page, &slug, move |conn, group, user| {
        uc::create(conn, user, &group.slug, &input, refusal, allow)
    })
    .await?;
    match result {
        Ok((_, hook)) => {
            let text = if hook.format == WebhookFormat::Generic && form.secret.trim().is_empty() {
                crate::i18n::tf(
                    page.lang,
                    "webhooks-added_secret",
                    &[("secret", &hook.secret.as_str())],
                )
            } else {
                page.t("webhooks-added").to_string()
            };
            page.flash(FlashKind::Ok, &text);
            Ok(see_other(&format!("{}/webhooks", group_path(&group.slug))))
        }
        Err(e) => {
            let errors = field_errors(&page, e, "url")?;
            let view = WebhookFormView {
                url: form.url.clone(),
                format: form.format.clone(),
                events,
            };
            show(
                &state,
                &mut page,
                &slug,
                &view,
                &errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

#[post("/groups/{slug}/webhooks/{id}/delete")]
async fn webhook_delete(
    state: State,
    mut page: Page,
    path: web::Path<(String, WebhookId)>,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let (group, result) = organiser_submit(&state, &mut page, &slug, move |conn, group, user| {
        uc::delete(conn, user, &group.slug, &id)
    })
    .await?;
    result?;
    page.flash(FlashKind::Ok, page.t("webhooks-deleted"));
    Ok(see_other(&format!("{}/webhooks", group_path(&group.slug))))
}
