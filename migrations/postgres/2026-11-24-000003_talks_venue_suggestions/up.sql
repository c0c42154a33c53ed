CREATE TABLE talks (
    id TEXT PRIMARY KEY NOT NULL,
    meetup_id TEXT NOT NULL REFERENCES meetups (id) ON DELETE CASCADE,
    proposer_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    "abstract" TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 5 AND 120),
    speaker_name TEXT,
    status TEXT NOT NULL CHECK (status IN ('proposed', 'accepted', 'rejected', 'withdrawn')),
    -- Place in the programme, 1..n without gaps; only accepted talks have one.
    position INTEGER,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX talks_meetup ON talks (meetup_id, status, position);
CREATE INDEX talks_proposer ON talks (proposer_id);

CREATE TABLE venue_suggestions (
    id TEXT PRIMARY KEY NOT NULL,
    group_id TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    meetup_id TEXT REFERENCES meetups (id) ON DELETE SET NULL,
    suggester_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    url TEXT,
    note TEXT,
    status TEXT NOT NULL CHECK (status IN ('open', 'accepted', 'declined')),
    -- The venue created when the suggestion was accepted.
    venue_id TEXT REFERENCES venues (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    decided_at TIMESTAMP
);
CREATE INDEX venue_suggestions_group ON venue_suggestions (group_id, created_at);

CREATE TABLE venue_votes (
    suggestion_id TEXT NOT NULL REFERENCES venue_suggestions (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (suggestion_id, user_id)
);
CREATE INDEX venue_votes_user ON venue_votes (user_id);
