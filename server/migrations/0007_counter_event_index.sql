-- Reports read counter opening/closing (`counter:updated`) by time; without these the search for
-- a counter's state before a period walks every earlier event of the site (millions in a year).
CREATE INDEX events_counter_at ON events (site_id, counter_id, at) WHERE type = 'counter:updated';
CREATE INDEX events_counters_by_time ON events (site_id, at) WHERE type = 'counter:updated';
