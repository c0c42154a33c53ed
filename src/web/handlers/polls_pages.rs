//! The poll page: members answer every option in one form, with no JavaScript.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse, ResponseError};

use crate::app::polls::{self as uc, LinkedAnswer, OptionView, PollFormData, PollView};
use crate::domain::ids::PollId;
use crate::domain::poll::{
    CloseInput, OptionKind, PollAnswer, PollInput, VoteInput, DATE_FIELDS, DEFAULT_PRIORITY_HOURS,
};
use crate::domain::time::to_local;
use crate::error::AppError;
use crate::i18n::{long_datetime, t, tf, Lang};
use crate::urls::{
    group_path, login_path, meetup_path, new_poll_path, poll_answer_path, poll_path,
};
use crate::views::components::FormErrors;
use crate::views::polls::{
    new_poll_page, poll_link_page, poll_page, CloseForm, CloseValues, LinkStep, NewPollPage,
    NewPollValues, OptionRow, PollLinkPage, PollPage, DATE_SLOTS,
};
use crate::views::FlashKind;
use crate::web::extract::{CsrfForm, Empty, Page};
use crate::web::html::render_status;
use crate::web::pages::{
    field_errors, meetup_choices, organiser_submit, see_other, signed_in_submit,
};
use crate::web::{AppState, State};

pub fn configure(cfg: &mut web::ServiceConfig) {
    // `/new` before `/{id}` so it is not taken for an id.
    cfg.service(new_poll_form)
        .service(create_poll)
        .service(show_poll)
        .service(vote_on_page)
        .service(close_submit)
        .service(link_page)
        .service(link_submit);
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
    let values = CloseValues {
        date_option: v
            .best_date()
            .map(|o| o.option.id.to_string())
            .unwrap_or_default(),
        priority_hours: DEFAULT_PRIORITY_HOURS.to_string(),
        ..CloseValues::default()
    };
    Ok(poll_response(
        &page,
        &v,
        &values,
        &FormErrors::default(),
        StatusCode::OK,
    ))
}

