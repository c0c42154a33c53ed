ALTER TABLE groups DROP COLUMN embed_origins;
