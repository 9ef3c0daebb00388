/**
 * The administration CLI (`npm run admin -- <command> …`): what an administrator scripts —
 * staff accounts, device and staff tokens, online backups, a day's CSV export, the import of past
 * ticket logs. It opens the
 * server's database in DATA_DIR directly (migrations apply like at boot) and can run while
 * the server runs: SQLite serialises the writers and `db.backup()` copies a consistent snapshot.
 * `backup`, `export-day` and `list-devices` only read; the others write one audit row each.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { DomainError } from '@madoguchi/shared';
import { AuthService, checkSites, type DeviceKind, type Role } from '../adapters/auth/auth-service.js';
import { SystemClock } from '../adapters/clock/system-clock.js';
import { DatabaseUnusableError } from '../adapters/sqlite/database-problem.js';
import { privateFile } from '../adapters/sqlite/private-file.js';
import { SqliteAuthStore } from '../adapters/sqlite/sqlite-auth-store.js';
import { SqliteDatabase } from '../adapters/sqlite/sqlite-database.js';
import { SqliteStore } from '../adapters/sqlite/sqlite-store.js';
import { SqliteForecastStore } from '../adapters/sqlite/sqlite-forecast-store.js';
import { SqliteHistoryStore } from '../adapters/sqlite/sqlite-history-store.js';
import { DemandForecasts } from '../app/demand-use-cases.js';
import { importHistory } from '../app/history-import.js';
import { dailyCsv } from '../app/queries.js';
import { engineDeps } from '../app/context.js';
import { ConfigError, loadInstallation, readSettings, SettingsError, type Settings } from '../config.js';
import { DEFAULT_RETENTION, type InstallationConfig } from '../domain/site.js';
import { DB_FILE } from '../server.js';

/** Where the CLI writes; each string is written as is (lines end with "\n"). */
export interface AdminIo {
  out(s: string): void;
  err(s: string): void;
}

const ROLES: readonly Role[] = ['clerk', 'manager', 'admin'];
const DEVICE_KINDS: readonly DeviceKind[] = ['kiosk', 'display', 'counter'];
const DEFAULT_TOKEN_DAYS = 30;
const MAX_PASSWORD = 256;

export const USAGE = `usage: npm run admin -- <command> [arguments]

  create-user <username> <clerk|manager|admin> [--password P] [--sites S1,S2]
                                  a staff account; without --password a random one is printed once;
                                  --sites binds a clerk or manager to those sites (default: every site)
  reset-password <username> [--password P]
                                  a new password (random when omitted); ends the user's sessions
  create-device <site> <kiosk|display|counter> <name>
                                  a device token, printed once
  revoke-device <site> <id>       the device's token stops working at once
  list-devices <site>             the site's devices, revoked ones included
  create-token <username> [--days N]
                                  a staff bearer token for scripts (default ${DEFAULT_TOKEN_DAYS} days), printed once
  backup [file]                   online backup of the database (safe while the server runs),
                                  checked with PRAGMA integrity_check; default file
                                  BACKUP_DIR/madoguchi-YYYY-MM-DD.db; keeps the newest
                                  retention.backups dated copies of its directory
  export-day <site> <YYYY-MM-DD> [file]
                                  the day's ticket timelines as CSV (UTF-8 with BOM), to a file or stdout
  import-history <file> --site S  imports an old system's ticket log (CSV, docs/history-import.md)
                                  into the site's past days, streamed; days holding live tickets are
                                  skipped; stops at the first bad line (line and column printed);
                                  the forecast refits afterwards
  check-config [file]             validates the configuration file (default: CONFIG) without
                                  touching the database; run it before restarting the server
  help                            this text

Environment: DATA_DIR (default ./data) holds ${DB_FILE}; BACKUP_DIR (default DATA_DIR/backups)
the backups; CONFIG is the configuration file
(the embedded sample ward office when unset). Run it as the user the server runs as.
`;

/** A mistake in the command line: exit code 2 with the usage. */
class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** An expected failure worth one line on stderr: exit code 1. */
class AdminError extends Error {
  override readonly name = 'AdminError';
}

interface Context {
  settings: Settings;
  database: SqliteDatabase;
  auth: AuthService;
  io: AdminIo;
  /** loaded on first use: only some commands need the configuration */
  config(): InstallationConfig;
  audit(action: string, target: string | null, siteId?: string | null, detail?: Record<string, unknown>): void;
}

type Options = Record<string, { type: 'string' }>;

