-- A member's report of a problem at a meetup or with a talk, sent to the group's organisers;
-- kept so organisers can list them and so a reporter's reports per hour can be counted.
CREATE TABLE incident_reports (
    id TEXT PRIMARY KEY NOT NULL,
    group_id TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    meetup_id TEXT NOT NULL REFERENCES meetups (id) ON DELETE CASCADE,
    talk_id TEXT REFERENCES talks (id) ON DELETE CASCADE,
    reporter_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX incident_reports_reporter ON incident_reports (group_id, reporter_id, created_at);
