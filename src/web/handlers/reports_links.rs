//! Links from meetup and group pages to meetup reports.

use maud::Markup;

use super::reports::report_path;
use crate::db::models::Group;
use crate::db::repo::meetups::MeetupRow;
use crate::db::repo::reports;
use crate::domain::time::to_local;
use crate::error::AppError;
use crate::i18n::long_date;
use crate::views::reports::report_links;
use crate::web::extract::Page;
use crate::web::AppState;

/// (title, path) of the meetup's report, when there is one this viewer may see.
pub async fn meetup_report(
    state: &AppState,
    row: &MeetupRow,
    organiser: bool,
) -> Result<Option<(String, String)>, AppError> {
    let m = row.meetup.id.clone();
    let report = state
        .db
        .run(move |conn| reports::report_of_meetup(conn, &m))
        .await?;
    Ok(report
        .filter(|r| r.published || organiser)
        .map(|r| (r.title.clone(), report_path(&row.group, &r))))
}

/// The group page's section listing published reports.
pub async fn group_reports(
    state: &AppState,
    page: &Page,
    group: &Group,
) -> Result<Markup, AppError> {
    let g = group.id.clone();
    let list = state
        .db
        .run(move |conn| reports::published_reports(conn, &g))
        .await?;
    let links: Vec<(String, String, String)> = list
        .iter()
        .map(|(r, m)| {
            (
                r.title.clone(),
                report_path(group, r),
                long_date(page.lang, to_local(m.starts_at, group.tz())),
            )
        })
        .collect();
    Ok(report_links(
        &page.chrome(),
        &format!("/groups/{}/reports.atom", group.slug),
        &links,
    ))
}
