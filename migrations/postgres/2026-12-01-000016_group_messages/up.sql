-- Organisers' messages to a meetup's participants or the group's members, and who got each.
CREATE TABLE group_messages (
    id TEXT PRIMARY KEY NOT NULL,
    group_id TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    meetup_id TEXT REFERENCES meetups (id) ON DELETE CASCADE,
    author_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    audience TEXT NOT NULL CHECK (audience IN ('going', 'waitlisted', 'attended', 'all_members')),
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    recipients INTEGER NOT NULL,
    sent_at TIMESTAMP NOT NULL
);
CREATE INDEX group_messages_group ON group_messages (group_id, sent_at);
CREATE INDEX group_messages_meetup ON group_messages (meetup_id, sent_at);

CREATE TABLE message_recipients (
    message_id TEXT NOT NULL REFERENCES group_messages (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (message_id, user_id)
);
CREATE INDEX message_recipients_user ON message_recipients (user_id);

-- What organisers hear of, kept for the daily digest: proposals, suggestions, RSVP changes.
CREATE TABLE organiser_events (
    id TEXT PRIMARY KEY NOT NULL,
    group_id TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('talk_proposed', 'suggestion_made', 'rsvp_changed')),
    actor_name TEXT NOT NULL,
    about TEXT NOT NULL,
    detail TEXT NOT NULL,
    url TEXT NOT NULL,
    happened_at TIMESTAMP NOT NULL
);
CREATE INDEX organiser_events_group ON organiser_events (group_id, happened_at);

-- Each member chooses per group: organisers' messages (on or off); as an organiser, proposals
-- and suggestions, and RSVP changes, each instant, in a daily digest, or off.
ALTER TABLE memberships ADD COLUMN messages BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE memberships ADD COLUMN proposal_notices TEXT NOT NULL DEFAULT 'instant'
    CHECK (proposal_notices IN ('instant', 'digest', 'off'));
ALTER TABLE memberships ADD COLUMN rsvp_notices TEXT NOT NULL DEFAULT 'off'
    CHECK (rsvp_notices IN ('instant', 'digest', 'off'));
UPDATE memberships SET proposal_notices = 'off' WHERE NOT organiser_notices;
ALTER TABLE memberships DROP COLUMN organiser_notices;
