// Preloaded into the production server (`node --expose-gc --import ./bench/lib/memory-probe.mjs
// server/dist/madoguchi.js`) by bench/memory.ts: answers { id, cmd: 'memory' } over IPC with
// process.memoryUsage() after two full collections. Nothing else in the server changes.
process.on('message', (m) => {
  if (m?.cmd !== 'memory') return;
  globalThis.gc?.();
  globalThis.gc?.();
  process.send?.({ id: m.id, ok: true, result: { ...process.memoryUsage(), dropped: 0 } });
});
// the IPC channel must not keep a server that was told to stop alive
process.channel?.unref();
