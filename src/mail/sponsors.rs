//! The line that thanks a meetup's hosts and sponsors, in the mails about it.

use crate::db::repo::sponsors::sponsors_of_meetup;
use crate::db::DbConn;
use crate::domain::ids::MeetupId;
use crate::error::AppError;
use crate::i18n::{sponsor_thanks, Lang};

/// « Merci à Acme (https://acme.example) pour l'accueil. », or none without sponsors.
pub(super) fn thanks_line(
    conn: &mut DbConn,
    meetup: &MeetupId,
    lang: Lang,
) -> Result<Option<String>, AppError> {
    let named: Vec<_> = sponsors_of_meetup(conn, meetup)?
        .into_iter()
        .map(|s| {
            let sponsor = s.sponsor.sponsor;
            let name = match &sponsor.url {
                Some(url) => format!("{} ({url})", sponsor.name),
                None => sponsor.name,
            };
            (name, s.role)
        })
        .collect();
    Ok(sponsor_thanks(lang, &named))
}
