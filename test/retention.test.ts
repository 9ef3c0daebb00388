/**
 * Retention wired as production runs it: the day rollover of `tick()` (every 30 s in main.ts)
 * starts the housekeeping job, and closing the server stops it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { config, site } from '../server/src/test-support/fixtures.js';
import { startServer, type TestServer } from './support/server.js';
import { until } from './support/until.js';

let s: TestServer | undefined;
afterEach(async () => {
  await s?.close();
});

const CLERK = { kind: 'clerk', id: 'tanaka' } as const;
const KIOSK = { kind: 'device', id: 'kiosk-1' } as const;

describe('retention in the running server', () => {
  it('the rollover of tick() clears the phone tokens of the day that closed; the phone page answers 404 from then on', async () => {
    s = await startServer({ config: { ...config(site('naka', { demo: true }), site('kita')), retention: { days: 7, backups: 3 } } });
    const { engine } = s.m;
    engine.setCounterState('naka', '1', 'open', CLERK, { clerk: 'tanaka' });
    const served = engine.takeTicket('naka', { queue: 'certificates' }, KIOSK);
    engine.callNext('naka', '1', CLERK);
    engine.complete('naka', '1', CLERK);
    const phone = () => s!.app.inject({ method: 'GET', url: `/api/v1/tickets/${served.token}` });
    expect((await phone()).json()).toMatchObject({ state: 'done' });

    s.clock.advance(24 * 60 * 60 * 1000);
    s.m.tick();
    await until(async () => (await phone()).statusCode === 404, 'the token to be cleared after the rollover');
    expect(s.m.database.connection.prepare('SELECT count(*) FROM tickets WHERE token_cleared_at IS NULL').pluck().get()).toBe(0);
  });
});
