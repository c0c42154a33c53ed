-- Mail to many (a meetup's announcement, an organiser's message) is queued as one job in the
-- transaction of the change that causes it; the mail worker expands each job into one outbox
-- row per recipient, a batch per transaction, in user id order: `cursor_user_id` is the last
-- recipient expanded, so a worker stopped half-way resumes after it.
CREATE TABLE mail_fanouts (
    id TEXT PRIMARY KEY NOT NULL,
    -- `announce:{meetup}` or `message:{message}`: one job per announcement or message.
    idempotency_key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('meetup_announced', 'organiser_message')),
    group_id TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    meetup_id TEXT REFERENCES meetups (id) ON DELETE CASCADE,
    message_id TEXT REFERENCES group_messages (id) ON DELETE CASCADE,
    cursor_user_id TEXT,
    created_at TIMESTAMP NOT NULL,
    done_at TIMESTAMP
);
-- The worker looks for unfinished jobs every pass: only those are indexed.
CREATE INDEX mail_fanouts_pending ON mail_fanouts (created_at) WHERE done_at IS NULL;

-- Transactional mail (0: confirmations, promotions, reminders, account links, notices) is
-- claimed before bulk mail (1: announcements, organisers' messages, digests, follow-ups).
ALTER TABLE outbox ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
UPDATE outbox SET priority = 1
    WHERE kind IN ('meetup_announced', 'organiser_message', 'organiser_digest', 'follow_up');
DROP INDEX outbox_due;
CREATE INDEX outbox_due ON outbox (status, priority, next_attempt_at);
