import { describe, expect, it } from 'vitest';
import { HistoryCsvError, parseHistoryCsv, parseOffsetTime, rowHash, type HistoryCsvOptions, type HistoryDay, type ParsedHistoryRow } from './history-csv.js';

const QUEUES = [
  { id: 'certificates', services: [{ id: 'juminhyo' }, { id: 'tax' }] },
  { id: 'filings', services: [{ id: 'marriage' }, { id: 'move-in' }] },
];
const OPTS: HistoryCsvOptions = { timeZone: 'Asia/Tokyo', queues: QUEUES };

async function days(input: string | Array<string | Buffer>, opts: Partial<HistoryCsvOptions> = {}): Promise<HistoryDay[]> {
  const out: HistoryDay[] = [];
  for await (const d of parseHistoryCsv(typeof input === 'string' ? [input] : input, { ...OPTS, ...opts })) out.push(d);
  return out;
}
const rowsOf = (ds: HistoryDay[]): ParsedHistoryRow[] => ds.flatMap((d) => ('rows' in d ? d.rows : []));
const errorsOf = (ds: HistoryDay[]) => ds.flatMap((d) => ('error' in d ? d.errors : []));
async function thrown(input: string, opts: Partial<HistoryCsvOptions> = {}): Promise<HistoryCsvError> {
  try {
    await days(input, opts);
  } catch (e) {
    if (e instanceof HistoryCsvError) return e;
    throw e;
  }
  throw new Error('no error');
}

const HEADER = 'queue,issued_at,called_at,finished_at,service,counter,state';
const LOG = [
  HEADER,
  'certificates,2025-04-01T09:00:00+09:00,2025-04-01T09:05:00+09:00,2025-04-01T09:09:30+09:00,juminhyo,1,',
  'filings,2025-04-01T09:01:00+09:00,2025-04-01T09:20:00+09:00,,marriage,5,',
  'certificates,2025-04-01T09:02:00+09:00,,,tax,,',
  'certificates,2025-04-02T09:00:00+09:00,2025-04-02T09:03:00+09:00,2025-04-02T09:08:00+09:00,,2,done',
].join('\n');

describe('parseHistoryCsv: the format', () => {
  it('groups rows by business day, normalises instants to UTC and infers the state', async () => {
    const ds = await days(LOG);
    expect(ds.map((d) => d.date)).toEqual(['2025-04-01', '2025-04-02']);
    const [first, second, third, fourth] = rowsOf(ds);
    expect(first).toMatchObject({
      line: 2,
      queue: 'certificates',
      service: 'juminhyo',
      counter: '1',
      state: 'done',
      issuedAt: '2025-04-01T00:00:00.000Z',
      calledAt: '2025-04-01T00:05:00.000Z',
      finishedAt: '2025-04-01T00:09:30.000Z',
    });
    expect(second).toMatchObject({ line: 3, state: 'no_show', finishedAt: null });
    expect(third).toMatchObject({ line: 4, state: 'cancelled', calledAt: null, counter: null, service: 'tax' });
    expect(fourth).toMatchObject({ line: 5, state: 'done', service: null });
  });

  it('reads a file with or without a BOM alike', async () => {
    expect(await days(`\uFEFF${LOG}`)).toEqual(await days(LOG));
    expect(rowsOf(await days(`\uFEFF${LOG}`))).toHaveLength(4);
  });

  it('takes the columns in any order, and only the four required ones', async () => {
    const reordered = [
      'state,finished_at,service,queue,counter,called_at,issued_at',
      ',2025-04-01T09:09:30+09:00,juminhyo,certificates,1,2025-04-01T09:05:00+09:00,2025-04-01T09:00:00+09:00',
    ].join('\n');
    const [row] = rowsOf(await days(reordered));
    const [canonical] = rowsOf(await days(LOG));
    expect(row).toEqual(canonical);
    const minimal = ['finished_at,called_at,issued_at,queue', '2025-04-01T09:09:30+09:00,2025-04-01T09:05:00+09:00,2025-04-01T09:00:00+09:00,certificates'];
    expect(rowsOf(await days(minimal.join('\n')))[0]).toMatchObject({ service: null, counter: null, state: 'done' });
  });

  it('reads CRLF line ends and counts lines as the file does, empty lines included', async () => {
    const crlf = LOG.split('\n');
    crlf.splice(3, 0, '');
    crlf[4] = 'nowhere,2025-04-01T09:02:00+09:00,,,,,';
    const ds = await days(`${crlf.join('\r\n')}\r\n`);
    expect(errorsOf(ds)).toEqual([{ line: 5, column: 'queue', message: 'unknown queue "nowhere"' }]);
    expect(rowsOf(ds).map((r) => r.line)).toEqual([6]);
  });

  it('reads quoted fields, with commas and doubled quotes inside', async () => {
    const text = [HEADER, '"certificates","2025-04-01T09:00:00+09:00","2025-04-01T09:05:00+09:00","2025-04-01T09:09:00+09:00","juminhyo","窓口 1, 本館 ""A""","done"'].join('\n');
    expect(rowsOf(await days(text))[0]).toMatchObject({ counter: '窓口 1, 本館 "A"', state: 'done' });
  });

  it('tells the business day in the site time zone, not in UTC', async () => {
    const text = [HEADER, 'certificates,2025-04-01T23:30:00Z,2025-04-01T23:40:00Z,2025-04-01T23:45:00Z,,,'].join('\n');
    expect((await days(text)).map((d) => d.date)).toEqual(['2025-04-02']);
  });
});

