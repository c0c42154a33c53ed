-- Organisers hear of new talk proposals and venue suggestions, unless they turn it off per group.
ALTER TABLE memberships ADD COLUMN organiser_notices BOOLEAN NOT NULL DEFAULT TRUE;
