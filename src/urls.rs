//! Every public path and URL in one place: pages, feeds, mails and the API all link through here.
//!
//! `*_path` is site-relative (`/groups/x`); `*_url` prefixes the public `BASE_URL`.

use url::{Position, Url};

use crate::domain::ids::{MeetupId, PollId, SeriesId, TalkId, UserId};

/// Where to send someone after signing in: `next` as a browser would resolve it against this
/// site (WHATWG parsing drops tabs and newlines, reads `\\` as `/`, so `/\t/evil.example/` is
/// another origin), kept only when it stays on this site. The path comes back re-serialised, so
/// it is always a valid `Location` header.
pub fn local_redirect(next: Option<&str>) -> String {
    const HOME: &str = "/";
    let Some(next) = next.filter(|n| n.starts_with('/')) else {
        return HOME.into();
    };
    let base = Url::parse("http://this.site.invalid/").expect("a valid base");
    match base.join(next) {
        Ok(target) if target.origin() == base.origin() => target[Position::BeforePath..].into(),
        _ => HOME.into(),
    }
}

/// What a signed-out visitor asked for before signing in or up, carried in `next` by the links
/// between the sign-in and sign-up pages. The CSRF-checked POST of either form carries it out,
/// so that no GET a third party could send changes anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInIntent {
    /// "I'm going" on a meetup page.
    Going {
        group_slug: String,
        meetup: MeetupId,
    },
    /// "Join the group" on a group page.
    Join { group_slug: String },
}

impl SignInIntent {
    /// What `next` holds for this intent: the path of the form it stands for.
    pub fn next_path(&self) -> String {
        match self {
            SignInIntent::Going { group_slug, meetup } => {
                going_next_path(&meetup_path(group_slug, meetup))
            }
            SignInIntent::Join { group_slug } => join_next_path(&group_path(group_slug)),
        }
    }

    /// The intent that a `next` (already through [`local_redirect`]) stands for, if any.
    pub fn from_next(next: &str) -> Option<SignInIntent> {
        let next = next.split('#').next().unwrap_or_default();
        let (path, query) = next.split_once('?').unwrap_or((next, ""));
        let parts: Vec<&str> = path.strip_prefix("/groups/")?.split('/').collect();
        match parts.as_slice() {
            [slug, "join"] if query.is_empty() && !slug.is_empty() => Some(SignInIntent::Join {
                group_slug: (*slug).to_string(),
            }),
            [slug, "meetups", id, "rsvp"]
                if query == "answer=yes" && !slug.is_empty() && !id.is_empty() =>
            {
                Some(SignInIntent::Going {
                    group_slug: (*slug).to_string(),
                    meetup: MeetupId::from((*id).to_string()),
                })
            }
            _ => None,
        }
    }

    /// Where the visitor lands once it is done (or refused).
    pub fn landing_path(&self) -> String {
        match self {
            SignInIntent::Going { group_slug, meetup } => {
                format!("{}#rsvp", meetup_path(group_slug, meetup))
            }
            SignInIntent::Join { group_slug } => group_path(group_slug),
        }
    }
}

/// `next` for "I'm going" on the meetup page at `meetup_path` (see [`SignInIntent`]).
pub fn going_next_path(meetup_path: &str) -> String {
    format!("{meetup_path}/rsvp?answer=yes")
}

/// `next` for "Join the group" on the group page at `group_path` (see [`SignInIntent`]).
pub fn join_next_path(group_path: &str) -> String {
    format!("{group_path}/join")
}

fn with_next(page: &str, next: Option<&str>) -> String {
    match next {
        Some(next) => format!(
            "{page}?next={}",
            url::form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>()
        ),
        None => page.to_string(),
    }
}

/// The sign-in page, back to `next` afterwards.
pub fn login_path(next: Option<&str>) -> String {
    with_next("/login", next)
}

/// The sign-up page, back to `next` afterwards.
pub fn register_path(next: Option<&str>) -> String {
    with_next("/register", next)
}

