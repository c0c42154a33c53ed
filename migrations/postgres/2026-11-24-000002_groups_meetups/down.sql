DROP TABLE rsvps;
DROP TABLE meetups;
DROP TABLE venues;
DROP TABLE memberships;
DROP TABLE groups;
