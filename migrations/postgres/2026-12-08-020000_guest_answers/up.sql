-- Answers without an account (#32): a group may refuse them; a guest is a user row without a
-- password (so seats, the waitlist and mails have one kind of answer to deal with) until they
-- register with that address; an answer waits in guest_answers, holding no seat, until its
-- mailed link is followed. Limits count guest answers apart from password resets.
ALTER TABLE groups ADD COLUMN guest_rsvps BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE users ADD COLUMN guest BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE password_reset_requests ADD COLUMN purpose TEXT NOT NULL DEFAULT 'reset';
CREATE TABLE guest_answers (
    token_hash TEXT PRIMARY KEY,
    meetup_id TEXT NOT NULL REFERENCES meetups(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    guests INTEGER NOT NULL,
    keep_informed BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX guest_answers_user ON guest_answers (user_id);
CREATE INDEX users_guest ON users (guest) WHERE guest;
