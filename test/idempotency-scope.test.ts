/**
 * Issue #13 (item 9): an Idempotency-Key belongs to its caller. Two kiosks that happen to send the
 * same key (each counts its taps from 1 after a restart) get a ticket each; the same kiosk sending
 * it again still gets its first ticket back.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request, SITE, startServer, type TestServer } from './support/server.js';

let s: TestServer;
beforeEach(async () => {
  s = await startServer();
});
afterEach(async () => {
  await s?.close();
});

interface Issued {
  id: number;
  label: string;
  token: string;
}

describe('Idempotency-Key scope', () => {
  it('gives two kiosks sending the same key a ticket each, and each its own ticket on a retry', async () => {
    const second = s.m.auth.createDevice(SITE, 'kiosk', 'kiosk 2');
    const take = (token: string) =>
      request(s.app, 'POST', `/api/v1/sites/${SITE}/tickets`, { token, body: { queue: 'certificates' }, headers: { 'idempotency-key': 'tap-0001' } });

    const a = await take(s.kiosk.token);
    const b = await take(second.token);
    expect(a.statusCode, a.body).toBe(201);
    expect(b.statusCode, b.body).toBe(201);
    expect(b.json<Issued>().id).not.toBe(a.json<Issued>().id);
    expect(b.json<Issued>().token).not.toBe(a.json<Issued>().token);

    const againA = await take(s.kiosk.token);
    const againB = await take(second.token);
    expect(againA.json<Issued>().id).toBe(a.json<Issued>().id);
    expect(againB.json<Issued>().id).toBe(b.json<Issued>().id);
    expect(s.m.engine.ticketsOfToday(SITE).map((t) => t.label)).toEqual(['1001', '1002']);
  });

  it('scopes a staff user’s key to that user, apart from a kiosk’s', async () => {
    const take = (token: string) =>
      request(s.app, 'POST', `/api/v1/sites/${SITE}/tickets`, { token, body: { queue: 'certificates' }, headers: { 'idempotency-key': 'k-1' } });
    const kiosk = await take(s.kiosk.token);
    const manager = await take(s.manager.bearer);
    expect(manager.statusCode, manager.body).toBe(201);
    expect(manager.json<Issued>().id).not.toBe(kiosk.json<Issued>().id);
    expect((await take(s.manager.bearer)).json<Issued>().id).toBe(manager.json<Issued>().id);
  });
});
