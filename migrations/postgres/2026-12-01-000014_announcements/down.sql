ALTER TABLE meetups DROP COLUMN announced_at;
ALTER TABLE memberships DROP COLUMN announcements;
