-- Questions a meetup asks with its RSVP (`meetup_id`), or a group's default set copied to its
-- new meetups (`group_id`): exactly one of the two. `options` is a JSON array of strings.
CREATE TABLE rsvp_questions (
    id TEXT PRIMARY KEY NOT NULL,
    meetup_id TEXT REFERENCES meetups (id) ON DELETE CASCADE,
    group_id TEXT REFERENCES groups (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    label TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('text', 'choice', 'multi', 'checkbox')),
    options TEXT NOT NULL,
    required BOOLEAN NOT NULL,
    share_with_host BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    CHECK ((meetup_id IS NULL) <> (group_id IS NULL))
);
CREATE INDEX rsvp_questions_meetup ON rsvp_questions (meetup_id, position);
CREATE INDEX rsvp_questions_group ON rsvp_questions (group_id, position);
-- A member's answer to one question, as JSON (a string, an array of strings or a boolean);
-- `withheld`: not to be shared with the host even if the question is.
CREATE TABLE rsvp_answers (
    question_id TEXT NOT NULL REFERENCES rsvp_questions (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    meetup_id TEXT NOT NULL REFERENCES meetups (id) ON DELETE CASCADE,
    value TEXT NOT NULL,
    withheld BOOLEAN NOT NULL,
    answered_at TIMESTAMP NOT NULL,
    PRIMARY KEY (question_id, user_id)
);
CREATE INDEX rsvp_answers_meetup ON rsvp_answers (meetup_id, user_id);
CREATE INDEX rsvp_answers_user ON rsvp_answers (user_id);
-- The meetup's host link, one at a time: its secret is kept hashed; revoking deletes the row.
CREATE TABLE meetup_host_links (
    meetup_id TEXT PRIMARY KEY NOT NULL REFERENCES meetups (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_by TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL
);
