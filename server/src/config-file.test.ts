import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { ConfigError, ConfigFileSchema, loadConfig, parseConfig } from './config-file.js';
import type { InstallationConfig } from './domain/site.js';
import { SAMPLE_CONFIG_TEXT, TWO_SITE_CONFIG_TEXT } from './sample-office.js';
import { nakaYaml } from './test-support/config-yaml.js';

type Json = Record<string, unknown>;

/** The smallest useful file: one site, two queues, two counters; everything else defaulted. */
function minimal(): Json {
  return {
    sites: [
      {
        id: 'naka',
        name: { ja: '中区役所', en: 'Naka Ward Office' },
        queues: [
          {
            id: 'certificates',
            name: { ja: '証明発行', en: 'Certificates' },
            numbering: { first: 1001, last: 1999 },
            services: [{ id: 'juminhyo', name: { ja: '住民票の写し', en: 'Certificate of residence' } }],
            schedule: { weekly: { mon: [['08:45', '17:15']] } },
          },
          {
            id: 'filings',
            name: { ja: '届出受付', en: 'Filings' },
            numbering: { first: 2001, last: 2999 },
            schedule: { weekly: { mon: [['08:45', '17:15']] } },
          },
        ],
        counters: [
          { id: '1', name: { ja: '1番窓口', en: 'Counter 1' }, queues: ['certificates'] },
          { id: '2', name: { ja: '2番窓口', en: 'Counter 2' }, queues: ['filings', 'certificates'], primaryQueue: 'filings' },
        ],
      },
    ],
  };
}

/** `minimal()` changed by `edit`, as JSON text. */
function variant(edit: (c: { sites: Json[] }) => void): string {
  const c = minimal() as { sites: Json[] };
  edit(c);
  return JSON.stringify(c);
}
const site0 = (c: { sites: Json[] }) => c.sites[0] as Json & { queues: Json[]; counters: Json[] };
const queue = (c: { sites: Json[] }, i: number) => site0(c).queues[i] as Json & { numbering: Json; schedule: Json & { weekly: Json } };

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

/** Asserts one issue with this exact path and a reason containing `reason`, also in the message. */
function expectIssue(err: ConfigError, file: string, path: string, reason: string): void {
  expect(err.issues).toContainEqual({ path, reason: expect.stringContaining(reason) });
  expect(err.message).toContain(`${file}: ${path}: `);
}

describe('the embedded sample office', () => {
  const config = loadConfig(undefined);
  const naka = config.sites[0];

  it('parses through the same validation as a file, with defaults applied', () => {
    expect(parseConfig(SAMPLE_CONFIG_TEXT, 'sample.yaml')).toEqual(config);
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.sites.map((s) => s.id)).toEqual(['naka']);
  });

  it('is the Naka ward office in demo mode with three queues and ten counters', () => {
    expect(naka).toMatchObject({
      id: 'naka',
      name: { ja: '中区役所', en: 'Naka Ward Office' },
      kind: 'ward-office',
      timeZone: 'Asia/Tokyo',
      demo: true,
    });
    expect(naka?.queues.map((q) => [q.id, q.numbering.first, q.numbering.last, q.numbering.width])).toEqual([
      ['certificates', 1001, 1999, 4],
      ['filings', 2001, 2999, 4],
      ['insurance', 3001, 3999, 4],
    ]);
    expect(naka?.counters.map((c) => c.id)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(naka?.counters.filter((c) => c.lowCounter).map((c) => c.id)).toEqual(['6', '7', '10']);
    expect(naka?.counters[7]).toEqual({
      id: '8',
      name: { ja: '8番窓口', en: 'Counter 8' },
      queues: ['filings', 'certificates'],
      primaryQueue: 'filings',
      lowCounter: false,
    });
  });

  it('opens certificates late on Friday and certificates and filings on moving-season Sundays', () => {
    const [certificates, filings, insurance] = naka?.queues ?? [];
    expect(certificates?.schedule.weekly.fri).toEqual([['08:45', '19:00']]);
    expect(certificates?.schedule.weekly.mon).toEqual([['08:45', '17:15']]);
    expect(filings?.schedule.weekly.fri).toEqual([['08:45', '17:15']]);
    expect(certificates?.schedule.weekly.sat).toBeUndefined();
    const sunday = { from: '03-20', to: '04-10', weekdays: ['sun'], hours: [['09:00', '12:00']], overridesClosed: true };
    expect(certificates?.schedule.extended).toEqual([sunday]);
    expect(filings?.schedule.extended).toEqual([sunday]);
    expect(insurance?.schedule.extended).toEqual([]);
    expect(naka?.queues.map((q) => q.schedule.cutoffMinutes)).toEqual([15, 15, 15]);
  });

  it('lists the services with their default minutes, inheriting the queue default when absent', () => {
    const minutes = (i: number) => Object.fromEntries(naka?.queues[i]?.services.map((s) => [s.id, s.defaultServiceMinutes]) ?? []);
    expect(minutes(0)).toEqual({ juminhyo: 4, inkan: 4, koseki: 6, tax: 5 });
    expect(minutes(1)).toEqual({ 'move-in': 25, 'move-out': 15, 'change-of-address': 15, marriage: 20, birth: 20 });
    expect(minutes(2)).toEqual({ kokuho: 15, nenkin: 15 });
  });

  it('is frozen, so no part of the program can change the configuration of another', () => {
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(naka?.queues[0]?.schedule.weekly.mon?.[0])).toBe(true);
  });
});

