//! The organisers' page of a meetup's RSVP questions and host link, and what a host link shows.

use actix_web::http::{header, StatusCode};
use actix_web::{get, post, web, HttpResponse};
use serde::Deserialize;

use crate::app::questions as uc;
use crate::domain::ids::MeetupId;
use crate::domain::question::QuestionInput;
use crate::error::AppError;
use crate::views::components::FormErrors;
use crate::views::questions::{
    host_csv, host_page, questions_page, HostView, QuestionRow, QuestionsPage,
};
use crate::views::FlashKind;
use crate::web::extract::{CsrfForm, Page};
use crate::web::html::{render, render_status};
use crate::web::pages::{
    field_errors, meetup_path, organiser_meetup, organiser_meetup_submit, see_other,
};
use crate::web::panels::when_text;
use crate::web::State;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(host_list)
        .service(questions_form)
        .service(questions_submit)
        .service(host_link_submit);
}

#[derive(Deserialize)]
struct FormatQuery {
    format: Option<String>,
}

/// What a host link shows: who is going and their shared answers, as a page or (`.csv`,
/// `?format=csv`) a spreadsheet. 404 once revoked or expired.
#[get("/host/{token}")]
async fn host_list(
    state: State,
    mut page: Page,
    token: web::Path<String>,
    query: web::Query<FormatQuery>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let (token, csv) = match token.strip_suffix(".csv") {
        Some(t) => (t.to_string(), true),
        None => (token, query.format.as_deref() == Some("csv")),
    };
    let t = token.clone();
    let sheet = state.db.run(move |conn| uc::host_sheet(conn, &t)).await?;
    page.use_group_locale(sheet.row.group.lang());
    let when = when_text(&sheet.row, page.lang);
    let place = sheet.row.venue.as_ref().map(|v| v.name.clone());
    let csv_path = format!("{}.csv", uc::host_link_path(&token));
    let view = HostView {
        meetup_title: &sheet.row.meetup.title,
        when: &when,
        place: place.as_deref(),
        questions: &sheet.questions,
        people: &sheet.people,
        csv_path: &csv_path,
    };
    let response = if csv {
        HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header((
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"host-{}.csv\"", sheet.row.meetup.id),
            ))
            .body(host_csv(page.lang, &view))
    } else {
        render(host_page(&page.chrome(), &view))
    };
    let mut response = response;
    let headers = response.headers_mut();
    headers.insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    headers.insert(
        header::HeaderName::from_static("x-robots-tag"),
        header::HeaderValue::from_static("noindex"),
    );
    Ok(response)
}

fn questions_path(slug: &str, id: &MeetupId) -> String {
    format!("{}/questions", crate::urls::meetup_path(slug, id))
}

fn host_link_action(slug: &str, id: &MeetupId) -> String {
    format!("{}/host-link", crate::urls::meetup_path(slug, id))
}

/// Three blank rows after the questions asked, to add some.
fn with_blanks(mut rows: Vec<QuestionRow>) -> Vec<QuestionRow> {
    let blanks = 3.min(crate::domain::question::MAX_QUESTIONS.saturating_sub(rows.len()));
    rows.extend(std::iter::repeat_n(
        QuestionRow {
            kind: "text".into(),
            ..QuestionRow::default()
        },
        blanks,
    ));
    rows
}

async fn show(
    state: &State,
    page: &mut Page,
    slug: &str,
    id: &MeetupId,
    rows: Option<Vec<QuestionRow>>,
    errors: &FormErrors,
    new_link: Option<&str>,
) -> Result<HttpResponse, AppError> {
    let (_, row) = organiser_meetup(state, page, slug, id).await?;
    let rows = match rows {
        Some(rows) => rows,
        None => {
            let m = id.clone();
            let questions = state
                .db
                .run(move |conn| uc::meetup_questions(conn, &m))
                .await?;
            with_blanks(questions.iter().map(QuestionRow::from).collect())
        }
    };
    let (path, action, link_action) = (
        meetup_path(&row),
        questions_path(slug, id),
        host_link_action(slug, id),
    );
    let view = QuestionsPage {
        meetup_title: &row.meetup.title,
        meetup_path: &path,
        action: &action,
        rows: &rows,
        host_link_action: &link_action,
        new_host_link: new_link,
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render_status(
        status,
        questions_page(&page.chrome(), &view, errors),
    ))
}

