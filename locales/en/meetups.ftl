error-duration_invalid = The duration must be between 5 and 120 minutes.
error-position_invalid = Invalid position: choose a place between 1 and the number of accepted talks.
error-position_not_accepted = Only accepted talks have a place in the programme.
error-talk_status_invalid = The status must be accepted, rejected or proposed.
error-meetup_invalid = This meetup does not belong to the group.

talks-programme = Programme
talks-programme_empty = The programme has not been published yet.
talks-programme_line = { $time } — { $title } ({ $speaker }, { $minutes } min)
talks-programme_line_no_speaker = { $time } — { $title } ({ $minutes } min)
talks-propose = Propose a talk
talks-propose_submit = Send my proposal
talks-proposals = Talk proposals
talks-my_proposals = My proposals
talks-title = Title
talks-abstract = Abstract
talks-duration = Duration (minutes)
talks-duration_hint = Between 5 and 120 minutes.
talks-speaker_name = Speaker (if not you)
talks-position = Place in the programme
talks-minutes = { $minutes } min
talks-by = by { $name }
talks-status-proposed = Proposed
talks-status-accepted = Accepted
talks-status-rejected = Rejected
talks-status-withdrawn = Withdrawn
talks-edit = Edit
talks-save = Save
talks-accept = Accept
talks-reject = Reject
talks-reopen = Reopen the decision
talks-move = Move
talks-withdraw = Withdraw
talks-proposed_flash = Thank you! Your proposal was sent to the organisers.
talks-decided_flash = Decision saved.
talks-withdrawn_flash = The talk was withdrawn.

venue_suggestions-title = Suggested venues
venue_suggestions-empty = No venue suggestions yet.
venue_suggestions-suggest = Suggest a venue
venue_suggestions-suggest_submit = Send the suggestion
venue_suggestions-name = Venue name
venue_suggestions-address = Address
venue_suggestions-url = Website
venue_suggestions-note = Why this place?
venue_suggestions-for_meetup = For the meetup
venue_suggestions-any_meetup = For a future meetup
venue_suggestions-votes = { $count ->
        [one] { $count } vote
       *[other] { $count } votes
    }
venue_suggestions-vote = Vote for this place
venue_suggestions-unvote = Remove my vote
venue_suggestions-accept = Accept this venue
venue_suggestions-decline = Decline
venue_suggestions-suggested_by = Suggested by { $name }
messages-write_to_participants = Write to participants
messages-write_to_members = Write to members
messages-help = Your message goes by e-mail, as plain text; links become clickable. Members who turned this group's messages off do not get it.
messages-audience = Recipients
messages-audience-going = Going
messages-audience-waitlisted = Waitlisted
messages-audience-attended = Attended
messages-audience-all_members = All members of the group
messages-subject = Subject
messages-body = Message
messages-body_hint = Plain text, no formatting.
messages-no_replies = No replies: members cannot answer this mail (otherwise their replies come to your address)
messages-replies = Replies
messages-replies_to_you = To your address
messages-replies_none = None: members cannot answer this mail
messages-preview_submit = Preview
messages-preview = Preview
messages-recipients_count = This message will go to { $n ->
        [one] { $n } member
       *[other] { $n } members
    }.
messages-send = Send
messages-edit = Edit
messages-sent = Messages sent
messages-none_sent = No message sent yet.
messages-sent_to = sent to { $n ->
        [one] { $n } member
       *[other] { $n } members
    }
messages-sent_flash = Message sent to { $n ->
        [one] { $n } member
       *[other] { $n } members
    }.
meetups-add_google = Google Calendar
meetups-add_outlook = Outlook.com
meetups-rsvps_close = RSVPs close on { $when }
meetups-organisation = Organisation
meetups-delete = Delete
meetups-delete_title = Delete the meetup?
meetups-delete_text = It disappears without a trace. This is only possible when nobody answered, proposed a talk, and no report exists; otherwise, cancel it.
meetups-delete_confirm = Yes, delete
meetups-deleted_flash = Meetup deleted.
meetups-calendar = In your calendar
talks-edit_title = Edit my proposal
talks-edited_flash = Proposal changed.

# Series: the rule in words, and the series page.
series-every_day = { $interval ->
        [1] every day
       *[other] every { $interval } days
    } at { $time }
series-every_week = { $interval ->
        [1] every { $days }
       *[other] every { $interval } weeks on { $days }
    } at { $time }
series-every_month_nth = every { $nth ->
        [1] first
        [2] second
        [3] third
        [4] fourth
       *[other] last
    } { $day } of the month at { $time }