/// Where to ask for a link to choose a new password.
pub const PASSWORD_RESET_PATH: &str = "/password-reset";

pub fn password_reset_path(token: &str) -> String {
    format!("{PASSWORD_RESET_PATH}/{token}")
}

pub fn password_reset_url(base_url: &str, token: &str) -> String {
    format!("{base_url}{}", password_reset_path(token))
}

/// A signed one-click answer (see `mail::answer_links`).
pub fn answer_link_path(token: &str) -> String {
    format!("/r/{token}")
}

pub fn answer_link_url(base_url: &str, token: &str) -> String {
    format!("{base_url}{}", answer_link_path(token))
}

/// A signed one-click answer to a poll's date (see `mail::answer_links::PollLink`).
pub fn poll_answer_path(token: &str) -> String {
    format!("/poll-answer/{token}")
}

pub fn poll_answer_url(base_url: &str, token: &str) -> String {
    format!("{base_url}{}", poll_answer_path(token))
}

/// The organisers' form opening a poll.
pub fn new_poll_path(group_slug: &str) -> String {
    format!("/groups/{group_slug}/polls/new")
}

/// The link that confirms an answer given without an account (see `app::guest_rsvps`).
pub fn guest_answer_path(token: &str) -> String {
    format!("/guest-rsvp/{token}")
}

pub fn guest_answer_url(base_url: &str, token: &str) -> String {
    format!("{base_url}{}", guest_answer_path(token))
}

/// An invitation's signed link (see `app::invitations`).
pub fn invitation_path(token: &str) -> String {
    format!("/invitations/{token}")
}

/// The signed link by which an address asks for no more invitations, from any group.
pub fn invitation_optout_path(token: &str) -> String {
    format!("/unsubscribe/invitations/{token}")
}

/// The organisers' page inviting people to a group.
pub fn group_invitations_path(slug: &str) -> String {
    format!("/groups/{slug}/invitations")
}

/// The meetup page's form for answering without an account.
pub fn guest_rsvp_form_path(meetup_path: &str) -> String {
    format!("{meetup_path}/guest-rsvp")
}

pub fn email_change_path(token: &str) -> String {
    format!("/email-change/{token}")
}

pub fn email_change_url(base_url: &str, token: &str) -> String {
    format!("{base_url}{}", email_change_path(token))
}

/// Where a member chooses which mails they get, among the rest of their account.
pub const ACCOUNT_PATH: &str = "/account";

/// Writing to the group's members, and the messages already sent.
pub fn group_messages_path(slug: &str) -> String {
    format!("/groups/{slug}/messages")
}

/// Writing to a meetup's participants, and the messages already sent.
pub fn meetup_messages_path(group_slug: &str, meetup_id: &MeetupId) -> String {
    format!("{}/messages", meetup_path(group_slug, meetup_id))
}

pub fn group_path(slug: &str) -> String {
    format!("/groups/{slug}")
}

pub fn group_url(base_url: &str, slug: &str) -> String {
    format!("{base_url}{}", group_path(slug))
}

/// The group page's venue suggestions section.
/// The group's talk pool.
pub fn group_talks_path(slug: &str) -> String {
    format!("/groups/{slug}/talks")
}

pub fn group_talks_url(base_url: &str, slug: &str) -> String {
    format!("{base_url}{}", group_talks_path(slug))
}

pub fn group_suggestions_path(slug: &str) -> String {
    format!("{}#venue-suggestions", group_path(slug))
}

pub fn group_calendar_path(slug: &str) -> String {
    format!("/groups/{slug}/calendar.ics")
}

pub fn group_calendar_url(base_url: &str, slug: &str) -> String {
    format!("{base_url}{}", group_calendar_path(slug))
}

pub fn new_meetup_path(group_slug: &str) -> String {
    format!("/groups/{group_slug}/meetups/new")
}

pub fn series_path(group_slug: &str, series_id: &SeriesId) -> String {
    format!("/groups/{group_slug}/series/{series_id}")
}

