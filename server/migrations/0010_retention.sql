-- Retention (product §8): a business day older than the configured period loses its ticket-level
-- rows once its figures are kept in report_days, which from then on is the only source of that
-- day's reports (no longer rebuildable from `events`: never delete a purged day's row).
-- The day's satisfaction answers, per queue ([{queue, answers, sum}]), kept when its tickets go.
ALTER TABLE report_days ADD COLUMN feedback TEXT;
-- set in the transaction that deletes the day's tickets: the events trigger below checks it
ALTER TABLE report_days ADD COLUMN purged_at TEXT;

-- A ticket's phone token is replaced by an unknown random value once the ticket has ended and
-- its business day is over (the phone page shows "done" and takes the answer until then).
ALTER TABLE tickets ADD COLUMN token_cleared_at TEXT;
CREATE INDEX tickets_token_live ON tickets (site_id, business_date) WHERE token_cleared_at IS NULL;

-- The event log stays append-only, except for the events of tickets whose day is summarised and
-- being deleted for retention.
DROP TRIGGER events_append_only_delete;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
WHEN NOT EXISTS (
  SELECT 1 FROM tickets t JOIN report_days r ON r.site_id = t.site_id AND r.business_date = t.business_date
   WHERE t.id = OLD.ticket_id AND r.purged_at IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'events are append-only (a day past retention goes only once its summary is kept)'); END;
