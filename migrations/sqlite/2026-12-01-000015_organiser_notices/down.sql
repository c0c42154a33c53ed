ALTER TABLE memberships DROP COLUMN organiser_notices;
