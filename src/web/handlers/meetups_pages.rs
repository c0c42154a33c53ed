//! The meetup page and the organisers' meetup forms.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use chrono::Duration;
use chrono_tz::Tz;
use serde::Deserialize;

use crate::app::freshness;
use crate::app::meetup_page::meetup_page as read_meetup_page;
use crate::app::meetups::{self as uc, MeetupFormData};
use crate::app::series;
use crate::app::talks::act;
use crate::db::models::Group;
use crate::db::repo::meetups::MeetupRow;
use crate::db::{now, DbConn};
use crate::domain::ids::{MeetupId, UserId};
use crate::domain::meetup::{duplicate, MeetupFields, MeetupInput};
use crate::domain::privacy::OnlineUrlVisibility;
use crate::domain::series::{rule_for, SeriesInput};
use crate::domain::talk::TalkAction;
use crate::domain::time::{local_input_value, parse_instant, to_local};
use crate::error::AppError;
use crate::i18n::tf;
use crate::i18n::{long_datetime, rule_in_words};
use crate::ical::add_links::{google_calendar_url, outlook_url, NewEvent};
use crate::urls::{
    group_calendar_url, group_path, meetup_calendar_path, meetup_url, new_meetup_path, report_path,
    reports_feed_url, series_path,
};
use crate::views::components::FormErrors;
use crate::views::meetups::{
    confirm_page, meetup_form, meetup_page, Confirm, FormContext, MeetupForm, MeetupPage,
    PoolChoice,
};
use crate::views::FlashKind;
use crate::web::cache::html_page;
use crate::web::extract::{CsrfForm, Empty, Page};
use crate::web::html::{render, render_status};
use crate::web::pages::{
    field_errors, flash_outcome, meetup_path, organiser_meetup, organiser_meetup_submit,
    organiser_submit, see_other, visibility,
};
use crate::web::panels::{rsvp_section, talks_section, when_text};
use crate::web::{AppState, State};

pub fn configure(cfg: &mut web::ServiceConfig) {
    // `/new` before `/{id}` so it is not taken for an id.
    cfg.service(new_meetup_form)
        .service(create_meetup)
        .service(show_meetup)
        .service(edit_meetup_form)
        .service(update_meetup)
        .service(cancel_form)
        .service(cancel_submit)
        .service(reinstate_submit)
        .service(delete_form)
        .service(delete_submit);
}

#[get("/groups/{slug}/meetups/{id}")]
async fn show_meetup(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    // Anonymous visitors (the crowd after an announcement) all see the same page.
    let key = page.shared_key("meetup-page");
    let stamp = freshness::meetup_page(slug.clone(), id.clone());
    let body = render_meetup(&state, &mut page, &slug, &id);
    html_page(&state, key, stamp, body).await
}

