-- A kiosk moved to another printer by the administrator (the manager page), overriding the
-- configuration file's `kiosks` binding until it is set back (row deleted).
CREATE TABLE kiosk_printers (
  site_id TEXT NOT NULL REFERENCES sites(id),
  device TEXT NOT NULL,
  printer_id TEXT NOT NULL,
  set_at TEXT NOT NULL,
  set_by TEXT NOT NULL,
  PRIMARY KEY (site_id, device)
) STRICT;
