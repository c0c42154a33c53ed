app-name = Rendezvous
nav-main = Main navigation
nav-login = Sign in
nav-register = Create an account
nav-logout = Sign out
nav-account = My account
nav-language = Language
nav-skip = Skip to content
footer-text = Rendezvous — free software for local communities.

home-title = Upcoming meetups
home-welcome = Organise meetups, handle RSVPs, share reports.
home-groups = Groups
home-no_groups = No groups yet.
home-no_meetups = No meetups scheduled.
home-create_group = Create a group

auth-register_title = Create an account
auth-login_title = Sign in
auth-email = E-mail address
auth-name = Display name
auth-password = Password
auth-password_hint = At least 10 characters.
auth-locale = Language for e-mails
auth-register_submit = Create my account
auth-login_submit = Sign in
auth-have_account = Already have an account? Sign in.
auth-forgot_password = Forgot your password?
reset-title = Forgot your password
reset-request_help = Give your account's e-mail address: we will send it a link to choose a new password.
reset-request_submit = Send the link
reset-sent = If an account uses this address, a link is on its way. It works once and expires in an hour.
reset-back_to_login = Back to sign-in
reset-choose_title = Choose a new password
reset-new_password = New password
reset-choose_submit = Save and sign in
reset-done = Your new password is saved and you are signed in. Your other sessions are closed.
reset-expired_title = Link expired
reset-ask_again = Ask for a new link
auth-no_account = No account yet? Create one.
auth-logout_title = Sign out
auth-logout_confirm = Do you want to sign out?
auth-logout_submit = Sign me out
auth-welcome = Welcome, { $name }!
auth-intent_going = Then your answer “I'm going” is recorded and you are back on the meetup.
auth-intent_join = Then you join the group and are back on its page.
auth-logged_out = You are signed out.
account-title = My account
account-signed_in_as = Signed in as { $name } ({ $email }).
account-calendar = My personal calendar
account-calendar_rotate_help = Someone else knows this address? Change it: the old one stops working at once, and your calendar apps must subscribe to the new one.
account-calendar_rotate = Change the secret address
account-calendar_rotated = New calendar address: the old one no longer works.
account-calendar_help = Subscribe your calendar app to this secret address: it lists the meetups you are going to.
account-subscribe = Subscribe
# This language's name in itself, for the language menus.
language-name = English

form-errors = The form has errors:

error-title = Error
error-typed = What you typed
error-resend = Send it again
error-back = Back to the previous page
error-not_found_title = Page not found
error-forbidden_title = Not allowed
error-csrf_resend = This form has expired (or was opened in another tab): nothing was saved. What you typed is below; send it again.
error-back_home = Back to the home page
error-internal = Something went wrong on our side. Please try again in a moment.
error-unauthorized = You need to be signed in.
error-bad_credentials = Wrong e-mail address or password.
error-forbidden = You are not allowed to do that.
error-not_found = This page does not exist.
error-did_you_mean = Did you mean { $group }?
error-control_character = "{ $field }" contains a control character: remove it and try again.
error-payload_too_large = What you sent is too large.
error-unsupported_media_type = This kind of content cannot be sent here.
error-online_url_visibility_invalid = Choose "going" or "public".
error-email_same = This is already your address.
error-attendee_visibility_invalid = Choose "members" or "public".
error-reset_rate_limited = Too many link requests for this address or from your connection: try again in an hour.
error-email_change_rate_limited = Too many address changes asked for this account or to this address: try again in an hour.
error-rate_limited = Too many failed sign-ins: signing in to this account (or from this address) is paused for 15 minutes, then works again. If it is your account, choose a new password: that signs you in at once.
error-invalid_json = Malformed request.
error-csrf = This form has expired (or was opened in another tab). Reload the page and try again: nothing was saved.
error-csrf_title = Form expired
error-email_invalid = Invalid e-mail address.
error-name_invalid = The name must be 1 to 100 characters long.
error-password_short = The password must be at least 10 characters long.
error-password_long = The password is too long.
error-password_required = The password is required.
error-locale_invalid = We do not speak this language yet: choose one from the list.

