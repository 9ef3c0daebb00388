/**
 * The server process: settings from the environment, configuration file, listen, print the
 * links of the pages, roll the business day over, and shut down gracefully on SIGTERM/SIGINT.
 */
import closeWithGrace from 'close-with-grace';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrinterSimulator } from '@madoguchi/printer';
import { ManualClock } from './adapters/clock/manual-clock.js';
import { SystemClock } from './adapters/clock/system-clock.js';
import { DatabaseUnusableError, unusableDatabaseAdvice } from './adapters/sqlite/database-problem.js';
import { ConfigError, loadInstallation, readSettings, SettingsError } from './config.js';
import { createMadoguchi, type Madoguchi } from './server.js';

const DEMO_DEVICES_FILE = 'demo-devices.json';

interface DemoDevices {
  [site: string]: { kiosk: string; display: string; counter: string };
}

/**
 * The embedded sample office gets one kiosk, display and counter device on first start; their
 * tokens are kept (mode 0600) in the data directory so the printed links work on every start.
 */
function demoDevices(m: Madoguchi, dataDir: string, sites: readonly string[]): DemoDevices {
  const file = join(dataDir, DEMO_DEVICES_FILE);
  const known: DemoDevices = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DemoDevices) : {};
  let changed = false;
  for (const site of sites) {
    const d = known[site];
    if (d && [d.kiosk, d.display, d.counter].every((t) => m.auth.authenticateDevice(t))) continue;
    known[site] = {
      kiosk: m.auth.createDevice(site, 'kiosk', 'demo kiosk').token,
      display: m.auth.createDevice(site, 'display', 'demo display').token,
      counter: m.auth.createDevice(site, 'counter', 'demo counter').token,
    };
    changed = true;
  }
  if (changed) writeFileSync(file, JSON.stringify(known, null, 2), { mode: 0o600 });
  return known;
}

async function main(): Promise<void> {
  const settings = readSettings();
  const config = loadInstallation(settings);
  const clock = settings.manualClock ? new ManualClock(settings.manualClock) : new SystemClock();
  // printers of kind "simulator" (the embedded sample office) print to the project's simulator
  const needsSimulator = config.sites.some((s) => s.printers.some((p) => p.transport.kind === 'simulator'));
  const simulator = needsSimulator ? new PrinterSimulator({ port: settings.printerSimPort, host: '127.0.0.1', webPort: settings.printerSimWebPort }) : null;
  const sim = simulator ? await simulator.start() : null;
  const m = await createMadoguchi({
    dataDir: settings.dataDir,
    config,
    clock,
    logger: { level: settings.logLevel },
    frameAncestors: settings.frameAncestors,
    trustProxy: settings.trustProxy,
    pagesRoot: fileURLToPath(new URL('../../', import.meta.url)),
    printing: sim ? { simulatorPort: sim.port } : {},
    // turn-near alerts: Web Push always, e-mail and LINE when their settings are given
    turnAlerts: { env: settings.turnAlerts },
  });

  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) m.app.log.error({ err }, 'fatal error, shutting down');
    else m.app.log.info({ signal }, 'shutting down');
    clearInterval(rollover);
    await m.close();
    await simulator?.close();
  });

  // the business day changes at local midnight, the schedule opens and closes issuing, and waits
  // pass their alert thresholds, even when nobody acts
  const rollover = setInterval(() => m.tick(), 30_000);
  rollover.unref();

  const address = await m.app.listen({ port: settings.port, host: settings.host });
  const base = config.publicUrl.includes('localhost') ? address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost') : config.publicUrl;
  const lines: string[] = [`madoguchi is listening on ${address}`];
  if (m.initialAdminPassword) {
    lines.push(
      '',
      'First start: created the administrator account (shown once; also in DATA_DIR/initial-admin.txt):',
      `  username: admin`,
      `  password: ${m.initialAdminPassword}`,
    );
  }
  if (!settings.configPath) {
    const devices = demoDevices(m, settings.dataDir, config.sites.map((s) => s.id));
    lines.push('', 'Embedded sample ward office (demo mode: issuing is open at any hour). Try:');
    for (const site of config.sites) {
      const d = devices[site.id];
      if (!d) continue;
      lines.push(
        `  ${site.name.ja} / ${site.name.en}`,
        `    kiosk    ${base}/kiosk/?token=${d.kiosk}`,
        `    display  ${base}/display/?token=${d.display}`,
        `    counter  ${base}/counter/   (sign in as a clerk)`,
        `    manager  ${base}/manager/   (sign in as admin, or a manager)`,
        `    status   ${base}/status/   ·   API ${base}/api/v1/sites/${site.id}/status`,
      );
    }
  }
  if (sim) lines.push('', `Printer simulator: TCP 127.0.0.1:${sim.port}${sim.webPort ? ` · printed tickets at http://localhost:${sim.webPort}/` : ''}`);
  lines.push('', `API documentation: ${base}/docs`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof SettingsError) {
    process.stderr.write(`madoguchi: ${err.message}\n`);
  } else if (err instanceof DatabaseUnusableError) {
    // settings were read before the database was opened: they cannot fail here
    const settings = readSettings();
    process.stderr.write(unusableDatabaseAdvice(err, [settings.backupDir, settings.dataDir]));
  } else {
    process.stderr.write(`madoguchi: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  process.exit(1);
});
