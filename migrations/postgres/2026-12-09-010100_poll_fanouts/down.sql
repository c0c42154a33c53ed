DELETE FROM mail_fanouts WHERE kind IN ('poll_announced', 'poll_decided');
ALTER TABLE mail_fanouts DROP CONSTRAINT mail_fanouts_kind_check;
ALTER TABLE mail_fanouts ADD CONSTRAINT mail_fanouts_kind_check
    CHECK (kind IN ('meetup_announced', 'series_announced', 'organiser_message'));
ALTER TABLE mail_fanouts DROP COLUMN poll_id;
