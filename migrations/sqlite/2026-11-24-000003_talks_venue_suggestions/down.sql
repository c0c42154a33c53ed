DROP TABLE venue_votes;
DROP TABLE venue_suggestions;
DROP TABLE talks;
