-- Seats for people who come: how long before the start members are asked "Still coming?" and
-- those who did not answer lose their seat (a group's defaults, copied into each new meetup),
-- when a meetup asked and released, and when each RSVP was confirmed.
ALTER TABLE groups ADD COLUMN reconfirm_before TEXT;
ALTER TABLE groups ADD COLUMN auto_release_before TEXT;
ALTER TABLE meetups ADD COLUMN reconfirm_before TEXT;
ALTER TABLE meetups ADD COLUMN auto_release_before TEXT;
ALTER TABLE meetups ADD COLUMN reconfirm_asked_at TIMESTAMP;
ALTER TABLE meetups ADD COLUMN auto_released_at TIMESTAMP;
ALTER TABLE rsvps ADD COLUMN confirmed_at TIMESTAMP;
