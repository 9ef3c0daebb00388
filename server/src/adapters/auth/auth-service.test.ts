import type * as Crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DomainError } from '@madoguchi/shared';
import { ManualClock } from '../clock/manual-clock.js';
import { SqliteAuthStore } from '../sqlite/sqlite-auth-store.js';
import { SqliteDatabase } from '../sqlite/sqlite-database.js';
import { AuthService } from './auth-service.js';
import { DUMMY_HASH, hashPassword } from './passwords.js';

// every scrypt the sign-in runs is counted: the work done, not a timing that a busy machine blurs
const scrypts = vi.hoisted(() => ({ n: 0 }));
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof Crypto>();
  const scrypt = ((...args: Parameters<typeof real.scrypt>) => {
    scrypts.n += 1;
    return real.scrypt(...args);
  }) as typeof real.scrypt;
  return { ...real, default: { ...real, scrypt }, scrypt };
});

const PASSWORD = 'correct-horse-battery';
const ATTACKER = '198.51.100.66';

let database: SqliteDatabase;
let clock: ManualClock;
let auth: AuthService;

beforeEach(async () => {
  database = new SqliteDatabase({ file: ':memory:' });
  clock = new ManualClock('2026-12-07T01:00:00Z');
  auth = new AuthService(new SqliteAuthStore(database), clock);
  await auth.createUser('admin', PASSWORD, 'admin');
});

afterEach(() => database.close());

/** the refusal's code (or 'ok') and how many scrypt runs the attempt cost */
async function attempt(username: string, password: string, address: string): Promise<{ answer: string; scrypts: number }> {
  const before = scrypts.n;
  try {
    await auth.login(username, password, 'bearer', address);
    return { answer: 'ok', scrypts: scrypts.n - before };
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return { answer: `${e.code} ${e.details.reason ?? ''}`.trim(), scrypts: scrypts.n - before };
  }
}

describe('AuthService.login', () => {
  it('the dummy hash of unknown names has the parameters of real hashes', async () => {
    const real = await hashPassword('whatever-password');
    expect(DUMMY_HASH.split('$').slice(0, 4)).toEqual(real.split('$').slice(0, 4));
  });

  it('five wrong passwords from one address do not lock the account: the right one from another address still signs in', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt('admin', `wrong-${i}`, ATTACKER)).answer).toBe('UNAUTHORIZED');
    expect((await attempt('admin', PASSWORD, ATTACKER)).answer).toBe('LOCKED_OUT 30');
    expect((await attempt('admin', PASSWORD, '203.0.113.10')).answer).toBe('ok');
  });

  it('a known and an unknown user name get the same answers for the same work, refused by the backoff or not', async () => {
    const known: Array<{ answer: string; scrypts: number }> = [];
    const unknown: Array<{ answer: string; scrypts: number }> = [];
    for (let i = 0; i < 7; i++) {
      known.push(await attempt('admin', `wrong-${i}`, ATTACKER));
      unknown.push(await attempt('no-such-user', `wrong-${i}`, ATTACKER));
    }
    expect(unknown).toEqual(known);
    // four free tries and the one that starts the wait each cost one scrypt; refusals cost none
    expect(known.map((k) => k.scrypts)).toEqual([1, 1, 1, 1, 1, 0, 0]);
    expect(known.map((k) => k.answer)).toEqual(['UNAUTHORIZED', 'UNAUTHORIZED', 'UNAUTHORIZED', 'UNAUTHORIZED', 'UNAUTHORIZED', 'LOCKED_OUT 30', 'LOCKED_OUT 30']);
  });

  it('a disabled account answers like an unknown one', async () => {
    await auth.createUser('sato', PASSWORD, 'clerk');
    auth.disableUser('sato', 'admin');
    expect(await attempt('sato', PASSWORD, ATTACKER)).toEqual({ answer: 'UNAUTHORIZED', scrypts: 1 });
  });
});
