-- An answer reads the head of the waitlist in its order (waitlist number, then member): with the
-- member in the index, the first entries are read in order, never the whole queue sorted.
DROP INDEX rsvps_meetup_status;
CREATE INDEX rsvps_meetup_status ON rsvps (meetup_id, status, waitlist_seq, user_id);
-- Every answer tells the organisers who listen: found by role, not among all the members.
CREATE INDEX memberships_group_role ON memberships (group_id, role);
