-- The sites a staff member may act on (staff routes with a site, the staff socket room). A user
-- without rows here may act on every site: single-site installations need nothing, and a
-- multi-site office binds each clerk and manager to theirs. Administrators act on every site
-- whatever this holds. Site ids are checked against the configuration when set, not by a
-- foreign key: `sites` rows appear only when the server first starts with a new site.
CREATE TABLE user_sites (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  site_id TEXT NOT NULL,
  PRIMARY KEY (user_id, site_id)
) STRICT, WITHOUT ROWID;

-- users.failed_logins and users.locked_until (0002) are no longer read or written: the account
-- lock-out became a backoff per client address, in memory (ADR 0002, amendment 2026-12).
