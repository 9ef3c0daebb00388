/**
 * Start-up settings: the only place that reads the environment. Everything else about an
 * installation lives in its configuration file (config-file.ts) and the database.
 */
import { isAbsolute, resolve } from 'node:path';
import proxyAddr from '@fastify/proxy-addr';
import type { InstallationConfig } from './domain/site.js';
import { loadConfig } from './config-file.js';

export { ConfigError, loadConfig, parseConfig } from './config-file.js';

export interface Settings {
  port: number;
  host: string;
  dataDir: string;
  /** where `npm run admin -- backup` writes and rotates its copies (BACKUP_DIR, default DATA_DIR/backups) */
  backupDir: string;
  /** the configuration file; undefined for the embedded sample ward office */
  configPath: string | undefined;
  logLevel: string;
  /** origins allowed to frame /status/ (FRAME_ANCESTORS, space-separated) */
  frameAncestors: string[];
  /** TRUST_PROXY: false, a number of proxy hops, or the proxies' addresses/CIDRs */
  trustProxy: false | number | string[];
  /** MANUAL_CLOCK=<ISO time>: start on a manual clock the simulator advances (never in production) */
  manualClock: string | undefined;
  /** the in-process printer simulator (embedded sample office): TCP port and web page port, 0 = any free */
  printerSimPort: number;
  printerSimWebPort: number;
  /** turn-near alerts' channels (docs/api.md "Turn-near alerts"): a channel whose settings are missing is not offered */
  turnAlerts: TurnAlertEnv;
}

/** The process settings of turn-near alerts' channels, as read; the senders are built from them. */
export interface TurnAlertEnv {
  /** SMTP_URL, e.g. smtp://relay:25: e-mail is offered with MAIL_FROM */
  smtpUrl: string | undefined;
  mailFrom: string | undefined;
  /** LINE is offered with the secret, the access token and LINE_ADD_URL */
  lineChannelSecret: string | undefined;
  lineChannelAccessToken: string | undefined;
  /** LINE_API_BASE, default LINE's own */
  lineApiBase: string;
  /** LINE_ADD_URL: opens the chat with the official account; the code is appended URL-encoded */
  lineAddUrl: string | undefined;
  /** PUSH_ALLOWED_HOSTS: host[:port] added to the built-in push services */
  pushAllowedHosts: string[];
  /** VAPID_SUBJECT, default mailto: MAIL_FROM, else the public URL */
  vapidSubject: string | undefined;
  /** VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY, both or neither (else generated into DATA_DIR/vapid.json) */
  vapidPublicKey: string | undefined;
  vapidPrivateKey: string | undefined;
}

export class SettingsError extends Error {
  override readonly name = 'SettingsError';
}

function port(v: string | undefined, fallback = 3000, name = 'PORT'): number {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new SettingsError(`${name}: "${v}" is not a port number (0–65535)`);
  return n;
}

/**
 * TRUST_PROXY: unset/false/0 trusts no proxy; a whole number is the count of proxy hops in front
 * (only when the server cannot be reached except through them); a comma-separated list names the
 * proxies' addresses or CIDRs. `true` is refused: it used to trust every hop, so any client could
 * choose its own address for the sign-in limits and the audit log by sending X-Forwarded-For.
 */
function trustProxy(v: string | undefined): false | number | string[] {
  const value = (v ?? '').trim();
  if (value === '' || value === 'false' || value === '0') return false;
  if (value === 'true') {
    throw new SettingsError(
      'TRUST_PROXY: "true" would trust any X-Forwarded-For a client sends; give the number of proxies in front (TRUST_PROXY=1) or their addresses (TRUST_PROXY=127.0.0.1,10.0.0.0/8)',
    );
  }
  if (/^\d+$/.test(value)) {
    const n = Number(value);
    if (n > 10) throw new SettingsError(`TRUST_PROXY: "${value}" proxy hops is not plausible (1–10)`);
    return n;
  }
  const list = value.split(',').map((a) => a.trim()).filter(Boolean);
  for (const a of list) {
    try {
      proxyAddr.compile(a);
    } catch (e) {
      throw new SettingsError(`TRUST_PROXY: "${a}" is neither a number of hops nor a proxy address or CIDR (e.g. 127.0.0.1,10.0.0.0/8): ${(e as Error).message}`);
    }
  }
  return list;
}

