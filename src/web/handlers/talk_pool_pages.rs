//! The group's talk pool as HTML: the list with votes, proposing to it, scheduling into a
//! meetup, and a talk's materials.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use serde::Deserialize;

use crate::app::access::Viewer;
use crate::app::groups::group_at;
use crate::app::talks::{self as uc, PoolQuery, TalkView};
use crate::db::models::Group;
use crate::db::DbConn;
use crate::domain::group::parse_web_url;
use crate::domain::ids::{MeetupId, TalkId};
use crate::domain::talk::{LinkKind, PoolSort, TalkAction, TalkLink};
use crate::domain::FieldError;
use crate::error::AppError;
use crate::i18n::link_label;
use crate::urls::{group_path, group_talks_path, meetup_path};
use crate::views::components::FormErrors;
use crate::views::talk_pool::{
    materials_page, pool_page, MaterialsForm, PoolItem, PoolPage, KIND_FIELDS, TITLE_FIELDS,
    URL_FIELDS,
};
use crate::views::talks::{propose_page, TalkForm};
use crate::views::FlashKind;
use crate::web::extract::{CsrfForm, Page};
use crate::web::html::{render, render_status};
use crate::web::pages::{
    field_errors, flash_conflict, flash_outcome, group_for_page, meetup_choices, record_submit,
    see_other, signed_in_submit, talk_input,
};
use crate::web::State;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(pool)
        .service(propose_form)
        .service(propose_submit)
        .service(vote_submit)
        .service(schedule_submit)
        .service(materials_form)
        .service(materials_submit);
}

#[derive(Deserialize)]
struct PoolParams {
    sort: Option<String>,
}

fn pool_item(
    page: &Page,
    group: &Group,
    t: &TalkView,
    upcoming: &[(MeetupId, String)],
) -> PoolItem {
    let live = t.status.is_live();
    let meetup = t.meetup_id.as_ref().and_then(|id| {
        let (_, title) = upcoming.iter().find(|(m, _)| m == id)?;
        Some((title.clone(), meetup_path(&group.slug, id)))
    });
    // A talk of a past meetup stays where it was given.
    let movable = t.meetup_id.is_none() || meetup.is_some();
    PoolItem {
        id: t.id.to_string(),
        title: t.title.clone(),
        abstract_text: t.abstract_text.clone(),
        speaker: t.speaker.clone(),
        minutes: t.duration_minutes,
        status: t.status,
        votes: t.votes,
        voted: t.voted_by_me.filter(|_| live),
        meetup_id: t.meetup_id.as_ref().map(|m| m.to_string()),
        meetup,
        links: t
            .links
            .iter()
            .map(|l| (link_label(page.lang, l), l.url.clone()))
            .collect(),
        can_materials: t.can.materials,
        can_schedule: t.can.schedule && movable,
    }
}

#[get("/groups/{slug}/talks")]
async fn pool(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
    params: web::Query<PoolParams>,
) -> Result<HttpResponse, AppError> {
    let recent = params.sort.as_deref() == Some("recent");
    let query = PoolQuery {
        status: None,
        sort: if recent {
            PoolSort::Recent
        } else {
            PoolSort::Votes
        },
    };
    let uc::PoolPage {
        group,
        talks,
        upcoming,
    } = uc::pool_page(&state.db, &page.viewer, &slug, &query).await?;
    page.use_group_locale(group.lang());
    let choices = meetup_choices(page.lang, upcoming.clone());
    let upcoming: Vec<(MeetupId, String)> = upcoming
        .into_iter()
        .map(|r| (r.meetup.id, r.meetup.title))
        .collect();
    let view = PoolPage {
        group_name: &group.name,
        group_path: group_path(&group.slug),
        signed_in: page.viewer.is_signed_in(),
        recent,
        talks: talks
            .talks
            .iter()
            .map(|t| pool_item(&page, &group, t, &upcoming))
            .collect(),
        meetups: if talks.organiser {
            choices
                .into_iter()
                .map(|(id, label)| (id.to_string(), label))
                .collect()
        } else {
            Vec::new()
        },
    };
    Ok(render(pool_page(&page.chrome(), &view)))
}

