ALTER TABLE memberships ADD COLUMN organiser_notices BOOLEAN NOT NULL DEFAULT TRUE;
UPDATE memberships SET organiser_notices = (proposal_notices <> 'off');
ALTER TABLE memberships DROP COLUMN rsvp_notices;
ALTER TABLE memberships DROP COLUMN proposal_notices;
ALTER TABLE memberships DROP COLUMN messages;
DROP TABLE organiser_events;
DROP TABLE message_recipients;
DROP TABLE group_messages;