function httpUrl(name: string, v: string | undefined, protocols: readonly string[] = ['http:', 'https:']): string | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(v.trim());
  } catch {
    throw new SettingsError(`${name}: "${v}" is not a URL`);
  }
  if (!protocols.includes(url.protocol)) throw new SettingsError(`${name}: "${v}" must be ${protocols.join(' or ')}`);
  return v.trim();
}

function turnAlertEnv(env: NodeJS.ProcessEnv): TurnAlertEnv {
  const text = (v: string | undefined): string | undefined => (v === undefined || v.trim() === '' ? undefined : v.trim());
  const vapidPublicKey = text(env.VAPID_PUBLIC_KEY);
  const vapidPrivateKey = text(env.VAPID_PRIVATE_KEY);
  if ((vapidPublicKey === undefined) !== (vapidPrivateKey === undefined)) {
    throw new SettingsError('VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY: give both or neither (then a key pair is generated into DATA_DIR/vapid.json)');
  }
  const pushAllowedHosts = (env.PUSH_ALLOWED_HOSTS ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
  for (const h of pushAllowedHosts) {
    if (!/^[a-z0-9.-]+(:\d{1,5})?$/.test(h)) throw new SettingsError(`PUSH_ALLOWED_HOSTS: "${h}" is not a host or host:port`);
  }
  return {
    smtpUrl: httpUrl('SMTP_URL', env.SMTP_URL, ['smtp:', 'smtps:']),
    mailFrom: text(env.MAIL_FROM),
    lineChannelSecret: text(env.LINE_CHANNEL_SECRET),
    lineChannelAccessToken: text(env.LINE_CHANNEL_ACCESS_TOKEN),
    lineApiBase: (httpUrl('LINE_API_BASE', env.LINE_API_BASE) ?? 'https://api.line.me').replace(/\/+$/, ''),
    lineAddUrl: httpUrl('LINE_ADD_URL', env.LINE_ADD_URL),
    pushAllowedHosts,
    vapidSubject: text(env.VAPID_SUBJECT),
    vapidPublicKey,
    vapidPrivateKey,
  };
}

export function readSettings(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Settings {
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  const manualClock = env.MANUAL_CLOCK || undefined;
  if (manualClock !== undefined && Number.isNaN(Date.parse(manualClock))) {
    throw new SettingsError(`MANUAL_CLOCK: "${manualClock}" is not an ISO time`);
  }
  const dataDir = abs(env.DATA_DIR || './data');
  return {
    port: port(env.PORT),
    host: env.HOST || '0.0.0.0',
    dataDir,
    backupDir: env.BACKUP_DIR ? abs(env.BACKUP_DIR) : resolve(dataDir, 'backups'),
    configPath: env.CONFIG ? abs(env.CONFIG) : undefined,
    logLevel: env.LOG_LEVEL || 'info',
    frameAncestors: (env.FRAME_ANCESTORS ?? '').split(/\s+/).filter(Boolean),
    trustProxy: trustProxy(env.TRUST_PROXY),
    manualClock,
    printerSimPort: port(env.PRINTER_SIM_PORT, 0, 'PRINTER_SIM_PORT'),
    printerSimWebPort: port(env.PRINTER_SIM_WEB_PORT, 0, 'PRINTER_SIM_WEB_PORT'),
    turnAlerts: turnAlertEnv(env),
  };
}

/**
 * The configuration file, with PUBLIC_URL (the address citizens' phones reach, printed in QR
 * codes) overriding its `publicUrl`; the embedded sample follows PORT.
 */
export function loadInstallation(settings: Settings, env: NodeJS.ProcessEnv = process.env): InstallationConfig {
  const config = loadConfig(settings.configPath);
  const override = env.PUBLIC_URL || (!settings.configPath && settings.port !== 0 ? `http://localhost:${settings.port}` : undefined);
  if (!override) return config;
  let url: URL;
  try {
    url = new URL(override);
  } catch {
    throw new SettingsError(`PUBLIC_URL: "${override}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new SettingsError(`PUBLIC_URL: "${override}" is not http(s)`);
  return { ...config, publicUrl: override.replace(/\/+$/, '') };
}
