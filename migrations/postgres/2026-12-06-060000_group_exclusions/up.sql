-- Who an organiser put out of a group: removed (`banned` false: an explicit join brings them
-- back, while the signed links mailed before stay dead for the group) or banned (`banned` true:
-- join, answers, proposals, votes and suggestions are refused until an organiser lifts it;
-- lifting it leaves the row as a removal). `reason` and `banned_by` are for the organisers.
CREATE TABLE group_exclusions (
    group_id TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    banned BOOLEAN NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    banned_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (group_id, user_id)
);
CREATE TRIGGER notify_commit AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON group_exclusions
    FOR EACH STATEMENT EXECUTE FUNCTION rendezvous_notify_commit();
