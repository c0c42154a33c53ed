//! Who sees whose name: attendee lists are for a group's members unless the group makes them
//! public, and a member may keep out of every list but the organisers'.

/// Who may read the names of the people going to a group's meetups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AttendeeVisibility {
    /// Signed-in members of the group; everyone else sees counts.
    #[default]
    Members,
    Public,
}

impl AttendeeVisibility {
    pub fn parse(text: &str) -> Option<AttendeeVisibility> {
        match text {
            "members" => Some(AttendeeVisibility::Members),
            "public" => Some(AttendeeVisibility::Public),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            AttendeeVisibility::Members => "members",
            AttendeeVisibility::Public => "public",
        }
    }
}

/// Who may read a meetup's online link (a video call).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnlineUrlVisibility {
    /// Members going to the meetup (and the organisers); public feeds never carry it.
    #[default]
    Going,
    Public,
}

impl OnlineUrlVisibility {
    pub fn parse(text: &str) -> Option<OnlineUrlVisibility> {
        match text {
            "going" => Some(OnlineUrlVisibility::Going),
            "public" => Some(OnlineUrlVisibility::Public),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            OnlineUrlVisibility::Going => "going",
            OnlineUrlVisibility::Public => "public",
        }
    }
}

/// Whether someone reads the online link: `going` to the meetup, or organising it.
pub fn online_url_visible(visibility: OnlineUrlVisibility, going: bool, organiser: bool) -> bool {
    visibility == OnlineUrlVisibility::Public || going || organiser
}

/// Where the person looking stands in the group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Standing {
    pub member: bool,
    pub organiser: bool,
}

impl Standing {
    pub const ANONYMOUS: Standing = Standing {
        member: false,
        organiser: false,
    };
}

/// Whether the viewer may read attendee names at all.
pub fn names_visible(visibility: AttendeeVisibility, viewer: Standing) -> bool {
    viewer.organiser || viewer.member || visibility == AttendeeVisibility::Public
}

/// Whether one person appears in a list the viewer reads (organisers see everyone).
pub fn listed(hidden_by_choice: bool, viewer: Standing) -> bool {
    !hidden_by_choice || viewer.organiser
}

/// The name one person goes by in a list the viewer reads: someone who answered without an
/// account by their first name alone, but to organisers (who check people in).
pub fn listed_name(name: &str, guest: bool, viewer: Standing) -> &str {
    if guest && !viewer.organiser {
        super::guest::first_name(name)
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MEMBER: Standing = Standing {
        member: true,
        organiser: false,
    };
    const ORGANISER: Standing = Standing {
        member: true,
        organiser: true,
    };

    #[test]
    fn names_are_for_members_unless_public() {
        use AttendeeVisibility::*;
        assert!(!names_visible(Members, Standing::ANONYMOUS));
        assert!(names_visible(Members, MEMBER));
        assert!(names_visible(Members, ORGANISER));
        assert!(names_visible(Public, Standing::ANONYMOUS));
    }

    #[test]
    fn the_online_link_is_for_those_going() {
        use OnlineUrlVisibility::*;
        assert!(!online_url_visible(Going, false, false));
        assert!(online_url_visible(Going, true, false));
        assert!(online_url_visible(Going, false, true));
        assert!(online_url_visible(Public, false, false));
    }

    #[test]
    fn hidden_people_are_listed_for_organisers_only() {
        assert!(listed(false, Standing::ANONYMOUS));
        assert_eq!(listed_name("Ada Lovelace", true, MEMBER), "Ada");
        assert_eq!(listed_name("Ada Lovelace", true, ORGANISER), "Ada Lovelace");
        assert_eq!(listed_name("Ada Lovelace", false, MEMBER), "Ada Lovelace");
        assert!(!listed(true, MEMBER));
        assert!(listed(true, ORGANISER));
    }
}
