-- お客様ニーズの把握: one optional satisfaction answer per served ticket, from its phone page.
CREATE TABLE feedback (
  ticket_id INTEGER PRIMARY KEY REFERENCES tickets(id),
  site_id TEXT NOT NULL REFERENCES sites(id),
  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  at TEXT NOT NULL
) STRICT;
CREATE INDEX feedback_site ON feedback (site_id, at);
