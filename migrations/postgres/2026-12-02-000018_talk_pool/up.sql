-- A talk belongs to its group and may wait in the group's pool with no meetup yet; it carries
-- its materials (a JSON list of {kind, url, title}).
ALTER TABLE talks ADD COLUMN group_id TEXT REFERENCES groups (id) ON DELETE CASCADE;
UPDATE talks SET group_id = meetups.group_id FROM meetups WHERE meetups.id = talks.meetup_id;
ALTER TABLE talks ALTER COLUMN group_id SET NOT NULL;
ALTER TABLE talks ALTER COLUMN meetup_id DROP NOT NULL;
ALTER TABLE talks ADD COLUMN links TEXT NOT NULL DEFAULT '[]';
CREATE INDEX talks_group ON talks (group_id, status, created_at);

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
