-- Bookings (来庁予約, docs/bookings.md): a citizen books a slot of a queue; checking in at the kiosk
-- issues a normal ticket of the queue, marked booked by its slot start. A booking holds no name or
-- contact: its code, its secret token (the `/b/{token}` page, plain like a ticket's phone token),
-- and, for the per-address daily limit only, a keyed hash of the address it was made from
-- (`created_by_addr`, never the raw address; cleared once its creation day has passed). The rows
-- of a business day go with its tickets when the day passes retention.
CREATE TABLE bookings (
  id INTEGER PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  queue_id TEXT NOT NULL,
  service_id TEXT,
  business_date TEXT NOT NULL,
  slot_start TEXT NOT NULL,
  slot_end TEXT NOT NULL,
  code TEXT NOT NULL,
  token TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL CHECK (state IN ('booked', 'checked_in', 'cancelled', 'no_show')),
  language TEXT,
  created_at TEXT NOT NULL,
  -- the creation's local date, which the per-address limit counts by
  created_day TEXT NOT NULL,
  created_by_addr TEXT,
  ticket_id INTEGER REFERENCES tickets(id) ON DELETE SET NULL,
  checked_in_at TEXT,
  cancel_reason TEXT,
  cancelled_at TEXT
) STRICT;
-- a code names one open booking of its site (a cancelled or past one may share it)
CREATE UNIQUE INDEX bookings_open_code ON bookings (site_id, code) WHERE state = 'booked';
CREATE INDEX bookings_slot ON bookings (site_id, queue_id, slot_start) WHERE state IN ('booked', 'checked_in');
CREATE INDEX bookings_day ON bookings (site_id, business_date);
CREATE INDEX bookings_addr ON bookings (site_id, created_day, created_by_addr) WHERE created_by_addr IS NOT NULL;
CREATE INDEX bookings_ticket ON bookings (ticket_id);

-- A manager closed booking for a day: of one queue, or of every queue (queue_id '' — not NULL, so
-- the primary key holds).
CREATE TABLE booking_closures (
  site_id TEXT NOT NULL REFERENCES sites(id),
  business_date TEXT NOT NULL,
  queue_id TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (site_id, business_date, queue_id)
) STRICT, WITHOUT ROWID;

-- The key of the address hash: made once here, never leaves the database.
CREATE TABLE booking_secret (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  secret BLOB NOT NULL
) STRICT;
INSERT INTO booking_secret (id, secret) VALUES (1, randomblob(32));

-- A booked ticket's slot start (epoch ms): before it the ticket waits like a walk-in who arrived
-- then; from it, it goes before walk-ins within the priority streak (domain/selection.ts).
ALTER TABLE tickets ADD COLUMN slot_start INTEGER;
