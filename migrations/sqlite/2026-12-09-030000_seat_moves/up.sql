-- Seats given back and waitlist promotions, one row per change that moved any, written in the
-- transaction that moved them: the show-rate page's "released" and "promoted" columns and the
-- organisers' digest line. Counts only: nobody is named here.
CREATE TABLE seat_moves (
    id TEXT PRIMARY KEY NOT NULL,
    meetup_id TEXT NOT NULL REFERENCES meetups (id) ON DELETE CASCADE,
    released INTEGER NOT NULL,
    promoted INTEGER NOT NULL,
    happened_at TIMESTAMP NOT NULL
);
CREATE INDEX seat_moves_meetup ON seat_moves (meetup_id, happened_at);
