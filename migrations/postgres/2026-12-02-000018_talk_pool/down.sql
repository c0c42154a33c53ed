DROP INDEX meetups_awaiting_follow_up;
ALTER TABLE meetups DROP COLUMN followed_up_at;
ALTER TABLE memberships DROP COLUMN follow_ups;
DROP TABLE talk_votes;
DELETE FROM talks WHERE meetup_id IS NULL;
DROP INDEX talks_group;
ALTER TABLE talks DROP COLUMN links;
ALTER TABLE talks ALTER COLUMN meetup_id SET NOT NULL;
ALTER TABLE talks DROP COLUMN group_id;
