-- Images a group shows: its banner (link previews, group page) and its sponsors' logos. Each is
-- stored as the server re-encoded it (no metadata survives), with its size and `version`, a
-- digest of its bytes that names it in URLs (`?v=`) so they may be cached for good.
CREATE TABLE group_banners (
    group_id TEXT PRIMARY KEY NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    content_type TEXT NOT NULL,
    bytes BYTEA NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    version TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
-- A group's sponsors and hosts (group data, not personal data).
CREATE TABLE sponsors (
    id TEXT PRIMARY KEY NOT NULL,
    group_id TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    url TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX sponsors_group ON sponsors (group_id, name);
CREATE TABLE sponsor_logos (
    sponsor_id TEXT PRIMARY KEY NOT NULL REFERENCES sponsors (id) ON DELETE CASCADE,
    content_type TEXT NOT NULL,
    bytes BYTEA NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    version TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
-- Who hosts or sponsors a meetup, and how: venue, food, drinks or other.
CREATE TABLE meetup_sponsors (
    meetup_id TEXT NOT NULL REFERENCES meetups (id) ON DELETE CASCADE,
    sponsor_id TEXT NOT NULL REFERENCES sponsors (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('venue', 'food', 'drinks', 'other')),
    position INTEGER NOT NULL,
    PRIMARY KEY (meetup_id, sponsor_id)
);
CREATE INDEX meetup_sponsors_sponsor ON meetup_sponsors (sponsor_id);
CREATE TRIGGER notify_commit AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON group_banners
    FOR EACH STATEMENT EXECUTE FUNCTION rendezvous_notify_commit();
CREATE TRIGGER notify_commit AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sponsors
    FOR EACH STATEMENT EXECUTE FUNCTION rendezvous_notify_commit();
CREATE TRIGGER notify_commit AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sponsor_logos
    FOR EACH STATEMENT EXECUTE FUNCTION rendezvous_notify_commit();
CREATE TRIGGER notify_commit AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON meetup_sponsors
    FOR EACH STATEMENT EXECUTE FUNCTION rendezvous_notify_commit();