async fn render_meetup(
    state: &AppState,
    page: &mut Page,
    slug: &str,
    id: &MeetupId,
) -> Result<String, AppError> {
    let data = read_meetup_page(&state.db, &page.viewer, slug, id).await?;
    let row = &data.row;
    page.use_group_locale(row.group.lang());
    let organiser = data.organiser;
    let rsvp = rsvp_section(page, row, data.rsvps);
    let talks = talks_section(page, row, &data.talks);
    let report = data
        .report
        .map(|r| (r.title, report_path(&row.group.slug, &r.slug)));
    let m = &row.meetup;
    let when = when_text(row, page.lang);
    let base = &state.settings.base_url;
    let page_url = meetup_url(base, &row.group.slug, &m.id);
    let location = row
        .venue
        .as_ref()
        .map_or_else(String::new, |v| match &v.city {
            Some(city) => format!("{}, {}, {city}", v.name, v.address),
            None => format!("{}, {}", v.name, v.address),
        });
    let new_event = NewEvent {
        title: &m.title,
        starts_at: m.starts_at,
        ends_at: m.ends_at,
        details: &page_url,
        location: &location,
    };
    let series = data.series.map(|s| {
        let words = rule_in_words(page.lang, &s.rule, s.dtstart);
        (series_path(&row.group.slug, &s.id), words)
    });
    let card = crate::web::pages::card_image(base, &row.group, data.banner.as_ref());
    let view = MeetupPage {
        group_name: &row.group.name,
        group_path: group_path(&row.group.slug),
        path: meetup_path(row),
        title: &m.title,
        description: &m.description,
        cancelled: m.is_cancelled(),
        reinstatable: m.is_cancelled() && m.starts_at > now(),
        when,
        timezone: row.group.tz().name(),
        venue: row.venue.as_ref(),
        online_url: data.online_url.as_deref(),
        entry_instructions: data.entry_instructions.as_deref(),
        ics_url: meetup_calendar_path(&m.id),
        group_feed_url: group_calendar_url(base, &row.group.slug),
        organiser,
        door_helper: !organiser && page.viewer.checks_in(&row.group.id),
        deletable: data.deletable,
        started: m.starts_at <= now(),
        rsvp_deadline: m
            .rsvp_deadline
            .map(|d| long_datetime(page.lang, to_local(d, row.group.tz()))),
        report,
        url: meetup_url(base, &row.group.slug, &m.id),
        card_image: card.0,
        card_image_size: card.1,
        sponsors: data
            .sponsors
            .iter()
            .map(|s| (crate::web::pages::sponsor_item(&s.sponsor), s.role))
            .collect(),
        google_calendar_url: google_calendar_url(&new_event),
        outlook_url: outlook_url(&new_event),
        group_atom_url: reports_feed_url(base, &row.group.slug),
        duplicate_path: format!("{}?from={}", new_meetup_path(&row.group.slug), m.id),
        series,
        conduct: (
            row.group.code_of_conduct_url.as_deref(),
            row.group.incident_contact.as_deref(),
        ),
        report_problem_path: page
            .viewer
            .standing_in(&row.group.id)
            .member
            .then(|| crate::urls::incident_report_path(&row.group.slug, &m.id, None)),
        cohosts: data
            .cohosts
            .iter()
            .map(|g| (g.name.clone(), group_path(&g.slug)))
            .collect(),
        cohost_organiser: data.cohost_organiser,
    };
    Ok(meetup_page(&page.chrome(), &view, rsvp, talks).into_string())
}

/// Form strings into the API's input: empty means "none", a capacity that is not a whole number
/// is an error on `capacity`.
fn meetup_input(form: &MeetupForm) -> Result<MeetupInput, AppError> {
    let optional = |s: &str| Some(Some(s.trim().to_string()).filter(|v| !v.is_empty()));
    let capacity = Some(form_capacity(form)?);
    require_start(form)?;
    Ok(MeetupInput {
        title: Some(form.title.clone()),
        description: Some(form.description.clone()),
        starts_at: Some(form.starts_at.clone()),
        ends_at: optional(&form.ends_at),
        venue_id: optional(&form.venue_id),
        online_url: optional(&form.online_url),
        online_url_visibility: Some(visibility(form.online_url_public.is_some()).into()),
        capacity,
        rsvp_deadline: optional(&form.rsvp_deadline),
        reconfirm_before: optional(&form.reconfirm_before),
        auto_release_before: optional(&form.auto_release_before),
        announce: Some(form.announce.is_some()),
        note: Some(form.note.clone()),
    })
}

/// The form's capacity: empty is none, anything but a whole number an error on `capacity`.
fn form_capacity(form: &MeetupForm) -> Result<Option<i64>, AppError> {
    match form.capacity.trim() {
        "" => Ok(None),
        c => c
            .parse::<i64>()
            .map(Some)
            .map_err(|_| AppError::validation("capacity", "error-capacity_invalid")),
    }
}

/// The form always sends the start: empty is a mistake to show, not "keep it as it was".
fn require_start(form: &MeetupForm) -> Result<(), AppError> {
    if form.starts_at.trim().is_empty() {
        return Err(AppError::validation("starts_at", "error-required"));
    }
    Ok(())
}

