import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt parameters: N=2^15, r=8, p=1 (about 32 MiB and tens of ms per hash). */
const PARAMS = { N: 32768, r: 8, p: 1 } as const;
const KEYLEN = 32;

function scryptAsync(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keylen, { ...opts, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** "scrypt$N$r$p$salt$hash" with base64url salt and hash */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, KEYLEN, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * What a sign-in for an unknown user name verifies against, so it costs the same one scrypt as a
 * known one. A constant (the hash of a random password thrown away at once) rather than made on
 * first use: making it would cost an unknown name a second scrypt, once, and show. Its
 * parameters must stay those of PARAMS (passwords.test.ts checks).
 */
export const DUMMY_HASH = 'scrypt$32768$8$1$tENp1TxQIqXO2UpN_V3CHw$OaXjc1p3wJkws_-QkTHm4D-PgVH3QVXAuMaMtBuF9TM';

export const MIN_PASSWORD_LENGTH = 10;
