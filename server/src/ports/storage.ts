/**
 * Whether the disk under the database has room (the SQLite adapter's StorageWatch). A write that
 * failed for a full disk is logged once per spell, not per write; what must still be written
 * waits for the room to come back.
 */
export interface WriteRoom {
  /** Whether `err` was the disk being full (then noted, and logged once); `what` names the write. */
  failed(err: unknown, what: string): boolean;
  /** Runs `fn` once writes may succeed again; returns what cancels it. */
  whenWritable(fn: () => void): () => void;
}
