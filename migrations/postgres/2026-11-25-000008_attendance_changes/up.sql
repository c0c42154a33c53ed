-- When someone was last checked in or out: report pages list who came, and their fingerprint
-- must change with it.
ALTER TABLE rsvps ADD COLUMN attendance_changed_at TIMESTAMP;
