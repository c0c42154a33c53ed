//! RSVP form and organisers' check-in on the HTML meetup page.

use actix_web::{get, post, web, HttpResponse};
use maud::Markup;
use serde::Deserialize;

use super::accounts_pages::see_other;
use super::groups::{load_meetup, require_organiser, role_in};
use super::rsvps::answer;
use crate::db::now;
use crate::db::repo::meetups::MeetupRow;
use crate::db::repo::rsvps::{self, Attendee};
use crate::domain::group::GroupRole;
use crate::domain::rsvp::{check_open, Answer, RsvpStatus};
use crate::error::AppError;
use crate::i18n::tf;
use crate::views::layout::render;
use crate::views::rsvp::{checkin_page, rsvp_panel, PersonView, RsvpPanel};
use crate::views::FlashKind;
use crate::web::extract::{CsrfForm, Page};
use crate::web::AppState;
use crate::web::State;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(rsvp_submit)
        .service(checkin_form)
        .service(checkin_submit);
}

pub fn meetup_path(row: &MeetupRow) -> String {
    format!("/groups/{}/meetups/{}", row.group.slug, row.meetup.id)
}

fn person(a: Attendee) -> PersonView {
    PersonView {
        user_id: a.user_id,
        name: a.name,
        guests: a.guests,
        attended: a.attended,
        position: a.position,
    }
}

/// The meetup page's RSVP section for whoever is looking.
pub async fn panel_for(state: &AppState, page: &Page, row: &MeetupRow) -> Result<Markup, AppError> {
    let is_organiser =
        role_in(state, &row.group, page.user.as_ref()).await? == Some(GroupRole::Organiser);
    let meetup_id = row.meetup.id.clone();
    let user_id = page.user.as_ref().map(|u| u.id.clone());
    let (going, waitlist, own) = state
        .db
        .run(move |conn| {
            let (going, waitlist) = rsvps::attendees(conn, &meetup_id)?;
            let own = match user_id {
                Some(u) => rsvps::own_rsvp(conn, &meetup_id, &u)?,
                None => None,
            };
            Ok((going, waitlist, own))
        })
        .await?;
    let m = &row.meetup;
    let panel = RsvpPanel {
        meetup_path: meetup_path(row),
        signed_in: page.user.is_some(),
        own: own.map(|(p, position)| (p.status, p.guests, position)),
        capacity: m.capacity,
        going_seats: row.counts.going_seats,
        open: check_open(m.is_cancelled(), m.starts_at, m.rsvp_deadline, now()),
        going: going.into_iter().map(person).collect(),
        waitlist: waitlist.into_iter().map(person).collect(),
        is_organiser,
    };
    Ok(rsvp_panel(&page.chrome(), &panel))
}

/// The meetup, checked to belong to the group in the URL.
pub async fn meetup_in_group(
    state: &AppState,
    slug: &str,
    id: &str,
) -> Result<MeetupRow, AppError> {
    let row = load_meetup(state, id).await?;
    if row.group.slug != slug {
        return Err(AppError::NotFound);
    }
    Ok(row)
}

/// The meetup of a page under `/groups/{slug}/meetups/{id}`, with the page in its group's language.
pub async fn meetup_for_page(
    state: &AppState,
    page: &mut Page,
    slug: &str,
    id: &str,
) -> Result<MeetupRow, AppError> {
    let row = meetup_in_group(state, slug, id).await?;
    page.use_group_locale(row.group.lang());
    Ok(row)
}

#[derive(Deserialize)]
struct RsvpForm {
    #[serde(default)]
    answer: String,
    #[serde(default)]
    guests: String,
}

#[post("/groups/{slug}/meetups/{id}/rsvp")]
async fn rsvp_submit(
    state: State,
    mut page: Page,
    path: web::Path<(String, String)>,
    CsrfForm(form): CsrfForm<RsvpForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let row = meetup_for_page(&state, &mut page, &slug, &id).await?;
    let user = page.require_user()?.clone();
    let guests = form.guests.trim().parse::<i64>().ok().or(Some(0));
    let target = meetup_path(&row);
    let result = match Answer::parse(&form.answer, guests) {
        Ok(a) => answer(&state, &user, &row.meetup.id, a).await,
        Err(e) => Err(e.into()),
    };
    match result {
        Ok(outcome) => {
            let text = match outcome.party.status {
                RsvpStatus::Going => page.t("rsvp.saved_going").to_string(),
                RsvpStatus::Waitlisted => tf(
                    page.lang,
                    "rsvp.saved_waitlisted",
                    &[("n", &outcome.position.unwrap_or(0).to_string())],
                ),
                RsvpStatus::NotGoing => page.t("rsvp.saved_not_going").to_string(),
            };
            page.flash(FlashKind::Ok, &text);
        }
        Err(e @ (AppError::Conflict(..) | AppError::Validation(_))) => {
            page.flash(FlashKind::Bad, &e.message(page.lang));
        }
        Err(e) => return Err(e),
    }
    Ok(see_other(&format!("{target}#rsvp")))
}

#[get("/groups/{slug}/meetups/{id}/checkin")]
async fn checkin_form(
    state: State,
    mut page: Page,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let row = meetup_for_page(&state, &mut page, &slug, &id).await?;
    require_organiser(&state, &row.group, page.require_user()?).await?;
    let m = row.meetup.id.clone();
    let (going, _) = state.db.run(move |conn| rsvps::attendees(conn, &m)).await?;
    let going: Vec<PersonView> = going.into_iter().map(person).collect();
    Ok(render(checkin_page(
        &page.chrome(),
        &row.meetup.title,
        &meetup_path(&row),
        &going,
    )))
}

#[post("/groups/{slug}/meetups/{id}/checkin")]
async fn checkin_submit(
    state: State,
    mut page: Page,
    path: web::Path<(String, String)>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let row = meetup_for_page(&state, &mut page, &slug, &id).await?;
    // Repeated `attended=` fields: parse as pairs (serde_urlencoded has no Vec support).
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_bytes(&body).map_err(|e| AppError::InvalidJson(e.to_string()))?;
    let token = pairs
        .iter()
        .find(|(k, _)| k == "csrf_token")
        .map(|(_, v)| v.as_str())
        .unwrap_or("");
    crate::web::extract::verify_csrf(&page.session, token)?;
    require_organiser(&state, &row.group, page.require_user()?).await?;
    let came: Vec<String> = pairs
        .into_iter()
        .filter(|(k, _)| k == "attended")
        .map(|(_, v)| v)
        .collect();
    let m = row.meetup.id.clone();
    state
        .db
        .run_write(move |conn| {
            use diesel::Connection;
            conn.transaction(|conn| {
                let (going, _) = rsvps::attendees(conn, &m)?;
                for a in going {
                    let attended = came.contains(&a.user_id);
                    if attended != a.attended {
                        rsvps::set_attendance(conn, &m, &a.user_id, attended)?;
                    }
                }
                Ok(())
            })
        })
        .await?;
    page.flash(FlashKind::Ok, page.t("checkin.saved"));
    Ok(see_other(&meetup_path(&row)))
}
