/**
 * Issue #13 item 1: with the disk full, the audit log's flush (a timer) threw SQLITE_FULL out of
 * setTimeout and the process ended. It must keep the rows (bounded), never throw, and write them
 * once there is room.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../clock/manual-clock.js';
import { SqliteAuthStore } from '../sqlite/sqlite-auth-store.js';
import { SqliteDatabase } from '../sqlite/sqlite-database.js';
import { StorageWatch } from '../sqlite/storage-watch.js';
import { failWritesMatching, recordingLog } from '../../test-support/disk-full.js';
import { AuthService, MAX_PENDING_AUDIT, type AuditEntry } from './auth-service.js';

const entry = (i: number): AuditEntry => ({ actorKind: 'anonymous', actorId: `u${i}`, action: 'auth.login', outcome: 'refused' });

function setup() {
  const database = new SqliteDatabase({ file: ':memory:' });
  const db = database.connection;
  const disk = { full: true, free: 0 };
  failWritesMatching(db, /INSERT INTO audit_log/, () => disk.full);
  const timers: Array<() => void> = [];
  const storage = new StorageWatch({ freeBytes: () => disk.free, resumeBytes: 1, every: (fn) => (timers.push(fn), () => timers.splice(0)) });
  const log = recordingLog();
  storage.attach({ log });
  const auth = new AuthService(new SqliteAuthStore(database), new ManualClock('2026-04-06T01:00:00Z'), {}, { storage, log });
  const rows = () => Number((db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n);
  const roomAgain = () => {
    disk.full = false;
    disk.free = 1 << 20;
    for (const t of [...timers]) t();
  };
  return { db, auth, log, rows, roomAgain };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the audit log on a full disk', () => {
  it('the flush timer does not throw; the rows wait in memory and are written once there is room', () => {
    vi.useFakeTimers();
    const { auth, log, rows, roomAgain } = setup();
    auth.audit(entry(1));
    auth.audit(entry(2));
    expect(() => vi.advanceTimersByTime(100)).not.toThrow();
    auth.audit(entry(3));
    // while full, no timer of its own: it waits for the watch, so a flood makes no flush attempts
    expect(vi.getTimerCount()).toBe(0);
    expect(() => auth.flushAudit()).not.toThrow();
    expect(auth.pendingAuditRows()).toBe(3);
    expect(rows()).toBe(0);
    expect(log.errors()).toHaveLength(1);
    roomAgain();
    expect(rows()).toBe(3);
    expect(auth.pendingAuditRows()).toBe(0);
    expect(auth.auditLog(10).map((r) => r.actor_id)).toEqual(['u3', 'u2', 'u1']);
  });

  it('keeps at most MAX_PENDING_AUDIT rows and writes one audit.dropped row counting the rest', () => {
    const { auth, rows, roomAgain, db } = setup();
    for (let i = 0; i < MAX_PENDING_AUDIT + 25; i++) auth.audit(entry(i));
    auth.flushAudit();
    expect(auth.pendingAuditRows()).toBe(MAX_PENDING_AUDIT + 25);
    roomAgain();
    expect(rows()).toBe(MAX_PENDING_AUDIT + 1);
    const dropped = db.prepare(`SELECT detail FROM audit_log WHERE action = 'audit.dropped'`).get() as { detail: string };
    expect(JSON.parse(dropped.detail)).toEqual({ rows: 25, reason: 'disk full' });
    expect(auth.pendingAuditRows()).toBe(0);
  });

  it('reading the audit log while full answers what is written, without throwing', () => {
    const { auth } = setup();
    auth.audit(entry(1));
    expect(auth.auditLog(10)).toEqual([]);
    expect(auth.pendingAuditRows()).toBe(1);
  });
});
