-- Invitations (#32 item 3): organisers invite addresses to their group (and maybe a meetup);
-- each address gets one mail with a signed link; nobody is a member before following it.
-- Personal data: an invitation never followed is deleted 90 days after it was sent, and an
-- account's erasure deletes those to its address. An address that asked for no invitations is
-- kept as the SHA-256 of its normalised form only, instance-wide, and never mailed again.
CREATE TABLE invitations (
    id TEXT PRIMARY KEY,
    group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    meetup_id TEXT REFERENCES meetups(id) ON DELETE SET NULL,
    email TEXT NOT NULL,
    invited_by TEXT REFERENCES users(id) ON DELETE SET NULL,
    note TEXT,
    invited_at TIMESTAMP NOT NULL,
    joined_at TIMESTAMP
);
CREATE INDEX invitations_group ON invitations (group_id, invited_at);
CREATE INDEX invitations_email ON invitations (email);
CREATE TABLE invitation_optouts (
    email_hash TEXT PRIMARY KEY,
    created_at TIMESTAMP NOT NULL
);
