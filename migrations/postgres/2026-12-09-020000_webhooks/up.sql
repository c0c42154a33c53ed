-- A group's webhooks: where its news go (a chat, a site), in which format, for which events.
-- `secret` signs generic deliveries; `token` (Mastodon, Matrix) is write-only: no page, answer,
-- export or log shows it.
CREATE TABLE webhooks (
    id TEXT PRIMARY KEY,
    group_id TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    format TEXT NOT NULL,
    events TEXT NOT NULL,
    secret TEXT NOT NULL,
    token TEXT,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX webhooks_group ON webhooks (group_id);

-- The webhook outbox: one row per (webhook, event, object), written in the transaction of the
-- change, claimed by workers (SKIP LOCKED on PostgreSQL) and retried with backoff.
CREATE TABLE webhook_deliveries (
    id TEXT PRIMARY KEY,
    webhook_id TEXT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    idempotency_key TEXT NOT NULL UNIQUE,
    event TEXT NOT NULL,
    payload TEXT NOT NULL,
    message TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at TIMESTAMP NOT NULL,
    claimed_until TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    delivered_at TIMESTAMP
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id);

-- Each attempt, for the delivery log organisers read: the answer's status code or why none.
CREATE TABLE webhook_attempts (
    id TEXT PRIMARY KEY,
    delivery_id TEXT NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    webhook_id TEXT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    attempted_at TIMESTAMP NOT NULL,
    status_code INTEGER,
    error TEXT
);
CREATE INDEX webhook_attempts_webhook ON webhook_attempts (webhook_id, attempted_at);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id);