#[get("/groups/{slug}/meetups/{id}/questions")]
async fn questions_form(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    show(
        &state,
        &mut page,
        &slug,
        &id,
        None,
        &FormErrors::default(),
        None,
    )
    .await
}

/// The rows of the form (`label.0`, `kind.0`… one index a question), in order.
fn rows_of(form: &[(String, String)]) -> Vec<QuestionRow> {
    let mut rows: Vec<QuestionRow> = Vec::new();
    for (name, value) in form {
        let Some((field, index)) = name.split_once('.') else {
            continue;
        };
        let Ok(i) = index.parse::<usize>() else {
            continue;
        };
        if i >= crate::domain::question::MAX_QUESTIONS + 3 {
            continue;
        }
        if rows.len() <= i {
            rows.resize_with(i + 1, QuestionRow::default);
        }
        let r = &mut rows[i];
        match field {
            "id" => r.id = value.clone(),
            "label" => r.label = value.clone(),
            "kind" => r.kind = value.clone(),
            "options" => r.options = value.clone(),
            "required" => r.required = true,
            "share" => r.share_with_host = true,
            _ => {}
        }
    }
    rows
}

#[post("/groups/{slug}/meetups/{id}/questions")]
async fn questions_submit(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId)>,
    CsrfForm(form): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let rows = rows_of(&form);
    // A row without a label asks nothing: blank rows are left out, and emptying a label
    // removes its question.
    let input: Vec<QuestionInput> = rows
        .iter()
        .filter(|r| !r.label.trim().is_empty())
        .map(|r| QuestionInput {
            id: (!r.id.is_empty()).then(|| r.id.clone()),
            label: r.label.clone(),
            kind: r.kind.clone(),
            options: r
                .options
                .lines()
                .map(str::trim)
                .filter(|o| !o.is_empty())
                .map(String::from)
                .collect(),
            required: r.required,
            share_with_host: r.share_with_host,
        })
        .collect();
    let (_, row, result) =
        organiser_meetup_submit(&state, &mut page, &slug, &id, move |conn, row, user| {
            uc::set_meetup_questions(conn, user, &row.meetup.id, input)
        })
        .await?;
    match result {
        // Back to the questions as saved, where the host link is made next.
        Ok(_) => {
            page.flash(FlashKind::Ok, page.t("questions-saved"));
            Ok(see_other(&format!("{}/questions", meetup_path(&row))))
        }
        Err(e) => {
            let errors = field_errors(&page, e, "questions")?;
            show(&state, &mut page, &slug, &id, Some(rows), &errors, None).await
        }
    }
}

#[derive(Deserialize)]
struct HostLinkForm {
    #[serde(default)]
    action: String,
}

/// Makes (shown once, on the page answered) or revokes the meetup's host link.
#[post("/groups/{slug}/meetups/{id}/host-link")]
async fn host_link_submit(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId)>,
    CsrfForm(form): CsrfForm<HostLinkForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let settings = state.settings.clone();
    let revoke = form.action == "revoke";
    let (_, _, result) =
        organiser_meetup_submit(&state, &mut page, &slug, &id, move |conn, row, user| {
            if revoke {
                uc::revoke_host_link(conn, user, &row.meetup.id).map(|()| None)
            } else {
                uc::create_host_link(conn, &settings, user, &row.meetup.id).map(|l| Some(l.url))
            }
        })
        .await?;
    let no_errors = FormErrors::default();
    match result {
        Ok(Some(url)) => show(&state, &mut page, &slug, &id, None, &no_errors, Some(&url)).await,
        Ok(None) => {
            page.flash(FlashKind::Ok, page.t("questions-host_link_revoked"));
            Ok(see_other(&format!(
                "{}#host-link",
                questions_path(&slug, &id)
            )))
        }
        Err(e @ (AppError::NotFound | AppError::Conflict(..))) => {
            page.flash(FlashKind::Bad, &e.message(page.lang));
            Ok(see_other(&format!(
                "{}#host-link",
                questions_path(&slug, &id)
            )))
        }
        Err(e) => Err(e),
    }
}
