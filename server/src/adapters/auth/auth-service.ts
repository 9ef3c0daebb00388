import type Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { DomainError } from '@madoguchi/shared';
import type { Clock } from '../../ports/clock.js';
import { LoginThrottle, type LoginThrottleOptions } from './login-throttle.js';
import { DUMMY_HASH, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.js';
import type { SqliteDatabase } from '../sqlite/sqlite-database.js';
import type { StorageWatch } from '../sqlite/storage-watch.js';

export type Role = 'clerk' | 'manager' | 'admin';
export type DeviceKind = 'kiosk' | 'display' | 'counter';
export const ROLE_RANK: Record<Role, number> = { clerk: 1, manager: 2, admin: 3 };

export interface StaffPrincipal {
  kind: 'staff';
  userId: number;
  username: string;
  role: Role;
  via: 'cookie' | 'bearer';
  sessionId: number;
  /** the sites this member of staff may act on; null: every site (administrators, unbound users) */
  sites: readonly string[] | null;
}

export interface DevicePrincipal {
  kind: 'device';
  deviceId: number;
  siteId: string;
  deviceKind: DeviceKind;
  name: string;
}

export type Principal = StaffPrincipal | DevicePrincipal;

export interface AuditEntry {
  actorKind: string;
  actorId: string;
  action: string;
  siteId?: string | null;
  target?: string | null;
  outcome: 'ok' | 'refused' | 'failed';
  detail?: Record<string, unknown>;
  ip?: string | null;
}

export interface AuthOptions {
  sessionHours: number;
  /** the sign-in backoff (login-throttle.ts); its defaults when absent */
  loginThrottle: Partial<LoginThrottleOptions>;
}

const DEFAULTS: AuthOptions = { sessionHours: 12, loginThrottle: {} };
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,31}$/;

/** Only a SHA-256 of a token is stored: a leaked database does not leak working tokens. */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');
const newToken = (prefix: string): string => `${prefix}_${randomBytes(32).toString('base64url')}`;

type Row = Record<string, unknown>;

/** Whether a member of staff may act on a site (staff routes with a site, the staff socket room). */
export const mayActOn = (p: StaffPrincipal, site: string): boolean => p.sites === null || p.sites.includes(site);

/**
 * Refuses a list of sites that is empty, repeats itself or names a site the configuration does
 * not have (`known`). `null` (every site) always passes.
 */
export function checkSites(sites: readonly string[] | null | undefined, known: readonly string[]): void {
  if (sites === null || sites === undefined) return;
  if (sites.length === 0) throw new DomainError('VALIDATION', 'sites: give at least one site, or none at all for every site', { field: 'sites' });
  if (new Set(sites).size !== sites.length) throw new DomainError('VALIDATION', 'sites: a site is named twice', { field: 'sites' });
  const unknown = sites.find((s) => !known.includes(s));
  if (unknown !== undefined) throw new DomainError('VALIDATION', `sites: unknown site "${unknown}" (known: ${known.join(', ')})`, { field: 'sites' });
}

/** The sites of a user row as a principal holds them: administrators and users without rows act on every site. */
function sitesOf(role: unknown, json: unknown): string[] | null {
  if (role === 'admin') return null;
  const list = JSON.parse(String(json ?? '[]')) as string[];
  return list.length === 0 ? null : list.sort();
}

const SITES_OF_USER = `(SELECT json_group_array(site_id) FROM user_sites WHERE user_id = u.id)`;

/**
 * Staff accounts, sessions, device tokens and the audit log, on the same SQLite database as
 * the tickets. Passwords are scrypt-hashed; tokens are 256-bit random and stored hashed.
 */
/** audit rows are written together at most this long after the action */
const AUDIT_FLUSH_MS = 100;
/**
 * Audit rows kept in memory while they cannot be written (disk full): about 3 MB. Past it the
 * newest are counted, not kept, and the count is written as one `audit.dropped` row later: the
 * rows from when the trouble began say more than the rest of a flood.
 */
export const MAX_PENDING_AUDIT = 10_000;

export interface AuthDeps {
  /** notes a full disk; failed audit writes wait for it to end (none: retried on the next audit row) */
  storage?: StorageWatch;
  /** reports audit writes that failed for another reason than a full disk */
  log?: { error(o: unknown, m?: string): void };
}

