-- Seats taken are summed per meetup and status on every RSVP: guests in the index spares a
-- lookup of each row.
CREATE INDEX rsvps_meetup_status_guests ON rsvps (meetup_id, status, guests);
