-- A poll's announcement (`poll_announced`) and the announcement of the meetup it became
-- (`poll_decided`) are expanded like any other; `poll_id` names the poll.
ALTER TABLE mail_fanouts ADD COLUMN poll_id TEXT REFERENCES polls (id) ON DELETE CASCADE;
ALTER TABLE mail_fanouts DROP CONSTRAINT mail_fanouts_kind_check;
ALTER TABLE mail_fanouts ADD CONSTRAINT mail_fanouts_kind_check
    CHECK (kind IN ('meetup_announced', 'series_announced', 'organiser_message',
                    'poll_announced', 'poll_decided'));
