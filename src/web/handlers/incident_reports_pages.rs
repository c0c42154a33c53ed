//! "Report a problem": the form a member fills in to tell the organisers.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse, ResponseError};
use serde::Deserialize;

use crate::app::incident_reports as uc;
use crate::domain::ids::{MeetupId, TalkId};
use crate::domain::time::to_local;
use crate::error::AppError;
use crate::i18n::long_datetime;
use crate::urls::group_path;
use crate::urls::incident_report_path;
use crate::views::components::FormErrors;
use crate::views::conduct::{report_form, reports_page, ReportForm, ReportItem};
use crate::views::FlashKind;
use crate::web::extract::{CsrfForm, Page};
use crate::web::html::{render, render_status};
use crate::web::pages::{field_errors, meetup_for_page, meetup_path, see_other};
use crate::web::State;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(report_page)
        .service(report_submit)
        .service(reports_list);
}

#[derive(Deserialize)]
struct About {
    talk: Option<TalkId>,
}

#[derive(Deserialize, Default)]
struct ReportFields {
    #[serde(default)]
    text: String,
}

/// The form, for the group's members (sign-in first, 403 for others).
#[get("/groups/{slug}/meetups/{id}/report-problem")]
async fn report_page(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId)>,
    about: web::Query<About>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let row = meetup_for_page(&state, &mut page, &slug, &id).await?;
    let user = page.require_user()?.clone();
    let talk = about.into_inner().talk;
    let subject = state
        .db
        .run(move |conn| uc::subject(conn, &user, &row.meetup.id, talk.as_ref()))
        .await?;
    Ok(form_page(
        &page,
        &subject,
        "",
        &FormErrors::default(),
        StatusCode::OK,
    ))
}

#[post("/groups/{slug}/meetups/{id}/report-problem")]
async fn report_submit(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId)>,
    about: web::Query<About>,
    CsrfForm(form): CsrfForm<ReportFields>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let row = meetup_for_page(&state, &mut page, &slug, &id).await?;
    let user = page.require_user()?.clone();
    let talk = about.into_inner().talk;
    let settings = state.settings.clone();
    let (m, t, text, u) = (
        row.meetup.id.clone(),
        talk.clone(),
        form.text.clone(),
        user.clone(),
    );
    let sent = state
        .db
        .transaction(move |conn| uc::report(conn, &settings, &u, &m, t.as_ref(), &text))
        .await;
    match sent {
        Ok(_) => {
            page.flash(FlashKind::Ok, page.t("incident-sent"));
            Ok(see_other(&meetup_path(&row)))
        }
        Err(e) => {
            let status = e.status_code();
            let errors = match e {
                e @ AppError::RateLimited(_) => FormErrors::one("text", e.message(page.lang)),
                e => field_errors(&page, e, "text")?,
            };
            let subject = state
                .db
                .run(move |conn| uc::subject(conn, &user, &row.meetup.id, talk.as_ref()))
                .await?;
            Ok(form_page(&page, &subject, &form.text, &errors, status))
        }
    }
}

fn form_page(
    page: &Page,
    subject: &uc::ReportSubject,
    text: &str,
    errors: &FormErrors,
    status: StatusCode,
) -> HttpResponse {
    let row = &subject.row;
    let talk_id = subject.talk.as_ref().map(|(id, _)| id);
    let action = incident_report_path(&row.group.slug, &row.meetup.id, talk_id);
    let title = match &subject.talk {
        Some((_, talk)) => format!("{talk} · {}", row.meetup.title),
        None => row.meetup.title.clone(),
    };
    let back = meetup_path(row);
    let form = ReportForm {
        subject: &title,
        action: &action,
        back: &back,
        text,
    };
    render_status(status, report_form(&page.chrome(), &form, errors))
}

/// The reports members sent, for the group's organisers.
#[get("/groups/{slug}/incident-reports")]
async fn reports_list(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (viewer, slug) = (page.viewer.clone(), slug.into_inner());
    let (group, lines) = state
        .db
        .run(move |conn| uc::reports_of_group(conn, &viewer, &slug))
        .await?;
    page.use_group_locale(group.lang());
    let items: Vec<ReportItem> = lines
        .into_iter()
        .map(|r| ReportItem {
            when: long_datetime(page.lang, to_local(r.created_at, group.tz())),
            reporter: r.reporter_name,
            email: r.reporter_email,
            subject: match r.talk_title {
                Some(talk) => format!("{talk} · {}", r.meetup_title),
                None => r.meetup_title,
            },
            subject_path: crate::urls::meetup_path(&group.slug, &r.meetup_id),
            body: r.body,
        })
        .collect();
    Ok(render(reports_page(
        &page.chrome(),
        &group.name,
        &group_path(&group.slug),
        &items,
    )))
}
