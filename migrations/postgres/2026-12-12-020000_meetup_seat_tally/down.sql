DROP TRIGGER tally_seats ON rsvps;
DROP FUNCTION rendezvous_tally_seats();
ALTER TABLE meetups DROP COLUMN last_waitlist_seq;
ALTER TABLE meetups DROP COLUMN seats_taken;
