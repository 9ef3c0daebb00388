import { describe, expect, it } from 'vitest';
import type { SiteSnapshot } from '@madoguchi/shared';
import { ManualClock } from '../clock/manual-clock.js';
import { SnapshotCache, type Audience } from './snapshot-cache.js';

const T0 = '2026-04-06T01:00:00Z';

/** A site whose sequence number the test moves; each build is counted. */
function source() {
  const s = {
    seq: 1,
    builds: 0,
    siteSeq: () => s.seq,
    snapshot: (): SiteSnapshot => {
      s.builds += 1;
      return {
        site: { id: 'naka', name: { ja: '中', en: 'Naka' }, demo: false, timeZone: 'Asia/Tokyo' },
        seq: s.seq,
        at: T0,
        businessDate: '2026-04-06',
        issuing: 'open',
        queues: [],
        counters: [{ id: '1', name: { ja: '1', en: '1' }, state: 'paused', availability: 'paused', queues: [], primaryQueue: null, lowCounter: false, currentTicket: null, clerk: 'tanaka', reason: 'sick leave' }],
        recentCalls: [],
        announcements: [],
        printers: [],
      };
    },
  };
  return s;
}

const get = (c: SnapshotCache, audience: Audience = 'public') => new Promise<SiteSnapshot>((resolve) => c.get('naka', audience, resolve));

describe('SnapshotCache', () => {
  it('builds once per sequence number for every audience, the public view without staff details', async () => {
    const src = source();
    const c = new SnapshotCache(src, new ManualClock(T0), { minBuildIntervalMs: 0 });
    const [pub, staff] = await Promise.all([get(c, 'public'), get(c, 'staff'), get(c, 'public')]);
    expect(src.builds).toBe(1);
    expect(staff?.counters[0]).toMatchObject({ clerk: 'tanaka', reason: 'sick leave' });
    expect(pub?.counters[0]).toMatchObject({ clerk: null, reason: null });
    src.seq = 2;
    expect((await get(c)).seq).toBe(2);
    expect(src.builds).toBe(2);
  });

  it('rebuilds a snapshot that is older than maxAgeMs on the injected clock, or from before a clock jump back', async () => {
    const src = source();
    const clock = new ManualClock(T0);
    const c = new SnapshotCache(src, clock, { minBuildIntervalMs: 0, maxAgeMs: 1000 });
    await get(c);
    clock.advance(999);
    await get(c);
    expect(src.builds).toBe(1);
    clock.advance(1);
    await get(c);
    clock.advance(-5000);
    await get(c);
    expect(src.builds).toBe(3);
  });

  it('spaces builds: requests after a change within the interval wait for one shared build, fresh when delivered', async () => {
    const src = source();
    const c = new SnapshotCache(src, new ManualClock(T0), { minBuildIntervalMs: 50 });
    await get(c);
    src.seq = 2;
    const waiting = [get(c), get(c, 'staff'), get(c)];
    src.seq = 3; // another event before the build: the build has it
    const got = await Promise.all(waiting);
    expect(got.map((s) => s.seq)).toEqual([3, 3, 3]);
    expect(src.builds).toBe(2);
    c.close();
  });
});
