import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SiteSnapshot } from '@madoguchi/shared';
import { config, site } from '../server/src/test-support/fixtures.js';
import { OTHER_SITE, request, SITE, startServer, type TestServer } from './support/server.js';
import { next, Sockets, type Client } from './support/sockets.js';
import { until } from './support/until.js';

const SICK_LEAVE = '田中さん病欠のため';
const PAUSE_NOTE = 'staff meeting about Suzuki';

let t: TestServer;
let url = '';
let printDir: string;
const sockets = new Sockets(() => url);

beforeEach(async () => {
  printDir = mkdtempSync(join(tmpdir(), 'madoguchi-privacy-'));
  const lobby = { id: 'lobby', name: 'lobby', transport: { kind: 'file' as const, path: join(printDir, 'lobby.bin') }, model: 'epson' as const, paperWidthMm: 80 as const, kanji: true };
  t = await startServer({ config: config(site(SITE, { printers: [lobby], defaultPrinter: 'lobby' }), site(OTHER_SITE)) });
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
});

afterEach(async () => {
  sockets.closeAll();
  await t.close();
  rmSync(printDir, { recursive: true, force: true });
});

/** Every payload a socket receives, as JSON, from its first snapshot on. */
function recordAll(s: Client): string[] {
  const seen: string[] = [];
  s.onAny((event: string, payload: unknown) => seen.push(`${event} ${JSON.stringify(payload)}`));
  return seen;
}

describe('the public socket room shows numbers only', () => {
  it('never gives a public socket staff free text, a kiosk’s name or a ticket’s priority and low-counter flags, which staff sockets get', async () => {
    const staff = sockets.open({ token: t.clerk.bearer });
    const display = sockets.open({ token: t.display.token });
    const phone = sockets.open();
    const logs = { staff: recordAll(staff), display: recordAll(display), phone: recordAll(phone) };
    await Promise.all([next(staff, 'site:snapshot'), next(display, 'site:snapshot'), next(phone, 'site:snapshot')]);

    const open = await request(t.app, 'PUT', `/api/v1/sites/${SITE}/counters/1`, { token: t.manager.bearer, body: { state: 'open' } });
    expect(open.statusCode, open.body).toBe(200);
    const issued = await request(t.app, 'POST', `/api/v1/sites/${SITE}/tickets`, { token: t.kiosk.token, body: { queue: 'certificates', priority: true, lowCounter: true } });
    expect(issued.statusCode, issued.body).toBe(201);
    const called = await request(t.app, 'POST', `/api/v1/sites/${SITE}/counters/1/call-next`, { token: t.clerk.bearer, body: {} });
    expect(called.statusCode, called.body).toBe(200);
    const paused = await request(t.app, 'PUT', `/api/v1/sites/${SITE}/counters/2`, { token: t.manager.bearer, body: { state: 'paused', reason: SICK_LEAVE } });
    expect(paused.statusCode, paused.body).toBe(200);
    const issuing = await request(t.app, 'PUT', `/api/v1/sites/${SITE}/issuing`, { token: t.manager.bearer, body: { state: 'paused', queue: 'filings', reason: PAUSE_NOTE } });
    expect(issuing.statusCode, issuing.body).toBe(200);

    const seq = t.m.engine.snapshot(SITE).seq;
    const hasSeq = (log: string[]) => log.some((l) => l.includes(`"seq":${seq},`));
    await until(() => hasSeq(logs.staff) && hasSeq(logs.display) && hasSeq(logs.phone), 'the last event everywhere');
    const resynced = await phone.emitWithAck('site:resync');
    expect(resynced.ok).toBe(true);
    logs.phone.push(`resync ${JSON.stringify(resynced)}`);
    const displayResync = await display.emitWithAck('site:resync');
    logs.display.push(`resync ${JSON.stringify(displayResync)}`);

    // staff see all of it (else this test would prove nothing)
    const staffText = logs.staff.join('\n');
    for (const secret of [SICK_LEAVE, PAUSE_NOTE, '"kiosk":"kiosk 1"', '"priority":true', '"lowCounter":true']) expect(staffText).toContain(secret);
    expect(logs.staff.some((l) => l.startsWith('print:updated'))).toBe(true);

    for (const [who, log] of [['display', logs.display], ['phone', logs.phone]] as const) {
      const text = log.join('\n');
      for (const secret of [SICK_LEAVE, PAUSE_NOTE, 'kiosk 1', '"priority":true']) expect(text, `${who} saw ${secret}`).not.toContain(secret);
      // the numbers still arrive: the call, the counter and the print outcome (the kiosk page reads it)
      expect(log.some((l) => l.startsWith('ticket:called') && l.includes('"label":"1001"'))).toBe(true);
      expect(log.some((l) => l.startsWith('print:updated'))).toBe(true);
    }
    const snapshot = (resynced as { ok: true; data: SiteSnapshot }).data;
    expect(snapshot.counters.find((c) => c.id === '1')?.currentTicket).toMatchObject({ label: '1001', priority: false, lowCounter: false, service: null });
    expect(snapshot.counters.find((c) => c.id === '2')).toMatchObject({ state: 'paused', reason: null, clerk: null });
  });
});