describe('parseHistoryCsv: errors name their line and column', () => {
  const one = async (row: string) => errorsOf(await days([HEADER, row].join('\n')))[0];
  const T = (hm: string, date = '2025-04-01') => `${date}T${hm}:00+09:00`;

  it.each([
    ['nowhere', `nowhere,${T('09:00')},,,,,`, 'queue', /unknown queue "nowhere"/],
    ['a service of another queue', `certificates,${T('09:00')},,,marriage,,`, 'service', /has no service "marriage"/],
    ['a time without an offset', `certificates,${T('09:00')},2025-04-01T09:05:00,,,,`, 'called_at', /offset/],
    ['an impossible date', `certificates,${T('09:00')},,2025-04-31T09:05:00+09:00,,,`, 'finished_at', /offset/],
    ['called before issued', `certificates,${T('09:00')},${T('08:59')},,,,`, 'called_at', /called before it was issued/],
    ['finished before called', `certificates,${T('09:00')},${T('09:10')},${T('09:05')},,,`, 'finished_at', /finished before it was called/],
    ['finished, never called', `certificates,${T('09:00')},,${T('09:05')},,,`, 'called_at', /never called/],
    ['called on another day', `certificates,${T('16:00')},${T('09:00', '2025-04-02')},,,,`, 'called_at', /on 2025-04-02, not on the day of issued_at \(2025-04-01\)/],
    ['an unknown state', `certificates,${T('09:00')},,,,,served`, 'state', /state is one of done, no_show, cancelled/],
    ['done without finished_at', `certificates,${T('09:00')},${T('09:05')},,,,done`, 'finished_at', /needs finished_at/],
    ['too few fields', `certificates,${T('09:00')},,`, 'service', /4 fields where the header has 7/],
    ['too many fields', `certificates,${T('09:00')},,,,,,extra`, null, /8 fields where the header has 7/],
  ])('%s', async (_what, row, column, message) => {
    const error = await one(row);
    expect(error).toMatchObject({ line: 2, column });
    expect(error?.message).toMatch(message);
  });

  it('a row whose issued_at cannot be read has no day and is reported alone', async () => {
    const ds = await days([HEADER, 'certificates,yesterday,,,,,', `certificates,${T('09:00')},,,,,`].join('\n'));
    expect(ds[0]).toMatchObject({ date: null, error: { line: 2, column: 'issued_at' } });
    expect(ds[1]).toMatchObject({ date: '2025-04-01', rows: [{ line: 3 }] });
  });

  it('refuses the header with an unknown, repeated or missing column, naming it', async () => {
    expect(await thrown('queue,issued_at,called_at,finished_at,window\n')).toMatchObject({ line: 1, column: 'window', message: expect.stringMatching(/unknown column "window"/) });
    expect(await thrown('queue,issued_at,called_at,finished_at,queue\n')).toMatchObject({ line: 1, column: 'queue' });
    expect(await thrown('queue,issued_at,finished_at\n')).toMatchObject({ line: 1, column: 'called_at' });
    expect(await thrown('')).toMatchObject({ line: 1, message: expect.stringMatching(/empty/) });
  });

  it('stops at a line break inside a field, naming the line where the record starts', async () => {
    for (const nl of ['\n', '\r\n']) {
      const text = [HEADER, `certificates,${T('09:00')},,,,,`, '', `certificates,${T('09:01')},,,,"1${nl}2",`, `certificates,${T('09:02')},,,,,`].join(nl);
      expect(await thrown(text)).toMatchObject({ line: 4, column: 'counter' });
    }
  });

  it('stops at broken quoting, naming the line', async () => {
    const e = await thrown([HEADER, `certificates,${T('09:00')},,,,,`, `certificates,${T('09:01')},,,,"1,`].join('\n'));
    expect(e.line).toBeGreaterThanOrEqual(3);
    expect(e.message).toMatch(/not readable as CSV/);
  });

  it('is a VALIDATION error with the column as its field, so the route answers 400 naming both', async () => {
    const e = await thrown([HEADER, `nowhere,${T('09:00')},,,,,`].join('\n'), { onError: 'stop' });
    expect(e).toMatchObject({ code: 'VALIDATION', line: 2, column: 'queue', details: { field: 'queue', reason: 'line 2' } });
    expect(e.message).toBe('line 2, column queue: unknown queue "nowhere"');
  });
});