function parse(args: string[], positionals: string[], optional: string[], options: Options = {}) {
  const r = parseArgs({ args, options, allowPositionals: true, strict: true });
  const min = positionals.length;
  const max = min + optional.length;
  if (r.positionals.length < min || r.positionals.length > max) {
    const names = [...positionals.map((p) => `<${p}>`), ...optional.map((p) => `[${p}]`)].join(' ');
    throw new UsageError(`expected ${names}`);
  }
  return { args: r.positionals, values: r.values as Record<string, string | undefined> };
}

const oneOf = <T extends string>(what: string, v: string, allowed: readonly T[]): T => {
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`${what} must be one of ${allowed.join(', ')}, not "${v}"`);
  return v as T;
};

function positiveInt(what: string, v: string, max: number): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 1 || n > max) throw new UsageError(`${what} must be a whole number from 1 to ${max}, not "${v}"`);
  return n;
}

/** The given password, or a random one the caller prints once. */
function password(given: string | undefined): { password: string; generated: boolean } {
  if (given === undefined) {
    let p: string;
    // never starting with "-" or "_": it would read as an option when pasted on a command line
    do p = randomBytes(12).toString('base64url');
    while (/^[-_]/.test(p));
    return { password: p, generated: true };
  }
  if (given.length > MAX_PASSWORD) throw new UsageError(`the password must have at most ${MAX_PASSWORD} characters`);
  return { password: given, generated: false };
}

function knownSite(ctx: Context, site: string, alsoInDatabase = false): void {
  if (ctx.config().sites.some((s) => s.id === site)) return;
  // a site removed from the configuration may still have devices to list or revoke
  if (alsoInDatabase && ctx.auth.listDevices(site).length > 0) return;
  const known = ctx.config().sites.map((s) => s.id).join(', ');
  throw new AdminError(`unknown site "${site}" (the configuration has: ${known})`);
}

type Command = (ctx: Context, args: string[]) => Promise<void>;

