-- The notify_commit triggers fired once per statement, also for statements that changed no row:
-- the mail worker's passes (a purge or a claim finding nothing, every two seconds) notified every
-- instance, and each then read again the fingerprint of every cached page it served. Fired for
-- each changed row instead (PostgreSQL still folds a transaction's identical notifications into
-- one), and once per TRUNCATE, which names no rows. A table created later gets both triggers in
-- its own migration; a test checks that every table not in db::listen::UNSIGNALLED_TABLES does.
DO $$
DECLARE
    t text;
BEGIN
    FOR t IN
        SELECT c.relname FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
        WHERE g.tgname = 'notify_commit'
    LOOP
        EXECUTE format('DROP TRIGGER notify_commit ON %I', t);
        EXECUTE format('CREATE TRIGGER notify_commit AFTER INSERT OR UPDATE OR DELETE ON %I '
            'FOR EACH ROW EXECUTE FUNCTION rendezvous_notify_commit()', t);
        EXECUTE format('CREATE TRIGGER notify_commit_truncate AFTER TRUNCATE ON %I '
            'FOR EACH STATEMENT EXECUTE FUNCTION rendezvous_notify_commit()', t);
    END LOOP;
END
$$;
