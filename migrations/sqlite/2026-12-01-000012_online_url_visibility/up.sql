-- A meetup's online link (a video call) is for the members going to it unless made public.
ALTER TABLE meetups ADD COLUMN online_url_visibility TEXT NOT NULL DEFAULT 'going';
