CREATE TABLE groups (
    id TEXT PRIMARY KEY NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    timezone TEXT NOT NULL,
    locale TEXT NOT NULL,
    -- JSON array of {"label", "url"}: website, social accounts, chat.
    links TEXT NOT NULL DEFAULT '[]',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE memberships (
    group_id TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    joined_at TIMESTAMP NOT NULL,
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE venues (
    id TEXT PRIMARY KEY NOT NULL,
    group_id TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    city TEXT,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    url TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX venues_group ON venues (group_id);

CREATE TABLE meetups (
    id TEXT PRIMARY KEY NOT NULL,
    group_id TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    venue_id TEXT REFERENCES venues (id) ON DELETE SET NULL,
    online_url TEXT,
    capacity INTEGER,
    rsvp_deadline TIMESTAMP,
    status TEXT NOT NULL,
    sequence INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX meetups_group_start ON meetups (group_id, starts_at);
CREATE INDEX meetups_start ON meetups (starts_at);

CREATE TABLE rsvps (
    meetup_id TEXT NOT NULL REFERENCES meetups (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    guests INTEGER NOT NULL DEFAULT 0,
    -- Order in the waitlist (first in, first out); NULL unless waitlisted.
    waitlist_seq BIGINT,
    attended BOOLEAN NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (meetup_id, user_id)
);
CREATE INDEX rsvps_user ON rsvps (user_id);
CREATE INDEX rsvps_meetup_status ON rsvps (meetup_id, status, waitlist_seq);
