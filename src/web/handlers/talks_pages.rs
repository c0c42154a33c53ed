//! Talk proposals, the organisers' review screen and venue suggestions, as HTML pages.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use serde::Deserialize;

use crate::app;
use crate::app::access::Viewer;
use crate::app::groups::group_at;
use crate::app::talks::{self as uc, MeetupTalks, TalkView};
use crate::app::venue_suggestions as vs;
use crate::db::models::{Group, User};
use crate::db::repo::meetups::MeetupRow;
use crate::db::DbConn;
use crate::domain::ids::{MeetupId, SuggestionId, TalkId};
use crate::domain::talk::{TalkAction, Verdict};
use crate::domain::venue_suggestion::SuggestionInput;
use crate::error::AppError;
use crate::urls::group_suggestions_path;
use crate::views::components::FormErrors;
use crate::views::talks::{self as view, SuggestionForm, TalkForm, TalkItem};
use crate::views::FlashKind;
use crate::web::extract::{CsrfForm, Page};
use crate::web::html::{render, render_status};
use crate::web::pages::{
    field_errors, flash_conflict, flash_outcome, group_for_page, meetup_for_page, meetup_path,
    record_submit, see_other, signed_in_submit, talk_input, upcoming_meetups,
};
use crate::web::panels::talk_item;
use crate::web::{AppState, State};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(propose_form)
        .service(propose_submit)
        .service(edit_form)
        .service(edit_submit)
        .service(review)
        .service(talk_action)
        .service(suggest_form)
        .service(suggest_submit)
        .service(vote_submit)
        .service(decide_submit);
}

#[get("/groups/{slug}/meetups/{id}/talks/new")]
async fn propose_form(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let row = meetup_for_page(&state, &mut page, &slug, &id).await?;
    page.require_user()?;
    let form = TalkForm {
        duration_minutes: "20".into(),
        ..Default::default()
    };
    Ok(render(view::propose_page(
        &page.chrome(),
        &row.meetup.title,
        &meetup_path(&row),
        None,
        &form,
        &FormErrors::default(),
    )))
}

#[post("/groups/{slug}/meetups/{id}/talks/new")]
async fn propose_submit(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId)>,
    CsrfForm(form): CsrfForm<TalkForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let (settings, input) = (state.settings.clone(), talk_input(&form));
    let (row, result) = signed_in_submit(
        &state,
        &page,
        move |conn, _| app::meetups::meetup_at(conn, &slug, &id),
        move |conn, row, user| uc::propose_talk(conn, &settings, user, &row.meetup.id, &input?),
    )
    .await?;
    page.use_group_locale(row.group.lang());
    let done = result.map(|_| page.t("talks-proposed_flash"));
    talk_submitted(&page, &row, None, &form, done)
}

/// The meetup's talks as the viewer sees them, in one checkout, with the page in the group's
/// language (404 when the meetup is not the group's).
async fn talks_for_page(
    state: &AppState,
    page: &mut Page,
    slug: String,
    id: MeetupId,
) -> Result<MeetupTalks, AppError> {
    let viewer = page.viewer.clone();
    let talks = state
        .db
        .run(move |conn| uc::talks_at(conn, &viewer, &slug, &id))
        .await?;
    page.use_group_locale(talks.meetup.group.lang());
    Ok(talks)
}

/// The proposer's own talk in this meetup, still open to changes.
fn own_talk(viewer: &Viewer, talks: &MeetupTalks, talk_id: &TalkId) -> Result<TalkView, AppError> {
    viewer.require_user()?;
    let talk = talks.talk(talk_id).ok_or(AppError::NotFound)?;
    if !talk.can.edit {
        return Err(AppError::Forbidden);
    }
    Ok(talk.clone())
}

#[get("/groups/{slug}/meetups/{id}/talks/{talk_id}/edit")]
async fn edit_form(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId, TalkId)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id, talk_id) = path.into_inner();
    let talks = talks_for_page(&state, &mut page, slug, id).await?;
    let talk = own_talk(&page.viewer, &talks, &talk_id)?;
    let row = talks.meetup;
    let form = TalkForm {
        title: talk.title,
        abstract_text: talk.abstract_text,
        duration_minutes: talk.duration_minutes.to_string(),
        speaker_name: talk.speaker_name.unwrap_or_default(),
    };
    Ok(render(view::propose_page(
        &page.chrome(),
        &row.meetup.title,
        &meetup_path(&row),
        Some(&talk_id),
        &form,
        &FormErrors::default(),
    )))
}

