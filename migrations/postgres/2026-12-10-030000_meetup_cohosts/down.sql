DROP TABLE meetup_cohosts;
