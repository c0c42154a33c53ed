//! Report pages, the Pelican export and the Atom feed, and the organisers' editor.

use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use futures_util::StreamExt;

use crate::app::freshness;
use crate::app::reports as uc;
use crate::config::{UPLOAD_MAX_FILES, UPLOAD_MAX_FILE_BYTES};
use crate::db::repo::meetups::MeetupRow;
use crate::db::DbConn;
use crate::domain::ids::{MeetupId, UserId};
use crate::domain::time::to_local;
use crate::error::AppError;
use crate::i18n::colon;
use crate::i18n::long_datetime;
use crate::reports::publish::{atom, pelican_doc};
use crate::reports::{pelican, render_markdown};
use crate::urls::{
    card_image_url, group_path, report_markdown_path, report_path, report_url, reports_feed_url,
};
use crate::views::components::FormErrors;
use crate::views::reports::{
    editor_page, import_page, report_page, ImportResult, ReportForm, ReportPage,
};
use crate::views::FlashKind;
use crate::web::cache::{cached, html_page};
use crate::web::extract::{verify_csrf, CsrfForm, Page};
use crate::web::html::{render, render_status};
use crate::web::pages::{
    field_errors, meetup_path, organiser_group, organiser_meetup, organiser_meetup_submit,
    see_other,
};
use crate::web::{AppState, State};

pub fn configure(cfg: &mut web::ServiceConfig) {
    // The `.md` export before the page, or the page would take `x.md` for a slug.
    // `/reports/import` before `/reports/{slug}`, which would take it for a report.
    cfg.service(import_form)
        .service(import_submit)
        .service(export_markdown)
        .service(report_feed)
        .service(show_report)
        .service(editor)
        .service(save);
}

#[get("/groups/{slug}/reports/{report}.md")]
async fn export_markdown(
    state: State,
    page: Page,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, report_slug) = path.into_inner();
    let viewer = page.viewer;
    let (group, report, meetup) = state
        .db
        .run(move |conn| uc::article(conn, &viewer, &slug, &report_slug))
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/markdown; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            format!("inline; filename=\"{}.md\"", report.slug),
        ))
        .body(pelican::export(&pelican_doc(&report, &meetup, &group))))
}

#[get("/groups/{slug}/reports.atom")]
async fn report_feed(state: State, slug: web::Path<String>) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let stamp = freshness::reports_feed(slug.clone());
    let key = format!("reports-feed:{slug}");
    let body = async {
        let (group, list) = state.db.run(move |conn| uc::feed(conn, &slug)).await?;
        Ok(atom(&state.settings, &group, &list))
    };
    let feed = cached(&state, key, stamp, body).await?;
    Ok(HttpResponse::Ok()
        .content_type("application/atom+xml; charset=utf-8")
        .body(feed.body))
}

#[get("/groups/{slug}/reports/{report}")]
async fn show_report(
    state: State,
    mut page: Page,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, report_slug) = path.into_inner();
    // A long report is costly to render: anonymous readers share one rendering while neither
    // the report nor what it shows of its meetup changes.
    let key = page.shared_key("report-page");
    let stamp = freshness::report_page(slug.clone(), report_slug.clone());
    let body = render_report(&state, &mut page, &slug, &report_slug);
    html_page(&state, key, stamp, body).await
}

async fn render_report(
    state: &AppState,
    page: &mut Page,
    slug: &str,
    report_slug: &str,
) -> Result<String, AppError> {
    let (viewer, slug, report_slug) = (
        page.viewer.clone(),
        slug.to_string(),
        report_slug.to_string(),
    );
    let uc::ReportPage {
        group,
        report,
        context,
    } = state
        .db
        .run(move |conn| uc::report_page(conn, &viewer, &slug, &report_slug))
        .await?;
    page.use_group_locale(group.lang());
    let row = &context.meetup;
    let tz = group.tz();
    let view = ReportPage {
        title: &report.title,
        group_name: &group.name,
        group_path: group_path(&group.slug),
        meetup_path: meetup_path(row),
        when: long_datetime(page.lang, to_local(row.meetup.starts_at, tz)),
        place: row
            .venue
            .as_ref()
            .map(|v| format!("{}, {}", v.name, v.address)),
        attendees: context.attendees.clone(),
        body_html: render_markdown(&report.body_markdown),
        published: report.published,
        export_path: report_markdown_path(&group.slug, &report.slug),
        url: report_url(&state.settings.base_url, &group.slug, &report.slug),
        card_image: card_image_url(&state.settings.base_url),
        atom_url: reports_feed_url(&state.settings.base_url, &group.slug),
    };
    Ok(report_page(&page.chrome(), &view).into_string())
}

#[get("/groups/{slug}/meetups/{id}/report")]
async fn editor(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let viewer = page.viewer.clone();
    let (row, start) = state
        .db
        .run(move |conn| uc::editor(conn, &viewer, &slug, &id))
        .await?;
    page.use_group_locale(row.group.lang());
    let form = match start {
        uc::EditorStart::Report(r) => ReportForm {
            title: r.title,
            body_markdown: r.body_markdown,
            published: r.published.then(|| "on".into()),
            preview: None,
        },
        // No report yet: the editor starts from the one the meetup writes itself.
        uc::EditorStart::Draft(draft) => ReportForm {
            title: row.meetup.title.clone(),
            body_markdown: draft.markdown,
            ..Default::default()
        },
    };
    let action = format!("{}/report", meetup_path(&row));
    Ok(render(editor_page(
        &page.chrome(),
        (&row.meetup.title, &meetup_path(&row)),
        &action,
        &form,
        &FormErrors::default(),
        None,
    )))
}

