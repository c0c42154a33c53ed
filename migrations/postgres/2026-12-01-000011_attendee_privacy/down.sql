ALTER TABLE users DROP COLUMN hide_from_lists;
ALTER TABLE groups DROP COLUMN attendee_visibility;
