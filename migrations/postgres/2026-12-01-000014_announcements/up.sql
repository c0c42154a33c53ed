-- New meetups are announced to the group's members who want it (a choice per group), once.
ALTER TABLE memberships ADD COLUMN announcements BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE meetups ADD COLUMN announced_at TIMESTAMP;
