-- Groups asked to co-host a meetup of another group: `pending` until the invited group's
-- organisers accept (the meetup then shows on both groups' pages, feeds and embeds) or decline.
-- One row per meetup and group; leaving deletes it.
CREATE TABLE meetup_cohosts (
    meetup_id TEXT NOT NULL REFERENCES meetups (id) ON DELETE CASCADE,
    group_id TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    invited_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (meetup_id, group_id)
);
CREATE INDEX meetup_cohosts_group ON meetup_cohosts (group_id, status);
