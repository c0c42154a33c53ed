ALTER TABLE venues DROP COLUMN capacity;
ALTER TABLE venues DROP COLUMN host_contact;
ALTER TABLE venues DROP COLUMN entry_instructions;
ALTER TABLE venues DROP COLUMN access_notes;
ALTER TABLE venues DROP COLUMN hearing_loop;
ALTER TABLE venues DROP COLUMN accessible_toilet;
ALTER TABLE venues DROP COLUMN step_free;
