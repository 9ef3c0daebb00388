-- The history import (docs/history-import.md): past days from an old ticket system's log. Such a
-- day has no tickets and no events here; its figures live where reports and the forecast read
-- them — its report_days row (the tickets' timelines and counter totals) and its demand_days rows
-- (imported = 1) — and nowhere else, so nothing imported can touch live numbering, idempotency
-- keys or the ticket tables.

-- One row per imported day: marks its report_days row as the old system's (never rebuilt from
-- the empty event log) and says when and from what it came.
CREATE TABLE imported_days (
  site_id TEXT NOT NULL REFERENCES sites(id),
  business_date TEXT NOT NULL,
  -- the day's imported rows (tickets of the old log)
  rows INTEGER NOT NULL,
  imported_at TEXT NOT NULL,
  -- what it came from ("http", "cli: FILE"), for the manager's page
  source TEXT,
  PRIMARY KEY (site_id, business_date)
) STRICT, WITHOUT ROWID;

-- The content hash of each imported row (16 hex digits, history-csv.ts): a second import of the
-- same file, or of a corrected one, adds only the rows not yet here. The rows themselves are the
-- day's timelines in report_days; this table holds no times and no names.
CREATE TABLE history_hashes (
  site_id TEXT NOT NULL,
  business_date TEXT NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (site_id, business_date, hash),
  FOREIGN KEY (site_id, business_date) REFERENCES imported_days (site_id, business_date)
) STRICT, WITHOUT ROWID;

-- A report of an imported day is never re-derived over its kept figures (the event log of that
-- day is empty): only the import itself, which deletes and rewrites the row, changes it.
CREATE TRIGGER report_days_imported_kept BEFORE UPDATE ON report_days
WHEN EXISTS (SELECT 1 FROM imported_days i WHERE i.site_id = OLD.site_id AND i.business_date = OLD.business_date)
BEGIN SELECT RAISE(IGNORE); END;
