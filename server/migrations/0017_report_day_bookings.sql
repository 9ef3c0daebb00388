-- A day past retention loses its bookings with its tickets (docs/bookings.md): their counts per
-- queue and state are kept in the day's summary first, as its satisfaction answers are, so a
-- report of an old month still says how many booked, checked in, did not come or cancelled.
-- NULL while the day's bookings exist (reports count them from `bookings`).
ALTER TABLE report_days ADD COLUMN bookings TEXT;