pub fn series_url(base_url: &str, group_slug: &str, series_id: &SeriesId) -> String {
    format!("{base_url}{}", series_path(group_slug, series_id))
}

pub fn poll_path(group_slug: &str, poll_id: &PollId) -> String {
    format!("/groups/{group_slug}/polls/{poll_id}")
}

pub fn poll_url(base_url: &str, group_slug: &str, poll_id: &PollId) -> String {
    format!("{base_url}{}", poll_path(group_slug, poll_id))
}

pub fn meetup_path(group_slug: &str, meetup_id: &MeetupId) -> String {
    format!("/groups/{group_slug}/meetups/{meetup_id}")
}

pub fn meetup_url(base_url: &str, group_slug: &str, meetup_id: &MeetupId) -> String {
    format!("{base_url}{}", meetup_path(group_slug, meetup_id))
}

/// Where a member checks in at the door (the QR code opens it with the door code).
pub fn self_check_in_path(group_slug: &str, meetup_id: &MeetupId) -> String {
    format!("{}/check-in", meetup_path(group_slug, meetup_id))
}

/// The self check-in page with the door code filled in: what the door's QR code holds.
pub fn self_check_in_url(
    base_url: &str,
    group_slug: &str,
    meetup_id: &MeetupId,
    code: &str,
) -> String {
    format!(
        "{base_url}{}?code={code}",
        self_check_in_path(group_slug, meetup_id)
    )
}

/// The form to report a problem at the meetup (or with one of its talks) to the organisers.
pub fn incident_report_path(
    group_slug: &str,
    meetup_id: &MeetupId,
    talk: Option<&TalkId>,
) -> String {
    match talk {
        Some(talk) => format!(
            "{}/report-problem?talk={talk}",
            meetup_path(group_slug, meetup_id)
        ),
        None => format!("{}/report-problem", meetup_path(group_slug, meetup_id)),
    }
}

/// The going members as CSV, for organisers (bearer token or browser session).
pub fn attendees_csv_path(meetup_id: &MeetupId) -> String {
    format!("/api/v1/meetups/{meetup_id}/attendees.csv")
}

pub fn meetup_calendar_path(meetup_id: &MeetupId) -> String {
    format!("/meetups/{meetup_id}.ics")
}

pub fn meetup_calendar_url(base_url: &str, meetup_id: &MeetupId) -> String {
    format!("{base_url}{}", meetup_calendar_path(meetup_id))
}

pub fn report_path(group_slug: &str, report_slug: &str) -> String {
    format!("/groups/{group_slug}/reports/{report_slug}")
}

pub fn report_url(base_url: &str, group_slug: &str, report_slug: &str) -> String {
    format!("{base_url}{}", report_path(group_slug, report_slug))
}

/// The report as Pelican Markdown.
pub fn report_markdown_path(group_slug: &str, report_slug: &str) -> String {
    format!("{}.md", report_path(group_slug, report_slug))
}

pub fn reports_feed_path(group_slug: &str) -> String {
    format!("/groups/{group_slug}/reports.atom")
}

pub fn reports_feed_url(base_url: &str, group_slug: &str) -> String {
    format!("{base_url}{}", reports_feed_path(group_slug))
}

/// A member's personal calendar, addressed by its secret.
pub fn personal_calendar_url(base_url: &str, secret: &str) -> String {
    format!("{base_url}/calendar/{secret}.ics")
}

/// A signed one-click unsubscribe link (the signature is made by `mail::unsubscribe`).
pub fn unsubscribe_path(user_id: &UserId, topic: &str, signature: &str) -> String {
    format!("/unsubscribe/{user_id}/{topic}/{signature}")
}

pub fn asset_path(name: &str, version: &str) -> String {
    format!("/assets/{name}?v={version}")
}

/// The preview image of a shared link, absolute as previews need it.
pub fn card_image_url(base_url: &str) -> String {
    format!(
        "{base_url}{}",
        asset_path(crate::assets::CARD_IMAGE, crate::assets::version())
    )
}

