-- One report per meetup, written in Markdown; Pelican metadata is kept so exports round-trip.
CREATE TABLE reports (
    id TEXT PRIMARY KEY NOT NULL,
    meetup_id TEXT NOT NULL UNIQUE REFERENCES meetups (id) ON DELETE CASCADE,
    group_id TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    slug TEXT NOT NULL,
    title TEXT NOT NULL,
    body_markdown TEXT NOT NULL,
    published BOOLEAN NOT NULL DEFAULT 0,
    published_at TIMESTAMP,
    category TEXT,
    -- JSON arrays; `extra` holds other Pelican header pairs in their order.
    tags TEXT NOT NULL DEFAULT '[]',
    authors TEXT NOT NULL DEFAULT '[]',
    summary TEXT,
    lang TEXT,
    extra TEXT NOT NULL DEFAULT '[]',
    date_has_time BOOLEAN NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (group_id, slug)
);
CREATE INDEX reports_group ON reports (group_id, published);