/// "Make this a series": the form's first meetup becomes the series' first date, its time,
/// length and RSVP deadline the template's.
fn series_input(form: &MeetupForm, tz: Tz) -> Result<SeriesInput, AppError> {
    let local = |text: &str, field| {
        parse_instant(text, tz, field)
            .map(|at| to_local(at, tz))
            .map_err(AppError::Validation)
    };
    require_start(form)?;
    let start = local(&form.starts_at, "starts_at")?;
    let rule = rule_for(form.repeat.trim(), start.date())
        .ok_or(AppError::validation("repeat", "error-rule_invalid"))?;
    let minutes_before = |text: &str, field| -> Result<Option<i64>, AppError> {
        match text.trim() {
            "" => Ok(None),
            t => Ok(Some((start - local(t, field)?).num_minutes())),
        }
    };
    let duration = minutes_before(&form.ends_at, "ends_at")?.map(|m| -m);
    if duration.is_some_and(|m| m <= 0) {
        return Err(AppError::validation("ends_at", "error-ends_before_start"));
    }
    let deadline = minutes_before(&form.rsvp_deadline, "rsvp_deadline")?;
    if deadline.is_some_and(|m| m < 0) {
        return Err(AppError::validation(
            "rsvp_deadline",
            "error-deadline_after_start",
        ));
    }
    let capacity = form_capacity(form)?;
    Ok(SeriesInput {
        title: Some(form.title.clone()),
        description: Some(form.description.clone()),
        rule: Some(rule),
        start_time: Some(start.format("%H:%M").to_string()),
        starts_on: Some(start.date().to_string()),
        duration_minutes: duration,
        venue_id: Some(form.venue_id.clone()),
        capacity,
        online_url: Some(form.online_url.clone()),
        online_url_visibility: Some(visibility(form.online_url_public.is_some()).into()),
        rsvp_deadline_before: deadline.filter(|m| *m > 0).map(|m| format!("{m}m")),
        horizon: None,
    })
}

#[derive(Deserialize)]
struct NewMeetupQuery {
    /// "Duplicate": the meetup whose copy the form starts from.
    from: Option<MeetupId>,
}

/// The form showing `m`, times local to `tz`.
fn meetup_form_values(m: &MeetupFields, tz: Tz) -> MeetupForm {
    MeetupForm {
        title: m.title.clone(),
        description: m.description.clone(),
        starts_at: local_input_value(m.starts_at, tz),
        ends_at: local_input_value(m.ends_at, tz),
        venue_id: m.venue_id.clone().map(String::from).unwrap_or_default(),
        online_url: m.online_url.clone().unwrap_or_default(),
        online_url_public: (m.online_url_visibility == OnlineUrlVisibility::Public)
            .then(|| "on".into()),
        capacity: m.capacity.map(|c| c.to_string()).unwrap_or_default(),
        rsvp_deadline: m
            .rsvp_deadline
            .map(|d| local_input_value(d, tz))
            .unwrap_or_default(),
        reconfirm_before: m.seats.reconfirm_before.clone().unwrap_or_default(),
        auto_release_before: m.seats.auto_release_before.clone().unwrap_or_default(),
        announce: None,
        repeat: String::new(),
        note: String::new(),
        confirm_past: None,
        rest: Default::default(),
    }
}

#[get("/groups/{slug}/meetups/new")]
async fn new_meetup_form(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
    query: web::Query<NewMeetupQuery>,
) -> Result<HttpResponse, AppError> {
    let data = form_data(
        &state,
        &mut page,
        slug.into_inner(),
        query.into_inner().from,
    )
    .await?;
    let action = new_meetup_path(&data.group.slug);
    let form = match &data.meetup {
        // The copy is offered a week later, its length and RSVP deadline kept.
        Some(source) => {
            let m = &source.meetup;
            let fields = duplicate(&m.fields(), m.starts_at + Duration::days(7));
            MeetupForm {
                announce: Some("on".into()),
                ..meetup_form_values(&fields, data.group.tz())
            }
        }
        None => MeetupForm {
            announce: Some("on".into()),
            reconfirm_before: data.group.reconfirm_before.clone().unwrap_or_default(),
            auto_release_before: data.group.auto_release_before.clone().unwrap_or_default(),
            ..Default::default()
        },
    };
    Ok(form_page(
        &page,
        &data,
        &action,
        false,
        &form,
        &FormErrors::default(),
    ))
}

/// What the meetup form shows, in one checkout, with the page in the group's language.
async fn form_data(
    state: &AppState,
    page: &mut Page,
    slug: String,
    meetup: Option<MeetupId>,
) -> Result<MeetupFormData, AppError> {
    let viewer = page.viewer.clone();
    let data = state
        .db
        .run(move |conn| uc::form_data(conn, &viewer, &slug, meetup.as_ref()))
        .await?;
    page.use_group_locale(data.group.lang());
    Ok(data)
}

