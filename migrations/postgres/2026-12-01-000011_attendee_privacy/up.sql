-- Attendee names are for the group's members unless the group makes them public, and a member
-- may keep out of every list but the organisers'.
ALTER TABLE groups ADD COLUMN attendee_visibility TEXT NOT NULL DEFAULT 'members';
ALTER TABLE users ADD COLUMN hide_from_lists BOOLEAN NOT NULL DEFAULT FALSE;
