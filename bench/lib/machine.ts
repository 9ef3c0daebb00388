/** The machine a run measured: CPU, cores, memory, Node, OS, load. */
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type as osType } from 'node:os';

export function describeMachine(): string {
  const cpu = cpus();
  let os = `${osType()} ${release()}`;
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
    if (pretty) os = `${pretty} (${osType()} ${release()})`;
  } catch {
    // not Linux: the kernel name and release will do
  }
  const load = loadavg().map((l) => l.toFixed(2)).join(', ');
  return `${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores; ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM; Node ${process.version}; ${os}; load average at start ${load}`;
}