describe('parseHistoryCsv: a bad line refuses its day only', () => {
  const T = (d: string, hm: string) => `2025-04-0${d}T${hm}:00+09:00`;
  const file = [
    HEADER,
    `certificates,${T('1', '09:00')},${T('1', '09:01')},${T('1', '09:05')},,,`,
    `certificates,${T('2', '09:00')},${T('2', '09:01')},${T('2', '09:05')},,,`,
    `certificates,${T('2', '09:10')},${T('2', '09:09')},,,,`,
    `certificates,${T('2', '09:20')},${T('2', '09:21')},${T('2', '09:25')},,,`,
    `nowhere,${T('2', '09:30')},,,,,`,
    `certificates,${T('3', '09:00')},${T('3', '09:01')},${T('3', '09:05')},,,`,
  ].join('\n');

  it('collects: the bad day is refused with all its errors, the others import whole', async () => {
    const ds = await days(file);
    expect(ds.map((d) => [d.date, 'rows' in d ? d.rows.length : 'refused'])).toEqual([
      ['2025-04-01', 1],
      ['2025-04-02', 'refused'],
      ['2025-04-03', 1],
    ]);
    expect(ds[1]).toMatchObject({ error: { line: 4, column: 'called_at' }, errorCount: 2, errors: [{ line: 4 }, { line: 6, column: 'queue' }] });
  });

  it('stops: the first bad line throws, and no later day is yielded', async () => {
    const seen: string[] = [];
    await expect(async () => {
      for await (const d of parseHistoryCsv([file], { ...OPTS, onError: 'stop', openDays: 1 })) seen.push(String(d.date));
    }).rejects.toMatchObject({ line: 4, column: 'called_at' });
    expect(seen).toEqual(['2025-04-01']);
  });
});

describe('parseHistoryCsv: order and idempotency', () => {
  const row = (date: string, hm: string, counter = '') => `certificates,${date}T${hm}:00+09:00,${date}T${hm}:30+09:00,${date}T${hm}:50+09:00,,${counter},`;
  const unsorted = [HEADER, row('2025-04-03', '09:00'), row('2025-04-01', '09:00'), row('2025-04-02', '09:00'), row('2025-04-01', '10:00'), row('2025-04-03', '10:00')].join('\n');

  it('holds a few days open, so a file sorted by day within a small window reads as sorted', async () => {
    const ds = await days(unsorted);
    expect(ds.map((d) => [d.date, 'rows' in d ? d.rows.length : 0])).toEqual([
      ['2025-04-01', 2],
      ['2025-04-02', 1],
      ['2025-04-03', 2],
    ]);
  });

  it('refuses a file out of day order beyond the window, and reads it with order "any"', async () => {
    const e = await thrown(unsorted, { openDays: 1 });
    // one day open: 04-01 (line 3) is yielded when 04-02 starts; 04-01 again on line 5 is out of order
    expect(e).toMatchObject({ line: 5, column: 'issued_at', message: expect.stringMatching(/not in day order.*order "any"/) });
    const ds = await days(unsorted, { openDays: 1, order: 'any' });
    expect(ds.map((d) => d.date)).toEqual(['2025-04-01', '2025-04-02', '2025-04-03']);
    expect(rowsOf(ds)).toHaveLength(5);
  });

  it('gives the same hashes to the same file, and to the same instants written in another offset', async () => {
    const a = rowsOf(await days(LOG)).map((r) => r.hash);
    expect(rowsOf(await days(LOG)).map((r) => r.hash)).toEqual(a);
    expect(new Set(a).size).toBe(a.length);
    const utc = LOG.replace('2025-04-01T09:00:00+09:00,2025-04-01T09:05:00+09:00,2025-04-01T09:09:30+09:00', '2025-04-01T00:00:00Z,2025-04-01T00:05:00Z,2025-04-01T00:09:30Z');
    expect(rowsOf(await days(utc)).map((r) => r.hash)).toEqual(a);
    expect(a.every((h) => /^[0-9a-f]{16}$/.test(h))).toBe(true);
  });

  it('tells identical rows of one day apart (a log in minutes repeats them honestly), and a changed field changes the hash', async () => {
    const twice = rowsOf(await days([HEADER, row('2025-04-01', '09:00'), row('2025-04-01', '09:00')].join('\n')));
    expect(twice[0]?.hash).not.toBe(twice[1]?.hash);
    const other = rowsOf(await days([HEADER, row('2025-04-01', '09:00', '3')].join('\n')));
    expect(other[0]?.hash).not.toBe(twice[0]?.hash);
    expect(rowHash('a')).not.toBe(rowHash('b'));
  });
});

