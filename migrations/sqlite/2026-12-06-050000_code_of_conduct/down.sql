ALTER TABLE memberships DROP COLUMN code_of_conduct_accepted_at;
ALTER TABLE groups DROP COLUMN require_code_of_conduct;
ALTER TABLE groups DROP COLUMN incident_contact;
ALTER TABLE groups DROP COLUMN code_of_conduct_url;
