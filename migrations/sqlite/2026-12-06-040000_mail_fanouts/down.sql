DROP INDEX outbox_due;
ALTER TABLE outbox DROP COLUMN priority;
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
DROP INDEX mail_fanouts_pending;
DROP TABLE mail_fanouts;