export class AuthService {
  private readonly opts: AuthOptions;
  private readonly revokedListeners = new Set<(deviceId: number) => void>();
  private readonly throttle: LoginThrottle;
  private readonly sessionsEndedListeners = new Set<(sessionIds: number[]) => void>();

  private readonly db: Database.Database;

  /** on the database's one connection (one writer per process) */
  constructor(
    database: SqliteDatabase,
    private readonly clock: Clock,
    opts: Partial<AuthOptions> = {},
    private readonly deps: AuthDeps = {},
  ) {
    this.db = database.connection;
    this.opts = { ...DEFAULTS, ...opts };
    this.throttle = new LoginThrottle(clock, this.opts.loginThrottle);
  }

  /** the logger, known once the app is built */
  attachLog(log: NonNullable<AuthDeps['log']>): void {
    this.deps.log = log;
  }

  private nowIso(offsetMs = 0): string {
    return new Date(this.clock.now().getTime() + offsetMs).toISOString();
  }

  userCount(): number {
    return Number((this.db.prepare('SELECT count(*) AS n FROM users').get() as Row).n);
  }

  /** `sites`: the sites the user may act on; null or absent: every site (see mayActOn). Checked against the configuration by the caller (checkSites). */
  async createUser(username: string, password: string, role: Role, sites: readonly string[] | null = null): Promise<{ username: string; role: Role }> {
    if (!USERNAME.test(username)) {
      throw new DomainError('VALIDATION', 'username: 2–32 of a-z 0-9 . _ - starting with a letter or digit', { field: 'username' });
    }
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw new DomainError('VALIDATION', `password must have at least ${MIN_PASSWORD_LENGTH} characters`, { field: 'password' });
    }
    if (role === 'admin' && sites !== null) throw new DomainError('VALIDATION', 'an administrator acts on every site', { field: 'sites' });
    const hash = await hashPassword(password);
    try {
      this.db.transaction(() => {
        const r = this.db
          .prepare('INSERT INTO users (username, role, password_hash, created_at) VALUES (?, ?, ?, ?)')
          .run(username, role, hash, this.nowIso());
        this.writeSites(Number(r.lastInsertRowid), sites);
      })();
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new DomainError('CONFLICT', `user ${username} exists`, { field: 'username' });
      }
      throw e;
    }
    return { username, role };
  }

  async resetPassword(username: string, password: string): Promise<void> {
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw new DomainError('VALIDATION', `password must have at least ${MIN_PASSWORD_LENGTH} characters`, { field: 'password' });
    }
    const hash = await hashPassword(password);
    const r = this.db
      .prepare('UPDATE users SET password_hash = ? WHERE username = ?')
      .run(hash, username);
    if (r.changes !== 1) throw new DomainError('NOT_FOUND', `no user ${username}`, { field: 'username' });
    // a new password ends every existing session of that user
    this.sessionsEnded(this.endSessions(username));
  }

  private writeSites(userId: number, sites: readonly string[] | null): void {
    this.db.prepare('DELETE FROM user_sites WHERE user_id = ?').run(userId);
    const ins = this.db.prepare('INSERT INTO user_sites (user_id, site_id) VALUES (?, ?)');
    for (const site of sites ?? []) ins.run(userId, site);
  }

  /**
   * Binds a user to some sites (null: every site). Their sessions end, as for a new role: a socket
   * joined to a site's room must not outlive the right to it.
   */
  setSites(username: string, sites: readonly string[] | null): { username: string; role: Role; sites: string[] | null } {
    let ended: number[] = [];
    const result = this.db.transaction(() => {
      const user = this.db.prepare('SELECT id, role FROM users WHERE username = ? AND disabled_at IS NULL').get(username) as Row | undefined;
      if (!user) throw new DomainError('NOT_FOUND', `no user ${username}`, { field: 'username' });
      if (user.role === 'admin' && sites !== null) throw new DomainError('VALIDATION', 'an administrator acts on every site', { field: 'sites' });
      this.writeSites(Number(user.id), sites);
      ended = this.endSessions(username);
      const role = user.role as Role;
      return { username, role, sites: sitesOf(role, JSON.stringify(sites ?? [])) };
    })();
    this.sessionsEnded(ended);
    return result;
  }

  listUsers(): Array<{ username: string; role: Role; createdAt: string; disabled: boolean; sites: string[] | null }> {
    return (this.db.prepare(`SELECT username, role, created_at, disabled_at, ${SITES_OF_USER} AS sites FROM users u ORDER BY username`).all() as Row[]).map((r) => ({
      username: String(r.username),
      role: r.role as Role,
      createdAt: String(r.created_at),
      disabled: r.disabled_at !== null,
      sites: sitesOf(r.role, r.sites),
    }));
  }

  private activeAdmins(): string[] {
    return (this.db.prepare(`SELECT username FROM users WHERE role = 'admin' AND disabled_at IS NULL`).all() as Row[]).map((r) => String(r.username));
  }

  /** Revokes a user's sessions; returns their ids, for `sessionsEnded` once the transaction is over. */
  private endSessions(username: string): number[] {
    const rows = this.db
      .prepare('UPDATE sessions SET revoked_at = ? WHERE revoked_at IS NULL AND user_id = (SELECT id FROM users WHERE username = ?) RETURNING id')
      .all(this.nowIso(), username) as Row[];
    return rows.map((r) => Number(r.id));
  }

  /** Tells the listeners (the realtime layer closes the sessions' sockets), after the change is committed. */
  private sessionsEnded(sessionIds: number[]): void {
    if (sessionIds.length === 0) return;
    for (const l of this.sessionsEndedListeners) l(sessionIds);
  }

  /** Changes a user's role; the last administrator cannot stop being one. Sessions end (new rights at the next sign-in). */
  setRole(username: string, role: Role): { username: string; role: Role } {
    let ended: number[] = [];
    this.db.transaction(() => {
      const user = this.db.prepare('SELECT role FROM users WHERE username = ? AND disabled_at IS NULL').get(username) as Row | undefined;
      if (!user) throw new DomainError('NOT_FOUND', `no user ${username}`, { field: 'username' });
      if (user.role === role) return;
      if (user.role === 'admin' && this.activeAdmins().length <= 1) {
        throw new DomainError('CONFLICT', 'the last administrator must stay one', { field: 'role' });
      }
      this.db.prepare('UPDATE users SET role = ? WHERE username = ?').run(role, username);
      ended = this.endSessions(username);
    })();
    this.sessionsEnded(ended);
    return { username, role };
  }

  /**
   * Disables a user (kept for the audit log): their sessions and tokens end at once. Nobody
   * disables themselves, and the last administrator stays.
   */
  disableUser(username: string, by: string): void {
    if (username === by) throw new DomainError('CONFLICT', 'you cannot remove your own account', { field: 'username' });
    let ended: number[] = [];
    this.db.transaction(() => {
      const user = this.db.prepare('SELECT role FROM users WHERE username = ? AND disabled_at IS NULL').get(username) as Row | undefined;
      if (!user) throw new DomainError('NOT_FOUND', `no user ${username}`, { field: 'username' });
      if (user.role === 'admin' && this.activeAdmins().length <= 1) {
        throw new DomainError('CONFLICT', 'the last administrator cannot be removed', { field: 'username' });
      }
      this.db.prepare('UPDATE users SET disabled_at = ? WHERE username = ?').run(this.nowIso(), username);
      ended = this.endSessions(username);
    })();
    this.sessionsEnded(ended);
  }

  /**
   * Checks credentials from `address` (the client's, as request.ip gives it). Failures slow down
   * that address for that user name, and that address overall (LoginThrottle), never the
   * account itself. A refusal comes before any lookup, and every attempt that is not refused
   * runs exactly one scrypt, for a known user or not: neither the answer nor its timing tells
   * whether a user name exists.
   */
  async login(username: string, password: string, kind: 'cookie' | 'bearer' = 'cookie', address = 'local'): Promise<{ principal: StaffPrincipal; token: string }> {
    const refusal = this.throttle.begin(address, username);
    if (refusal) {
      throw new DomainError(refusal.code, 'too many failed sign-ins from this address; try again later', { reason: String(refusal.retryAfterSeconds) });
    }
    const user = this.db.prepare(`SELECT u.*, ${SITES_OF_USER} AS sites FROM users u WHERE username = ? AND disabled_at IS NULL`).get(username) as Row | undefined;
    const ok = await verifyPassword(password, user ? String(user.password_hash) : DUMMY_HASH);
    if (!user || !ok) throw new DomainError('UNAUTHORIZED', 'wrong username or password');
    this.throttle.succeeded(address, username);
    const token = newToken(kind === 'cookie' ? 'ses' : 'stf');
    const r = this.db
      .prepare('INSERT INTO sessions (user_id, token_hash, kind, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(user.id as number, tokenHash(token), kind, this.nowIso(), this.nowIso(this.opts.sessionHours * 3600_000));
    return {
      token,
      principal: {
        kind: 'staff',
        userId: Number(user.id),
        username: String(user.username),
        role: user.role as Role,
        via: kind,
        sessionId: Number(r.lastInsertRowid),
        sites: sitesOf(user.role, user.sites),
      },
    };
  }

  /** A long-lived bearer token for scripts (admin CLI). */
  createStaffToken(username: string, days: number, name: string): string {
    const user = this.db.prepare('SELECT id FROM users WHERE username = ?').get(username) as Row | undefined;
    if (!user) throw new DomainError('NOT_FOUND', `no user ${username}`, { field: 'username' });
    const token = newToken('stf');
    this.db
      .prepare('INSERT INTO sessions (user_id, token_hash, kind, name, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(user.id as number, tokenHash(token), 'bearer', name, this.nowIso(), this.nowIso(days * 86_400_000));
    return token;
  }

  authenticateStaff(token: string): StaffPrincipal | null {
    const r = this.db
      .prepare(
        `SELECT s.id AS session_id, s.kind, s.expires_at, u.id AS user_id, u.username, u.role, ${SITES_OF_USER} AS sites FROM sessions s
         JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = ? AND s.revoked_at IS NULL AND u.disabled_at IS NULL`,
      )
      .get(tokenHash(token)) as Row | undefined;
    if (!r || Date.parse(String(r.expires_at)) <= this.clock.now().getTime()) return null;
    return {
      kind: 'staff',
      userId: Number(r.user_id),
      username: String(r.username),
      role: r.role as Role,
      via: r.kind as 'cookie' | 'bearer',
      sessionId: Number(r.session_id),
      sites: sitesOf(r.role, r.sites),
    };
  }

  /** whether a session (cookie or bearer) is still valid, for long-lived sockets */
  authenticateStaffById(sessionId: number): boolean {
    const r = this.db
      .prepare('SELECT expires_at FROM sessions WHERE id = ? AND revoked_at IS NULL')
      .get(sessionId) as Row | undefined;
    return Boolean(r && Date.parse(String(r.expires_at)) > this.clock.now().getTime());
  }

  deviceActive(deviceId: number): boolean {
    return this.db.prepare('SELECT 1 FROM devices WHERE id = ? AND revoked_at IS NULL').get(deviceId) !== undefined;
  }

  logout(token: string): void {
    const rows = this.db
      .prepare('UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL RETURNING id')
      .all(this.nowIso(), tokenHash(token)) as Row[];
    this.sessionsEnded(rows.map((r) => Number(r.id)));
  }

  createDevice(siteId: string, kind: DeviceKind, name: string): { id: number; token: string } {
    const token = newToken('dev');
    const r = this.db
      .prepare('INSERT INTO devices (site_id, kind, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(siteId, kind, name, tokenHash(token), this.nowIso());
    return { id: Number(r.lastInsertRowid), token };
  }

  revokeDevice(siteId: string, id: number): boolean {
    const r = this.db
      .prepare('UPDATE devices SET revoked_at = ? WHERE id = ? AND site_id = ? AND revoked_at IS NULL')
      .run(this.nowIso(), id, siteId);
    if (r.changes === 1) for (const l of this.revokedListeners) l(id);
    return r.changes === 1;
  }

  listDevices(siteId: string): Array<{ id: number; kind: DeviceKind; name: string; createdAt: string; revokedAt: string | null }> {
    return (this.db.prepare('SELECT * FROM devices WHERE site_id = ? ORDER BY id').all(siteId) as Row[]).map((r) => ({
      id: Number(r.id),
      kind: r.kind as DeviceKind,
      name: String(r.name),
      createdAt: String(r.created_at),
      revokedAt: (r.revoked_at as string | null) ?? null,
    }));
  }

  authenticateDevice(token: string): DevicePrincipal | null {
    const r = this.db
      .prepare('SELECT * FROM devices WHERE token_hash = ? AND revoked_at IS NULL')
      .get(tokenHash(token)) as Row | undefined;
    if (!r) return null;
    return { kind: 'device', deviceId: Number(r.id), siteId: String(r.site_id), deviceKind: r.kind as DeviceKind, name: String(r.name) };
  }

  /** Any token: a device's, a staff bearer token or a session. */
  authenticate(token: string): Principal | null {
    if (token.startsWith('dev_')) return this.authenticateDevice(token);
    return this.authenticateStaff(token);
  }

  onDeviceRevoked(listener: (deviceId: number) => void): () => void {
    this.revokedListeners.add(listener);
    return () => this.revokedListeners.delete(listener);
  }

  /** Sessions ended by a logout, a disabled account, a new password or a new role. */
  onSessionsEnded(listener: (sessionIds: number[]) => void): () => void {
    this.sessionsEndedListeners.add(listener);
    return () => this.sessionsEndedListeners.delete(listener);
  }

  private pendingAudit: unknown[][] = [];
  /** rows past MAX_PENDING_AUDIT, not kept */
  private droppedAudit = 0;
  private auditTimer: ReturnType<typeof setTimeout> | null = null;
  /** set while the rows wait for the disk to have room again */
  private auditWaiting: (() => void) | null = null;

  /**
   * Queues an audit row; rows are written together within AUDIT_FLUSH_MS in one transaction, so a
   * busy kiosk path pays one durable commit per ticket, not two. (The ticket's own event, with
   * its actor, is committed before the answer; an audit row may be lost only with a power cut in
   * that window.)
   */
  audit(e: AuditEntry): void {
    const row = [this.nowIso(), e.actorKind, e.actorId, e.action, e.siteId ?? null, e.target ?? null, e.outcome, JSON.stringify(e.detail ?? {}), e.ip ?? null];
    if (this.pendingAudit.length >= MAX_PENDING_AUDIT) this.droppedAudit += 1;
    else this.pendingAudit.push(row);
    if (!this.auditTimer && !this.auditWaiting) {
      this.auditTimer = setTimeout(() => this.flushAudit(), AUDIT_FLUSH_MS);
      this.auditTimer.unref();
    }
  }

  /** audit rows not yet written (kept in memory while the disk is full) */
  pendingAuditRows(): number {
    return this.pendingAudit.length + this.droppedAudit;
  }

  /**
   * Writes the queued audit rows now (before reading them, and on close). Never throws: it runs
   * from a timer, where an exception would end the process. Rows that cannot be written stay
   * queued: after a full disk until it has room again, after anything else until the next row.
   */
  flushAudit(): void {
    if (this.auditTimer) clearTimeout(this.auditTimer);
    this.auditTimer = null;
    const rows = this.pendingAudit;
    if ((rows.length === 0 && this.droppedAudit === 0) || !this.db.open) return;
    const dropped = this.droppedAudit;
    const all =
      dropped === 0
        ? rows
        : [...rows, [this.nowIso(), 'system', 'audit', 'audit.dropped', null, null, 'failed', JSON.stringify({ rows: dropped, reason: 'disk full' }), null]];
    try {
      const ins = this.db.prepare('INSERT INTO audit_log (at, actor_kind, actor_id, action, site_id, target, outcome, detail, ip) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
      this.db.transaction(() => {
        for (const r of all) ins.run(...r);
      })();
    } catch (err) {
      if (this.deps.storage?.failed(err, 'audit log')) {
        this.auditWaiting ??= this.deps.storage.whenWritable(() => {
          this.auditWaiting = null;
          this.flushAudit();
        });
      } else {
        this.deps.log?.error({ err, rows: all.length }, 'could not write audit rows; they are kept and tried again with the next');
      }
      return;
    }
    this.pendingAudit = this.pendingAudit.slice(rows.length);
    this.droppedAudit -= dropped;
  }

  auditLog(limit = 100): Row[] {
    this.flushAudit(); // what it could not write (disk full) is not in the answer yet
    return this.db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?').all(limit) as Row[];
  }
}
