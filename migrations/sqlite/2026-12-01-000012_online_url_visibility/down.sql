ALTER TABLE meetups DROP COLUMN online_url_visibility;
