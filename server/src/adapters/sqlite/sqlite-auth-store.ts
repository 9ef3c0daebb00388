import type Database from 'better-sqlite3';
import type { AuditRow, AuthStore, StoredDevice, SessionRow, StoredUser } from '../../ports/auth-store.js';
import type { SqliteDatabase } from './sqlite-database.js';

type Row = Record<string, unknown>;

const SITES_OF_USER = `(SELECT json_group_array(site_id) FROM user_sites WHERE user_id = u.id)`;
/** a user's columns as StoredUser names them (the sites as a JSON array) */
const USER = `u.id, u.username, u.role, u.password_hash AS passwordHash, u.created_at AS createdAt, u.disabled_at AS disabledAt, ${SITES_OF_USER} AS sites`;
/** a device's columns as StoredDevice names them */
const DEVICE = 'id, site_id AS siteId, kind, name, created_at AS createdAt, revoked_at AS revokedAt';

const sitesOf = (json: unknown): string[] => JSON.parse(String(json ?? '[]')) as string[];
const toUser = (r: Row): StoredUser => ({ ...(r as Omit<StoredUser, 'sites'>), sites: sitesOf(r.sites) });

/** Staff accounts, sessions, devices and the audit log, on the database's one connection. */
export class SqliteAuthStore implements AuthStore {
  private readonly db: Database.Database;

  // statements come prepared once from the database's cache (a sign-in check and a forecast's
  // bookings run on every request: preparing them each time cost more than running them)
  constructor(private readonly database: SqliteDatabase) {
    this.db = database.connection;
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  isOpen(): boolean {
    return this.db.open;
  }

  userCount(): number {
    return Number((this.database.statement('SELECT count(*) AS n FROM users').get() as Row).n);
  }

  insertUser(username: string, role: string, passwordHash: string, at: string): number | null {
    try {
      const r = this.database.statement('INSERT INTO users (username, role, password_hash, created_at) VALUES (?, ?, ?, ?)').run(username, role, passwordHash, at);
      return Number(r.lastInsertRowid);
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') return null;
      throw e;
    }
  }

  setPasswordHash(username: string, passwordHash: string): boolean {
    return this.database.statement('UPDATE users SET password_hash = ? WHERE username = ?').run(passwordHash, username).changes === 1;
  }

  setUserSites(userId: number, sites: readonly string[]): void {
    this.database.statement('DELETE FROM user_sites WHERE user_id = ?').run(userId);
    const ins = this.database.statement('INSERT INTO user_sites (user_id, site_id) VALUES (?, ?)');
    for (const site of sites) ins.run(userId, site);
  }

  user(username: string, activeOnly: boolean): StoredUser | undefined {
    const r = this.database
      .statement(`SELECT ${USER} FROM users u WHERE username = ?${activeOnly ? ' AND disabled_at IS NULL' : ''}`)
      .get(username) as Row | undefined;
    return r ? toUser(r) : undefined;
  }

  users(): StoredUser[] {
    return (this.database.statement(`SELECT ${USER} FROM users u ORDER BY username`).all() as Row[]).map(toUser);
  }

  activeAdmins(): string[] {
    return (this.database.statement(`SELECT username FROM users WHERE role = 'admin' AND disabled_at IS NULL`).all() as Row[]).map((r) => String(r.username));
  }

  setRole(username: string, role: string): void {
    this.database.statement('UPDATE users SET role = ? WHERE username = ?').run(role, username);
  }

  disableUser(username: string, at: string): void {
    this.database.statement('UPDATE users SET disabled_at = ? WHERE username = ?').run(at, username);
  }

  insertSession(s: { userId: number; tokenHash: string; kind: 'cookie' | 'bearer'; name: string | null; createdAt: string; expiresAt: string }): number {
    const r = this.database
      .statement('INSERT INTO sessions (user_id, token_hash, kind, name, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(s.userId, s.tokenHash, s.kind, s.name, s.createdAt, s.expiresAt);
    return Number(r.lastInsertRowid);
  }

  session(tokenHash: string): SessionRow | undefined {
    const r = this.database
      .statement(
        `SELECT s.id AS session_id, s.kind, s.expires_at, u.id AS user_id, u.username, u.role, ${SITES_OF_USER} AS sites FROM sessions s
         JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = ? AND s.revoked_at IS NULL AND u.disabled_at IS NULL`,
      )
      .get(tokenHash) as Row | undefined;
    if (!r) return undefined;
    return {
      sessionId: Number(r.session_id),
      kind: r.kind as SessionRow['kind'],
      expiresAt: String(r.expires_at),
      user: { id: Number(r.user_id), username: String(r.username), role: String(r.role), sites: sitesOf(r.sites) },
    };
  }

  sessionExpiry(sessionId: number): string | undefined {
    const r = this.database.statement('SELECT expires_at FROM sessions WHERE id = ? AND revoked_at IS NULL').get(sessionId) as Row | undefined;
    return r ? String(r.expires_at) : undefined;
  }

  endSessions(username: string, at: string): number[] {
    const rows = this.database
      .statement('UPDATE sessions SET revoked_at = ? WHERE revoked_at IS NULL AND user_id = (SELECT id FROM users WHERE username = ?) RETURNING id')
      .all(at, username) as Row[];
    return rows.map((r) => Number(r.id));
  }

  endSession(tokenHash: string, at: string): number[] {
    const rows = this.database.statement('UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL RETURNING id').all(at, tokenHash) as Row[];
    return rows.map((r) => Number(r.id));
  }

  insertDevice(d: { siteId: string; kind: string; name: string; tokenHash: string; createdAt: string }): number {
    const r = this.database
      .statement('INSERT INTO devices (site_id, kind, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(d.siteId, d.kind, d.name, d.tokenHash, d.createdAt);
    return Number(r.lastInsertRowid);
  }

  revokeDevice(siteId: string, id: number, at: string): boolean {
    return this.database.statement('UPDATE devices SET revoked_at = ? WHERE id = ? AND site_id = ? AND revoked_at IS NULL').run(at, id, siteId).changes === 1;
  }

  devices(siteId: string): StoredDevice[] {
    return this.database.statement(`SELECT ${DEVICE} FROM devices WHERE site_id = ? ORDER BY id`).all(siteId) as StoredDevice[];
  }

  activeDevice(tokenHash: string): StoredDevice | undefined {
    return this.database.statement(`SELECT ${DEVICE} FROM devices WHERE token_hash = ? AND revoked_at IS NULL`).get(tokenHash) as StoredDevice | undefined;
  }

  deviceActive(id: number): boolean {
    return this.database.statement('SELECT 1 FROM devices WHERE id = ? AND revoked_at IS NULL').get(id) !== undefined;
  }

  appendAudit(rows: readonly AuditRow[]): void {
    const ins = this.database.statement('INSERT INTO audit_log (at, actor_kind, actor_id, action, site_id, target, outcome, detail, ip) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const r of rows) ins.run(...r);
    })();
  }

  auditLog(limit: number): Array<Record<string, unknown>> {
    return this.database.statement('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?').all(limit) as Row[];
  }
}
