-- A new series is announced in one mail per member listing its first dates: a job of its own
-- kind, `series_announced`, whose `meetup_id` is the series' first occurrence.
ALTER TABLE mail_fanouts DROP CONSTRAINT mail_fanouts_kind_check;
ALTER TABLE mail_fanouts ADD CONSTRAINT mail_fanouts_kind_check
    CHECK (kind IN ('meetup_announced', 'series_announced', 'organiser_message'));
