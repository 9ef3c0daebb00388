/**
 * Issue #13 item 3: one kiosk token took a day's 999 numbers in 4 s. Each kiosk device now has a
 * token bucket on the injected clock (default: bursts of 10, 30 a minute); past it 429
 * RATE_LIMITED with Retry-After, nothing written and no number used, other kiosks unaffected,
 * and the floor manager alerted (device_flood) on the staff socket.
 */
import { describe, expect, it } from 'vitest';
import type { AlertsMessage, Dashboard } from '@madoguchi/shared';
import { expectError, request, serverForEachTest, SITE, type TestServer } from './support/server.js';
import { until } from './support/until.js';

let s: TestServer;
const { sockets } = serverForEachTest((started) => (s = started));

const take = (token: string) => request(s.app, 'POST', `/api/v1/sites/${SITE}/tickets`, { token, body: { queue: 'certificates' } });
const labels = () => s.m.engine.ticketsOfToday(SITE).map((t) => t.label);

describe('the per-kiosk issue limit', () => {
  it('answers 429 with Retry-After after a burst of 10, uses no number, and leaves another kiosk alone', async () => {
    const other = s.m.auth.createDevice(SITE, 'kiosk', 'kiosk 2');
    const answers: number[] = [];
    let refused: Awaited<ReturnType<typeof take>> | undefined;
    for (let i = 0; i < 50; i++) {
      const r = await take(s.kiosk.token);
      answers.push(r.statusCode);
      if (r.statusCode === 429) refused ??= r;
    }
    expect(answers.filter((c) => c === 201)).toHaveLength(10);
    expect(answers.slice(10).every((c) => c === 429)).toBe(true);
    const e = expectError(refused as NonNullable<typeof refused>, 429, 'RATE_LIMITED');
    expect(e.reason).toBe('2'); // one ticket every 2 s at 30 a minute
    expect(refused?.headers['retry-after']).toBe('2');
    // another kiosk takes the very next number: the refusals used none
    const r = await take(other.token);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json<{ label: string }>().label).toBe('1011');
    expect(labels()).toHaveLength(11);
    // the flooding kiosk gets one more ticket once the clock has moved on by the refill time
    s.clock.advance(2_000);
    expect((await take(s.kiosk.token)).json<{ label: string }>().label).toBe('1012');
    expectError(await take(s.kiosk.token), 429, 'RATE_LIMITED');
  });

  it('never refuses an honest kiosk at the door: a ticket every 4 s for 10 minutes, with bursts of 3', async () => {
    let taken = 0;
    for (let second = 0; second < 600; second += 4) {
      const burst = second % 60 === 0 ? 3 : 1;
      for (let i = 0; i < burst; i++) {
        const r = await take(s.kiosk.token);
        expect(r.statusCode, `at ${second} s: ${r.body}`).toBe(201);
        taken += 1;
      }
      s.clock.advance(4_000);
    }
    expect(taken).toBe(170);
  });

  it('staff taking tickets (a manager at the counter) are not limited per device', async () => {
    for (let i = 0; i < 15; i++) expect((await take(s.manager.bearer)).statusCode).toBe(201);
  });

  it('alerts the floor manager once per flood on the staff socket, with the kiosk’s name, and clears after 5 quiet minutes', async () => {
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    const staff: AlertsMessage[] = [];
    const sm = sockets.open({ token: s.manager.bearer });
    sm.on('alerts', (m) => staff.push(m));
    await new Promise<void>((ok) => sm.once('site:snapshot', () => ok()));
    for (let i = 0; i < 20; i++) await take(s.kiosk.token);
    await until(() => staff.some((m) => m.alerts.some((a) => a.kind === 'device_flood')), 'a device_flood alert');
    const flood = staff.flatMap((m) => m.alerts).find((a) => a.kind === 'device_flood');
    expect(flood).toMatchObject({ key: 'device_flood:kiosk 1', device: 'kiosk 1', detail: 'kiosk 1', threshold: 30 });
    const dashboard = (await request(s.app, 'GET', `/api/v1/sites/${SITE}/dashboard`, { token: s.manager.bearer })).json<Dashboard>();
    expect(dashboard.alerts).toEqual([expect.objectContaining({ kind: 'device_flood', device: 'kiosk 1', value: 10 })]);

    s.clock.advanceMinutes(5);
    s.m.tick();
    await until(() => (staff.at(-1)?.alerts ?? [1]).length === 0, 'the alert to clear');
    expect(staff.filter((m) => m.alerts.some((a) => a.kind === 'device_flood'))).toHaveLength(1);
  });
});