#[post("/groups/{slug}/meetups/new")]
async fn create_meetup(
    state: State,
    mut page: Page,
    slug: web::Path<String>,
    CsrfForm(form): CsrfForm<MeetupForm>,
) -> Result<HttpResponse, AppError> {
    let settings = state.settings.clone();
    // A series' times are read in the group's time zone, known once the group is read.
    let submitted = form.clone();
    let create = move |conn: &mut DbConn, group: &Group, user: &UserId| {
        if submitted.repeat.trim().is_empty() {
            // A start in the past is for a report: the form asks first (the API takes it).
            let past = parse_instant(&submitted.starts_at, group.tz(), "starts_at")
                .is_ok_and(|at| at <= now());
            if past && submitted.confirm_past.is_none() {
                return Err(AppError::validation("starts_at", "meetups-past_confirm"));
            }
            let mut input = meetup_input(&submitted)?;
            // Left empty on a new meetup: the venue's seats, if it says.
            if input.capacity == Some(None) {
                input.capacity = None;
            }
            uc::create_meetup(conn, &settings, user, &group.slug, &input)
                .map(|row| (meetup_path(&row), "meetups-created", Some(row.meetup.id)))
        } else {
            let input = series_input(&submitted, group.tz())?;
            let v = series::create_series(conn, user, &group.slug, &input)?;
            // Talks ticked go to the series' first meetup.
            let first = v.upcoming(now()).into_iter().next().map(|r| r.meetup.id);
            Ok((
                series_path(&group.slug, &v.series.id),
                "series-created",
                first,
            ))
        }
    };
    let (group, result) = organiser_submit(&state, &mut page, &slug, create).await?;
    match result {
        Ok((path, done, meetup)) => {
            page.flash(FlashKind::Ok, page.t(done));
            if let Some(meetup) = meetup {
                schedule_ticked(&state, &page, &meetup, &form).await?;
            }
            Ok(see_other(&path))
        }
        Err(e) => {
            let errors = field_errors(&page, e, "title")?;
            let data = form_data(&state, &mut page, group.slug, None).await?;
            let action = new_meetup_path(&data.group.slug);
            Ok(form_page(&page, &data, &action, false, &form, &errors))
        }
    }
}

/// The meetup form (new when not `editing`), with the group's venues and the most voted talks
/// of the pool; 422 when it comes back with errors.
fn form_page(
    page: &Page,
    data: &MeetupFormData,
    action: &str,
    editing: bool,
    form: &MeetupForm,
    errors: &FormErrors,
) -> HttpResponse {
    let pool: Vec<PoolChoice> = data
        .pool
        .iter()
        .take(POOL_CHOICES)
        .map(|t| {
            let label = tf(
                page.lang,
                "meetups-pool_talk",
                &[
                    ("title", &t.title),
                    ("speaker", &t.speaker),
                    ("votes", &t.votes),
                ],
            );
            (t.id.clone(), label)
        })
        .collect();
    let series_edit = data
        .meetup
        .as_ref()
        .filter(|_| editing)
        .and_then(|row| row.meetup.series_id.as_ref())
        .map(|id| format!("{}/edit", series_path(&data.group.slug, id)));
    let context = FormContext {
        action,
        editing,
        timezone: data.group.timezone.name(),
        venues: &data.venues,
        pool: &pool,
        series_edit,
        new_poll: (!editing).then(|| crate::urls::new_poll_path(&data.group.slug)),
    };
    let markup = meetup_form(&page.chrome(), &context, form, errors);
    if errors.is_empty() {
        render(markup)
    } else {
        render_status(StatusCode::UNPROCESSABLE_ENTITY, markup)
    }
}

/// How many pool talks the meetup form offers.
const POOL_CHOICES: usize = 5;

/// Puts the pool talks ticked in the form on the meetup's programme. One another organiser
/// scheduled meanwhile is named in a flash; the meetup itself is saved either way.
async fn schedule_ticked(
    state: &AppState,
    page: &Page,
    meetup: &MeetupId,
    form: &MeetupForm,
) -> Result<(), AppError> {
    let user = page.require_user()?;
    for id in form.pool_talks() {
        let action = TalkAction::Schedule {
            meetup: meetup.clone(),
            programme: Vec::new(),
            position: None,
        };
        let (settings, user) = (state.settings.clone(), user.clone());
        let schedule = move |conn: &mut DbConn| act(conn, &settings, &user, &id, vec![action]);
        let result = state.db.transaction(schedule).await;
        match result {
            Ok(_) => {}
            Err(e @ (AppError::NotFound | AppError::Forbidden)) => {
                page.flash(FlashKind::Bad, &e.message(page.lang))
            }
            Err(e) => flash_outcome(page, Err::<(), _>(e), "")?,
        }
    }
    Ok(())
}

