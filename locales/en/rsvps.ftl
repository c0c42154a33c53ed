rsvp-title = Attendance
rsvp-seats_left = { $n ->
        [one] { $n } seat left
       *[other] { $n } seats left
    } out of { $capacity }
rsvp-full = Full — new RSVPs join the waitlist.
rsvp-unlimited = No seat limit
rsvp-going_count = { $n } going
rsvp-waitlist_count = { $n } on the waitlist
rsvp-you_going = You are going.
rsvp-you_going_guests = You are going with { $n ->
        [one] { $n } guest
       *[other] { $n } guests
    }.
rsvp-you_waitlisted = You are on the waitlist, position { $n }.
rsvp-you_not_going = You said you are not going.
rsvp-question = Are you going?
rsvp-guests = Guests
rsvp-guests_hint = People coming with you (0 to 5).
rsvp-yes = Yes, I'm going
rsvp-update = Update
rsvp-no = No, I'm not going
answer-confirm_going = Confirm that you are coming: a seat is yours if one is left, otherwise you join the waitlist.
answer-confirm_release = Confirm that you are not coming: your seat goes to the first person on the waitlist.
answer-going_submit = Yes, I'm going
answer-release_submit = Release my seat
answer-released = Noted: you are not coming. Thank you for releasing your seat.
answer-see_meetup = See the meetup
rsvp-closed = RSVPs are closed.
rsvp-release_open = You can still give your seat back until the start: it goes to the next person on the waitlist.
rsvp-release = Release my seat
rsvp-leave_waitlist = Leave the waitlist
rsvp-fewer_guests = Bring fewer guests
rsvp-cancelled = This meetup is cancelled.
rsvp-attendees = Attendees
rsvp-waitlist = Waitlist
rsvp-names_for_members = The names of attendees are shown to signed-in members of the group.
rsvp-nobody = Nobody yet.
rsvp-plus_guests = +{ $n }
rsvp-saved_going = Done: you are going!
rsvp-saved_waitlisted = The meetup is full: you are on the waitlist, position { $n }.
rsvp-saved_not_going = Done: you are not going.
checkin-title = Check-in
checkin-link = Check in attendees
checkin-help = Doors open 2 hours before the start: tick people in as they arrive, or let them check themselves in with the door code.
checkin-came = Came
checkin-saved = Check-in saved.
checkin-back = Back to the meetup
checkin-guests = Guests
checkin-sheet = Sign-in sheet
checkin-csv = Download the list (CSV)
checkin-print = Print this page from your browser: only the list is printed.
csv-name = Name
csv-email = E-mail
csv-guests = Guests
csv-attended = Checked in
rsvp-guests_hint_fit = There is room for you and { $n ->
        [one] { $n } guest
       *[other] { $n } guests
    }; a larger party waits on the waitlist.
rsvp-guests_hint_going = Up to { $n ->
        [one] { $n } guest
       *[other] { $n } guests
    }: the seats that are left.
rsvp-guests_hint_full = The meetup is full: you join the waitlist with your guests.
rsvp-guests_hint_one = One seat is left: for you, without guests; a party would wait on the waitlist.
seats-reconfirm_before = Ask "Still coming?" before the start
seats-reconfirm_before_hint = For example 48h or 2d: the reminder sent then asks members going to confirm in one click. Empty: never.
seats-auto_release_before = Give unconfirmed seats to the waitlist before the start
seats-auto_release_before_hint = For example 24h, shorter than the above: members who received "Still coming?" and did not answer lose their seat and are told how to get back in line. Empty: never.
rsvp-join_waitlist = Join the waitlist
rsvp-waitlist_automatic = When a seat frees up, it is taken for you automatically, first come first served, and we e-mail you.
answer-confirm_leave_waitlist = Confirm that you leave the waitlist: you will not get a seat when one frees up.
answer-leave_waitlist_submit = Leave the waitlist
answer-confirm_coming = Still coming? Confirm it and your seat stays yours.
answer-coming_submit = Yes, I'm coming
answer-confirm_fewer_guests = How many guests still come with you? The seats you free go to the waitlist.
answer-fewer_guests_submit = Update my guests
answer-seat_confirmed = Thank you: your seat is confirmed.
checkin-confirmed = confirmed
rsvp-with_account = Answer with an account
rsvp-guest_question = Coming? No account needed
rsvp-guest_name = Your name
rsvp-guest_name_hint = Others see your first name only.
rsvp-guest_email_hint = We e-mail you a link to confirm your answer: it holds a seat once confirmed.
rsvp-guest_keep_informed = Also send me this group's next meetups
rsvp-guest_sent = Almost done: follow the link we just e-mailed you to confirm your answer (within 24 hours).
guest-answer_again = Back to the home page
rsvp-bar_going = You're going
rsvp-bar_waiting = On the waitlist
rsvp-bar_change = Change my answer
checkin-code_title = Self check-in
checkin-code_help = Show this at the door: members who are going scan the QR code, or open the meetup's check-in page and type the code.
checkin-code_label = Door code:
checkin-qr_label = QR code that opens the self check-in page with the door code
checkin-search = Find a name
checkin-search_submit = Search
checkin-search_clear = Show everyone
checkin-none_found = Nobody by that name.
checkin-party_came = { $came } of { $party } came
checkin-how_many = How many came?
checkin-mark = Check in
checkin-undo = Undo check-in
checkin-total = Came so far: { $came }, and { $walk_ins } without an RSVP.
checkin-not_open = Ticking opens 2 hours before the start.
checkin-walk_ins = Walk-ins
checkin-walk_in_badge = walk-in
checkin-walk_in_help = Someone came without an RSVP? Add them here: they count on top of the capacity.
checkin-walk_in_name = Name
checkin-walk_in_email = E-mail (optional)
checkin-walk_in_submit = Add walk-in
checkin-walk_in_added = { $name } is on the list as a walk-in.
selfcheckin-title = Check in
selfcheckin-help = Type the code shown at the door.
selfcheckin-code = Door code
selfcheckin-submit = Check me in
selfcheckin-done = You are checked in. Enjoy the meetup!
selfcheckin-not_going = Only members going to this meetup can check in: ask at the door.
attendance-title = Attendance (12 months)
attendance-summary = came { $attended } of { $going } · no-shows: { $no_shows } · late releases: { $late }

## Show-rate page
stats-title = Show rate
stats-help = For each meetup: the seats taken when it started, how many people were checked in at the door, who came for the first time, and how the waitlist moved. Counts only, nobody is named.
stats-from = From
stats-to = To
stats-show = Show
stats-none = No meetup in these dates.
stats-caption = Meetups in these dates, first first
stats-chart = Seats taken at the start and people checked in, per meetup
stats-meetup = Meetup
stats-going = Going at the start
stats-checked_in = Checked in
stats-show_rate = Show rate
stats-first_timers = First-timers
stats-returning = Returning
stats-waitlist = Waitlist at the start
stats-released = Released
stats-promoted = Promoted
stats-csv = Download as CSV
stats-rate = { $rate }%
stats-link = Show rate
