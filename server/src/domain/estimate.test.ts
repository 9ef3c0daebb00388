import { describe, it, expect } from 'vitest';
import {
  counterShare,
  estimateWaitMinutes,
  expectedWaitMinutes,
  expectedWaitsByPlace,
  naiveWaitMinutes,
  remainingServiceMinutes,
  serviceTimeModel,
  type ServiceDefaults,
  type ServiceSample,
} from './estimate.js';

const defaults: ServiceDefaults = {
  queueMinutes: (q) => (q === 'cert' ? 5 : 10),
  serviceMinutes: (q, s) => {
    if (q === 'cert' && s === 'juminhyo') return 3;
    if (q === 'cert' && s === 'koseki') return 8;
    return undefined;
  },
};

const sample = (minutes: number, serviceId: string | null = null, queueId = 'cert'): ServiceSample => ({
  queueId,
  serviceId,
  seconds: minutes * 60,
});

describe('serviceTimeModel()', () => {
  it('serviceTimeModel() without samples falls back to the configured queue and service defaults', () => {
    const m = serviceTimeModel([], defaults);
    expect(m.minutes('cert', null)).toBe(5);
    expect(m.minutes('filing', null)).toBe(10);
    expect(m.minutes('cert', 'juminhyo')).toBe(3);
    expect(m.minutes('cert', 'koseki')).toBe(8);
  });

  it('serviceTimeModel() falls back to the queue default for a service without its own default', () => {
    expect(serviceTimeModel([], defaults).minutes('cert', 'unknown')).toBe(5);
  });

  it('serviceTimeModel() moves from the default toward observed samples', () => {
    const one = serviceTimeModel([sample(2)], defaults).minutes('cert', null);
    expect(one).toBeLessThan(5);
    expect(one).toBeGreaterThan(2);
    const many = serviceTimeModel(Array.from({ length: 30 }, () => sample(2)), defaults).minutes('cert', null);
    expect(many).toBeLessThan(one);
    expect(many).toBeLessThan(2.3);
    const lots = serviceTimeModel(Array.from({ length: 200 }, () => sample(2)), defaults).minutes('cert', null);
    expect(lots).toBeCloseTo(2, 2);
  });

  it('serviceTimeModel() weighs recent samples more than old ones (samples are oldest first)', () => {
    const recentSlow = serviceTimeModel([sample(2), sample(2), sample(2), sample(10)], defaults).minutes('cert', null);
    const recentFast = serviceTimeModel([sample(10), sample(2), sample(2), sample(2)], defaults).minutes('cert', null);
    expect(recentSlow).toBeGreaterThan(recentFast);
  });

  it('serviceTimeModel() is not swung by one long service after many short ones', () => {
    const before = serviceTimeModel(Array.from({ length: 40 }, () => sample(2)), defaults).minutes('cert', null);
    const after = serviceTimeModel([...Array.from({ length: 40 }, () => sample(2)), sample(12)], defaults).minutes('cert', null);
    expect(after - before).toBeLessThan(0.6);
  });

  it('serviceTimeModel() keeps separate means per service when samples name their procedure', () => {
    const samples = [
      ...Array.from({ length: 20 }, () => sample(2, 'juminhyo')),
      ...Array.from({ length: 20 }, () => sample(12, 'koseki')),
    ];
    const m = serviceTimeModel(samples, defaults);
    expect(m.minutes('cert', 'juminhyo')).toBeCloseTo(2, 0);
    expect(m.minutes('cert', 'koseki')).toBeCloseTo(12, 0);
    expect(m.minutes('cert', 'koseki')).toBeGreaterThan(m.minutes('cert', 'juminhyo'));
  });

  it('serviceTimeModel() scales an unobserved service default by how the queue runs against its default', () => {
    // the queue runs at twice its 5-minute default; 戸籍 (default 8) has no samples of its own
    const m = serviceTimeModel(Array.from({ length: 40 }, () => sample(10)), defaults);
    expect(m.minutes('cert', null)).toBeCloseTo(10, 0);
    expect(m.minutes('cert', 'koseki')).toBeCloseTo(16, 0);
  });

  it("serviceTimeModel() does not let one queue's samples move another queue's estimate", () => {
    const m = serviceTimeModel(Array.from({ length: 10 }, () => sample(30, null, 'filing')), defaults);
    expect(m.minutes('cert', null)).toBe(5);
    expect(m.minutes('filing', null)).toBeGreaterThan(10);
  });

  it('serviceTimeModel().cv() is 0.6 before there are samples, and follows their spread around each procedure', () => {
    expect(serviceTimeModel([], defaults).cv('cert')).toBe(0.6);
    const steady = Array.from({ length: 40 }, (_, i) => sample(i % 2 ? 3 : 12, i % 2 ? 'juminhyo' : 'koseki'));
    expect(serviceTimeModel(steady, defaults).cv('cert')).toBeLessThan(0.1);
    const spread = Array.from({ length: 40 }, (_, i) => sample(i % 2 ? 1 : 6, 'juminhyo'));
    expect(serviceTimeModel(spread, defaults).cv('cert')).toBeGreaterThan(0.6);
  });
});

