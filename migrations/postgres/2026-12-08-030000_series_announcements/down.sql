DELETE FROM mail_fanouts WHERE kind = 'series_announced';
ALTER TABLE mail_fanouts DROP CONSTRAINT mail_fanouts_kind_check;
ALTER TABLE mail_fanouts ADD CONSTRAINT mail_fanouts_kind_check
    CHECK (kind IN ('meetup_announced', 'organiser_message'));
