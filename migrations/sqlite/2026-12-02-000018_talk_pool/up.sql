-- A talk belongs to its group and may wait in the group's pool with no meetup yet; it carries
-- its materials (a JSON list of {kind, url, title}).
CREATE TABLE talks_new (
    id TEXT PRIMARY KEY NOT NULL,
    group_id TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    meetup_id TEXT REFERENCES meetups (id) ON DELETE CASCADE,
    proposer_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    "abstract" TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 5 AND 120),
    speaker_name TEXT,
    status TEXT NOT NULL CHECK (status IN ('proposed', 'accepted', 'rejected', 'withdrawn')),
    -- Place in the programme, 1..n without gaps; only accepted talks have one.
    position INTEGER,
    links TEXT NOT NULL DEFAULT '[]',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
INSERT INTO talks_new (id, group_id, meetup_id, proposer_id, title, "abstract", duration_minutes,
                       speaker_name, status, position, created_at, updated_at)
SELECT t.id, m.group_id, t.meetup_id, t.proposer_id, t.title, t."abstract", t.duration_minutes,
       t.speaker_name, t.status, t.position, t.created_at, t.updated_at
FROM talks t JOIN meetups m ON m.id = t.meetup_id;
DROP TABLE talks;
ALTER TABLE talks_new RENAME TO talks;
CREATE INDEX talks_meetup ON talks (meetup_id, status, position);
CREATE INDEX talks_group ON talks (group_id, status, created_at);
CREATE INDEX talks_proposer ON talks (proposer_id);

CREATE TABLE talk_votes (
    talk_id TEXT NOT NULL REFERENCES talks (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (talk_id, user_id)
);
CREATE INDEX talk_votes_user ON talk_votes (user_id);

-- Members choose per group whether they get the mail that follows a meetup they attended.
ALTER TABLE memberships ADD COLUMN follow_ups BOOLEAN NOT NULL DEFAULT TRUE;
-- When the follow-up mails of a meetup were queued (once). The worker looks for the meetups
-- still waiting for theirs every few seconds: only those are indexed.
ALTER TABLE meetups ADD COLUMN followed_up_at TIMESTAMP;
CREATE INDEX meetups_awaiting_follow_up ON meetups (ends_at) WHERE followed_up_at IS NULL;
