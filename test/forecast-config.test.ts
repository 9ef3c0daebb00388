/**
 * The forecast's configuration (README "Configuration"): the open data licence at the
 * installation and per site, a queue's assumed daily arrivals before there is data, and what a
 * new office assumes without them (the counters serving the queue × its open minutes ÷ its
 * default service minutes × 0.7).
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../server/src/config-file.js';
import { defaultDailyArrivals, demandContext, licenceOf } from '../server/src/app/demand-use-cases.js';
import type { EngineDeps } from '../server/src/app/context.js';
import { config, counter, queue, site } from '../server/src/test-support/fixtures.js';

const file = (top: string, siteExtra: string, queueExtra: string) => `
${top}
sites:
  - id: naka
    name: { ja: 中, en: Naka }
    ${siteExtra}
    queues:
      - { id: q, name: { ja: q, en: q }, numbering: { first: 1, last: 999 }, schedule: { weekly: { mon: [["08:45", "17:15"]] } }${queueExtra} }
`;

const issues = (text: string): string[] => {
  try {
    parseConfig(text, 'city.yaml');
  } catch (e) {
    if (e instanceof ConfigError) return e.issues.map((i) => `${i.path}: ${i.reason}`);
    throw e;
  }
  return [];
};

describe('forecast settings in the configuration file', () => {
  it('reads the licence at the installation and per site, and a queue’s daily arrivals', () => {
    const c = parseConfig(file('forecast: { licence: 公共データ利用規約 }', 'forecast: { licence: CC BY-SA 4.0 }', ', forecast: { dailyArrivals: 120 }'), 'city.yaml');
    expect(c.forecast).toEqual({ licence: '公共データ利用規約' });
    expect(c.sites[0]?.forecast).toEqual({ licence: 'CC BY-SA 4.0' });
    expect(c.sites[0]?.queues[0]?.forecast).toEqual({ dailyArrivals: 120 });
    const bare = parseConfig(file('', '', ''), 'city.yaml');
    expect(bare.forecast).toBeUndefined();
    expect(bare.sites[0]?.queues[0]?.forecast).toBeUndefined();
  });

  it('refuses a negative daily arrivals, an empty or multi-line licence and unknown keys, naming the path', () => {
    expect(issues(file('', '', ', forecast: { dailyArrivals: -1 }'))).toEqual(['sites[0].queues[0].forecast.dailyArrivals: must be at least 0']);
    expect(issues(file('forecast: { licence: "" }', '', ''))).toEqual(['forecast.licence: must not be empty']);
    expect(issues(file('', 'forecast: { licence: "CC BY\\r\\nSet-Cookie: x" }', ''))).toEqual(['sites[0].forecast.licence: must not hold control characters or line breaks']);
    expect(issues(file('', 'forecast: { licnce: CC0 }', ''))).toEqual(['sites[0].forecast.licnce: unknown property (did you mean "licence"?)']);
  });
});

describe('a new office’s assumptions', () => {
  const deps = (c: ReturnType<typeof config>) => ({ config: c }) as unknown as EngineDeps;

  it('assumes the counters serving a queue busy 70 % of an ordinary open day', () => {
    const s = site('naka');
    // certificates: counters 1 and 2, and half of counter 4 (shared with filings) = 2.5 counters;
    // 08:45–17:15 = 510 minutes; 5 minutes a ticket: 2.5 × 510 ÷ 5 × 0.7 = 178.5
    expect(defaultDailyArrivals(s, s.queues[0] ?? queue('x', 1))).toBe(178.5);
    // filings: counter 3 and half of counter 4 = 1.5: 1.5 × 510 ÷ 5 × 0.7 = 107.1
    expect(defaultDailyArrivals(s, s.queues[1] ?? queue('x', 1))).toBe(107.1);
  });

  it('takes the configured daily arrivals instead, and at least one counter for a queue nobody serves', () => {
    const s = site('naka', {
      queues: [queue('certificates', 1001, { forecast: { dailyArrivals: 42 } }), queue('orphan', 3001, { defaultServiceMinutes: 10 })],
      counters: [counter('1', ['certificates'])],
    });
    const ctx = demandContext(s);
    expect(ctx.queues).toEqual([
      { id: 'certificates', defaultDailyArrivals: 42 },
      { id: 'orphan', defaultDailyArrivals: 35.7 }, // 1 × 510 ÷ 10 × 0.7
    ]);
  });

  it('states CC BY 4.0 unless the installation or the site says otherwise', () => {
    const plain = site('naka');
    const own = site('kita', { forecast: { licence: 'CC0 1.0' } });
    expect(licenceOf(deps(config(plain)), plain)).toBe('CC BY 4.0');
    expect(licenceOf(deps({ ...config(plain, own), forecast: { licence: 'ODbL' } }), plain)).toBe('ODbL');
    expect(licenceOf(deps({ ...config(plain, own), forecast: { licence: 'ODbL' } }), own)).toBe('CC0 1.0');
  });
});
