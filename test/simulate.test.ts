/**
 * A shorter simulated office day (bench/sim/, docs/simulation.md) through the real server over
 * HTTP and Socket.IO under a virtual clock: about 300 tickets at 6 counters until 11:00, with
 * priority tickets, transfers, no-shows, reinstatements, breaks and counter moves, and citizens
 * who leave with an e-mail alert (real mail through a local SMTP relay) and come back. Every
 * invariant must hold, and the checker must catch a day that breaks one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyse } from '../bench/sim/analysis.js';
import { checkDay } from '../bench/sim/check.js';
import { buildDay, loadDayFile, REFERENCE_DAY, type Citizen } from '../bench/sim/day.js';
import { simulateDay, type SimResult } from '../bench/sim/run.js';

let day: SimResult;

beforeAll(async () => {
  // the morning's waits are short: half of those printed over 4 minutes leave, told at 1 ahead or 1 minute
  const file = { ...loadDayFile(REFERENCE_DAY), alerts: { share: 0.5, overMinutes: 4, travelMinutes: [1, 4] as [number, number], ahead: 1, minutes: 1 } };
  day = await simulateDay({ file, tickets: 300, until: '11:00', roster: 'small' });
}, 120_000);

/** A copy of the day with one thing broken. */
const broken = (change: (r: SimResult) => void): SimResult => {
  const copy = structuredClone(day);
  change(copy);
  return copy;
};

describe('a simulated morning (300 tickets, 6 counters)', () => {
  it('runs the day through the server: tickets in every queue, transfers, no-shows, counters opened, paused and moved', () => {
    expect(day.tickets.length).toBeGreaterThan(240);
    expect(day.tickets.length).toBeLessThan(360);
    for (const q of day.queues) expect(day.tickets.some((t) => t.queue === q.id), q.id).toBe(true);
    const kinds = new Set(day.actions.map((a) => a.kind));
    for (const k of ['issue', 'call', 'start', 'complete', 'transfer', 'recall', 'no-show', 'counter']) expect(kinds, k).toContain(k);
    expect(day.actions.some((a) => a.kind === 'counter' && a.availability === 'paused')).toBe(true);
    expect(day.tickets.some((t) => t.priority)).toBe(true);
    expect(day.display.announced).toBeGreaterThan(day.tickets.length);
  });

  it('keeps every invariant: order, labels, accounting, durations, display = server', () => {
    expect(day.errors).toEqual([]);
    expect(checkDay(day)).toEqual([]);
    expect(day.display.checkpoints.length).toBeGreaterThanOrEqual(3);
  });

  it('prints estimates closer to the actual waits than the naive estimate', () => {
    const points = analyse(day).points;
    const mae = (f: (p: (typeof points)[number]) => number) => points.reduce((a, p) => a + Math.abs(f(p) - p.actual), 0) / points.length;
    expect(points.length).toBeGreaterThan(200);
    expect(mae((p) => p.estimate)).toBeLessThan(mae((p) => p.naive));
  });
});

describe('citizens who leave with a turn-near alert', () => {
  it('sign up by e-mail, get the near alert through the relay before their call, and are back in time or miss it', () => {
    const a = analyse(day).alerts;
    expect(day.strayMails).toBe(0);
    expect(a.signedUp).toBeGreaterThan(10);
    expect(a.alerted).toBeGreaterThan(0);
    // everyone who left was called at last, back in time or not
    expect(a.backInTime + a.missed).toBe(a.signedUp);
    expect(a.missedThenRecalled + a.missedNoShow).toBe(a.missed);
    expect(a.backInTime).toBeGreaterThan(0);
    for (const x of day.alerts) {
      const kinds = x.mails.map((m) => m.kind);
      // told once that the turn is near, and told of the call
      expect(kinds.filter((k) => k === 'near').length, `ticket ${x.ticket}`).toBeLessThanOrEqual(1);
      expect(kinds, `ticket ${x.ticket}`).toContain('called');
      if (x.nearAt !== null) {
        expect(x.calledAt, `ticket ${x.ticket}`).not.toBeNull();
        expect(x.calledAt ?? 0, `ticket ${x.ticket}: lead time`).toBeGreaterThanOrEqual(x.nearAt);
        expect(x.nearAt).toBeGreaterThanOrEqual(x.signedUpAt);
      }
      // back a travel time after the first mail
      const first = x.mails[0];
      if (first && x.backAt !== null) expect(x.backAt - first.at).toBeCloseTo(x.travelMinutes * 60_000, -3);
    }
    expect(a.lead.count).toBe(day.alerts.filter((x) => x.nearAt !== null).length);
    expect(a.lead.p10).toBeGreaterThanOrEqual(0);
    expect(a.lead.median).toBeGreaterThanOrEqual(a.lead.p10);
  });

  it('draws who leaves from a stream of its own: the day is otherwise the same citizens, and the same again for the same seed', () => {
    const file = loadDayFile(REFERENCE_DAY);
    const strip = (cs: Citizen[]) => cs.map(({ signsUp: _s, travelMinutes: _t, ...rest }) => rest);
    const withAlerts = buildDay(file, { tickets: 300, until: '11:00', roster: 'small' });
    const without = buildDay(file, { tickets: 300, until: '11:00', roster: 'small', alertShare: 0 });
    expect(without.citizens.some((c) => c.signsUp)).toBe(false);
    expect(withAlerts.citizens.some((c) => c.signsUp)).toBe(true);
    expect(strip(withAlerts.citizens)).toEqual(strip(without.citizens));
    expect(buildDay(file, { tickets: 300, until: '11:00', roster: 'small' }).citizens).toEqual(withAlerts.citizens);
  });
});

