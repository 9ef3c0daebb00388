#!/usr/bin/env node
// Printed slips in the ticket's language, as the printer simulator draws them: a ticket of the
// sample office taken in Vietnamese and one taken in Korean, printed over TCP to the simulator as
// an Epson 80 mm kanji printer → docs/screenshots/slip-vi.png and slip-ko.png. It runs the built
// server (server/dist, `tsc -b` first), a ManualClock on a weekday morning and a throw-away data
// directory; no browser. Usage: node scripts/slip-screenshots.mjs
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { out, root } from './lib/screenshot-kit.mjs';

const build = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-b'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const { createMadoguchi } = await import(join(root, 'server/dist/server.js'));
const { ManualClock } = await import(join(root, 'server/dist/adapters/clock/manual-clock.js'));
const { parseConfig } = await import(join(root, 'server/dist/config-file.js'));
const { SAMPLE_CONFIG_TEXT } = await import(join(root, 'server/dist/sample-office.js'));
const { PrinterSimulator } = await import(join(root, 'printer/dist/index.js'));

/** Monday 2026-04-06 10:30 JST */
const MONDAY = '2026-04-06T01:30:00Z';

const sim = new PrinterSimulator({ port: 0, host: '127.0.0.1', paperWidthMm: 80 });
const dir = mkdtempSync(join(tmpdir(), 'madoguchi-slip-shots-'));
let m;
try {
  const { port } = await sim.start();
  const sample = parseConfig(SAMPLE_CONFIG_TEXT, 'sample-office.yaml');
  const lobby = { id: 'lobby', name: '1F lobby kiosk printer', transport: { kind: 'tcp', host: '127.0.0.1', port }, model: 'epson', paperWidthMm: 80, kanji: true };
  const config = { ...sample, sites: sample.sites.map((s) => ({ ...s, printers: [lobby], defaultPrinter: 'lobby' })) };
  m = await createMadoguchi({ dataDir: dir, config, clock: new ManualClock(MONDAY), logger: false, printing: { pollMs: 0 } });
  const kiosk = m.auth.createDevice('naka', 'kiosk', 'kiosk-shots').token;
  // two counters serving and a few people ahead, so that the slip shows a wait
  const clerk = { kind: 'clerk', id: 'tanaka' };
  for (const id of ['1', '2']) m.engine.setCounterState('naka', id, 'open', clerk, { clerk: `clerk-${id}` });
  for (let i = 0; i < 6; i += 1) m.engine.takeTicket('naka', { queue: 'certificates' }, { kind: 'device', id: 'kiosk-shots' });
  for (const id of ['1', '2']) m.engine.callNext('naka', id, clerk);
  mkdirSync(out, { recursive: true });
  for (const language of ['vi', 'ko']) {
    const res = await m.app.inject({
      method: 'POST',
      url: '/api/v1/sites/naka/tickets',
      headers: { authorization: `Bearer ${kiosk}` },
      payload: { queue: 'certificates', service: 'juminhyo', language },
    });
    if (res.statusCode !== 201) throw new Error(`ticket in ${language}: ${res.statusCode} ${res.body}`);
    const { label } = res.json();
    const printed = () => sim.entries().find((e) => e.receipt.lines.some((l) => l.text === label));
    const deadline = Date.now() + 10_000;
    while (!printed()) {
      if (Date.now() > deadline) throw new Error(`no slip printed for ${language}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    const entry = printed();
    const file = join(out, `slip-${language}.png`);
    writeFileSync(file, sim.png(entry.id));
    process.stdout.write(`${file}\n${entry.receipt.log}\n\n`);
  }
} finally {
  await m?.close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
}
