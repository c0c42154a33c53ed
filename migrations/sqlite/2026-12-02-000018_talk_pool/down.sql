DROP INDEX meetups_awaiting_follow_up;
ALTER TABLE meetups DROP COLUMN followed_up_at;
ALTER TABLE memberships DROP COLUMN follow_ups;
DROP TABLE talk_votes;
CREATE TABLE talks_old (
    id TEXT PRIMARY KEY NOT NULL,
    meetup_id TEXT NOT NULL REFERENCES meetups (id) ON DELETE CASCADE,
    proposer_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    "abstract" TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 5 AND 120),
    speaker_name TEXT,
    status TEXT NOT NULL CHECK (status IN ('proposed', 'accepted', 'rejected', 'withdrawn')),
    position INTEGER,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
-- Pool talks have no meetup to go back to.
INSERT INTO talks_old
SELECT id, meetup_id, proposer_id, title, "abstract", duration_minutes, speaker_name, status,
       position, created_at, updated_at
FROM talks WHERE meetup_id IS NOT NULL;
DROP TABLE talks;
ALTER TABLE talks_old RENAME TO talks;
CREATE INDEX talks_meetup ON talks (meetup_id, status, position);
CREATE INDEX talks_proposer ON talks (proposer_id);
