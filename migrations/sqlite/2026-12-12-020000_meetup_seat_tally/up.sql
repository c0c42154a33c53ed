-- Each meetup keeps the seats its answers take (one for each member going and one for each of
-- their guests) and the last waitlist number it gave, maintained by triggers on every write of
-- an answer in the writing transaction. An answer reads both with the meetup's lock instead of
-- summing every answer going.
ALTER TABLE meetups ADD COLUMN seats_taken BIGINT NOT NULL DEFAULT 0;
ALTER TABLE meetups ADD COLUMN last_waitlist_seq BIGINT NOT NULL DEFAULT 0;
UPDATE meetups SET
    seats_taken = COALESCE((SELECT SUM(r.guests + 1) FROM rsvps r
        WHERE r.meetup_id = meetups.id AND r.status = 'going'), 0),
    last_waitlist_seq = COALESCE((SELECT MAX(r.waitlist_seq) FROM rsvps r
        WHERE r.meetup_id = meetups.id), 0);

CREATE TRIGGER tally_seats_insert AFTER INSERT ON rsvps BEGIN
    UPDATE meetups SET
        seats_taken = seats_taken + CASE WHEN NEW.status = 'going' THEN NEW.guests + 1 ELSE 0 END,
        last_waitlist_seq = MAX(last_waitlist_seq, COALESCE(NEW.waitlist_seq, 0))
        WHERE id = NEW.meetup_id;
END;
CREATE TRIGGER tally_seats_update AFTER UPDATE OF status, guests, waitlist_seq ON rsvps BEGIN
    UPDATE meetups SET
        seats_taken = seats_taken
            - CASE WHEN OLD.status = 'going' THEN OLD.guests + 1 ELSE 0 END
            + CASE WHEN NEW.status = 'going' THEN NEW.guests + 1 ELSE 0 END,
        last_waitlist_seq = MAX(last_waitlist_seq, COALESCE(NEW.waitlist_seq, 0))
        WHERE id = NEW.meetup_id;
END;
CREATE TRIGGER tally_seats_delete AFTER DELETE ON rsvps BEGIN
    UPDATE meetups SET
        seats_taken = seats_taken - CASE WHEN OLD.status = 'going' THEN OLD.guests + 1 ELSE 0 END
        WHERE id = OLD.meetup_id;
END;
