/**
 * Call buttons on a full disk (issue #13 item 1): a press that cannot be stored says STORAGE_FULL
 * on the button's status (not INTERNAL, and not one error line per press), and a button learned
 * meanwhile works at once and is stored once there is room.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { diskFullError, failWritesMatching, recordingLog } from '../../test-support/disk-full.js';
import { config, harness, KIOSK, openCounters, site, type Harness } from '../../test-support/fixtures.js';
import { StorageWatch } from '../sqlite/storage-watch.js';
import { ButtonService } from '../../app/button-service.js';
import { FakeButtonSource } from './fake-button-source.js';
import { SqliteButtonBindings } from '../sqlite/sqlite-button-bindings.js';

const FOOT = { vendorId: 0x0c45, productId: 0x7403, product: 'FootSwitch' };
const B = 5;

let open: { h: Harness; service: ButtonService } | undefined;
afterEach(async () => {
  await open?.service.close();
  open?.h.close();
  open = undefined;
});

function setup(buttons = [{ ...FOOT, path: '1-1.2', counter: '1', codes: { [B]: 'next' as const } }]) {
  const h = harness({ config: config(site('naka', { buttons })) });
  const disk = { full: true, free: 0 };
  failWritesMatching(h.database.connection, /INSERT INTO button_bindings/, () => disk.full);
  const timers: Array<() => void> = [];
  const storage = new StorageWatch({ freeBytes: () => disk.free, resumeBytes: 1, every: (fn) => (timers.push(fn), () => timers.splice(0)) });
  const log = recordingLog();
  storage.attach({ log });
  const source = new FakeButtonSource(h.clock);
  const service = new ButtonService({ source, engine: h.engine, config: h.engine.deps.config, clock: h.clock, log, storage, store: new SqliteButtonBindings(h.database) });
  service.start();
  openCounters(h, 'naka', ['1', '2']);
  open = { h, service };
  const roomAgain = () => {
    disk.full = false;
    disk.free = 1 << 20;
    for (const t of [...timers]) t();
  };
  return { h, source, service, log, roomAgain };
}

describe('call buttons on a full disk', () => {
  it('a press that cannot be stored shows STORAGE_FULL on the button, logged once for many presses', () => {
    const { h, source, service, log } = setup();
    h.engine.takeTicket('naka', { queue: 'certificates' }, KIOSK);
    vi.spyOn(h.engine, 'callNext').mockImplementation(() => {
      throw diskFullError();
    });
    const foot = source.attach({ ...FOOT, path: '1-1.2' });
    for (let i = 0; i < 5; i++) {
      source.keys(foot.key, B);
      h.clock.advance(80);
      source.keys(foot.key);
      h.clock.advance(500);
    }
    expect(service.buttonStatuses('naka')[0]?.lastResult).toMatchObject({ ok: false, code: 'STORAGE_FULL' });
    expect(log.errors()).toHaveLength(1);
  });

  it('a button learned while the disk is full works at once and is stored once there is room', async () => {
    const { h, source, service, roomAgain } = setup([]);
    const foot = source.attach({ ...FOOT, path: '1-1.9' });
    const learned = service.learn({ site: 'naka', counter: '2', action: 'next', actor: { kind: 'manager', id: 'suzuki' } });
    source.keys(foot.key, B);
    await expect(learned).resolves.toMatchObject({ counter: '2' });
    const rows = () => h.database.connection.prepare('SELECT counter_id FROM button_bindings').all();
    expect(rows()).toEqual([]);
    roomAgain();
    expect(rows()).toEqual([{ counter_id: '2' }]);
  });
});
