DROP TABLE group_exclusions;
