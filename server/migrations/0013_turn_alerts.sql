-- Turn-near alerts (docs/product.md §8, docs/adr/0007-turn-alerts.md): a ticket's alerts and
-- their outbox of messages, written in the transaction that moved the queue and delivered after
-- the commit. `contact` (a push subscription, an e-mail address, a LINE user id, as JSON) is
-- cleared once the ticket has ended and its last message is delivered or dropped, and at the
-- latest by the housekeeping after the day closes; rows of a purged day go with their ticket.
CREATE TABLE turn_alerts (
  id INTEGER PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  channel TEXT NOT NULL CHECK (channel IN ('webpush', 'email', 'line')),
  ahead INTEGER NOT NULL,
  minutes INTEGER NOT NULL,
  contact TEXT,
  -- LINE: the one-time code until it is sent (NULL once bound or ended), and whether it was
  line_code TEXT,
  bound INTEGER NOT NULL DEFAULT 0,
  near_sent INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  ended_at TEXT
);
-- the one query every unit of work makes: the site's open alerts (usually none)
CREATE INDEX turn_alerts_open ON turn_alerts (site_id) WHERE ended_at IS NULL;
CREATE INDEX turn_alerts_ticket ON turn_alerts (ticket_id);
CREATE UNIQUE INDEX turn_alerts_line_code ON turn_alerts (line_code) WHERE line_code IS NOT NULL;
-- ended alerts whose contact is still kept (waiting for their last message)
CREATE INDEX turn_alerts_contact_kept ON turn_alerts (id) WHERE ended_at IS NOT NULL AND contact IS NOT NULL;

CREATE TABLE turn_alert_deliveries (
  id INTEGER PRIMARY KEY,
  alert_id INTEGER NOT NULL REFERENCES turn_alerts(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('near', 'called', 'recalled', 'ended')),
  message TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed', 'dropped')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX turn_alert_deliveries_due ON turn_alert_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX turn_alert_deliveries_alert ON turn_alert_deliveries (alert_id);
