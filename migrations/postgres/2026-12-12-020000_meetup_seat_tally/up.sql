-- Each meetup keeps the seats its answers take (one for each member going and one for each of
-- their guests) and the last waitlist number it gave, maintained by a trigger on every write of
-- an answer in the writing transaction. An answer reads both with the meetup's lock instead of
-- summing every answer going: with hundreds going, that sum read as many rows under the lock,
-- every row the answers keep rewriting.
ALTER TABLE meetups ADD COLUMN seats_taken BIGINT NOT NULL DEFAULT 0;
ALTER TABLE meetups ADD COLUMN last_waitlist_seq BIGINT NOT NULL DEFAULT 0;
UPDATE meetups m SET
    seats_taken = COALESCE((SELECT SUM(r.guests + 1) FROM rsvps r
        WHERE r.meetup_id = m.id AND r.status = 'going'), 0),
    last_waitlist_seq = COALESCE((SELECT MAX(r.waitlist_seq) FROM rsvps r
        WHERE r.meetup_id = m.id), 0);

CREATE FUNCTION rendezvous_tally_seats() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    delta BIGINT := 0;
    seq BIGINT := 0;
    meetup TEXT;
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.status = 'going' THEN
        delta := delta - OLD.guests - 1;
    END IF;
    IF TG_OP = 'DELETE' THEN
        meetup := OLD.meetup_id;
    ELSE
        meetup := NEW.meetup_id;
        seq := COALESCE(NEW.waitlist_seq, 0);
        IF NEW.status = 'going' THEN
            delta := delta + NEW.guests + 1;
        END IF;
    END IF;
    UPDATE meetups SET seats_taken = seats_taken + delta,
        last_waitlist_seq = GREATEST(last_waitlist_seq, seq)
        WHERE id = meetup AND (delta <> 0 OR last_waitlist_seq < seq);
    RETURN NULL;
END
$$;
CREATE TRIGGER tally_seats AFTER INSERT OR DELETE OR UPDATE OF status, guests, waitlist_seq
    ON rsvps FOR EACH ROW EXECUTE FUNCTION rendezvous_tally_seats();