/// A group's banner, named by its version so the URL may be cached for good.
pub fn banner_path(slug: &str, version: &str) -> String {
    format!("/groups/{slug}/banner?v={version}")
}

/// A sponsor's logo, named by its version.
pub fn logo_path(sponsor: &crate::domain::ids::SponsorId, version: &str) -> String {
    format!("/sponsors/{sponsor}/logo?v={version}")
}

/// The organisers' page of a group's sponsors.
pub fn sponsors_path(slug: &str) -> String {
    format!("/groups/{slug}/sponsors")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_in_redirects_stay_on_this_site() {
        for (next, expected) in [
            ("/groups/alpha?x=1#top", "/groups/alpha?x=1#top"),
            ("/a b", "/a%20b"),
            ("/\t/evil.example/", "/"),
            ("/\n/evil.example/", "/"),
            ("//evil.example/", "/"),
            ("/\\evil.example/", "/"),
            ("https://evil.example/", "/"),
            ("javascript:alert(1)", "/"),
            (" //evil.example/", "/"),
            ("/\r\nSet-Cookie: x=1", "/Set-Cookie:%20x=1"),
        ] {
            assert_eq!(local_redirect(Some(next)), expected, "next = {next:?}");
        }
        assert_eq!(local_redirect(None), "/");
    }

    #[test]
    fn intents_round_trip_through_next() {
        let going = SignInIntent::Going {
            group_slug: "alpha".into(),
            meetup: MeetupId::from("m1"),
        };
        let join = SignInIntent::Join {
            group_slug: "alpha".into(),
        };
        for intent in [&going, &join] {
            let next = local_redirect(Some(&intent.next_path()));
            assert_eq!(SignInIntent::from_next(&next).as_ref(), Some(intent));
        }
        assert_eq!(
            login_path(Some(&going.next_path())),
            "/login?next=%2Fgroups%2Falpha%2Fmeetups%2Fm1%2Frsvp%3Fanswer%3Dyes"
        );
        assert_eq!(going.landing_path(), "/groups/alpha/meetups/m1#rsvp");
        for plain in [
            "/groups/alpha",
            "/groups/alpha/meetups/m1",
            "/groups/alpha/meetups/m1/rsvp",
            "/groups/alpha/meetups/m1/rsvp?answer=no",
            "/groups//join",
            "/groups/alpha/join/x",
            "/",
        ] {
            assert_eq!(SignInIntent::from_next(plain), None, "{plain}");
        }
    }

    #[test]
    fn urls_are_paths_under_the_base() {
        let base = "https://rdv.example";
        assert_eq!(
            meetup_url(base, "alpha", &MeetupId::from("m1")),
            "https://rdv.example/groups/alpha/meetups/m1"
        );
        assert_eq!(
            report_markdown_path("alpha", "r"),
            "/groups/alpha/reports/r.md"
        );
        assert_eq!(
            group_calendar_url(base, "alpha"),
            "https://rdv.example/groups/alpha/calendar.ics"
        );
        assert_eq!(
            meetup_calendar_path(&MeetupId::from("m1")),
            "/meetups/m1.ics"
        );
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// Whatever `next` holds, the redirect stays on this site and is a valid header value.
        #[test]
        fn any_next_stays_on_this_site(next in "(/|//|/\\\\)?\\PC{0,40}", tail in any::<String>()) {
            let next = format!("{next}{tail}");
            let target = local_redirect(Some(&next));
            prop_assert!(target.starts_with('/'));
            prop_assert!(!target.starts_with("//") && !target.starts_with("/\\"));
            // What a `Location` header may hold: visible ASCII, spaces and tabs.
            prop_assert!(target.bytes().all(|b| b == b'\t' || (b' '..=b'~').contains(&b)));
            let base = Url::parse("https://rdv.example/").unwrap();
            prop_assert_eq!(base.join(&target).unwrap().origin(), base.origin());
        }
    }
}