error-audience_invalid = Choose who to write to: going, waitlisted, attended or all members.
error-messages_rate_limited = This group has already sent as many messages as allowed today. Try again tomorrow.
error-notice_mode_invalid = Choose instant, digest or off.
error-required = This field is required.
error-text_too_long = This text is too long.
error-slug_invalid = The slug must be 2 to 63 characters: lower-case letters, digits and dashes, not starting with a dash.
error-timezone_invalid = Unknown time zone (for example Europe/Paris).
error-links_invalid = Each link needs a label and an http, https, irc, mailto or matrix address.
error-url_invalid = Invalid web address (it must start with https:// or http://).
error-datetime_invalid = Invalid date and time (format YYYY-MM-DDTHH:MM).
error-time_nonexistent = This time does not exist on that day (the clocks go forward).
error-time_ambiguous = This time happens twice on that day (the clocks go back): give the UTC offset.
error-ends_before_start = The end must be after the start.
error-deadline_after_start = The RSVP deadline must be before the start.
error-capacity_invalid = The capacity must be a whole number of at least 1.
error-venue_invalid = This venue does not belong to the group.
error-coordinates_invalid = Invalid coordinates (latitude between -90 and 90, longitude between -180 and 180).
error-role_invalid = The role must be organiser, helper or member.
error-when_invalid = when must be upcoming or past.
error-guests_invalid = You may bring 0 to 5 guests.
error-answer_invalid = The answer must be yes or no.
conflict-email_taken = This e-mail address is already registered.
conflict-slug_taken = This group slug is already taken.
gone-link_expired = This link has expired or was already used. Ask for a new one.
conflict-venue_in_use = Meetups take place at this venue: it cannot be deleted.
conflict-meetup_has_activity = Members answered, proposed a talk, or a report exists: the meetup can only be cancelled.
conflict-already_announced = This meetup was announced already.
conflict-meetup_started = The meetup has already started.
conflict-rsvp_closed = RSVPs are closed.
conflict-capacity_exceeded = There are not enough seats left.
conflict-capacity_below_going = Capacity cannot be lower than the seats already taken.
conflict-already_decided = This has already been decided.
conflict-meetup_cancelled = This meetup is cancelled.
conflict-last_organiser = The group must keep at least one organiser.

# Dates and times. Day and month names come from the locale's data; the order and the
# punctuation around them are the language's.
date-long = { $weekday } { $day } { $month } { $year }
date-with_time = { $date }, { $time }
date-time_of_day = { $hour }:{ $minute }
date-span = { $start } – { $end }
# A label and its value.
colon = {": "}

# The command line's reports (`rendezvous import-pelican`, `rendezvous export-site`).
cli-imported = imported { $n ->
        [one] { $n } report
       *[other] { $n } reports
    }
cli-import_failed = { $n ->
        [one] { $n } file could not be imported
       *[other] { $n } files could not be imported
    }
cli-exported = exported { $n ->
        [one] { $n } report
       *[other] { $n } reports
    } to { $dir }

# Series of meetups.
error-rule_invalid = Write a daily, weekly, monthly or yearly RFC 5545 rule, e.g. FREQ=MONTHLY;BYDAY=2TU.
error-rule_no_occurrence = This rule has no date to come.
error-start_time_invalid = Give a time of day such as 19:00.
error-series_duration_invalid = Between 1 and 1,440 minutes.
error-deadline_before_invalid = Give a length such as 4h or 1d (at most 60 days).
error-horizon_invalid = Between 1 and 12 meetups ahead.
error-date_invalid = Give a date such as 2027-02-09.
error-range_invalid = The first day comes after the last.
error-skip_not_an_occurrence = The series has no meetup on that date.
error-code_of_conduct_required = This group asks you to accept its code of conduct first: tick the box.
error-report_rate_limited = You have sent many reports to this group in the last hour: try again later.
error-seat_offset_invalid = Write a time such as 48h or 2d (1 hour to 30 days), or leave it empty.
error-auto_release_before_reconfirm = Releasing seats needs "Still coming?" asked earlier: set a shorter time than for the reconfirmation.
error-party_too_large = Your party has more people than the meetup has seats: come with fewer guests.
conflict-not_going = You have no seat at this meetup.
error-guest_rsvp_rate_limited = Too many answers for this address or from your connection: try again in an hour.
feed-address = Calendar address
feed-address_hint = One click selects it: copy it into your calendar app's "subscribe by URL".
feed-google = Add to Google Calendar
conflict-checkin_closed = Check-in is open from 2 hours before the start to the end of the meetup.
error-code_invalid = That is not the code shown at the door.
error-checkin_rate_limited = Too many wrong codes: ask at the door to be checked in.
error-came_invalid = Choose how many of the party came, from none to all of them.

# Polls
error-poll_dates_count = Offer between 2 and 20 dates.
error-poll_option_twice = This option is offered twice.
error-poll_venues_count = Offer at most 10 venues.
error-poll_closes_past = The poll must close in the future.
error-poll_answer_invalid = Answer "yes", "if_need_be" (dates only) or "no".
error-poll_option_unknown = This poll has no such option.
error-poll_priority_hours = The priority window lasts 0 to 168 hours.
error-poll_target_invalid = Choose an upcoming meetup of this group, not cancelled.
conflict-poll_closed = This poll is closed.
