import { closeSync, existsSync, fsyncSync, linkSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import webpush from 'web-push';

/** The VAPID key pair the server signs its push requests with (both base64url, as web-push takes them). */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

export const VAPID_FILE = 'vapid.json';

/** A P-256 public key is 65 bytes uncompressed (87 base64url characters), the private key 32 (43). */
const PUBLIC_KEY = /^[A-Za-z0-9_-]{87}$/;
const PRIVATE_KEY = /^[A-Za-z0-9_-]{43}$/;

function checked(keys: Partial<VapidKeys>, where: string): VapidKeys {
  const { publicKey, privateKey } = keys;
  if (typeof publicKey !== 'string' || !PUBLIC_KEY.test(publicKey)) throw new Error(`${where}: the VAPID public key is not a base64url P-256 public key`);
  if (typeof privateKey !== 'string' || !PRIVATE_KEY.test(privateKey)) throw new Error(`${where}: the VAPID private key is not a base64url P-256 private key`);
  return { publicKey, privateKey };
}

/**
 * The VAPID keys: the given ones (VAPID_PUBLIC_KEY + VAPID_PRIVATE_KEY) win; else those kept in
 * DATA_DIR/vapid.json; else a new pair, written there with mode 0600 (the private key lets anyone
 * push to every subscription of this installation). Keeping them matters: browsers bind a
 * subscription to the public key, so new keys would silence every subscription made before.
 * The file is written beside itself and linked into place, so a crash or a second process
 * starting at the same moment never leaves a half-written or a second, different key file.
 */
export function loadVapidKeys(dataDir: string, given: Partial<VapidKeys> = {}): VapidKeys {
  if (given.publicKey !== undefined || given.privateKey !== undefined) return checked(given, 'VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY');
  const file = join(dataDir, VAPID_FILE);
  if (existsSync(file)) return readKeyFile(file);
  const keys = webpush.generateVAPIDKeys();
  const partial = `${file}.${process.pid}.partial`;
  const fd = openSync(partial, 'wx', 0o600);
  try {
    writeSync(fd, `${JSON.stringify({ publicKey: keys.publicKey, privateKey: keys.privateKey }, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(partial, file);
  } catch (err) {
    // another process made the file first: its keys are the installation's
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return readKeyFile(file);
  } finally {
    unlinkSync(partial);
  }
  return keys;
}

function readKeyFile(file: string): VapidKeys {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new Error(`${file} is not valid JSON: restore it from a backup, or delete it to make new keys (existing push subscriptions then stop working)`);
  }
  if (typeof parsed !== 'object' || parsed === null) throw new Error(`${file} holds no VAPID keys`);
  return checked(parsed as Partial<VapidKeys>, file);
}
