-- Call buttons bound with learn mode ("press the button now"), loaded at start together with the
-- configured ones. A button is its vendor:product plus its serial number, or the USB port it is
-- plugged into when it has none.
CREATE TABLE button_bindings (
  id INTEGER PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  vendor_id INTEGER NOT NULL CHECK (vendor_id BETWEEN 0 AND 65535),
  product_id INTEGER NOT NULL CHECK (product_id BETWEEN 0 AND 65535),
  serial TEXT,
  port_path TEXT,
  code INTEGER NOT NULL CHECK (code BETWEEN 1 AND 255),
  counter_id TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('next','recall','no-show','complete')),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  CHECK ((serial IS NULL) <> (port_path IS NULL))
) STRICT;
CREATE UNIQUE INDEX button_bindings_key ON button_bindings (site_id, vendor_id, product_id, ifnull(serial, ''), ifnull(port_path, ''), code);
