ALTER TABLE rsvps DROP COLUMN confirmed_at;
ALTER TABLE meetups DROP COLUMN auto_released_at;
ALTER TABLE meetups DROP COLUMN reconfirm_asked_at;
ALTER TABLE meetups DROP COLUMN auto_release_before;
ALTER TABLE meetups DROP COLUMN reconfirm_before;
ALTER TABLE groups DROP COLUMN auto_release_before;
ALTER TABLE groups DROP COLUMN reconfirm_before;
