//! The poll page: members answer every option in one form, with no JavaScript.

use actix_web::{get, post, web, HttpResponse};

use crate::app::polls::{self as uc, OptionView, PollView};
use crate::domain::ids::PollId;
use crate::domain::poll::{OptionKind, PollAnswer, VoteInput};
use crate::domain::time::to_local;
use crate::error::AppError;
use crate::i18n::{long_datetime, t, tf, Lang};
use crate::urls::{group_path, login_path, meetup_path, poll_path};
use crate::views::polls::{poll_page, OptionRow, PollPage};
use crate::views::FlashKind;
use crate::web::extract::{CsrfForm, Page};
use crate::web::html::render;
use crate::web::pages::see_other;
use crate::web::State;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(show_poll).service(vote_on_page);
}

/// The form field of an option's answer.
fn field(o: &OptionView) -> String {
    let prefix = match o.option.kind {
        OptionKind::Date => "d",
        OptionKind::Venue => "v",
    };
    format!("{prefix}.{}", o.option.id)
}

fn rows(v: &PollView, options: &[OptionView], lang: Lang) -> Vec<OptionRow> {
    let tz = v.group.tz();
    options
        .iter()
        .map(|o| OptionRow {
            field: field(o),
            label: match o.option.starts_at {
                Some(at) => long_datetime(lang, to_local(at, tz)),
                None => o.name.clone(),
            },
            detail: (o.option.kind == OptionKind::Venue).then(|| o.address.clone()),
            kind: o.option.kind,
            yes: o.tally.yes,
            if_need_be: o.tally.if_need_be,
            no: o.tally.no,
            best: o.best,
            mine: o.my_answer,
            names: o
                .voters
                .iter()
                .filter(|(a, _)| *a != PollAnswer::No)
                .map(|(a, name)| match a {
                    PollAnswer::IfNeedBe => format!("({name})"),
                    _ => name.clone(),
                })
                .collect(),
        })
        .collect()
}

#[get("/groups/{slug}/polls/{id}")]
async fn show_poll(
    state: State,
    mut page: Page,
    path: web::Path<(String, PollId)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let viewer = page.viewer.clone();
    let v = state
        .db
        .run(move |conn| uc::poll_page(conn, &viewer, &slug, &id))
        .await?;
    page.use_group_locale(v.group.lang());
    let lang = page.lang;
    let here = poll_path(&v.group.slug, &v.poll.id);
    let vote_action = format!("{here}/vote");
    let group_link = group_path(&v.group.slug);
    let view = PollPage {
        title: &v.poll.title,
        description: &v.poll.description,
        group_name: &v.group.name,
        group_path: &group_link,
        closes: v.poll.closes_at.filter(|_| !v.poll.is_closed()).map(|at| {
            tf(
                lang,
                "poll-closes",
                &[("closes", &long_datetime(lang, to_local(at, v.group.tz())))],
            )
        }),
        closed: v.poll.is_closed(),
        meetup_path: v
            .poll
            .meetup_id
            .as_ref()
            .map(|m| meetup_path(&v.group.slug, m)),
        voters: v.voters,
        dates: rows(&v, &v.dates, lang),
        venues: rows(&v, &v.venues, lang),
        can_vote: v.can_vote,
        sign_in: (!v.signed_in && !v.poll.is_closed()).then(|| login_path(Some(&here))),
        vote_action: &vote_action,
        code_of_conduct: v
            .group
            .code_of_conduct_url
            .as_deref()
            .filter(|_| v.group.require_code_of_conduct && !v.organiser),
    };
    Ok(render(poll_page(&page.chrome(), &view)))
}

/// Records the member's answers from the grid, then shows the poll again.
#[post("/groups/{slug}/polls/{id}/vote")]
async fn vote_on_page(
    state: State,
    page: Page,
    path: web::Path<(String, PollId)>,
    CsrfForm(form): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let user = page.require_user()?.clone();
    let mut input = VoteInput::default();
    for (name, value) in form {
        if let Some(option) = name.strip_prefix("d.") {
            input.dates.push((option.to_string(), value));
        } else if let Some(option) = name.strip_prefix("v.") {
            input.venues.push((option.to_string(), value));
        } else if name == "accept_code_of_conduct" {
            input.accepts_conduct = true;
        }
    }
    let poll_id = id.clone();
    let result = state
        .db
        .transaction(move |conn| uc::vote(conn, &user.id, &poll_id, &input))
        .await;
    match result {
        Ok(_) => page.flash(FlashKind::Ok, t(page.lang, "poll-saved")),
        Err(e @ (AppError::Conflict(..) | AppError::Validation(_) | AppError::Invalid(_))) => {
            page.flash(FlashKind::Bad, &e.message(page.lang))
        }
        Err(e) => return Err(e),
    }
    Ok(see_other(&poll_path(&slug, &id)))
}
