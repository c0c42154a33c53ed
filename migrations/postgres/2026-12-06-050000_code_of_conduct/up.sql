-- A group's code of conduct: where to read it, whom to tell of an incident, and whether members
-- accept it when they join or first answer a meetup; each membership keeps when it was accepted.
ALTER TABLE groups ADD COLUMN code_of_conduct_url TEXT;
ALTER TABLE groups ADD COLUMN incident_contact TEXT;
ALTER TABLE groups ADD COLUMN require_code_of_conduct BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE memberships ADD COLUMN code_of_conduct_accepted_at TIMESTAMP;
