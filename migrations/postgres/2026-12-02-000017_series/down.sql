DROP INDEX meetups_series_number;
ALTER TABLE meetups DROP COLUMN series_number;
ALTER TABLE meetups DROP COLUMN series_id;
DROP TABLE series_skips;
DROP TABLE series;
