import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { config, harness, KIOSK, site } from '../../test-support/fixtures.js';

const LOOP = fileURLToPath(new URL('../../test-support/issue-loop.ts', import.meta.url));

/** Runs the issuing loop and kills it with SIGKILL after `after` committed tickets. */
function issueUntilKilled(file: string, after: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', LOOP, file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let buf = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const parts = buf.split('\n');
      buf = parts.pop() ?? '';
      lines.push(...parts);
      if (lines.length >= after && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(lines);
      else reject(new Error(`loop exited ${code}: ${err}`));
    });
  });
}

describe('the store after a kill -9 mid-sequence', () => {
  it('reopens with every committed ticket and continues without reusing a number', async () => {
    const file = `${mkdtempSync(`${tmpdir()}/madoguchi-crash-`)}/m.db`;
    const acknowledged: string[] = [];
    for (let round = 0; round < 4; round++) {
      const lines = await issueUntilKilled(file, 20 + Math.floor(Math.random() * 60));
      acknowledged.push(...lines.filter((l) => !l.startsWith('called ')));

      const h = harness({ file, config: config(site('naka', { demo: true })) });
      const tickets = h.store.ticketsOfDay('naka', '2026-04-06');
      const labels = tickets.map((t) => t.label);
      // every label the child saw committed exists
      expect(acknowledged.filter((l) => !labels.includes(l))).toEqual([]);
      // no label twice
      expect(new Set(labels).size).toBe(labels.length);
      // no half-done transition: each ticket's state matches its last event, each called ticket is some counter's
      const events = h.store.events('naka');
      for (const t of tickets) {
        const last = events.filter((e) => e.ticketId === t.id).at(-1);
        expect(last?.toState).toBe(t.state);
      }
      const seqs = events.map((e) => e.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
      h.close();
    }
    // continuing after the last crash never reuses a number
    const h = harness({ file, config: config(site('naka', { demo: true })) });
    const before = new Set(h.store.ticketsOfDay('naka', '2026-04-06').map((t) => t.label));
    const next = h.engine.takeTicket('naka', { queue: 'certificates' }, KIOSK).ticket.label;
    expect(before.has(next)).toBe(false);
    h.close();
  }, 60_000);
});