describe('remainingServiceMinutes()', () => {
  it('remainingServiceMinutes() is the mean before the service has lasted any time', () => {
    expect(remainingServiceMinutes(10, 0.6, 0)).toBe(10);
  });

  it('remainingServiceMinutes() is the mean less the time served when services never vary', () => {
    expect(remainingServiceMinutes(10, 0, 4)).toBe(6);
    expect(remainingServiceMinutes(10, 0, 14)).toBe(0);
  });

  it('remainingServiceMinutes() expects a long-running service to go on a while, not to end at once', () => {
    const early = remainingServiceMinutes(10, 0.6, 5);
    expect(early).toBeLessThan(10);
    expect(early).toBeGreaterThan(5);
    const late = remainingServiceMinutes(10, 0.6, 25);
    expect(late).toBeGreaterThan(3);
    expect(Number.isFinite(remainingServiceMinutes(10, 0.6, 10_000))).toBe(true);
    expect(remainingServiceMinutes(10, 0.6, 10_000)).toBeGreaterThan(0);
  });
});

describe('estimateWaitMinutes()', () => {
  const free = (n: number, share = 1) => Array.from({ length: n }, () => ({ freeIn: 0, share }));

  it('estimateWaitMinutes() is zero with nobody ahead and a free counter', () => {
    expect(estimateWaitMinutes({ ahead: [], counters: free(2) })).toBe(0);
  });

  it('estimateWaitMinutes() waits for the first counter to come free', () => {
    expect(estimateWaitMinutes({ ahead: [], counters: [{ freeIn: 7, share: 1 }, { freeIn: 3, share: 1 }] })).toBe(3);
    expect(estimateWaitMinutes({ ahead: [4], counters: [{ freeIn: 7, share: 1 }, { freeIn: 3, share: 1 }] })).toBe(7);
  });

  it('estimateWaitMinutes() grows with the work ahead', () => {
    expect(estimateWaitMinutes({ ahead: [5, 5], counters: free(1) })).toBe(10);
    expect(estimateWaitMinutes({ ahead: [5, 5, 5], counters: free(1) })).toBe(15);
    expect(estimateWaitMinutes({ ahead: [5, 5, 12], counters: free(1) })).toBe(22);
  });

  it('estimateWaitMinutes() shrinks as more counters serve the queue', () => {
    const ahead = [5, 5, 5, 5, 5, 5];
    expect(estimateWaitMinutes({ ahead, counters: free(1) })).toBe(30);
    expect(estimateWaitMinutes({ ahead, counters: free(2) })).toBe(15);
    expect(estimateWaitMinutes({ ahead, counters: free(3) })).toBe(10);
  });

  it('estimateWaitMinutes() calls the next ticket at once when a free counter is left over', () => {
    expect(estimateWaitMinutes({ ahead: [20], counters: free(2) })).toBe(0);
  });

  it('estimateWaitMinutes() stretches the work of a counter that gives the queue only a share of its time', () => {
    expect(estimateWaitMinutes({ ahead: [5], counters: free(1, 0.5) })).toBe(10);
    // the second ticket ahead goes to the quarter-share counter, free now, for 20 of its minutes
    expect(estimateWaitMinutes({ ahead: [5, 5, 5], counters: [...free(1), ...free(1, 0.25)] })).toBe(10);
  });

  it('estimateWaitMinutes() stays finite with no counter open', () => {
    const wait = estimateWaitMinutes({ ahead: [5, 5], counters: [] });
    expect(Number.isFinite(wait)).toBe(true);
    expect(wait).toBeGreaterThanOrEqual(10);
  });

  it('estimateWaitMinutes() rounds to whole minutes; expectedWaitMinutes() does not', () => {
    expect(estimateWaitMinutes({ ahead: [3.4], counters: free(1) })).toBe(3);
    expect(estimateWaitMinutes({ ahead: [3.6], counters: free(1) })).toBe(4);
    expect(expectedWaitMinutes({ ahead: [3.6], counters: free(1) })).toBeCloseTo(3.6, 9);
  });
});