/// The poll page; for organisers while it is open, with the close form holding `values`
/// (and `errors` beside their fields).
fn poll_response(
    page: &Page,
    v: &PollView,
    values: &CloseValues,
    errors: &FormErrors,
    status: StatusCode,
) -> HttpResponse {
    let lang = page.lang;
    let here = poll_path(&v.group.slug, &v.poll.id);
    let vote_action = format!("{here}/vote");
    let close_action = format!("{here}/close");
    let group_link = group_path(&v.group.slug);
    let tz = v.group.tz();
    let close = (v.organiser && !v.poll.is_closed()).then(|| CloseForm {
        action: &close_action,
        dates: v
            .dates
            .iter()
            .filter_map(|o| {
                let at = o.option.starts_at?;
                Some((
                    o.option.id.to_string(),
                    long_datetime(lang, to_local(at, tz)),
                ))
            })
            .collect(),
        venues: v
            .venues
            .iter()
            .map(|o| (o.option.id.to_string(), o.name.clone()))
            .collect(),
        values,
        errors,
    });
    let view = PollPage {
        title: &v.poll.title,
        description: &v.poll.description,
        group_name: &v.group.name,
        group_path: &group_link,
        closes: v.poll.closes_at.filter(|_| !v.poll.is_closed()).map(|at| {
            tf(
                lang,
                "poll-closes",
                &[("closes", &long_datetime(lang, to_local(at, tz)))],
            )
        }),
        closed: v.poll.is_closed(),
        meetup_path: v
            .poll
            .meetup_id
            .as_ref()
            .map(|m| meetup_path(&v.group.slug, m)),
        voters: v.voters,
        dates: rows(v, &v.dates, lang),
        venues: rows(v, &v.venues, lang),
        can_vote: v.can_vote,
        sign_in: (!v.signed_in && !v.poll.is_closed()).then(|| login_path(Some(&here))),
        vote_action: &vote_action,
        code_of_conduct: v
            .group
            .code_of_conduct_url
            .as_deref()
            .filter(|_| v.group.require_code_of_conduct && !v.organiser),
        close,
    };
    render_status(status, poll_page(&page.chrome(), &view))
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

/// The close form's fields as the use case takes them; a count that is no number is refused
/// beside its field.
fn close_input(v: &CloseValues) -> Result<CloseInput, AppError> {
    let number = |text: &str, field: &'static str, key: &'static str| {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        text.parse::<i64>()
            .map(Some)
            .map_err(|_| AppError::validation(field, key))
    };
    let some = |text: &str| Some(text.trim().to_string()).filter(|s| !s.is_empty());
    Ok(CloseInput {
        date_option: some(&v.date_option),
        venue_option: some(&v.venue_option),
        capacity: number(&v.capacity, "capacity", "error-capacity_invalid")?,
        title: some(&v.title),
        priority_hours: number(
            &v.priority_hours,
            "priority_hours",
            "error-poll_priority_hours",
        )?,
        auto_rsvp: v.auto_rsvp,
    })
}

/// Organisers close the poll from its page, through the same use case as the API: the
/// meetup's page on success; the page again with the form as typed and the fault beside its
/// field (422); a poll closed meanwhile says so.
#[post("/groups/{slug}/polls/{id}/close")]
async fn close_submit(
    state: State,
    mut page: Page,
    path: web::Path<(String, PollId)>,
    CsrfForm(form): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let mut values = CloseValues::default();
    for (name, value) in form {
        match name.as_str() {
            "date_option" => values.date_option = value,
            "venue_option" => values.venue_option = value,
            "capacity" => values.capacity = value,
            "title" => values.title = value,
            "priority_hours" => values.priority_hours = value,
            "auto_rsvp" => values.auto_rsvp = true,
            _ => {}
        }
    }
    let settings = state.settings.clone();
    let submitted = values.clone();
    let (v, done) = signed_in_submit(
        &state,
        &page,
        move |conn, viewer| uc::poll_page(conn, viewer, &slug, &id),
        move |conn, v: &PollView, user| {
            let input = close_input(&submitted)?;
            uc::close(conn, &settings, &user.id, &v.poll.id, &input)
        },
    )
    .await?;
    page.use_group_locale(v.group.lang());
    match done {
        Ok(closed) => {
            page.flash(FlashKind::Ok, page.t("poll-closed_done"));
            Ok(see_other(&meetup_path(
                &v.group.slug,
                &closed.meetup.meetup.id,
            )))
        }
        Err(e @ AppError::Conflict(..)) => {
            page.flash(FlashKind::Bad, &e.message(page.lang));
            Ok(see_other(&poll_path(&v.group.slug, &v.poll.id)))
        }
        Err(e) => {
            let errors = field_errors(&page, e, "date_option")?;
            Ok(poll_response(
                &page,
                &v,
                &values,
                &errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            ))
        }
    }
}

/// What the new-poll form offers, in one checkout, the page in the group's language.
async fn form_data(
    state: &AppState,
    page: &mut Page,
    slug: String,
) -> Result<PollFormData, AppError> {
    let viewer = page.viewer.clone();
    let data = state
        .db
        .run(move |conn| uc::form_data(conn, &viewer, &slug))
        .await?;
    page.use_group_locale(data.group.lang());
    Ok(data)
}

fn new_form_response(
    page: &Page,
    data: PollFormData,
    values: &NewPollValues,
    errors: &FormErrors,
) -> HttpResponse {
    let action = new_poll_path(&data.group.slug);
    let group_link = group_path(&data.group.slug);
    let mut venues: Vec<(String, String)> = data
        .venues
        .iter()
        .map(|v| (v.id.to_string(), v.name.clone()))
        .collect();
    venues.extend(data.suggestions.iter().map(|(id, name, _)| {
        (
            id.to_string(),
            tf(page.lang, "poll-suggestion", &[("name", name)]),
        )
    }));
    let meetups = meetup_choices(page.lang, data.meetups)
        .into_iter()
        .map(|(id, label)| (id.to_string(), label))
        .collect();
    let view = NewPollPage {
        action: &action,
        group_name: &data.group.name,
        group_path: &group_link,
        timezone: data.group.timezone.name(),
        venues,
        meetups,
        values,
        errors,
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render_status(status, new_poll_page(&page.chrome(), &view))
}

#[get("/groups/{slug}/polls/new")]
async fn new_poll_form(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let data = form_data(&state, &mut page, slug.into_inner()).await?;
    let values = NewPollValues {
        dates: vec![String::new(); DATE_SLOTS],
        ..NewPollValues::default()
    };
    Ok(new_form_response(
        &page,
        data,
        &values,
        &FormErrors::default(),
    ))
}

/// The new-poll form as typed, and the box each date sent came from (empty boxes are left
/// out).
fn new_poll_values(form: Vec<(String, String)>) -> (NewPollValues, Vec<usize>) {
    let mut v = NewPollValues {
        dates: vec![String::new(); DATE_SLOTS],
        ..NewPollValues::default()
    };
    for (name, value) in form {
        if let Some(i) = DATE_FIELDS[..DATE_SLOTS].iter().position(|f| *f == name) {
            v.dates[i] = value;
            continue;
        }
        match name.as_str() {
            "title" => v.title = value,
            "description" => v.description = value,
            "venue_options" => v.venues.push(value),
            "closes_at" => v.closes_at = value,
            "target_meetup_id" => v.target_meetup_id = value,
            _ => {}
        }
    }
    let boxes = (0..DATE_SLOTS)
        .filter(|i| !v.dates[*i].trim().is_empty())
        .collect();
    (v, boxes)
}

/// A fault named as the use case names it (`date_options[1]`: the second date sent), named as
/// the form names it (the box it was typed in; the venue boxes as one).
fn form_field(field: &'static str, boxes: &[usize]) -> &'static str {
    if let Some(i) = DATE_FIELDS.iter().position(|f| *f == field) {
        return boxes.get(i).map_or("date_options", |b| DATE_FIELDS[*b]);
    }
    if field.starts_with("venue_options") {
        return "venue_options";
    }
    field
}

/// Organisers open a poll from the form, through the same use case as the API: the poll's
/// page on success; the form again with what was typed, each fault beside its field (422).
#[post("/groups/{slug}/polls/new")]
async fn create_poll(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
    CsrfForm(form): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let (values, boxes) = new_poll_values(form);
    let input = PollInput {
        title: Some(values.title.clone()),
        description: Some(values.description.clone()),
        date_options: boxes.iter().map(|i| values.dates[*i].clone()).collect(),
        venue_options: values.venues.clone(),
        closes_at: Some(values.closes_at.clone()),
        target_meetup_id: Some(values.target_meetup_id.clone()),
    };
    let settings = state.settings.clone();
    let (group, result) = organiser_submit(&state, &mut page, &slug, move |conn, group, user| {
        uc::create_poll(conn, &settings, user, &group.slug, &input)
    })
    .await?;
    match result {
        Ok(v) => {
            page.flash(FlashKind::Ok, page.t("poll-created"));
            Ok(see_other(&poll_path(&v.group.slug, &v.poll.id)))
        }
        Err(e) => {
            let FormErrors(errors) = field_errors(&page, e, "title")?;
            let errors = FormErrors(
                errors
                    .into_iter()
                    .map(|(field, message)| (form_field(field, &boxes), message))
                    .collect(),
            );
            let data = form_data(&state, &mut page, group.slug).await?;
            Ok(new_form_response(&page, data, &values, &errors))
        }
    }
}

/// The page behind a poll's one-click answer.
fn link_response(
    page: &Page,
    a: &LinkedAnswer,
    step: LinkStep,
    status: StatusCode,
) -> HttpResponse {
    let day = a
        .option
        .starts_at
        .map(|at| long_datetime(page.lang, to_local(at, a.group.tz())))
        .unwrap_or_default();
    let question = tf(
        page.lang,
        "poll-link_confirm",
        &[
            ("answer", &page.t(a.link.answer.label_key())),
            ("day", &day),
        ],
    );
    let path = poll_path(&a.group.slug, &a.poll.id);
    let view = PollLinkPage {
        title: &a.poll.title,
        question: &question,
        poll_path: &path,
        step,
    };
    render_status(status, poll_link_page(&page.chrome(), &view))
}

/// Opening a poll's one-click answer (a mail scanner does) only shows what a click would do;
/// a closed poll says so (409).
#[get("/poll-answer/{token}")]
async fn link_page(
    state: State,
    mut page: Page,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (settings, token) = (state.settings.clone(), token.into_inner());
    let action = poll_answer_path(&token);
    let a = state
        .db
        .run(move |conn| uc::answer_link(conn, &settings, &token))
        .await?;
    page.use_group_locale(a.group.lang());
    if a.poll.is_closed() {
        let e = AppError::conflict("poll_closed");
        let message = e.message(page.lang);
        let step = LinkStep::Refused { message: &message };
        return Ok(link_response(&page, &a, step, e.status_code()));
    }
    let step = LinkStep::Confirm { action: &action };
    Ok(link_response(&page, &a, step, StatusCode::OK))
}

/// Confirms a poll's one-click answer: the poll's page, saying what was recorded; a closed
/// poll says so (409).
#[post("/poll-answer/{token}")]
async fn link_submit(
    state: State,
    mut page: Page,
    token: web::Path<String>,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let (settings, token) = (state.settings.clone(), token.into_inner());
    let submitted = token.clone();
    let answered = state
        .db
        .transaction(move |conn| uc::answer_by_link(conn, &settings, &submitted))
        .await;
    match answered {
        Ok(a) => {
            page.use_group_locale(a.group.lang());
            let day = a
                .option
                .starts_at
                .map(|at| long_datetime(page.lang, to_local(at, a.group.tz())))
                .unwrap_or_default();
            let text = tf(
                page.lang,
                "poll-link_saved",
                &[
                    ("answer", &page.t(a.link.answer.label_key())),
                    ("day", &day),
                ],
            );
            page.flash(FlashKind::Ok, &text);
            Ok(see_other(&poll_path(&a.group.slug, &a.poll.id)))
        }
        Err(e @ AppError::Conflict(..)) => {
            let settings = state.settings.clone();
            let a = state
                .db
                .run(move |conn| uc::answer_link(conn, &settings, &token))
                .await?;
            page.use_group_locale(a.group.lang());
            let message = e.message(page.lang);
            let step = LinkStep::Refused { message: &message };
            Ok(link_response(&page, &a, step, e.status_code()))
        }
        Err(e) => Err(e),
    }
}
