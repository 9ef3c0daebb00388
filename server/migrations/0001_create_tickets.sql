-- Sites known to this database, their current business day and event sequence.
CREATE TABLE sites (
  id TEXT PRIMARY KEY,
  business_date TEXT,
  seq INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Numbering state per site, queue and business day.
CREATE TABLE queue_days (
  site_id TEXT NOT NULL REFERENCES sites(id),
  queue_id TEXT NOT NULL,
  business_date TEXT NOT NULL,
  last_number INTEGER,
  cycle INTEGER NOT NULL DEFAULT 0,
  priority_streak INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, queue_id, business_date)
) STRICT;

CREATE TABLE tickets (
  id INTEGER PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  business_date TEXT NOT NULL,
  issued_queue_id TEXT NOT NULL,
  number INTEGER NOT NULL,
  cycle INTEGER NOT NULL DEFAULT 0,
  label TEXT NOT NULL,
  queue_id TEXT NOT NULL,
  service_id TEXT,
  priority INTEGER NOT NULL DEFAULT 0,
  low_counter INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL CHECK (state IN ('waiting','called','serving','done','no_show','cancelled','expired')),
  sort_key INTEGER NOT NULL,
  issue_seq INTEGER NOT NULL,
  token TEXT NOT NULL UNIQUE,
  issued_at TEXT NOT NULL,
  called_at TEXT,
  started_at TEXT,
  ended_at TEXT,
  counter_id TEXT,
  recalls INTEGER NOT NULL DEFAULT 0,
  transfers INTEGER NOT NULL DEFAULT 0,
  UNIQUE (site_id, issued_queue_id, business_date, cycle, number)
) STRICT;

-- "next ticket": waiting tickets of a site's queues in order
CREATE INDEX tickets_waiting ON tickets (site_id, queue_id, sort_key) WHERE state = 'waiting';
-- reports and day rollover
CREATE INDEX tickets_day ON tickets (site_id, business_date, queue_id);
CREATE INDEX tickets_open ON tickets (site_id, business_date) WHERE state IN ('waiting', 'called');
-- recent service times for the wait estimate
CREATE INDEX tickets_done ON tickets (site_id, business_date, ended_at) WHERE state = 'done';

-- Append-only log of every transition and staff action; statistics derive from it.
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  ticket_id INTEGER REFERENCES tickets(id),
  from_state TEXT,
  to_state TEXT,
  at TEXT NOT NULL,
  actor_kind TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  counter_id TEXT,
  queue_id TEXT,
  data TEXT NOT NULL DEFAULT '{}',
  UNIQUE (site_id, seq)
) STRICT;
CREATE INDEX events_ticket ON events (ticket_id);
CREATE INDEX events_at ON events (site_id, at);

CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

CREATE TABLE idempotency_keys (
  site_id TEXT NOT NULL,
  key TEXT NOT NULL,
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  request_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (site_id, key)
) STRICT;

-- Runtime state of counters; configuration supplies names and defaults.
CREATE TABLE counters (
  site_id TEXT NOT NULL REFERENCES sites(id),
  id TEXT NOT NULL,
  availability TEXT NOT NULL CHECK (availability IN ('closed','open','paused')),
  queues_override TEXT,
  primary_queue_override TEXT,
  current_ticket_id INTEGER REFERENCES tickets(id),
  clerk TEXT,
  reason TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (site_id, id)
) STRICT;

-- Manager overrides of issuing: per queue, or site-wide where queue_id = ''.
CREATE TABLE issuing_overrides (
  site_id TEXT NOT NULL REFERENCES sites(id),
  queue_id TEXT NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('auto','open','paused')),
  reason TEXT,
  at TEXT NOT NULL,
  PRIMARY KEY (site_id, queue_id)
) STRICT;

CREATE TABLE announcements (
  id INTEGER PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  message TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('info','emergency')),
  posted_at TEXT NOT NULL,
  cleared_at TEXT
) STRICT;
CREATE INDEX announcements_active ON announcements (site_id) WHERE cleared_at IS NULL;