const COMMANDS: Record<string, Command> = {
  async 'create-user'(ctx, argv) {
    const { args, values } = parse(argv, ['username', 'role'], [], { password: { type: 'string' }, sites: { type: 'string' } });
    const [username = '', roleArg = ''] = args;
    const role = oneOf('role', roleArg, ROLES);
    const sites = values.sites === undefined ? null : values.sites.split(',').map((x) => x.trim()).filter(Boolean);
    if (sites !== null) checkSites(sites, ctx.config().sites.map((x) => x.id));
    const p = password(values.password);
    await ctx.auth.createUser(username, p.password, role, sites);
    ctx.audit('user.create', username, null, sites ? { role, sites } : { role });
    ctx.io.out(`created user ${username} (${role}${sites ? `; sites ${sites.join(', ')}` : ''})\n`);
    if (p.generated) ctx.io.out(`password: ${p.password}\n(shown only now)\n`);
  },

  async 'reset-password'(ctx, argv) {
    const { args, values } = parse(argv, ['username'], [], { password: { type: 'string' } });
    const [username = ''] = args;
    const p = password(values.password);
    await ctx.auth.resetPassword(username, p.password);
    ctx.audit('user.reset-password', username);
    ctx.io.out(`new password set for ${username}; their sessions have ended\n`);
    if (p.generated) ctx.io.out(`password: ${p.password}\n(shown only now)\n`);
  },

  async 'create-device'(ctx, argv) {
    const { args } = parse(argv, ['site', 'kind', 'name'], []);
    const [site = '', kindArg = '', name = ''] = args;
    const kind = oneOf('kind', kindArg, DEVICE_KINDS);
    if (name.trim() === '' || name.length > 64) throw new UsageError('the name must have 1 to 64 characters');
    knownSite(ctx, site);
    const d = ctx.auth.createDevice(site, kind, name);
    ctx.audit('device.create', String(d.id), site, { kind, name });
    ctx.io.out(`id: ${d.id}\ntoken: ${d.token}\n`);
    if (kind !== 'counter') ctx.io.out(`page: ${ctx.config().publicUrl}/${kind}/?token=${d.token}\n`);
    ctx.io.out('(the token is shown only now)\n');
  },

  async 'revoke-device'(ctx, argv) {
    const { args } = parse(argv, ['site', 'id'], []);
    const [site = '', idArg = ''] = args;
    const id = positiveInt('id', idArg, Number.MAX_SAFE_INTEGER);
    knownSite(ctx, site, true);
    if (!ctx.auth.revokeDevice(site, id)) throw new AdminError(`site ${site} has no active device ${id}`);
    ctx.audit('device.revoke', String(id), site);
    ctx.io.out(`revoked device ${id} of ${site}\n`);
  },

  async 'list-devices'(ctx, argv) {
    const { args } = parse(argv, ['site'], []);
    const [site = ''] = args;
    knownSite(ctx, site, true);
    const rows = ctx.auth.listDevices(site);
    if (rows.length === 0) {
      ctx.io.out(`site ${site} has no devices\n`);
      return;
    }
    const table = [['id', 'kind', 'name', 'created', 'revoked'], ...rows.map((d) => [String(d.id), d.kind, d.name, d.createdAt, d.revokedAt ?? '-'])];
    const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
    for (const r of table) ctx.io.out(`${r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()}\n`);
  },

  async 'create-token'(ctx, argv) {
    const { args, values } = parse(argv, ['username'], [], { days: { type: 'string' } });
    const [username = ''] = args;
    const days = values.days === undefined ? DEFAULT_TOKEN_DAYS : positiveInt('--days', values.days, 3650);
    const token = ctx.auth.createStaffToken(username, days, `admin cli (${operator()})`);
    ctx.audit('token.create', username, null, { days });
    ctx.io.out(`token: ${token}\n(valid ${days} days; shown only now; use it as "Authorization: Bearer <token>")\n`);
  },

  async backup(ctx, argv) {
    const { args } = parse(argv, [], ['file']);
    const target = args[0] === undefined ? defaultBackupFile(ctx.settings.backupDir) : resolve(args[0]);
    const source = join(ctx.settings.dataDir, DB_FILE);
    if ([source, `${source}-wal`, `${source}-shm`].includes(target)) throw new AdminError('the backup must not overwrite the database itself');
    if (args[0] === undefined) mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
    if (!existsSync(dirname(target))) throw new AdminError(`the directory ${dirname(target)} does not exist`);
    // written beside the target and renamed once verified: a failed run never leaves a half copy
    const partial = `${target}.partial-${process.pid}`;
    try {
      // 0600 from its first byte, not only once renamed: it holds password hashes and the audit log
      privateFile(partial);
      const { integrity: check, tickets } = await ctx.database.backup(partial);
      if (check !== 'ok') throw new AdminError(`the copy failed PRAGMA integrity_check: ${check}`);
      renameSync(partial, target);
      ctx.io.out(`backup: ${target} (${statSync(target).size} bytes, ${tickets} tickets, integrity_check ok)\n`);
    } finally {
      rmSync(partial, { force: true });
      for (const suffix of ['-journal', '-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
    }
    // only once the new copy is in place, and only among the dated copies this command names
    const keep = (ctx.config().retention ?? DEFAULT_RETENTION).backups;
    for (const old of rotateBackups(target, keep)) ctx.io.out(`removed the old backup ${old} (keeping the newest ${keep})\n`);
  },

  async 'export-day'(ctx, argv) {
    const { args } = parse(argv, ['site', 'date'], ['file']);
    const [site = '', date = '', file] = args;
    const t = Date.parse(`${date}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== date) {
      throw new UsageError(`the date must be a calendar date YYYY-MM-DD, not "${date}"`);
    }
    knownSite(ctx, site);
    const csv = dailyCsv(engineDeps({ store: new SqliteStore(ctx.database), clock: new SystemClock(), config: ctx.config(), newToken: () => '' }), site, date);
    if (file === undefined) {
      ctx.io.out(csv);
      return;
    }
    writeFileSync(file, csv);
    const rows = csv.split('\r\n').filter(Boolean).length - 1;
    ctx.io.out(`export: ${resolve(file)} (${rows} tickets of ${site} on ${date})\n`);
  },

  async 'import-history'(ctx, argv) {
    const { args, values } = parse(argv, ['file'], [], { site: { type: 'string' } });
    const [file = ''] = args;
    const site = values.site;
    if (site === undefined) throw new UsageError('give the site: --site S');
    knownSite(ctx, site);
    if (!existsSync(file)) throw new AdminError(`no file ${file}`);
    const engine = engineDeps({ store: new SqliteStore(ctx.database), clock: new SystemClock(), config: ctx.config(), newToken: () => '' });
    const forecast = new SqliteForecastStore(ctx.database);
    const result = await importHistory({ engine, history: new SqliteHistoryStore(ctx.database), forecast }, site, createReadStream(file), {
      source: `cli: ${basename(file)}`,
      onError: 'stop',
    });
    ctx.audit('history.import', basename(file), site, { imported: result.imported, skipped: result.skipped, days: result.days.length });
    const span = result.days.length > 0 ? ` (${result.days[0]} … ${result.days[result.days.length - 1]})` : '';
    ctx.io.out(`imported ${result.imported} rows on ${result.days.length} days${span}; skipped ${result.skipped} rows on days holding live tickets\n`);
    if (result.imported > 0) {
      // a server running on the same database reads the new fit from the store on its next request
      const fit = new DemandForecasts(engine, forecast).refit(site);
      ctx.io.out(`forecast refitted on ${fit.fit.historyDays} days of history\n`);
    }
    ctx.io.out(`${JSON.stringify(result)}\n`);
  },
};

/** the dated copies `backup` writes and rotates: madoguchi-YYYY-MM-DD….db */
const DATED_BACKUP = /^madoguchi-\d{4}-\d{2}-\d{2}[^/]*\.db$/;

/** BACKUP_DIR/madoguchi-<today, local time>.db */
function defaultBackupFile(backupDir: string): string {
  const d = new Date();
  const date = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return join(backupDir, `madoguchi-${date}.db`);
}

/**
 * Deletes all but the `keep` newest dated backups beside `target` (by name: the date sorts), if
 * `target` is one of them; returns the deleted paths. Copies named otherwise are never touched.
 */
export function rotateBackups(target: string, keep: number): string[] {
  if (!DATED_BACKUP.test(basename(target))) return [];
  const dir = dirname(target);
  const dated = readdirSync(dir).filter((n) => DATED_BACKUP.test(n)).sort().reverse();
  const old = dated.slice(keep).map((n) => join(dir, n));
  for (const f of old) rmSync(f, { force: true });
  return old;
}

/** who ran the CLI, for the audit log */
function operator(): string {
  try {
    return userInfo().username;
  } catch {
    return `uid ${process.getuid?.() ?? '?'}`;
  }
}

function openDatabase(settings: Settings): SqliteDatabase {
  const file = join(settings.dataDir, DB_FILE);
  if (!existsSync(file)) {
    throw new AdminError(`no database at ${file}: set DATA_DIR to the server's data directory (or start the server once)`);
  }
  // root would leave root-owned -wal/-shm files the server's own user cannot open
  const owner = statSync(file).uid;
  if (process.getuid?.() === 0 && owner !== 0) {
    throw new AdminError(`${file} belongs to uid ${owner}: run the CLI as that user (e.g. sudo -u madoguchi …), not as root`);
  }
  return new SqliteDatabase({ file });
}

function describe(e: unknown): { message: string; code: number } {
  if (e instanceof UsageError) return { message: e.message, code: 2 };
  if (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS')) return { message: e.message, code: 2 };
  if (e instanceof DomainError || e instanceof AdminError || e instanceof SettingsError || e instanceof ConfigError || e instanceof DatabaseUnusableError) {
    return { message: e.message, code: 1 };
  }
  if (e instanceof Database.SqliteError) return { message: `database error (${e.code}): ${e.message}`, code: 1 };
  const errno = e as NodeJS.ErrnoException;
  if (e instanceof Error && typeof errno.code === 'string' && typeof errno.syscall === 'string') return { message: e.message, code: 1 };
  return { message: `unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`, code: 1 };
}

/** The configuration alone: no database, so it also works before the first start. */
function checkConfig(argv: string[], io: AdminIo, env: NodeJS.ProcessEnv): void {
  const { args } = parse(argv, [], ['file']);
  const settings = readSettings(args[0] === undefined ? env : { ...env, CONFIG: args[0] });
  const config = loadInstallation(settings);
  const source = settings.configPath ?? 'the embedded sample ward office';
  io.out(`${source}: ok, ${config.sites.length} site(s)\n`);
  for (const s of config.sites) {
    io.out(`  ${s.id}  ${s.name.ja} / ${s.name.en}: ${s.queues.length} queue(s), ${s.counters.length} counter(s)${s.demo ? ', demo mode' : ''}\n`);
  }
}

/** Runs one command; returns the exit code (0 ok, 1 failed, 2 usage error). */
export async function runAdmin(argv: string[], io: AdminIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.err(USAGE);
    return 2;
  }
  if (name === 'help' || name === '--help' || name === '-h') {
    io.out(USAGE);
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command && name !== 'check-config') {
    io.err(`madoguchi admin: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  let database: SqliteDatabase | undefined;
  try {
    if (!command) {
      checkConfig(rest, io, env);
      return 0;
    }
    const settings = readSettings(env);
    database = openDatabase(settings);
    const auth = new AuthService(new SqliteAuthStore(database), new SystemClock());
    let config: InstallationConfig | undefined;
    const actor = operator();
    const ctx: Context = {
      settings,
      database,
      auth,
      io,
      config: () => (config ??= loadInstallation(settings)),
      audit: (action, target, siteId = null, detail = {}) => {
        auth.audit({ actorKind: 'cli', actorId: actor, action, siteId, target, outcome: 'ok', detail });
        auth.flushAudit();
      },
    };
    await command(ctx, rest);
    return 0;
  } catch (e) {
    const { message, code } = describe(e);
    io.err(`madoguchi admin ${name}: ${message}\n`);
    if (code === 2) io.err(`run "npm run admin -- help" for the usage\n`);
    return code;
  } finally {
    database?.close();
  }
}
