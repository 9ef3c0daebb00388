-- Derived from the event log, never the source of truth: each closed business day's ticket
-- timelines and counter/transfer totals, written when the day is first reported (or closes) so
-- that a month over a year of data parses ~30 JSON arrays instead of re-deriving 200,000+
-- events. Deleting these rows is always safe: they are rebuilt from `events`.
CREATE TABLE report_days (
  site_id TEXT NOT NULL REFERENCES sites(id),
  business_date TEXT NOT NULL,
  counters TEXT NOT NULL,
  transfers TEXT NOT NULL,
  -- the day's ticket timelines, one JSON array (parsed natively, far faster than 3,000 rows)
  timelines TEXT NOT NULL,
  computed_at TEXT NOT NULL,
  PRIMARY KEY (site_id, business_date)
) STRICT, WITHOUT ROWID;
