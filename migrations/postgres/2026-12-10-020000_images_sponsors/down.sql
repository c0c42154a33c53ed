DROP TABLE meetup_sponsors;
DROP TABLE sponsor_logos;
DROP TABLE sponsors;
DROP TABLE group_banners;