describe('naiveWaitMinutes()', () => {
  it('naiveWaitMinutes() is ahead × mean / counters, rounded', () => {
    expect(naiveWaitMinutes(4, 5, 2)).toBe(10);
    expect(naiveWaitMinutes(3, 5, 2)).toBe(8);
    expect(naiveWaitMinutes(0, 5, 2)).toBe(0);
  });

  it('naiveWaitMinutes() treats fewer than one counter as one', () => {
    expect(naiveWaitMinutes(4, 5, 0)).toBe(20);
  });
});

describe('counterShare()', () => {
  it('counterShare() is 0 for a queue the counter does not serve', () => {
    expect(counterShare({ queues: ['cert'] }, 'filing')).toBe(0);
  });

  it('counterShare() is 1 for the only queue of a counter', () => {
    expect(counterShare({ queues: ['cert'] }, 'cert')).toBe(1);
  });

  it('counterShare() splits evenly between the queues of a counter without a primary queue', () => {
    expect(counterShare({ queues: ['cert', 'filing'] }, 'cert')).toBe(0.5);
    expect(counterShare({ queues: ['cert', 'filing', 'nenkin', 'tax'], primaryQueue: null }, 'tax')).toBe(0.25);
  });

  it('counterShare() gives the primary queue full attention and the others a quarter split between them', () => {
    const c = { queues: ['cert', 'filing', 'nenkin'], primaryQueue: 'cert' };
    expect(counterShare(c, 'cert')).toBe(1);
    expect(counterShare(c, 'filing')).toBe(0.125);
    expect(counterShare(c, 'nenkin')).toBe(0.125);
    expect(counterShare({ queues: ['cert', 'filing'], primaryQueue: 'cert' }, 'filing')).toBe(0.25);
  });
});

describe('expectedWaitsByPlace', () => {
  it('gives each place the wait that the line up to it alone gives (one pass for a whole line)', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 50; round++) {
      const ahead = Array.from({ length: Math.floor(random() * 40) }, () => random() * 20 - 1);
      const counters = Array.from({ length: Math.floor(random() * 4) }, () => ({ freeIn: random() * 15 - 2, share: random() < 0.2 ? 0 : random() }));
      const waits = expectedWaitsByPlace({ ahead, counters });
      expect(waits).toHaveLength(ahead.length + 1);
      for (let k = 0; k <= ahead.length; k++) expect(waits[k]).toBe(expectedWaitMinutes({ ahead: ahead.slice(0, k), counters }));
    }
  });
});
