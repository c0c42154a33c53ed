// One schema for both backends: ids are TEXT uuids, instants UTC TIMESTAMPs.

diesel::table! {
    users (id) {
        id -> Text,
        email -> Text,
        name -> Text,
        password_hash -> Text,
        locale -> Text,
        calendar_secret -> Text,
        mail_reminders -> Bool,
        mail_notices -> Bool,
        created_at -> Timestamp,
        hide_from_lists -> Bool,
        /// Answered without an account (see `app::guest_rsvps`); no password until they register.
        guest -> Bool,
    }
}

diesel::table! {
    api_tokens (token_hash) {
        token_hash -> Text,
        user_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    browser_sessions (key_hash) {
        key_hash -> Text,
        user_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    password_resets (token_hash) {
        token_hash -> Text,
        user_id -> Text,
        created_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    email_changes (token_hash) {
        token_hash -> Text,
        user_id -> Text,
        new_email -> Text,
        created_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    password_reset_requests (id) {
        id -> Text,
        email -> Text,
        ip -> Text,
        requested_at -> Timestamp,
        /// `reset` or `guest_rsvp`: each counts against its own limits.
        purpose -> Text,
    }
}

diesel::table! {
    login_failures (id) {
        id -> Text,
        email -> Text,
        ip -> Text,
        failed_at -> Timestamp,
    }
}

diesel::joinable!(api_tokens -> users (user_id));
diesel::joinable!(browser_sessions -> users (user_id));
diesel::joinable!(password_resets -> users (user_id));
diesel::joinable!(email_changes -> users (user_id));

diesel::table! {
    groups (id) {
        id -> Text,
        slug -> Text,
        name -> Text,
        description -> Text,
        timezone -> Text,
        locale -> Text,
        links -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        attendee_visibility -> Text,
        code_of_conduct_url -> Nullable<Text>,
        incident_contact -> Nullable<Text>,
        require_code_of_conduct -> Bool,
        reconfirm_before -> Nullable<Text>,
        auto_release_before -> Nullable<Text>,
        /// People without an account may answer (see `app::guest_rsvps`).
        guest_rsvps -> Bool,
        /// Origins that may frame the embeddable list, space-separated; empty: any.
        embed_origins -> Text,
    }
}

diesel::table! {
    /// What organisers did in a group (see `db::repo::audit`).
    audit_entries (id) {
        id -> Text,
        group_id -> Text,
        actor_id -> Nullable<Text>,
        action -> Text,
        target_kind -> Text,
        target_id -> Nullable<Text>,
        label -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// Who an organiser removed from or banned in a group (see `db::repo::exclusions`).
    group_exclusions (group_id, user_id) {
        group_id -> Text,
        user_id -> Text,
        banned -> Bool,
        reason -> Text,
        banned_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    memberships (group_id, user_id) {
        group_id -> Text,
        user_id -> Text,
        role -> Text,
        joined_at -> Timestamp,
        announcements -> Bool,
        messages -> Bool,
        proposal_notices -> Text,
        rsvp_notices -> Text,
        follow_ups -> Bool,
        code_of_conduct_accepted_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    incident_reports (id) {
        id -> Text,
        group_id -> Text,
        meetup_id -> Text,
        talk_id -> Nullable<Text>,
        reporter_id -> Text,
        body -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    group_messages (id) {
        id -> Text,
        group_id -> Text,
        meetup_id -> Nullable<Text>,
        author_id -> Nullable<Text>,
        audience -> Text,
        subject -> Text,
        body -> Text,
        recipients -> Integer,
        sent_at -> Timestamp,
        /// Replies go to the author (`outbox.reply_to`).
        replies -> Bool,
    }
}

diesel::table! {
    message_recipients (message_id, user_id) {
        message_id -> Text,
        user_id -> Text,
    }
}

diesel::table! {
    organiser_events (id) {
        id -> Text,
        group_id -> Text,
        actor_id -> Text,
        kind -> Text,
        actor_name -> Text,
        about -> Text,
        detail -> Text,
        url -> Text,
        happened_at -> Timestamp,
    }
}

diesel::table! {
    venues (id) {
        id -> Text,
        group_id -> Text,
        name -> Text,
        address -> Text,
        city -> Nullable<Text>,
        latitude -> Nullable<Double>,
        longitude -> Nullable<Double>,
        url -> Nullable<Text>,
        created_at -> Timestamp,
        step_free -> Nullable<Bool>,
        accessible_toilet -> Nullable<Bool>,
        hearing_loop -> Nullable<Bool>,
        access_notes -> Nullable<Text>,
        entry_instructions -> Nullable<Text>,
        host_contact -> Nullable<Text>,
        capacity -> Nullable<Integer>,
    }
}

diesel::table! {
    meetups (id) {
        id -> Text,
        group_id -> Text,
        title -> Text,
        description -> Text,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        venue_id -> Nullable<Text>,
        online_url -> Nullable<Text>,
        capacity -> Nullable<Integer>,
        rsvp_deadline -> Nullable<Timestamp>,
        status -> Text,
        sequence -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        online_url_visibility -> Text,
        announced_at -> Nullable<Timestamp>,
        series_id -> Nullable<Text>,
        series_number -> Nullable<Integer>,
        followed_up_at -> Nullable<Timestamp>,
        reconfirm_before -> Nullable<Text>,
        auto_release_before -> Nullable<Text>,
        reconfirm_asked_at -> Nullable<Timestamp>,
        auto_released_at -> Nullable<Timestamp>,
        seats_taken -> BigInt,
        last_waitlist_seq -> BigInt,
    }
}

diesel::table! {
    series (id) {
        id -> Text,
        group_id -> Text,
        title -> Text,
        description -> Text,
        rule -> Text,
        dtstart -> Timestamp,
        duration_minutes -> Integer,
        venue_id -> Nullable<Text>,
        capacity -> Nullable<Integer>,
        online_url -> Nullable<Text>,
        rsvp_deadline_minutes -> Nullable<Integer>,
        horizon -> Integer,
        ended_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        online_url_visibility -> Text,
    }
}

diesel::table! {
    series_skips (series_id, day) {
        series_id -> Text,
        day -> Date,
    }
}

diesel::table! {
    rsvps (meetup_id, user_id) {
        meetup_id -> Text,
        user_id -> Text,
        status -> Text,
        guests -> Integer,
        waitlist_seq -> Nullable<BigInt>,
        attended -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        attendance_changed_at -> Nullable<Timestamp>,
        confirmed_at -> Nullable<Timestamp>,
        /// How many of the member's guests came (0..=guests), ticked at the door.
        guests_came -> Integer,
        /// Wrong self check-in codes the member tried (`checkin::MAX_CODE_FAILURES`).
        check_in_failures -> Integer,
    }
}

diesel::table! {
    /// Someone who came without an RSVP, added at the door over capacity.
    walk_ins (id) {
        id -> Text,
        meetup_id -> Text,
        name -> Text,
        email -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// Groups asked to co-host a meetup: `pending`, `accepted` or `declined`.
    meetup_cohosts (meetup_id, group_id) {
        meetup_id -> Text,
        group_id -> Text,
        status -> Text,
        invited_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// Seats given back and waitlist promotions by one change: counts only.
    seat_moves (id) {
        id -> Text,
        meetup_id -> Text,
        /// Members going who gave their seat back (with their guests).
        released -> Integer,
        /// Waitlisted members who got a seat.
        promoted -> Integer,
        happened_at -> Timestamp,
    }
}

diesel::table! {
    /// Answers without an account waiting for their mailed link to be followed: no seat yet.
    guest_answers (token_hash) {
        token_hash -> Text,
        meetup_id -> Text,
        user_id -> Text,
        guests -> Integer,
        keep_informed -> Bool,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    talks (id) {
        id -> Text,
        group_id -> Text,
        meetup_id -> Nullable<Text>,
        proposer_id -> Text,
        title -> Text,
        #[sql_name = "abstract"]
        abstract_text -> Text,
        duration_minutes -> Integer,
        speaker_name -> Nullable<Text>,
        status -> Text,
        position -> Nullable<Integer>,
        links -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    talk_votes (talk_id, user_id) {
        talk_id -> Text,
        user_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    venue_suggestions (id) {
        id -> Text,
        group_id -> Text,
        meetup_id -> Nullable<Text>,
        suggester_id -> Text,
        name -> Text,
        address -> Text,
        url -> Nullable<Text>,
        note -> Nullable<Text>,
        status -> Text,
        venue_id -> Nullable<Text>,
        created_at -> Timestamp,
        decided_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    venue_votes (suggestion_id, user_id) {
        suggestion_id -> Text,
        user_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    polls (id) {
        id -> Text,
        group_id -> Text,
        title -> Text,
        description -> Text,
        created_by -> Nullable<Text>,
        closes_at -> Nullable<Timestamp>,
        reminded_at -> Nullable<Timestamp>,
        closed_at -> Nullable<Timestamp>,
        meetup_id -> Nullable<Text>,
        chosen_option_id -> Nullable<Text>,
        target_meetup_id -> Nullable<Text>,
        priority_until -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    poll_options (id) {
        id -> Text,
        poll_id -> Text,
        kind -> Text,
        position -> Integer,
        starts_at -> Nullable<Timestamp>,
        venue_id -> Nullable<Text>,
        suggestion_id -> Nullable<Text>,
    }
}

diesel::table! {
    poll_votes (option_id, user_id) {
        option_id -> Text,
        user_id -> Text,
        poll_id -> Text,
        answer -> Text,
        answered_at -> Timestamp,
    }
}

diesel::joinable!(polls -> groups (group_id));
diesel::joinable!(poll_options -> polls (poll_id));
diesel::joinable!(poll_votes -> poll_options (option_id));
diesel::joinable!(poll_votes -> users (user_id));
diesel::joinable!(group_messages -> groups (group_id));
diesel::joinable!(message_recipients -> group_messages (message_id));
diesel::joinable!(message_recipients -> users (user_id));
diesel::joinable!(organiser_events -> groups (group_id));
diesel::joinable!(group_exclusions -> users (user_id));
diesel::joinable!(memberships -> groups (group_id));
diesel::joinable!(memberships -> users (user_id));
diesel::joinable!(venues -> groups (group_id));
diesel::joinable!(incident_reports -> groups (group_id));
diesel::joinable!(incident_reports -> meetups (meetup_id));
diesel::joinable!(incident_reports -> users (reporter_id));
diesel::joinable!(meetups -> groups (group_id));
diesel::joinable!(meetups -> venues (venue_id));
diesel::joinable!(rsvps -> meetups (meetup_id));
diesel::joinable!(guest_answers -> meetups (meetup_id));
diesel::joinable!(guest_answers -> users (user_id));
diesel::joinable!(rsvps -> users (user_id));
diesel::joinable!(walk_ins -> meetups (meetup_id));
diesel::joinable!(seat_moves -> meetups (meetup_id));
diesel::joinable!(talks -> meetups (meetup_id));
diesel::joinable!(talks -> groups (group_id));
diesel::joinable!(talk_votes -> talks (talk_id));
diesel::joinable!(talk_votes -> users (user_id));
diesel::joinable!(talks -> users (proposer_id));
diesel::joinable!(venue_suggestions -> groups (group_id));
diesel::joinable!(venue_suggestions -> meetups (meetup_id));
diesel::joinable!(venue_suggestions -> users (suggester_id));
diesel::joinable!(venue_suggestions -> venues (venue_id));
diesel::joinable!(venue_votes -> venue_suggestions (suggestion_id));
diesel::joinable!(venue_votes -> users (user_id));
diesel::table! {
    /// Organisers' invitations to a group (#32): see `app::invitations`.
    invitations (id) {
        id -> Text,
        group_id -> Text,
        meetup_id -> Nullable<Text>,
        /// Normalised (`Email::parse`).
        email -> Text,
        invited_by -> Nullable<Text>,
        note -> Nullable<Text>,
        invited_at -> Timestamp,
        /// When the invitation's link was followed by someone who then joined.
        joined_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// Addresses that want no invitations, from any group: SHA-256 of the normalised address.
    invitation_optouts (email_hash) {
        email_hash -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(invitations -> groups (group_id));
diesel::allow_tables_to_appear_in_same_query!(
    users,
    invitations,
    invitation_optouts,
    api_tokens,
    browser_sessions,
    password_resets,
    email_changes,
    groups,
    memberships,
    incident_reports,
    group_exclusions,
    audit_entries,
    group_messages,
    message_recipients,
    organiser_events,
    venues,
    meetups,
    series,
    series_skips,
    rsvps,
    guest_answers,
    walk_ins,
    seat_moves,
    meetup_cohosts,
    rsvp_questions,
    rsvp_answers,
    meetup_host_links,
    outbox,
    mail_fanouts,
    talks,
    talk_votes,
    venue_suggestions,
    venue_votes,
    reports,
    polls,
    poll_options,
    poll_votes,
    webhooks,
    webhook_deliveries,
    webhook_attempts,
    group_banners,
    sponsors,
    sponsor_logos,
    meetup_sponsors,
);

diesel::table! {
    outbox (id) {
        id -> Text,
        idempotency_key -> Text,
        kind -> Text,
        user_id -> Nullable<Text>,
        meetup_id -> Nullable<Text>,
        to_email -> Text,
        to_name -> Text,
        subject -> Text,
        body_text -> Text,
        body_html -> Text,
        ics -> Nullable<Text>,
        ics_method -> Nullable<Text>,
        unsubscribe_url -> Nullable<Text>,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        claimed_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        /// 0: transactional, claimed first; 1: bulk (see `outbox::priority`).
        priority -> Integer,
        /// The address replies go to (an organiser's message); the sender's when NULL.
        reply_to -> Nullable<Text>,
    }
}

diesel::table! {
    /// One announcement or organiser's message, expanded by the worker into outbox rows.
    mail_fanouts (id) {
        id -> Text,
        idempotency_key -> Text,
        kind -> Text,
        group_id -> Text,
        meetup_id -> Nullable<Text>,
        message_id -> Nullable<Text>,
        cursor_user_id -> Nullable<Text>,
        created_at -> Timestamp,
        done_at -> Nullable<Timestamp>,
        poll_id -> Nullable<Text>,
    }
}

diesel::table! {
    reports (id) {
        id -> Text,
        meetup_id -> Text,
        group_id -> Text,
        slug -> Text,
        title -> Text,
        body_markdown -> Text,
        published -> Bool,
        published_at -> Nullable<Timestamp>,
        category -> Nullable<Text>,
        tags -> Text,
        authors -> Text,
        summary -> Nullable<Text>,
        lang -> Nullable<Text>,
        extra -> Text,
        date_has_time -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(reports -> meetups (meetup_id));

diesel::table! {
    /// A group's webhooks (see `webhooks`); `token` is write-only.
    webhooks (id) {
        id -> Text,
        group_id -> Text,
        url -> Text,
        format -> Text,
        /// Comma-separated event names (`meetup.created,talk.scheduled`).
        events -> Text,
        secret -> Text,
        token -> Nullable<Text>,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// The webhook outbox: one row per (webhook, event, object).
    webhook_deliveries (id) {
        id -> Text,
        webhook_id -> Text,
        idempotency_key -> Text,
        event -> Text,
        /// The generic JSON body.
        payload -> Text,
        /// The chat text, in the group's language.
        message -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        claimed_until -> Nullable<Timestamp>,
        created_at -> Timestamp,
        delivered_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// Each delivery attempt, for the organisers' log.
    webhook_attempts (id) {
        id -> Text,
        delivery_id -> Text,
        webhook_id -> Text,
        attempted_at -> Timestamp,
        status_code -> Nullable<Integer>,
        error -> Nullable<Text>,
    }
}

diesel::joinable!(webhooks -> groups (group_id));
diesel::joinable!(webhook_deliveries -> webhooks (webhook_id));
diesel::joinable!(webhook_attempts -> webhook_deliveries (delivery_id));

diesel::table! {
    /// A group's banner, as re-encoded by the server; `version` (a digest) names it in URLs.
    group_banners (group_id) {
        group_id -> Text,
        content_type -> Text,
        bytes -> Binary,
        width -> Integer,
        height -> Integer,
        version -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    sponsors (id) {
        id -> Text,
        group_id -> Text,
        name -> Text,
        url -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    sponsor_logos (sponsor_id) {
        sponsor_id -> Text,
        content_type -> Text,
        bytes -> Binary,
        width -> Integer,
        height -> Integer,
        version -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    meetup_sponsors (meetup_id, sponsor_id) {
        meetup_id -> Text,
        sponsor_id -> Text,
        /// `venue`, `food`, `drinks` or `other`.
        role -> Text,
        position -> Integer,
    }
}

diesel::joinable!(group_banners -> groups (group_id));
diesel::joinable!(sponsors -> groups (group_id));
diesel::joinable!(sponsor_logos -> sponsors (sponsor_id));
diesel::joinable!(meetup_sponsors -> sponsors (sponsor_id));
diesel::joinable!(meetup_sponsors -> meetups (meetup_id));

diesel::table! {
    /// Questions asked with a meetup's RSVP (`meetup_id`) or a group's default set
    /// (`group_id`), one of the two; `options` is a JSON array of strings.
    rsvp_questions (id) {
        id -> Text,
        meetup_id -> Nullable<Text>,
        group_id -> Nullable<Text>,
        position -> Integer,
        label -> Text,
        kind -> Text,
        options -> Text,
        required -> Bool,
        share_with_host -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// A member's answer to an RSVP question (JSON), and whether they withhold it from the host.
    rsvp_answers (question_id, user_id) {
        question_id -> Text,
        user_id -> Text,
        meetup_id -> Text,
        value -> Text,
        withheld -> Bool,
        answered_at -> Timestamp,
    }
}

diesel::table! {
    /// A meetup's host link (its secret hashed); revoking deletes the row.
    meetup_host_links (meetup_id) {
        meetup_id -> Text,
        token_hash -> Text,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(rsvp_answers -> rsvp_questions (question_id));
diesel::joinable!(rsvp_answers -> users (user_id));
diesel::joinable!(meetup_host_links -> meetups (meetup_id));
