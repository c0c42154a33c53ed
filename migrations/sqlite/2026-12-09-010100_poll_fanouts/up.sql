-- A poll's announcement (`poll_announced`) and the announcement of the meetup it became
-- (`poll_decided`) are expanded like any other; `poll_id` names the poll. SQLite cannot change
-- a CHECK constraint in place: the table is rebuilt.
CREATE TABLE mail_fanouts_new (
    id TEXT PRIMARY KEY NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('meetup_announced', 'series_announced', 'organiser_message',
                                       'poll_announced', 'poll_decided')),
    group_id TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    meetup_id TEXT REFERENCES meetups (id) ON DELETE CASCADE,
    message_id TEXT REFERENCES group_messages (id) ON DELETE CASCADE,
    cursor_user_id TEXT,
    created_at TIMESTAMP NOT NULL,
    done_at TIMESTAMP,
    poll_id TEXT REFERENCES polls (id) ON DELETE CASCADE
);
INSERT INTO mail_fanouts_new (id, idempotency_key, kind, group_id, meetup_id, message_id,
                              cursor_user_id, created_at, done_at)
    SELECT id, idempotency_key, kind, group_id, meetup_id, message_id, cursor_user_id,
           created_at, done_at
    FROM mail_fanouts;
DROP TABLE mail_fanouts;
ALTER TABLE mail_fanouts_new RENAME TO mail_fanouts;
CREATE INDEX mail_fanouts_pending ON mail_fanouts (created_at) WHERE done_at IS NULL;
