import { afterEach, describe, expect, it } from 'vitest';
import { DomainError } from '@madoguchi/shared';
import { queueOrder } from '../domain/selection.js';
import { CLERK, KIOSK, MANAGER, harness, openCounters, type Harness } from '../test-support/fixtures.js';
import { seededRandom } from '../test-support/random.js';
import { ForecastMemo, SiteForecast } from './forecast.js';

let h: Harness;
afterEach(() => h?.close());

const SITE = 'naka';
const siteDef = () => {
  const s = h.engine.deps.config.sites.find((x) => x.id === SITE);
  if (!s) throw new Error('no site');
  return s;
};
const date = () => h.engine.status(SITE).businessDate;
const forecast = (now?: number, memo: ForecastMemo = h.engine.deps.forecasts) => new SiteForecast({ store: h.store, forecasts: memo }, siteDef(), date(), now);
/** A forecast with a memo of its own (a stranger to the engine's): it starts its history from the log. */
const coldForecast = () => forecast(undefined, new ForecastMemo());

describe('SiteForecast', () => {
  it('sees the same waiting tickets and places as the store after every step of a random day, kept up to date or rebuilt from the log', () => {
    h = harness();
    const rand = seededRandom(8); // the same random day on every run
    const pick = <T,>(xs: readonly T[]): T | undefined => xs[Math.floor(rand() * xs.length)];
    openCounters(h, SITE, ['1', '2', '3', '4']);
    const queues = ['certificates', 'filings'];
    for (let step = 0; step < 300; step++) {
      h.clock.advance(Math.floor(rand() * 90_000));
      const counter = pick(['1', '2', '3', '4']) ?? '1';
      const r = rand();
      try {
        if (r < 0.35) {
          const q = pick(queues) ?? 'certificates';
          h.engine.takeTicket(SITE, { queue: q, service: rand() < 0.5 ? `${q}-short` : null, priority: rand() < 0.15, lowCounter: rand() < 0.2 }, KIOSK);
        } else if (r < 0.55) h.engine.callNext(SITE, counter, CLERK, { confirmNoShow: true });
        else if (r < 0.65) h.engine.start(SITE, counter, CLERK);
        else if (r < 0.75) h.engine.complete(SITE, counter, CLERK);
        else if (r < 0.8) h.engine.transfer(SITE, counter, { queue: pick(queues) ?? 'filings' }, CLERK);
        else if (r < 0.84) h.engine.noShow(SITE, counter, CLERK);
        else if (r < 0.88) {
          const gone = h.engine.ticketsOfToday(SITE).filter((t) => t.state === 'no_show');
          const t = pick(gone);
          if (t) h.engine.reinstate(SITE, t.id, CLERK);
        } else if (r < 0.9) {
          const t = pick(h.engine.ticketsOfToday(SITE).filter((x) => x.state === 'waiting'));
          if (t) h.engine.cancel(SITE, t.id, MANAGER);
        } else if (r < 0.94) h.engine.setCounterState(SITE, counter, rand() < 0.5 ? 'paused' : 'open', CLERK, { reason: '休憩' });
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
      }
      const warm = forecast();
      const cold = coldForecast();
      for (const q of queues) {
        const stored = queueOrder(h.store.waiting(SITE, [q]));
        expect(warm.waiting(q), `step ${step} ${q}`).toBe(stored.length);
        const first = [...h.store.waiting(SITE, [q])].sort((a, b) => a.issueSeq - b.issueSeq)[0];
        expect(warm.oldestIssuedAt(q), `step ${step} ${q}`).toBe(first?.issuedAt ?? null);
        for (const [i, t] of stored.entries()) expect(warm.forTicket(q, t.id).ahead, `step ${step} ticket ${t.id}`).toBe(i);
        expect(cold.forNewTicket(q), `step ${step} ${q}`).toEqual(warm.forNewTicket(q));
      }
    }
  });

  it('estimates as of the latest event when it is not told the time', () => {
    h = harness();
    openCounters(h, SITE, ['1']);
    h.engine.takeTicket(SITE, { queue: 'certificates', service: 'certificates-long' }, KIOSK);
    h.engine.callNext(SITE, '1', CLERK);
    h.engine.start(SITE, '1', CLERK);
    const at = h.clock.now().getTime();
    h.clock.advance(15 * 60_000);
    expect(forecast().forNewTicket('certificates')).toEqual(forecast(at).forNewTicket('certificates'));
  });

  it('expects a counter that has served for a while to be free sooner', () => {
    h = harness();
    openCounters(h, SITE, ['1']);
    h.engine.takeTicket(SITE, { queue: 'certificates', service: 'certificates-long' }, KIOSK);
    h.engine.callNext(SITE, '1', CLERK);
    h.engine.start(SITE, '1', CLERK);
    const fresh = forecast().forNewTicket('certificates').estimatedWaitMinutes;
    const after15 = forecast(h.clock.now().getTime() + 15 * 60_000).forNewTicket('certificates').estimatedWaitMinutes;
    // a 20-minute procedure (the configured default) just begun, and the same 15 minutes later
    expect(fresh).toBe(20);
    expect(after15).toBeLessThan(fresh - 5);
    expect(after15).toBeGreaterThan(0);
  });

  it('counts a paused counter back after a while, and a closed one not at all', () => {
    h = harness();
    openCounters(h, SITE, ['1', '2']);
    for (let i = 0; i < 6; i++) h.engine.takeTicket(SITE, { queue: 'certificates', service: 'certificates-long' }, KIOSK);
    h.engine.setCounterState(SITE, '2', 'paused', CLERK, { reason: '休憩' });
    const paused = forecast().forNewTicket('certificates').estimatedWaitMinutes;
    h.engine.setCounterState(SITE, '2', 'closed', CLERK);
    const closed = forecast().forNewTicket('certificates').estimatedWaitMinutes;
    h.engine.setCounterState(SITE, '2', 'open', CLERK);
    const open = forecast().forNewTicket('certificates').estimatedWaitMinutes;
    expect(open).toBeLessThan(paused);
    expect(paused).toBeLessThan(closed);
  });

  it('rebuilds its history when the log is not the one it saw (a transaction rolled back)', () => {
    h = harness();
    openCounters(h, SITE, ['1']);
    h.engine.takeTicket(SITE, { queue: 'certificates' }, KIOSK);
    expect(() =>
      h.store.transaction(() => {
        h.engine.takeTicket(SITE, { queue: 'certificates' }, KIOSK);
        throw new Error('power cut before the commit');
      }),
    ).toThrow('power cut');
    h.engine.takeTicket(SITE, { queue: 'filings' }, KIOSK);
    const f = forecast();
    expect(f.waiting('certificates')).toBe(h.store.waiting(SITE, ['certificates']).length);
    expect(f.waiting('certificates')).toBe(1);
    expect(f.waiting('filings')).toBe(1);
  });
});
