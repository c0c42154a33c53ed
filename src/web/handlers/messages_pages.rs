//! "Write to participants" and "Write to members": a form, a preview with the number of
//! recipients, then the message sent through the same use case as the API.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};

use crate::app::access::Viewer;
use crate::app::messages::{self as uc, Draft, Scope};
use crate::db::models::GroupMessage;
use crate::db::DbConn;
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
use crate::web::pages::{field_errors, meetup_path, see_other};
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
    let form = MessageForm {
        audience: Audience::Going.as_str().into(),
        ..Default::default()
    };
    let read = read(&state, &mut page, slug, Some(id), None).await?;
    show(&page, read, Shown::new(&form))
}

#[post("/groups/{slug}/meetups/{id}/messages")]
async fn meetup_submit(
    state: State,
    page: Page,
    path: web::Path<(String, MeetupId)>,
    CsrfForm(form): CsrfForm<MessageForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    submit(&state, page, slug, Some(id), &form).await
}

#[get("/groups/{slug}/messages")]
async fn group_form(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let form = MessageForm::default();
    let read = read(&state, &mut page, slug.into_inner(), None, None).await?;
    show(&page, read, Shown::new(&form))
}

#[post("/groups/{slug}/messages")]
async fn group_submit(
    state: State,
    page: Page,
    slug: web::Path<String>,
    CsrfForm(form): CsrfForm<MessageForm>,
) -> Result<HttpResponse, AppError> {
    submit(&state, page, slug.into_inner(), None, &form).await
}

/// What the page reads: its group or meetup, the messages sent so far and, for a preview, how
/// many members a draft would reach.
struct Read {
    scope: Scope,
    sent: Vec<GroupMessage>,
    preview: Option<usize>,
}

/// The page's read, in the order of answers of organiser pages (404, sign-in or 403, 404 for a
/// meetup not in the group).
fn page_read(
    conn: &mut DbConn,
    viewer: &Viewer,
    slug: &str,
    meetup: Option<&MeetupId>,
    preview: Option<Audience>,
) -> Result<Read, AppError> {
    let scope = Scope::organised(conn, viewer, slug, meetup)?;
    let user = &viewer.require_user()?.id;
    let preview = match preview {
        Some(audience) => Some(uc::recipients_count(conn, user, &scope, audience)?),
        None => None,
    };
    let sent = uc::sent_messages(conn, user, &scope)?;
    Ok(Read {
        scope,
        sent,
        preview,
    })
}

/// The page's read in one checkout, with the page in the group's language.
async fn read(
    state: &AppState,
    page: &mut Page,
    slug: String,
    meetup: Option<MeetupId>,
    preview: Option<Audience>,
) -> Result<Read, AppError> {
    let viewer = page.viewer.clone();
    let read = state
        .db
        .run(move |conn| page_read(conn, &viewer, &slug, meetup.as_ref(), preview))
        .await?;
    page.use_group_locale(read.scope.group().lang());
    Ok(read)
}

/// Sends the draft, in the same checkout as the page's read: the page is shown again, in the
/// group's language, when the message is refused.
async fn send(
    state: &AppState,
    page: &mut Page,
    slug: String,
    meetup: Option<MeetupId>,
    draft: Draft,
) -> Result<(Read, Result<GroupMessage, AppError>), AppError> {
    let (viewer, settings) = (page.viewer.clone(), state.settings.clone());
    let author = page.require_user()?.clone();
    let read = move |conn: &mut DbConn| page_read(conn, &viewer, &slug, meetup.as_ref(), None);
    let send = move |conn: &mut DbConn, read: &Read| {
        uc::send(conn, &settings, &author, &read.scope.about(), &draft)
    };
    let (read, sent) = state.db.read_then_transaction(read, send).await?;
    page.use_group_locale(read.scope.group().lang());
    Ok((read, sent))
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
    mut page: Page,
    slug: String,
    meetup: Option<MeetupId>,
    form: &MessageForm,
) -> Result<HttpResponse, AppError> {
    let whole_group = meetup.is_none();
    let draft = Draft {
        audience: (!whole_group).then(|| form.audience.clone()),
        subject: form.subject.clone(),
        body: form.body.clone(),
        no_replies: form.no_replies.is_some(),
    };
    let checked = uc::check(whole_group, &draft);
    let preview = match (form.step.as_str(), &checked) {
        ("preview", Ok(checked)) => Some(checked.audience),
        _ => None,
    };
    let (read, sent) = if form.step == "send" {
        let (read, sent) = send(state, &mut page, slug, meetup, draft).await?;
        (read, Some(sent))
    } else {
        (read(state, &mut page, slug, meetup, preview).await?, None)
    };
    // Every fault of the draft, as forms show them.
    let failed = |errors| -> Result<Shown, AppError> {
        let errors = field_errors(&page, AppError::Invalid(errors), "subject")?;
        Ok(Shown::failed(
            form,
            StatusCode::UNPROCESSABLE_ENTITY,
            errors,
        ))
    };
    let shown = match (form.step.as_str(), sent) {
        ("preview", _) => match checked {
            Ok(_) => Shown {
                preview: read.preview,
                ..Shown::new(form)
            },
            Err(errors) => failed(errors)?,
        },
        (_, Some(Ok(message))) => {
            let n = message.recipients.to_string();
            page.flash(
                FlashKind::Ok,
                &tf(page.lang, "messages-sent_flash", &[("n", &n)]),
            );
            return Ok(see_other(&this_path(&read.scope)));
        }
        (_, Some(Err(AppError::Invalid(errors)))) => failed(errors)?,
        (_, Some(Err(e @ AppError::RateLimited(_)))) => Shown::failed(
            form,
            StatusCode::TOO_MANY_REQUESTS,
            FormErrors::one("subject", e.message(page.lang)),
        ),
        (_, Some(Err(e))) => return Err(e),
        (_, None) => Shown::new(form),
    };
    show(&page, read, shown)
}

fn this_path(scope: &Scope) -> String {
    match scope {
        Scope::Meetup(row) => meetup_messages_path(&row.group.slug, &row.meetup.id),
        Scope::Group(group) => group_messages_path(&group.slug),
    }
}

fn show(page: &Page, read: Read, shown: Shown<'_>) -> Result<HttpResponse, AppError> {
    let Read { scope, sent, .. } = read;
    let lang = page.lang;
    let (group, back_label, back_path, title) = match &scope {
        Scope::Meetup(row) => (
            &row.group,
            row.meetup.title.as_str(),
            meetup_path(row),
            page.t("messages-write_to_participants"),
        ),
        Scope::Group(group) => (
            &**group,
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
    let audiences: Vec<(&str, &str)> = match &scope {
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
    let path = this_path(&scope);
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
