-- PostgreSQL only: SQLite's data version moves on each commit that changed the file.
SELECT 1;
