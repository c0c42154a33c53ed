//! Domain types stored as TEXT columns, on both backends: state enums written as their names and
//! read back only when the name is known (an unknown stored value is an error, never a default
//! state), languages, time zones and typed ids.

use chrono_tz::Tz;
use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql};
use diesel::serialize::{self, Output, ToSql};
use diesel::sql_types::Text;

use crate::db::models::OutboxStatus;
use crate::domain::account::Locale;
use crate::domain::group::GroupRole;
use crate::domain::ids::{
    GroupId, IncidentReportId, InvitationId, MeetupId, MessageId, PollId, PollOptionId, QuestionId,
    ReportId, SeatMoveId, SeriesId, SponsorId, SuggestionId, TalkId, UserId, VenueId, WalkInId,
    WebhookId,
};
use crate::domain::mail::MailKind;
use crate::domain::meetup::MeetupStatus;
use crate::domain::message::{Audience, NoticeMode};
use crate::domain::poll::{OptionKind, PollAnswer};
use crate::domain::privacy::{AttendeeVisibility, OnlineUrlVisibility};
use crate::domain::rsvp::RsvpStatus;
use crate::domain::talk::TalkStatus;
use crate::domain::venue_suggestion::SuggestionStatus;
use crate::domain::webhook::{DeliveryStatus, WebhookEvent, WebhookFormat};

/// A time zone stored by its IANA name. The model field is a plain `Tz`; this carries it
/// through diesel (`serialize_as`/`deserialize_as`), as a foreign type cannot be mapped directly.
#[derive(Debug, Clone, Copy)]
pub struct StoredTz(pub Tz);

impl From<StoredTz> for Tz {
    fn from(stored: StoredTz) -> Tz {
        stored.0
    }
}

impl From<Tz> for StoredTz {
    fn from(tz: Tz) -> StoredTz {
        StoredTz(tz)
    }
}

macro_rules! text_column {
    ($ty:ident, $write:expr, $read:expr) => {
        // The derives make the type usable in queries and rows (through a proxy, as the domain
        // types carry no diesel attributes); the two impls below say how it is spelt.
        const _: () = {
            #[derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow)]
            #[diesel(foreign_derive)]
            #[diesel(sql_type = Text)]
            #[allow(dead_code)]
            struct Proxy($ty);
        };

        impl<DB: Backend> ToSql<Text, DB> for $ty
        where
            str: ToSql<Text, DB>,
        {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, DB>) -> serialize::Result {
                let write: fn(&$ty) -> &str = $write;
                write(self).to_sql(out)
            }
        }

        impl<DB: Backend> FromSql<Text, DB> for $ty
        where
            String: FromSql<Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
                let text = String::from_sql(bytes)?;
                let read: fn(&str) -> Option<$ty> = $read;
                read(&text).ok_or_else(|| {
                    format!(
                        concat!("unknown ", stringify!($ty), " {:?} in the database"),
                        text
                    )
                    .into()
                })
            }
        }
    };
}

macro_rules! text_enum {
    ($($ty:ident),* $(,)?) => {$(
        text_column!($ty, |value| value.as_str(), |text| $ty::parse(text));
    )*};
}

text_column!(Locale, |locale| locale.code(), Locale::parse);
text_column!(StoredTz, |tz| tz.0.name(), |text| text
    .parse()
    .ok()
    .map(StoredTz));

text_enum!(
    RsvpStatus,
    MeetupStatus,
    TalkStatus,
    SuggestionStatus,
    GroupRole,
    AttendeeVisibility,
    OnlineUrlVisibility,
    OutboxStatus,
    Audience,
    NoticeMode,
    MailKind,
    UserId,
    GroupId,
    MeetupId,
    TalkId,
    VenueId,
    SeriesId,
    SuggestionId,
    ReportId,
    MessageId,
    IncidentReportId,
    WalkInId,
    SeatMoveId,
    QuestionId,
    PollId,
    PollOptionId,
    OptionKind,
    PollAnswer,
    WebhookId,
    WebhookFormat,
    WebhookEvent,
    DeliveryStatus,
    SponsorId,
    InvitationId,
);
