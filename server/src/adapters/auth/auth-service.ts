import { createHash, randomBytes } from 'node:crypto';
import { DomainError, type DeviceKind, type Role } from '@madoguchi/shared';
import type { AuditRow, AuthStore } from '../../ports/auth-store.js';
import type { Clock } from '../../ports/clock.js';
import { LoginThrottle, type LoginThrottleOptions } from './login-throttle.js';
import { DUMMY_HASH, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.js';
import type { WriteRoom } from '../../ports/storage.js';

export type { DeviceKind, Role };
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

/** The sites of a user as a principal holds them: administrators and users bound to none act on every site. */
function sitesOf(role: string, sites: readonly string[]): string[] | null {
  if (role === 'admin') return null;
  return sites.length === 0 ? null : [...sites].sort();
}

/**
 * Staff accounts, sessions, device tokens and the audit log, kept through the AuthStore port
 * (adapters/sqlite/sqlite-auth-store.ts: the same database as the tickets). Passwords are scrypt-hashed; tokens are 256-bit random and stored hashed.
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
  storage?: WriteRoom;
  /** reports audit writes that failed for another reason than a full disk */
  log?: { error(o: unknown, m?: string): void };
}

export class AuthService {
  private readonly opts: AuthOptions;
  private readonly revokedListeners = new Set<(deviceId: number) => void>();
  private readonly throttle: LoginThrottle;
  private readonly sessionsEndedListeners = new Set<(sessionIds: number[]) => void>();

  constructor(
    private readonly store: AuthStore,
    private readonly clock: Clock,
    opts: Partial<AuthOptions> = {},
    private readonly deps: AuthDeps = {},
  ) {
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
    return this.store.userCount();
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
    this.store.transaction(() => {
      const id = this.store.insertUser(username, role, hash, this.nowIso());
      if (id === null) throw new DomainError('CONFLICT', `user ${username} exists`, { field: 'username' });
      this.store.setUserSites(id, sites ?? []);
    });
    return { username, role };
  }

