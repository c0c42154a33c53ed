-- Who reads the online link of a series' occurrences, set once for them all (see
-- meetups.online_url_visibility).
ALTER TABLE series ADD COLUMN online_url_visibility TEXT NOT NULL DEFAULT 'going';
