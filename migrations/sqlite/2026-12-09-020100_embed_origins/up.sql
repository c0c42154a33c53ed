-- The sites that may show the group's embeddable list (`/groups/{slug}/embed`) in a frame:
-- origins separated by spaces, as CSP's frame-ancestors takes them; empty: any site.
ALTER TABLE groups ADD COLUMN embed_origins TEXT NOT NULL DEFAULT '';
