# Co-hosting: a meetup shared by two groups.
mail-cohost_invited-subject = { $group } asks { $cohost } to co-host: { $title }
mail-cohost_invited-intro = { $group } invites { $cohost } to co-host "{ $title }" ({ $when }). Once you accept, the meetup shows on your group's page, calendar and embed, your members are told of it and may answer, and your organisers can check in and message attendees.
mail-cohost_invited-action = Accept or decline
mail-reason-cohost = You get this e-mail because you organise a group that { $group } invited to co-host a meetup.
conflict-cohost_already_asked = This group was already asked to co-host this meetup.
conflict-cohost_not_pending = This invitation was already answered.
error-cohost_own_group = The meetup's own group cannot co-host it.
error-cohost_group_unknown = No group has this address.
cohosts-title = Co-hosting
cohosts-intro = Other groups invite { $group } to co-host these meetups. Once accepted, a meetup shows on the group's page, calendar and embed, and its members may answer.
cohosts-none = No invitation is waiting.
cohosts-invited_by = Invited by { $group }
cohosts-accept = Accept
cohosts-decline = Decline
cohosts-accepted = Accepted: the meetup is on the group's page.
cohosts-declined = Declined.
