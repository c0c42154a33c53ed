DROP INDEX rsvps_meetup_updated;
DROP INDEX meetups_group_updated;
DROP INDEX meetups_group_end;
