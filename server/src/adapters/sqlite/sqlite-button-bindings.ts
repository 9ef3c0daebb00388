import type Database from 'better-sqlite3';
import type { ButtonAction } from '@madoguchi/shared';
import type { ButtonBindingStore, StoredButtonBinding } from '../../ports/button-source.js';
import type { SqliteDatabase } from './sqlite-database.js';

interface Row {
  site_id: string;
  vendor_id: number;
  product_id: number;
  serial: string | null;
  port_path: string | null;
  code: number;
  counter_id: string;
  action: ButtonAction;
  created_at: string;
  created_by: string;
}

/** Learned button bindings in the `button_bindings` table (migration 0005), newest first. */
export class SqliteButtonBindings implements ButtonBindingStore {
  private readonly db: Database.Database;

  constructor(database: SqliteDatabase) {
    this.db = database.connection;
  }

  list(): StoredButtonBinding[] {
    const rows = this.db.prepare('SELECT * FROM button_bindings ORDER BY id DESC').all() as Row[];
    return rows.map((r) => ({
      siteId: r.site_id,
      vendorId: r.vendor_id,
      productId: r.product_id,
      serial: r.serial,
      path: r.port_path,
      code: r.code,
      counter: r.counter_id,
      action: r.action,
      createdAt: Date.parse(r.created_at),
      createdBy: r.created_by,
    }));
  }

  save(b: StoredButtonBinding): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `DELETE FROM button_bindings WHERE site_id = ? AND vendor_id = ? AND product_id = ?
             AND ifnull(serial, '') = ifnull(?, '') AND ifnull(port_path, '') = ifnull(?, '') AND code = ?`,
        )
        .run(b.siteId, b.vendorId, b.productId, b.serial, b.path, b.code);
      this.db
        .prepare(
          `INSERT INTO button_bindings (site_id, vendor_id, product_id, serial, port_path, code, counter_id, action, created_at, created_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(b.siteId, b.vendorId, b.productId, b.serial, b.path, b.code, b.counter, b.action, new Date(b.createdAt).toISOString(), b.createdBy);
    })();
  }

  remove(siteId: string, b: { vendorId: number; productId: number; serial: string | null; path: string | null }): number {
    return this.db
      .prepare(
        `DELETE FROM button_bindings WHERE site_id = ? AND vendor_id = ? AND product_id = ?
           AND ifnull(serial, '') = ifnull(?, '') AND ifnull(port_path, '') = ifnull(?, '')`,
      )
      .run(siteId, b.vendorId, b.productId, b.serial, b.path).changes;
  }
}
