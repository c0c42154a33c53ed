ALTER TABLE rsvps DROP COLUMN attendance_changed_at;
