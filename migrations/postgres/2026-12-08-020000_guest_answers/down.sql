DROP INDEX users_guest;
DROP TABLE guest_answers;
ALTER TABLE password_reset_requests DROP COLUMN purpose;
ALTER TABLE users DROP COLUMN guest;
ALTER TABLE groups DROP COLUMN guest_rsvps;