describe('checkDay() catches a broken day', () => {
  it('checkDay() reports a call out of first-come order', () => {
    const r = broken((x) => {
      const calls = x.actions.filter((a): a is Extract<typeof a, { kind: 'call' }> => a.kind === 'call' && a.ticket !== null);
      const queueOf = new Map(x.tickets.map((t) => [t.id, t]));
      const pair = calls.findIndex((a, i) => {
        const b = calls[i + 1];
        const ta = a.ticket === null ? undefined : queueOf.get(a.ticket);
        const tb = b === undefined || b.ticket === null ? undefined : queueOf.get(b.ticket);
        // two normal tickets of a queue, both waiting when the first was called
        return ta && tb && ta.queue === tb.queue && !ta.priority && !tb.priority && !ta.lowCounter && !tb.lowCounter && tb.issuedAt < a.at;
      });
      const a = calls[pair];
      const b = calls[pair + 1];
      if (!a || !b) throw new Error('no two calls to swap');
      [a.ticket, b.ticket] = [b.ticket, a.ticket];
    });
    expect(checkDay(r).some((v) => v.includes('out of order'))).toBe(true);
  });

  it('checkDay() reports a counter finding nobody while someone waited', () => {
    const r = broken((x) => {
      const call = x.actions.find((a) => a.kind === 'call' && a.ticket !== null);
      if (call?.kind === 'call') call.ticket = null;
    });
    expect(checkDay(r).some((v) => v.includes('found nobody'))).toBe(true);
  });

  it('checkDay() reports a label issued twice in a queue-day', () => {
    const r = broken((x) => {
      const issues = x.actions.filter((a): a is Extract<typeof a, { kind: 'issue' }> => a.kind === 'issue' && a.queue === 'certificates');
      const [first, second] = issues;
      if (!first || !second) throw new Error('no two issues');
      second.label = first.label;
    });
    expect(checkDay(r).some((v) => v.includes('issued twice'))).toBe(true);
  });

  it('checkDay() reports a ticket lost by the server and one left open', () => {
    const r = broken((x) => {
      x.serverTickets.splice(5, 1);
      const open = x.serverTickets[10];
      if (open) open.state = 'waiting';
    });
    const v = checkDay(r);
    expect(v.some((x) => x.includes('(lost)'))).toBe(true);
    expect(v.some((x) => x.includes('still waiting'))).toBe(true);
  });

  it('checkDay() reports a negative duration', () => {
    const r = broken((x) => {
      const t = x.serverTickets.find((s) => s.calledAt !== null);
      if (t) t.calledAt = new Date(Date.parse(t.issuedAt) - 60_000).toISOString();
    });
    expect(checkDay(r).some((v) => v.includes('negative duration'))).toBe(true);
  });

  it('checkDay() reports a display that differs from the server, and a wrong waiting count', () => {
    const r = broken((x) => {
      const q = x.display.final?.queues[0];
      if (q) q.waiting += 1;
      const c = x.display.checkpoints[0];
      if (c) c.waiting = Object.fromEntries(Object.entries(c.waiting).map(([k, n]) => [k, n + 2]));
    });
    const v = checkDay(r);
    expect(v.some((x) => x.includes('display differs'))).toBe(true);
    expect(v.some((x) => /shows \d+ waiting/.test(x))).toBe(true);
  });

  it('checkDay() reports a wrong number of people ahead on a ticket', () => {
    const r = broken((x) => {
      const t = x.tickets.find((s) => s.ahead > 2);
      if (t) t.ahead -= 1;
    });
    expect(checkDay(r).some((v) => v.includes('ahead'))).toBe(true);
  });
});
