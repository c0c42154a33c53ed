//! Domain types stored as TEXT columns, on both backends: state enums written as their names and
//! read back only when the name is known (an unknown stored value is an error, never a default
//! state), and typed ids.

use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql};
use diesel::serialize::{self, Output, ToSql};
use diesel::sql_types::Text;

use crate::db::models::OutboxStatus;
use crate::domain::group::GroupRole;
use crate::domain::ids::{GroupId, MeetupId, UserId};
use crate::domain::mail::MailKind;
use crate::domain::meetup::MeetupStatus;
use crate::domain::message::{Audience, NoticeMode};
use crate::domain::privacy::{AttendeeVisibility, OnlineUrlVisibility};
use crate::domain::rsvp::RsvpStatus;
use crate::domain::talk::TalkStatus;
use crate::domain::venue_suggestion::SuggestionStatus;

macro_rules! text_enum {
    ($($ty:ident),* $(,)?) => {$(
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
                self.as_str().to_sql(out)
            }
        }

        impl<DB: Backend> FromSql<Text, DB> for $ty
        where
            String: FromSql<Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
                let text = String::from_sql(bytes)?;
                $ty::parse(&text).ok_or_else(|| {
                    format!(concat!("unknown ", stringify!($ty), " {:?} in the database"), text)
                        .into()
                })
            }
        }
    )*};
}

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
);
