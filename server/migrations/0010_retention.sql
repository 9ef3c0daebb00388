-- Retention (docs/operations.md, "Retention"): a business day older than the configured period loses its ticket-level
-- rows once its figures are kept in report_days, which from then on is the only source of that
-- day's reports (no longer rebuildable from `events`).
-- The day's satisfaction answers, per queue ([{queue, answers, sum}]), kept when its tickets go.
ALTER TABLE report_days ADD COLUMN feedback TEXT;

-- The days whose ticket-level rows were deleted. The foreign key makes a summary the condition of
-- a purge, and keeps a purged day's summary from being deleted. A table of its own, not a column
-- of report_days: the events trigger below reads it once per deleted event, and a report_days row
-- carries the day's timelines (about a megabyte), which made each read slow (measured: 0.5–1 s
-- per day of 3,000 tickets instead of a few milliseconds).
CREATE TABLE purged_days (
  site_id TEXT NOT NULL,
  business_date TEXT NOT NULL,
  purged_at TEXT NOT NULL,
  PRIMARY KEY (site_id, business_date),
  FOREIGN KEY (site_id, business_date) REFERENCES report_days (site_id, business_date)
) STRICT, WITHOUT ROWID;

-- A ticket's phone token is replaced by an unknown random value once the ticket has ended and
-- its business day is over (the phone page shows "done" and takes the answer until then).
ALTER TABLE tickets ADD COLUMN token_cleared_at TEXT;
CREATE INDEX tickets_token_live ON tickets (site_id, business_date) WHERE token_cleared_at IS NULL;

-- Deleting a ticket makes SQLite look for rows referring to it (foreign keys): without an index
-- here every deleted ticket scanned all the idempotency keys (22 s a day of 3,000 tickets after
-- two months of them, measured).
CREATE INDEX idempotency_keys_ticket ON idempotency_keys (ticket_id);

-- The event log stays append-only, except for the events of tickets of a purged day.
DROP TRIGGER events_append_only_delete;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
WHEN NOT EXISTS (
  SELECT 1 FROM tickets t JOIN purged_days p ON p.site_id = t.site_id AND p.business_date = t.business_date
   WHERE t.id = OLD.ticket_id)
BEGIN SELECT RAISE(ABORT, 'events are append-only (a day past retention goes only once its summary is kept)'); END;
