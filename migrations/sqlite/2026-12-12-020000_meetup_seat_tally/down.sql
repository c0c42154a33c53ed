DROP TRIGGER tally_seats_insert;
DROP TRIGGER tally_seats_update;
DROP TRIGGER tally_seats_delete;
ALTER TABLE meetups DROP COLUMN last_waitlist_seq;
ALTER TABLE meetups DROP COLUMN seats_taken;
