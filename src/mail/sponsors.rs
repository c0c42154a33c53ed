//! The line that thanks a meetup's hosts and sponsors, in the mails about it.

use crate::db::repo::sponsors::sponsors_of_meetup;
use crate::db::DbConn;
use crate::domain::ids::MeetupId;
use crate::domain::sponsor::SponsorRole;
use crate::error::AppError;
use crate::i18n::{sponsor_thanks, Lang};

/// A meetup's hosts and sponsors as its mails name them, read once for every recipient of a
/// batch (each in their own language).
pub(super) struct Thanks(Vec<(String, SponsorRole)>);

impl Thanks {
    pub(super) fn of(conn: &mut DbConn, meetup: &MeetupId) -> Result<Self, AppError> {
        let named = sponsors_of_meetup(conn, meetup)?
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
        Ok(Self(named))
    }

    /// « Merci à Acme (https://acme.example) pour l'accueil. », or none without sponsors.
    pub(super) fn line(&self, lang: Lang) -> Option<String> {
        sponsor_thanks(lang, &self.0)
    }
}
