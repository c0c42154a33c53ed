//! Talk proposals, the organisers' review screen and venue suggestions, as HTML pages.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use serde::Deserialize;

use crate::app::talks::{self as uc, MeetupTalks, TalkView};
use crate::app::venue_suggestions as vs;
use crate::db::models::Group;
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
    see_other, talk_input, upcoming_meetups,
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
    let row = meetup_for_page(&state, &mut page, &slug, &id).await?;
    submit_talk(&state, &page, &row, None, &form).await
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
fn own_talk(page: &Page, talks: MeetupTalks, talk_id: &TalkId) -> Result<TalkView, AppError> {
    page.require_user()?;
    let talk = talks
        .talks
        .into_iter()
        .find(|t| &t.id == talk_id)
        .ok_or(AppError::NotFound)?;
    if !talk.can.edit {
        return Err(AppError::Forbidden);
    }
    Ok(talk)
}

#[get("/groups/{slug}/meetups/{id}/talks/{talk_id}/edit")]
async fn edit_form(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId, TalkId)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id, talk_id) = path.into_inner();
    let talks = talks_for_page(&state, &mut page, slug, id).await?;
    let row = talks.meetup.clone();
    let talk = own_talk(&page, talks, &talk_id)?;
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
    let talks = talks_for_page(&state, &mut page, slug, id).await?;
    let row = talks.meetup.clone();
    own_talk(&page, talks, &talk_id)?;
    submit_talk(&state, &page, &row, Some(&talk_id), &form).await
}

/// Proposes a talk (`talk_id` None) or changes the proposer's own; errors come back on the form.
async fn submit_talk(
    state: &AppState,
    page: &Page,
    row: &MeetupRow,
    talk_id: Option<&TalkId>,
    form: &TalkForm,
) -> Result<HttpResponse, AppError> {
    let user = page.require_user()?;
    let result = match talk_input(form) {
        Ok(input) => match talk_id {
            None => {
                let (settings, user, id) =
                    (state.settings.clone(), user.clone(), row.meetup.id.clone());
                let propose =
                    move |conn: &mut DbConn| uc::propose_talk(conn, &settings, &user, &id, &input);
                state
                    .db
                    .transaction(propose)
                    .await
                    .map(|_| page.t("talks-proposed_flash"))
            }
            Some(id) => {
                let edit = vec![TalkAction::Edit(input)];
                uc::act_on_talk(&state.db, &state.settings, user, id, edit)
                    .await
                    .map(|_| page.t("talks-edited_flash"))
            }
        },
        Err(e) => Err(e),
    };
    match result {
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
    let talks = talks_for_page(&state, &mut page, slug, id).await?;
    let row = &talks.meetup;
    let user = page.require_user()?;
    let action = match form.action.as_str() {
        "accept" => TalkAction::Decide {
            verdict: Verdict::Accept,
            position: None,
        },
        "reject" => TalkAction::Decide {
            verdict: Verdict::Reject,
            position: None,
        },
        "reopen" => TalkAction::Reopen,
        "move" => TalkAction::Move {
            position: form.position.unwrap_or(1),
        },
        "withdraw" => TalkAction::Withdraw,
        _ => return Err(AppError::validation("action", "error-talk_status_invalid")),
    };
    // The talk must belong to this meetup.
    if talks.talk(&form.talk_id).is_none() {
        return Err(AppError::NotFound);
    }
    let flash = if matches!(action, TalkAction::Withdraw) {
        "talks-withdrawn_flash"
    } else {
        "talks-decided_flash"
    };
    let result = uc::act_on_talk(
        &state.db,
        &state.settings,
        user,
        &form.talk_id,
        vec![action],
    )
    .await;
    flash_outcome(&page, result, page.t(flash))?;
    let back = if talks.organiser {
        format!("{}/talks/review", meetup_path(row))
    } else {
        format!("{}#programme", meetup_path(row))
    };
    Ok(see_other(&back))
}

async fn upcoming_titles(
    state: &AppState,
    group: &Group,
) -> Result<Vec<(String, String)>, AppError> {
    let upcoming = upcoming_meetups(state, group).await?;
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
    let meetups = upcoming_titles(&state, &group).await?;
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
    let group = group_for_page(&state, &mut page, &slug).await?;
    let user = page.require_user()?;
    let optional = |s: &str| Some(s.trim().to_string()).filter(|v| !v.is_empty());
    let input = SuggestionInput {
        name: form.name.clone(),
        address: form.address.clone(),
        url: optional(&form.url),
        note: optional(&form.note),
        meetup_id: optional(&form.meetup_id),
    };
    match vs::suggest_venue(&state.db, &state.settings, user, &group, &input).await {
        Ok(_) => {
            page.flash(FlashKind::Ok, page.t("talks-proposed_flash"));
            Ok(see_other(&group_suggestions_path(&group.slug)))
        }
        Err(e) => {
            let errors = field_errors(&page, e, "name")?;
            let meetups = upcoming_titles(&state, &group).await?;
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
    let group = vs::suggestion_group(&state.db, &id).await?;
    page.use_group_locale(group.lang());
    let user = page.require_user()?;
    let result = if form.vote == "remove" {
        vs::unvote(&state.db, user, &id).await
    } else {
        vs::vote(&state.db, user, &id).await
    };
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
    let group = vs::suggestion_group(&state.db, &id).await?;
    page.use_group_locale(group.lang());
    let user = page.require_user()?;
    let result = if form.decision == "accept" {
        vs::accept_suggestion(&state.db, &state.settings, user, &id, None)
            .await
            .map(|_| ())
    } else {
        vs::decline_suggestion(&state.db, user, &id)
            .await
            .map(|_| ())
    };
    flash_outcome(&page, result, page.t("talks-decided_flash"))?;
    Ok(see_other(&group_suggestions_path(&group.slug)))
}