#[get("/groups/{slug}/talks/new")]
async fn propose_form(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let group = group_for_page(&state, &mut page, &slug).await?;
    page.require_user()?;
    let form = TalkForm {
        duration_minutes: "20".into(),
        ..Default::default()
    };
    Ok(render(propose_page(
        &page.chrome(),
        &group.name,
        &group_path(&group.slug),
        None,
        &form,
        &FormErrors::default(),
    )))
}

#[post("/groups/{slug}/talks/new")]
async fn propose_submit(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
    CsrfForm(form): CsrfForm<TalkForm>,
) -> Result<HttpResponse, AppError> {
    let (settings, input, slug) = (state.settings.clone(), talk_input(&form), slug.into_inner());
    let (group, result) = signed_in_submit(
        &state,
        &page,
        move |conn, _| group_at(conn, &slug),
        move |conn, group, user| uc::propose_pool_talk(conn, &settings, user, &group.slug, &input?),
    )
    .await?;
    page.use_group_locale(group.lang());
    match result {
        Ok(talk) => {
            page.flash(FlashKind::Ok, page.t("talks-proposed_flash"));
            Ok(see_other(&format!(
                "{}#talk-{}",
                group_talks_path(&group.slug),
                talk.id
            )))
        }
        Err(e) => {
            let errors = field_errors(&page, e, "title")?.renamed("abstract_text", "abstract");
            Ok(render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                propose_page(
                    &page.chrome(),
                    &group.name,
                    &group_path(&group.slug),
                    None,
                    &form,
                    &errors,
                ),
            ))
        }
    }
}

#[derive(Deserialize)]
struct VoteForm {
    #[serde(default)]
    vote: String,
}

#[post("/talks/{id}/vote")]
async fn vote_submit(
    state: State,
    mut page: Page,
    id: web::Path<TalkId>,
    CsrfForm(form): CsrfForm<VoteForm>,
) -> Result<HttpResponse, AppError> {
    let (id, remove) = (id.into_inner(), form.vote == "remove");
    let anchor = id.clone();
    let (group, result) = record_submit(
        &state,
        &mut page,
        id,
        uc::talk_group,
        move |conn, id, user| {
            if remove {
                uc::remove_vote(conn, &user.id, id)
            } else {
                uc::add_vote(conn, &user.id, id)
            }
        },
    )
    .await?;
    flash_conflict(&page, result)?;
    Ok(see_other(&format!(
        "{}#talk-{anchor}",
        group_talks_path(&group.slug)
    )))
}

#[derive(Deserialize)]
struct ScheduleForm {
    #[serde(default)]
    meetup_id: String,
}

#[post("/talks/{id}/schedule")]
async fn schedule_submit(
    state: State,
    mut page: Page,
    id: web::Path<TalkId>,
    CsrfForm(form): CsrfForm<ScheduleForm>,
) -> Result<HttpResponse, AppError> {
    let (id, settings) = (id.into_inner(), state.settings.clone());
    let meetup = MeetupId::from(form.meetup_id.trim());
    let action = TalkAction::Schedule {
        meetup: meetup.clone(),
        programme: Vec::new(),
        position: None,
    };
    let anchor = id.clone();
    let (group, result) = record_submit(
        &state,
        &mut page,
        id,
        uc::talk_group,
        move |conn, id, user| uc::act(conn, &settings, user, id, vec![action]),
    )
    .await?;
    let scheduled = result.is_ok();
    flash_outcome(&page, result, page.t("pool-scheduled_flash"))?;
    Ok(see_other(&if scheduled {
        format!("{}#programme", meetup_path(&group.slug, &meetup))
    } else {
        format!("{}#talk-{anchor}", group_talks_path(&group.slug))
    }))
}

