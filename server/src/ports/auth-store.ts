/** A staff account's row. */
export interface StoredUser {
  id: number;
  username: string;
  /** clerk, manager or admin */
  role: string;
  passwordHash: string;
  createdAt: string;
  disabledAt: string | null;
  /** the sites the user is bound to; empty: none bound */
  sites: string[];
}

/** A valid session (cookie or bearer token) and its user. */
export interface SessionRow {
  sessionId: number;
  kind: 'cookie' | 'bearer';
  expiresAt: string;
  user: Pick<StoredUser, 'id' | 'username' | 'role' | 'sites'>;
}

export interface StoredDevice {
  id: number;
  siteId: string;
  /** kiosk, display or counter */
  kind: string;
  name: string;
  createdAt: string;
  revokedAt: string | null;
}

/** One audit_log row: at, actor kind, actor id, action, site, target, outcome, detail (JSON), ip. */
export type AuditRow = [string, string, string, string, string | null, string | null, string, string, string | null];

/**
 * Auth's rows: staff accounts and their sites, sessions and bearer tokens (stored as hashes),
 * devices, the audit log. Times are ISO strings, as the tables keep them.
 */
export interface AuthStore {
  /** `fn` in one transaction; its throw undoes its writes */
  transaction<T>(fn: () => T): T;
  /** false once the database is closed (a late audit flush then writes nothing) */
  isOpen(): boolean;

  userCount(): number;
  /** null when the user name is taken */
  insertUser(username: string, role: string, passwordHash: string, at: string): number | null;
  /** false when there is no such user */
  setPasswordHash(username: string, passwordHash: string): boolean;
  setUserSites(userId: number, sites: readonly string[]): void;
  /** with `activeOnly`, a disabled account is not found */
  user(username: string, activeOnly: boolean): StoredUser | undefined;
  users(): StoredUser[];
  activeAdmins(): string[];
  setRole(username: string, role: string): void;
  disableUser(username: string, at: string): void;

  insertSession(s: { userId: number; tokenHash: string; kind: 'cookie' | 'bearer'; name: string | null; createdAt: string; expiresAt: string }): number;
  /** a session not revoked, of an account not disabled (expired or not) */
  session(tokenHash: string): SessionRow | undefined;
  /** when a session not revoked expires */
  sessionExpiry(sessionId: number): string | undefined;
  /** revokes a user's sessions; their ids */
  endSessions(username: string, at: string): number[];
  /** revokes the session of a token; its id (none when it was not valid) */
  endSession(tokenHash: string, at: string): number[];

  insertDevice(d: { siteId: string; kind: string; name: string; tokenHash: string; createdAt: string }): number;
  /** false when there is no such device of the site, or it was revoked already */
  revokeDevice(siteId: string, id: number, at: string): boolean;
  devices(siteId: string): StoredDevice[];
  /** a device not revoked, by its token's hash */
  activeDevice(tokenHash: string): StoredDevice | undefined;
  deviceActive(id: number): boolean;

  appendAudit(rows: readonly AuditRow[]): void;
  /** the newest audit rows first, as stored */
  auditLog(limit: number): Array<Record<string, unknown>>;
}
