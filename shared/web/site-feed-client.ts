import { io, type Socket } from 'socket.io-client';
import {
  SiteFeed,
  SITE_EVENT_TYPES,
  type AlertsMessage,
  type ClientToServerEvents,
  type FeedListener,
  type ServerToClientEvents,
  type SiteEvent,
  type SocketAuth,
} from '@madoguchi/shared';

type PageSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What a page hears from its site's feed; every handler is optional. */
export interface SiteFeedHandlers extends FeedListener {
  /** every site event as it arrives, after the feed has taken it into the state */
  onEvent?(e: SiteEvent): void;
  /** staff only: the set of alerts changed */
  onAlerts?(m: AlertsMessage): void;
  /** the server refused the credentials (a revoked token, an ended session, another site) */
  onRefused?(): void;
}

export interface SiteFeedOptions {
  /** a staff page: the session cookie goes with the handshake */
  withCredentials?: boolean;
  /** socket.io's longest wait between reconnection attempts */
  reconnectionDelayMax?: number;
  /** the wait before connecting again after the server ended the connection or failed it */
  retryMs?: number;
  /** the refusals that mean the credentials are not good (the page says so) */
  refusedCodes?: readonly string[];
  /** the wait before trying again after a refusal, or null to stay refused (staff sign in again) */
  refusedRetryMs?: number | null;
  /** drop the connection the moment the browser says the network is gone (a WebSocket may take a ping timeout) */
  dropWhenOffline?: boolean;
}

export interface SiteFeedConnection {
  readonly feed: SiteFeed;
  /** Asks for a fresh snapshot now, when connected (states may have moved without an event). */
  refresh(): void;
  close(): void;
}

/** Opening hours begin and end without any event: a fresh snapshot this often keeps the states right. */
const RESYNC_MS = 60_000;

/**
 * A page's live connection to its site: a socket.io-client socket with the page's credentials,
 * kept in a SiteFeed (the snapshot on every connection, events in sequence, a resync on a gap and
 * every minute). It reconnects when socket.io would not by itself: after the server ended the
 * connection (restart, shutdown) or refused the handshake — later, or never, for refused
 * credentials. Subscribes to every event type of the map, so a new one cannot be missed.
 */
export function connectSiteFeed(auth: SocketAuth, handlers: SiteFeedHandlers, options: SiteFeedOptions = {}): SiteFeedConnection {
  const retryMs = options.retryMs ?? 2_000;
  const refusedCodes = options.refusedCodes ?? ['UNAUTHORIZED', 'FORBIDDEN'];
  const refusedRetryMs = options.refusedRetryMs === undefined ? 30_000 : options.refusedRetryMs;
  const socket: PageSocket = io({
    auth,
    ...(options.withCredentials ? { withCredentials: true } : {}),
    ...(options.reconnectionDelayMax !== undefined ? { reconnectionDelayMax: options.reconnectionDelayMax } : {}),
  });
  const feed = new SiteFeed(socket, handlers);
  for (const type of SITE_EVENT_TYPES) socket.on(type, (e: SiteEvent) => handlers.onEvent?.(e));
  socket.on('alerts', (m) => handlers.onAlerts?.(m));

  let retry: ReturnType<typeof setTimeout> | null = null;
  const connectIn = (ms: number): void => {
    if (retry) return;
    retry = setTimeout(() => {
      retry = null;
      socket.connect();
    }, ms);
  };
  socket.on('disconnect', (reason) => {
    // the server ended the connection (restart, shutdown): socket.io does not come back by itself
    if (reason === 'io server disconnect') connectIn(retryMs);
  });
  socket.on('connect_error', (err) => {
    if (socket.active) return; // a network failure: socket.io retries with backoff
    if (!refusedCodes.includes(err.message)) return connectIn(retryMs);
    handlers.onRefused?.();
    if (refusedRetryMs !== null) connectIn(refusedRetryMs);
  });
  const resync = setInterval(() => {
    if (feed.online) feed.requestResync();
  }, RESYNC_MS);
  const onOffline = (): void => {
    if (socket.connected) socket.io.engine.close();
  };
  if (options.dropWhenOffline) window.addEventListener('offline', onOffline);

  return {
    feed,
    refresh: () => {
      if (feed.online) feed.requestResync();
    },
    close: () => {
      clearInterval(resync);
      if (retry) clearTimeout(retry);
      window.removeEventListener('offline', onOffline);
      socket.close();
    },
  };
}
