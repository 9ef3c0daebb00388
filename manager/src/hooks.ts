import { useCallback, useEffect, useRef, useState } from 'react';
import { asApiError } from './api';
import type { MessageKey } from './i18n';

/** This PC's clock, ticking every `ms` (timers on the page add the server's offset). */
export function useNow(ms = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** Kept as data, so that it is shown in whatever language is chosen now. */
export type Notice =
  | { kind: 'error'; code: string; reason: string | null }
  | { kind: 'info'; key: MessageKey; params?: Record<string, string | number> };

export interface ActionRunner {
  /** the name of the request in flight, or null */
  busy: string | null;
  notice: Notice | null;
  setNotice: (n: Notice | null) => void;
  /**
   * Runs one request at a time; a refusal becomes an error notice (its code through the
   * catalogue; `mapCode` can tell it more precisely), success the given info notice.
   * Resolves true when it worked.
   */
  run: (name: string, request: () => Promise<unknown>, opts?: { done?: Notice; mapCode?: (e: ReturnType<typeof asApiError>) => string }) => Promise<boolean>;
}

export function useAction(onSessionEnded?: () => void): ActionRunner {
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const inFlight = useRef(false);
  const run = useCallback<ActionRunner['run']>(
    async (name, request, opts = {}) => {
      if (inFlight.current) return false;
      inFlight.current = true;
      setBusy(name);
      setNotice(null);
      try {
        await request();
        if (opts.done) setNotice(opts.done);
        return true;
      } catch (e) {
        const err = asApiError(e);
        if (err.status === 401) onSessionEnded?.();
        setNotice({ kind: 'error', code: opts.mapCode ? opts.mapCode(err) : err.code, reason: err.reason });
        return false;
      } finally {
        inFlight.current = false;
        setBusy(null);
      }
    },
    [onSessionEnded],
  );
  return { busy, notice, setNotice, run };
}
