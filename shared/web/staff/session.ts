import { useCallback, useEffect, useState } from 'react';
import { staffApi, type QueueCatalogue, type User } from '../staff-api';

/**
 * Runs `load` now, and again `retryMs` after each failure (`null`: once), until it answers or the
 * returned stop is called (an effect's cleanup): a late answer after the stop is dropped.
 */
export function retrying<T>(load: () => Promise<T>, onAnswer: (value: T) => void, retryMs: number | null): () => void {
  let stop = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const attempt = () => {
    load().then(
      (value) => {
        if (!stop) onAnswer(value);
      },
      () => {
        if (!stop && retryMs !== null) timer = setTimeout(attempt, retryMs);
      },
    );
  };
  attempt();
  return () => {
    stop = true;
    clearTimeout(timer);
  };
}

export interface StaffSession {
  /** undefined while the server has not answered yet, null when nobody is signed in */
  user: User | null | undefined;
  onSignedIn: (user: User) => void;
  /** signs out on the server (a session gone already is signed out either way), then shows the sign-in */
  signOut: () => void;
  /** the server refused the session (a 401, the socket refused): back to the sign-in */
  onSessionEnded: () => void;
}

/** Who is signed in with the session cookie: asked on load, again every 3 s until the server answers. */
export function useStaffSession(): StaffSession {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  useEffect(() => retrying(staffApi.me, setUser, 3_000), []);
  const signOut = useCallback(() => {
    void staffApi
      .logout()
      .catch(() => null)
      .then(() => setUser(null));
  }, []);
  const onSessionEnded = useCallback(() => setUser(null), []);
  return { user, onSignedIn: setUser, signOut, onSessionEnded };
}

/**
 * The procedures of each queue (GET …/queues; not in the snapshot), `[]` until they came. A
 * failure is tried again after `retryMs`; with `null` the page does without (it shows ids).
 */
export function useQueueCatalogue(siteId: string, retryMs: number | null): QueueCatalogue[] {
  const [catalogue, setCatalogue] = useState<QueueCatalogue[]>([]);
  useEffect(() => retrying(() => staffApi.queues(siteId), setCatalogue, retryMs), [siteId, retryMs]);
  return catalogue;
}

/**
 * One live store (socket) for the site, made in an effect so that StrictMode's second run closes
 * the first; null until it is made. Closed when the site changes or the page leaves it.
 */
export function useSiteLive<L extends { close(): void }>(siteId: string, make: (siteId: string) => L): L | null {
  const [live, setLive] = useState<L | null>(null);
  useEffect(() => {
    const l = make(siteId);
    setLive(l);
    return () => l.close();
  }, [siteId, make]);
  return live;
}
