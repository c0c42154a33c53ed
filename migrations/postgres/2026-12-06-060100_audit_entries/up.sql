-- What organisers did in a group (role changes, removals, bans, meetups cancelled, deleted or
-- reinstated, talk decisions, messages sent, reports published), in the transaction of the
-- action. No name is stored: the actor and a person aimed at are named from `users` when read,
-- so an erased account shows as "deleted account". `label` is the meetup's, talk's, message's
-- or report's title (or the role set).
CREATE TABLE audit_entries (
    id TEXT PRIMARY KEY NOT NULL,
    group_id TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    actor_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    target_kind TEXT NOT NULL,
    target_id TEXT,
    label TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX audit_entries_group ON audit_entries (group_id, created_at, id);
CREATE TRIGGER notify_commit AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON audit_entries
    FOR EACH STATEMENT EXECUTE FUNCTION rendezvous_notify_commit();
