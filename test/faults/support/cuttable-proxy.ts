/**
 * A TCP proxy whose "network" can be cut, as a display's Wi-Fi or cable is lost: while cut, the
 * bytes of established connections are dropped silently in both directions (no FIN, no RST:
 * each end finds out by its own heartbeat) and new connections are refused (reset at once).
 * A connection that was cut never carries data again (its byte stream has holes); restoring
 * the network resets those and lets new connections through.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

interface Pair {
  client: Socket;
  upstream: Socket;
  dead: boolean;
}

export class CuttableProxy {
  private readonly server: Server;
  private readonly pairs = new Set<Pair>();
  private cut = false;
  /** connections refused while cut */
  refused = 0;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {
    this.server = createServer((client) => this.accept(client));
  }

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const a = this.server.address();
    this.port = typeof a === 'object' && a ? a.port : 0;
    return this.port;
  }

  /** The network goes away: established connections go silent, new ones are refused. */
  cutNetwork(): void {
    this.cut = true;
    for (const p of this.pairs) p.dead = true;
  }

  /** The network is back: cut connections are reset, new ones pass. */
  restoreNetwork(): void {
    this.cut = false;
    for (const p of [...this.pairs]) {
      if (!p.dead) continue;
      p.client.resetAndDestroy();
      p.upstream.destroy();
      this.pairs.delete(p);
    }
  }

  async close(): Promise<void> {
    for (const p of this.pairs) {
      p.client.destroy();
      p.upstream.destroy();
    }
    this.pairs.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    if (this.cut) {
      this.refused += 1;
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(this.target);
    const pair: Pair = { client, upstream, dead: false };
    this.pairs.add(pair);
    const forward = (from: Socket, to: Socket): void => {
      from.on('data', (d: Buffer) => {
        if (!pair.dead) to.write(d);
      });
      // an end closing its side is news for the other only while the network works
      from.on('close', () => {
        if (!pair.dead) {
          to.destroy();
          this.pairs.delete(pair);
        }
      });
      from.on('error', () => from.destroy());
    };
    forward(client, upstream);
    forward(upstream, client);
  }
}