#[post("/groups/{slug}/meetups/{id}/report")]
async fn save(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId)>,
    CsrfForm(form): CsrfForm<ReportForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    if form.preview.is_some() {
        let (_, row) = organiser_meetup(&state, &mut page, &slug, &id).await?;
        let action = format!("{}/report", meetup_path(&row));
        let html = render_markdown(&form.body_markdown);
        return Ok(render(editor_page(
            &page.chrome(),
            (&row.meetup.title, &meetup_path(&row)),
            &action,
            &form,
            &FormErrors::default(),
            Some(&html),
        )));
    }
    let published = form.published.is_some();
    let (title, body) = (form.title.clone(), form.body_markdown.clone());
    let settings = state.settings.clone();
    let write = move |conn: &mut DbConn, row: &MeetupRow, user: &UserId| {
        let meetup = &row.meetup.id;
        uc::write_report(
            conn,
            &settings,
            user,
            meetup,
            Some(&title),
            &body,
            published,
        )
    };
    let (group, row, result) =
        organiser_meetup_submit(&state, &mut page, &slug, &id, write).await?;
    let action = format!("{}/report", meetup_path(&row));
    match result {
        Ok((report, _)) => {
            page.flash(FlashKind::Ok, page.t("reports-saved"));
            Ok(see_other(&report_path(&group.slug, &report.slug)))
        }
        Err(e) => {
            let errors = field_errors(&page, e, "title")?;
            Ok(render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                editor_page(
                    &page.chrome(),
                    (&row.meetup.title, &meetup_path(&row)),
                    &action,
                    &form,
                    &errors,
                    None,
                ),
            ))
        }
    }
}

#[get("/groups/{slug}/reports/import")]
async fn import_form(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let group = organiser_group(&state, &mut page, &slug).await?;
    let path = group_path(&group.slug);
    Ok(render(import_page(
        &page.chrome(),
        &group.name,
        &path,
        &[],
        &FormErrors::default(),
    )))
}

/// Each uploaded file goes through the same import as the API and `import-pelican`; one
/// broken file does not stop the others.
#[post("/groups/{slug}/reports/import")]
async fn import_submit(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
    mut upload: Multipart,
) -> Result<HttpResponse, AppError> {
    let group = organiser_group(&state, &mut page, &slug).await?;
    let user = page.require_user()?.id.clone();
    let (token, files) = read_upload(&mut upload).await?;
    verify_csrf(&page.session, token.as_deref().unwrap_or_default())?;
    let path = group_path(&group.slug);
    if files.is_empty() {
        let errors = FormErrors::one("files", page.t("import-no_file").to_string());
        let markup = import_page(&page.chrome(), &group.name, &path, &[], &errors);
        return Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, markup));
    }
    let mut results = Vec::new();
    for (file, bytes) in files {
        let (user, slug, file_bytes) = (user.clone(), group.slug.clone(), bytes.clone());
        let settings = state.settings.clone();
        let imported = state
            .db
            .transaction(move |conn| {
                uc::import_article_as(conn, &settings, &user, &slug, &file_bytes)
            })
            .await;
        let outcome = match imported {
            Ok((report, _)) => Ok((report.title, report_path(&group.slug, &report.slug))),
            Err(AppError::Validation(e)) => {
                // The parser says where: the line and the field at fault.
                let detail = pelican::parse(&bytes)
                    .err()
                    .map_or_else(|| page.t(e.key).to_string(), |p| p.message);
                Err(format!("{}{}{detail}", e.field, colon(page.lang)))
            }
            Err(e @ AppError::Conflict(..)) => Err(e.message(page.lang)),
            Err(e) => return Err(e),
        };
        results.push(ImportResult { file, outcome });
    }
    let markup = import_page(
        &page.chrome(),
        &group.name,
        &path,
        &results,
        &FormErrors::default(),
    );
    Ok(render(markup))
}

/// The form's token and its files, as (name, bytes).
async fn read_upload(
    upload: &mut Multipart,
) -> Result<(Option<String>, Vec<(String, Vec<u8>)>), AppError> {
    let malformed = || AppError::InvalidForm("malformed upload".into());
    let (mut token, mut files) = (None, Vec::new());
    while let Some(field) = upload.next().await {
        let mut field = field.map_err(|_| malformed())?;
        let name = field.name().unwrap_or_default().to_string();
        let file = field
            .content_disposition()
            .and_then(|d| d.get_filename())
            .filter(|f| !f.is_empty())
            .map(str::to_string);
        let bytes = field
            .bytes(UPLOAD_MAX_FILE_BYTES)
            .await
            .map_err(|_| AppError::PayloadTooLarge)?
            .map_err(|_| malformed())?;
        match (name.as_str(), file) {
            ("csrf_token", _) => token = Some(String::from_utf8_lossy(&bytes).into_owned()),
            ("files", Some(file)) if files.len() < UPLOAD_MAX_FILES => {
                files.push((file, bytes.to_vec()))
            }
            ("files", Some(_)) => return Err(AppError::PayloadTooLarge),
            _ => {}
        }
    }
    Ok((token, files))
}