/// The talk, for someone who may change its materials, and where its page is: sign-in, then
/// 404 for a talk they may not see, 403 for one they may not change.
fn materials_talk(
    conn: &mut DbConn,
    viewer: &Viewer,
    id: &TalkId,
) -> Result<(Group, TalkView, String), AppError> {
    let (group, talk) = uc::talk_and_group(conn, viewer, id)?;
    viewer.require_user()?;
    let talk = talk.ok_or(AppError::NotFound)?;
    if !talk.can.materials {
        return Err(AppError::Forbidden);
    }
    let back = match &talk.meetup_id {
        Some(m) => format!("{}#programme", meetup_path(&group.slug, m)),
        None => format!("{}#talk-{id}", group_talks_path(&group.slug)),
    };
    Ok((group, talk, back))
}

#[get("/talks/{id}/materials")]
async fn materials_form(
    state: State,
    mut page: Page,
    id: web::Path<TalkId>,
) -> Result<HttpResponse, AppError> {
    let (viewer, id) = (page.viewer.clone(), id.into_inner());
    let t = id.clone();
    let (group, talk, back) = state
        .db
        .run(move |conn| materials_talk(conn, &viewer, &t))
        .await?;
    page.use_group_locale(group.lang());
    let mut form = MaterialsForm::default();
    for (row, link) in talk.links.iter().enumerate() {
        form.fields
            .insert(KIND_FIELDS[row].into(), link.kind.as_str().into());
        form.fields.insert(URL_FIELDS[row].into(), link.url.clone());
        let title = link.title.clone().unwrap_or_default();
        form.fields.insert(TITLE_FIELDS[row].into(), title);
    }
    let action = format!("/talks/{id}/materials");
    Ok(render(materials_page(
        &page.chrome(),
        &talk.title,
        &back,
        &action,
        &form,
        &FormErrors::default(),
    )))
}

/// The rows filled in, each checked on its own so an error points at its field.
fn links_of(form: &MaterialsForm) -> Result<Vec<TalkLink>, Vec<FieldError>> {
    let mut links = Vec::new();
    let mut errors = Vec::new();
    for row in 0..URL_FIELDS.len() {
        let url = form.value(URL_FIELDS[row]).trim();
        if url.is_empty() {
            continue;
        }
        let kind = LinkKind::parse(form.value(KIND_FIELDS[row])).unwrap_or(LinkKind::Other);
        match parse_web_url(url, URL_FIELDS[row]) {
            Ok(url) => links.push(TalkLink {
                kind,
                url,
                title: Some(form.value(TITLE_FIELDS[row]).trim().to_string())
                    .filter(|t| !t.is_empty()),
            }),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(links)
    } else {
        Err(errors)
    }
}

#[post("/talks/{id}/materials")]
async fn materials_submit(
    state: State,
    mut page: Page,
    id: web::Path<TalkId>,
    CsrfForm(form): CsrfForm<MaterialsForm>,
) -> Result<HttpResponse, AppError> {
    let (id, links) = (id.into_inner(), links_of(&form));
    let t = id.clone();
    let ((group, talk, back), result) = signed_in_submit(
        &state,
        &page,
        move |conn, viewer| materials_talk(conn, viewer, &t),
        move |conn, _, user| uc::set_links(conn, user, &id, &links.map_err(AppError::Invalid)?),
    )
    .await?;
    page.use_group_locale(group.lang());
    match result {
        Ok(_) => {
            page.flash(FlashKind::Ok, page.t("materials-saved_flash"));
            Ok(see_other(&back))
        }
        Err(e) => {
            let errors = field_errors(&page, e, "url_0")?;
            let action = format!("/talks/{}/materials", talk.id);
            Ok(render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                materials_page(&page.chrome(), &talk.title, &back, &action, &form, &errors),
            ))
        }
    }
}
