-- The fingerprints of cached pages and feeds (db/repo/versions.rs) read these as index lookups.
CREATE INDEX meetups_group_end ON meetups (group_id, ends_at);
CREATE INDEX meetups_group_updated ON meetups (group_id, updated_at);
CREATE INDEX rsvps_meetup_updated ON rsvps (meetup_id, updated_at);
