DROP TABLE meetup_host_links;
DROP TABLE rsvp_answers;
DROP TABLE rsvp_questions;
