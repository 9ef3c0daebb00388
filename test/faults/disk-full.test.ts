/**
 * A full disk under the data directory: the ticket request answers a clear error in the API's
 * error shape (507 STORAGE_FULL), nothing already issued is lost, the database stays intact
 * (`PRAGMA integrity_check`), no number is used up by the refused request, and once space is
 * freed the same running server issues again; a restart finds everything.
 *
 * The small disk is a 4 MB tmpfs mounted over a temporary directory. That needs root (CI runs as
 * root on a machine like the development one); elsewhere the test is skipped and says why.
 */
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/src/adapters/clock/manual-clock.js';
import { createMadoguchi, type Madoguchi } from '../../server/src/server.js';
import { config, MONDAY_10, site } from '../../server/src/test-support/fixtures.js';
import { expectError } from '../support/server.js';
import { freeBytes, newTmpfs, probeTmpfs, removeTmpfs } from './support/tmpfs.js';

const SITE = 'naka';
const SIZE = '4m';

const cannot = probeTmpfs();
if (cannot) console.warn(`disk-full test skipped: ${cannot}`);

let disk: string | undefined;
let m: Madoguchi | undefined;
const paths = () => {
  if (!disk) throw new Error('no disk mounted');
  return { dataDir: join(disk, 'data'), ballast: join(disk, 'ballast') };
};

const start = (): Promise<Madoguchi> =>
  createMadoguchi({ dataDir: paths().dataDir, config: config(site(SITE, { demo: true, issueLimit: { perMinute: 100_000, burst: 100_000 } })), clock: new ManualClock(MONDAY_10), logger: false, printing: false, buttons: false });

describe.skipIf(cannot !== null)(`the data directory on a full disk (${SIZE} tmpfs)`, () => {
  beforeAll(async () => {
    disk = newTmpfs(SIZE, 'madoguchi-full-');
    m = await start();
  });

  afterAll(async () => {
    try {
      await m?.close();
    } finally {
      if (disk) removeTmpfs(disk);
    }
  });

  it('answers 507 STORAGE_FULL, loses and corrupts nothing, and issues again once space is freed', async () => {
    const server = m as Madoguchi;
    const kiosk = server.auth.createDevice(SITE, 'kiosk', 'kiosk-1').token;
    const take = () =>
      server.app.inject({ method: 'POST', url: `/api/v1/sites/${SITE}/tickets`, headers: { authorization: `Bearer ${kiosk}` }, payload: { queue: 'certificates' } });
    const issued: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await take();
      expect(r.statusCode, r.body).toBe(201);
      issued.push((r.json() as { label: string }).label);
    }

    // fill the disk but a few pages: the next WAL frames have nowhere to go
    const free = (): number => freeBytes(paths().dataDir);
    const { dataDir, ballast } = paths();
    writeFileSync(ballast, Buffer.alloc(Math.max(0, free() - 48 * 1024)));
    let refused: Awaited<ReturnType<typeof take>> | undefined;
    for (let i = 0; i < 500 && !refused; i++) {
      const r = await take();
      if (r.statusCode === 201) issued.push((r.json() as { label: string }).label);
      else refused = r;
    }
    expect(refused, `the disk never filled (${free()} bytes free)`).toBeDefined();
    const error = expectError(refused as NonNullable<typeof refused>, 507, 'STORAGE_FULL');
    expect(error.message).toMatch(/disk is full/);
    // a second try while full says the same, and the server is still up for reading
    expectError(await take(), 507, 'STORAGE_FULL');
    const status = await server.app.inject({ method: 'GET', url: `/api/v1/sites/${SITE}/status` });
    expect(status.statusCode).toBe(200);

    // nothing issued is lost, nothing half-written, no number used up by the refusals
    expect(server.engine.ticketsOfToday(SITE).map((t) => t.label)).toEqual(issued);
    expect(server.database.connection.pragma('integrity_check', { simple: true })).toBe('ok');
    const seqs = server.store.events(SITE).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(server.store.siteDay(SITE).seq).toBe(seqs.length);

    // space is freed: the same process issues the next number
    rmSync(ballast);
    const again = await take();
    expect(again.statusCode, again.body).toBe(201);
    const next = (again.json() as { label: string }).label;
    expect(Number(next)).toBe(Number(issued.at(-1)) + 1);
    issued.push(next);

    // and a restart finds every ticket, intact
    await server.close();
    m = await start();
    expect(m.engine.ticketsOfToday(SITE).map((t) => t.label)).toEqual(issued);
    expect(m.database.connection.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(readdirSync(dataDir)).toContain('madoguchi.db');
  });
});
