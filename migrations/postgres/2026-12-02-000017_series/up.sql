-- A recurring meetup: an RRULE read in the group's time zone from `dtstart` (local wall time),
-- and the template each occurrence is made from.
CREATE TABLE series (
    id TEXT PRIMARY KEY NOT NULL,
    group_id TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    rule TEXT NOT NULL,
    dtstart TIMESTAMP NOT NULL,
    duration_minutes INTEGER NOT NULL,
    venue_id TEXT REFERENCES venues (id) ON DELETE SET NULL,
    capacity INTEGER,
    online_url TEXT,
    rsvp_deadline_minutes INTEGER,
    horizon INTEGER NOT NULL,
    ended_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX series_group ON series (group_id);

-- Local dates an organiser took out of a series.
CREATE TABLE series_skips (
    series_id TEXT NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    day DATE NOT NULL,
    PRIMARY KEY (series_id, day)
);

ALTER TABLE meetups ADD COLUMN series_id TEXT REFERENCES series (id) ON DELETE SET NULL;
ALTER TABLE meetups ADD COLUMN series_number INTEGER;
-- One meetup per occurrence, however many instances top the series up at once.
CREATE UNIQUE INDEX meetups_series_number ON meetups (series_id, series_number);
