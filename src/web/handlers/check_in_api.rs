//! Members checking themselves in at the door with its code.

use actix_web::{post, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::check_in::{self as uc, SelfCheckIn};
use crate::domain::ids::MeetupId;
use crate::error::AppError;
use crate::web::extract::ApiUser;
use crate::web::json::ErrorBody;
use crate::web::State;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(self_check_in);
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
