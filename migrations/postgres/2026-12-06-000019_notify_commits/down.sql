DO $$
DECLARE
    t text;
BEGIN
    FOR t IN
        SELECT c.relname FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
        WHERE g.tgname = 'notify_commit'
    LOOP
        EXECUTE format('DROP TRIGGER notify_commit ON %I', t);
    END LOOP;
END
$$;
DROP FUNCTION rendezvous_notify_commit();
