DROP INDEX memberships_group_role;
DROP INDEX rsvps_meetup_status;
CREATE INDEX rsvps_meetup_status ON rsvps (meetup_id, status, waitlist_seq);