describe('parseOffsetTime', () => {
  it('reads offsets, Z, seconds and fractions, and refuses the rest', () => {
    expect(parseOffsetTime('2025-04-01T09:12:00+09:00')).toBe(Date.UTC(2025, 3, 1, 0, 12));
    expect(parseOffsetTime('2025-04-01T09:12+0900')).toBe(Date.UTC(2025, 3, 1, 0, 12));
    expect(parseOffsetTime('2025-04-01T00:12:00.5Z')).toBe(Date.UTC(2025, 3, 1, 0, 12, 0, 500));
    expect(parseOffsetTime('2025-03-31T19:12:00-05:00')).toBe(Date.UTC(2025, 3, 1, 0, 12));
    for (const bad of ['2025-04-01 09:12:00+09:00', '2025-04-01T09:12:00', '2025-02-29T09:00:00Z', '2025-04-01T24:00:00Z', '2025-04-01T09:12:60Z', '']) {
      expect(parseOffsetTime(bad)).toBeNull();
    }
  });
});

describe('parseHistoryCsv: streaming', () => {
  /** a sorted synthetic log: `perDay` rows on each of `n` weekdays-agnostic days from 2025-04-01 */
  function* syntheticLog(n: number, perDay: number): Generator<string> {
    yield `\uFEFF${HEADER}\r\n`;
    for (let d = 0; d < n; d++) {
      const date = new Date(Date.UTC(2025, 3, 1 + d)).toISOString().slice(0, 10);
      for (let i = 0; i < perDay; i++) {
        const m = 9 * 60 + Math.floor((i * 480) / perDay);
        const hm = (x: number) => `${String(Math.floor(x / 60)).padStart(2, '0')}:${String(x % 60).padStart(2, '0')}`;
        const state = i % 17 === 0 ? `${date}T${hm(m)}:00+09:00,,,juminhyo,窓口${i % 4},` : `${date}T${hm(m)}:00+09:00,${date}T${hm(m + 5)}:00+09:00,${date}T${hm(m + 9)}:00+09:00,tax,窓口${i % 4},`;
        yield `certificates,${state}\r\n`;
      }
    }
  }

  it('reads 50,000 rows in odd-sized chunks that split lines and characters, pulling them only as days are taken', async () => {
    const bytes = Buffer.from([...syntheticLog(25, 2000)].join(''), 'utf8');
    let pulled = 0;
    async function* chunks(): AsyncGenerator<Buffer> {
      for (let at = 0; at < bytes.length; at += 997) {
        pulled = at;
        yield bytes.subarray(at, at + 997);
      }
    }
    let rows = 0;
    let firstDayAt = -1;
    let previous = '';
    for await (const day of parseHistoryCsv(chunks(), OPTS)) {
      if (firstDayAt < 0) firstDayAt = pulled;
      if (!('rows' in day)) throw new Error(`refused ${day.date}: ${day.error.message}`);
      expect(day.date > previous).toBe(true);
      previous = day.date;
      expect(day.rows).toHaveLength(2000);
      expect(day.rows[1]?.counter).toBe('窓口1');
      rows += day.rows.length;
    }
    expect(rows).toBe(50_000);
    // the first day came out while most of the file was still unread: streaming, not read whole
    expect(firstDayAt).toBeLessThan(bytes.length / 4);
  });
});
