ALTER TABLE series DROP COLUMN online_url_visibility;
