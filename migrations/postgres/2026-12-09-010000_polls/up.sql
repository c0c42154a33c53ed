-- Polls: organisers offer dates (and venues) to vote on; closing one makes (or moves) the meetup.
-- A vote is one member's answer to one option; `answered_at` is when that answer was last
-- changed, so "yes" voters are seated first come, first served when a poll seats them.
CREATE TABLE polls (
    id TEXT PRIMARY KEY NOT NULL,
    group_id TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    closes_at TIMESTAMP,
    reminded_at TIMESTAMP,
    closed_at TIMESTAMP,
    meetup_id TEXT REFERENCES meetups (id) ON DELETE SET NULL,
    chosen_option_id TEXT,
    target_meetup_id TEXT REFERENCES meetups (id) ON DELETE SET NULL,
    priority_until TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX polls_group ON polls (group_id, closed_at);
CREATE TABLE poll_options (
    id TEXT PRIMARY KEY NOT NULL,
    poll_id TEXT NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    position INTEGER NOT NULL,
    starts_at TIMESTAMP,
    venue_id TEXT REFERENCES venues (id) ON DELETE CASCADE,
    suggestion_id TEXT REFERENCES venue_suggestions (id) ON DELETE CASCADE
);
CREATE INDEX poll_options_poll ON poll_options (poll_id, position);
CREATE TABLE poll_votes (
    option_id TEXT NOT NULL REFERENCES poll_options (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    poll_id TEXT NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    answer TEXT NOT NULL,
    answered_at TIMESTAMP NOT NULL,
    PRIMARY KEY (option_id, user_id)
);
CREATE INDEX poll_votes_poll ON poll_votes (poll_id, user_id);
CREATE INDEX poll_votes_user ON poll_votes (user_id);
CREATE TRIGGER notify_commit AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON polls
    FOR EACH STATEMENT EXECUTE FUNCTION rendezvous_notify_commit();
CREATE TRIGGER notify_commit AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON poll_options
    FOR EACH STATEMENT EXECUTE FUNCTION rendezvous_notify_commit();
CREATE TRIGGER notify_commit AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON poll_votes
    FOR EACH STATEMENT EXECUTE FUNCTION rendezvous_notify_commit();
