/**
 * Issue #13 item 3: once a queue's numbering range is used up for the day, the status said
 * `issuing: open` with a 7,762-minute estimate. It now says `closed` with `closedReason:
 * "numbers_exhausted"` (the four stable `issuing` values stay) and no estimate, everywhere the
 * queue's state is published: the status API, the snapshot, the pushed queue counts and the
 * manager's dashboard; a ticket request answers 409 NUMBERS_EXHAUSTED; the next day opens again.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dashboard, SiteEvent } from '@madoguchi/shared';
import { config, queue, site } from '../server/src/test-support/fixtures.js';
import { expectError, request, SITE, startServer, type TestServer } from './support/server.js';

let s: TestServer;
const events: SiteEvent[] = [];
beforeEach(async () => {
  const small = queue('certificates', 1001, { numbering: { prefix: 'A', first: 1, last: 3, width: 3, wrap: false } });
  s = await startServer({ config: config(site(SITE, { queues: [small, queue('filings', 2001)] })) });
  events.length = 0;
  s.m.bus.subscribe((e) => void events.push(e));
});
afterEach(async () => {
  await s?.close();
});

interface QueueState {
  id: string;
  issuing: string;
  closedReason: string | null;
  estimatedWaitMinutes: number | null;
}
const take = (queueId = 'certificates') => request(s.app, 'POST', `/api/v1/sites/${SITE}/tickets`, { token: s.kiosk.token, body: { queue: queueId } });
const statusOf = async (id: string): Promise<QueueState | undefined> =>
  (await request(s.app, 'GET', `/api/v1/sites/${SITE}/status`)).json<{ queues: QueueState[] }>().queues.find((q) => q.id === id);

describe('a queue whose numbers are used up for the day', () => {
  it('is closed with the reason numbers_exhausted and no estimate in the status API, snapshot, pushes and dashboard', async () => {
    for (const label of ['A001', 'A002']) expect((await take()).json<{ label: string }>().label).toBe(label);
    expect(await statusOf('certificates')).toMatchObject({ issuing: 'open', closedReason: null });
    expect((await take()).json<{ label: string }>().label).toBe('A003');

    const exhausted = { issuing: 'closed', closedReason: 'numbers_exhausted', estimatedWaitMinutes: null };
    expect(await statusOf('certificates')).toMatchObject(exhausted);
    expect(await statusOf('filings')).toMatchObject({ issuing: 'open', closedReason: null });
    expect(s.m.engine.snapshot(SITE).queues.find((q) => q.id === 'certificates')).toMatchObject(exhausted);
    // the last ticket's push carries the new state to kiosks and displays at once
    const pushed = events.filter((e) => e.type === 'ticket:issued').at(-1)?.queues?.find((q) => q.id === 'certificates');
    expect(pushed).toMatchObject(exhausted);
    const dashboard = (await request(s.app, 'GET', `/api/v1/sites/${SITE}/dashboard`, { token: s.manager.bearer })).json<Dashboard>();
    expect(dashboard.queues.find((q) => q.id === 'certificates')).toMatchObject(exhausted);

    expectError(await take(), 409, 'NUMBERS_EXHAUSTED');
    expect((await take('filings')).statusCode).toBe(201);

    // the next business day numbers afresh
    s.clock.advance(24 * 3600_000);
    s.m.tick();
    expect(await statusOf('certificates')).toMatchObject({ issuing: 'open', closedReason: null });
    expect((await take()).json<{ label: string }>().label).toBe('A001');
  });
});
