-- The print outbox: a job is written in the same transaction as its ticket, then printed.
CREATE TABLE print_jobs (
  id INTEGER PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  printer_id TEXT NOT NULL,
  kiosk TEXT,
  state TEXT NOT NULL CHECK (state IN ('pending','printed','failed','discarded')),
  reason TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  -- what the slip says, frozen at issue: people ahead and the estimate then
  ahead INTEGER NOT NULL,
  estimated_wait_minutes INTEGER,
  language TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX print_jobs_pending ON print_jobs (site_id) WHERE state = 'pending';
CREATE INDEX print_jobs_ticket ON print_jobs (ticket_id);

-- Last known health of each printer (DLE EOT status), for alerts and the kiosks.
CREATE TABLE printers (
  site_id TEXT NOT NULL REFERENCES sites(id),
  id TEXT NOT NULL,
  health TEXT NOT NULL,
  detail TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (site_id, id)
) STRICT;
