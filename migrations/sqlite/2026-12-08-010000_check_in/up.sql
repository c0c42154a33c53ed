-- Check-in at the door: how many of a member's guests came, wrong self check-in codes a member
-- tried (the per-member limit), and people who came without an RSVP (walk-ins), over capacity.
ALTER TABLE rsvps ADD COLUMN guests_came INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rsvps ADD COLUMN check_in_failures INTEGER NOT NULL DEFAULT 0;
CREATE TABLE walk_ins (
    id TEXT PRIMARY KEY NOT NULL,
    meetup_id TEXT NOT NULL REFERENCES meetups (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    email TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX walk_ins_meetup ON walk_ins (meetup_id, created_at);
