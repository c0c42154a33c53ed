DO $$
DECLARE
    t text;
BEGIN
    FOR t IN
        SELECT c.relname FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
        WHERE g.tgname = 'notify_commit'
    LOOP
        EXECUTE format('DROP TRIGGER notify_commit ON %I', t);
        EXECUTE format('DROP TRIGGER notify_commit_truncate ON %I', t);
        EXECUTE format('CREATE TRIGGER notify_commit AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE '
            'ON %I FOR EACH STATEMENT EXECUTE FUNCTION rendezvous_notify_commit()', t);
    END LOOP;
END
$$;