describe('the two-site configuration', () => {
  const config = parseConfig(TWO_SITE_CONFIG_TEXT, 'two-sites.yaml');

  it('has the ward office and its branch, both following their schedules', () => {
    expect(config.sites.map((s) => [s.id, s.kind, s.demo])).toEqual([
      ['naka', 'ward-office', false],
      ['naka-branch', 'branch', false],
    ]);
  });

  it('gives the branch fewer queues, numbered like the ward office, and two counters', () => {
    const branch = config.sites[1];
    expect(branch?.queues.map((q) => [q.id, q.numbering.first])).toEqual([
      ['certificates', 1001],
      ['insurance', 3001],
    ]);
    expect(branch?.counters).toHaveLength(2);
    expect(config.sites[0]?.queues.map((q) => q.id)).toEqual(['certificates', 'filings', 'insurance']);
    expect(config.sites[0]?.counters).toHaveLength(10);
  });
});

describe('file formats', () => {
  it('reads the same configuration from JSON, YAML and .yml', () => {
    const fromJson = parseConfig(JSON.stringify(minimal()), 'madoguchi.json');
    expect(parseConfig(toYaml(minimal()), 'madoguchi.yaml')).toEqual(fromJson);
    expect(parseConfig(toYaml(minimal()), 'MADOGUCHI.YML')).toEqual(fromJson);
    expect(fromJson.sites[0]?.queues.map((q) => q.id)).toEqual(['certificates', 'filings']);
  });

  it('round-trips a parsed configuration through JSON unchanged', () => {
    const sample = loadConfig(undefined);
    expect(parseConfig(JSON.stringify(sample), 'sample.json')).toEqual(sample);
  });

  it('accepts a byte-order mark, YAML anchors and merge keys, and ignores top-level x- keys and $schema', () => {
    const yaml = nakaYaml({
      header: `\uFEFF$schema: ./madoguchi.schema.json
x-hours: &hours
  mon: [["08:45", "17:15"]]
`,
      schedule: '{ weekly: { <<: *hours, fri: [["08:45", "19:00"]] } }',
    });
    const config = parseConfig(yaml, 'city.yaml');
    expect(config.sites[0]?.queues[0]?.schedule.weekly).toEqual({ mon: [['08:45', '17:15']], fri: [['08:45', '19:00']] });
  });

  it('treats an empty YAML value as absent, so its default applies', () => {
    const yaml = toYaml(minimal()).replace(/^(\s+)services:\n(?:\1 .*\n)+/m, '$1services:\n');
    expect(yaml).toMatch(/services:\n/);
    expect(parseConfig(yaml, 'x.yaml').sites[0]?.queues[0]?.services).toEqual([]);
  });

  it('loads a file from disk and reports a file that cannot be read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'madoguchi-config-'));
    try {
      const file = join(dir, 'madoguchi.yaml');
      writeFileSync(file, toYaml(minimal()));
      expect(loadConfig(file).sites[0]?.id).toBe('naka');
      const missing = configError(() => loadConfig(join(dir, 'missing.yaml')));
      expect(missing.message).toBe(`${join(dir, 'missing.yaml')}: cannot read the file (ENOENT)`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('parses the example city file shipped in server/config', () => {
    const config = loadConfig(fileURLToPath(new URL('../config/sample-city.yaml', import.meta.url)));
    expect(config.sites.map((s) => s.kind)).toEqual(['ward-office', 'branch', 'service-center']);
    expect(config.sites.map((s) => s.issueLimit)).toEqual([{ perMinute: 30, burst: 10 }, { perMinute: 30, burst: 10 }, { perMinute: 30, burst: 10 }]);
    expect(config.publicUrl).toBe('https://madoguchi.example-city.lg.jp');
    const naka = config.sites[0];
    expect(naka?.printers.map((p) => p.transport.kind)).toEqual(['tcp', 'usb']);
    expect(naka?.defaultPrinter).toBe('lobby-1f');
    expect(naka?.kiosks.map((k) => [k.device, k.printer])).toEqual([['kiosk-1f-door', 'lobby-1f'], ['kiosk-2f', 'lobby-2f']]);
    expect(naka?.displays).toEqual([{ device: 'display-1f', queues: ['certificates', 'filings'] }, { device: 'display-2f', counters: ['6'] }]);
    expect(naka?.buttons.map((b) => [b.vendorId, b.productId, b.serial ?? b.path, b.counter])).toEqual([
      [0x0c45, 0x7403, 'BTN-0001', '1'],
      [0x0c45, 0x7403, '1-1.2', '3'],
    ]);
  });

  it('the example city file names every option of the schema, so it can say it "shows every option"', () => {
    const text = readFileSync(fileURLToPath(new URL('../config/sample-city.yaml', import.meta.url)), 'utf8');
    // every property name reachable in the schema (objects, arrays, unions, records' values)
    const names = new Set<string>();
    const walk = (schema: unknown): void => {
      if (typeof schema !== 'object' || schema === null) return;
      const s = schema as { properties?: Record<string, unknown>; items?: unknown; anyOf?: unknown[]; patternProperties?: Record<string, unknown> };
      for (const [name, sub] of Object.entries(s.properties ?? {})) {
        names.add(name);
        walk(sub);
      }
      walk(s.items);
      for (const sub of s.anyOf ?? []) walk(sub);
      for (const sub of Object.values(s.patternProperties ?? {})) walk(sub);
    };
    walk(ConfigFileSchema);
    const escape = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const missing = [...names].filter((name) => !new RegExp(`(^|[\\s{,])"?${escape(name)}"?:`, 'm').test(text));
    expect(missing).toEqual([]);
  });

  it('reads the issue limit per site and per kiosk, and refuses a limit of 0', () => {
    const file = (limit: string, kiosk = '') => `
sites:
  - id: naka
    name: { ja: 中, en: Naka }
    ${limit}
    printers: [{ id: lobby, name: lobby, transport: { kind: file, path: /dev/null } }]
    kiosks: [{ device: door, printer: lobby${kiosk} }]
    queues: [{ id: q, name: { ja: q, en: q }, numbering: { first: 1, last: 999 }, schedule: { weekly: { mon: [["08:45", "17:15"]] } } }]
`;
    const c = parseConfig(file('issueLimit: { perMinute: 60 }', ', issueLimit: { perMinute: 120, burst: 20 }'), 'city.yaml');
    expect(c.sites[0]?.issueLimit).toEqual({ perMinute: 60, burst: 10 });
    expect(c.sites[0]?.kiosks[0]?.issueLimit).toEqual({ perMinute: 120, burst: 20 });
    expect(parseConfig(file(''), 'city.yaml').sites[0]?.issueLimit).toEqual({ perMinute: 30, burst: 10 });
    expect(configError(() => parseConfig(file('issueLimit: { perMinute: 0 }'), 'city.yaml')).message).toMatch(/issueLimit\.perMinute/);
  });

  it('reports syntax errors, empty files and unknown extensions with the file name', () => {
    expect(configError(() => parseConfig('{"sites": [}', 'city.json')).message).toMatch(/^city\.json: not valid JSON: /);
    const yaml = configError(() => parseConfig('sites:\n  - id: a\n  - id: b\n id: c\n', 'city.yaml'));
    expect(yaml.message).toMatch(/^city\.yaml: not valid YAML: .*line 4/);
    expect(configError(() => parseConfig('a: 1\na: 2\n', 'dup.yaml')).message).toMatch(/^dup\.yaml: not valid YAML: Map keys must be unique/);
    expect(configError(() => parseConfig('# nothing yet\n', 'empty.yaml')).message).toBe('empty.yaml: the file is empty');
    expect(configError(() => parseConfig('[]', 'list.json')).message).toBe('list.json: expected object, got an array');
    expect(configError(() => parseConfig('{}', 'city.toml')).message).toBe(
      'city.toml: unknown file type ".toml": use .json, .yaml or .yml',
    );
  });
});

describe('defaults', () => {
  const config: InstallationConfig = parseConfig(JSON.stringify(minimal()), 'minimal.json');
  const site = config.sites[0];
  const certificates = site?.queues[0];

  it('fill in the installation and the site', () => {
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.retention).toEqual({ days: 400, backups: 14 });
    expect(site).toMatchObject({ kind: 'ward-office', timeZone: 'Asia/Tokyo', demo: false, closedDays: [], specialOpenings: [] });
  });

  it('fill in a queue, its numbering, schedule and alerts', () => {
    expect(certificates?.numbering).toEqual({ prefix: '', first: 1001, last: 1999, width: 4, wrap: false });
    expect(certificates?.schedule).toEqual({
      weekly: { mon: [['08:45', '17:15']] },
      extended: [],
      specialOpenings: [],
      closedDays: [],
      nationalHolidays: true,
      cutoffMinutes: 0,
    });
    expect(certificates).toMatchObject({
      defaultServiceMinutes: 5,
      transferPlacement: 'issue-time',
      priorityStreak: 3,
      recallsBeforeNoShow: 2,
      autoCompleteOnNext: false,
      alerts: { waitMinutes: 60, waiting: 30 },
    });
    expect(site?.queues[1]?.services).toEqual([]);
  });

  it('fill in a counter and a service, and leave primaryQueue absent when not given', () => {
    expect(site?.counters[0]).toEqual({ id: '1', name: { ja: '1番窓口', en: 'Counter 1' }, queues: ['certificates'], lowCounter: false });
    expect(certificates?.services[0]?.defaultServiceMinutes).toBe(5);
  });

  it('keep values that are given, including a partial alerts object', () => {
    const text = variant((c) => {
      Object.assign(queue(c, 0), { transferPlacement: 'front', alerts: { waiting: 10 }, defaultServiceMinutes: 7 });
      Object.assign(queue(c, 0).numbering, { prefix: 'A-', width: 5, wrap: true });
      Object.assign(c, { publicUrl: 'https://ward.example.jp/madoguchi/' });
    });
    const changed = parseConfig(text, 'x.json');
    const q = changed.sites[0]?.queues[0];
    expect(q?.numbering).toEqual({ prefix: 'A-', first: 1001, last: 1999, width: 5, wrap: true });
    expect(q?.alerts).toEqual({ waitMinutes: 60, waiting: 10 });
    expect(q?.transferPlacement).toBe('front');
    expect(q?.services[0]?.defaultServiceMinutes).toBe(7);
    expect(changed.publicUrl).toBe('https://ward.example.jp/madoguchi');
  });
});

describe('retention', () => {
  it('takes a period in days and a number of backups, each within bounds', () => {
    const c = (retention: Json) => JSON.stringify({ ...minimal(), retention });
    expect(parseConfig(c({ days: 30, backups: 7 }), 'r.json').retention).toEqual({ days: 30, backups: 7 });
    expect(parseConfig(c({ backups: 30 }), 'r.json').retention).toEqual({ days: 400, backups: 30 });
    expectIssue(configError(() => parseConfig(c({ days: 3 }), 'r.json')), 'r.json', 'retention.days', 'at least 7');
    expectIssue(configError(() => parseConfig(c({ backups: 0 }), 'r.json')), 'r.json', 'retention.backups', 'at least 1');
    expectIssue(configError(() => parseConfig(c({ days: 30, keep: 1 }), 'r.json')), 'r.json', 'retention.keep', '');
  });
});

describe('schema errors', () => {
  const parse = (edit: (c: { sites: Json[] }) => void) => configError(() => parseConfig(variant(edit), 'config.json'));

  it('rejects wrong types instead of coercing them', () => {
    const err = parse((c) => {
      queue(c, 0).numbering.first = '1001';
      site0(c).demo = 'true';
      queue(c, 1).schedule.cutoffMinutes = '15';
      queue(c, 1).numbering.wrap = 1;
    });
    expectIssue(err, 'config.json', 'sites[0].queues[0].numbering.first', 'expected integer, got string "1001"');
    expectIssue(err, 'config.json', 'sites[0].demo', 'expected boolean, got string "true"');
    expectIssue(err, 'config.json', 'sites[0].queues[1].schedule.cutoffMinutes', 'expected integer');
    expectIssue(err, 'config.json', 'sites[0].queues[1].numbering.wrap', 'expected boolean, got number 1');
    expect(err.issues).toHaveLength(4);
  });

  it('rejects fractional numbers where whole numbers are needed', () => {
    expectIssue(parse((c) => (queue(c, 0).numbering.last = 1999.5)), 'config.json', 'sites[0].queues[0].numbering.last', 'expected integer');
  });

  it('names a missing required field, including each required language of a name', () => {
    const err = parse((c) => {
      site0(c).name = { ja: '中区役所' };
      delete queue(c, 1).numbering.last;
      Reflect.deleteProperty(queue(c, 1), 'schedule');
    });
    expectIssue(err, 'config.json', 'sites[0].name.en', 'is required');
    expectIssue(err, 'config.json', 'sites[0].queues[1].numbering.last', 'is required');
    expectIssue(err, 'config.json', 'sites[0].queues[1].schedule', 'is required');
  });

  it('rejects unknown properties and languages, suggesting the likely one', () => {
    const err = parse((c) => {
      (site0(c).counters[1] as Json).primaryqueue = 'filings';
      queue(c, 0).numbering.wdith = 4;
      site0(c).name = { ja: '中区役所', en: 'Naka', fr: 'Naka' };
    });
    expectIssue(err, 'config.json', 'sites[0].counters[1].primaryqueue', 'unknown property (did you mean "primaryQueue"?)');
    expectIssue(err, 'config.json', 'sites[0].queues[0].numbering.wdith', 'unknown property (did you mean "width"?)');
    expect(err.issues).toContainEqual({ path: 'sites[0].name.fr', reason: 'unknown property' });
  });

  it('accepts the optional languages, with a quoted path for ja-easy when it is wrong', () => {
    const ok = parseConfig(variant((c) => (site0(c).name = { ja: '中区役所', en: 'Naka', 'ja-easy': 'なかくやくしょ', zh: '中区政府', ko: '나카구청', pt: 'Naka', vi: 'Naka' })), 'x.json');
    expect(ok.sites[0]?.name['ja-easy']).toBe('なかくやくしょ');
    const err = parse((c) => (site0(c).name = { ja: '中区役所', en: 'Naka', 'ja-easy': '' }));
    expectIssue(err, 'config.json', 'sites[0].name["ja-easy"]', 'must not be empty');
  });

  it('rejects ids that are not lowercase slugs', () => {
    const err = parse((c) => {
      site0(c).id = 'Naka';
      queue(c, 1).id = '届出';
    });
    expectIssue(err, 'config.json', 'sites[0].id', 'must be a lowercase id');
    expectIssue(err, 'config.json', 'sites[0].queues[1].id', 'must be a lowercase id');
    expectIssue(parse((c) => (site0(c).id = 'x'.repeat(33))), 'config.json', 'sites[0].id', 'at most 32 characters');
  });

  it('rejects malformed times, dates, weekdays and enums', () => {
    const err = parse((c) => {
      queue(c, 0).schedule.weekly = { mon: [['8:45', '17:15']], tue: [['08:45', '24:30']], fri: ['08:45', '17:15'], sat: [['09:00']] };
      queue(c, 0).schedule.closedDays = ['2026/01/05'];
      queue(c, 0).schedule.extended = [{ from: '03-20', to: '04-10', weekdays: ['sunday'], hours: [['09:00', '12:00']] }];
      site0(c).kind = 'city-hall';
      queue(c, 1).transferPlacement = 'back';
    });
    expectIssue(err, 'config.json', 'sites[0].queues[0].schedule.weekly.mon[0][0]', 'must be a time "HH:MM"');
    expectIssue(err, 'config.json', 'sites[0].queues[0].schedule.weekly.tue[0][1]', 'must be a time "HH:MM"');
    expectIssue(err, 'config.json', 'sites[0].queues[0].schedule.weekly.fri[0]', 'must be a pair of times');
    expectIssue(err, 'config.json', 'sites[0].queues[0].schedule.weekly.sat[0]', 'must be a pair of times');
    expectIssue(err, 'config.json', 'sites[0].queues[0].schedule.closedDays[0]', 'must be a date "YYYY-MM-DD"');
    expectIssue(err, 'config.json', 'sites[0].queues[0].schedule.extended[0].weekdays[0]', 'must be one of "sun", "mon"');
    expectIssue(err, 'config.json', 'sites[0].kind', 'must be one of "ward-office", "branch", "service-center", got string "city-hall"');
    expectIssue(err, 'config.json', 'sites[0].queues[1].transferPlacement', 'must be one of "issue-time", "front"');
  });

  it('accepts 24:00 as a closing time and midnight as an opening time', () => {
    const text = variant((c) => (queue(c, 0).schedule.weekly = { sat: [['00:00', '24:00']] }));
    expect(parseConfig(text, 'x.json').sites[0]?.queues[0]?.schedule.weekly.sat).toEqual([['00:00', '24:00']]);
  });

  it('requires at least one site, and a queue in each site', () => {
    expectIssue(configError(() => parseConfig('{"sites": []}', 'config.json')), 'config.json', 'sites', 'must have at least 1 item');
    expectIssue(configError(() => parseConfig('{}', 'config.json')), 'config.json', 'sites', 'is required');
    expectIssue(parse((c) => (site0(c).queues = [])), 'config.json', 'sites[0].queues', 'must have at least 1 item');
  });

  it('rejects out-of-range numbers', () => {
    const err = parse((c) => {
      queue(c, 0).priorityStreak = 0;
      queue(c, 0).numbering.width = 12;
      queue(c, 1).defaultServiceMinutes = 0;
      queue(c, 1).numbering.first = -1;
    });
    expectIssue(err, 'config.json', 'sites[0].queues[0].priorityStreak', 'must be at least 1');
    expectIssue(err, 'config.json', 'sites[0].queues[0].numbering.width', 'must be at most 9');
    expectIssue(err, 'config.json', 'sites[0].queues[1].defaultServiceMinutes', 'must be greater than 0');
    expectIssue(err, 'config.json', 'sites[0].queues[1].numbering.first', 'must be at least 0');
  });

  it('reports every problem at once, one line each, beyond TypeBox’s default of eight', () => {
    const err = parse((c) => {
      for (const q of [queue(c, 0), queue(c, 1)]) {
        Object.assign(q, { priorityStreak: 'a', recallsBeforeNoShow: 'b', autoCompleteOnNext: 'c', defaultServiceMinutes: 'd' });
        Object.assign(q.numbering, { first: 'e', last: 'f', width: 'g', wrap: 'h' });
      }
    });
    expect(err.issues).toHaveLength(16);
    expect(err.message.split('\n')).toHaveLength(16);
    expect(err.message.split('\n').every((line) => line.startsWith('config.json: sites[0].queues['))).toBe(true);
  });

  it('rejects a __proto__ key instead of letting it change the object', () => {
    const text = JSON.stringify(minimal()).replace('"sites"', '"__proto__":{"publicUrl":"https://evil.example"},"sites"');
    expectIssue(configError(() => parseConfig(text, 'config.json')), 'config.json', '__proto__', 'unknown property');
  });
});

describe('cross-reference and semantic errors', () => {
  const parse = (edit: (c: { sites: Json[] }) => void, file = 'config.json') =>
    configError(() => parseConfig(variant(edit), file));

  it('reports a counter queue that the site does not have', () => {
    const err = parse((c) => ((site0(c).counters[1] as Json).queues = ['filing', 'certificates']));
    expectIssue(err, 'config.json', 'sites[0].counters[1].queues[0]', 'unknown queue "filing"');
    expect(err.message).toContain('config.json: sites[0].counters[1].queues[0]: unknown queue "filing"');
  });

  it('reports the same message for a YAML file, naming that file', () => {
    const c = minimal() as { sites: Json[] };
    (site0(c).counters[0] as Json).queues = ['filing'];
    const err = configError(() => parseConfig(toYaml(c), 'config.yaml'));
    expect(err.message).toBe('config.yaml: sites[0].counters[0].queues[0]: unknown queue "filing" in site "naka"');
    expect(err.file).toBe('config.yaml');
  });

  it('reports a queue of another site as unknown: counters serve their own site only', () => {
    const err = parse((c) => {
      const other = structuredClone(site0(c));
      other.id = 'branch';
      other.queues = other.queues.slice(1);
      other.counters = [{ id: '1', name: { ja: '1', en: '1' }, queues: ['certificates'] }];
      c.sites.push(other);
    });
    expect(err.issues).toEqual([{ path: 'sites[1].counters[0].queues[0]', reason: 'unknown queue "certificates" in site "branch"' }]);
  });

  it('reports a queue listed twice by a counter', () => {
    const err = parse((c) => ((site0(c).counters[0] as Json).queues = ['certificates', 'certificates']));
    expectIssue(err, 'config.json', 'sites[0].counters[0].queues[1]', 'listed twice');
  });

  it('reports a primary queue that is not one of the counter’s queues', () => {
    const err = parse((c) => Object.assign(site0(c).counters[0] as Json, { primaryQueue: 'filings' }));
    expectIssue(err, 'config.json', 'sites[0].counters[0].primaryQueue', '"filings" is not one of this counter\'s queues');
  });

  it('reports duplicate ids of sites, queues, services and counters', () => {
    const err = parse((c) => {
      queue(c, 1).id = 'certificates';
      (queue(c, 0).services as Json[]).push({ id: 'juminhyo', name: { ja: 'x', en: 'x' } });
      (site0(c).counters[1] as Json).id = '1';
      c.sites.push(structuredClone(site0(c)));
    });
    expectIssue(err, 'config.json', 'sites[1].id', 'duplicate site id "naka" (first at sites[0])');
    expectIssue(err, 'config.json', 'sites[0].queues[1].id', 'duplicate queue id "certificates" (first at sites[0].queues[0])');
    expectIssue(err, 'config.json', 'sites[0].queues[0].services[1].id', 'duplicate service id "juminhyo"');
    expectIssue(err, 'config.json', 'sites[0].counters[1].id', 'duplicate counter id "1"');
  });

  it('allows the same queue, service and counter ids in different sites', () => {
    const text = variant((c) => c.sites.push({ ...structuredClone(site0(c)), id: 'naka-branch', kind: 'branch' }));
    expect(parseConfig(text, 'x.json').sites.map((s) => s.queues.map((q) => q.id))).toEqual([
      ['certificates', 'filings'],
      ['certificates', 'filings'],
    ]);
  });

  it('reports numbering whose first number is above its last', () => {
    const err = parse((c) => Object.assign(queue(c, 0).numbering, { first: 1999, last: 1001 }));
    expectIssue(err, 'config.json', 'sites[0].queues[0].numbering.first', 'first (1999) is greater than last (1001)');
  });

  it('reports a width too narrow for the last number', () => {
    const err = parse((c) => Object.assign(queue(c, 0).numbering, { first: 1, last: 1000, width: 3 }));
    expectIssue(err, 'config.json', 'sites[0].queues[0].numbering.width', '3 digits cannot show the last number 1000');
  });

  it('reports overlapping number ranges of queues with the same prefix in one site', () => {
    const err = parse((c) => Object.assign(queue(c, 1).numbering, { first: 1900, last: 2999 }));
    expectIssue(err, 'config.json', 'sites[0].queues[1].numbering', 'overlap those of queue "certificates" (1001–1999');
  });

  it('allows overlapping ranges when the prefixes differ', () => {
    const text = variant((c) => Object.assign(queue(c, 1).numbering, { prefix: 'B-', first: 1001, last: 1999 }));
    expect(parseConfig(text, 'x.json').sites[0]?.queues[1]?.numbering.prefix).toBe('B-');
  });

  it('reports opening hours that do not open before they close, wherever they are', () => {
    const err = parse((c) => {
      queue(c, 0).schedule.weekly = { mon: [['08:45', '12:00'], ['17:15', '13:00']] };
      queue(c, 0).schedule.extended = [{ from: '03-20', to: '04-10', hours: [['12:00', '12:00']] }];
      queue(c, 1).schedule.specialOpenings = [{ date: '2026-03-29', hours: [['12:00', '09:00']] }];
      site0(c).specialOpenings = [{ date: '2026-03-29', hours: [['24:00', '24:00']] }];
    });
    expectIssue(err, 'config.json', 'sites[0].queues[0].schedule.weekly.mon[1]', 'opens at 17:15, which is not before it closes at 13:00');
    expectIssue(err, 'config.json', 'sites[0].queues[0].schedule.extended[0].hours[0]', 'opens at 12:00');
    expectIssue(err, 'config.json', 'sites[0].queues[1].schedule.specialOpenings[0].hours[0]', 'opens at 12:00');
    expectIssue(err, 'config.json', 'sites[0].specialOpenings[0].hours[0]', 'opens at 24:00');
  });

  it('reports an unknown time zone', () => {
    const err = parse((c) => (site0(c).timeZone = 'Asia/Tokio'));
    expectIssue(err, 'config.json', 'sites[0].timeZone', 'unknown time zone "Asia/Tokio"');
  });

  it('reports dates that are not on the calendar, and accepts 29 February in a recurring range', () => {
    const err = parse((c) => {
      site0(c).closedDays = ['2026-02-29'];
      queue(c, 0).schedule.extended = [{ from: '02-30', to: '03-01', hours: [['09:00', '12:00']] }];
    });
    expectIssue(err, 'config.json', 'sites[0].closedDays[0]', '"2026-02-29" is not a calendar date');
    expectIssue(err, 'config.json', 'sites[0].queues[0].schedule.extended[0].from', '"02-30" is not a calendar date');
    const ok = variant((c) => (queue(c, 0).schedule.extended = [{ from: '02-29', to: '03-01', hours: [['09:00', '12:00']] }]));
    expect(parseConfig(ok, 'x.json').sites[0]?.queues[0]?.schedule.extended[0]?.overridesClosed).toBe(false);
  });

  it('reports extended ranges that mix forms or run backwards, and allows recurring ones across new year', () => {
    const err = parse((c) => {
      queue(c, 0).schedule.extended = [
        { from: '03-20', to: '2026-04-10', hours: [['09:00', '12:00']] },
        { from: '2026-04-10', to: '2026-03-20', hours: [['09:00', '12:00']] },
      ];
    });
    expectIssue(err, 'config.json', 'sites[0].queues[0].schedule.extended[0]', 'must both be "YYYY-MM-DD", or both "MM-DD"');
    expectIssue(err, 'config.json', 'sites[0].queues[0].schedule.extended[1].to', '2026-03-20 is before from (2026-04-10)');
    const ok = variant((c) => (queue(c, 0).schedule.extended = [{ from: '12-29', to: '01-03', hours: [['09:00', '12:00']] }]));
    expect(() => parseConfig(ok, 'x.json')).not.toThrow();
  });

  it('reports a public URL that is not http(s)', () => {
    const err = parse((c) => Object.assign(c, { publicUrl: 'madoguchi.local' }));
    expectIssue(err, 'config.json', 'publicUrl', 'must be an http(s) URL');
  });

  it('collects every semantic problem, not only the first', () => {
    const err = parse((c) => {
      site0(c).timeZone = 'Mars/Olympus';
      Object.assign(queue(c, 0).numbering, { first: 2000, last: 1000 });
      (site0(c).counters[0] as Json).queues = ['nope'];
      (site0(c).counters[1] as Json).primaryQueue = 'nope';
    }, 'city.yaml.json');
    expect(err.issues.map((i) => i.path)).toEqual([
      'sites[0].timeZone',
      'sites[0].queues[0].numbering.first',
      'sites[0].counters[0].queues[0]',
      'sites[0].counters[1].primaryQueue',
    ]);
    expect(err.message.split('\n').every((line) => line.startsWith('city.yaml.json: sites[0].'))).toBe(true);
    expect(err.name).toBe('ConfigError');
  });
});