series-every_month_day = on day { $day } of every month at { $time }
series-by_rule = following the rule { $rule }
series-and = and
series-of_group = Series of meetups
series-title = Series
series-part_of = Part of a series: { $rule }.
series-upcoming = Coming up
series-past = Past meetups
series-none_upcoming = No meetup to come.
series-none_past = No past meetup yet.
series-ended = This series has ended: no new meetups.
series-skip = Skip this date
series-skipped_flash = Date skipped: the meetup is cancelled and the series goes on.
series-end = End the series
series-ended_flash = Series ended: no new meetups will be scheduled.
series-repeat = Repeat
series-repeat_hint = A series keeps its next three meetups scheduled and adds the following ones as time goes by.
series-repeat-none = Does not repeat
series-repeat-weekly = Every week
series-repeat-biweekly = Every two weeks
series-repeat-monthly_nth = Every month, the same weekday of the same week (e.g. the second Tuesday)
series-repeat-monthly_last = Every month, the last such weekday
series-created = Series created: its next meetups are scheduled.
talks-link_kind-slides = Slides
talks-link_kind-video = Video
talks-link_kind-code = Code
talks-link_kind-other = Link
error-talk_links_invalid = Up to 10 links, each with a kind (slides, video, code or other) and an http or https address.
error-talk_meetup_invalid = Choose an upcoming meetup of this talk's group.
error-sort_invalid = The order must be votes or recent.
pool-title = Talk pool
pool-intro = Ideas for talks at the meetups to come. Vote for those you want to hear: the organisers put them on a programme.
pool-empty = No talk proposed yet.
pool-sort = Order
pool-sort-votes = Most voted
pool-sort-recent = Newest
pool-votes = { $n ->
    [one] { $n } vote
   *[other] { $n } votes
}
pool-vote_label = +1, vote for "{ $title }"
pool-unvote = Remove my vote
pool-schedule = Put on the programme of
pool-schedule_submit = Schedule
pool-scheduled_flash = The talk is on the programme.
materials-title = Materials
materials-edit_named = Materials of "{ $title }"
materials-intro = Slides, recordings, code: links to where they are published (http or https addresses).
materials-link_n = Link { $n }
materials-kind = Kind
materials-url = Address
materials-link_title = Title (optional)
materials-save = Save the materials
materials-saved_flash = Materials saved.
meetups-pool_talks = Talks from the pool
meetups-pool_talks_hint = The most voted proposals still waiting for a meetup: those ticked go on this meetup's programme (the first meetup of a series).
meetups-pool_talk = { $title } — { $speaker }, { $votes ->
    [one] { $votes } vote
   *[other] { $votes } votes
}
pool-move = Move to

# Series: editing it, and what skipping or ending asks first.
series-edit = Edit the series
series-edit_title = Edit the series
series-edit_intro = The change applies to every meetup to come that was not edited on its own; past meetups never change. Members going to a meetup that moves are told.
series-edit_submit = Save the series
series-edited_flash = Series saved: its meetups to come follow.
series-title_hint = "#{"{"}n{"}"}" becomes each meetup's number in the series: "Apéro #{"{"}n{"}"}" gives "Apéro #1", "Apéro #2"…
series-start_time = Start time
series-start_time_hint = Local time, { $tz }.
series-duration = Length in minutes
series-capacity_hint = Leave as it is to keep the current limit.
series-deadline_before = Answers close before the start
series-deadline_before_hint = For example 4h or 1d; empty to keep answers open until the start.
series-preview = Dates affected
series-preview_follows = Changes
series-preview_kept = Edited on its own: stays as it is
series-skip_title = Skip this date?
series-skip_text = { $going ->
        [0] Nobody is going
        [one] One person is going
       *[other] { $going } people are going
    } and { $waitlisted ->
        [0] nobody is waiting
        [one] one person is waiting
       *[other] { $waitlisted } people are waiting
    }: { $going ->
        [0] { $waitlisted ->
            [0] nobody needs to be told.
           *[other] they will be told the meetup is cancelled.
        }
       *[other] they will be told the meetup is cancelled.
    } The series goes on.
series-skip_confirm = Yes, skip this date
series-end_title = End the series?
series-end_text = No new meetups will be scheduled. { $dates ->
        [0] No meetup of the series is to come.
        [one] The meetup already scheduled stays, with { $going } going: nobody is told. Cancel it on its own page to tell them.
       *[other] The { $dates } meetups already scheduled stay, with { $going } going in all: nobody is told. Cancel a meetup on its own page to tell them.
    }
series-end_confirm = Yes, end the series
meetups-series_only_this = Only this date changes. To change every date to come, edit the series.
meetups-change_note = Note to those told of the change
meetups-change_note_hint = Optional. When the time or place changes, members going and waiting are told by e-mail, with this note (for example "ring at 'Bivouac'"). It is not kept on the meetup.
meetups-past_confirm = This date is in the past: create it anyway (for a report)?
meetups-past_confirm_box = Yes, create it in the past
