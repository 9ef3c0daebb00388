import type Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { DomainError } from '@madoguchi/shared';
import type { Clock } from '../../ports/clock.js';
import { dummyHash, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.js';

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
  maxFailures: number;
  lockMinutes: number;
}

const DEFAULTS: AuthOptions = { sessionHours: 12, maxFailures: 5, lockMinutes: 15 };
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,31}$/;

/** Only a SHA-256 of a token is stored: a leaked database does not leak working tokens. */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');
const newToken = (prefix: string): string => `${prefix}_${randomBytes(32).toString('base64url')}`;

type Row = Record<string, unknown>;

/**
 * Staff accounts, sessions, device tokens and the audit log, on the same SQLite database as
 * the tickets. Passwords are scrypt-hashed; tokens are 256-bit random and stored hashed.
 */
/** audit rows are written together at most this long after the action */
const AUDIT_FLUSH_MS = 100;

export class AuthService {
  private readonly opts: AuthOptions;
  private readonly revokedListeners = new Set<(deviceId: number) => void>();
  private readonly sessionsEndedListeners = new Set<(sessionIds: number[]) => void>();

  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
    opts: Partial<AuthOptions> = {},
  ) {
    this.opts = { ...DEFAULTS, ...opts };
  }

  private nowIso(offsetMs = 0): string {
    return new Date(this.clock.now().getTime() + offsetMs).toISOString();
  }

  userCount(): number {
    return Number((this.db.prepare('SELECT count(*) AS n FROM users').get() as Row).n);
  }

  async createUser(username: string, password: string, role: Role): Promise<{ username: string; role: Role }> {
    if (!USERNAME.test(username)) {
      throw new DomainError('VALIDATION', 'username: 2–32 of a-z 0-9 . _ - starting with a letter or digit', { field: 'username' });
    }
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw new DomainError('VALIDATION', `password must have at least ${MIN_PASSWORD_LENGTH} characters`, { field: 'password' });
    }
    const hash = await hashPassword(password);
    try {
      this.db
        .prepare('INSERT INTO users (username, role, password_hash, created_at) VALUES (?, ?, ?, ?)')
        .run(username, role, hash, this.nowIso());
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
      .prepare('UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = NULL WHERE username = ?')
      .run(hash, username);
    if (r.changes !== 1) throw new DomainError('NOT_FOUND', `no user ${username}`, { field: 'username' });
    // a new password ends every existing session of that user
    this.sessionsEnded(this.endSessions(username));
  }

  listUsers(): Array<{ username: string; role: Role; createdAt: string; disabled: boolean; locked: boolean }> {
    const now = this.clock.now().getTime();
    return (this.db.prepare('SELECT username, role, created_at, disabled_at, locked_until FROM users ORDER BY username').all() as Row[]).map((r) => ({
      username: String(r.username),
      role: r.role as Role,
      createdAt: String(r.created_at),
      disabled: r.disabled_at !== null,
      locked: r.locked_until !== null && Date.parse(String(r.locked_until)) > now,
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
   * Checks credentials; after `maxFailures` wrong passwords in a row the account is locked for
   * `lockMinutes` (LOCKED_OUT), whatever password is sent meanwhile.
   */
  async login(username: string, password: string, kind: 'cookie' | 'bearer' = 'cookie'): Promise<{ principal: StaffPrincipal; token: string }> {
    const user = this.db.prepare('SELECT * FROM users WHERE username = ? AND disabled_at IS NULL').get(username) as Row | undefined;
    if (!user) {
      await verifyPassword(password, await dummyHash());
      throw new DomainError('UNAUTHORIZED', 'wrong username or password');
    }
    const now = this.clock.now().getTime();
    const lockedUntil = user.locked_until ? Date.parse(String(user.locked_until)) : 0;
    if (lockedUntil > now) {
      throw new DomainError('LOCKED_OUT', 'too many failed sign-ins; try again later', {
        reason: String(Math.ceil((lockedUntil - now) / 1000)),
      });
    }
    if (!(await verifyPassword(password, String(user.password_hash)))) {
      // counted in one statement: attempts sent in parallel all count
      const r = this.db
        .prepare('UPDATE users SET failed_logins = failed_logins + 1 WHERE id = ? RETURNING failed_logins')
        .get(user.id as number) as Row;
      if (Number(r.failed_logins) >= this.opts.maxFailures) {
        this.db
          .prepare('UPDATE users SET failed_logins = 0, locked_until = ? WHERE id = ?')
          .run(this.nowIso(this.opts.lockMinutes * 60_000), user.id as number);
      }
      throw new DomainError('UNAUTHORIZED', 'wrong username or password');
    }
    // a lock set by a parallel attempt while this one was hashing still holds
    const locked = this.db.prepare('SELECT locked_until FROM users WHERE id = ?').get(user.id as number) as Row;
    if (locked.locked_until && Date.parse(String(locked.locked_until)) > this.clock.now().getTime()) {
      throw new DomainError('LOCKED_OUT', 'too many failed sign-ins; try again later', {
        reason: String(Math.ceil((Date.parse(String(locked.locked_until)) - this.clock.now().getTime()) / 1000)),
      });
    }
    this.db.prepare('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?').run(user.id as number);
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
        `SELECT s.id AS session_id, s.kind, s.expires_at, u.id AS user_id, u.username, u.role FROM sessions s
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
  private auditTimer: ReturnType<typeof setTimeout> | null = null;

  /**
   * Queues an audit row; rows are written together within AUDIT_FLUSH_MS in one transaction, so a
   * busy kiosk path pays one durable commit per ticket, not two. (The ticket's own event, with
   * its actor, is committed before the answer; an audit row may be lost only with a power cut in
   * that window.)
   */
  audit(e: AuditEntry): void {
    this.pendingAudit.push([this.nowIso(), e.actorKind, e.actorId, e.action, e.siteId ?? null, e.target ?? null, e.outcome, JSON.stringify(e.detail ?? {}), e.ip ?? null]);
    if (!this.auditTimer) {
      this.auditTimer = setTimeout(() => this.flushAudit(), AUDIT_FLUSH_MS);
      this.auditTimer.unref();
    }
  }

  /** Writes the queued audit rows now (before reading them, and on close). */
  flushAudit(): void {
    if (this.auditTimer) clearTimeout(this.auditTimer);
    this.auditTimer = null;
    const rows = this.pendingAudit;
    if (rows.length === 0 || !this.db.open) return;
    this.pendingAudit = [];
    const ins = this.db.prepare('INSERT INTO audit_log (at, actor_kind, actor_id, action, site_id, target, outcome, detail, ip) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const r of rows) ins.run(...r);
    })();
  }

  auditLog(limit = 100): Row[] {
    this.flushAudit();
    return this.db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?').all(limit) as Row[];
  }
}
