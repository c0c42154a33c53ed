-- What a venue tells before people come: public accessibility facts (null: not known), how to
-- get in (for those going and organisers, like a meetup's online link), whom organisers call
-- there, and the seats it has (a new meetup's capacity unless set).
ALTER TABLE venues ADD COLUMN step_free BOOLEAN;
ALTER TABLE venues ADD COLUMN accessible_toilet BOOLEAN;
ALTER TABLE venues ADD COLUMN hearing_loop BOOLEAN;
ALTER TABLE venues ADD COLUMN access_notes TEXT;
ALTER TABLE venues ADD COLUMN entry_instructions TEXT;
ALTER TABLE venues ADD COLUMN host_contact TEXT;
ALTER TABLE venues ADD COLUMN capacity INTEGER;
