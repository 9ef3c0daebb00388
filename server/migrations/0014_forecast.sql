-- The demand forecast (混雑予測, docs/product.md §8). Derived, never the source of truth:
-- `demand_days` holds one row per closed business day and queue, the figures the forecast learns
-- from (arrivals, arrivals per local hour, minutes at the counter, counter-hours given to the
-- queue per hour). Live days are derived from the event log when the day closes; `imported` marks
-- days that came from an old system's log (the history import), which have no events here and so
-- are never rebuilt. Counts only: no ticket, no person. Retention leaves these rows alone.
CREATE TABLE demand_days (
  site_id TEXT NOT NULL REFERENCES sites(id),
  business_date TEXT NOT NULL,
  queue_id TEXT NOT NULL,
  arrivals INTEGER NOT NULL,
  -- JSON array of 24 counts (local hours 0–23)
  hours TEXT NOT NULL,
  service_minutes REAL NOT NULL,
  served INTEGER NOT NULL,
  -- JSON array of 24 counter-hours (a shared counter counts its share to each queue)
  counter_hours TEXT NOT NULL,
  imported INTEGER NOT NULL DEFAULT 0 CHECK (imported IN (0, 1)),
  PRIMARY KEY (site_id, business_date, queue_id)
) STRICT, WITHOUT ROWID;

-- The fitted model of each site (plain JSON, domain/demand-forecast.ts) and its measured accuracy
-- (the backtest of the last 8 weeks), refitted when a business day closes: forecast answers are
-- read from here, never fitted per request.
CREATE TABLE forecast_fits (
  site_id TEXT PRIMARY KEY REFERENCES sites(id),
  fitted_at TEXT NOT NULL,
  fit TEXT NOT NULL,
  accuracy TEXT NOT NULL
) STRICT;