#[post("/groups/{slug}/meetups/{id}/talks/{talk_id}/edit")]
async fn edit_submit(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId, TalkId)>,
    CsrfForm(form): CsrfForm<TalkForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, id, talk_id) = path.into_inner();
    let (settings, input) = (state.settings.clone(), talk_input(&form));
    let t = talk_id.clone();
    let read = move |conn: &mut DbConn, viewer: &Viewer| {
        let talks = uc::talks_at(conn, viewer, &slug, &id)?;
        own_talk(viewer, &talks, &t)?;
        Ok(talks.meetup)
    };
    let t = talk_id.clone();
    let (row, result) = signed_in_submit(&state, &page, read, move |conn, _, user| {
        uc::act(conn, &settings, user, &t, vec![TalkAction::Edit(input?)])
    })
    .await?;
    page.use_group_locale(row.group.lang());
    let done = result.map(|_| page.t("talks-edited_flash"));
    talk_submitted(&page, &row, Some(&talk_id), &form, done)
}

/// After a talk's form: back to the programme, or the form again with its errors.
fn talk_submitted(
    page: &Page,
    row: &MeetupRow,
    talk_id: Option<&TalkId>,
    form: &TalkForm,
    done: Result<&str, AppError>,
) -> Result<HttpResponse, AppError> {
    match done {
        Ok(done) => {
            page.flash(FlashKind::Ok, done);
            Ok(see_other(&format!("{}#programme", meetup_path(row))))
        }
        Err(e) => {
            // The form names the abstract field `abstract`, like the API.
            let errors = field_errors(page, e, "title")?.renamed("abstract_text", "abstract");
            Ok(render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                view::propose_page(
                    &page.chrome(),
                    &row.meetup.title,
                    &meetup_path(row),
                    talk_id,
                    form,
                    &errors,
                ),
            ))
        }
    }
}

#[get("/groups/{slug}/meetups/{id}/talks/review")]
async fn review(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let viewer = page.viewer.clone();
    let talks = state
        .db
        .run(move |conn| uc::review(conn, &viewer, &slug, &id))
        .await?;
    let row = &talks.meetup;
    page.use_group_locale(row.group.lang());
    let items: Vec<TalkItem> = talks
        .talks
        .iter()
        .map(|t| talk_item(page.lang, t, row))
        .collect();
    Ok(render(view::review_page(
        &page.chrome(),
        &row.meetup.title,
        &meetup_path(row),
        &items,
    )))
}

#[derive(Deserialize)]
struct ActionForm {
    #[serde(default)]
    talk_id: TalkId,
    #[serde(default)]
    action: String,
    position: Option<i64>,
}

#[post("/groups/{slug}/meetups/{id}/talks/action")]
async fn talk_action(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId)>,
    CsrfForm(form): CsrfForm<ActionForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let action = match form.action.as_str() {
        "accept" => Ok(TalkAction::Decide {
            verdict: Verdict::Accept,
            position: None,
        }),
        "reject" => Ok(TalkAction::Decide {
            verdict: Verdict::Reject,
            position: None,
        }),
        "reopen" => Ok(TalkAction::Reopen),
        "move" => Ok(TalkAction::Move {
            position: form.position.unwrap_or(1),
        }),
        "withdraw" => Ok(TalkAction::Withdraw),
        _ => Err(AppError::validation("action", "error-talk_status_invalid")),
    };
    let flash = if matches!(action, Ok(TalkAction::Withdraw)) {
        "talks-withdrawn_flash"
    } else {
        "talks-decided_flash"
    };
    let (settings, talk_id) = (state.settings.clone(), form.talk_id.clone());
    // 404 for no such meetup, sign-in, a bad action, then 404 for a talk of another meetup.
    let read = move |conn: &mut DbConn, viewer: &Viewer| {
        let talks = uc::talks_at(conn, viewer, &slug, &id)?;
        viewer.require_user()?;
        let action = action?;
        if talks.talk(&talk_id).is_none() {
            return Err(AppError::NotFound);
        }
        Ok((talks.meetup, talks.organiser, talk_id, action))
    };
    type Read = (MeetupRow, bool, TalkId, TalkAction);
    let work = move |conn: &mut DbConn, (_, _, talk, action): &Read, user: &User| {
        uc::act(conn, &settings, user, talk, vec![action.clone()])
    };
    let ((row, organiser, ..), result) = signed_in_submit(&state, &page, read, work).await?;
    page.use_group_locale(row.group.lang());
    flash_outcome(&page, result, page.t(flash))?;
    let back = if organiser {
        format!("{}/talks/review", meetup_path(&row))
    } else {
        format!("{}#programme", meetup_path(&row))
    };
    Ok(see_other(&back))
}

