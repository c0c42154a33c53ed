DROP TABLE walk_ins;
ALTER TABLE rsvps DROP COLUMN check_in_failures;
ALTER TABLE rsvps DROP COLUMN guests_came;
