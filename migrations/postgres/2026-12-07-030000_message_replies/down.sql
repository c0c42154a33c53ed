ALTER TABLE outbox DROP COLUMN reply_to;
ALTER TABLE group_messages DROP COLUMN replies;
