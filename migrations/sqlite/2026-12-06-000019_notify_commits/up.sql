-- PostgreSQL only: SQLite's own data version tells every connection of a commit.
SELECT 1;
