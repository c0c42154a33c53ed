//! Co-hosting: the invited group's organisers are asked, each in their language, with the
//! page where they accept or decline (`/groups/{slug}/cohosts`).

use chrono::NaiveDateTime;

use super::letter::{stamp, Letter};
use crate::config::Settings;
use crate::db::models::Group;
use crate::db::repo::cohosts;
use crate::db::repo::meetups::MeetupRow;
use crate::db::DbConn;
use crate::domain::mail::MailKind;
use crate::error::AppError;
use crate::i18n::t;
use crate::urls::group_url;

/// Tells each organiser of `invited` that the meetup's group asks it to co-host `row`; once
/// per invitation (`cohost:{meetup}:{group}:{asked at}:{user}`).
#[tracing::instrument(skip_all, fields(kind = %MailKind::CohostInvited, meetup = %row.meetup.id))]
pub fn invited(
    conn: &mut DbConn,
    settings: &Settings,
    row: &MeetupRow,
    invited: &Group,
    at: NaiveDateTime,
) -> Result<(), AppError> {
    let url = format!("{}/cohosts", group_url(&settings.base_url, &invited.slug));
    for user in cohosts::organisers_of(conn, &invited.id)? {
        let key = format!(
            "cohost:{}:{}:{}:{}",
            row.meetup.id,
            invited.id,
            stamp(at),
            user.id
        );
        let label = t(user.lang(), "mail-cohost_invited-action").to_string();
        Letter::new(
            MailKind::CohostInvited,
            key,
            &user,
            row,
            "mail-cohost_invited",
        )
        .args(vec![
            ("group", row.group.name.clone().into()),
            ("cohost", invited.name.clone().into()),
        ])
        .action(Some((label, url.clone())))
        .send(conn, settings)?;
    }
    Ok(())
}
