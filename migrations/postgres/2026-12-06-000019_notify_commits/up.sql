-- Every transaction that writes what a page or feed shows notifies 'rendezvous_commits' once
-- (PostgreSQL folds identical notifications of one transaction), at commit. Each instance
-- listens, so its cached pages are served without asking the database whether anything changed.
-- A table created later gets the same trigger in its own migration (a test checks that every
-- table has it, but for those listed in db::listen::UNSIGNALLED_TABLES).
CREATE FUNCTION rendezvous_notify_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('rendezvous_commits', '');
    RETURN NULL;
END
$$;

DO $$
DECLARE
    t text;
BEGIN
    FOR t IN
        SELECT tablename FROM pg_tables
        WHERE schemaname = current_schema()
          AND tablename NOT IN ('__diesel_schema_migrations', 'api_tokens', 'browser_sessions',
              'password_resets', 'email_changes', 'password_reset_requests', 'login_failures',
              'outbox', 'message_recipients', 'organiser_events')
    LOOP
        EXECUTE format('CREATE TRIGGER notify_commit AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE '
            'ON %I FOR EACH STATEMENT EXECUTE FUNCTION rendezvous_notify_commit()', t);
    END LOOP;
END
$$;
