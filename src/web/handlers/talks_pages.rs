//! Talk proposals, the organisers' review screen and venue suggestions, as HTML pages.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use maud::Markup;
use serde::Deserialize;

use super::accounts_pages::see_other;
use super::groups::load_group;
use super::groups_pages::field_errors;
use super::rsvps_pages::{meetup_for_page, meetup_path};
use super::talks::{self as uc, TalkView};
use super::venue_suggestions as vs;
use crate::db::models::Group;
use crate::db::now;
use crate::db::repo::meetups::{self, MeetupRow, When};
use crate::domain::talk::{TalkAction, TalkInput, TalkStatus, Verdict};
use crate::domain::time::to_local;
use crate::domain::venue_suggestion::SuggestionInput;
use crate::error::AppError;
use crate::i18n::time_of_day;
use crate::views::components::FormErrors;
use crate::views::layout::{render, render_status};
use crate::views::talks::{
    self as view, SuggestionForm, SuggestionItem, TalkForm, TalkItem, TalksPanel,
};
use crate::views::FlashKind;
use crate::web::extract::{CsrfForm, Page};
use crate::web::{AppState, State};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(propose_form)
        .service(propose_submit)
        .service(review)
        .service(talk_action)
        .service(suggest_form)
        .service(suggest_submit)
        .service(vote_submit)
        .service(decide_submit);
}

fn item(t: &TalkView, row: &MeetupRow) -> TalkItem {
    TalkItem {
        id: t.id.clone(),
        title: t.title.clone(),
        abstract_text: t.abstract_text.clone(),
        speaker: t.speaker.clone(),
        minutes: t.duration_minutes,
        status: t.status,
        position: t.position,
        time: t
            .starts_at
            .map(|s| time_of_day(to_local(s, row.group.tz()))),
        own: t.own,
        can_decide: t.can.decide,
        can_reopen: t.can.reopen,
        can_move: t.can.move_in_programme,
        can_withdraw: t.can.withdraw,
    }
}

/// The meetup page's programme section for whoever is looking.
pub async fn talks_panel(
    state: &AppState,
    page: &Page,
    row: &MeetupRow,
) -> Result<Markup, AppError> {
    let talks = uc::meetup_talks(state, page.user.as_ref(), &row.meetup.id).await?;
    let items: Vec<TalkItem> = talks.talks.iter().map(|t| item(t, row)).collect();
    let panel = TalksPanel {
        meetup_path: meetup_path(row),
        pending: items
            .iter()
            .filter(|t| t.status == TalkStatus::Proposed)
            .count(),
        mine: talks
            .talks
            .iter()
            .filter(|t| t.own && t.status != TalkStatus::Accepted)
            .map(|t| item(t, row))
            .collect(),
        programme: items
            .into_iter()
            .filter(|t| t.status == TalkStatus::Accepted)
            .collect(),
        signed_in: page.user.is_some(),
        organiser: talks.organiser,
    };
    Ok(view::talks_panel(&page.chrome(), &panel))
}

#[get("/groups/{slug}/meetups/{id}/talks/new")]
async fn propose_form(
    state: State,
    mut page: Page,
    path: web::Path<(String, String)>,
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
        &form,
        &FormErrors::default(),
    )))
}

