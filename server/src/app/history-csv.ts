import { DomainError } from '@madoguchi/shared';
import { parse, type CsvError, type Info } from 'csv-parse';
import { Readable, pipeline } from 'node:stream';
import { localDate } from '../domain/time.js';

/**
 * The streaming parse of an old system's ticket log (docs/history-import.md): CSV in, batches of
 * one business day out, every row validated, every error with its line (as in the file, the
 * header is line 1) and its column (the header's name). The import route and the admin command
 * read the same format through this.
 *
 * Grouping: rows go to the business date of `issued_at` in the site's time zone. With
 * `order: 'sorted'` (the default, and what every ticket system exports) at most `openDays` days
 * are held; when a row of a newer day would exceed that, the oldest open day is complete and is
 * yielded, so memory stays at a few days' rows however long the file. A row of a day already
 * yielded then means the file is not in day order: that stops the parse (HistoryCsvError) and
 * says to import with `order: 'any'`, which holds every day until the end (memory grows with the
 * file: about 800 bytes a row, ≈ 300 MB for 400,000 rows, measured) and yields them by date.
 *
 * Errors: a bad row refuses its whole day. `onError: 'collect'` (default) yields the day as
 * `{ date, error, errors }` (its first error, and up to ERRORS_KEPT of them) and goes on with the
 * other days; `onError: 'stop'` throws HistoryCsvError at the first bad row, before any later day
 * is yielded. A broken header, broken CSV quoting, a line break inside a field or an out-of-order
 * day always stop. A row whose `issued_at` cannot be read has no day: it is yielded alone as
 * `{ date: null, error, errors }`.
 *
 * Idempotency: every row gets `hash`, from its normalised content (instants in UTC, so an export
 * with `Z` and one with `+09:00` agree) and how many identical rows came before it on its day
 * (minute-resolution logs repeat rows honestly); the store keeps the hashes of a day and a second
 * import of the same file finds them all.
 */

export type HistoryState = 'done' | 'no_show' | 'cancelled';
const STATES: readonly HistoryState[] = ['done', 'no_show', 'cancelled'];

export const HISTORY_COLUMNS = ['queue', 'issued_at', 'called_at', 'finished_at', 'service', 'counter', 'state'] as const;
export type HistoryColumn = (typeof HISTORY_COLUMNS)[number];
const REQUIRED: readonly HistoryColumn[] = ['queue', 'issued_at', 'called_at', 'finished_at'];

export interface ParsedHistoryRow {
  line: number;
  queue: string;
  service: string | null;
  counter: string | null;
  state: HistoryState;
  /** UTC ISO text, as every `*_at` column of the database */
  issuedAt: string;
  calledAt: string | null;
  finishedAt: string | null;
  /** 16 hex digits, stable across imports of the same content */
  hash: string;
}

export interface HistoryRowError {
  line: number;
  /** the header's name of the column at fault; null for the line as a whole (wrong number of fields) */
  column: HistoryColumn | null;
  message: string;
}

export type HistoryDay =
  | { date: string; rows: ParsedHistoryRow[] }
  | { date: string | null; error: HistoryRowError; errors: HistoryRowError[]; errorCount: number };

/** A queue of the site and the ids of its services (a SiteDef's `queues` fits). */
export interface HistoryQueue {
  id: string;
  services: readonly { id: string }[];
}

export interface HistoryCsvOptions {
  timeZone: string;
  queues: readonly HistoryQueue[];
  onError?: 'collect' | 'stop';
  order?: 'sorted' | 'any';
  /** days held at once with `order: 'sorted'` (default 3: a day and some slack for a file sorted by queue within the day) */
  openDays?: number;
}

export class HistoryCsvError extends DomainError {
  constructor(
    readonly line: number,
    /** the header's name of the column at fault (an unknown column's own name) */
    readonly column: string | null,
    message: string,
  ) {
    super('VALIDATION', `line ${line}${column ? `, column ${column}` : ''}: ${message}`, column ? { field: column, reason: `line ${line}` } : { reason: `line ${line}` });
  }
}

/** errors kept per refused day (the rest are counted) */
export const ERRORS_KEPT = 20;
/** one CSV record at most (bounds memory against an unclosed quote) */
const MAX_RECORD_BYTES = 64 * 1024;

const TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** ISO 8601 with an offset → epoch ms; null when not one (or not a real date and time). */
export function parseOffsetTime(text: string): number | null {
  const m = TIME.exec(text);
  if (!m) return null;
  const [, ys, mos, ds, hs, mis, ss = '0', frac = '0', zone = 'Z'] = m;
  const [y, mo, d, h, mi, s] = [Number(ys), Number(mos), Number(ds), Number(hs), Number(mis), Number(ss)];
  const leap = mo === 2 && (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? 1 : 0;
  if (mo < 1 || mo > 12 || d < 1 || d > (DAYS_IN_MONTH[mo - 1] ?? 0) + leap || h > 23 || mi > 59 || s > 59) return null;
  const wall = Date.UTC(y, mo - 1, d, h, mi, s, Number(frac.slice(0, 3).padEnd(3, '0')));
  if (zone === 'Z') return wall;
  const oh = Number(zone.slice(1, 3));
  const om = Number(zone.slice(-2));
  if (oh > 14 || om > 59) return null;
  return wall - (zone[0] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
}

/** 64 bits of two independent 32-bit multiplicative hashes (cyrb53's mixing, both lanes kept): a content key, not a secret. */
export function rowHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}

interface OpenDay {
  date: string;
  rows: ParsedHistoryRow[];
  /** the content's hash → rows of it so far (the occurrence index in the hash) */
  seen: Map<string, number>;
  errors: HistoryRowError[];
  errorCount: number;
}

type Row = Record<HistoryColumn, string>;

/** Validates one record; the row, or its first error (and the day when it has one). */
function readRow(
  row: Row,
  line: number,
  queues: ReadonlyMap<string, ReadonlySet<string>>,
  timeZone: string,
): { ok: true; date: string; row: Omit<ParsedHistoryRow, 'hash'> } | { ok: false; date: string | null; error: HistoryRowError } {
  const fail = (column: HistoryColumn, message: string, date: string | null = null) => ({ ok: false as const, date, error: { line, column, message } });
  const issued = parseOffsetTime(row.issued_at);
  if (issued === null) return fail('issued_at', `not a time with an offset (e.g. 2025-04-01T09:12:00+09:00): "${row.issued_at}"`);
  const date = localDate(issued, timeZone);
  const services = queues.get(row.queue);
  if (!services) return fail('queue', `unknown queue "${row.queue}"`, date);
  const service = row.service === '' ? null : row.service;
  if (service !== null && !services.has(service)) return fail('service', `queue "${row.queue}" has no service "${service}"`, date);
  const at = (column: 'called_at' | 'finished_at'): number | null | HistoryRowError => {
    const text = row[column];
    if (text === '') return null;
    const t = parseOffsetTime(text);
    if (t === null) return { line, column, message: `not a time with an offset: "${text}"` };
    const day = localDate(t, timeZone);
    if (day !== date) return { line, column, message: `on ${day}, not on the day of issued_at (${date})` };
    return t;
  };
  const called = at('called_at');
  if (typeof called === 'object' && called !== null) return { ok: false, date, error: called };
  const finished = at('finished_at');
  if (typeof finished === 'object' && finished !== null) return { ok: false, date, error: finished };
  if (called !== null && called < issued) return fail('called_at', 'called before it was issued', date);
  if (finished !== null && called === null) return fail('called_at', 'finished but never called', date);
  if (finished !== null && called !== null && finished < called) return fail('finished_at', 'finished before it was called', date);
  let state: HistoryState;
  if (row.state === '') state = finished !== null ? 'done' : called !== null ? 'no_show' : 'cancelled';
  else if ((STATES as readonly string[]).includes(row.state)) state = row.state as HistoryState;
  else return fail('state', `state is one of ${STATES.join(', ')}, not "${row.state}"`, date);
  if (state === 'done' && finished === null) return fail('finished_at', 'a done ticket needs finished_at', date);
  return {
    ok: true,
    date,
    row: {
      line,
      queue: row.queue,
      service,
      counter: row.counter === '' ? null : row.counter,
      state,
      issuedAt: new Date(issued).toISOString(),
      calledAt: called === null ? null : new Date(called).toISOString(),
      finishedAt: finished === null ? null : new Date(finished).toISOString(),
    },
  };
}

/** The header's columns in file order; throws on an unknown, repeated or missing one. */
function readHeader(fields: readonly string[]): HistoryColumn[] {
  const columns: HistoryColumn[] = [];
  for (const f of fields) {
    const name = f.trim().toLowerCase();
    if (!(HISTORY_COLUMNS as readonly string[]).includes(name)) {
      throw new HistoryCsvError(1, f, `unknown column "${f}" (the columns are ${HISTORY_COLUMNS.join(', ')})`);
    }
    if (columns.includes(name as HistoryColumn)) throw new HistoryCsvError(1, name as HistoryColumn, `column "${name}" appears twice`);
    columns.push(name as HistoryColumn);
  }
  const missing = REQUIRED.find((c) => !columns.includes(c));
  if (missing) throw new HistoryCsvError(1, missing, `the header has no column "${missing}"`);
  return columns;
}

/**
 * Parses a ticket log streamed in chunks (a request body, a file stream) into business days.
 * Pulls from `source` only as fast as the caller takes the days.
 */
export async function* parseHistoryCsv(source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>, options: HistoryCsvOptions): AsyncGenerator<HistoryDay> {
  const { timeZone, onError = 'collect', order = 'sorted', openDays = 3 } = options;
  const queues = new Map(options.queues.map((q) => [q.id, new Set(q.services.map((s) => s.id))]));
  const parser = parse({
    bom: true,
    info: true,
    trim: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_BYTES,
  });
  pipeline(Readable.from(source), parser, () => undefined);

  let columns: HistoryColumn[] | null = null;
  /** where the previous record ended, to tell where a record spanning lines starts */
  let lastLine = 0;
  let lastEmpty = 0;
  const open = new Map<string, OpenDay>();
  /** with `order: 'sorted'`: the newest day yielded (a row on or before it is out of order) */
  let closedThrough = '';

  const batch = (day: OpenDay): HistoryDay => {
    const first = day.errors[0];
    return first ? { date: day.date, error: first, errors: day.errors, errorCount: day.errorCount } : { date: day.date, rows: day.rows };
  };
  const addError = (day: OpenDay, error: HistoryRowError) => {
    if (day.errors.length < ERRORS_KEPT) day.errors.push(error);
    day.errorCount++;
    day.rows = [];
    day.seen.clear();
  };

  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: Info }>) {
      const line = info.lines;
      const broken = record.findIndex((f) => f.includes('\n') || f.includes('\r'));
      if (broken >= 0) {
        // no field of this format holds a line break, and csv-parse counts CRLF inside quotes as two lines: stop here
        throw new HistoryCsvError(lastLine + 1 + info.empty_lines - lastEmpty, columns?.[broken] ?? null, 'a line break inside a field');
      }
      lastLine = line;
      lastEmpty = info.empty_lines;
      if (!columns) {
        columns = readHeader(record);
        continue;
      }
      const cols = columns;
      if (record.length !== cols.length) {
        const error: HistoryRowError = {
          line,
          column: record.length < cols.length ? (cols[record.length] ?? null) : null,
          message: `${record.length} fields where the header has ${cols.length}`,
        };
        // the day of a ragged row is still known when its issued_at field is where the header says
        const issued = parseOffsetTime(record[cols.indexOf('issued_at')] ?? '');
        yield* reject(issued === null ? null : localDate(issued, timeZone), error);
        continue;
      }
      const fields: Row = { queue: '', issued_at: '', called_at: '', finished_at: '', service: '', counter: '', state: '' };
      for (let i = 0; i < cols.length; i++) fields[cols[i] as HistoryColumn] = record[i] ?? '';
      const read = readRow(fields, line, queues, timeZone);
      if (!read.ok) {
        yield* reject(read.date, read.error);
        continue;
      }
      const day = dayOf(read.date, line, 'issued_at');
      if (day.errors.length > 0 || day.errorCount > 0) continue;
      const content = [read.row.queue, read.row.issuedAt, read.row.calledAt, read.row.finishedAt, read.row.service, read.row.counter, read.row.state].join('\u0001');
      // the content's own hash keys the count (a day held open keeps 16 characters a row, not the row's text)
      const key = rowHash(content);
      const n = day.seen.get(key) ?? 0;
      day.seen.set(key, n + 1);
      day.rows.push({ ...read.row, hash: n === 0 ? key : rowHash(`${key}\u0001${n}`) });
      yield* flushBeyondWindow();
    }
  } catch (e) {
    if (e instanceof HistoryCsvError) throw e;
    const err = e as Partial<CsvError> & { lines?: number };
    if (typeof err.code === 'string' && err.code.startsWith('CSV_')) {
      throw new HistoryCsvError(err.lines ?? 0, null, `not readable as CSV (${err.code}): ${err.message ?? ''}`);
    }
    throw e;
  } finally {
    parser.destroy();
  }
  if (!columns) throw new HistoryCsvError(1, null, `the file is empty: the header is ${HISTORY_COLUMNS.slice(0, 4).join(',')}[,service,counter,state]`);
  for (const date of [...open.keys()].sort()) {
    const day = open.get(date);
    if (day) yield batch(day);
  }

  function dayOf(date: string, line: number, column: HistoryColumn): OpenDay {
    let day = open.get(date);
    if (!day) {
      if (order === 'sorted' && date <= closedThrough) {
        throw new HistoryCsvError(line, column, `a row of ${date} after rows of ${closedThrough}: the file is not in day order (import it with order "any")`);
      }
      day = { date, rows: [], seen: new Map(), errors: [], errorCount: 0 };
      open.set(date, day);
    }
    return day;
  }

  function* reject(date: string | null, error: HistoryRowError): Generator<HistoryDay> {
    if (onError === 'stop') throw new HistoryCsvError(error.line, error.column, error.message);
    if (date === null) {
      yield { date: null, error, errors: [error], errorCount: 1 };
      return;
    }
    addError(dayOf(date, error.line, error.column ?? 'issued_at'), error);
    yield* flushBeyondWindow();
  }

  function* flushBeyondWindow(): Generator<HistoryDay> {
    if (order !== 'sorted') return;
    while (open.size > openDays) {
      const oldest = [...open.keys()].sort()[0];
      const day = oldest === undefined ? undefined : open.get(oldest);
      if (!day) return;
      open.delete(day.date);
      closedThrough = day.date > closedThrough ? day.date : closedThrough;
      yield batch(day);
    }
  }
}
