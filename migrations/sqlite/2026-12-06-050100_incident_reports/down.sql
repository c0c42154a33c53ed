DROP INDEX incident_reports_reporter;
DROP TABLE incident_reports;
