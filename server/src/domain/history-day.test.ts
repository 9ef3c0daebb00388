import { describe, expect, it } from 'vitest';
import { historyDayFigures, ticketOfLine, type HistoryTicket } from './history-day.js';

/** A day in UTC for simple arithmetic: hour h starts at h × 3,600,000 after midnight. */
const DATE = '2025-06-02';
const MIDNIGHT = Date.parse(`${DATE}T00:00:00Z`);
const BOUNDS = Array.from({ length: 25 }, (_, h) => MIDNIGHT + h * 3_600_000);
const at = (h: number, m = 0) => MIDNIGHT + (h * 60 + m) * 60_000;
const QUEUES = ['certificates', 'filings'];

const done = (queue: string, counter: string | null, issued: number, called: number, finished: number): HistoryTicket => ({
  queue,
  service: null,
  counter,
  state: 'done',
  issuedAt: issued,
  calledAt: called,
  finishedAt: finished,
});

describe('an imported day’s figures', () => {
  it('timelines: waits, service minutes, states; negative ids; back to tickets unchanged', () => {
    const tickets: HistoryTicket[] = [
      done('certificates', '1', at(9), at(9, 5), at(9, 15)),
      { queue: 'filings', service: 'marriage', counter: '2', state: 'no_show', issuedAt: at(9, 1), calledAt: at(9, 20), finishedAt: null },
      { queue: 'filings', service: null, counter: null, state: 'cancelled', issuedAt: at(9, 2), calledAt: null, finishedAt: null },
    ];
    const f = historyDayFigures(DATE, tickets, QUEUES, BOUNDS);
    expect(f.lines.map((l) => [l.ticketId, l.state, l.waitMinutes, l.serviceMinutes])).toEqual([
      [-1, 'done', 5, 10],
      [-2, 'no_show', 19, null],
      [-3, 'cancelled', null, null],
    ]);
    expect(f.lines.map(ticketOfLine)).toEqual(tickets);
    const filings = f.demand.find((d) => d.queue === 'filings');
    expect(filings).toMatchObject({ arrivals: 2, served: 0, serviceMinutes: 0, imported: true });
    expect(filings?.hours[9]).toBe(2);
    expect(f.demand.find((d) => d.queue === 'certificates')).toMatchObject({ arrivals: 1, served: 1, serviceMinutes: 10 });
  });

  it('counter-hours: a gap with someone waiting is time away (lunch); an idle gap with nobody waiting is time present', () => {
    const tickets: HistoryTicket[] = [
      // counter 1: serves 9:00–10:00, then away 12:00–13:00 while a ticket waits from 12:05, back at 13:00
      done('certificates', '1', at(9), at(9), at(10)),
      done('certificates', '1', at(10), at(10), at(12)),
      done('certificates', '1', at(12, 5), at(13), at(14)),
      // counter 2: serves 9:00–9:30 and 11:30–12:00, idle in between with nobody waiting
      done('certificates', '2', at(9), at(9), at(9, 30)),
      done('certificates', '2', at(11, 30), at(11, 30), at(12)),
    ];
    const f = historyDayFigures(DATE, tickets, QUEUES, BOUNDS);
    const ch = f.demand.find((d) => d.queue === 'certificates')?.counterHours ?? [];
    // 9, 10, 11: both counters; 12: nobody (counter 1 away, counter 2 done at 12:00); 13: counter 1
    expect(ch.slice(9, 15)).toEqual([2, 2, 2, 0, 1, 0]);
    expect(f.demand.find((d) => d.queue === 'filings')?.counterHours.every((x) => x === 0)).toBe(true);
    const one = f.counters.find((c) => c.counter === '1');
    expect(one).toMatchObject({ called: 3, served: 3, busyMs: 4 * 3_600_000, openMs: 4 * 3_600_000 });
    expect(f.counters.find((c) => c.counter === '2')).toMatchObject({ called: 2, openMs: 3 * 3_600_000 });
  });

  it('a counter shared by two queues counts to each by its busy minutes', () => {
    const tickets = [done('certificates', '1', at(9), at(9), at(9, 45)), done('filings', '1', at(9, 45), at(9, 45), at(10))];
    const f = historyDayFigures(DATE, tickets, QUEUES, BOUNDS);
    expect(f.demand.find((d) => d.queue === 'certificates')?.counterHours[9]).toBe(0.75);
    expect(f.demand.find((d) => d.queue === 'filings')?.counterHours[9]).toBe(0.25);
  });

  it('without a counter column: the most tickets at a counter at once in each hour', () => {
    const tickets = [done('certificates', null, at(9), at(9), at(9, 40)), done('certificates', null, at(9), at(9, 10), at(9, 20)), done('certificates', null, at(9, 50), at(9, 50), at(10, 30))];
    const ch = historyDayFigures(DATE, tickets, QUEUES, BOUNDS).demand.find((d) => d.queue === 'certificates')?.counterHours ?? [];
    expect(ch.slice(8, 12)).toEqual([0, 2, 1, 0]);
  });
});