  async resetPassword(username: string, password: string): Promise<void> {
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw new DomainError('VALIDATION', `password must have at least ${MIN_PASSWORD_LENGTH} characters`, { field: 'password' });
    }
    const hash = await hashPassword(password);
    if (!this.store.setPasswordHash(username, hash)) throw new DomainError('NOT_FOUND', `no user ${username}`, { field: 'username' });
    // a new password ends every existing session of that user
    this.sessionsEnded(this.endSessions(username));
  }

  /**
   * Binds a user to some sites (null: every site). Their sessions end, as for a new role: a socket
   * joined to a site's room must not outlive the right to it.
   */
  setSites(username: string, sites: readonly string[] | null): { username: string; role: Role; sites: string[] | null } {
    let ended: number[] = [];
    const result = this.store.transaction(() => {
      const user = this.store.user(username, true);
      if (!user) throw new DomainError('NOT_FOUND', `no user ${username}`, { field: 'username' });
      if (user.role === 'admin' && sites !== null) throw new DomainError('VALIDATION', 'an administrator acts on every site', { field: 'sites' });
      this.store.setUserSites(user.id, sites ?? []);
      ended = this.endSessions(username);
      const role = user.role as Role;
      return { username, role, sites: sitesOf(role, sites ?? []) };
    });
    this.sessionsEnded(ended);
    return result;
  }

  listUsers(): Array<{ username: string; role: Role; createdAt: string; disabled: boolean; sites: string[] | null }> {
    return this.store.users().map((u) => ({
      username: u.username,
      role: u.role as Role,
      createdAt: u.createdAt,
      disabled: u.disabledAt !== null,
      sites: sitesOf(u.role, u.sites),
    }));
  }

  /** Revokes a user's sessions; returns their ids, for `sessionsEnded` once the transaction is over. */
  private endSessions(username: string): number[] {
    return this.store.endSessions(username, this.nowIso());
  }

  /** Tells the listeners (the realtime layer closes the sessions' sockets), after the change is committed. */
  private sessionsEnded(sessionIds: number[]): void {
    if (sessionIds.length === 0) return;
    for (const l of this.sessionsEndedListeners) l(sessionIds);
  }

  /** Changes a user's role; the last administrator cannot stop being one. Sessions end (new rights at the next sign-in). */
  setRole(username: string, role: Role): { username: string; role: Role } {
    let ended: number[] = [];
    this.store.transaction(() => {
      const user = this.store.user(username, true);
      if (!user) throw new DomainError('NOT_FOUND', `no user ${username}`, { field: 'username' });
      if (user.role === role) return;
      if (user.role === 'admin' && this.store.activeAdmins().length <= 1) {
        throw new DomainError('CONFLICT', 'the last administrator must stay one', { field: 'role' });
      }
      this.store.setRole(username, role);
      ended = this.endSessions(username);
    });
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
    this.store.transaction(() => {
      const user = this.store.user(username, true);
      if (!user) throw new DomainError('NOT_FOUND', `no user ${username}`, { field: 'username' });
      if (user.role === 'admin' && this.store.activeAdmins().length <= 1) {
        throw new DomainError('CONFLICT', 'the last administrator cannot be removed', { field: 'username' });
      }
      this.store.disableUser(username, this.nowIso());
      ended = this.endSessions(username);
    });
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
    const user = this.store.user(username, true);
    const ok = await verifyPassword(password, user ? user.passwordHash : DUMMY_HASH);
    if (!user || !ok) throw new DomainError('UNAUTHORIZED', 'wrong username or password');
    this.throttle.succeeded(address, username);
    const token = newToken(kind === 'cookie' ? 'ses' : 'stf');
    const sessionId = this.store.insertSession({
      userId: user.id,
      tokenHash: tokenHash(token),
      kind,
      name: null,
      createdAt: this.nowIso(),
      expiresAt: this.nowIso(this.opts.sessionHours * 3600_000),
    });
    return {
      token,
      principal: { kind: 'staff', userId: user.id, username: user.username, role: user.role as Role, via: kind, sessionId, sites: sitesOf(user.role, user.sites) },
    };
  }

  /** A long-lived bearer token for scripts (admin CLI). */
  createStaffToken(username: string, days: number, name: string): string {
    const user = this.store.user(username, false);
    if (!user) throw new DomainError('NOT_FOUND', `no user ${username}`, { field: 'username' });
    const token = newToken('stf');
    this.store.insertSession({ userId: user.id, tokenHash: tokenHash(token), kind: 'bearer', name, createdAt: this.nowIso(), expiresAt: this.nowIso(days * 86_400_000) });
    return token;
  }

  authenticateStaff(token: string): StaffPrincipal | null {
    const s = this.store.session(tokenHash(token));
    if (!s || Date.parse(s.expiresAt) <= this.clock.now().getTime()) return null;
    const { user } = s;
    return { kind: 'staff', userId: user.id, username: user.username, role: user.role as Role, via: s.kind, sessionId: s.sessionId, sites: sitesOf(user.role, user.sites) };
  }

  /** whether a session (cookie or bearer) is still valid, for long-lived sockets */
  authenticateStaffById(sessionId: number): boolean {
    const expiresAt = this.store.sessionExpiry(sessionId);
    return expiresAt !== undefined && Date.parse(expiresAt) > this.clock.now().getTime();
  }

  deviceActive(deviceId: number): boolean {
    return this.store.deviceActive(deviceId);
  }

  logout(token: string): void {
    this.sessionsEnded(this.store.endSession(tokenHash(token), this.nowIso()));
  }

  createDevice(siteId: string, kind: DeviceKind, name: string): { id: number; token: string } {
    const token = newToken('dev');
    const id = this.store.insertDevice({ siteId, kind, name, tokenHash: tokenHash(token), createdAt: this.nowIso() });
    return { id, token };
  }

  revokeDevice(siteId: string, id: number): boolean {
    const revoked = this.store.revokeDevice(siteId, id, this.nowIso());
    if (revoked) for (const l of this.revokedListeners) l(id);
    return revoked;
  }

  listDevices(siteId: string): Array<{ id: number; kind: DeviceKind; name: string; createdAt: string; revokedAt: string | null }> {
    return this.store.devices(siteId).map((d) => ({ id: d.id, kind: d.kind as DeviceKind, name: d.name, createdAt: d.createdAt, revokedAt: d.revokedAt }));
  }

  authenticateDevice(token: string): DevicePrincipal | null {
    const d = this.store.activeDevice(tokenHash(token));
    if (!d) return null;
    return { kind: 'device', deviceId: d.id, siteId: d.siteId, deviceKind: d.kind as DeviceKind, name: d.name };
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

  private pendingAudit: AuditRow[] = [];
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
    const row: AuditRow = [this.nowIso(), e.actorKind, e.actorId, e.action, e.siteId ?? null, e.target ?? null, e.outcome, JSON.stringify(e.detail ?? {}), e.ip ?? null];
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
    if ((rows.length === 0 && this.droppedAudit === 0) || !this.store.isOpen()) return;
    const dropped = this.droppedAudit;
    const all: AuditRow[] =
      dropped === 0
        ? rows
        : [...rows, [this.nowIso(), 'system', 'audit', 'audit.dropped', null, null, 'failed', JSON.stringify({ rows: dropped, reason: 'disk full' }), null]];
    try {
      this.store.appendAudit(all);
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

  auditLog(limit = 100): Array<Record<string, unknown>> {
    this.flushAudit(); // what it could not write (disk full) is not in the answer yet
    return this.store.auditLog(limit);
  }
}