#[get("/groups/{slug}/meetups/{id}/edit")]
async fn edit_meetup_form(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let data = form_data(&state, &mut page, slug, Some(id)).await?;
    let row = data.meetup.as_ref().ok_or(AppError::NotFound)?;
    let form = meetup_form_values(&row.meetup.fields(), data.group.tz());
    let action = format!("{}/edit", meetup_path(row));
    Ok(form_page(
        &page,
        &data,
        &action,
        true,
        &form,
        &FormErrors::default(),
    ))
}

#[post("/groups/{slug}/meetups/{id}/edit")]
async fn update_meetup(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId)>,
    CsrfForm(form): CsrfForm<MeetupForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let (settings, input) = (state.settings.clone(), meetup_input(&form));
    let update = move |conn: &mut DbConn, row: &MeetupRow, user: &UserId| {
        uc::update_meetup(conn, &settings, user, &row.meetup.id, &input?)
    };
    let (_, _, result) = organiser_meetup_submit(&state, &mut page, &slug, &id, update).await?;
    match result {
        Ok(row) => {
            page.flash(FlashKind::Ok, page.t("meetups-saved"));
            schedule_ticked(&state, &page, &row.meetup.id, &form).await?;
            Ok(see_other(&meetup_path(&row)))
        }
        Err(e) => {
            let errors = field_errors(&page, e, "capacity")?;
            let action = format!("{}/edit", crate::urls::meetup_path(&slug, &id));
            let data = form_data(&state, &mut page, slug, Some(id)).await?;
            Ok(form_page(&page, &data, &action, true, &form, &errors))
        }
    }
}

#[get("/groups/{slug}/meetups/{id}/cancel")]
async fn cancel_form(
    state: State,
    page: Page,
    path: web::Path<(String, MeetupId)>,
) -> Result<HttpResponse, AppError> {
    confirm(&state, page, path.into_inner(), Confirm::Cancel).await
}

/// The confirmation an organiser sees before cancelling or deleting the meetup.
async fn confirm(
    state: &AppState,
    mut page: Page,
    (slug, id): (String, MeetupId),
    what: Confirm,
) -> Result<HttpResponse, AppError> {
    let (_, row) = organiser_meetup(state, &mut page, &slug, &id).await?;
    Ok(render(confirm_page(
        &page.chrome(),
        what,
        &row.meetup.title,
        &meetup_path(&row),
    )))
}

#[post("/groups/{slug}/meetups/{id}/cancel")]
async fn cancel_submit(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId)>,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let settings = state.settings.clone();
    let cancel = move |conn: &mut DbConn, row: &MeetupRow, user: &UserId| {
        uc::cancel_meetup(conn, &settings, user, &row.meetup.id)
    };
    let (_, _, result) = organiser_meetup_submit(&state, &mut page, &slug, &id, cancel).await?;
    let row = result?;
    page.flash(FlashKind::Ok, page.t("meetups-cancelled_flash"));
    Ok(see_other(&meetup_path(&row)))
}

#[post("/groups/{slug}/meetups/{id}/reinstate")]
async fn reinstate_submit(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId)>,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let settings = state.settings.clone();
    let reinstate = move |conn: &mut DbConn, row: &MeetupRow, user: &UserId| {
        uc::reinstate_meetup(conn, &settings, user, &row.meetup.id)
    };
    let (_, row, result) =
        organiser_meetup_submit(&state, &mut page, &slug, &id, reinstate).await?;
    flash_outcome(&page, result, page.t("meetups-reinstated_flash"))?;
    Ok(see_other(&meetup_path(&row)))
}

#[get("/groups/{slug}/meetups/{id}/delete")]
async fn delete_form(
    state: State,
    page: Page,
    path: web::Path<(String, MeetupId)>,
) -> Result<HttpResponse, AppError> {
    confirm(&state, page, path.into_inner(), Confirm::Delete).await
}

#[post("/groups/{slug}/meetups/{id}/delete")]
async fn delete_submit(
    state: State,
    mut page: Page,
    path: web::Path<(String, MeetupId)>,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let delete = move |conn: &mut DbConn, row: &MeetupRow, user: &UserId| {
        uc::delete_meetup(conn, user, &row.meetup.id)
    };
    let (group, row, result) =
        organiser_meetup_submit(&state, &mut page, &slug, &id, delete).await?;
    let deleted = result.is_ok();
    flash_outcome(&page, result, page.t("meetups-deleted_flash"))?;
    Ok(see_other(&if deleted {
        group_path(&group.slug)
    } else {
        meetup_path(&row)
    }))
}