#[post("/groups/{slug}/meetups/{id}/talks/new")]
async fn propose_submit(
    state: State,
    mut page: Page,
    path: web::Path<(String, String)>,
    CsrfForm(form): CsrfForm<TalkForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let row = meetup_for_page(&state, &mut page, &slug, &id).await?;
    let user = page.require_user()?;
    let duration = match form.duration_minutes.trim().parse::<i64>() {
        Ok(d) => Ok(d),
        Err(_) => Err(AppError::validation(
            "duration_minutes",
            "error.duration_invalid",
        )),
    };
    let result = match duration {
        Ok(d) => {
            let input = TalkInput {
                title: Some(form.title.clone()),
                abstract_text: Some(form.abstract_text.clone()),
                duration_minutes: Some(d),
                speaker_name: Some(
                    Some(form.speaker_name.clone()).filter(|s| !s.trim().is_empty()),
                ),
            };
            uc::propose_talk(&state, user, &row.meetup.id, &input).await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => {
            page.flash(FlashKind::Ok, page.t("talks.proposed_flash"));
            Ok(see_other(&format!("{}#programme", meetup_path(&row))))
        }
        Err(e) => {
            let mut errors = field_errors(&page, e, "title")?;
            // The form names the abstract field `abstract`, like the API.
            for (field, _) in errors.0.iter_mut() {
                if *field == "abstract_text" {
                    *field = "abstract";
                }
            }
            Ok(render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                view::propose_page(
                    &page.chrome(),
                    &row.meetup.title,
                    &meetup_path(&row),
                    &form,
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
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let row = meetup_for_page(&state, &mut page, &slug, &id).await?;
    let talks = uc::meetup_talks(&state, Some(page.require_user()?), &row.meetup.id).await?;
    if !talks.organiser {
        return Err(AppError::Forbidden);
    }
    let items: Vec<TalkItem> = talks.talks.iter().map(|t| item(t, &row)).collect();
    Ok(render(view::review_page(
        &page.chrome(),
        &row.meetup.title,
        &meetup_path(&row),
        &items,
    )))
}

#[derive(Deserialize)]
struct ActionForm {
    #[serde(default)]
    talk_id: String,
    #[serde(default)]
    action: String,
    position: Option<i64>,
}

#[post("/groups/{slug}/meetups/{id}/talks/action")]
async fn talk_action(
    state: State,
    mut page: Page,
    path: web::Path<(String, String)>,
    CsrfForm(form): CsrfForm<ActionForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let row = meetup_for_page(&state, &mut page, &slug, &id).await?;
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
        _ => return Err(AppError::validation("action", "error.talk_status_invalid")),
    };
    // The talk must belong to this meetup.
    let talks = uc::meetup_talks(&state, Some(user), &row.meetup.id).await?;
    if talks.talk(&form.talk_id).is_none() {
        return Err(AppError::NotFound);
    }
    let flash = if matches!(action, TalkAction::Withdraw) {
        "talks.withdrawn_flash"
    } else {
        "talks.decided_flash"
    };
    match uc::act_on_talk(&state, user, &form.talk_id, vec![action]).await {
        Ok(_) => page.flash(FlashKind::Ok, page.t(flash)),
        Err(e @ (AppError::Conflict(..) | AppError::Validation(_))) => {
            page.flash(FlashKind::Bad, &e.message(page.lang))
        }
        Err(e) => return Err(e),
    }
    let back = if talks.organiser {
        format!("{}/talks/review", meetup_path(&row))
    } else {
        format!("{}#programme", meetup_path(&row))
    };
    Ok(see_other(&back))
}

/// The group page's venue suggestions section.
pub async fn suggestions_panel(
    state: &AppState,
    page: &Page,
    group: &Group,
) -> Result<Markup, AppError> {
    let list = vs::group_suggestions(state, page.user.as_ref(), group).await?;
    let items: Vec<SuggestionItem> = list
        .suggestions
        .iter()
        .filter(|s| s.status != crate::domain::venue_suggestion::SuggestionStatus::Declined)
        .map(|s| SuggestionItem {
            id: s.id.clone(),
            name: s.name.clone(),
            address: s.address.clone(),
            url: s.url.clone(),
            note: s.note.clone(),
            suggester: s.suggester_name.clone(),
            votes: s.votes,
            voted: s.voted_by_me.unwrap_or(false),
            status: s.status,
            can_vote: s.can_vote,
            can_decide: s.can_decide,
        })
        .collect();
    Ok(view::suggestions_panel(
        &page.chrome(),
        &group.slug,
        page.user.is_some(),
        &items,
    ))
}

async fn upcoming_titles(
    state: &AppState,
    group: &Group,
) -> Result<Vec<(String, String)>, AppError> {
    let gid = group.id.clone();
    let rows = state
        .db
        .run(move |conn| meetups::meetups_of_group(conn, &gid, When::Upcoming, now(), 50))
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.meetup.id, r.meetup.title))
        .collect())
}

#[get("/groups/{slug}/venue-suggestions/new")]
async fn suggest_form(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let group = load_group(&state, &slug).await?;
    page.use_group_locale(group.lang());
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
    let group = load_group(&state, &slug).await?;
    page.use_group_locale(group.lang());
    let user = page.require_user()?;
    let optional = |s: &str| Some(s.trim().to_string()).filter(|v| !v.is_empty());
    let input = SuggestionInput {
        name: form.name.clone(),
        address: form.address.clone(),
        url: optional(&form.url),
        note: optional(&form.note),
        meetup_id: optional(&form.meetup_id),
    };
    match vs::suggest_venue(&state, user, &group, &input).await {
        Ok(_) => {
            page.flash(FlashKind::Ok, page.t("talks.proposed_flash"));
            Ok(see_other(&format!(
                "/groups/{}#venue-suggestions",
                group.slug
            )))
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

async fn suggestion_group(state: &AppState, page: &Page, id: &str) -> Result<Group, AppError> {
    let s = vs::suggestion(state, page.user.as_ref(), id).await?;
    let gid = s.group_id.clone();
    state
        .db
        .run(move |conn| crate::db::repo::groups::group_by_id(conn, &gid))
        .await
}

#[post("/venue-suggestions/{id}/vote")]
async fn vote_submit(
    state: State,
    mut page: Page,
    id: web::Path<String>,
    CsrfForm(form): CsrfForm<VoteForm>,
) -> Result<HttpResponse, AppError> {
    let group = suggestion_group(&state, &page, &id).await?;
    page.use_group_locale(group.lang());
    let user = page.require_user()?;
    let result = if form.vote == "remove" {
        vs::unvote(&state, user, &id).await
    } else {
        vs::vote(&state, user, &id).await
    };
    if let Err(e) = result {
        match e {
            AppError::Conflict(..) => page.flash(FlashKind::Bad, &e.message(page.lang)),
            other => return Err(other),
        }
    }
    Ok(see_other(&format!(
        "/groups/{}#venue-suggestions",
        group.slug
    )))
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
    id: web::Path<String>,
    CsrfForm(form): CsrfForm<DecideForm>,
) -> Result<HttpResponse, AppError> {
    let group = suggestion_group(&state, &page, &id).await?;
    page.use_group_locale(group.lang());
    let user = page.require_user()?;
    let result = if form.decision == "accept" {
        vs::accept_suggestion(&state, user, &id, None)
            .await
            .map(|_| ())
    } else {
        vs::decline_suggestion(&state, user, &id).await.map(|_| ())
    };
    match result {
        Ok(()) => page.flash(FlashKind::Ok, page.t("talks.decided_flash")),
        Err(e @ AppError::Conflict(..)) => page.flash(FlashKind::Bad, &e.message(page.lang)),
        Err(e) => return Err(e),
    }
    Ok(see_other(&format!(
        "/groups/{}#venue-suggestions",
        group.slug
    )))
}
