//! Members checking themselves in at the door with its code, and their attendance history.

use actix_web::{get, post, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::check_in::{self as uc, SelfCheckIn};
use crate::domain::ids::{MeetupId, UserId};
use crate::domain::time::format_utc;
use crate::error::AppError;
use crate::web::extract::{ApiUser, ApiViewer};
use crate::web::json::ErrorBody;
use crate::web::State;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(self_check_in).service(attendance);
}

#[derive(Deserialize, ToSchema)]
struct CheckInBody {
    /// The code shown at the door (any case; spaces and dashes ignored).
    #[serde(default)]
    code: String,
}

#[derive(Serialize, ToSchema)]
struct CheckInJson {
    attended: bool,
}

/// Checks the caller in with the door code (shown on the check-in page and the sign-in sheet),
/// from two hours before the start to the end; the member's guests are counted with them.
#[utoipa::path(
    tag = "rsvps",
    params(("id" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 200, body = CheckInJson),
        (status = 403, description = "`forbidden`: the caller is not going", body = ErrorBody),
        (status = 409, description = "`checkin_closed` (before two hours before the start, after the end), `meetup_cancelled`", body = ErrorBody),
        (status = 422, description = "`validation_failed` on `code`: not the door code", body = ErrorBody),
        (status = 429, description = "`rate_limited`: five wrong codes for this meetup; the door ticks the member in", body = ErrorBody),
    )
)]
#[post("/meetups/{id}/check-in")]
async fn self_check_in(
    state: State,
    ApiUser(user): ApiUser,
    id: web::Path<MeetupId>,
    body: web::Json<CheckInBody>,
) -> Result<HttpResponse, AppError> {
    let (meetup, code, settings) = (
        id.into_inner(),
        body.into_inner().code,
        state.settings.clone(),
    );
    let outcome = state
        .db
        .transaction(move |conn| uc::self_check_in(conn, &settings, &user.id, &meetup, &code))
        .await?;
    match outcome {
        SelfCheckIn::CheckedIn => Ok(HttpResponse::Ok().json(CheckInJson { attended: true })),
        SelfCheckIn::WrongCode => Err(AppError::validation("code", "error-code_invalid")),
    }
}

#[derive(Serialize, ToSchema)]
struct AttendanceHistoryJson {
    /// Meetups of the group the member was going to when they started.
    going: i64,
    /// Of those, the ones they were checked in at.
    attended: i64,
    /// Going at the start of a meetup that used check-in, and not checked in.
    no_shows: i64,
    /// Seats given back in the last 24 hours before the start.
    late_releases: i64,
    /// Where the history begins: twelve months ago (older meetups are not counted).
    since: String,
}

/// A member's attendance history in the group over the last twelve months (the group's
/// organisers and the member themself).
#[utoipa::path(
    tag = "groups",
    params(("slug" = String, Path), ("user_id" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 200, body = AttendanceHistoryJson),
        (status = 403, description = "`forbidden`: neither an organiser nor the member", body = ErrorBody),
    )
)]
#[get("/groups/{slug}/members/{user_id}/attendance")]
async fn attendance(
    state: State,
    ApiViewer(viewer): ApiViewer,
    path: web::Path<(String, UserId)>,
) -> Result<HttpResponse, AppError> {
    let (slug, member) = path.into_inner();
    let history = state
        .db
        .run(move |conn| uc::attendance(conn, &viewer, &slug, &member))
        .await?;
    let c = history.counts;
    Ok(HttpResponse::Ok().json(AttendanceHistoryJson {
        going: c.going,
        attended: c.attended,
        no_shows: c.no_shows,
        late_releases: c.late_releases,
        since: format_utc(history.since),
    }))
}