async fn upcoming_titles(
    state: &AppState,
    page: &Page,
    group: &Group,
) -> Result<Vec<(String, String)>, AppError> {
    let upcoming = upcoming_meetups(state, page.lang, group).await?;
    Ok(upcoming
        .into_iter()
        .map(|(id, title)| (id.into(), title))
        .collect())
}

#[get("/groups/{slug}/venue-suggestions/new")]
async fn suggest_form(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let group = group_for_page(&state, &mut page, &slug).await?;
    page.require_user()?;
    let meetups = upcoming_titles(&state, &page, &group).await?;
    Ok(render(view::suggest_page(
        &page.chrome(),
        &group.slug,
        &meetups,
        &SuggestionForm::default(),
        &FormErrors::default(),
    )))
}

#[post("/groups/{slug}/venue-suggestions/new")]
async fn suggest_submit(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
    CsrfForm(form): CsrfForm<SuggestionForm>,
) -> Result<HttpResponse, AppError> {
    let optional = |s: &str| Some(s.trim().to_string()).filter(|v| !v.is_empty());
    let input = SuggestionInput {
        name: form.name.clone(),
        address: form.address.clone(),
        url: optional(&form.url),
        note: optional(&form.note),
        meetup_id: optional(&form.meetup_id),
    };
    let (settings, slug) = (state.settings.clone(), slug.into_inner());
    let (group, result) = signed_in_submit(
        &state,
        &page,
        move |conn, _| group_at(conn, &slug),
        move |conn, group: &Group, user| vs::suggest(conn, &settings, user, &group.slug, &input),
    )
    .await?;
    page.use_group_locale(group.lang());
    match result {
        Ok(_) => {
            page.flash(FlashKind::Ok, page.t("talks-proposed_flash"));
            Ok(see_other(&group_suggestions_path(&group.slug)))
        }
        Err(e) => {
            let errors = field_errors(&page, e, "name")?;
            let meetups = upcoming_titles(&state, &page, &group).await?;
            Ok(render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                view::suggest_page(&page.chrome(), &group.slug, &meetups, &form, &errors),
            ))
        }
    }
}

#[derive(Deserialize)]
struct VoteForm {
    #[serde(default)]
    vote: String,
}

#[post("/venue-suggestions/{id}/vote")]
async fn vote_submit(
    state: State,
    mut page: Page,
    id: web::Path<SuggestionId>,
    CsrfForm(form): CsrfForm<VoteForm>,
) -> Result<HttpResponse, AppError> {
    let (id, remove) = (id.into_inner(), form.vote == "remove");
    let (group, result) = record_submit(
        &state,
        &mut page,
        id,
        vs::suggestion_group,
        move |conn, id, user| {
            if remove {
                vs::remove_vote(conn, &user.id, id)
            } else {
                vs::add_vote(conn, &user.id, id)
            }
        },
    )
    .await?;
    flash_conflict(&page, result)?;
    Ok(see_other(&group_suggestions_path(&group.slug)))
}

#[derive(Deserialize)]
struct DecideForm {
    #[serde(default)]
    decision: String,
}

#[post("/venue-suggestions/{id}/decide")]
async fn decide_submit(
    state: State,
    mut page: Page,
    id: web::Path<SuggestionId>,
    CsrfForm(form): CsrfForm<DecideForm>,
) -> Result<HttpResponse, AppError> {
    let (settings, accept) = (state.settings.clone(), form.decision == "accept");
    let (group, result) = record_submit(
        &state,
        &mut page,
        id.into_inner(),
        vs::suggestion_group,
        move |conn, id, user| {
            if accept {
                vs::accept(conn, &settings, &user.id, id, None).map(|_| ())
            } else {
                vs::decline(conn, &user.id, id).map(|_| ())
            }
        },
    )
    .await?;
    flash_outcome(&page, result, page.t("talks-decided_flash"))?;
    Ok(see_other(&group_suggestions_path(&group.slug)))
}
