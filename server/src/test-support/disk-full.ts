/**
 * Injected "database or disk is full" for the unit tests of every write path: the error
 * better-sqlite3 throws, and a switch that makes chosen statements of a connection throw it.
 */
import type Database from 'better-sqlite3';

export const diskFullError = (): Error => Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });

/**
 * Statements prepared on `db` from now on whose SQL matches `sql` throw SQLITE_FULL when run while
 * `full()` is true. (Statements prepared and cached before are not affected: patch before first use.)
 */
export function failWritesMatching(db: Database.Database, sql: RegExp, full: () => boolean): void {
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string) => {
    const st = prepare(source);
    if (!sql.test(source)) return st;
    // run, and get/all for writes with RETURNING
    for (const method of ['run', 'get', 'all'] as const) {
      const real = (st[method] as (...a: unknown[]) => unknown).bind(st);
      (st as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        if (full()) throw diskFullError();
        return real(...args);
      };
    }
    return st;
  }) as typeof db.prepare;
}

/** A logger that keeps what it is told, by level. */
export function recordingLog() {
  const lines: Array<{ level: 'info' | 'warn' | 'error'; msg: string | undefined }> = [];
  return {
    lines,
    info: (_o: unknown, msg?: string) => void lines.push({ level: 'info', msg }),
    warn: (_o: unknown, msg?: string) => void lines.push({ level: 'warn', msg }),
    error: (_o: unknown, msg?: string) => void lines.push({ level: 'error', msg }),
    errors: () => lines.filter((l) => l.level === 'error'),
  };
}
