import { SITE_EVENT_TYPES, type SiteEvent } from './events.js';
import type { Ack, RecentCall, ServerToClientEvents, SiteSnapshot } from './realtime.js';
import { applyEvent } from './site-state.js';

/** The part of a socket.io-client socket the feed uses, typed from the event maps (so it runs in pages and in tests). */
export interface FeedSocket {
  on<E extends keyof ServerToClientEvents>(event: E, listener: ServerToClientEvents[E]): unknown;
  on(event: 'connect', listener: () => void): unknown;
  on(event: 'disconnect', listener: () => void): unknown;
  emit(event: 'site:resync', ack: Ack<SiteSnapshot>): unknown;
}

export interface FeedListener {
  /** the state changed (snapshot or event) */
  onState?(state: SiteSnapshot): void;
  /** a call or recall to announce now: once, and never for calls made while disconnected */
  onAnnounce?(call: RecentCall): void;
  onConnection?(online: boolean): void;
}

/**
 * A page's live view of a site: the snapshot on (re)connect, then every event in sequence.
 * A gap triggers a resync; events replayed after a reconnect (connection state recovery) and
 * calls folded into a new snapshot go into the history without being announced as new.
 */
export class SiteFeed {
  state: SiteSnapshot | null = null;
  online = false;
  /** between a disconnect and the server's word that we are caught up: apply, don't announce */
  private catchingUp = false;
  /** a resync was asked for and not answered yet: the events until then need no second one */
  private resyncing = false;
  /** how far behind the events found the feed: the sequence numbers missing before each event that showed a gap, summed */
  gaps = 0;
  snapshots = 0;

  constructor(private readonly socket: FeedSocket, private readonly listener: FeedListener = {}) {
    socket.on('site:snapshot', (s) => this.resync(s));
    socket.on('site:caught-up', () => {
      this.catchingUp = false;
    });
    socket.on('connect', () => this.setOnline(true));
    socket.on('disconnect', () => {
      this.catchingUp = true;
      this.resyncing = false;
      this.setOnline(false);
    });
    for (const type of SITE_EVENT_TYPES) socket.on(type, (e: SiteEvent) => this.onEvent(e));
  }

  private setOnline(online: boolean): void {
    this.online = online;
    this.listener.onConnection?.(online);
  }

  private resync(s: SiteSnapshot): void {
    this.snapshots += 1;
    this.resyncing = false;
    this.catchingUp = false;
    this.state = s;
    this.listener.onState?.(s);
  }

  /** Asks the server for a fresh snapshot (after a gap, or when the page wakes up). */
  requestResync(): void {
    this.resyncing = true;
    this.socket.emit('site:resync', (r) => {
      if (r.ok) this.resync(r.data);
      else this.resyncing = false;
    });
  }

  private onEvent(e: SiteEvent): void {
    if (!this.state) return;
    const r = applyEvent(this.state, e);
    if (r.kind === 'gap') {
      this.gaps += r.got - r.expected;
      // one snapshot answers every gap seen until it arrives
      if (!this.resyncing) this.requestResync();
      return;
    }
    if (r.kind !== 'applied') return;
    this.state = r.state;
    this.listener.onState?.(r.state);
    if (r.announce && !this.catchingUp) this.listener.onAnnounce?.(r.announce);
  }
}
