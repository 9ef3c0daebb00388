/**
 * The outbox survives a killed server (docs/adr/0007-turn-alerts.md): messages committed but not
 * yet sent, and a message whose send was in flight, are sent by the next start on the same data
 * — each arriving exactly once at the push service.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLERK } from '../server/src/test-support/fixtures.js';
import { closeFakes, restartOn, Rig, RETRY_DELAYS_MS, startFakes, TIMEOUT_MS, type Fakes } from './support/turn-alert-rig.js';
import { SITE } from './support/server.js';
import { until } from './support/until.js';

let fakes: Fakes;
beforeAll(async () => {
  fakes = await startFakes();
});
afterAll(async () => closeFakes(fakes));

describe('a server killed with alerts to send', () => {
  it('sends them after the restart, each exactly once', async () => {
    const rig = await Rig.start(fakes);
    let dir = '';
    const inFlight = fakes.push.subscribe();
    const queued = fakes.push.subscribe();
    try {
      await rig.open('1');
      const first = await rig.issue();
      await rig.issue();
      const a = await rig.issue('en'); // 2 ahead: near at once, to a push service that does not answer
      await rig.issue();
      const b = await rig.issue('en'); // 4 ahead: near at 3
      fakes.push.fail(inFlight.endpoint, 'hang');
      await rig.alert(a.token, { channel: 'webpush', subscription: inFlight });
      await rig.alert(b.token, { channel: 'webpush', subscription: queued, ahead: 3, minutes: 0 });
      await until(() => fakes.push.held === 1, 'the near push to reach the silent push service');
      // the kill: a call commits b's near, and the process dies before the worker's next turn
      expect(rig.m.engine.callNext(SITE, '1', CLERK)?.id).toBe(first.id);
      dir = rig.crashCopy();
      rig.m.turnAlerts.delivery.close();
    } finally {
      await rig.close();
    }
    expect(fakes.push.received).toEqual([]);
    fakes.push.fail(inFlight.endpoint, null);

    const again = await restartOn(dir, fakes, rig.s.clock.now());
    try {
      const sentTo = (endpoint: string) => fakes.push.received.filter((r) => r.endpoint === endpoint).map((r) => (r.payload as { kind: string }).kind);
      // the start pumps: the message that was never tried goes at once
      await until(() => sentTo(queued.endpoint).length === 1, 'the queued near after the restart');
      await again.m.turnAlerts.delivery.settled();
      expect(sentTo(queued.endpoint)).toEqual(['near']);
      // the one in flight at the kill is leased until its timeout and first retry wait have passed
      expect(sentTo(inFlight.endpoint)).toEqual([]);
      again.clock.advance(TIMEOUT_MS + RETRY_DELAYS_MS[0]);
      again.m.tick();
      await until(() => sentTo(inFlight.endpoint).length === 1, 'the near that was in flight');
      again.clock.advance(3_600_000);
      again.m.tick();
      await again.m.turnAlerts.delivery.settled();
      expect(sentTo(inFlight.endpoint)).toEqual(['near']);
      expect(sentTo(queued.endpoint)).toEqual(['near']);
      const states = again.m.database.connection.prepare('SELECT kind, state FROM turn_alert_deliveries ORDER BY id').all();
      expect(states).toEqual([
        { kind: 'near', state: 'sent' },
        { kind: 'near', state: 'sent' },
      ]);
    } finally {
      await again.close();
    }
  });
});
