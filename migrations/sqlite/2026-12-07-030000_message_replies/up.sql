-- Replies to an organiser's message go to its author, unless they chose otherwise.
ALTER TABLE group_messages ADD COLUMN replies BOOLEAN NOT NULL DEFAULT 1;
ALTER TABLE outbox ADD COLUMN reply_to TEXT;
