import { createReadStream, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { SqliteDatabase } from '../server/src/adapters/sqlite/sqlite-database.js';
import { SqliteStore } from '../server/src/adapters/sqlite/sqlite-store.js';
import { SqliteForecastStore } from '../server/src/adapters/sqlite/sqlite-forecast-store.js';
import { SqliteHistoryStore } from '../server/src/adapters/sqlite/sqlite-history-store.js';
import { engineDeps } from '../server/src/app/context.js';
import { importHistory } from '../server/src/app/history-import.js';
import { SystemClock } from '../server/src/adapters/clock/system-clock.js';
import { sampleSite } from './lib/year-data.js';
import { config } from '../server/src/test-support/fixtures.js';
const db = new SqliteDatabase({ file: join(mkdtempSync(join(tmpdir(), 'imp-')), 'db.sqlite') });
const store = new SqliteStore(db);
const cfg = config(sampleSite());
const engine = engineDeps({ store, clock: new SystemClock(), config: cfg, newToken: () => '' });
for (const s of cfg.sites) store.ensureSite?.(s.id);
const t0 = performance.now();
try {
const r = await importHistory({ engine, history: new SqliteHistoryStore(db), forecast: new SqliteForecastStore(db) }, 'naka', createReadStream('/tmp/imp-t/h.csv'));
console.log(r.imported, r.skipped, r.days.length, Math.round(performance.now() - t0), 'ms', process.resourceUsage().maxRSS);
} catch (e) { console.log(e); }
